"""Read a sample source (``samples/src/<name>.md``) into one Sample per variant.

The source is a small Markdown dialect, written without clause numbers (they are assigned here):

    ---                                YAML front matter: language, formats, dates ... (see README)
    ---
    # Title                            the document title; a later ``#`` starts a part (annex)
    ## Heading                         a numbered article; ``## Heading {.unnumbered}`` is not numbered
    ### Heading                        an unnumbered heading inside an article
    - text                             clause 1.1; indent by 2 spaces for (a), by 4 for (i);
      continued text                   continuation lines are indented under the item
    | a | b |                          a table (first row is the header, then a |---| rule)
    <!-- table widths=1,3 -->          relative column widths for the next table
    <!-- signature -->                 the next table is a signature block (no grid)
    <!-- page-break -->                the next part or article starts on a new page
    <!-- if fails --> ... <!-- endif -->   lines kept only in the named variant
    **bold**  {--deleted--}{++inserted++}  inline: bold, and the one tracked change

A ``-`` item directly under an unnumbered heading is a lettered recital.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from samplegen.model import (
    Block,
    Clause,
    Inline,
    Paragraph,
    Part,
    Recital,
    Run,
    Sample,
    Section,
    Site,
    SourceError,
    SubHeading,
    Table,
    TrackedChange,
)

_UNNUMBERED = "{.unnumbered}"
_ITEM = re.compile(r"^( *)- (.*)$")
_VARIANT_START = re.compile(r"^<!--\s*if\s+([\w-]+)\s*-->$")
_VARIANT_END = re.compile(r"^<!--\s*endif\s*-->$")
_DIRECTIVE = re.compile(r"^<!--\s*(.*?)\s*-->$")
_INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|\{--(?P<del>.+?)--\}|\{\+\+(?P<ins>.+?)\+\+\}")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_FORMATS = ("pdf", "docx", "html", "md")
_REQUIRED = ("running_header", "organisation", "language", "numbering", "formats", "footer_note",
             "date", "author")


def load_samples(path: Path) -> list[Sample]:
    """All samples a source defines: one, or one per entry of its ``variants``."""
    text = path.read_text(encoding="utf-8")
    meta, body, body_line = _split_front_matter(path, text)
    variants: dict[str | None, dict[str, Any]] = meta.get("variants") or {None: {}}
    samples = []
    for variant, overrides in variants.items():
        settings = {**meta, **(overrides or {})}
        lines = _select_variant(path, body, body_line, variant)
        samples.append(_build(path, settings, lines))
    return samples


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], list[str], int]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError(f"{path}:1: a source starts with YAML front matter between '---' lines")
    try:
        end = lines.index("---", 1)
    except ValueError:
        raise SourceError(f"{path}:1: the front matter is not closed with a '---' line") from None
    meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    if not isinstance(meta, dict):
        raise SourceError(f"{path}:2: the front matter must be a mapping")
    missing = [key for key in _REQUIRED if key not in meta]
    if missing:
        raise SourceError(f"{path}:2: front matter lacks {', '.join(missing)}")
    unknown = [fmt for fmt in meta["formats"] if fmt not in _FORMATS]
    if unknown:
        raise SourceError(f"{path}:2: unknown format(s) {', '.join(unknown)}; use {', '.join(_FORMATS)}")
    return meta, lines[end + 1:], end + 2


def _select_variant(path: Path, body: list[str], first_line: int, variant: str | None) -> list[tuple[int, str]]:
    """Body lines with their line numbers, keeping ``<!-- if X -->`` blocks only for variant X."""
    kept: list[tuple[int, str]] = []
    active: str | None = None
    for number, line in enumerate(body, start=first_line):
        start = _VARIANT_START.match(line.strip())
        if start:
            if active is not None:
                raise SourceError(f"{path}:{number}: variant blocks cannot nest")
            active = start.group(1)
            continue
        if _VARIANT_END.match(line.strip()):
            if active is None:
                raise SourceError(f"{path}:{number}: '<!-- endif -->' without an open '<!-- if ... -->'")
            active = None
            continue
        if active is None or active == variant:
            kept.append((number, line))
    if active is not None:
        raise SourceError(f"{path}: variant block '{active}' is not closed")
    return kept


@dataclass
class _Builder:
    """Turns body lines into blocks, numbering articles and clauses as it goes."""

    path: Path
    restart_per_part: bool
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    article: int = 0
    numbered_section: bool = False
    in_section: bool = False
    counters: list[int] = field(default_factory=list)  # clause counters below the article
    recital: int = 0
    page_break: bool = False
    table_widths: tuple[float, ...] | None = None
    signature: bool = False

    def heading(self, number: int, level: int, text: str) -> None:
        if level == 1 and self.title is None:
            self.title = text
            return
        if level == 1:
            if self.restart_per_part:
                self.article = 0
            self.blocks.append(Part(text, self._take_page_break()))
            self.in_section = False
            return
        if level == 2:
            numbered = not text.endswith(_UNNUMBERED)
            title = text.removesuffix(_UNNUMBERED).rstrip()
            if numbered:
                self.article += 1
            self.blocks.append(Section(title, self.article if numbered else None, self._take_page_break()))
            self.in_section, self.numbered_section = True, numbered
            self.counters, self.recital = [], 0
            return
        if level == 3:
            self.blocks.append(SubHeading(text))
            return
        raise SourceError(f"{self.path}:{number}: only #, ## and ### headings are used")

    def item(self, number: int, depth: int, text: str) -> None:
        if not self.in_section:
            raise SourceError(f"{self.path}:{number}: a clause must follow an article heading (##)")
        runs = parse_inline(self.path, number, text)
        if not self.numbered_section:
            if depth:
                raise SourceError(f"{self.path}:{number}: recitals have no sub-levels")
            self.recital += 1
            self.blocks.append(Recital(self.recital, runs))
            return
        if depth > len(self.counters):
            raise SourceError(f"{self.path}:{number}: clause indented two levels deeper than the one above")
        if depth > 2:
            raise SourceError(f"{self.path}:{number}: at most three clause levels (1.1, (a), (i))")
        del self.counters[depth + 1:]
        if depth == len(self.counters):
            self.counters.append(1)
        else:
            self.counters[depth] += 1
        self.blocks.append(Clause((self.article, *self.counters), runs))

    def paragraph(self, number: int, text: str) -> None:
        self.blocks.append(Paragraph(parse_inline(self.path, number, text)))

    def table(self, number: int, rows: list[str]) -> None:
        if len(rows) < 2 or not _TABLE_RULE.match(rows[1].strip()):
            raise SourceError(f"{self.path}:{number}: a table needs a header row and a |---| rule")
        cells = [_cells(row) for row in rows[:1] + rows[2:]]
        width = len(cells[0])
        if any(len(row) != width for row in cells):
            raise SourceError(f"{self.path}:{number}: every table row needs {width} cells")
        if self.table_widths is not None and len(self.table_widths) != width:
            raise SourceError(f"{self.path}:{number}: 'widths' names {len(self.table_widths)} columns, "
                              f"the table has {width}")
        parsed = [tuple(parse_inline(self.path, number, cell) for cell in row) for row in cells]
        self.blocks.append(Table(parsed[0], tuple(parsed[1:]), self.table_widths, self.signature))
        self.table_widths, self.signature = None, False

    def directive(self, number: int, text: str) -> None:
        if text == "page-break":
            self.page_break = True
        elif text == "signature":
            self.signature = True
        elif text.startswith("table widths="):
            try:
                self.table_widths = tuple(float(part) for part in text.split("=", 1)[1].split(","))
            except ValueError:
                raise SourceError(f"{self.path}:{number}: widths must be numbers, e.g. widths=1,3") from None
        else:
            raise SourceError(f"{self.path}:{number}: unknown directive '<!-- {text} -->'")

    def _take_page_break(self) -> bool:
        page_break, self.page_break = self.page_break, False
        return page_break


def _build(path: Path, meta: dict[str, Any], lines: list[tuple[int, str]]) -> Sample:
    builder = _Builder(path, bool(meta.get("restart_numbering_per_part", True)))
    position = 0
    while position < len(lines):
        number, line = lines[position]
        stripped = line.strip()
        position += 1
        if not stripped:
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", stripped)
        directive = _DIRECTIVE.match(stripped)
        item = _ITEM.match(line)
        if heading:
            builder.heading(number, len(heading.group(1)), heading.group(2).strip())
        elif directive:
            builder.directive(number, directive.group(1))
        elif stripped.startswith("|"):
            rows = [stripped]
            while position < len(lines) and lines[position][1].strip().startswith("|"):
                rows.append(lines[position][1].strip())
                position += 1
            builder.table(number, rows)
        elif item:
            indent = len(item.group(1))
            if indent % 2:
                raise SourceError(f"{path}:{number}: indent clause items by multiples of two spaces")
            text = [item.group(2).strip()]
            while position < len(lines) and _continues(lines[position][1], indent):
                text.append(lines[position][1].strip())
                position += 1
            builder.item(number, indent // 2, " ".join(text))
        else:
            text = [stripped]
            while position < len(lines) and _continues_paragraph(lines[position][1]):
                text.append(lines[position][1].strip())
                position += 1
            builder.paragraph(number, " ".join(text))
    _check_tracked_change(path, meta, builder.blocks)
    return _sample(path, meta, builder)


def _continues(line: str, indent: int) -> bool:
    """A continuation line of a list item: indented past the marker and not a new item."""
    if not line.strip() or _ITEM.match(line):
        return False
    return len(line) - len(line.lstrip(" ")) >= indent + 2


def _continues_paragraph(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not (stripped.startswith(("#", "|", "<!--")) or _ITEM.match(line))


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def parse_inline(path: Path, number: int, text: str) -> Inline:
    """Split text into runs: plain, **bold**, {--deleted--} and {++inserted++}."""
    runs: list[Run] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position:match.start()]))
        if match.group("bold") is not None:
            runs.append(Run(match.group("bold"), bold=True))
        elif match.group("del") is not None:
            runs.append(Run(match.group("del"), change="del"))
        else:
            runs.append(Run(match.group("ins"), change="ins"))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:]))
    leftover = "".join(run.text for run in runs if run.change is None)
    if "**" in leftover or "{++" in leftover or "{--" in leftover:
        raise SourceError(f"{path}:{number}: unbalanced ** or tracked-change marker")
    return tuple(runs)


def _check_tracked_change(path: Path, meta: dict[str, Any], blocks: list[Block]) -> None:
    changed = [block for block in blocks if isinstance(block, (Clause, Paragraph, Recital))
               and any(run.change for run in block.runs)]
    if len(changed) > 1:
        raise SourceError(f"{path}: tracked changes appear in {len(changed)} clauses; keep them to one")
    if "docx" in meta["formats"] and (bool(changed) != ("tracked_change" in meta)):
        raise SourceError(f"{path}: a DOCX sample needs exactly one clause with {{--...--}}{{++...++}} "
                          "and a 'tracked_change' author and date in the front matter")


def _sample(path: Path, meta: dict[str, Any], builder: _Builder) -> Sample:
    if builder.title is None:
        raise SourceError(f"{path}: the body needs a '# Title' line")
    date = meta["date"]
    if isinstance(date, dt.date) and not isinstance(date, dt.datetime):
        date = dt.datetime.combine(date, dt.time(9, 0))
    if not isinstance(date, dt.datetime):
        raise SourceError(f"{path}:2: 'date' must be an ISO date or date-time")
    change = meta.get("tracked_change")
    site = meta.get("site")
    return Sample(
        stem=meta.get("stem") or path.stem,
        source=str(path),
        title=builder.title,
        running_header=meta["running_header"],
        organisation=meta["organisation"],
        language=meta["language"],
        scheme=meta["numbering"],
        font=meta.get("font", "serif"),
        formats=tuple(meta["formats"]),
        html_style=meta.get("html_style", "paragraphs"),
        footer_note=meta["footer_note"],
        date=date.replace(tzinfo=None),
        author=meta["author"],
        subject=meta.get("subject", builder.title),
        keywords=meta.get("keywords", ""),
        blocks=tuple(builder.blocks),
        tracked_change=TrackedChange(change["author"], change["date"]) if change else None,
        site=Site(site["name"], tuple(site["nav"]), site["cookie"], site["footer"], site["accept"],
                  site["reject"]) if site else None,
        restart_per_part=builder.restart_per_part,
    )
