"""Generator of clausecheck's fictional sample contracts (PDF, DOCX, HTML, Markdown) from one source each."""
from __future__ import annotations

from collections.abc import Callable

from samplegen.html_page import render_html
from samplegen.markdown_text import render_markdown
from samplegen.model import Sample, SourceError
from samplegen.pdf import render_pdf
from samplegen.source import load_samples
from samplegen.word import render_docx

RENDERERS: dict[str, Callable[[Sample], bytes]] = {
    "pdf": render_pdf,
    "docx": render_docx,
    "html": render_html,
    "md": render_markdown,
}

__all__ = ["RENDERERS", "Sample", "SourceError", "load_samples"]
