"""The Word gap report: a document a reviewer edits and sends to the supplier.

Headings, a summary table of every requirement, then per requirement its evidence quotes and
the suggested fallback clause as ordinary paragraphs, so the reviewer can rewrite them.
python-docx escapes text for XML; ``escaping.clean`` (applied by the view) removes the
control characters XML cannot hold at all.
"""
from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document as new_document
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from clausecheck.model import Report
from clausecheck.report.view import ReportView, RequirementView, build_view

# text colour and cell fill per status / verdict, as in the HTML report
STATUS_COLOURS = {
    "met": ("1A7F37", "DAFBE1"), "partial": ("7D4E00", "FFF8C5"),
    "conflict": ("B42318", "FFEBE9"), "missing": ("4A5561", "EEF1F4"),
    "compliant": ("1A7F37", "DAFBE1"), "not-compliant": ("B42318", "FFEBE9"), "needs-review": ("7D4E00", "FFF8C5"),
}
HEADER_FILL = "E8EEF5"
MUTED = RGBColor(0x59, 0x63, 0x6E)
WORD_LANGUAGES = {"en": "en-GB", "nl": "nl-NL"}


def render(report: Report) -> bytes:
    view = build_view(report)
    document = new_document()
    _setup(document, view)
    _verdict(document, view)
    _summary(document, view)
    _details(document, view)
    _documents(document, view)
    _case(document, view)
    closing = document.add_paragraph()
    _muted(closing.add_run(view.disclaimer), italic=True)
    _muted(document.add_paragraph().add_run(view.generated))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _setup(document: Document, view: ReportView) -> None:
    properties = document.core_properties
    properties.title = f"{view.title}: {view.contract}"[:255]
    properties.subject = view.subtitle
    properties.author = "clausecheck"
    properties.last_modified_by = "clausecheck"
    properties.language = WORD_LANGUAGES.get(view.language, view.language)
    properties.keywords = view.verdict
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), WORD_LANGUAGES.get(view.language, view.language))
    normal.element.get_or_add_rPr().append(language)  # spelling checked in the report's language
    document.add_paragraph(view.title, style="Title")
    subtitle = document.add_paragraph(style="Subtitle")
    subtitle.add_run(f"{view.subtitle} · {view.contract}")


def _verdict(document: Document, view: ReportView) -> None:
    t = view.t
    heading = document.add_heading(level=1)
    heading.add_run(f"{t('verdict')}: ")
    label = heading.add_run(f"{view.verdict_symbol} {view.verdict_label}")
    label.font.color.rgb = RGBColor.from_string(STATUS_COLOURS[view.verdict][0])
    document.add_paragraph(view.verdict_summary)
    facts = [
        (t("contract.form"), view.contract_form),
        (t("requirements"), t("requirements.checked", count=view.total)),
        (t("severity.blocking").capitalize(), t("blocking.gaps", count=view.blocking_gaps)),
        (t("case.use_case"), view.case.title if view.case else t("unknown")),
    ]
    _table(document, None, facts, header_column=True)
    document.add_heading(t("reasons"), level=2)
    for reason in view.reasons:
        document.add_paragraph(reason.text, style="List Number")


def _summary(document: Document, view: ReportView) -> None:
    t = view.t
    document.add_heading(t("summary"), level=1)
    counts = document.add_paragraph()
    for index, count in enumerate(view.counts):
        if index:
            counts.add_run("   ")
        run = counts.add_run(f"{count.symbol} {count.count} {count.label}")
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(STATUS_COLOURS[count.status][0])
    counts.add_run(f"   ({t('requirements.checked', count=view.total)})")
    header = (t("column.id"), t("column.requirement"), t("column.group"), t("column.severity"), t("column.status"),
              t("column.confidence"))
    rows = [(r.id, r.title, r.group_label, r.severity_label, f"{r.symbol} {r.status_label}", r.confidence_text)
            for group in view.groups for r in group.requirements]
    table = _table(document, header, rows)
    statuses = [r.status for group in view.groups for r in group.requirements]
    for row, status in zip(table.rows[1:], statuses):
        _colour_status_cell(row.cells[4], status)


def _details(document: Document, view: ReportView) -> None:
    t = view.t
    document.add_heading(t("details"), level=1)
    for group in view.groups:
        document.add_heading(group.label, level=2)
        for requirement in group.requirements:
            _requirement(document, view, requirement)


