"""The case file: schema, validation errors that name file, line and field, confirmation rules."""
from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.casefile import CaseFile, load_case
from clausecheck.errors import CaseFileError

COMPLETE = """\
use_case: Drafting replies to citizens' letters
personal_data: true
decisions_about_people: false
publishes_output: false
assessments:
  dpia: {status: done, date: 2026-02-10, reference: DPIA-2026-014}
  iama: {status: done, date: 2026-02-24, reference: IAMA-2026-003}
  cio_advice: {status: positive, date: "2026-03-02", reference: CIO-ADV-7}
  fg_advice:
    status: positive
    reference: FG-2026-021
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_complete_case_file_loads_every_field(tmp_path: Path) -> None:
    case = load_case(write(tmp_path, COMPLETE))
    assert case.use_case == "Drafting replies to citizens' letters"
    assert (case.personal_data, case.decisions_about_people, case.publishes_output) == (True, False, False)
    assert case.conditional_blocks
    assert case.assessments["dpia"].date == "2026-02-10"
    assert case.assessments["cio_advice"].date == "2026-03-02"
    assert case.assessments["fg_advice"].reference == "FG-2026-021"
    assert all(assessment.confirmed for assessment in case.assessments.values())
    assert case.to_dict()["assessments"]["iama"] == {"status": "done", "date": "2026-02-24",
                                                     "reference": "IAMA-2026-003"}


def test_short_form_status_is_accepted_but_not_confirmed_without_date_or_reference(tmp_path: Path) -> None:
    case = load_case(write(tmp_path, "use_case: Summaries\nassessments:\n  dpia: done\n  iama: pending\n"))
    assert case.assessments["dpia"].status == "done"
    assert not case.assessments["dpia"].confirmed
    assert not case.assessments["iama"].confirmed


def test_conditional_requirements_do_not_block_when_the_use_case_touches_no_one(tmp_path: Path) -> None:
    case = load_case(write(tmp_path, "use_case: Internal code review\npersonal_data: false\n"))
    assert not case.conditional_blocks
    assert not CaseFile("x").conditional_blocks


@pytest.mark.parametrize(("text", "location", "message"), [
    ("use_case: x\nassesments: {}\n", "case.yaml:2", "did you mean 'assessments'?"),
    ("use_case: x\nassessments:\n  dpia: {status: finished}\n", "case.yaml:3", "status must be one of"),
    ("use_case: x\nassessments:\n  dpia: {status: don}\n", "case.yaml:3", "did you mean 'done'?"),
    ("use_case: x\nassessments:\n  dpa: done\n", "case.yaml:3", "did you mean 'dpia'?"),
    ("use_case: x\nassessments:\n  dpia: {status: done, refrence: D-1}\n", "case.yaml:3", "did you mean 'reference'?"),
    ("use_case: x\nassessments:\n  iama:\n    status: done\n    date: 31-03-2026\n", "case.yaml:5",
     "date must be a date like 2026-03-31"),
    ("use_case: x\npersonal_data: maybe\n", "case.yaml:2", "must be true or false"),
    ("use_case: ''\n", "case.yaml:1", "'use_case' must be a non-empty text"),
    ("- just\n- a list\n", "case.yaml", "expected a mapping"),
    ("use_case: [unclosed\n", "case.yaml:2", "not valid YAML"),
])
def test_invalid_case_files_name_file_line_and_field(tmp_path: Path, text: str, location: str, message: str) -> None:
    with pytest.raises(CaseFileError) as caught:
        load_case(write(tmp_path, text))
    error = str(caught.value)
    assert location in error
    assert message in error
    assert "\n" not in error


def test_missing_case_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match="case file not found.*--case"):
        load_case(tmp_path / "absent.yaml")
