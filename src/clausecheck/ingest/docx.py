"""DOCX via python-docx: body paragraphs and tables in document order, with Word's automatic
numbering rendered in front of each paragraph, heading levels from styles, and tracked changes
applied (inserted text counts, deleted text does not).

Headers, footers, footnotes and comments live in other parts of the package and never reach the
body text; their reference marks in the body carry no text. Floating text boxes and drawings are
left out too: they sit beside the flow of clauses, not in it. The XML is parsed by python-docx's
parser, which resolves no entities and loads no DTDs, so a document cannot pull in local files.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace

from lxml import etree

from clausecheck.errors import InputError
from clausecheck.ingest.base import RawBlock, RawDocument, ReadOptions
from clausecheck.ingest.docx_numbering import Numbering, attr, int_attr, w
from clausecheck.ingest.zip_guard import check_zip
from clausecheck.model import BlockKind

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# subtrees whose text Word does not show in the body flow (or shows elsewhere)
_SKIP = frozenset({
    w("pPr"), w("rPr"), w("del"), w("moveFrom"), w("delText"), w("instrText"), w("delInstrText"),
    w("footnoteReference"), w("endnoteReference"), w("commentReference"), w("drawing"), w("pict"),
    w("object"), w("fldData"), _MC_FALLBACK,
})
_SPACE_LIKE = frozenset({w("tab"), w("br"), w("cr"), w("ptab")})
_HEADING_NAME = re.compile(r"^(?:heading|kop)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = frozenset({"title", "titel"})
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


class _Styles:
    """Paragraph styles: heading level and numbering, following ``basedOn``."""

    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for style in root.iter(w("style")):
            if attr(style, "type") not in (None, "paragraph"):
                continue
            style_id = attr(style, "styleId")
            if style_id is None:
                continue
            p_pr = style.find(w("pPr"))
            num_pr = p_pr.find(w("numPr")) if p_pr is not None else None
            self.styles[style_id] = _Style(
                name=(attr(style.find(w("name"))) or style_id).strip(),
                based_on=attr(style.find(w("basedOn"))),
                num_id=attr(num_pr.find(w("numId"))) if num_pr is not None else None,
                ilvl=int_attr(num_pr.find(w("ilvl"))) if num_pr is not None else None,
                outline=int_attr(p_pr.find(w("outlineLvl"))) if p_pr is not None else None,
            )
            if attr(style, "default") in ("1", "true", "on"):
                self.default = style_id

    def chain(self, style_id: str | None) -> Iterator[tuple[str, _Style]]:
        seen: set[str] = set()
        current = style_id or self.default
        while current and current in self.styles and current not in seen:
            seen.add(current)
            yield current, self.styles[current]
            current = self.styles[current].based_on

    def heading_level(self, style_id: str | None) -> int | None:
        for _, style in self.chain(style_id):
            match = _HEADING_NAME.match(style.name)
            if match:
                return int(match.group(1))
            if style.name.lower() in _TITLE_NAMES:
                return 0  # above Heading 1; read() shifts the levels so that the title is 1
            if style.outline is not None and 0 <= style.outline < 9:
                return style.outline + 1
        return None

    def numbering(self, style_id: str | None) -> tuple[str, str, int | None] | None:
        """(style that carries it, numId, ilvl or None) of the first style in the chain with numbering."""
        for current, style in self.chain(style_id):
            if style.num_id is not None:
                return current, style.num_id, style.ilvl
        return None

    def num_ids(self) -> dict[str, str]:
        return {style_id: style.num_id for style_id, style in self.styles.items() if style.num_id}


def read(path: str, data: bytes, options: ReadOptions) -> RawDocument:
    check_zip(path, data).close()
    body, numbering_root, styles_root = _open(path, data)
    styles = _Styles(styles_root)
    reader = _BodyReader(styles, Numbering(numbering_root, styles.num_ids()))
    return RawDocument(_title_on_top(list(reader.blocks(body))))


def _title_on_top(blocks: list[RawBlock]) -> list[RawBlock]:
    """A document with a Title paragraph has its Heading 1 sections below the title: level 1
    becomes the title, Heading N becomes N + 1."""
    if not any(block.kind is BlockKind.HEADING and block.level == 0 for block in blocks):
        return blocks
    return [replace(block, level=block.level + 1) if block.kind is BlockKind.HEADING and block.level is not None
            else block for block in blocks]


def _open(path: str, data: bytes) -> tuple[etree._Element, etree._Element | None, etree._Element | None]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise InputError(path, "not a Word document (no document part in the package)",
                         "open it in Word and save it as .docx", code="E122") from None
    except ValueError as error:
        raise InputError(path, f"not a Word document ({_first_line(error)})",
                         "only .docx is supported; save it as a Word document", code="E122") from None
    except (KeyError, AttributeError, TypeError, etree.XMLSyntaxError, zipfile.BadZipFile) as error:
        raise InputError(path, f"the .docx is damaged ({_first_line(error)})",
                         "open it in Word and save it again", code="E122") from None
    part = document.part
    try:
        numbering_root = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_root = None
    try:
        styles_root = part.styles.element
    except (KeyError, NotImplementedError):
        styles_root = None
    return document.element.body, numbering_root, styles_root


def _first_line(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:120]


class _BodyReader:
    def __init__(self, styles: _Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    def blocks(self, container: etree._Element) -> Iterator[RawBlock]:
        for child in container:
            tag = child.tag
            if tag == w("p"):
                block = self.paragraph(child)
                if block is not None:
                    yield block
            elif tag == w("tbl"):
                yield from self.table(child)
            elif tag == w("sdt"):  # a content control: its content is ordinary body content
                content = child.find(w("sdtContent"))
                if content is not None:
                    yield from self.blocks(content)
            elif tag in (w("customXml"), w("ins"), w("moveTo")):
                yield from self.blocks(child)

    def paragraph(self, element: etree._Element) -> RawBlock | None:
        p_pr = element.find(w("pPr"))
        style_id = attr(p_pr.find(w("pStyle"))) if p_pr is not None else None
        label, ilvl, bullet = self.label(p_pr, style_id)
        text = _SPACES.sub(" ", paragraph_text(element)).strip()
        if not text:
            return None
        heading = self.styles.heading_level(style_id)
        if heading is None and p_pr is not None:
            outline = int_attr(p_pr.find(w("outlineLvl")))
            heading = outline + 1 if outline is not None and 0 <= outline < 9 else None
        if label:
            text = f"{label} {text}"
        if heading is not None:
            return RawBlock(BlockKind.HEADING, text, level=heading, label=label)
        if label or bullet:
            return RawBlock(BlockKind.LIST_ITEM, text, level=ilvl, label=label)
        return RawBlock(BlockKind.PARAGRAPH, text)

    def label(self, p_pr: etree._Element | None, style_id: str | None) -> tuple[str | None, int, bool]:
        """The numbering label of a paragraph (its own numPr, else its style's), its level, and
        whether it is a bullet. Advances the list's counters, as Word does for every numbered
        paragraph, shown or empty."""
        num_pr = p_pr.find(w("numPr")) if p_pr is not None else None
        num_id: str | None = None
        ilvl: int | None = None
        if num_pr is not None:
            num_id = attr(num_pr.find(w("numId")))
            ilvl = int_attr(num_pr.find(w("ilvl")))
        if num_id is None or (num_pr is not None and num_pr.find(w("numId")) is None):
            styled = self.styles.numbering(style_id)
            if styled is not None:
                carrier, style_num, style_ilvl = styled
                num_id = num_id or style_num
                if ilvl is None:
                    ilvl = style_ilvl if style_ilvl is not None else (
                        self.numbering.level_for_style(num_id, carrier) if num_id in self.numbering.nums else 0)
        if not num_id or num_id == "0":
            return None, 0, False
        ilvl = ilvl or 0
        label, bullet = self.numbering.advance(num_id, ilvl)
        return label, ilvl, bullet

    def table(self, element: etree._Element) -> Iterator[RawBlock]:
        for row in element.iter(w("tr")):
            if row.getparent() is not element:
                continue  # rows of nested tables are read as part of their cell
            cells = [self.cell_text(cell) for cell in row if cell.tag == w("tc")]
            text = " | ".join(cell for cell in cells if cell)
            if text:
                yield RawBlock(BlockKind.TABLE_ROW, text)

    def cell_text(self, cell: etree._Element) -> str:
        parts = [block.text for block in self.blocks(cell)]
        return _SPACES.sub(" ", " ".join(parts)).strip()


def paragraph_text(element: etree._Element) -> str:
    """The text Word shows for a paragraph: inserted runs included, deleted runs, field codes,
    hidden runs and note or comment marks left out; tabs and breaks become spaces."""
    parts: list[str] = []
    stack = list(reversed(element))
    while stack:
        node = stack.pop()
        tag = node.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == w("t"):
            parts.append(node.text or "")
        elif tag in _SPACE_LIKE:
            parts.append(" ")
        elif tag == w("noBreakHyphen"):
            parts.append("-")
        elif tag == w("r") and _hidden(node):
            continue
        else:
            stack.extend(reversed(node))
    return "".join(parts)


def _hidden(run: etree._Element) -> bool:
    r_pr = run.find(w("rPr"))
    if r_pr is None:
        return False
    vanish = r_pr.find(w("vanish"))
    return vanish is not None and attr(vanish) not in ("0", "false", "off")
