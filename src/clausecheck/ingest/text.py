"""Markdown and plain text: headings, numbered lists and tables kept, inline markup stripped."""
from __future__ import annotations

import html
import re

from clausecheck.errors import InputError
from clausecheck.ingest.base import RawBlock, RawDocument, ReadOptions
from clausecheck.model import BlockKind

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ORDERED = re.compile(r"^(\s*)(\d{1,3}(?:\\?\.\d{1,3})*)(\\?[.)])\s+(.*)$")
_BULLET = re.compile(r"^(\s*)[-*+•]\s+(.*)$")
_TABLE = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SPACES = re.compile(r"\s+")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:.*\n){0,200}?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)$")
_THEMATIC = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LABEL_START = re.compile(
    r"^\s*(\d{1,3}(\.\d{1,3})*[.)]?\s|\(?[a-z]{1,3}\)\s|[a-z]\.\s|(Article|Artikel|Art\.|Section|Clause|§)\s*\d)"
)

_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links -> link text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolinks
    (re.compile(r"<br\s*/?>", re.IGNORECASE), " "),  # line breaks inside table cells
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~\"'])"), r"\1"),  # backslash escapes
)


def strip_inline(text: str) -> str:
    """Remove Markdown emphasis, links, code marks and escapes; keep the words."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return _SPACES.sub(" ", html.unescape(text)).strip()


def decode(path: str, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise InputError(path, "looks like a binary file, not text", "give a .pdf, .docx, .html, .md or .txt file",
                         code="E106")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read(path: str, data: bytes, options: ReadOptions) -> RawDocument:
    text = decode(path, data).replace("\r\n", "\n").replace("\r", "\n")
    if path.lower().endswith((".md", ".markdown")):
        return RawDocument(read_markdown(_without_front_matter(text)))
    return RawDocument(read_plain(text))


def _without_front_matter(text: str) -> str:
    """Drop a leading YAML front-matter block (``---`` ... ``---``): metadata, not document text."""
    match = _FRONT_MATTER.match(text)
    return text[match.end():] if match else text


def read_markdown(text: str) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    paragraph: list[str] = []
    list_item: list[str] = []
    item_meta: tuple[int, str | None] = (0, None)
    indents: list[int] = []
    in_fence = False

    def flush() -> None:
        nonlocal paragraph, list_item
        if list_item:
            depth, label = item_meta
            blocks.append(RawBlock(BlockKind.LIST_ITEM, strip_inline(" ".join(list_item)), level=depth, label=label))
            list_item = []
        if paragraph:
            blocks.append(RawBlock(BlockKind.PARAGRAPH, strip_inline(" ".join(paragraph))))
            paragraph = []

    lines = text.split("\n")
    for position, line in enumerate(lines):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            paragraph.append(line.strip())
            continue
        if not line.strip():
            flush()
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            indents.clear()
            blocks.append(RawBlock(BlockKind.HEADING, strip_inline(atx.group(2)), level=len(atx.group(1))))
            continue
        if list_item and len(list_item) == 1 and _SETEXT.match(line.strip()):
            # "1. Scope" underlined inside its list item: a numbered heading
            _, label = item_meta
            level = 1 if line.strip()[0] == "=" else 2
            blocks.append(RawBlock(BlockKind.HEADING, strip_inline(list_item[0]), level=level, label=label))
            list_item = []
            continue
        setext = _SETEXT.match(line)
        if setext and paragraph and not list_item:
            heading = strip_inline(" ".join(paragraph))
            paragraph = []
            indents.clear()
            blocks.append(RawBlock(BlockKind.HEADING, heading, level=1 if setext.group(1)[0] == "=" else 2))
            continue
        if _THEMATIC.match(line):
            flush()
            continue
        if _TABLE.match(line):
            flush()
            if not _TABLE_RULE.match(line):
                cells = [strip_inline(cell.strip()) for cell in line.strip().strip("|").split("|")]
                blocks.append(RawBlock(BlockKind.TABLE_ROW, " | ".join(cell for cell in cells if cell)))
            continue
        ordered = _ORDERED.match(line)
        bullet = _BULLET.match(line) if not ordered else None
        if ordered or bullet:
            flush()
            indent = len((ordered or bullet).group(1).expandtabs(4))  # type: ignore[union-attr]
            while indents and indents[-1] > indent:
                indents.pop()
            if not indents or indents[-1] < indent:
                indents.append(indent)
            depth = len(indents) - 1
            if ordered:
                label = ordered.group(2).replace("\\", "") + ordered.group(3).replace("\\", "")
                item_meta = (depth, label)
                list_item = [f"{label} {ordered.group(4)}"]
            else:
                item_meta = (depth, None)
                list_item = [bullet.group(2)]  # type: ignore[union-attr]
            continue
        stripped = line.strip()
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ")
        if list_item and line[:1].isspace():
            list_item.append(stripped)
        elif list_item:
            flush()
            paragraph.append(stripped)
        else:
            paragraph.append(stripped)
        if _HARD_BREAK.search(line):
            flush()  # a line break the author forced: the next line starts a block of its own
    flush()
    return blocks


def read_plain(text: str) -> list[RawBlock]:
    """Paragraphs split at blank lines, and at lines that start with a clause number."""
    blocks: list[RawBlock] = []
    paragraph: list[str] = []

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            blocks.append(RawBlock(BlockKind.PARAGRAPH, " ".join(paragraph)))
            paragraph = []

    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if _SETEXT.match(stripped) and paragraph:
            flush()
            blocks.append(RawBlock(BlockKind.PARAGRAPH, stripped))
            continue
        if paragraph and _LABEL_START.match(stripped):
            flush()
        paragraph.append(stripped)
    flush()
    return blocks
