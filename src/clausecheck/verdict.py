"""The verdict: is this a *compliant contracted application* under the government's position?

compliant      the contract is negotiated or signed (not click-through), every blocking
               requirement is met, and the use case's DPIA, IAMA, CIO and FG advice are confirmed.
not-compliant  click-through terms, a blocking requirement in conflict or missing, or a negative
               assessment in the case file.
needs-review   anything else: a blocking requirement only partly met (or met with low
               confidence), a conditional requirement not met while no case file says whether it
               blocks, an unknown or unclear contract form, or prerequisites the case file does
               not confirm.

Every reason is one sentence that names the requirement and cites document, clause, page and
the quote that decided, in the report's language.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from clausecheck.casefile import NEGATIVE, PREREQUISITES, Assessment, CaseFile, use_case_title
from clausecheck.i18n import Labels, labels
from clausecheck.model import (Clause, Evidence, Finding, ParsedDocument, Severity, Status, Verdict,
                               VerdictStatus)

LOW_CONFIDENCE = 0.5  # a blocking requirement "met" below this is a point for review, not a pass
PARTIES_WINDOW = 2500  # parties are named at the start of an agreement

# Signals of a negotiated or signed agreement; strength 2 decides on its own, 1 only supports.
_ARBIT_NAME = (r"(?:(?-i:ARBIT)(?:[- ]?20\d\d)?|Algemene\s+Rijksvoorwaarden\s+(?:bij|voor)\s+IT-overeenkomsten"
               r"|General\s+Government\s+Terms\s+and\s+Conditions\s+for\s+IT\s+Contracts)")
_ARBIT_APPLIES = re.compile(
    rf"\b{_ARBIT_NAME}\b[^.;\n]{{0,160}}?\b(?:(?:(?:zijn|is|worden|wordt)\s+)?van\s+toepassing"
    rf"|(?:shall|will|do|does)?\s*apply\b|applies|are\s+applicable|is\s+applicable"
    rf"|maken?\s+(?:integraal\s+)?deel\s+uit|form(?:s)?\s+(?:an\s+integral\s+)?part)"
    rf"|\b(?:van\s+toepassing|applicable|apply|subject\s+to|onderworpen\s+aan|governed\s+by)\b[^.;\n]{{0,80}}?"
    rf"\b{_ARBIT_NAME}\b",
    re.IGNORECASE,
)
# A negation before the declaration ("No terms ... such as the ARBIT form part of this Agreement").
_NEGATION = re.compile(r"\b(?:not|no|none|never|nor|niet|geen|nooit|excluded|exclude|rejected|uitgesloten"
                       r"|van\s+de\s+hand\s+gewezen)\b", re.IGNORECASE)
_SIGNING_PHRASE = re.compile(
    r"\bin\s+witness\s+whereof\b"
    r"|\baldus\s+(?:overeengekomen|opgemaakt)\b[^.\n]{0,60}?\bondertekend\b"
    r"|\b(?:signed|executed)\s+(?:by|on\s+behalf\s+of)\s+(?:their|its)\s+(?:duly\s+)?authori[sz]ed\s+"
    r"(?:representatives?|signator(?:y|ies))\b"
    r"|\bdoor\s+(?:hun|de)\s+(?:daartoe\s+)?(?:bevoegde|gevolmachtigde)\s+vertegenwoordigers?\b[^.\n]{0,40}?\bondertekend\b",
    re.IGNORECASE,
)
_SIGNATURE_LABEL = re.compile(
    r"(?:^|[\s|*_(])(?:(?:signature|signed|by|getekend)\s*[:_]"
    r"|(?:signed\s+by|for\s+and\s+on\s+behalf\s+of|ondertekend\s+door|namens|voor\s+akkoord|handtekening)\b)",
    re.IGNORECASE | re.MULTILINE,
)
_PARTICULAR_LABEL = re.compile(
    r"(?:^|[\s|*_(])(name|title|position|date|place|naam|functie|datum|plaats)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
_PARTIES = re.compile(
    r"\b(?:agreement|overeenkomst|contract)\b[^.]{0,120}?\b(?:is\s+)?(?:made|entered\s+into|concluded|gesloten)\b"
    r"[^.]{0,60}?\b(?:between|tussen)\b"
    r"|\bde\s+ondergetekenden\b"
    r"|\bbetween\b[^.]{0,250}?\b(?:hereinafter|hereafter)\b[^.]{0,40}?(?:referred\s+to\s+as\s+)?[\"“'‘(]"
    r"|\bhierna(?:\s+te\s+noemen)?\s*:?\s*[\"“'‘(]",
    re.IGNORECASE,
)
_ORDER_FORM = re.compile(
    r"\b(?:signed|executed|countersigned|ondertekende?)\s+(?:order\s+form|ordering\s+document|statement\s+of\s+work"
    r"|master\s+(?:services?|subscription)\s+agreement|bestelformulier|raamovereenkomst|nadere\s+overeenkomst)\b"
    r"|\b(?:this|the)\s+(?:order\s+form|master\s+(?:services?|subscription)\s+agreement|raamovereenkomst)\b"
    r"[^.]{0,80}?\b(?:signed|executed|ondertekend)\b",
    re.IGNORECASE,
)
# Signals of terms accepted by use.
_CLICK_THROUGH = re.compile(
    r"\bby\s+(?:accessing|using|clicking|downloading|installing|registering|signing\s+up|creating\s+an\s+account"
    r"|continuing\s+to\s+use)\b[^.\n]{0,120}?\b(?:you|users?)\b[^.\n]{0,60}?\b(?:agree|accept|consent)"
    r"|\b(?:you|users?)\s+(?:agree|accept|consent)\b[^.\n]{0,120}?\bby\s*:?\s*(?:\(\w\)\s*)?(?:accessing|using|clicking|downloading"
    r"|installing|registering|signing\s+up|creating\s+an\s+account)\b"
    r"|\bif\s+you\s+do\s+not\s+(?:agree|accept)\b[^.\n]{0,120}?\b(?:do\s+not|don't|may\s+not|must\s+not|should\s+not)"
    r"\b[^.\n]{0,40}?\b(?:use|access)"
    r"|\bclick(?:ing)?\s+(?:on\s+)?[\"“'‘]?(?:I\s+agree|I\s+accept|accept|agree)\b"
    r"|\bdoor\s+(?:gebruik\s+te\s+maken|het\s+gebruik|te\s+klikken|toegang\s+te\s+(?:verkrijgen|nemen)|de\s+dienst\s+te"
    r"\s+gebruiken|u\s+te\s+registreren|een\s+account\s+aan\s+te\s+maken)\b[^.\n]{0,120}?\b(?:gaat\s+u\s+akkoord"
    r"|aanvaardt\s+u|stemt\s+u\s+in|accepteert\s+u)"
    r"|\b(?:indien|als)\s+u\s+(?:niet\s+akkoord\s+gaat|het\s+(?:hier\s+)?niet\s+(?:mee\s+)?eens\s+bent)\b[^.\n]{0,120}?"
    r"\b(?:niet|geen)\b[^.\n]{0,40}?\bgebruik",
    re.IGNORECASE,
)
_STRENGTH = {"arbit": 2, "signature": 2, "parties": 1, "order-form": 1}
_DECIDES_OVER_CLICK_THROUGH = 4  # two independent decisive signals outweigh click-through wording


@dataclass(frozen=True, slots=True)
class FormSignal:
    """A sentence that says something about the contract's form."""

    kind: str  # arbit, signature, parties, order-form or click-through
    document: str
    start: int  # offset in the document's text
    clause: str | None
    page: int | None
    text: str


