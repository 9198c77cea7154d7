"""From positioned text lines to blocks: the layout rules both PDF engines share.

An engine turns each page into ``PageLines`` (lines with their boxes, table rows with their
vertical position). This module removes running headers, footers and page numbers, groups lines
into paragraphs by vertical gap, font and numbering labels, joins words hyphenated across line
ends, and joins a paragraph that runs over a page break into one block.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from clausecheck.ingest.base import RawBlock
from clausecheck.ingest.pdf_page import Line, PageLines, TableRow
from clausecheck.ingest.pdf_tables import collect_table_rows
from clausecheck.model import BlockKind
from clausecheck.numbering import parse_label

log = logging.getLogger(__name__)

_RULE = re.compile(r"^\s*(?:([=\-_*~])\1{2,}|(?:[-*_]\s+){2,}[-*_])\s*$")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|pagina|pag\.|p\.|blz\.?|seite)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?"
    r"(?:\s*(?:of|van|/|von|de)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_CLOSERS = "\"'”’)]»"
_TERMINAL = ".!?:;"
_HYPHENS = ("-", "\u00ad", "\u2010")
_URL_BREAKS = ("/", "-", "_", ".", "=", "?", "&", "#")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

MARGIN_ZONE = 0.12  # share of the page height at top and bottom where running lines live
EDGE_LINES = 3  # how many lines from the top and bottom of a page may be running lines


def is_rule_line(text: str) -> bool:
    """``====``, ``----``, ``* * *``: a Markdown underline or a horizontal rule."""
    return bool(_RULE.match(text))


def is_page_number(text: str) -> bool:
    """"3", "Page 3", "Pagina 3 van 7", "- 3 -", "3/7"."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def remove_running_lines(pages: list[PageLines]) -> int:
    """Drop running headers and footers (lines near the top or bottom edge whose digit-normalised
    text repeats on most pages) and bare page numbers near an edge; return how many went."""
    edge_lines: list[list[Line]] = [_edge_lines(page) for page in pages]
    pages_with_text = sum(1 for page in pages if page.lines)
    seen: Counter[str] = Counter()
    for lines in edge_lines:
        seen.update({_running_key(line.text) for line in lines})
    needed = max(2, pages_with_text // 2 + 1)  # on more than half of the pages, and at least two
    removed = 0
    for page, lines in zip(pages, edge_lines):
        drop = {id(line) for line in lines
                if is_page_number(line.text) or seen[_running_key(line.text)] >= needed}
        if drop:
            page.lines = [line for line in page.lines if id(line) not in drop]
            removed += len(drop)
    return removed


def _edge_lines(page: PageLines) -> list[Line]:
    if not page.lines:
        return []
    ordered = sorted(page.lines, key=lambda line: line.top)
    top_zone = page.height * MARGIN_ZONE
    bottom_zone = page.height * (1 - MARGIN_ZONE)
    head = [line for line in ordered[:EDGE_LINES] if line.bottom <= top_zone]
    foot = [line for line in ordered[-EDGE_LINES:] if line.top >= bottom_zone]
    return head + [line for line in foot if line not in head]


def _running_key(text: str) -> str:
    return _SPACES.sub(" ", _DIGITS.sub("#", text.lower())).strip()


@dataclass(frozen=True, slots=True)
class _Metrics:
    """Document-wide spacing and margins, measured from the lines themselves."""

    pitch_ratio: float  # usual distance between baselines of consecutive lines, per point of font size
    body_size: float
    left: float
    right: float

    @property
    def width(self) -> float:
        return max(self.right - self.left, 1.0)


def _measure(pages: list[PageLines]) -> _Metrics:
    ratios: list[float] = []
    sizes: Counter[float] = Counter()
    lefts: list[float] = []
    rights: list[float] = []
    for page in pages:
        for before, after in zip(page.lines, page.lines[1:]):
            size = max(before.size, after.size, 1.0)
            pitch = after.top - before.top
            if 0 < pitch < 3 * size:
                ratios.append(pitch / size)
        for line in page.lines:
            sizes[round(line.size, 1)] += len(line.text)
            lefts.append(line.left)
            rights.append(line.right)
    ratios.sort()
    lefts.sort()
    rights.sort()
    return _Metrics(
        pitch_ratio=ratios[len(ratios) // 5] if ratios else 1.2,
        body_size=sizes.most_common(1)[0][0] if sizes else 10.0,
        left=lefts[len(lefts) // 20] if lefts else 0.0,
        right=rights[len(rights) * 19 // 20] if rights else 1.0,
    )


@dataclass(slots=True)
class _Paragraph:
    lines: list[Line]
    page: int
    breaks: list[int] = field(default_factory=list)  # line indexes where a new page begins


def build_blocks(pages: list[PageLines]) -> list[RawBlock]:
    """Group every page's lines into paragraphs and table rows, in reading order, and join
    paragraphs that continue over a page break."""
    metrics = _measure(pages)
    heading_sizes = _heading_sizes(pages, metrics)
    words = _known_words(pages)
    items: list[_Paragraph | tuple[int, TableRow]] = []
    for page in pages:
        collect_table_rows(page, metrics.pitch_ratio)
        paragraphs = _paragraphs(page, metrics)
        rows = sorted(page.rows, key=lambda row: row.top)
        for position, paragraph in enumerate(_interleave(paragraphs, rows)):
            if isinstance(paragraph, TableRow):
                items.append((page.number, paragraph))
                continue
            if position == 0 and items and _continues(items[-1], paragraph, metrics):
                previous = items[-1]
                assert isinstance(previous, _Paragraph)
                previous.breaks.append(len(previous.lines))
                previous.lines.extend(paragraph.lines)
            else:
                items.append(paragraph)
    blocks: list[RawBlock] = []
    for item in items:
        if isinstance(item, tuple):
            page_number, row = item
            text = " | ".join(cell for cell in (_SPACES.sub(" ", c).strip() for c in row.cells) if cell)
            if text:
                blocks.append(RawBlock(BlockKind.TABLE_ROW, text, page=page_number))
            continue
        text, breaks = _join_lines(item, words)
        level = heading_sizes.get(round(item.lines[0].size, 1)) if len(item.lines) <= 3 else None
        if level is not None and not is_rule_line(text):
            blocks.append(RawBlock(BlockKind.HEADING, text, page=item.page, level=level, page_breaks=breaks))
        else:
            blocks.append(RawBlock(BlockKind.PARAGRAPH, text, page=item.page, page_breaks=breaks))
    return blocks


def _heading_sizes(pages: list[PageLines], metrics: _Metrics) -> dict[float, int]:
    """Font sizes clearly larger than the body text, largest first, mapped to heading levels."""
    larger = {round(line.size, 1) for page in pages for line in page.lines
              if line.size >= metrics.body_size * 1.15 and len(line.text.split()) <= 15}
    return {size: level for level, size in enumerate(sorted(larger, reverse=True)[:3], start=1)}


def _interleave(paragraphs: list[_Paragraph], rows: list[TableRow]) -> Iterable[_Paragraph | TableRow]:
    position = 0
    for paragraph in paragraphs:
        while position < len(rows) and rows[position].top < paragraph.lines[0].top:
            yield rows[position]
            position += 1
        yield paragraph
    yield from rows[position:]


def _paragraphs(page: PageLines, metrics: _Metrics) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    for line in page.lines:
        if paragraphs and not _starts_paragraph(paragraphs[-1].lines[-1], line, metrics):
            paragraphs[-1].lines.append(line)
        else:
            paragraphs.append(_Paragraph([line], page.number))
    return paragraphs


def _starts_paragraph(before: Line, line: Line, metrics: _Metrics) -> bool:
    """Whether ``line`` opens a new paragraph rather than continuing the one ``before`` is in."""
    if is_rule_line(line.text) or is_rule_line(before.text):
        return True
    size = max(before.size, line.size, 1.0)
    pitch = line.top - before.top
    if pitch <= 0 or pitch > (metrics.pitch_ratio + 0.35) * size:
        return True
    if abs(before.size - line.size) > 1.0 or before.bold != line.bold:
        return True
    short = _is_short(before, metrics)
    ending = before.text.rstrip(_CLOSERS)[-1:]
    if parse_label(line.text) is not None and (short or ending in ".:"):
        # "(ii)" after "...; and" at full width is an inline enumeration that wrapped
        return True
    return short and ending in ".!?;"


def _is_short(line: Line, metrics: _Metrics) -> bool:
    """A line that stops well before the right margin: the last line of its paragraph."""
    return line.right < metrics.right - 0.2 * metrics.width


def _continues(previous: _Paragraph | tuple[int, TableRow], paragraph: _Paragraph, metrics: _Metrics) -> bool:
    """A paragraph cut by a page break: the page before ends mid-sentence on a full line and
    this page does not open with a numbering label, a rule line or a line in another font."""
    if not isinstance(previous, _Paragraph) or previous.page + len(previous.breaks) + 1 != paragraph.page:
        return False
    last, first = previous.lines[-1], paragraph.lines[0]
    if _is_short(last, metrics):
        return False
    if is_rule_line(last.text) or is_rule_line(first.text) or parse_label(first.text) is not None:
        return False
    if abs(last.size - first.size) > 1.0 or last.bold != first.bold:
        return False
    text = last.text.rstrip()
    if text.endswith(_HYPHENS):
        return True
    return not text.rstrip(_CLOSERS).endswith(tuple(_TERMINAL))


def _known_words(pages: list[PageLines]) -> set[str]:
    """Lower-cased words and hyphenated compounds printed within lines (not at a line end),
    to decide whether a hyphen at a line end is part of the word."""
    words: set[str] = set()
    for page in pages:
        for line in page.lines:
            if "-" in line.text:
                words.update(word.lower() for word in _WORD.findall(line.text[:-1]) if "-" in word)
    return words


def _join_lines(paragraph: _Paragraph, compounds: set[str]) -> tuple[str, tuple[int, ...]]:
    """One text for the paragraph's lines, and the positions in it where a new page begins."""
    parts: list[str] = []
    breaks: list[int] = []
    length = 0
    page_starts = set(paragraph.breaks)
    for index, line in enumerate(paragraph.lines):
        text = _resolve_soft_hyphens(_SPACES.sub(" ", line.text).strip(), compounds)
        if index:
            previous = parts[-1]
            glue = _glue(previous, text, compounds)
            if glue is None:  # hyphen dropped: "pro-" + "cessing"
                parts[-1] = previous[:-1]
                length -= 1
                glue = ""
            elif previous.endswith("\u00ad"):  # a break mark at a compound: print its hyphen
                parts[-1] = previous[:-1] + "-"
            parts.append(glue)
            length += len(glue)
        if index in page_starts:
            breaks.append(length)
        parts.append(text)
        length += len(text)
    return "".join(parts), tuple(breaks)


def _resolve_soft_hyphens(text: str, compounds: set[str]) -> str:
    """Word breaks the engine already joined inside a line ("pro\u00adcessing"): drop the mark,
    or print a hyphen where the word is a compound or a name ("third-party", "Non-Disclosure")."""
    if "\u00ad" not in text.rstrip("\u00ad"):
        return text
    parts = text.split("\u00ad")
    joined = parts[0]
    for part in parts[1:]:
        if not part:
            joined += "\u00ad"
            continue
        glue = _glue(joined + "-", part, compounds)
        joined += ("-" if glue == "" else "") + part
    return joined


def _glue(before: str, after: str, compounds: set[str]) -> str | None:
    """What goes between two lines of one paragraph: a space, nothing (a hyphenated compound
    kept whole), or None when the line-end hyphen must be removed."""
    last_word = before.rsplit(" ", 1)[-1]
    if before.endswith(_URL_BREAKS) and ("://" in last_word or last_word.startswith("www.")):
        return ""  # a web address wrapped after "/" or "-" continues without a space
    if not before.endswith(_HYPHENS) or len(before) < 2 or not before[-2].isalpha():
        return " "
    if not after[:1].islower():
        return ""  # "Non-" + "Disclosure": the hyphen is part of the name
    head = _WORD.findall(before)
    tail = _WORD.findall(after)
    if head and tail and f"{head[-1]}-{tail[0]}".lower() in compounds:
        return ""  # the compound is printed with its hyphen elsewhere: "third-party"
    return None
