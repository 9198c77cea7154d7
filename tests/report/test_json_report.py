"""The JSON report validates against the shared schema (schema_version 1)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from clausecheck.model import Report
from clausecheck.report import render

SCHEMA_COPY = Path(__file__).with_name("report.schema.json")
from tests.conftest import SCHEMA as SHARED_SCHEMA


def validate(data: bytes) -> dict[str, Any]:
    document = json.loads(data)
    jsonschema.Draft202012Validator(json.loads(SCHEMA_COPY.read_text(encoding="utf-8"))).validate(document)
    return document


def test_report_validates_against_the_schema(report: Report) -> None:
    document = validate(render(report, "json"))
    assert [item["id"] for item in document["requirements"]] == [f.requirement_id for f in report.findings]
    assert document["verdict"] == {"status": "not-compliant", "contracted": True,
                                   "reasons": list(report.verdict.reasons)}
    assert document["summary"] == {"requirements": 6, "met": 2, "partial": 1, "conflict": 1, "missing": 2,
                                   "blocking_gaps": 2}


def test_dutch_report_validates_and_keeps_machine_values(dutch_report: Report) -> None:
    document = validate(render(dutch_report, "json"))
    assert document["report_language"] == "nl"
    assert {item["status"] for item in document["requirements"]} <= {"met", "partial", "conflict", "missing"}


def test_contract_text_is_kept_verbatim(report: Report) -> None:
    document = validate(render(report, "json"))
    quotes = [e["text"] for item in document["requirements"] for e in item["evidence"]]
    assert report.findings[0].evidence[0].text in quotes


def test_schema_validation_catches_a_broken_report(report: Report) -> None:
    document = json.loads(render(report, "json"))
    document["requirements"][0]["status"] = "unknown"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(json.loads(SCHEMA_COPY.read_text(encoding="utf-8"))).validate(document)


@pytest.mark.skipif(not SHARED_SCHEMA.exists(), reason="the shared spec folder is not beside this checkout")
def test_schema_copy_is_identical_to_the_shared_spec() -> None:
    assert SCHEMA_COPY.read_bytes() == SHARED_SCHEMA.read_bytes()
