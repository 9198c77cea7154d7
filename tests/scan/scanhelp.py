"""Helpers for the scan tests: contract repositories built from the dev corpus, and readers of
the scan database.

Documents are cut short (a few thousand characters) so a scan of dozens of them takes a second,
and each copy gets a small variation so that no two files share a hash.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

CORPUS = Path(os.environ.get("CLAUSECHECK_DEV_CORPUS", "/work/shared/eval/dev/corpus"))
EXCERPT_CHARS = 5000


def corpus_texts() -> list[str]:
    sources = sorted(CORPUS.glob("*.md"))
    if not sources:
        pytest.skip(f"the dev corpus is not at {CORPUS} (set CLAUSECHECK_DEV_CORPUS)")
    return [_excerpt(source.read_text(encoding="utf-8")) for source in sources]


def _excerpt(text: str) -> str:
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text.rfind("\n\n", 0, EXCERPT_CHARS)
    return text[:cut if cut > 0 else EXCERPT_CHARS]


def variant(text: str, number: int) -> str:
    """The text with a reference line of its own, so every copy hashes differently."""
    return f"Reference number CC-{number:04d}.\n\n{text}"


def write_repo(root: Path, count: int, names: list[str] | None = None) -> list[Path]:
    """``count`` variants of the corpus under ``root``, spread over three folders unless named."""
    texts = corpus_texts()
    files = []
    for number in range(count):
        name = names[number] if names else f"group-{number % 3}/contract-{number:03d}.md"
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(variant(texts[number % len(texts)], number), encoding="utf-8")
        files.append(path)
    return files


def table(db: Path, query: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Rows of a query against a scan database, read with a connection of its own."""
    connection = sqlite3.connect(db)
    try:
        return connection.execute(query, parameters).fetchall()
    finally:
        connection.close()


def stored_results(db: Path) -> set[tuple[object, ...]]:
    """Every stored requirement result with its evidence, keyed by contract path."""
    evidence: dict[tuple[object, object], list[tuple[object, ...]]] = {}
    for row in table(db, "SELECT c.key, e.requirement_id, e.document, e.page, e.clause, e.text, e.start_offset,"
                         " e.end_offset, e.role, e.rule FROM evidence e JOIN contracts c ON c.id = e.contract_id"
                         " ORDER BY c.key, e.requirement_id, e.position"):
        evidence.setdefault((row[0], row[1]), []).append(row[2:])
    return {(key, requirement, status, confidence, tuple(evidence.get((key, requirement), ())))
            for key, requirement, status, confidence in table(
                db, "SELECT c.key, r.requirement_id, r.status, r.confidence FROM results r"
                    " JOIN contracts c ON c.id = r.contract_id")}
