"""`clausecheck results`: questions over the store, in table, CSV and JSON form."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from clausecheck.cli import cli
from clausecheck.scan import ScanConfig, run_scan
from tests.scan.scanhelp import table

NAMES = ["alpha terms.md", "béta\nterms.md", "gamma.md", "delta.md", "epsilon.md", "zeta.md"]


@pytest.fixture
def db(make_repo, tmp_path: Path) -> Path:
    make_repo(len(NAMES), names=NAMES)
    (tmp_path / "repo" / "broken.md").write_bytes(b"\x00")
    path = tmp_path / "results.sqlite"
    run_scan(ScanConfig(paths=(str(tmp_path / "repo"),)), str(path))
    return path


def results(*args: str) -> tuple[int, str]:
    outcome = CliRunner().invoke(cli, ["results", *args])
    return outcome.exit_code, outcome.stdout


def test_filter_by_requirement_and_status_as_json(db: Path) -> None:
    requirement, status = table(db, "SELECT requirement_id, status FROM results ORDER BY contract_id LIMIT 1")[0]
    expected = {key for (key,) in table(db, "SELECT c.key FROM results r JOIN contracts c ON c.id = r.contract_id"
                                            " WHERE r.requirement_id = ? AND r.status = ?", (requirement, status))}

    code, output = results("--db", str(db), "--requirement", str(requirement), "--status", str(status), "-f", "json")

    rows = json.loads(output)
    assert code == 0
    assert {row["contract"] for row in rows} == expected
    assert all(row["requirement"] == requirement and row["status"] == status for row in rows)
    evidence_count = table(db, "SELECT count(*) FROM evidence WHERE requirement_id = ? AND contract_id IN"
                               " (SELECT contract_id FROM results WHERE requirement_id = ? AND status = ?)",
                           (requirement, requirement, status))[0][0]
    assert sum(len(row["evidence"]) for row in rows) == evidence_count


def test_csv_keeps_odd_names_and_table_keeps_one_line_per_row(db: Path) -> None:
    code, output = results("--db", str(db), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(output)))
    assert code == 0
    requirements = table(db, "SELECT count(DISTINCT requirement_id) FROM results")[0][0]
    assert len(rows) == len(NAMES) * requirements
    assert {Path(row["contract"]).name for row in rows} == set(NAMES)

    code, output = results("--db", str(db), "--contract", "béta")
    lines = output.splitlines()
    assert code == 0
    assert len(lines) == 1 + requirements and "béta\\nterms.md" in lines[1]


def test_contracts_by_verdict_and_errors(db: Path) -> None:
    verdict = table(db, "SELECT verdict FROM contracts WHERE verdict IS NOT NULL LIMIT 1")[0][0]
    expected = sorted(key for (key,) in table(db, "SELECT key FROM contracts WHERE verdict = ?", (verdict,)))
    code, output = results("--db", str(db), "--verdict", str(verdict), "--contracts", "-f", "json")
    assert code == 0
    assert [row["contract"] for row in json.loads(output)] == expected

    code, output = results("--db", str(db), "--errors", "-f", "json")
    assert code == 0
    assert [(Path(row["path"]).name, row["code"]) for row in json.loads(output)] == [("broken.md", "E106")]


def test_unknown_requirement_and_missing_database_are_one_line_errors(db: Path, tmp_path: Path) -> None:
    outcome = CliRunner().invoke(cli, ["results", "--db", str(db), "--requirement", "GENAI-NO-TRAINING"])
    assert outcome.exit_code != 0 and "did you mean" in str(outcome.exception)
    outcome = CliRunner().invoke(cli, ["results", "--db", str(tmp_path / "none.sqlite")])
    assert "run `clausecheck scan" in str(outcome.exception)
    assert not (tmp_path / "none.sqlite").exists()


def test_the_command_line_exits_2_with_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    process = subprocess.run([sys.executable, "-m", "clausecheck", "results", "--db", str(tmp_path / "x.sqlite")],
                             capture_output=True, text=True, timeout=60)
    assert process.returncode == 2
    assert process.stderr.strip().count("\n") == 0 and "x.sqlite" in process.stderr
