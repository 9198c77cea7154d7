"""What a PDF engine reports for each page: positioned lines of text and table rows."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Line:
    """One line of text on a page; coordinates in points, ``top`` measured down from the page top."""

    text: str
    left: float
    right: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    cells: tuple[tuple[float, float, str], ...] = ()  # (left, right, text) per cell when the line has wide gaps


@dataclass(slots=True)
class TableRow:
    cells: list[str]
    top: float


@dataclass(slots=True)
class PageLines:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