def _requirement(document: Document, view: ReportView, r: RequirementView) -> None:
    t = view.t
    document.add_heading(f"{r.id}: {r.title}", level=3)
    line = document.add_paragraph()
    status = line.add_run(f"{r.symbol} {r.status_label}")
    status.bold = True
    status.font.color.rgb = RGBColor.from_string(STATUS_COLOURS[r.status][0])
    line.add_run(f" · {r.severity_label} · {t('column.confidence').lower()} {r.confidence_text}")
    assessment = document.add_paragraph()
    assessment.add_run(f"{t('assessment')}. ").bold = True
    assessment.add_run(r.explanation)
    _label(document, t("evidence"))
    if not r.evidence:
        _muted(document.add_paragraph().add_run(t("evidence.none")), italic=True)
    for evidence in r.evidence:
        document.add_paragraph(evidence.quote, style="Quote")
        cite = document.add_paragraph()
        role = cite.add_run(f"{evidence.symbol} {evidence.role_label}")
        role.bold = True
        role.font.color.rgb = RGBColor.from_string(STATUS_COLOURS[evidence.role][0])
        where = f" · {evidence.citation}" + (f" · {t('evidence.heading')}: {evidence.heading}" if evidence.heading else "")
        cite.add_run(where)
        _muted(cite.add_run(f" · {t('evidence.rule')} {evidence.rule} ({t('evidence.score')} {evidence.score:.2f})"))
    _label(document, t("fallback"))
    if r.suggestion:
        _fallback(document.add_paragraph(r.suggestion))
    else:
        _muted(document.add_paragraph().add_run(t("fallback.none")), italic=True)
    if r.sources:
        _muted(document.add_paragraph().add_run(f"{t('sources')}: {'; '.join(r.sources)}"))


def _documents(document: Document, view: ReportView) -> None:
    t = view.t
    document.add_heading(t("documents"), level=1)
    header = (t("evidence.document"), t("document.format"), t("document.language"), t("document.pages"),
              t("document.clauses"), t("document.sha256"))
    rows = [(d.name + "".join(f"\n⚠ {warning}" for warning in d.warnings), d.format, d.language,
             str(d.pages) if d.pages else "–", str(d.clauses), d.sha256) for d in view.documents]
    table = _table(document, header, rows)
    for row in table.rows[1:]:
        for run in row.cells[5].paragraphs[0].runs:
            run.font.size = Pt(7)


def _case(document: Document, view: ReportView) -> None:
    t = view.t
    document.add_heading(t("case"), level=1)
    if view.case is None:
        document.add_paragraph(t("case.none"))
        return
    _table(document, None, [(t("case.use_case"), view.case.use_case), *view.case.flags], header_column=True)
    document.add_paragraph()
    header = (t("case.prerequisite"), t("column.status"), t("case.date"), t("case.reference"))
    _table(document, header, [(p.name, p.status_label, p.date or "–", p.reference or "–")
                              for p in view.case.prerequisites])


def _table(document: Document, header: tuple[str, ...] | None, rows: Sequence[tuple[str, ...]],
           header_column: bool = False) -> Table:
    columns = len(header) if header else len(rows[0])
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
            _fill(cell, HEADER_FILL)
        _repeat_as_header(table)
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, values)):
            cell.text = text
            if header_column and index == 0:
                cell.paragraphs[0].runs[0].bold = True
                _fill(cell, HEADER_FILL)
    return table


def _colour_status_cell(cell: _Cell, status: str) -> None:
    colour, fill = STATUS_COLOURS[status]
    _fill(cell, fill)
    for run in cell.paragraphs[0].runs:
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(colour)


def _fill(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(table: Table) -> None:
    """The header row repeats on every page the table spans."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(marker)


def _fallback(paragraph: Paragraph) -> None:
    """A light box around the fallback clause, which a reviewer will copy into the contract."""
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "4")
        border.set(qn("w:space"), "4")
        border.set(qn("w:color"), "B6CDEA")
        borders.append(border)
    properties.append(borders)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), "F1F6FD")
    properties.append(shading)


def _label(document: Document, text: str) -> None:
    run = document.add_paragraph().add_run(text)
    run.bold = True
    run.font.color.rgb = MUTED


def _muted(run: Run, italic: bool = False) -> None:
    run.font.color.rgb = MUTED
    run.font.size = Pt(9)
    if italic:
        run.italic = True
