"""Rescans analyse only what changed: files, the clause library, the tool's options."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest

from clausecheck.library import default_library_path
from clausecheck.scan import ScanConfig, run_scan
from tests.scan.scanhelp import stored_results, table


def scan(repo: Path, db: Path, **config: object) -> object:
    return run_scan(ScanConfig(paths=(str(repo),), **config), str(db))  # type: ignore[arg-type]


def analysed_keys(db: Path, run_id: int) -> set[str]:
    return {key for (key,) in table(db, "SELECT key FROM contracts WHERE analysed_run = ?", (run_id,))}


def assert_no_duplicates(db: Path) -> None:
    assert table(db, "SELECT count(*) FROM results")[0][0] == table(
        db, "SELECT count(*) FROM (SELECT DISTINCT contract_id, requirement_id FROM results)")[0][0]
    assert table(db, "SELECT count(*) FROM evidence")[0][0] == table(
        db, "SELECT count(*) FROM (SELECT DISTINCT contract_id, requirement_id, position FROM evidence)")[0][0]
    orphans = table(db, "SELECT count(*) FROM evidence e LEFT JOIN results r ON r.contract_id = e.contract_id"
                        " AND r.requirement_id = e.requirement_id WHERE r.contract_id IS NULL")
    assert orphans[0][0] == 0


def copy_library(target: Path, version: str | None = None) -> Path:
    shutil.copytree(default_library_path(), target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    if version is not None:
        index = target / "library.yaml"
        text, replaced = re.subn(r'(?m)^version:.*$', f'version: "{version}"', index.read_text(encoding="utf-8"))
        assert replaced == 1
        index.write_text(text, encoding="utf-8")
    return target


def test_nothing_is_analysed_again_when_nothing_changed(make_repo, tmp_path: Path) -> None:
    make_repo(12)
    db = tmp_path / "results.sqlite"
    first = scan(tmp_path / "repo", db)
    before = stored_results(db)
    second = scan(tmp_path / "repo", db)
    assert (first.analysed, first.unchanged) == (12, 0)
    assert (second.analysed, second.unchanged) == (0, 12)
    assert analysed_keys(db, second.run_id) == set()
    assert stored_results(db) == before
    assert len(second.summaries) == 12


def test_only_the_changed_contract_is_analysed_and_its_results_replaced(make_repo, tmp_path: Path) -> None:
    files = make_repo(12)
    db = tmp_path / "results.sqlite"
    scan(tmp_path / "repo", db)
    changed = files[4]
    changed.write_text(changed.read_text(encoding="utf-8").replace("CC-0004", "CC-9004"), encoding="utf-8")
    os.utime(changed, ns=(1_000_000_000, 1_000_000_000))  # an old mtime: change detected by size+hash, not age

    second = scan(tmp_path / "repo", db)

    assert (second.analysed, second.unchanged) == (1, 11)
    assert analysed_keys(db, second.run_id) == {str(changed)}
    assert_no_duplicates(db)
    assert table(db, "SELECT count(*) FROM contracts")[0][0] == 12
    sha = table(db, "SELECT sha256 FROM documents WHERE path = ?", (str(changed),))[0][0]
    assert sha == hashlib.sha256(changed.read_bytes()).hexdigest()


def test_a_touched_but_identical_file_is_rehashed_not_reanalysed(make_repo, tmp_path: Path) -> None:
    files = make_repo(6)
    db = tmp_path / "results.sqlite"
    scan(tmp_path / "repo", db)
    os.utime(files[2], ns=(2_000_000_000, 2_000_000_000))
    second = scan(tmp_path / "repo", db)
    assert second.analysed == 0
    assert table(db, "SELECT mtime_ns FROM documents WHERE path = ?", (str(files[2]),))[0][0] == 2_000_000_000


def test_everything_is_analysed_again_when_the_library_version_changes(make_repo, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(9)
    db = tmp_path / "results.sqlite"
    monkeypatch.setenv("CLAUSECHECK_LIBRARY", str(copy_library(tmp_path / "library-v1")))
    first = scan(tmp_path / "repo", db)
    monkeypatch.setenv("CLAUSECHECK_LIBRARY", str(copy_library(tmp_path / "library-v2", version="9999.1")))

    second = scan(tmp_path / "repo", db)

    assert (first.analysed, second.analysed, second.unchanged) == (9, 9, 0)
    assert {version for (version,) in table(db, "SELECT DISTINCT library_version FROM contracts")} == {"9999.1"}
    assert_no_duplicates(db)


def test_an_edited_rule_without_a_version_bump_also_counts_as_a_change(make_repo, tmp_path: Path) -> None:
    make_repo(4)
    db = tmp_path / "results.sqlite"
    library = copy_library(tmp_path / "library")
    scan(tmp_path / "repo", db, library_path=str(library))
    rule = sorted(path for path in library.rglob("*.yaml") if path.name != "library.yaml")[-1]
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    edited = shutil.copytree(library, tmp_path / "library-edited")  # a new path: libraries are cached per folder

    second = scan(tmp_path / "repo", db, library_path=str(edited))

    assert second.analysed == 4


def test_force_and_changed_options_analyse_everything(make_repo, tmp_path: Path) -> None:
    from clausecheck.pipeline import CheckOptions

    make_repo(3)
    db = tmp_path / "results.sqlite"
    scan(tmp_path / "repo", db)
    assert scan(tmp_path / "repo", db, force=True).analysed == 3
    assert scan(tmp_path / "repo", db, options=CheckOptions(report_language="nl")).analysed == 3
    assert scan(tmp_path / "repo", db, options=CheckOptions(report_language="nl")).analysed == 0


def test_removed_contracts_are_forgotten_and_new_ones_added(make_repo, tmp_path: Path) -> None:
    files = make_repo(6)
    db = tmp_path / "results.sqlite"
    scan(tmp_path / "repo", db)
    files[0].unlink()
    added = tmp_path / "repo" / "new.md"
    shutil.copy(files[1], added)
    added.write_text(added.read_text(encoding="utf-8") + "\n\nAddendum.\n", encoding="utf-8")

    second = scan(tmp_path / "repo", db)

    assert (second.analysed, second.unchanged, second.pruned) == (1, 5, 1)
    keys = {key for (key,) in table(db, "SELECT key FROM contracts")}
    assert str(files[0]) not in keys and str(added) in keys
    assert table(db, "SELECT count(*) FROM documents WHERE path = ?", (str(files[0]),))[0][0] == 0
    assert_no_duplicates(db)


def test_switching_to_folder_grouping_replaces_the_file_contracts(make_repo, tmp_path: Path) -> None:
    make_repo(6)
    db = tmp_path / "results.sqlite"
    scan(tmp_path / "repo", db)
    result = scan(tmp_path / "repo", db, group_by="folder")
    assert result.analysed == 3
    assert {summary.documents for summary in result.summaries} == {2}
    assert table(db, "SELECT count(*) FROM contracts")[0][0] == 3
    assert table(db, "SELECT count(*) FROM documents")[0][0] == 6
