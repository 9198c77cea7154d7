"""Render a Sample as an A4 PDF with a running header and a "Page N of M" footer on every page.

reportlab runs with ``invariant=1`` (fixed creation date and document ID), so the same source
always gives the same bytes. The page total is known only at the end, so the canvas keeps every
page's state and draws the header and footer when the document is saved.
"""
from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from samplegen.model import Block, Clause, Inline, Part, Recital, Sample, Section, SubHeading
from samplegen.model import Paragraph as TextParagraph
from samplegen.model import Table as TextTable
from samplegen.numbering import SCHEMES, label, recital_label

_FONTS = {"serif": ("Times-Roman", "Times-Bold"), "sans": ("Helvetica", "Helvetica-Bold")}
_PAGE_WORD = {"en": ("Page", "of"), "nl": ("Pagina", "van")}
_LEFT, _RIGHT, _TOP, _BOTTOM = 25 * mm, 25 * mm, 27 * mm, 22 * mm
_CLAUSE_INDENT = (0.0, 36.0, 62.0, 90.0)  # where the number of a clause at each level starts
_GREY = colors.Color(0.35, 0.35, 0.35)


def render_pdf(sample: Sample) -> bytes:
    styles = _styles(sample)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=_LEFT, rightMargin=_RIGHT, topMargin=_TOP, bottomMargin=_BOTTOM,
        title=sample.title, author=sample.author, subject=sample.subject, keywords=sample.keywords,
        creator="clausecheck sample generator (samples/make_samples.py)", invariant=1, lang=sample.language,
    )
    document.build(_story(sample, styles), canvasmaker=_furniture_canvas(sample))
    return buffer.getvalue()


def _styles(sample: Sample) -> dict[str, ParagraphStyle]:
    regular, bold = _FONTS[sample.font]
    body = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14, alignment=TA_JUSTIFY,
                          spaceAfter=5)
    return {
        "body": body,
        "title": ParagraphStyle("title", fontName=bold, fontSize=17, leading=21, alignment=TA_CENTER,
                                spaceAfter=10),
        "part": ParagraphStyle("part", fontName=bold, fontSize=14, leading=18, alignment=TA_CENTER,
                               spaceBefore=14, spaceAfter=10),
        "section": ParagraphStyle("section", fontName=bold, fontSize=11.5, leading=15, spaceBefore=11,
                                  spaceAfter=5, alignment=TA_LEFT),
        "sub": ParagraphStyle("sub", fontName=bold, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=4),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11.5, alignment=TA_LEFT),
        "head": ParagraphStyle("head", fontName=bold, fontSize=9, leading=11.5, alignment=TA_LEFT),
    }


def _story(sample: Sample, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(escape(sample.title), styles["title"])]
    pending_heading: list[Flowable] = []
    for block in sample.blocks:
        flowables = _flowables(block, sample, styles)
        if isinstance(block, (Part, Section)) and block.page_break:
            story.append(PageBreak())
        if isinstance(block, (Part, Section, SubHeading)):
            pending_heading.extend(flowables)  # keep a heading on the page of what follows it
            continue
        if pending_heading:
            story.append(KeepTogether([*pending_heading, flowables[0]]))
            story.extend(flowables[1:])
            pending_heading = []
        else:
            story.extend(flowables)
    story.extend(pending_heading)
    return story


def _flowables(block: Block, sample: Sample, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    scheme = SCHEMES[sample.scheme]
    if isinstance(block, Part):
        return [Paragraph(escape(block.title), styles["part"])]
    if isinstance(block, Section):
        if block.number is None:
            return [Paragraph(escape(block.title), styles["section"])]
        number = label(scheme, (block.number,))
        width = 62.0 if sample.scheme == "nl" else 26.0
        style = ParagraphStyle(f"section-{width}", parent=styles["section"], leftIndent=width, bulletIndent=0,
                               bulletFontName=styles["section"].fontName, bulletFontSize=11.5)
        return [Paragraph(escape(block.title), style, bulletText=number)]
    if isinstance(block, SubHeading):
        return [Paragraph(escape(block.title), styles["sub"])]
    if isinstance(block, Clause):
        level = block.level
        style = ParagraphStyle(f"clause-{level}", parent=styles["body"], leftIndent=_CLAUSE_INDENT[level],
                               bulletIndent=_CLAUSE_INDENT[level - 1], bulletFontName=styles["body"].fontName,
                               bulletFontSize=10.5)
        return [Paragraph(_markup(block.runs), style, bulletText=label(scheme, block.counters))]
    if isinstance(block, Recital):
        style = ParagraphStyle("recital", parent=styles["body"], leftIndent=28, bulletIndent=0,
                               bulletFontName=styles["body"].fontName, bulletFontSize=10.5)
        return [Paragraph(_markup(block.runs), style, bulletText=recital_label(scheme, block.counter))]
    if isinstance(block, TextParagraph):
        return [Paragraph(_markup(block.runs), styles["body"])]
    if isinstance(block, TextTable):
        return [Spacer(1, 3), _table(block, styles), Spacer(1, 8)]
    raise TypeError(f"unknown block {block!r}")


def _table(table: TextTable, styles: dict[str, ParagraphStyle]) -> Table:
    available = A4[0] - _LEFT - _RIGHT
    columns = len(table.header)
    weights = table.widths or tuple(1.0 for _ in range(columns))
    widths = [available * weight / sum(weights) for weight in weights]
    rows = [[Paragraph(_markup(cell), styles["head"]) for cell in table.header]]
    rows += [[Paragraph(_markup(cell), styles["cell"]) for cell in row] for row in table.rows]
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    if table.signature:
        commands.append(("LEFTPADDING", (0, 0), (-1, -1), 0))
        commands.append(("BOTTOMPADDING", (0, 1), (-1, -1), 9))
    else:
        commands += [("GRID", (0, 0), (-1, -1), 0.5, _GREY),
                     ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9))]
    result = Table(rows, colWidths=widths, repeatRows=0 if table.signature else 1, hAlign="LEFT")
    result.setStyle(TableStyle(commands))
    return result


def _markup(runs: Inline) -> str:
    parts = []
    for run in runs:
        if run.change == "del":
            continue  # the PDF shows the text as agreed, with the tracked change accepted
        text = escape(run.text)
        parts.append(f"<b>{text}</b>" if run.bold else text)
    return "".join(parts)


def _furniture_canvas(sample: Sample) -> type[Canvas]:
    """A canvas class that draws the running header and the "Page N of M" footer at save time."""

    class FurnitureCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                _draw_furniture(self, sample, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return FurnitureCanvas


def _draw_furniture(canvas: Canvas, sample: Sample, total: int) -> None:
    width, height = A4
    page_word, of_word = _PAGE_WORD[sample.language]
    canvas.saveState()
    canvas.setFillColor(_GREY)
    canvas.setStrokeColor(_GREY)
    canvas.setFont("Helvetica", 8)
    canvas.drawString(_LEFT, height - 15 * mm, sample.running_header)
    canvas.drawRightString(width - _RIGHT, height - 15 * mm, sample.organisation)
    canvas.setLineWidth(0.4)
    canvas.line(_LEFT, height - 17 * mm, width - _RIGHT, height - 17 * mm)
    canvas.line(_LEFT, 15 * mm, width - _RIGHT, 15 * mm)
    canvas.drawString(_LEFT, 11 * mm, sample.footer_note)
    canvas.drawRightString(width - _RIGHT, 11 * mm, f"{page_word} {canvas.getPageNumber()} {of_word} {total}")
    canvas.restoreState()
