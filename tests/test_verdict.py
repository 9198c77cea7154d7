"""The verdict rules and the contract-form detection, on hand-built findings and small texts."""
from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.casefile import Assessment, CaseFile
from clausecheck.model import Evidence, Finding, ParsedDocument, Severity, Status, VerdictStatus
from clausecheck.pipeline import parse
from clausecheck.verdict import decide_verdict, describe, detect_contract_form, form_signals

CLICK_THROUGH = """\
# Chatbot Terms of Use

## 1. Acceptance
By using the Service, you agree to these Terms. If you do not agree, do not use the Service.
"""
SIGNED = """\
# Enterprise Services Agreement

This Enterprise Services Agreement is entered into between Vendor Ltd ("Vendor") and the State of the
Netherlands ("Customer").

## 1. Services
Vendor shall provide the Services.

## Signatures

Signed by Vendor Ltd
Name: A. Person
Title: Chief Executive Officer
Date: 2026-01-10
"""
ARBIT = """\
# Overeenkomst generatieve AI-dienst

De ondergetekenden: de Staat der Nederlanden, hierna te noemen: "Opdrachtgever", en Leverancier B.V.,
hierna te noemen: "Opdrachtnemer", komen het volgende overeen.

## Artikel 1 Toepasselijkheid
1.1 Op deze Overeenkomst zijn de ARBIT-2022 van toepassing.
"""
NEUTRAL = """\
# Service description

## 1. Features
The service summarises documents. It runs in data centres in the European Union.
"""
ARBITRATION = """\
# Terms

## 20. Disputes
All disputes are subject to binding arbitration. ARBIT-2022 does not apply to this agreement.
"""


def contract(tmp_path: Path, text: str, name: str = "terms.md") -> ParsedDocument:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse(path)


def evidence(requirement: str, status: Status, text: str, clause: str | None = "3.2", page: int | None = 4,
             explanation: str = "") -> Evidence:
    return Evidence(requirement, "contracts/terms.pdf", page, clause, None, text, 100, 100 + len(text), status, 0.85,
                    f"{requirement}/en/rule", explanation)


def finding(requirement: str, status: Status, severity: Severity = Severity.BLOCKING, text: str | None = None,
            confidence: float = 0.85, explanation: str = "") -> Finding:
    found = (evidence(requirement, status, text, explanation=explanation),) if text else ()
    return Finding(requirement, requirement.title(), "genai", severity, status, confidence, found, explanation,
                   None if status is Status.MET else "fallback", ())


def confirmed_case(**overrides: Assessment) -> CaseFile:
    assessments = {
        "dpia": Assessment("done", "2026-02-10", "DPIA-2026-014"),
        "iama": Assessment("done", "2026-02-24", "IAMA-2026-003"),
        "cio_advice": Assessment("positive", "2026-03-02", "CIO-7"),
        "fg_advice": Assessment("positive", None, "FG-2026-021"),
    }
    assessments.update(overrides)
    return CaseFile("Drafting replies to letters", personal_data=True, assessments=assessments)


ALL_MET = (
    finding("GENAI-NO-TRAINING-ON-CUSTOMER-DATA", Status.MET, text="We do not train on Customer Content."),
    finding("ARBIT-GOVERNING-LAW", Status.MET, text="Dutch law applies."),
)


# --- contract form -----------------------------------------------------------------------------

def test_click_through_terms_are_not_contracted_and_the_sentence_is_kept(tmp_path: Path) -> None:
    form = detect_contract_form([contract(tmp_path, CLICK_THROUGH)])
    assert form.contracted is False
    assert form.decisive is not None and form.decisive.text == "By using the Service, you agree to these Terms."
    assert form.evidence == "terms 1: 'By using the Service, you agree to these Terms.'"


def test_signature_block_and_named_parties_make_a_contracted_agreement(tmp_path: Path) -> None:
    form = detect_contract_form([contract(tmp_path, SIGNED)])
    assert form.contracted is True
    assert form.decisive is not None and form.decisive.kind == "signature"
    assert "Signed by Vendor Ltd Name: A. Person" in form.decisive.text


def test_arbit_declared_applicable_in_dutch_is_decisive(tmp_path: Path) -> None:
    form = detect_contract_form([contract(tmp_path, ARBIT, "overeenkomst.md")])
    assert form.contracted is True
    assert form.decisive is not None and form.decisive.kind == "arbit"
    assert form.decisive.clause == "1.1"


