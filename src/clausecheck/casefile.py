"""The case file (``--case case.yaml``): one use case and the status of its prerequisites.

The government's position requires, per use case, a DPIA and an IAMA with advice from the CIO
and the data protection officer (FG). A contract can only be *compliant* for a use case whose
prerequisites are confirmed; the case also decides whether conditional requirements block.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from clausecheck.errors import CaseFileError

PREREQUISITES = ("dpia", "iama", "cio_advice", "fg_advice")
ASSESSMENT_STATUSES = ("done", "positive", "negative", "pending", "not-started", "not-applicable")
CONFIRMED = frozenset({"done", "positive", "not-applicable"})


@dataclass(frozen=True, slots=True)
class Assessment:
    status: str  # one of ASSESSMENT_STATUSES
    date: str | None = None  # ISO date
    reference: str | None = None  # document number, register entry


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


def load_case(path: str | Path) -> CaseFile:
    """Read and validate a case file; errors name the file and the field."""
    name = str(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CaseFileError("case file not found", "check the --case path", name) from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise CaseFileError(f"not valid YAML: {str(error).splitlines()[0]}", "see samples/case.yaml", name) from None
    if not isinstance(data, dict):
        raise CaseFileError("expected a mapping at the top level", "see samples/case.yaml", name)
    unknown = set(data) - {"use_case", "personal_data", "decisions_about_people", "publishes_output",
                           "assessments"}
    if unknown:
        raise CaseFileError(f"unknown field(s): {', '.join(sorted(unknown))}", "see samples/case.yaml", name)
    use_case = data.get("use_case")
    if not isinstance(use_case, str) or not use_case.strip():
        raise CaseFileError("field 'use_case' must be a non-empty text", "describe the use case in one line", name)
    flags = {key: _optional_bool(data, key, name) for key in
             ("personal_data", "decisions_about_people", "publishes_output")}
    raw_assessments = data.get("assessments") or {}
    if not isinstance(raw_assessments, dict):
        raise CaseFileError("field 'assessments' must be a mapping", f"keys: {', '.join(PREREQUISITES)}", name)
    assessments: dict[str, Assessment] = {}
    for key, value in raw_assessments.items():
        if key not in PREREQUISITES:
            raise CaseFileError(f"unknown assessment '{key}'", f"use one of {', '.join(PREREQUISITES)}", name)
        assessments[key] = _assessment(value, key, name)
    return CaseFile(use_case.strip(), assessments=assessments, path=name, **flags)


def _optional_bool(data: dict[str, Any], key: str, name: str) -> bool | None:
    value = data.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise CaseFileError(f"field '{key}' must be true or false", "or leave it out when unknown", name)


def _assessment(value: Any, key: str, name: str) -> Assessment:
    if isinstance(value, str):
        value = {"status": value}
    if not isinstance(value, dict):
        raise CaseFileError(f"assessments.{key} must be a mapping with status, date, reference", "", name)
    status = value.get("status")
    if status not in ASSESSMENT_STATUSES:
        raise CaseFileError(f"assessments.{key}.status must be one of {', '.join(ASSESSMENT_STATUSES)}", "", name)
    date = value.get("date")
    if isinstance(date, dt.date):
        date = date.isoformat()
    elif date is not None:
        try:
            date = dt.date.fromisoformat(str(date)).isoformat()
        except ValueError:
            raise CaseFileError(f"assessments.{key}.date must be a date like 2026-03-31", "", name) from None
    reference = value.get("reference")
    return Assessment(status, date, str(reference) if reference is not None else None)