@dataclass(frozen=True, slots=True)
class ContractForm:
    """Negotiated/signed agreement (True), click-through terms (False) or unknown (None)."""

    contracted: bool | None
    decisive: FormSignal | None = None  # the sentence that decided
    click_through: FormSignal | None = None  # set when click-through wording was also found
    overridden: bool = False  # set on the command line

    @property
    def evidence(self) -> str | None:
        if self.decisive is None:
            return None
        return f"{_where(self.decisive.document, self.decisive.clause, self.decisive.page)}: '{_short(self.decisive.text)}'"


def detect_contract_form(documents: Sequence[ParsedDocument]) -> ContractForm:
    """Read the form from the text: signature blocks, named parties, ARBIT, versus click-through."""
    signals = [signal for parsed in documents for signal in form_signals(parsed)]
    strongest: dict[str, FormSignal] = {}
    for signal in signals:
        strongest.setdefault(signal.kind, signal)
    click = strongest.get("click-through")
    contracted_kinds = [kind for kind in _STRENGTH if kind in strongest]
    strength = sum(_STRENGTH[kind] for kind in contracted_kinds)
    decisive = strongest[contracted_kinds[0]] if contracted_kinds else None
    if strength >= 2 and (click is None or strength >= _DECIDES_OVER_CLICK_THROUGH):
        return ContractForm(True, decisive, click)
    if click is not None and strength < 2:
        return ContractForm(False, click, click)
    return ContractForm(None, decisive if strength >= 2 else None, click)


