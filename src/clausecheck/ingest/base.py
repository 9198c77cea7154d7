"""What every reader returns, and how its blocks become one Document text with offsets."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from clausecheck.model import Block, BlockKind

DEFAULT_MAX_BYTES = 50_000_000  # 50 MB


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Settings shared by all readers."""

    pdf_engine: str = "pdfium"  # "pdfium" (fast text path) or "pdfplumber" (layout-aware, tables)
    max_bytes: int = DEFAULT_MAX_BYTES  # larger files are refused before they are opened
    language: str | None = None  # force "en" or "nl" instead of detecting it


@dataclass(frozen=True, slots=True)
class RawBlock:
    """A block before offsets are assigned. ``page`` is 1-based, None for unpaginated formats."""

    kind: BlockKind
    text: str
    page: int | None = None
    level: int | None = None
    label: str | None = None
    page_breaks: tuple[int, ...] = ()  # positions in ``text`` where the next pages begin


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A reader's output: blocks in reading order, page count and warnings."""

    blocks: list[RawBlock]
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)


class Reader(Protocol):
    def __call__(self, path: str, data: bytes, options: ReadOptions) -> RawDocument: ...


BLOCK_SEPARATOR = "\n\n"


def assemble(raw: RawDocument) -> tuple[str, tuple[Block, ...], tuple[int, ...]]:
    """Join blocks into one text; return it, the blocks with offsets, and page start offsets."""
    parts: list[str] = []
    blocks: list[Block] = []
    page_starts: list[int] = []
    offset = 0
    for raw_block in raw.blocks:
        text = raw_block.text.strip()
        if not text:
            continue
        if parts:
            parts.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        if raw_block.page is not None:
            while len(page_starts) < raw_block.page:
                page_starts.append(offset)
            lead = len(raw_block.text) - len(raw_block.text.lstrip())
            for position in raw_block.page_breaks:
                page_starts.append(offset + min(max(position - lead, 0), len(text)))
        blocks.append(Block(raw_block.kind, text, offset, offset + len(text), raw_block.level, raw_block.label))
        parts.append(text)
        offset += len(text)
    if raw.pages:
        while len(page_starts) < raw.pages:
            page_starts.append(offset)
    return "".join(parts), tuple(blocks), tuple(page_starts)
