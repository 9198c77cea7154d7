"""Fixtures for the scan tests."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from clausecheck.library import default_library_path
from tests.scan.scanhelp import write_repo

RepoBuilder = Callable[..., list[Path]]


@pytest.fixture(scope="session")
def library_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the clause library taken once: a rescan test must not see the library edited
    between its two scans (that would rightly make everything be analysed again)."""
    target = tmp_path_factory.mktemp("library") / "clause_library"
    shutil.copytree(default_library_path(), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest.fixture(autouse=True)
def stable_library(library_snapshot: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLAUSECHECK_LIBRARY", str(library_snapshot))
    return library_snapshot


@pytest.fixture
def make_repo(tmp_path: Path) -> RepoBuilder:
    """make_repo(count, folder="repo", names=None) -> the files written under tmp_path/folder."""

    def build(count: int, folder: str = "repo", names: list[str] | None = None) -> list[Path]:
        return write_repo(tmp_path / folder, count, names)

    return build