def form_signals(parsed: ParsedDocument) -> list[FormSignal]:
    """Every sentence in ``parsed`` that signals a contracted or a click-through form, in text order."""
    document = parsed.document
    found: list[FormSignal] = []
    for clause in parsed.clauses:
        for sentence in clause.sentences:
            text = sentence.text
            for kind, pattern in (("arbit", _ARBIT_APPLIES), ("signature", _SIGNING_PHRASE),
                                  ("order-form", _ORDER_FORM), ("click-through", _CLICK_THROUGH)):
                match = pattern.search(text)
                if match and not (kind == "arbit" and _NEGATION.search(text, 0, match.end())):
                    found.append(_signal(kind, parsed, clause, sentence.start, text))
            if sentence.start < PARTIES_WINDOW and _PARTIES.search(text):
                found.append(_signal("parties", parsed, clause, sentence.start, text))
    for start, end in _signature_blocks(document.text):
        found.append(_signal("signature", parsed, _clause_at(parsed, start), start, document.text[start:end]))
    return sorted(found, key=lambda signal: signal.start)


def _signature_blocks(text: str) -> list[tuple[int, int]]:
    """Spans where a signing label ("Signed by:", "Handtekening:") sits near name/title/date labels."""
    blocks: list[tuple[int, int]] = []
    for match in _SIGNATURE_LABEL.finditer(text):
        start = match.start() + len(match.group(0)) - len(match.group(0).lstrip(" \t\n|*_("))
        window = text[max(0, start - 300): start + 300]
        particulars = {label.group(1).lower() for label in _PARTICULAR_LABEL.finditer(window)}
        if particulars and not (blocks and start < blocks[-1][1]):
            end = min(len(text), start + 200)
            line_end = text.find("\n\n", start)
            blocks.append((start, line_end if 0 <= line_end < end else end))
    return blocks


def _signal(kind: str, parsed: ParsedDocument, clause: Clause | None, offset: int, text: str) -> FormSignal:
    return FormSignal(kind, parsed.document.path, offset, clause.number if clause else None,
                      parsed.document.page_at(offset), " ".join(text.split()))


def _clause_at(parsed: ParsedDocument, offset: int) -> Clause | None:
    before = [clause for clause in parsed.clauses if clause.start <= offset]
    return before[-1] if before else None


def decide_verdict(findings: Sequence[Finding], documents: Sequence[ParsedDocument], contracted: bool | None,
                   case: CaseFile | None, report_language: str = "en") -> Verdict:
    """The verdict and its reasons: blocking gaps first, then points for review."""
    words = labels(report_language)
    if contracted is not None:
        form = ContractForm(contracted, overridden=True)
    else:
        form = detect_contract_form(documents)
    blocking: list[str] = []
    review: list[str] = []
    passed: list[str] = []
    _judge_form(form, words, blocking, review, passed)
    _judge_findings(findings, documents, words, blocking, review, passed)
    _judge_case(case, words, blocking, review, passed)
    if blocking:
        return Verdict(VerdictStatus.NOT_COMPLIANT, form.contracted, tuple(blocking + review))
    if review:
        return Verdict(VerdictStatus.NEEDS_REVIEW, form.contracted, tuple(review))
    return Verdict(VerdictStatus.COMPLIANT, form.contracted, tuple(passed))


def _judge_form(form: ContractForm, words: Labels, blocking: list[str], review: list[str], passed: list[str]) -> None:
    if form.overridden:
        target = passed if form.contracted else blocking
        target.append(words("reason.contracted.cli" if form.contracted else "reason.click_through.cli"))
        return
    if form.contracted is True and form.decisive is not None:
        passed.append(words("reason.contracted", signal=words(f"signal.{form.decisive.kind}"),
                            **_cited(form.decisive, words)))
    elif form.contracted is False and form.decisive is not None:
        blocking.append(words("reason.click_through", **_cited(form.decisive, words)))
    elif form.decisive is not None and form.click_through is not None:
        contracted, click = _cited(form.decisive, words), _cited(form.click_through, words)
        review.append(words("reason.form_mixed", signal=words(f"signal.{form.decisive.kind}"),
                            contracted_where=contracted["where"], contracted_quote=contracted["quote"],
                            click_where=click["where"], click_quote=click["quote"]))
    else:
        review.append(words("reason.form_unknown"))


