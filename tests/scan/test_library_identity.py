"""The scan's quick library identity agrees with the full loader, and a broken library stops
a scan with one clear error before any contract is analysed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from clausecheck.cli import cli
from clausecheck.errors import LibraryError
from clausecheck.library import load_library
from clausecheck.library.loader import load_directory
from clausecheck.scan.library_identity import library_identity


def test_identity_matches_the_loaded_library(stable_library: Path, tmp_path: Path) -> None:
    edited = Path(shutil.copytree(stable_library, tmp_path / "edited"))
    (edited / "library.yaml").write_text((edited / "library.yaml").read_text(encoding="utf-8") + "\n# note\n",
                                         encoding="utf-8")
    for root in (stable_library, edited):
        library = load_directory(root)
        identity = library_identity(root)
        assert (identity.name, identity.version, identity.fingerprint) == (
            library.name, library.version, library.fingerprint)
    assert library_identity(edited).fingerprint != library_identity(stable_library).fingerprint
    assert library_identity().root == load_library().root


def test_a_broken_library_stops_the_scan_before_any_work(make_repo, stable_library: Path, tmp_path: Path) -> None:
    make_repo(2)
    broken = Path(shutil.copytree(stable_library, tmp_path / "broken"))
    rule = sorted(path for path in broken.rglob("*.yaml") if path.name != "library.yaml")[-1]
    rule.write_text(rule.read_text(encoding="utf-8").replace("rules:", "rulez:", 1), encoding="utf-8")

    outcome = CliRunner().invoke(cli, ["scan", str(tmp_path / "repo"), "--db", str(tmp_path / "r.sqlite"),
                                       "--library", str(broken)])

    assert isinstance(outcome.exception, LibraryError)
    assert rule.name in str(outcome.exception)


def test_a_missing_library_is_a_library_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="not found"):
        library_identity(tmp_path / "nowhere")
