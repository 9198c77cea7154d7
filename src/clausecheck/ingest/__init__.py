"""Read a file into a Document: checks that apply to every format, then one reader per format.

Each format module (``pdf``, ``docx``, ``html``, ``text``) defines
``read(path, data, options) -> RawDocument``; this module checks the file (supported suffix,
present, not empty, under the size limit), picks the reader by suffix, joins the blocks into one
text with offsets and detects the language. Every failure is an InputError naming the file.
"""
from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from clausecheck.errors import InputError
from clausecheck.ingest.base import ReadOptions, RawDocument, Reader, assemble
from clausecheck.ingest.language import detect_language
from clausecheck.model import DocFormat, Document

# suffix -> (format, module that defines ``read``); modules load lazily to keep start-up fast
READERS: dict[str, tuple[DocFormat, str]] = {
    ".pdf": (DocFormat.PDF, "clausecheck.ingest.pdf"),
    ".docx": (DocFormat.DOCX, "clausecheck.ingest.docx"),
    ".html": (DocFormat.HTML, "clausecheck.ingest.html"),
    ".htm": (DocFormat.HTML, "clausecheck.ingest.html"),
    ".md": (DocFormat.MD, "clausecheck.ingest.text"),
    ".markdown": (DocFormat.MD, "clausecheck.ingest.text"),
    ".txt": (DocFormat.TXT, "clausecheck.ingest.text"),
    ".text": (DocFormat.TXT, "clausecheck.ingest.text"),
}

SUPPORTED_SUFFIXES = tuple(sorted(READERS))


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.3g}"


def read_document(path: str | Path, options: ReadOptions | None = None) -> Document:
    """Read ``path`` into a Document, or raise InputError naming the file and what to do."""
    options = options or ReadOptions()
    name = str(path)
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in READERS:
        raise InputError(name, f"unsupported file type '{suffix or '(none)'}'",
                         f"convert it to one of {', '.join(SUPPORTED_SUFFIXES)}", code="E101")
    if not file.exists():
        raise InputError(name, "file not found", "check the path", code="E102")
    if not file.is_file():
        raise InputError(name, "not a regular file", "give a file, or use `clausecheck scan` for folders", code="E102")
    size = file.stat().st_size
    if size == 0:
        raise InputError(name, "file is empty (0 bytes)", "re-export or re-download the document", code="E103")
    if size > options.max_bytes:
        raise InputError(name, f"file is {_megabytes(size)} MB, over the {_megabytes(options.max_bytes)} MB limit",
                         "raise it with --max-size MB if the file is genuine", code="E104")
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror or error})", "check the file's permissions",
                         code="E102") from None
    doc_format, module = READERS[suffix]
    reader: Reader = importlib.import_module(module).read
    raw: RawDocument = reader(name, data, options)
    text, blocks, page_starts = assemble(raw)
    if not text.strip():
        raise InputError(name, "no text could be extracted", "if it is a scan, run OCR first (e.g. ocrmypdf)",
                         code="E105")
    language = options.language or detect_language(text)
    return Document(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=doc_format,
        language=language,
        text=text,
        blocks=blocks,
        page_starts=page_starts,
        warnings=tuple(raw.warnings),
    )
