"""Unreadable files are recorded with their code and message; the scan goes on around them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from clausecheck.cli import cli
from clausecheck.scan import ScanConfig, run_scan
from tests.scan.scanhelp import table


def add_bad_files(repo: Path) -> dict[str, str]:
    """Broken files among the good ones, with the error code each must get."""
    (repo / "binary.md").write_bytes(b"# Terms\x00\x01\x02 not text")
    (repo / "empty.txt").write_bytes(b"")
    (repo / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not a PDF body\n")
    return {"binary.md": "E106", "empty.txt": "E103", "broken.pdf": ""}


def test_a_corrupt_file_among_good_ones(make_repo, tmp_path: Path) -> None:
    make_repo(6, names=[f"good-{number}.md" for number in range(6)])
    repo, db = tmp_path / "repo", tmp_path / "results.sqlite"
    expected = add_bad_files(repo)

    outcome = CliRunner().invoke(cli, ["scan", str(repo), "--db", str(db), "--workers", "2"])

    assert outcome.exit_code == 3, outcome.output
    assert "3 file(s) could not be read" in outcome.output
    errors = {Path(path).name: (code, message) for path, code, message in
              table(db, "SELECT path, code, message FROM errors")}
    assert set(errors) == set(expected)
    for name, code in expected.items():
        assert errors[name][1].startswith(str(repo / name)), "the message names the file"
        if code:
            assert errors[name][0] == code
        else:
            assert errors[name][0].startswith("E1")  # the PDF reader's own code for a damaged file
    good = table(db, "SELECT key, verdict FROM contracts WHERE verdict IS NOT NULL")
    assert len(good) == 6
    assert table(db, "SELECT count(DISTINCT contract_id) FROM results")[0][0] == 6
    assert table(db, "SELECT count(*) FROM contracts WHERE verdict IS NULL")[0][0] == 3


def test_errors_are_reported_again_on_an_unchanged_rescan(make_repo, tmp_path: Path) -> None:
    make_repo(2)
    repo, db = tmp_path / "repo", tmp_path / "results.sqlite"
    add_bad_files(repo)
    run_scan(ScanConfig(paths=(str(repo),)), str(db))
    again = run_scan(ScanConfig(paths=(str(repo),)), str(db))
    assert again.analysed == 0
    assert again.with_errors == 3
    outcome = CliRunner().invoke(cli, ["scan", str(repo), "--db", str(db), "--quiet"])
    assert outcome.exit_code == 3
    assert "E103" in outcome.output


def test_an_unreadable_document_makes_its_folder_contract_need_review_at_best(make_repo, tmp_path: Path) -> None:
    make_repo(2, names=["supplier/terms.md", "supplier/dpa.md"])
    repo, db = tmp_path / "repo", tmp_path / "results.sqlite"
    (repo / "supplier" / "annex.md").write_bytes(b"\x00\x00")

    result = run_scan(ScanConfig(paths=(str(repo),), group_by="folder"), str(db))

    [summary] = result.summaries
    assert summary.documents == 3
    assert summary.verdict in ("needs-review", "not-compliant")
    assert [error.code for error in summary.errors] == ["E106"]
    reasons = json.loads(table(db, "SELECT reasons FROM contracts")[0][0])
    assert any("annex.md (E106)" in reason for reason in reasons)


def test_an_unreadable_permission_is_an_error_not_a_crash(make_repo, tmp_path: Path) -> None:
    import os

    files = make_repo(2)
    files[0].chmod(0)
    try:
        if os.access(files[0], os.R_OK):
            pytest.skip("running as root: file permissions do not apply")
        result = run_scan(ScanConfig(paths=(str(tmp_path / "repo"),)), str(tmp_path / "results.sqlite"))
    finally:
        files[0].chmod(0o644)
    codes = {error.path: error.code for summary in result.summaries for error in summary.errors}
    assert codes == {str(files[0]): "E100"}
