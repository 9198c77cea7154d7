"""What every human-readable report shows, worked out once from a ``Report``.

The HTML, Markdown and DOCX renderers all draw the same ``ReportView``: the verdict and its
reasons, counts per status, one table per requirement group, each requirement with its
evidence quotes and fallback clause, the documents read and the case file. Labels come from
``clausecheck.i18n`` in the report's language; contract text is cleaned of characters no
format can hold, but escaping is left to each renderer.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from clausecheck.casefile import PREREQUISITES, USE_CASE_FLAGS, use_case_title
from clausecheck.i18n import STATUS_SYMBOLS, VERDICT_SYMBOLS, Labels, labels
from clausecheck.library import GROUPS
from clausecheck.model import Evidence, Finding, Report, Severity, Status
from clausecheck.report.escaping import clean, one_line

STATUS_ORDER = (Status.CONFLICT, Status.MISSING, Status.PARTIAL, Status.MET)


@dataclass(frozen=True, slots=True)
class EvidenceView:
    document: str  # file name
    document_path: str
    page: int | None
    clause: str | None
    heading: str | None
    quote: str
    role: str  # met, partial or conflict
    role_label: str
    symbol: str
    rule: str
    score: float
    explanation: str
    citation: str  # "terms.pdf, clause 3.2, p. 4"


@dataclass(frozen=True, slots=True)
class RequirementView:
    id: str
    anchor: str  # lower-case id: the HTML id and the Markdown heading anchor
    title: str
    group: str
    group_label: str
    severity: str
    severity_label: str
    status: str
    status_label: str
    symbol: str
    confidence: float
    confidence_text: str  # "85%"
    explanation: str
    suggestion: str | None
    sources: tuple[str, ...]
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True, slots=True)
class CountView:
    status: str
    label: str
    symbol: str
    count: int


@dataclass(frozen=True, slots=True)
class GroupView:
    key: str
    label: str
    requirements: tuple[RequirementView, ...]
    counts: tuple[CountView, ...]


@dataclass(frozen=True, slots=True)
class DocumentView:
    name: str
    path: str
    format: str
    language: str
    pages: int | None
    clauses: int
    sha256: str
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PrerequisiteView:
    key: str
    name: str
    status: str | None  # None: not recorded
    status_label: str
    date: str | None
    reference: str | None


@dataclass(frozen=True, slots=True)
class CaseView:
    use_case: str
    title: str  # the use case's short name
    flags: tuple[tuple[str, str], ...]  # (label, yes/no/unknown)
    prerequisites: tuple[PrerequisiteView, ...]


@dataclass(frozen=True, slots=True)
class ReasonView:
    """One verdict reason; ``requirement`` and ``rest`` split it when it starts with a requirement id."""

    text: str
    requirement: str | None
    anchor: str | None
    rest: str


@dataclass(frozen=True, slots=True)
class ReportView:
    language: str
    t: Labels
    title: str
    subtitle: str
    contract: str  # the documents' file names, joined
    verdict: str  # compliant, not-compliant or needs-review
    verdict_label: str
    verdict_symbol: str
    verdict_summary: str
    reasons: tuple[ReasonView, ...]
    contract_form: str
    counts: tuple[CountView, ...]
    total: int
    blocking_gaps: int
    groups: tuple[GroupView, ...]
    requirements: tuple[RequirementView, ...]
    documents: tuple[DocumentView, ...]
    case: CaseView | None
    generated: str
    disclaimer: str


def build_view(report: Report) -> ReportView:
    t = labels(report.report_language)
    requirements = tuple(_requirement(finding, t) for finding in report.findings)
    group_keys = [key for key in GROUPS if any(r.group == key for r in requirements)]
    group_keys += sorted({r.group for r in requirements} - set(group_keys))
    groups = tuple(GroupView(key, t.group(key), members, _counts(members, t))
                   for key in group_keys
                   for members in [tuple(r for r in requirements if r.group == key)])
    verdict = report.verdict.status
    contract = ", ".join(Path(info.path).name for info in report.documents)
    return ReportView(
        language=t.language,
        t=t,
        title=t("report.title"),
        subtitle=t("report.subtitle", library=report.library_name, version=report.library_version),
        contract=one_line(contract),
        verdict=verdict.value,
        verdict_label=t.verdict(verdict),
        verdict_symbol=VERDICT_SYMBOLS[verdict],
        verdict_summary=t(f"verdict.{verdict.value}.summary"),
        reasons=tuple(_reason(one_line(reason), requirements) for reason in report.verdict.reasons),
        contract_form=t(f"contract.form.{str(report.verdict.contracted).lower()}"),
        counts=_counts(requirements, t),
        total=len(requirements),
        blocking_gaps=sum(1 for f in report.findings if f.severity is Severity.BLOCKING and f.status is not Status.MET),
        groups=groups,
        requirements=requirements,
        documents=tuple(DocumentView(
            name=one_line(Path(info.path).name), path=one_line(info.path), format=info.format.value,
            language=info.language, pages=info.pages, clauses=info.clauses, sha256=info.sha256,
            warnings=tuple(one_line(warning) for warning in info.warnings),
        ) for info in report.documents),
        case=_case(report.case, t) if report.case else None,
        generated=t("report.generated", tool_version=report.tool_version, library=report.library_name,
                    version=report.library_version),
        disclaimer=t("report.disclaimer"),
    )


def _reason(text: str, requirements: tuple[RequirementView, ...]) -> ReasonView:
    for requirement in requirements:
        if text.startswith(requirement.id + " "):
            return ReasonView(text, requirement.id, requirement.anchor, text[len(requirement.id) + 1:])
    return ReasonView(text, None, None, text)


def _requirement(finding: Finding, t: Labels) -> RequirementView:
    return RequirementView(
        id=finding.requirement_id,
        anchor=finding.requirement_id.lower(),
        title=one_line(finding.title),
        group=finding.group,
        group_label=t.group(finding.group),
        severity=finding.severity.value,
        severity_label=t.severity(finding.severity),
        status=finding.status.value,
        status_label=t.status(finding.status),
        symbol=STATUS_SYMBOLS[finding.status],
        confidence=finding.confidence,
        confidence_text=f"{finding.confidence:.0%}",
        explanation=one_line(finding.explanation),
        suggestion=clean(finding.suggestion).strip() if finding.suggestion else None,
        sources=tuple(one_line(source) for source in finding.sources),
        evidence=tuple(_evidence(evidence, t) for evidence in finding.evidence),
    )


def _evidence(evidence: Evidence, t: Labels) -> EvidenceView:
    name = one_line(Path(evidence.document).name)
    parts = [name]
    if evidence.clause:
        parts.append(f"{t('evidence.clause')} {one_line(evidence.clause)}")
    if evidence.page:
        parts.append(t.page(evidence.page))
    return EvidenceView(
        document=name,
        document_path=one_line(evidence.document),
        page=evidence.page,
        clause=one_line(evidence.clause) if evidence.clause else None,
        heading=one_line(evidence.heading) if evidence.heading else None,
        quote=one_line(evidence.text),
        role=evidence.role.value,
        role_label=t.status(evidence.role),
        symbol=STATUS_SYMBOLS[evidence.role],
        rule=one_line(evidence.rule),
        score=evidence.score,
        explanation=one_line(evidence.explanation),
        citation=", ".join(parts),
    )


def _counts(requirements: tuple[RequirementView, ...], t: Labels) -> tuple[CountView, ...]:
    return tuple(CountView(status.value, t.status(status), STATUS_SYMBOLS[status],
                           sum(1 for r in requirements if r.status == status.value))
                 for status in STATUS_ORDER)


def _case(case: Mapping[str, object], t: Labels) -> CaseView:
    flags = tuple((t(f"case.{flag}"), _yes_no(case.get(flag), t)) for flag in USE_CASE_FLAGS)
    recorded = case.get("assessments")
    assessments: Mapping[str, Mapping[str, object]] = recorded if isinstance(recorded, Mapping) else {}
    prerequisites = []
    for key in PREREQUISITES:
        entry = assessments.get(key)
        status = str(entry["status"]) if entry and entry.get("status") else None
        prerequisites.append(PrerequisiteView(
            key=key,
            name=t(f"prerequisite.{key}"),
            status=status,
            status_label=t(f"assessment.{status}") if status else t("case.not_recorded"),
            date=str(entry["date"]) if entry and entry.get("date") else None,
            reference=one_line(str(entry["reference"])) if entry and entry.get("reference") else None,
        ))
    use_case = one_line(str(case.get("use_case") or ""))
    return CaseView(use_case, use_case_title(use_case), flags, tuple(prerequisites))


def _yes_no(value: object, t: Labels) -> str:
    if value is None:
        return t("unknown")
    return t("yes") if value else t("no")
