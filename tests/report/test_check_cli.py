"""``clausecheck check``: formats, the verdict on stderr, and exit codes 0 / 1 / 2."""
from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest

from clausecheck.cli import main
from clausecheck.model import Report, Verdict, VerdictStatus

CLICK_THROUGH = """\
# Chatbot Terms of Use

## 1. Acceptance
By using the Service, you agree to these Terms. If you do not agree, do not use the Service.

## 2. Content
We may use your Content to train and improve our models.
"""


def run(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """Run the command line in-process; its exit code (``--help`` returns without exiting)."""
    monkeypatch.setattr(sys, "argv", ["clausecheck", "check", *args])
    try:
        main()
    except SystemExit as exited:
        return int(exited.code or 0)
    return 0


@pytest.fixture
def terms(tmp_path: Path) -> Path:
    path = tmp_path / "terms.md"
    path.write_text(CLICK_THROUGH, encoding="utf-8")
    return path


def test_click_through_terms_exit_1_and_every_format_is_written(monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str],
                                                                terms: Path, tmp_path: Path) -> None:
    for name in ("report.html", "report.md", "report.docx", "report.json"):
        assert run(monkeypatch, str(terms), "-o", str(tmp_path / "out" / name)) == 1
    assert (tmp_path / "out" / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "out" / "report.md").read_text(encoding="utf-8").startswith("# Contract gap report")
    assert (tmp_path / "out" / "report.docx").read_bytes().startswith(b"PK")
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert data["verdict"]["status"] == "not-compliant" and data["verdict"]["contracted"] is False
    err = capsys.readouterr().err
    assert "✖ not-compliant: Not compliant" in err
    assert "  - Not a contracted application: click-through terms accepted by use" in err
    assert f"report: {tmp_path / 'out' / 'report.json'}" in err


def test_format_flag_wins_and_json_goes_to_stdout_by_default(monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str], terms: Path) -> None:
    assert run(monkeypatch, str(terms)) == 1
    assert json.loads(capsys.readouterr().out)["schema_version"] == 1
    assert run(monkeypatch, str(terms), "-f", "md", "--report-lang", "nl") == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("# Afwijkingenrapport contract")
    assert "Voldoet niet" in captured.err


def test_compliant_verdict_exits_0(monkeypatch: pytest.MonkeyPatch, report: Report, terms: Path,
                                   tmp_path: Path) -> None:
    compliant = dataclasses.replace(report, verdict=Verdict(VerdictStatus.COMPLIANT, True, ("all confirmed",)))
    monkeypatch.setattr("clausecheck.cli.check_cmd.check", lambda paths, library, options: compliant)
    assert run(monkeypatch, str(terms), "-o", str(tmp_path / "r.html")) == 0


def test_needs_review_exits_1(monkeypatch: pytest.MonkeyPatch, report: Report, terms: Path, tmp_path: Path) -> None:
    review = dataclasses.replace(report, verdict=Verdict(VerdictStatus.NEEDS_REVIEW, None, ("check form",)))
    monkeypatch.setattr("clausecheck.cli.check_cmd.check", lambda paths, library, options: review)
    assert run(monkeypatch, str(terms), "-o", str(tmp_path / "r.json")) == 1


@pytest.mark.parametrize(("args", "message"), [
    (["missing.md"], "missing.md: file not found"),
    (["{terms}", "--case", "{case}"], "case.yaml:1: unknown field 'usecase' (did you mean 'use_case'?)"),
    (["{terms}", "-f", "pdf"], "Invalid value for '-f' / '--format'"),
    (["{terms}", "--report-lang", "de"], "Invalid value for '--report-lang'"),
])
def test_usage_and_input_errors_exit_2_with_one_line(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str], terms: Path,
                                                     tmp_path: Path, args: list[str], message: str) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("usecase: typo\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    arguments = [arg.format(terms=terms, case=case) for arg in args]
    assert run(monkeypatch, *arguments) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_help_documents_the_exit_codes(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(monkeypatch, "--help") == 0
    out = capsys.readouterr().out
    assert "0  compliant" in out and "1  not compliant, or needs review" in out and "2  usage or input error" in out
