"""Shared fixtures. Paths to the repository's own data; the shared dev corpus is optional."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from clausecheck.library import Library, load_library

ROOT = Path(__file__).resolve().parents[1]


def _shared_folder() -> Path:
    """The team's shared folder (specification, dev corpus): $CLAUSECHECK_SHARED, beside the
    checkout, or the workplace's /work/shared. Tests that need it are skipped without it."""
    for candidate in (os.environ.get("CLAUSECHECK_SHARED"), ROOT.parent / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "spec").is_dir():
            return Path(candidate)
    return ROOT.parent / "shared"


SHARED = _shared_folder()
DEV_CORPUS = SHARED / "eval" / "dev" / "corpus"
SCHEMA = SHARED / "spec" / "report.schema.json"


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


def dev_documents(suffix: str = ".md") -> list[Path]:
    """The dev corpus renderings, when the shared folder is present next to the repository."""
    return sorted(DEV_CORPUS.glob(f"*{suffix}")) if DEV_CORPUS.is_dir() else []
