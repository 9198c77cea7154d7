"""Report renderers, one module per format behind one interface: ``render(report) -> bytes``.

Every format is drawn from the same ``Report``; the human-readable ones (HTML, Markdown, DOCX)
from the same ``view.ReportView``, in the report's language.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

from clausecheck.model import Report

# format name -> (module with ``render(report) -> bytes``, default file suffix)
RENDERERS: dict[str, tuple[str, str]] = {
    "json": ("clausecheck.report.json_format", ".json"),
    "html": ("clausecheck.report.html_format", ".html"),
    "md": ("clausecheck.report.markdown_format", ".md"),
    "docx": ("clausecheck.report.docx_format", ".docx"),
}
BINARY_FORMATS = frozenset({"docx"})


def renderer(name: str) -> Callable[[Report], bytes]:
    module, _ = RENDERERS[name]
    return importlib.import_module(module).render  # type: ignore[no-any-return]


def render(report: Report, name: str) -> bytes:
    return renderer(name)(report)


def format_for_path(path: str | Path) -> str | None:
    """The format whose suffix ``path`` has ("report.html" -> "html"), if any."""
    suffix = Path(path).suffix.lower()
    if suffix == ".markdown":
        return "md"
    for name, (_, default_suffix) in RENDERERS.items():
        if suffix == default_suffix:
            return name
    return None
