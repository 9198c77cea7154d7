"""``clausecheck parse``: the clause tree as text or JSON, and one-line errors with exit code 2 for bad input."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_builders import docx_bytes, new_document, rezip, write_image_only_pdf, write_pdf

from clausecheck.cli import main
from clausecheck.errors import EXIT_ERROR

CONTRACT = "# Terms\n\n## 1. Data\n\n1. We process data only on your instructions. We do not train models on it.\n"


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["clausecheck", "parse", *args])
    code = 0
    try:
        main()
    except SystemExit as exited:
        code = int(exited.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_parse_prints_the_clause_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "terms.md"
    path.write_text(CONTRACT)
    code, out, _ = run(monkeypatch, capsys, str(path))
    assert code == 0
    assert "[1] Data" in out and "| We do not train models on it." in out
    code, out, _ = run(monkeypatch, capsys, str(path), "--format", "json", "--lang", "nl")
    data = json.loads(out)
    assert code == 0 and data["language"] == "nl"
    assert [clause["number"] for clause in data["clauses"]] == [None, "1", "1.1"]


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "nowhere.pdf"


def _unsupported(tmp_path: Path) -> Path:
    path = tmp_path / "terms.xlsx"
    path.write_bytes(b"PK\x03\x04")
    return path


def _empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.pdf"
    path.touch()
    return path


def _corrupt_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> stream garbage")
    return path


def _locked_pdf(tmp_path: Path) -> Path:
    return write_pdf(tmp_path / "locked.pdf", [[["1. Secret terms."]]], encrypt_password="pw")


def _scanned_pdf(tmp_path: Path) -> Path:
    return write_image_only_pdf(tmp_path / "scanned.pdf", pages=2)


def _docx_not_zip(tmp_path: Path) -> Path:
    path = tmp_path / "terms.docx"
    path.write_text("plain text pretending to be Word")
    return path


def _docx_bomb(tmp_path: Path) -> Path:
    path = tmp_path / "bomb.docx"
    path.write_bytes(rezip(docx_bytes(new_document()), add={"word/media/filler.bin": b"\0" * (40 * 1024 * 1024)}))
    return path


def _too_large(tmp_path: Path) -> Path:
    path = tmp_path / "large.md"
    path.write_text(CONTRACT * 100)
    return path


@pytest.mark.parametrize(("make", "extra", "code", "words"), [
    (_missing, [], "E102", "not found"),
    (_unsupported, [], "E101", "unsupported"),
    (_empty, [], "E103", "empty"),
    (_corrupt_pdf, [], "E110", "damaged"),
    (_locked_pdf, [], "E111", "password"),
    (_scanned_pdf, [], "E105", "no text layer"),
    (_docx_not_zip, [], "E120", "not a valid .docx"),
    (_docx_bomb, [], "E121", "zip bomb"),
    (_too_large, ["--max-size", "0.001"], "E104", "over the"),
], ids=["missing", "unsupported", "empty", "corrupt-pdf", "password-pdf", "no-text-layer", "docx-not-zip",
        "docx-zip-bomb", "too-large"])
def test_bad_input_gets_one_line_naming_the_file_and_exit_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        make: Callable[[Path], Path], extra: list[str], code: str, words: str) -> None:
    path = make(tmp_path)
    exit_code, out, err = run(monkeypatch, capsys, str(path), *extra)
    assert exit_code == EXIT_ERROR
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0] and words in lines[0]
    assert "(" in lines[0] and lines[0].endswith(")"), "the message ends with a hint"
    assert "Traceback" not in err


def test_pdf_with_some_empty_pages_warns_and_succeeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = write_image_only_pdf(tmp_path / "mixed.pdf", pages=3, text_on_page={1: "1. Scope. Text on page one."})
    exit_code, out, err = run(monkeypatch, capsys, str(path))
    assert exit_code == 0
    assert "[1] Scope" in out
    assert err.strip() == f"warning: {path}: " + err.strip().split(": ", 2)[2]
    assert "pages 2-3" in err


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_parse_reads_pdfs_with_either_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str], engine: str) -> None:
    path = write_pdf(tmp_path / "terms.pdf", [[["1. Scope. These terms apply to every order."]],
                                              [["2. Data. We do not train models on Customer Data."]]],
                     header="Acme terms - version 2")
    exit_code, out, _ = run(monkeypatch, capsys, str(path), "--pdf-engine", engine, "--format", "json")
    data = json.loads(out)
    assert exit_code == 0 and data["pages"] == 2
    assert [(clause["number"], clause["pages"]) for clause in data["clauses"]] == [("1", [1]), ("2", [2])]
    assert all("Acme terms" not in clause["text"] for clause in data["clauses"])