def _judge_findings(findings: Sequence[Finding], documents: Sequence[ParsedDocument], words: Labels,
                    blocking: list[str], review: list[str], passed: list[str]) -> None:
    stems = [Path(parsed.document.path).stem for parsed in documents]
    blocking_count = 0
    advisory_open: list[str] = []
    for finding in findings:
        if finding.severity is Severity.BLOCKING:
            blocking_count += 1
        if finding.severity is Severity.ADVISORY:
            if finding.status is not Status.MET:
                advisory_open.append(finding.requirement_id)
            continue
        if finding.status is Status.MET:
            if finding.severity is Severity.BLOCKING and finding.confidence < LOW_CONFIDENCE and finding.evidence:
                evidence = finding.evidence[0]
                review.append(words("reason.finding.low_confidence", id=finding.requirement_id,
                                    confidence=finding.confidence, **_cited(evidence, words)))
            continue
        reason = describe(finding, report_language=words.language, documents=stems)
        if finding.severity is Severity.CONDITIONAL:
            # Only reached without a case file: assess resolves conditional severities with one.
            review.append(words("reason.conditional", reason=reason))
        elif finding.status in (Status.CONFLICT, Status.MISSING):
            blocking.append(reason)
        else:
            review.append(reason)
    passed.append(words("reason.all_blocking_met", count=blocking_count))
    if advisory_open:
        passed.append(words("reason.advisory_open", count=len(advisory_open), ids=", ".join(advisory_open)))


def _judge_case(case: CaseFile | None, words: Labels, blocking: list[str], review: list[str],
                passed: list[str]) -> None:
    if case is None:
        review.append(words("reason.no_case"))
        return
    use_case = use_case_title(case.use_case)
    for name in PREREQUISITES:
        assessment = case.assessments.get(name)
        title = words(f"prerequisite.{name}")
        if assessment is None:
            review.append(words("reason.prerequisite.absent", name=title, use_case=use_case))
            continue
        values = {"name": title, "use_case": use_case, "status": words(f"assessment.{assessment.status}"),
                  "details": _details(assessment, words)}
        if assessment.status == NEGATIVE:
            blocking.append(words("reason.prerequisite.negative", **values))
        elif assessment.confirmed:
            passed.append(words("reason.prerequisite.confirmed", **values))
        elif assessment.status in ("done", "positive", "not-applicable"):
            review.append(words("reason.prerequisite.unverifiable", **values))
        else:
            review.append(words("reason.prerequisite.open", **values))


def _details(assessment: Assessment, words: Labels) -> str:
    parts = [part for part in (assessment.date,
                               f"{words('case.reference').lower()} {assessment.reference}" if assessment.reference
                               else None) if part]
    return f" ({', '.join(parts)})" if parts else ""


def describe(finding: Finding, report_language: str = "en", documents: Sequence[str] = ()) -> str:
    """One sentence for a finding, e.g.
    "GENAI-NO-TRAINING-ON-CUSTOMER-DATA conflict: Terms 3.2, p. 4: 'We may use Content to ...'"."""
    words = labels(report_language)
    status = words.status(finding.status)
    if not finding.evidence:
        where = ", ".join(documents) if documents else "the documents"
        return words("reason.finding.missing", id=finding.requirement_id, documents=where)
    evidence = _deciding_evidence(finding)
    cited = _cited(evidence, words)
    if finding.status is Status.PARTIAL:
        why = _partial_reason(finding, evidence)
        if why:
            return words("reason.finding.partial", id=finding.requirement_id, status=status, why=why, **cited)
    return words("reason.finding", id=finding.requirement_id, status=status, **cited)


def cite(evidence: Evidence, report_language: str = "en") -> str:
    """"Terms 3.2, p. 4": document stem, clause number and page."""
    return _where(evidence.document, evidence.clause, evidence.page, labels(report_language))


def _deciding_evidence(finding: Finding) -> Evidence:
    for evidence in finding.evidence:
        if evidence.role is finding.status:
            return evidence
    return finding.evidence[0]


def _partial_reason(finding: Finding, evidence: Evidence) -> str:
    """Why it is only partial: the missing parts if that is the reason, else the rule's explanation."""
    if finding.explanation.startswith("Only part of the requirement"):
        return _short(finding.explanation.split(". ")[0], 200)
    return _short(evidence.explanation, 200) if evidence.explanation else ""


def _cited(evidence: Evidence | FormSignal, words: Labels | None = None) -> dict[str, str]:
    where = _where(evidence.document, evidence.clause, evidence.page, words)
    return {"where": where, "quote": _short(evidence.text)}


def _where(document: str, clause: str | None, page: int | None, words: Labels | None = None) -> str:
    parts = [Path(document).stem]
    if clause:
        parts[0] += f" {clause}"
    if page:
        parts.append(words.page(page) if words else f"p. {page}")
    return ", ".join(parts)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
