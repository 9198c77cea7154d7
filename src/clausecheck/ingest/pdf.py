"""PDF: a fast default path through pypdfium2, or pdfplumber for layout-aware reading (tables as rows).

Both engines produce positioned lines per page; ``pdf_layout`` turns them into blocks the same
way. Pages without a text layer are reported in a warning that names them; a PDF without any
text, an encrypted PDF and a corrupt PDF are refused with an InputError.
"""
from __future__ import annotations

import bisect
import ctypes
import functools
import logging
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from clausecheck.errors import InputError
from clausecheck.ingest.base import RawDocument, ReadOptions
from clausecheck.ingest.pdf_layout import build_blocks, remove_running_lines
from clausecheck.ingest.pdf_page import Line, PageLines

log = logging.getLogger(__name__)

ENGINES = ("pdfium", "pdfplumber")

_LINE = re.compile(r"[^\r\n]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\uffff]")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag


def read(path: str, data: bytes, options: ReadOptions) -> RawDocument:
    if options.pdf_engine not in ENGINES:
        raise InputError(path, f"unknown PDF engine '{options.pdf_engine}'", f"use one of {', '.join(ENGINES)}",
                         code="E107")
    document = open_pdf(path, data)
    try:
        page_count = len(document)
        pages = [] if options.pdf_engine == "pdfplumber" else [_read_page(document, n) for n in range(page_count)]
    finally:
        document.close()
    if options.pdf_engine == "pdfplumber":  # pdfium has vetted the file: not encrypted, not corrupt
        from clausecheck.ingest.pdf_plumber import read_pages

        pages = read_pages(path, data)
    return layout(path, pages, page_count)


def open_pdf(path: str, data: bytes) -> pdfium.PdfDocument:
    """Open ``data`` with pdfium, turning its failures into errors a user can act on."""
    if b"%PDF" not in data[:1024]:
        raise InputError(path, "not a PDF file (no %PDF header)", "check the file type or re-export it as PDF",
                         code="E110")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputError(path, "the PDF is password-protected",
                             "remove the password (e.g. print to a new PDF, or `qpdf --decrypt`) and try again",
                             code="E111") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputError(path, "the PDF uses an unsupported encryption scheme",
                             "save an unencrypted copy and try again", code="E111") from None
        raise InputError(path, "the PDF is damaged and cannot be read",
                         "re-download or re-export it, or repair it with `qpdf` or `mutool clean`", code="E110") from None


def layout(path: str, pages: list[PageLines], page_count: int) -> RawDocument:
    """Blocks from the engine's pages; warnings for pages without a text layer (or with nothing
    but a running header, footer or page number, as a scan with a stamped footer has)."""
    removed = remove_running_lines(pages)
    log.debug("%s: removed %d running header, footer and page-number lines", path, removed)
    empty = [page.number for page in pages if not page.lines and not page.rows]
    if page_count and len(empty) == page_count:
        raise InputError(path, "the PDF has no text layer (it looks like a scan)",
                         "run OCR first, e.g. `ocrmypdf in.pdf out.pdf`, then check the OCR'd file", code="E105")
    warnings = []
    if empty:
        warnings.append(f"no text layer on page{'s' if len(empty) > 1 else ''} {_ranges(empty)} "
                        "(scanned or blank); their content is not checked - run OCR (e.g. ocrmypdf) to include it")
    return RawDocument(build_blocks(pages), pages=page_count, warnings=warnings)


def _ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 7] -> "1-3, 7"."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def _read_page(document: pdfium.PdfDocument, index: int) -> PageLines:
    page = document[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            lines = _page_lines(textpage, height)
        finally:
            textpage.close()
    finally:
        page.close()
    return PageLines(index + 1, width, height, lines)


def _page_lines(textpage: pdfium.PdfTextPage, height: float) -> list[Line]:
    """Lines in pdfium's reading order, each measured by its first and last character only
    (no per-character loop: pdfium has already grouped the characters into lines)."""
    text = textpage.get_text_range()
    if not text.strip():
        return []
    aligned = len(text) == textpage.count_chars()
    raw = textpage.raw
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    segments = _Segments(textpage)
    lines: list[Line] = []
    for match in _LINE.finditer(text):
        # pdfium marks a hyphen it takes for a word break at a line end (\x02) or joins the two lines
        # itself around one (\ufffe); both become a soft hyphen that pdf_layout resolves
        content = _CONTROL.sub("", match.group().replace("\x02", "\u00ad").replace("\ufffe", "\u00ad")).strip()
        if not content:
            continue
        raw_line = match.group()
        first = match.start() + len(raw_line) - len(raw_line.lstrip())
        last = match.start() + len(raw_line.rstrip()) - 1
        if not aligned:
            first = pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, first)
            last = pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, last)
            if first < 0 or last < 0:
                continue
        left, bottom, _, top = textpage.get_charbox(first, loose=True)
        _, bottom_last, right, top_last = textpage.get_charbox(last, loose=True)
        size = pdfium_c.FPDFText_GetFontSize(raw, first)
        lines.append(Line(
            text=content,
            left=left,
            right=right,
            top=height - max(top, top_last),
            bottom=height - min(bottom, bottom_last),
            size=size,
            bold=_is_bold(raw, first, name, flags) and _is_bold(raw, last, name, flags),
            cells=segments.cells(left, right, min(bottom, bottom_last), max(top, top_last), size),
        ))
    return lines


class _Segments:
    """pdfium's text rectangles on a page: runs of characters without a wide gap. A line made of
    several rectangles far apart is a table row whose cells pdfium printed on one line."""

    # rectangles split where text objects are placed apart; within running text the gap is one
    # space (about 0.25 of the font size), between table cells or after a tabbed label far more
    CELL_GAP = 0.8

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self.textpage = textpage
        rects = [textpage.get_rect(index) for index in range(textpage.count_rects())]
        rects.sort(key=lambda rect: (rect[1] + rect[3]) / 2)
        self.rects = rects
        self.centres = [(rect[1] + rect[3]) / 2 for rect in rects]

    def cells(self, left: float, right: float, bottom: float, top: float,
              size: float) -> tuple[tuple[float, float, str], ...]:
        start = bisect.bisect_left(self.centres, bottom)
        end = bisect.bisect_right(self.centres, top)
        if end - start < 2:
            return ()
        pieces = sorted((rect for rect in self.rects[start:end] if rect[0] >= left - 1 and rect[2] <= right + 1),
                        key=lambda rect: rect[0])
        groups: list[tuple[float, float, float, float]] = []  # (left, bottom, right, top)
        for piece in pieces:
            if groups and piece[0] - groups[-1][2] <= self.CELL_GAP * max(size, 1.0):
                group = groups[-1]
                groups[-1] = (group[0], min(group[1], piece[1]), max(group[2], piece[2]), max(group[3], piece[3]))
            else:
                groups.append(piece)
        if len(groups) < 2:
            return ()
        texts = ((group[0], group[2], _CONTROL.sub("", self.textpage.get_text_bounded(*group)).strip())
                 for group in groups)
        return tuple((x0, x1, text) for x0, x1, text in texts if text)


def _is_bold(raw: object, index: int, name: ctypes.Array[ctypes.c_char], flags: ctypes.c_int) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(raw, index) >= 600:
        return True
    if not pdfium_c.FPDFText_GetFontInfo(raw, index, name, len(name), flags):
        return False
    return bool(flags.value & _FORCE_BOLD) or _bold_name(name.value)


@functools.lru_cache(maxsize=256)
def _bold_name(font_name: bytes) -> bool:
    return bool(_BOLD_NAME.search(font_name.decode("latin-1")))
