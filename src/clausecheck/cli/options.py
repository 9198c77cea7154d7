"""Options shared by the commands that read documents."""
from __future__ import annotations

from typing import Any, Callable

import click

from clausecheck.ingest.base import DEFAULT_MAX_BYTES, ReadOptions


def read_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Adds --pdf-engine, --lang and --max-size."""
    function = click.option("--max-size", "max_size_mb", type=click.FloatRange(min=0.001),
                            default=DEFAULT_MAX_BYTES / 1e6, show_default=True,
                            help="Refuse files larger than this many MB.")(function)
    function = click.option("--lang", "language", type=click.Choice(["en", "nl"]), default=None,
                            help="Language of the documents (detected per document by default).")(function)
    function = click.option("--pdf-engine", type=click.Choice(["pdfium", "pdfplumber"]), default="pdfium",
                            show_default=True,
                            help="pdfium: fast text path; pdfplumber: layout-aware, tables as rows.")(function)
    return function


def make_read_options(pdf_engine: str, language: str | None, max_size_mb: float) -> ReadOptions:
    return ReadOptions(pdf_engine=pdf_engine, language=language, max_bytes=int(max_size_mb * 1e6))
