"""The parsed form of one sample: its settings and its blocks, with clause numbers assigned.

Every renderer (PDF, DOCX, HTML, Markdown) reads this one structure, so the formats of a sample
cannot drift apart. Clause numbers are kept as counters; each renderer either prints them
(PDF, HTML, Markdown) or leaves them to the word processor's automatic numbering (DOCX).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, TypeAlias

Change = Literal["ins", "del"]


class SourceError(ValueError):
    """A sample source is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one formatting; ``change`` marks a tracked insertion or deletion."""

    text: str
    bold: bool = False
    change: Change | None = None


Inline = tuple[Run, ...]


def accepted_text(runs: Inline) -> str:
    """The text as it reads once the tracked change is accepted (deletions dropped)."""
    return "".join(run.text for run in runs if run.change != "del")


@dataclass(frozen=True, slots=True)
class Part:
    """An annex or chapter heading (``#`` after the title); may restart the article numbering."""

    title: str
    page_break: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """An article heading (``##``). ``number`` is None for unnumbered sections (recitals, signatures)."""

    title: str
    number: int | None
    page_break: bool = False


@dataclass(frozen=True, slots=True)
class SubHeading:
    """An unnumbered heading inside an article (``###``), e.g. above a table."""

    title: str


@dataclass(frozen=True, slots=True)
class Clause:
    """A numbered clause. ``counters`` holds the article number and one counter per level, so
    (4, 2) is clause 4.2 and (4, 2, 1) is its first sub-clause; ``level`` is len(counters) - 1."""

    counters: tuple[int, ...]
    runs: Inline

    @property
    def level(self) -> int:
        return len(self.counters) - 1


@dataclass(frozen=True, slots=True)
class Recital:
    """A lettered recital in an unnumbered section: (A), (B) ... or a., b. ..."""

    counter: int
    runs: Inline


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Unnumbered body text (preamble, party descriptions, notes)."""

    runs: Inline


@dataclass(frozen=True, slots=True)
class Table:
    """A table; ``signature`` tables have no header row and no grid (a signature block)."""

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    widths: tuple[float, ...] | None = None  # relative column widths
    signature: bool = False


Block: TypeAlias = Part | Section | SubHeading | Clause | Recital | Paragraph | Table


@dataclass(frozen=True, slots=True)
class TrackedChange:
    author: str
    date: str  # ISO 8601, e.g. 2026-02-12T10:15:00Z


@dataclass(frozen=True, slots=True)
class Site:
    """Web-page furniture for the HTML rendering: a nav bar, a cookie banner and a site footer."""

    name: str
    nav: tuple[str, ...]
    cookie: str
    footer: str
    accept: str
    reject: str


@dataclass(frozen=True, slots=True)
class Sample:
    """One output document: settings from the source's front matter plus its blocks."""

    stem: str  # output file name without suffix
    source: str  # path of the source it came from
    title: str
    running_header: str
    organisation: str
    language: str  # "en" or "nl"
    scheme: str  # numbering scheme name, see numbering.SCHEMES
    font: str  # "serif" or "sans"
    formats: tuple[str, ...]
    html_style: str  # "lists" (ol/li) or "paragraphs" (typed numbers)
    footer_note: str
    date: dt.datetime
    author: str
    subject: str
    keywords: str
    blocks: tuple[Block, ...]
    tracked_change: TrackedChange | None = None
    site: Site | None = None
    restart_per_part: bool = True

    @property
    def has_parts(self) -> bool:
        return any(isinstance(block, Part) for block in self.blocks)