def test_dutch_signing_formula_is_a_signature(tmp_path: Path) -> None:
    text = NEUTRAL + "\nAldus overeengekomen en in tweevoud ondertekend te Den Haag.\n\nNaam: J. Jansen\n\nHandtekening:\n"
    form = detect_contract_form([contract(tmp_path, text)])
    assert form.contracted is True
    assert form.decisive is not None and form.decisive.text.startswith("Aldus overeengekomen")


def test_no_signal_leaves_the_form_unknown(tmp_path: Path) -> None:
    assert detect_contract_form([contract(tmp_path, NEUTRAL)]).contracted is None


def test_arbitration_and_a_denied_arbit_are_not_an_arbit_declaration(tmp_path: Path) -> None:
    assert detect_contract_form([contract(tmp_path, ARBITRATION)]).contracted is None


def test_excluding_the_arbit_or_requiring_signed_amendments_is_no_contract_signal(tmp_path: Path) -> None:
    text = NEUTRAL + """
## 2. Entire agreement
No terms contained in any purchase order, including government terms such as the ARBIT, form part of this
Agreement. Any amendment is valid only if it is signed by authorised representatives of both parties.
"""
    assert detect_contract_form([contract(tmp_path, text)]).contracted is None


def test_one_signature_block_against_click_through_wording_is_unclear(tmp_path: Path) -> None:
    form = detect_contract_form([contract(tmp_path, SIGNED + "\n" + CLICK_THROUGH.replace("# Chatbot", "## Chatbot"))])
    assert form.contracted is None
    assert form.decisive is not None and form.click_through is not None


def test_arbit_and_signature_together_outweigh_click_through_wording(tmp_path: Path) -> None:
    signed = contract(tmp_path, ARBIT + "\nAldus overeengekomen en ondertekend.\n", "overeenkomst.md")
    annex = contract(tmp_path, CLICK_THROUGH, "annex.md")
    assert detect_contract_form([signed, annex]).contracted is True


@pytest.mark.parametrize(("sentence", "kind"), [
    ("Door gebruik te maken van de dienst gaat u akkoord met deze voorwaarden.", "click-through"),
    ("Indien u niet akkoord gaat met deze voorwaarden, mag u de dienst niet gebruiken.", "click-through"),
    ("You accept these Terms by clicking the button below.", "click-through"),
    ("By continuing to use the app, users consent to these terms.", "click-through"),
    ("Deze overeenkomst is door hun daartoe bevoegde vertegenwoordigers ondertekend.", "signature"),
    ("This Agreement is subject to the ARBIT-2022.", "arbit"),
    ("De Algemene Rijksvoorwaarden bij IT-overeenkomsten 2022 maken integraal deel uit van de Overeenkomst.", "arbit"),
    ("The services are provided under the signed Order Form.", "order-form"),
])
def test_form_signals_in_english_and_dutch(tmp_path: Path, sentence: str, kind: str) -> None:
    signals = form_signals(contract(tmp_path, f"# Terms\n\n## 1. General\n{sentence}\n"))
    assert [signal.kind for signal in signals] == [kind]
    assert signals[0].text == sentence


# --- verdict -----------------------------------------------------------------------------------

def test_compliant_needs_contract_blocking_met_and_confirmed_prerequisites(tmp_path: Path) -> None:
    verdict = decide_verdict(ALL_MET, [contract(tmp_path, SIGNED)], None, confirmed_case())
    assert verdict.status is VerdictStatus.COMPLIANT
    assert verdict.contracted is True
    assert verdict.reasons[0] == ("Contracted application: signature block: terms: 'Signed by Vendor Ltd Name: "
                                  "A. Person Title: Chief Executive Officer Date: 2026-01-10'")
    assert "Every blocking requirement is met (2 of 2)" in verdict.reasons
    assert "DPIA done for use case 'Drafting replies to letters' (2026-02-10, reference DPIA-2026-014)" \
        in verdict.reasons


def test_a_blocking_conflict_is_not_compliant_with_a_cited_reason(tmp_path: Path) -> None:
    findings = ALL_MET + (finding("GENAI-PROMPT-RETENTION", Status.CONFLICT,
                                  text="We may use Content to train and keep it forever."),)
    verdict = decide_verdict(findings, [contract(tmp_path, SIGNED)], None, confirmed_case())
    assert verdict.status is VerdictStatus.NOT_COMPLIANT
    assert verdict.reasons == ("GENAI-PROMPT-RETENTION conflict: terms 3.2, p. 4: "
                               "'We may use Content to train and keep it forever.'",)


