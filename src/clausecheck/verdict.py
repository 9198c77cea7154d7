"""The verdict: is this a *compliant contracted application* under the government's position?

compliant      the contract is negotiated or signed (not click-through), every blocking
               requirement is met, and the use case's DPIA, IAMA, CIO and FG advice are confirmed.
not-compliant  click-through terms, or a blocking requirement in conflict or missing.
needs-review   anything else: a blocking requirement only partly met, unknown contract form,
               or prerequisites that the case file does not confirm.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from clausecheck.casefile import CONFIRMED, PREREQUISITES, CaseFile
from clausecheck.model import Evidence, Finding, ParsedDocument, Severity, Status, Verdict, VerdictStatus

_CLICK_THROUGH = re.compile(
    r"\bby (?:accessing|using|clicking|downloading|registering|creating an account)\b[^.]{0,80}?\b(?:you|user)\b"
    r"[^.]{0,40}?\b(?:agree|accept|consent)"
    r"|\bif you do not agree\b[^.]{0,80}?\b(?:do not|don't|may not)\b[^.]{0,20}?\b(?:use|access)"
    r"|\bdoor (?:gebruik te maken|het gebruik|te klikken|toegang)\b[^.]{0,80}?\b(?:gaat u akkoord|aanvaardt u|stemt u in)"
    r"|\bindien u niet akkoord gaat\b",
    re.IGNORECASE,
)
_CONTRACTED = re.compile(
    r"\b(?:ARBIT|Algemene Rijksvoorwaarden bij IT-overeenkomsten)\b[^.]{0,120}?\b(?:van toepassing|apply|applies|applicable)"
    r"|\b(?:signed|executed) by (?:the )?(?:duly )?authori[sz]ed representatives\b"
    r"|\bfor and on behalf of\b|\bin witness whereof\b|\bondertekend\b|\bhandtekening\b"
    r"|\baldus (?:overeengekomen|opgemaakt)\b|\bnamens (?:de )?opdrachtgever\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ContractForm:
    contracted: bool | None
    evidence: str | None  # "<document> p. N: '<sentence>'" that decided


def detect_contract_form(documents: Sequence[ParsedDocument]) -> ContractForm:
    """Negotiated/signed agreement (True), click-through terms (False) or unknown (None)."""
    click_through: str | None = None
    for parsed in documents:
        for clause in parsed.clauses:
            for sentence in clause.sentences:
                where = _where(parsed.document.path, clause.number, parsed.document.page_at(sentence.start))
                if _CONTRACTED.search(sentence.text):
                    return ContractForm(True, f"{where}: '{_short(sentence.text)}'")
                if click_through is None and _CLICK_THROUGH.search(sentence.text):
                    click_through = f"{where}: '{_short(sentence.text)}'"
    if click_through:
        return ContractForm(False, click_through)
    return ContractForm(None, None)


def decide_verdict(findings: Sequence[Finding], documents: Sequence[ParsedDocument], contracted: bool | None,
                   case: CaseFile | None, report_language: str = "en") -> Verdict:
    form = ContractForm(contracted, "set on the command line") if contracted is not None \
        else detect_contract_form(documents)
    blocking_gaps: list[str] = []
    review: list[str] = []
    if form.contracted is False:
        blocking_gaps.append(f"not a contracted application: click-through terms ({form.evidence})")
    elif form.contracted is None:
        review.append("contract form unknown: no signature block, ARBIT declaration or click-through wording "
                      "found (use --contracted or --not-contracted)")
    for finding in findings:
        severity = finding.severity
        if severity is Severity.ADVISORY or finding.status is Status.MET:
            continue
        reason = describe(finding)
        if severity is Severity.BLOCKING and finding.status in (Status.CONFLICT, Status.MISSING):
            blocking_gaps.append(reason)
        else:
            review.append(reason)
    if case is None:
        review.append("no case file: DPIA, IAMA, CIO advice and FG advice are unconfirmed (use --case)")
    else:
        for name in PREREQUISITES:
            assessment = case.assessments.get(name)
            if assessment is None or assessment.status not in CONFIRMED:
                state = assessment.status if assessment else "unknown"
                target = blocking_gaps if assessment and assessment.status == "negative" else review
                target.append(f"{name.replace('_', ' ').upper()} {state} for use case '{case.use_case}'")
    if blocking_gaps:
        return Verdict(VerdictStatus.NOT_COMPLIANT, form.contracted, tuple(blocking_gaps + review))
    if review:
        return Verdict(VerdictStatus.NEEDS_REVIEW, form.contracted, tuple(review))
    return Verdict(VerdictStatus.COMPLIANT, form.contracted,
                   (f"contracted ({form.evidence}); every blocking requirement met; prerequisites confirmed",))


def describe(finding: Finding) -> str:
    """"GENAI-NO-TRAINING-ON-CUSTOMER-DATA conflict: Terms 3.2, p. 4: 'We may use Content ...'"."""
    if not finding.evidence:
        return f"{finding.requirement_id} {finding.status.value}: the contract does not address it"
    evidence = finding.evidence[0]
    return f"{finding.requirement_id} {finding.status.value}: {cite(evidence)}: '{_short(evidence.text)}'"


def cite(evidence: Evidence) -> str:
    return _where(evidence.document, evidence.clause, evidence.page)


def _where(document: str, clause: str | None, page: int | None) -> str:
    parts = [Path(document).stem]
    if clause:
        parts[0] += f" {clause}"
    if page:
        parts.append(f"p. {page}")
    return ", ".join(parts)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
