"""Every requirement's annotated cases, per language (the same harness as `clausecheck library test`)."""
from __future__ import annotations

import pytest

from clausecheck.library import load_library
from clausecheck.testing import case_files, parse_cases, run_case

CANONICAL_IDS = """GENAI-NO-TRAINING-ON-CUSTOMER-DATA GENAI-PROMPT-RETENTION GENAI-TRAINING-DATA-PROVENANCE
GENAI-TRANSPARENCY GENAI-SUSTAINABILITY GENAI-OUTPUT-OWNERSHIP GENAI-IP-INDEMNITY GDPR-DATA-SUBJECT-RIGHTS
GDPR-PROCESSOR-AGREEMENT GDPR-EU-DATA-LOCATION GDPR-SUBPROCESSORS GDPR-BREACH-NOTIFICATION ARBIT-SECURITY
ARBIT-AUDIT ARBIT-CONFIDENTIALITY ARBIT-LIABILITY ARBIT-GOVERNING-LAW ARBIT-UNILATERAL-CHANGES
ARBIT-SUSPENSION-TERMINATION ARBIT-EXIT ARBIT-PRECEDENCE""".split()

_LIBRARY = load_library()
_FILES = case_files(_LIBRARY)


def test_library_has_every_canonical_requirement() -> None:
    ids = {requirement.id for requirement in _LIBRARY.requirements}
    assert set(CANONICAL_IDS) <= ids


def test_library_has_further_catalogue_requirements() -> None:
    assert len(_LIBRARY.requirements) >= len(CANONICAL_IDS)


@pytest.mark.parametrize("requirement_id", CANONICAL_IDS)
def test_canonical_requirement_has_english_cases(requirement_id: str) -> None:
    assert (requirement_id, "en") in _FILES


@pytest.mark.parametrize(("requirement_id", "language"), sorted(_FILES), ids=[f"{r}-{l}" for r, l in sorted(_FILES)])
def test_requirement_cases(requirement_id: str, language: str) -> None:
    requirement = _LIBRARY.get(requirement_id)
    cases = parse_cases(_FILES[(requirement_id, language)], requirement_id, language)
    assert cases, "a case file without cases"
    failures = []
    for case in cases:
        result = run_case(case, requirement, _LIBRARY)
        if not result.passed and not case.todo:
            failures.append(f"line {case.line}: expected {case.expect}, got {result.got}: {case.text[:100]}")
    assert not failures, "\n".join(failures)
