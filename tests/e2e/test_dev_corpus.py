"""The real supplier terms of the dev set: every rendering is checked, reports are valid against the
report schema, and the statuses agree across the .md, .pdf and .docx renderings of each document.

Skipped when the shared dev corpus is not next to the repository."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from clausecheck.library import Library
from clausecheck.pipeline import check
from clausecheck.report.json_format import to_dict

from tests.conftest import SCHEMA, dev_documents

SLUGS = [path.stem for path in dev_documents(".md")]
pytestmark = pytest.mark.skipif(not SLUGS, reason="shared dev corpus not present")


@pytest.fixture(scope="module")
def statuses(library: Library) -> dict[tuple[str, str], dict[str, str]]:
    """(slug, suffix) -> requirement id -> status, for every rendering."""
    corpus = dev_documents(".md")[0].parent if SLUGS else Path()
    schema = json.loads(SCHEMA.read_text()) if SCHEMA.exists() else None
    result: dict[tuple[str, str], dict[str, str]] = {}
    for slug in SLUGS:
        for suffix in (".md", ".pdf", ".docx"):
            report = to_dict(check([corpus / f"{slug}{suffix}"], library))
            if schema is not None:
                jsonschema.validate(report, schema)
            result[(slug, suffix)] = {item["id"]: item["status"] for item in report["requirements"]}
    return result


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_statuses_agree_across_renderings(statuses: dict[tuple[str, str], dict[str, str]], suffix: str) -> None:
    pairs = same = 0
    differences = []
    for slug in SLUGS:
        reference, other = statuses[(slug, ".md")], statuses[(slug, suffix)]
        for requirement_id, status in reference.items():
            pairs += 1
            same += other.get(requirement_id) == status
            if other.get(requirement_id) != status:
                differences.append(f"{slug} {requirement_id}: md={status} {suffix}={other.get(requirement_id)}")
    assert same / pairs >= 0.98, "\n".join(differences)


def test_every_status_other_than_missing_has_evidence(library: Library) -> None:
    corpus = dev_documents(".md")[0].parent
    report = to_dict(check([corpus / f"{SLUGS[0]}.md"], library))
    for item in report["requirements"]:
        if item["status"] != "missing":
            assert item["evidence"], item["id"]
            assert all(e["text"] and e["start"] < e["end"] for e in item["evidence"])
