"""The case file (``--case case.yaml``): one use case and the status of its prerequisites.

The government's provisional position on generative AI requires, per use case, a DPIA and an
IAMA, with advice from the CIO and from the data protection officer (FG). A contract can only be
*compliant* for a use case whose prerequisites are confirmed; the case also decides whether
conditional requirements block.

Schema (YAML; see samples/case.yaml)::

    use_case: Drafting replies to citizens' letters      # required, one line
    personal_data: true               # processes personal data          (true/false; omit if unknown)
    decisions_about_people: false     # supports decisions about people  (true/false; omit if unknown)
    publishes_output: false           # output is published              (true/false; omit if unknown)
    assessments:                      # each of dpia, iama, cio_advice, fg_advice
      dpia:       {status: done, date: 2026-02-10, reference: DPIA-2026-014}
      iama:       {status: done, date: 2026-02-24, reference: IAMA-2026-003}
      cio_advice: {status: positive, date: 2026-03-02, reference: CIO-ADV-2026-07}
      fg_advice:  {status: positive, date: 2026-03-05, reference: FG-2026-021}

``status`` is one of done, positive, negative, pending, not-started, not-applicable. A
prerequisite counts as confirmed when its status is done, positive or not-applicable *and* the
case file records its date or reference; negative makes the verdict not-compliant; anything
else (pending, not-started, not recorded) makes it needs-review. ``assessments.dpia: done`` is
short for ``{status: done}``.
"""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from clausecheck.errors import CaseFileError
from clausecheck.library.yaml_lines import line_of, load_with_lines

PREREQUISITES = ("dpia", "iama", "cio_advice", "fg_advice")
ASSESSMENT_STATUSES = ("done", "positive", "negative", "pending", "not-started", "not-applicable")
CONFIRMED = frozenset({"done", "positive", "not-applicable"})
NEGATIVE = "negative"
USE_CASE_FLAGS = ("personal_data", "decisions_about_people", "publishes_output")
TOP_LEVEL_KEYS = ("use_case", *USE_CASE_FLAGS, "assessments")
ASSESSMENT_KEYS = ("status", "date", "reference")
SCHEMA_HINT = "see the schema in samples/case.yaml"


@dataclass(frozen=True, slots=True)
class Assessment:
    """One prerequisite as recorded in the case file."""

    status: str  # one of ASSESSMENT_STATUSES
    date: str | None = None  # ISO date
    reference: str | None = None  # document number, register entry

    @property
    def confirmed(self) -> bool:
        """Done (or positive, or not applicable) and traceable to a date or document."""
        return self.status in CONFIRMED and bool(self.date or self.reference)


@dataclass(frozen=True, slots=True)
class CaseFile:
    use_case: str
    personal_data: bool | None = None
    decisions_about_people: bool | None = None
    publishes_output: bool | None = None
    assessments: dict[str, Assessment] = field(default_factory=dict)
    path: str | None = None

    @property
    def conditional_blocks(self) -> bool:
        """Conditional requirements block when the use case touches people or publishes output."""
        return bool(self.personal_data or self.decisions_about_people or self.publishes_output)

    def to_dict(self) -> dict[str, object]:
        return {
            "use_case": self.use_case,
            "personal_data": self.personal_data,
            "decisions_about_people": self.decisions_about_people,
            "publishes_output": self.publishes_output,
            "assessments": {name: {"status": a.status, "date": a.date, "reference": a.reference}
                            for name, a in self.assessments.items()},
        }


def use_case_title(use_case: str) -> str:
    """A short name for the use case: its title before a colon, else its first words."""
    title = use_case.split(":", 1)[0].strip()
    if title != use_case and len(title) <= 60:
        return title
    words = " ".join(use_case.split())
    return words if len(words) <= 80 else words[:79].rstrip() + "…"


class _Source:
    """The case file being validated: errors carry its path and the line of the offending field."""

    def __init__(self, path: str | Path) -> None:
        self.name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CaseFileError("case file not found", "check the --case path", self.name) from None
        except IsADirectoryError:
            raise CaseFileError("is a folder, not a case file", "give the path of a .yaml file", self.name) from None
        except UnicodeDecodeError:
            raise CaseFileError("not UTF-8 text", "save the case file as UTF-8 YAML", self.name) from None
        try:
            self.data, self.lines = load_with_lines(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"{self.name}:{mark.line + 1}" if mark else self.name
            problem = getattr(error, "problem", None) or str(error).splitlines()[0]
            raise CaseFileError(f"not valid YAML: {problem}", SCHEMA_HINT, where) from None

    def fail(self, path: tuple[str | int, ...], message: str, hint: str = SCHEMA_HINT) -> CaseFileError:
        line = line_of(self.lines, path) if path else None
        return CaseFileError(message, hint, f"{self.name}:{line}" if line else self.name)

    def check_keys(self, mapping: dict[str, Any], path: tuple[str | int, ...], allowed: tuple[str, ...]) -> None:
        for key in mapping:
            if key not in allowed:
                guess = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean '{guess[0]}'?" if guess else f"allowed: {', '.join(allowed)}"
                where = ".".join(str(part) for part in path + (key,))
                raise self.fail(path + (key,), f"unknown field '{where}'", hint)


def load_case(path: str | Path) -> CaseFile:
    """Read and validate a case file; errors name the file, line and field."""
    source = _Source(path)
    data = source.data
    if not isinstance(data, dict):
        raise source.fail((), "expected a mapping with use_case and assessments at the top level")
    source.check_keys(data, (), TOP_LEVEL_KEYS)
    use_case = data.get("use_case")
    if not isinstance(use_case, str) or not use_case.strip():
        raise source.fail(("use_case",), "field 'use_case' must be a non-empty text", "describe the use case in one line")
    flags = {key: _optional_bool(source, data, key) for key in USE_CASE_FLAGS}
    raw_assessments = data.get("assessments") or {}
    if not isinstance(raw_assessments, dict):
        raise source.fail(("assessments",), "field 'assessments' must be a mapping",
                          f"keys: {', '.join(PREREQUISITES)}")
    source.check_keys(raw_assessments, ("assessments",), PREREQUISITES)
    assessments = {key: _assessment(source, key, value) for key, value in raw_assessments.items()}
    return CaseFile(" ".join(use_case.split()), assessments=assessments, path=source.name, **flags)


def _optional_bool(source: _Source, data: dict[str, Any], key: str) -> bool | None:
    value = data.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise source.fail((key,), f"field '{key}' must be true or false", "or leave it out when unknown")


def _assessment(source: _Source, key: str, value: Any) -> Assessment:
    path: tuple[str | int, ...] = ("assessments", key)
    if isinstance(value, str):
        value = {"status": value}
    if not isinstance(value, dict):
        raise source.fail(path, f"assessments.{key} must be a mapping with status, date and reference")
    source.check_keys(value, path, ASSESSMENT_KEYS)
    status = value.get("status")
    if status not in ASSESSMENT_STATUSES:
        guess = difflib.get_close_matches(str(status), ASSESSMENT_STATUSES, n=1)
        raise source.fail(path + ("status",), f"assessments.{key}.status must be one of "
                          f"{', '.join(ASSESSMENT_STATUSES)}", f"did you mean '{guess[0]}'?" if guess else SCHEMA_HINT)
    return Assessment(status, _date(source, path, value.get("date")), _reference(value.get("reference")))


def _date(source: _Source, path: tuple[str | int, ...], value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise source.fail(path + ("date",), f"{'.'.join(map(str, path))}.date must be a date like 2026-03-31",
                          f"got '{value}'") from None


def _reference(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
