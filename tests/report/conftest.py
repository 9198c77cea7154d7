"""A Report built by hand: stable (independent of the matching engine) and hostile (its
contract text tries HTML, script and Markdown injection)."""
from __future__ import annotations

import pytest

from clausecheck.model import (DocFormat, DocumentInfo, Evidence, Finding, Report, Severity, Status, Verdict,
                               VerdictStatus)
from clausecheck.verdict import describe

TERMS = "contracts/acme-terms.pdf"
DPA = "contracts/acme-dpa.docx"
SCRIPT_QUOTE = "We may use Content to train our models. <script>window.__pwned = 'script';</script>"
IMAGE_QUOTE = 'Notices go to <img src=x onerror="window.__pwned = \'img\'"> legal@acme.example.'
MARKDOWN_QUOTE = "See [our policy](https://acme.example/policy) | **all** _rights_ reserved @legal #12."


def _evidence(requirement: str, document: str, page: int | None, clause: str | None, heading: str | None,
              text: str, role: Status, rule: str, explanation: str, start: int = 0) -> Evidence:
    return Evidence(requirement, document, page, clause, heading, text, start, start + len(text), role, 0.85,
                    f"{requirement}/en/{rule}", explanation)


def build_findings(language: str = "en") -> tuple[Finding, ...]:
    dutch = language == "nl"
    return (
        Finding(
            "GENAI-NO-TRAINING-ON-CUSTOMER-DATA",
            "Geen training op invoer of uitvoer van de klant" if dutch else "No training on customer inputs or outputs",
            "genai", Severity.BLOCKING, Status.CONFLICT, 0.85,
            (_evidence("GENAI-NO-TRAINING-ON-CUSTOMER-DATA", TERMS, 4, "3.2", "Use of Content", SCRIPT_QUOTE,
                       Status.CONFLICT, "supplier-uses-content-for-training",
                       "The supplier may use customer inputs or outputs to train or improve its models.", 812),),
            "conflict: The supplier may use customer inputs or outputs to train or improve its models.",
            "De Leverancier gebruikt Klantinhoud niet om modellen te trainen." if dutch
            else "The Supplier shall not use Customer Content to train, fine-tune or improve any model.",
            ("Kamerbrief voorlopig standpunt generatieve AI, 11 Dec 2023",),
        ),
        Finding(
            "GENAI-PROMPT-RETENTION", "Bewaartermijn van prompts" if dutch else "Limited retention of prompts",
            "genai", Severity.BLOCKING, Status.PARTIAL, 0.8,
            (_evidence("GENAI-PROMPT-RETENTION", TERMS, 5, "4.1", None, MARKDOWN_QUOTE, Status.PARTIAL,
                       "retention-as-long-as-necessary", "Retention only 'as long as necessary'.", 1020),),
            "partial: Retention only 'as long as necessary'.",
            "De Leverancier verwijdert prompts binnen 30 dagen." if dutch
            else "The Supplier deletes prompts and outputs within 30 days.",
        ),
        Finding(
            "GDPR-BREACH-NOTIFICATION", "Melding van datalekken" if dutch else "Breach notification",
            "gdpr", Severity.BLOCKING, Status.MET, 0.9,
            (_evidence("GDPR-BREACH-NOTIFICATION", DPA, None, "Article 7", "Personal data breaches", IMAGE_QUOTE,
                       Status.MET, "notify-without-undue-delay", "The supplier notifies breaches without undue delay.",
                       300),),
            "met: The supplier notifies breaches without undue delay.", None,
        ),
        Finding(
            "GDPR-DATA-SUBJECT-RIGHTS", "Rechten van betrokkenen" if dutch else "Data subject rights",
            "gdpr", Severity.CONDITIONAL, Status.MISSING, 1.0, (),
            "No clause in the contract addresses this requirement.",
            "De Leverancier helpt bij verzoeken van betrokkenen." if dutch
            else "The Supplier assists the Customer with data subject requests.",
        ),
        Finding(
            "ARBIT-GOVERNING-LAW", "Nederlands recht" if dutch else "Dutch law and courts",
            "arbit", Severity.BLOCKING, Status.MET, 0.9,
            (_evidence("ARBIT-GOVERNING-LAW", TERMS, 9, "12.1", "Governing law",
                       "These Terms are governed by the laws of the Netherlands and the courts of The Hague.",
                       Status.MET, "dutch-law-and-courts", "Dutch law and a Dutch court.", 5000),),
            "met: Dutch law and a Dutch court.", None,
        ),
        Finding(
            "GENAI-SUSTAINABILITY", "Duurzaamheid" if dutch else "Sustainability reporting",
            "genai", Severity.ADVISORY, Status.MISSING, 0.7, (),
            "No clause in the contract addresses this requirement.",
            "De Leverancier rapporteert jaarlijks het energieverbruik." if dutch
            else "The Supplier reports energy use and emissions annually.",
        ),
    )


def build_report(language: str = "en") -> Report:
    findings = build_findings(language)
    reasons = tuple(describe(finding, language, ("acme-terms", "acme-dpa"))
                    for finding in findings if finding.severity is Severity.BLOCKING and finding.status is not Status.MET)
    return Report(
        tool_version="0.1.0",
        library_name="clausecheck-nl-gov",
        library_version="2026.11.1",
        language="en",
        documents=(
            DocumentInfo(TERMS, "a" * 64, DocFormat.PDF, "en", 12, 48, ("page 7 has no text layer",)),
            DocumentInfo(DPA, "b" * 64, DocFormat.DOCX, "en", None, 20),
        ),
        findings=findings,
        verdict=Verdict(VerdictStatus.NOT_COMPLIANT, True, reasons),
        report_language=language,
        case={
            "use_case": "Summarising <b>incoming</b> letters",
            "personal_data": True, "decisions_about_people": False, "publishes_output": None,
            "assessments": {
                "dpia": {"status": "done", "date": "2026-02-10", "reference": "DPIA-2026-014"},
                "iama": {"status": "pending", "date": None, "reference": None},
                "cio_advice": {"status": "positive", "date": "2026-03-02", "reference": "CIO-7"},
            },
        },
    )


@pytest.fixture
def report() -> Report:
    return build_report("en")


@pytest.fixture
def dutch_report() -> Report:
    return build_report("nl")
