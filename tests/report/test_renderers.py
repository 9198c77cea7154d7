"""One interface for every format: ``render(report, name) -> bytes`` from the same Report."""
from __future__ import annotations

import pytest

from clausecheck.model import Report
from clausecheck.report import RENDERERS, format_for_path, render


def test_every_format_is_registered_with_its_suffix() -> None:
    assert {name: suffix for name, (_, suffix) in RENDERERS.items()} == {
        "json": ".json", "html": ".html", "md": ".md", "docx": ".docx"}


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_every_renderer_turns_the_same_report_into_bytes(report: Report, name: str) -> None:
    data = render(report, name)
    assert isinstance(data, bytes) and data
    signature = {"json": b"{", "html": b"<!DOCTYPE html>", "md": b"# ", "docx": b"PK\x03\x04"}[name]
    assert data.startswith(signature)


@pytest.mark.parametrize("name", ["json", "html", "md"])
def test_text_formats_are_deterministic(report: Report, name: str) -> None:
    assert render(report, name) == render(report, name)


@pytest.mark.parametrize(("path", "name"), [
    ("out/report.html", "html"), ("r.MD", "md"), ("r.markdown", "md"), ("x.docx", "docx"), ("x.json", "json"),
    ("x.pdf", None), ("noext", None),
])
def test_format_follows_the_output_suffix(path: str, name: str | None) -> None:
    assert format_for_path(path) == name
