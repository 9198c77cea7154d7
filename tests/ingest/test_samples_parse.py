"""Every sample document in ``samples/`` parses into a clause tree with sentences."""
from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.ingest import SUPPORTED_SUFFIXES
from clausecheck.pipeline import parse

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FILES = sorted(
    path for path in SAMPLES.rglob("*")
    if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES and "samplegen" not in path.parts
) if SAMPLES.is_dir() else []


@pytest.mark.skipif(not FILES, reason="no sample documents in samples/ yet")
@pytest.mark.parametrize("path", FILES, ids=[str(path.relative_to(SAMPLES)) for path in FILES])
def test_sample_parses(path: Path) -> None:
    parsed = parse(path)
    assert parsed.document.language in ("en", "nl")
    assert parsed.clauses
    assert any(clause.sentences for clause in parsed.clauses)
    assert all(parsed.document.text[clause.start:clause.end] == clause.text for clause in parsed.clauses)
