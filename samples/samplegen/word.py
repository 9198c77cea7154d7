"""Render a Sample as a DOCX whose clause numbers are Word automatic numbering.

python-docx has no API for list definitions, so this module writes the ``w:abstractNum`` /
``w:num`` XML into the numbering part itself and puts a ``w:numPr`` on every numbered heading and
clause; the document text holds no typed numbers. It also adds heading styles, a running header,
a footer with PAGE / NUMPAGES fields, and the sample's one tracked change (``w:del`` + ``w:ins``).
Fixed document properties and a re-written zip (fixed timestamps) make the bytes reproducible.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph

from samplegen.model import Clause, Inline, Part, Recital, Sample, Section, SubHeading, Table, TrackedChange
from samplegen.model import Paragraph as TextParagraph
from samplegen.numbering import SCHEMES, Level, Scheme
from samplegen.stable_zip import stable_zip

_ARTICLES_ABSTRACT_ID = 100  # above the ids of python-docx's template lists (0-8)
_RECITALS_ABSTRACT_ID = 101
_TEXT_WIDTH = Mm(160)  # A4 minus 25 mm margins
_PAGE_WORD = {"en": ("Page ", " of "), "nl": ("Pagina ", " van ")}
_LANGUAGE_TAG = {"en": "en-GB", "nl": "nl-NL"}
# (left indent, hanging) in twips per level: article heading, clause, (a), (i)
_INDENTS = {"en": ((567, 567), (567, 567), (1134, 567), (1701, 567)),
            "nl": ((1276, 1276), (567, 567), (1134, 567), (1701, 567))}


def render_docx(sample: Sample) -> bytes:
    document = docx.Document()
    _page_setup(document)
    _styles(document, sample)
    numbering = _Numbering(document, sample)
    _furniture(document, sample)
    changes = _ChangeIds(sample.tracked_change)
    heading_level = 1  # articles use Heading 1 in the main text and Heading 2 inside a part (annex)
    document.add_paragraph(sample.title, style="Title")
    articles = numbering.new_articles()
    recitals = 0
    for block in sample.blocks:
        if isinstance(block, Part):
            if sample.restart_per_part:
                articles = numbering.new_articles()
            heading_level = 2
            paragraph = document.add_paragraph(block.title, style="Heading 1")
            if block.page_break:
                paragraph.paragraph_format.page_break_before = True
        elif isinstance(block, Section):
            paragraph = document.add_paragraph(block.title, style=f"Heading {heading_level}")
            if block.page_break:
                paragraph.paragraph_format.page_break_before = True
            if block.number is not None:
                _number(paragraph, articles, 0)
        elif isinstance(block, SubHeading):
            document.add_paragraph(block.title, style=f"Heading {heading_level + 1}")
        elif isinstance(block, Clause):
            paragraph = document.add_paragraph(style=f"Clause Level {block.level}")
            _add_runs(paragraph, block.runs, changes)
            _number(paragraph, articles, block.level)
        elif isinstance(block, Recital):
            if block.counter == 1:
                recitals = numbering.new_recitals()
            paragraph = document.add_paragraph(style="Recital")
            _add_runs(paragraph, block.runs, changes)
            _number(paragraph, recitals, 0)
        elif isinstance(block, TextParagraph):
            _add_runs(document.add_paragraph(style="Body Text"), block.runs, changes)
        elif isinstance(block, Table):
            _table(document, block)
    _properties(document, sample)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def _page_setup(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(27), Mm(22)
    section.header_distance = section.footer_distance = Mm(12)


def _styles(document: Document, sample: Sample) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(5)
    defaults = styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}") if defaults is not None else None
    if lang is not None:
        lang.set(qn("w:val"), _LANGUAGE_TAG[sample.language])
    body = styles["Body Text"]
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.space_after = Pt(5)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        styles[name].font.color.rgb = RGBColor(0x1F, 0x1F, 0x1F)
    for level in (1, 2, 3):
        style = styles.add_style(f"Clause Level {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        style.paragraph_format.space_after = Pt(5)
    recital = styles.add_style("Recital", WD_STYLE_TYPE.PARAGRAPH)
    recital.base_style = normal
    recital.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


@dataclass
class _Numbering:
    """Writes the multilevel list definitions and hands out list instances (``w:num``)."""

    document: Document
    sample: Sample
    next_id: int = 100
    _root: BaseOxmlElement = field(init=False)

    def __post_init__(self) -> None:
        scheme = SCHEMES[self.sample.scheme]
        self._root = self.document.part.numbering_part.element
        first_num = self._root.find(qn("w:num"))
        for definition in (_articles_definition(scheme, self.sample.scheme), _recitals_definition(scheme)):
            element = parse_xml(definition)
            if first_num is not None:
                first_num.addprevious(element)  # the schema puts every abstractNum before any num
            else:
                self._root.append(element)

    def new_articles(self) -> int:
        return self._new_num(_ARTICLES_ABSTRACT_ID)

    def new_recitals(self) -> int:
        return self._new_num(_RECITALS_ABSTRACT_ID)

    def _new_num(self, abstract_id: int) -> int:
        num_id = self.next_id
        self.next_id += 1
        # the restart override makes every part (annex) count its articles from 1 again
        self._root.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        return num_id


def _articles_definition(scheme: Scheme, name: str) -> str:
    levels = "".join(_level_xml(position, level, *_INDENTS[name][position], bold=position == 0)
                     for position, level in enumerate(scheme.levels))
    return (f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{_ARTICLES_ABSTRACT_ID}">'
            f'<w:nsid w:val="5A3C0{_ARTICLES_ABSTRACT_ID:03d}"/><w:multiLevelType w:val="multilevel"/>'
            f'<w:name w:val="Contract articles ({name})"/>{levels}</w:abstractNum>')


def _recitals_definition(scheme: Scheme) -> str:
    return (f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{_RECITALS_ABSTRACT_ID}">'
            f'<w:nsid w:val="5A3C0{_RECITALS_ABSTRACT_ID:03d}"/><w:multiLevelType w:val="singleLevel"/>'
            f'<w:name w:val="Recitals"/>{_level_xml(0, scheme.recital, 567, 567, bold=False)}</w:abstractNum>')


def _level_xml(position: int, level: Level, left: int, hanging: int, bold: bool) -> str:
    run = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return (f'<w:lvl w:ilvl="{position}"><w:start w:val="1"/><w:numFmt w:val="{level.fmt}"/>'
            f'<w:lvlText w:val="{level.text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{run}</w:lvl>')


def _number(paragraph: Paragraph, num_id: int, level: int) -> None:
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = level
    numbering.get_or_add_numId().val = num_id


@dataclass
class _ChangeIds:
    """Author, date and unique ids for the tracked-change wrappers."""

    change: TrackedChange | None
    next_id: int = 1

    def wrapper(self, kind: str) -> BaseOxmlElement:
        if self.change is None:
            raise ValueError("a tracked change needs 'tracked_change' in the front matter")
        element = OxmlElement(f"w:{kind}")
        element.set(qn("w:id"), str(self.next_id))
        element.set(qn("w:author"), self.change.author)
        element.set(qn("w:date"), self.change.date)
        self.next_id += 1
        return element


def _add_runs(paragraph: Paragraph, runs: Inline, changes: _ChangeIds) -> None:
    for run in runs:
        if run.change is None:
            added = paragraph.add_run(run.text)
            if run.bold:
                added.bold = True
            continue
        wrapper = changes.wrapper(run.change)
        element = OxmlElement("w:r")
        text = OxmlElement("w:delText" if run.change == "del" else "w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = run.text
        element.append(text)
        wrapper.append(element)
        paragraph._p.append(wrapper)


def _table(document: Document, table: Table) -> None:
    columns = len(table.header)
    weights = table.widths or tuple(1.0 for _ in range(columns))
    widths = [int(_TEXT_WIDTH * weight / sum(weights)) for weight in weights]
    result = document.add_table(rows=1 + len(table.rows), cols=columns)
    if not table.signature:
        result.style = document.styles["Table Grid"]
        header_row = result.rows[0]._tr.get_or_add_trPr()
        header_row.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))  # repeat on every page
    result.autofit = False
    for row_index, cells in enumerate((table.header, *table.rows)):
        for column, runs in enumerate(cells):
            cell = result.cell(row_index, column)
            cell.width = widths[column]
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(2)
            for run in runs:
                added = paragraph.add_run(run.text)
                added.font.size = Pt(9)
                if run.bold or row_index == 0:
                    added.bold = True
    document.add_paragraph(style="Body Text")


def _furniture(document: Document, sample: Sample) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    _right_tab_only(header)
    header.add_run(f"{sample.running_header}\t{sample.organisation}").font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    _right_tab_only(footer)
    page_word, of_word = _PAGE_WORD[sample.language]
    footer.add_run(f"{sample.footer_note}\t{page_word}").font.size = Pt(8)
    _field(footer, "PAGE", "1")
    footer.add_run(of_word).font.size = Pt(8)
    _field(footer, "NUMPAGES", "1")


def _right_tab_only(paragraph: Paragraph) -> None:
    """Replace the Header/Footer style's centre and right tabs (set for Letter) with one at A4 width."""
    stops = paragraph.paragraph_format.tab_stops
    stops.add_tab_stop(Twips(4680), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(Twips(9360), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(_TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def _field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """A complex field (begin / instruction / separate / cached result / end), as Word writes it."""
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = paragraph.add_run()
        run.font.size = Pt(8)
        if kind == "instr":
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            run._r.append(text)
        elif kind == "result":
            run.text = cached
        else:
            run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))


def _properties(document: Document, sample: Sample) -> None:
    properties = document.core_properties
    properties.title = sample.title
    properties.author = sample.author
    properties.subject = sample.subject
    properties.keywords = sample.keywords
    properties.language = _LANGUAGE_TAG[sample.language]
    properties.comments = "Fictional sample contract, generated by samples/make_samples.py"
    properties.category = "Sample contract"
    properties.last_modified_by = sample.author
    properties.created = sample.date
    properties.modified = sample.date
    properties.last_printed = sample.date
    properties.revision = 1