def test_a_blocking_missing_requirement_is_not_compliant(tmp_path: Path) -> None:
    findings = ALL_MET + (finding("ARBIT-EXIT", Status.MISSING),)
    verdict = decide_verdict(findings, [contract(tmp_path, SIGNED)], None, confirmed_case())
    assert verdict.status is VerdictStatus.NOT_COMPLIANT
    assert verdict.reasons == ("ARBIT-EXIT missing: no clause in terms addresses it",)


def test_a_blocking_partial_needs_review_and_says_why(tmp_path: Path) -> None:
    findings = ALL_MET + (finding("GENAI-PROMPT-RETENTION", Status.PARTIAL, text="We keep prompts as long as needed.",
                                  explanation="Retention only 'as long as necessary'."),)
    verdict = decide_verdict(findings, [contract(tmp_path, SIGNED)], None, confirmed_case())
    assert verdict.status is VerdictStatus.NEEDS_REVIEW
    assert verdict.reasons == ("GENAI-PROMPT-RETENTION partial: terms 3.2, p. 4: 'We keep prompts as long as "
                               "needed.' (Retention only 'as long as necessary'.)",)


def test_click_through_terms_are_not_compliant_even_when_every_requirement_is_met(tmp_path: Path) -> None:
    verdict = decide_verdict(ALL_MET, [contract(tmp_path, CLICK_THROUGH)], None, confirmed_case())
    assert verdict.status is VerdictStatus.NOT_COMPLIANT
    assert verdict.contracted is False
    assert verdict.reasons[0] == ("Not a contracted application: click-through terms accepted by use, not a "
                                  "negotiated or signed agreement: terms 1: 'By using the Service, you agree to "
                                  "these Terms.'")


def test_the_command_line_overrides_the_detected_form(tmp_path: Path) -> None:
    documents = [contract(tmp_path, CLICK_THROUGH)]
    assert decide_verdict(ALL_MET, documents, True, confirmed_case()).status is VerdictStatus.COMPLIANT
    overridden = decide_verdict(ALL_MET, [contract(tmp_path, SIGNED)], False, confirmed_case())
    assert overridden.status is VerdictStatus.NOT_COMPLIANT
    assert overridden.reasons == ("Not a contracted application: set with --not-contracted",)


def test_unknown_form_needs_review(tmp_path: Path) -> None:
    verdict = decide_verdict(ALL_MET, [contract(tmp_path, NEUTRAL)], None, confirmed_case())
    assert verdict.status is VerdictStatus.NEEDS_REVIEW
    assert verdict.contracted is None
    assert verdict.reasons[0].startswith("Contract form unknown")


def test_without_a_case_file_prerequisites_are_unconfirmed(tmp_path: Path) -> None:
    verdict = decide_verdict(ALL_MET, [contract(tmp_path, SIGNED)], None, None)
    assert verdict.status is VerdictStatus.NEEDS_REVIEW
    assert verdict.reasons == ("No case file: DPIA, IAMA, CIO advice and FG advice are unconfirmed "
                               "(use --case case.yaml)",)


@pytest.mark.parametrize(("assessment", "expected", "reason"), [
    (Assessment("negative", "2026-03-01", "IAMA-9"), VerdictStatus.NOT_COMPLIANT,
     "IAMA negative for use case 'Drafting replies to letters' (2026-03-01, reference IAMA-9): the use case may not "
     "go ahead as assessed"),
    (Assessment("pending"), VerdictStatus.NEEDS_REVIEW,
     "IAMA pending for use case 'Drafting replies to letters': not yet confirmed"),
    (Assessment("done"), VerdictStatus.NEEDS_REVIEW,
     "IAMA done for use case 'Drafting replies to letters' but without a date or reference in the case file: "
     "record one so it can be verified"),
    (None, VerdictStatus.NEEDS_REVIEW, "IAMA not recorded in the case file for use case 'Drafting replies to letters'"),
])
def test_prerequisites_decide_with_the_contract(tmp_path: Path, assessment: Assessment | None,
                                                expected: VerdictStatus, reason: str) -> None:
    case = confirmed_case()
    assessments = {key: value for key, value in case.assessments.items() if key != "iama"}
    if assessment is not None:
        assessments["iama"] = assessment
    case = CaseFile(case.use_case, True, assessments=assessments)
    verdict = decide_verdict(ALL_MET, [contract(tmp_path, SIGNED)], None, case)
    assert verdict.status is expected
    assert reason in verdict.reasons


