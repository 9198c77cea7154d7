"""Annotated rule cases, semgrep-style: ``<ID>.<lang>.cases.md`` beside each requirement.

Each case is one paragraph preceded by an HTML comment naming the status the requirement must
get from that paragraph alone: ``<!-- met -->``, ``<!-- partial -->``, ``<!-- conflict -->`` or
``<!-- none -->`` (the requirement must stay missing). ``<!-- todo: met -->`` records a known miss
that is reported but does not fail. Used by ``clausecheck library test`` and by pytest.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from clausecheck.assess import assess_requirement
from clausecheck.ingest.base import RawDocument, assemble
from clausecheck.ingest.text import read_markdown
from clausecheck.library import Library, Requirement
from clausecheck.match import match_contract
from clausecheck.model import DocFormat, Document, ParsedDocument, Status
from clausecheck.segment import segment

EXPECTATIONS = ("met", "partial", "conflict", "none")
_ANNOTATION = re.compile(r"^<!--\s*(?P<todo>todo:\s*)?(?P<expect>[a-z]+)\s*-->\s*$")
MIN_CASES = {"met": 2, "conflict": 1, "none": 2}  # per requirement and language, where the status exists


@dataclass(frozen=True, slots=True)
class Case:
    requirement_id: str
    language: str
    expect: str  # met, partial, conflict or none
    text: str
    line: int
    todo: bool
    path: str


@dataclass(frozen=True, slots=True)
class CaseResult:
    case: Case
    got: str  # status, or "none" for missing
    evidence: str | None

    @property
    def passed(self) -> bool:
        return self.got == self.case.expect


@dataclass
class RuleScore:
    """Precision and recall of one requirement's rules in one language over its cases."""

    requirement_id: str
    language: str
    results: list[CaseResult] = field(default_factory=list)

    @property
    def failures(self) -> list[CaseResult]:
        return [r for r in self.results if not r.passed and not r.case.todo]

    @property
    def precision(self) -> float:
        fired = [r for r in self.results if r.got != "none"]
        return sum(r.passed for r in fired) / len(fired) if fired else 1.0

    @property
    def recall(self) -> float:
        expected = [r for r in self.results if r.case.expect != "none"]
        return sum(r.passed for r in expected) / len(expected) if expected else 1.0


def case_files(library: Library) -> dict[tuple[str, str], Path]:
    """(requirement id, language) -> case file path, for the files that exist."""
    known = {requirement.id for requirement in library.requirements}
    found: dict[tuple[str, str], Path] = {}
    for path in sorted(Path(library.root).rglob("*.cases.md")):
        requirement_id, _, language = path.name[: -len(".cases.md")].rpartition(".")
        if requirement_id in known:
            found[(requirement_id, language)] = path
    return found


def parse_cases(path: Path, requirement_id: str, language: str) -> list[Case]:
    """Read annotated paragraphs; raise ValueError naming file and line on a bad annotation."""
    cases: list[Case] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        match = _ANNOTATION.match(lines[index].strip())
        if lines[index].strip().startswith("<!--") and not match:
            raise ValueError(f"{path}:{index + 1}: unreadable annotation {lines[index].strip()!r}")
        if not match:
            index += 1
            continue
        expect = match.group("expect")
        if expect not in EXPECTATIONS:
            raise ValueError(f"{path}:{index + 1}: unknown expectation '{expect}' (use {', '.join(EXPECTATIONS)})")
        start = index + 1
        paragraph: list[str] = []
        index += 1
        while index < len(lines) and lines[index].strip() and not _ANNOTATION.match(lines[index].strip()):
            paragraph.append(lines[index])
            index += 1
        if not paragraph:
            raise ValueError(f"{path}:{start}: annotation without a paragraph after it")
        cases.append(Case(requirement_id, language, expect, "\n".join(paragraph), start + 1,
                          bool(match.group("todo")), str(path)))
    return cases


def parse_text(text: str, language: str, name: str = "<case>") -> ParsedDocument:
    """Segment a Markdown snippet without touching the file system."""
    body, blocks, page_starts = assemble(RawDocument(read_markdown(text)))
    document = Document(name, hashlib.sha256(text.encode()).hexdigest(), DocFormat.MD, language, body, blocks,
                        page_starts)
    return segment(document)


def run_case(case: Case, requirement: Requirement, library: Library) -> CaseResult:
    parsed = parse_text(case.text, case.language, f"{case.path}:{case.line}")
    finding = assess_requirement(requirement, match_contract([parsed], library))
    got = "none" if finding.status is Status.MISSING else finding.status.value
    evidence = finding.evidence[0].rule if finding.evidence else None
    return CaseResult(case, got, evidence)


def run_library_cases(library: Library, requirement_ids: set[str] | None = None,
                      languages: set[str] | None = None) -> list[RuleScore]:
    scores: list[RuleScore] = []
    files = case_files(library)
    for requirement in library.requirements:
        if requirement_ids and requirement.id not in requirement_ids:
            continue
        for language in ("en", "nl"):
            if languages and language not in languages:
                continue
            path = files.get((requirement.id, language))
            if path is None:
                continue
            score = RuleScore(requirement.id, language)
            for case in parse_cases(path, requirement.id, language):
                score.results.append(run_case(case, requirement, library))
            scores.append(score)
    return scores


def lint_library(library: Library) -> list[str]:
    """Problems a library owner should fix: missing languages or case files, too few cases of a
    kind, and cases that copy an exemplar (a test must not be the matcher's own training text)."""
    problems: list[str] = []
    files = case_files(library)
    for requirement in library.requirements:
        for language in ("en", "nl"):
            if language not in requirement.languages:
                problems.append(f"{requirement.path}: no '{language}' block")
                continue
            path = files.get((requirement.id, language))
            if path is None:
                problems.append(f"{requirement.path}: no {language} case file ({requirement.id}.{language}.cases.md)")
                continue
            try:
                cases = parse_cases(path, requirement.id, language)
            except ValueError as error:
                problems.append(str(error))
                continue
            statuses = {rule.status.value for rule in requirement.languages[language].rules}
            for expect, minimum in MIN_CASES.items():
                if expect != "none" and expect not in statuses:
                    continue
                count = sum(case.expect == expect and not case.todo for case in cases)
                if count < minimum:
                    problems.append(f"{path}: {count} '{expect}' case(s), at least {minimum} needed")
            exemplars = [text for texts in requirement.languages[language].exemplars.values() for text in texts]
            for case in cases:
                for exemplar in exemplars:
                    if fuzz.ratio(case.text.lower(), exemplar.lower()) >= 95:
                        problems.append(f"{path}:{case.line}: case copies an exemplar of the rule")
    return problems
