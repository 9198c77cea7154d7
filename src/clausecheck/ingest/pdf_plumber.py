"""The layout-aware PDF engine: pdfplumber's lines outside tables, and each table row as one
row of cells. Slower than the pdfium path; chosen with ``--pdf-engine pdfplumber``."""
from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from clausecheck.errors import InputError
from clausecheck.ingest.pdf_page import Line, PageLines, TableRow

if TYPE_CHECKING:
    from pdfplumber.page import Page

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_CID = re.compile(r"\(cid:(\d+)\)")
# WinAnsiEncoding shows its unused codes as a bullet (PDF 1.7, Annex D, note 6); pdfminer prints them as (cid:N)
_WIN_ANSI_BULLETS = frozenset({127, 129, 141, 143, 144, 157})


def read_pages(path: str, data: bytes) -> list[PageLines]:
    """Every page's lines (outside tables) and table rows. The caller has opened the file with
    pdfium first, so encryption and plain damage are already reported."""
    import pdfplumber

    pages: list[PageLines] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                pages.append(_read_page(page))
                page.close()
    except Exception as error:  # pdfminer raises many kinds of error on files pdfium accepts
        raise InputError(path, f"pdfplumber cannot read this PDF ({type(error).__name__})",
                         "use the default engine (--pdf-engine pdfium)", code="E110") from None
    return pages


def _read_page(page: Page) -> PageLines:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside_tables(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (float(obj["x0"]) + float(obj["x1"])) / 2
        y = (float(obj["top"]) + float(obj["bottom"])) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside_tables) if boxes else page
    lines: list[Line] = []
    for line in text_page.extract_text_lines(return_chars=True, strip=True):
        text = _unmapped_glyphs(line["text"])
        if not text.strip():
            continue
        chars = line.get("chars") or [{}]
        lines.append(Line(
            text=text,
            left=float(line["x0"]),
            right=float(line["x1"]),
            top=float(line["top"]),
            bottom=float(line["bottom"]),
            size=float(chars[0].get("size") or 0.0),
            bold=_bold(chars[0]) and _bold(chars[-1]),
        ))
    rows: list[TableRow] = []
    for table in tables:
        for row, cells in zip(table.rows, table.extract()):
            texts = [_unmapped_glyphs(cell or "").replace("\n", " ").strip() for cell in cells]
            if any(texts):
                rows.append(TableRow(texts, float(row.bbox[1])))
    return PageLines(page.page_number, float(page.width), float(page.height), lines, rows)


def _unmapped_glyphs(text: str) -> str:
    return _CID.sub(lambda match: "•" if int(match.group(1)) in _WIN_ANSI_BULLETS else "", text)


def _bold(char: dict[str, Any]) -> bool:
    return bool(_BOLD_NAME.search(str(char.get("fontname", ""))))
