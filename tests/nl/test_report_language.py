"""A Dutch contract gets a Dutch report with --report-lang nl and an English report otherwise:
requirement titles, fallback clauses and the explanations of ARBIT incorporation follow the report
language."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from clausecheck.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "nl-arbit-saas-overeenkomst-fails.md"


def report_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *options: str) -> str:
    output = tmp_path / "report.md"
    monkeypatch.setattr(sys, "argv", ["clausecheck", "check", str(SAMPLE), "-o", str(output), *options])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1  # the 'fails' variant is not compliant
    return output.read_text(encoding="utf-8")


def test_dutch_report_with_report_lang_nl(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text = report_text(monkeypatch, tmp_path, "--report-lang", "nl")
    assert "Aansprakelijkheid van Opdrachtnemer niet uitgesloten of beperkt onder het ARBIT-niveau" in text
    assert "Afwijking van artikel 26 ARBIT-2022" in text
    assert "Daarnaast is artikel 37 ARBIT-2022 van toepassing." in text  # governing law met, ARBIT as support
    assert "Supplier liability not excluded" not in text


def test_english_report_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text = report_text(monkeypatch, tmp_path)
    assert "Supplier liability not excluded or capped below ARBIT levels" in text
    assert "Deviation from ARBIT-2022 article 26" in text
    assert "ARBIT-2022 article 37 applies as well." in text
    assert "Aansprakelijkheid van Opdrachtnemer niet uitgesloten" not in text