def test_conditional_gaps_without_a_case_file_are_points_for_review(tmp_path: Path) -> None:
    findings = ALL_MET + (finding("GDPR-DATA-SUBJECT-RIGHTS", Status.MISSING, Severity.CONDITIONAL),)
    verdict = decide_verdict(findings, [contract(tmp_path, SIGNED)], None, None)
    assert verdict.status is VerdictStatus.NEEDS_REVIEW
    assert verdict.reasons[0].startswith("GDPR-DATA-SUBJECT-RIGHTS missing: no clause in terms addresses it "
                                         "[conditional: blocking when the use case processes personal data")


def test_advisory_gaps_do_not_decide_but_are_mentioned(tmp_path: Path) -> None:
    findings = ALL_MET + (finding("GENAI-SUSTAINABILITY", Status.MISSING, Severity.ADVISORY),)
    verdict = decide_verdict(findings, [contract(tmp_path, SIGNED)], None, confirmed_case())
    assert verdict.status is VerdictStatus.COMPLIANT
    assert ("1 advisory requirement(s) not met; they do not decide the verdict: GENAI-SUSTAINABILITY"
            in verdict.reasons)


def test_a_blocking_requirement_met_with_low_confidence_needs_review(tmp_path: Path) -> None:
    findings = ALL_MET[:1] + (finding("ARBIT-GOVERNING-LAW", Status.MET, text="Dutch law applies.", confidence=0.3),)
    verdict = decide_verdict(findings, [contract(tmp_path, SIGNED)], None, confirmed_case())
    assert verdict.status is VerdictStatus.NEEDS_REVIEW
    assert verdict.reasons == ("ARBIT-GOVERNING-LAW met with low confidence (30%): terms 3.2, p. 4: "
                               "'Dutch law applies.'; check the wording",)


def test_blocking_gaps_come_before_points_for_review(tmp_path: Path) -> None:
    findings = (finding("GENAI-PROMPT-RETENTION", Status.PARTIAL, text="We keep prompts as long as needed."),
                finding("ARBIT-EXIT", Status.CONFLICT, text="We delete your data on termination."))
    verdict = decide_verdict(findings, [contract(tmp_path, NEUTRAL)], None, None)
    assert verdict.status is VerdictStatus.NOT_COMPLIANT
    assert verdict.reasons[0].startswith("ARBIT-EXIT conflict")
    assert verdict.reasons[1].startswith("Contract form unknown")
    assert verdict.reasons[-1].startswith("No case file")


def test_dutch_report_gets_dutch_reasons(tmp_path: Path) -> None:
    findings = ALL_MET + (finding("GENAI-NO-TRAINING-ON-CUSTOMER-DATA", Status.CONFLICT,
                                  text="We may use Content to improve our models."),)
    verdict = decide_verdict(findings, [contract(tmp_path, CLICK_THROUGH)], None, None, report_language="nl")
    assert verdict.reasons[0].startswith("Geen gecontracteerde toepassing: click-through-voorwaarden")
    assert ("GENAI-NO-TRAINING-ON-CUSTOMER-DATA strijdig: terms 3.2, blz. 4: "
            "'We may use Content to improve our models.'") in verdict.reasons
    assert verdict.reasons[-1].startswith("Geen casusbestand")


def test_describe_matches_the_documented_example() -> None:
    text = "We may use Content to develop and improve our models and services."
    described = describe(Finding("GENAI-NO-TRAINING-ON-CUSTOMER-DATA", "t", "genai", Severity.BLOCKING,
                                 Status.CONFLICT, 0.85, (Evidence("GENAI-NO-TRAINING-ON-CUSTOMER-DATA",
                                                                  "in/Terms.pdf", 4, "3.2", None, text, 0, len(text),
                                                                  Status.CONFLICT, 0.85, "r", ""),), "", None))
    assert described == f"GENAI-NO-TRAINING-ON-CUSTOMER-DATA conflict: Terms 3.2, p. 4: '{text}'"
