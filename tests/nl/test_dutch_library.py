"""Every canonical requirement speaks Dutch: an nl block with its own title, description, fallback
clause, topic, exemplars and rules, and annotated Dutch cases that pass (the cases themselves run in
tests/library/test_library_cases.py)."""
from __future__ import annotations

import re

import pytest

from clausecheck.library import load_library
from clausecheck.model import Status
from clausecheck.testing import MIN_CASES, case_files, lint_library, parse_cases
from tests.library.test_library_cases import CANONICAL_IDS

_LIBRARY = load_library()
_DUTCH_WORDS = re.compile(r"\b(?:de|het|een|van|en|is|niet|Opdrachtnemer|Opdrachtgever)\b")


@pytest.mark.parametrize("requirement_id", CANONICAL_IDS)
def test_requirement_has_a_dutch_block(requirement_id: str) -> None:
    requirement = _LIBRARY.get(requirement_id)
    assert "nl" in requirement.languages
    dutch, english = requirement.languages["nl"], requirement.languages["en"]
    for text in (dutch.description, dutch.fallback):
        assert _DUTCH_WORDS.search(text), text
    assert dutch.title != english.title and dutch.fallback != english.fallback
    assert dutch.rules and dutch.topic and dutch.exemplars.get(Status.MET)
    # the Dutch rules judge the same way: every status the English rules can give, the Dutch can too
    assert {rule.status for rule in dutch.rules} >= {rule.status for rule in english.rules}


@pytest.mark.parametrize("requirement_id", CANONICAL_IDS)
def test_requirement_has_enough_dutch_cases(requirement_id: str) -> None:
    path = case_files(_LIBRARY)[(requirement_id, "nl")]
    cases = parse_cases(path, requirement_id, "nl")
    statuses = {rule.status.value for rule in _LIBRARY.get(requirement_id).languages["nl"].rules}
    for expect, minimum in MIN_CASES.items():
        if expect == "none" or expect in statuses:
            assert sum(case.expect == expect and not case.todo for case in cases) >= minimum, expect
    assert not any(case.todo for case in cases)


def test_dutch_blocks_pass_the_linter() -> None:
    problems = [problem for problem in lint_library(_LIBRARY)
                if any(requirement_id in problem for requirement_id in CANONICAL_IDS)
                and (".nl." in problem or "'nl'" in problem)]
    assert not problems, problems
