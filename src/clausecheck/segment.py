"""Turn a Document's blocks into a clause tree: numbers, headings, pages, offsets, sentences.

A block that starts with a numbering label opens a clause. A label style seen before in the
open path closes back to that level (a sibling); a new style nests under the open clause.
Headings (marked up by the reader, underlined with ==== or ----, or short title-like lines)
open sections; unnumbered paragraphs continue the clause that is open.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from clausecheck.model import Block, BlockKind, Clause, Document, ParsedDocument, Sentence
from clausecheck.nlp import sentence_spans
from clausecheck.numbering import Label, ordinal, parse_label

_RULE_LINE = re.compile(r"^\s*([=\-_*])\1{2,}\s*$")
_INLINE_TITLE = re.compile(r"^(?P<title>[A-Z0-9][^.:!?\n]{0,70}?)[.:]\s+(?=[A-Z“\"(‘'])")
_TERMINAL = (".", ";", ",", ":", "!", "?")


@dataclass
class _Open:
    """A clause being built."""

    index: int
    key: tuple[str, int] | None  # numbering style and depth; None for unnumbered headings
    label: Label | None
    heading_level: int | None  # set for headings
    number: str | None
    heading: str | None
    heading_path: tuple[str, ...]
    level: int
    parent: int | None
    blocks: list[Block] = field(default_factory=list)


def segment(document: Document) -> ParsedDocument:
    """Build the clause tree of ``document``, with sentences split by spaCy."""
    units = _heading_marks(document.blocks)
    built: list[_Open] = []
    stack: list[_Open] = []
    skip_next = False
    for position, (block, heading_level) in enumerate(units):
        if skip_next:
            skip_next = False
            continue
        label = _label_of(block)
        is_heading = heading_level is not None or _looks_like_heading(block, label)
        if is_heading and heading_level is None:
            heading_level = _inferred_heading_level(block, label)
        if label is None and not is_heading:
            if stack:
                stack[-1].blocks.append(block)
            else:
                node = _new(built, stack, None, None, None, None, document.language)
                node.blocks.append(block)
            continue
        heading: str | None
        if label is not None:
            label = _resolve_ambiguous(label, stack)
            _close_for_label(stack, label, is_heading, heading_level)
            heading = label.rest if is_heading else _inline_title(label.rest)
            if is_heading and not heading and position + 1 < len(units):
                following, following_level = units[position + 1]
                if _label_of(following) is None and (following_level is not None
                                                      or _looks_like_heading(following, None)):
                    heading = following.text.strip()
                    skip_next = True
        else:
            _close_for_heading(stack, heading_level or 3)
            heading = block.text.strip()
        node = _new(built, stack, label, heading_level if is_heading else None, heading or None, block,
                    document.language)
        if skip_next:
            node.blocks.append(units[position + 1][0])
    return ParsedDocument(document, _finish(document, built))


def _heading_marks(blocks: tuple[Block, ...]) -> list[tuple[Block, int | None]]:
    """Pair each block with its heading level; drop ==== / ---- underline blocks, marking the
    block above them as a heading (the plain-text and setext convention)."""
    units: list[tuple[Block, int | None]] = []
    for block in blocks:
        rule = _RULE_LINE.match(block.text)
        if rule:
            if units and units[-1][1] is None and len(units[-1][0].text.split()) <= 15:
                units[-1] = (units[-1][0], 1 if rule.group(1) == "=" else 2)
            continue
        units.append((block, block.level if block.kind is BlockKind.HEADING else None))
        if block.kind is BlockKind.HEADING and block.level is None:
            units[-1] = (block, 2)
    return units


def _label_of(block: Block) -> Label | None:
    if block.kind is BlockKind.TABLE_ROW:
        return None
    label = parse_label(block.text)
    if label is None and block.label:
        label = Label(block.label, f"list:{block.level or 0}", 1, block.label.rstrip(".)"), block.text)
    return label


def _looks_like_heading(block: Block, label: Label | None) -> bool:
    """Short title-like text without closing punctuation, or a short line in capitals."""
    if block.kind in (BlockKind.TABLE_ROW, BlockKind.LIST_ITEM) and label is None:
        return False
    body = (label.rest if label else block.text).strip()
    if not body:
        return label is not None and label.kind.startswith("article")
    words = body.split()
    if body.isupper() and len(words) <= 15 and any(c.isalpha() for c in body):
        return True
    if len(words) > 10 or body.endswith(_TERMINAL) or ". " in body:
        return False
    return body[0].isupper() or body[0].isdigit()


def _inferred_heading_level(block: Block, label: Label | None) -> int:
    if label is not None:
        return 2
    return 2 if block.text.isupper() else 3


def _resolve_ambiguous(label: Label, stack: list[_Open]) -> Label:
    """(i), (v), (x), i., I. are roman numerals unless they continue a lettered list."""
    if not label.kind.endswith("?"):
        return label
    roman_kind = label.kind[:-1]
    letter_kind = {"paren-roman": "paren-alpha", "roman": "alpha", "upper-roman": "upper"}[roman_kind]
    for node in reversed(stack):
        if node.key and node.key[0] == letter_kind and node.label:
            previous = ordinal(letter_kind, node.label.value)
            if previous is not None and previous + 1 == ordinal(letter_kind, label.value):
                return Label(label.text, letter_kind, 1, label.value, label.rest)
        if node.key and node.key[0] == roman_kind:
            break
    return Label(label.text, roman_kind, 1, label.value, label.rest)


def _close_for_label(stack: list[_Open], label: Label, is_heading: bool, heading_level: int | None) -> None:
    key = (label.kind, label.depth)
    for position in range(len(stack) - 1, -1, -1):
        if stack[position].key == key:
            del stack[position:]
            return
    if label.kind == "decimal":
        while stack and stack[-1].key and stack[-1].key[0] == "decimal" and stack[-1].key[1] >= label.depth:
            stack.pop()
    if is_heading:
        while stack and not _may_hold_heading(stack[-1], label, heading_level or 2):
            stack.pop()


def _may_hold_heading(node: _Open, label: Label, level: int) -> bool:
    if node.key is None:  # an unnumbered heading holds headings below its level
        return node.heading_level is not None and node.heading_level < level
    if node.key[0] == "decimal" and label.kind == "decimal":
        return node.key[1] < label.depth and label.value.startswith(f"{node.label.value}.") if node.label else False
    return node.heading_level is not None and node.key[0] != label.kind and node.heading_level <= level


def _close_for_heading(stack: list[_Open], level: int) -> None:
    while stack and not (stack[-1].heading_level is not None and stack[-1].heading_level < level):
        stack.pop()


def _new(built: list[_Open], stack: list[_Open], label: Label | None, heading_level: int | None,
         heading: str | None, block: Block | None, language: str) -> _Open:
    parent = stack[-1] if stack else None
    number = _compose_number(parent, label, language) if label else None
    path = parent.heading_path if parent else ()
    node = _Open(
        index=len(built),
        key=(label.kind, label.depth) if label else None,
        label=label,
        heading_level=heading_level,
        number=number,
        heading=heading,
        heading_path=path + (heading,) if heading else path,
        level=len(stack),
        parent=parent.index if parent else None,
    )
    if block is not None:
        node.blocks.append(block)
    built.append(node)
    stack.append(node)
    return node


def _compose_number(parent: _Open | None, label: Label, language: str) -> str:
    """The number a lawyer cites: "4.2(b)", "B.3", "Artikel 4 lid 2"."""
    kind, value = label.kind, label.value
    base = parent.number if parent else None
    parent_kind = parent.key[0] if parent and parent.key else ""
    if kind.startswith("article"):
        return label.text.strip().rstrip(".:")
    if kind == "section":
        return f"§ {value}"
    if kind == "lid" or (kind == "decimal" and label.depth == 1 and parent_kind.startswith("article")
                         and language == "nl"):
        return f"{base} lid {value}" if base else f"lid {value}"
    if kind == "decimal":
        if label.depth > 1 or " lid " in value or not base:
            return value
        return f"{base}.{value}"
    if kind in ("upper", "upper-roman"):
        return f"{base}.{value}" if base else value
    if kind.startswith("list:"):
        return label.text.strip()
    return f"{base}({value})" if base else f"({value})"


def _inline_title(rest: str) -> str | None:
    """"Overview. Subject to ..." -> "Overview": a short title-cased run before the first stop."""
    match = _INLINE_TITLE.match(rest)
    if not match:
        return None
    title = match.group("title").strip()
    words = title.split()
    long_words = [w for w in words if len(w) >= 4]
    if not words or len(words) > 8 or not long_words:
        return None
    if sum(w[0].isupper() for w in long_words) / len(long_words) < 0.6:
        return None
    return title


def _finish(document: Document, built: list[_Open]) -> tuple[Clause, ...]:
    texts: list[str] = []
    owners: list[tuple[int, Block, int]] = []  # (clause index, block, offset of sentence text in block)
    for node in built:
        for position, block in enumerate(node.blocks):
            skip = 0
            if position == 0 and node.label is not None and block.text.startswith(node.label.text.lstrip()):
                skip = len(node.label.text.lstrip())
            texts.append(block.text[skip:])
            owners.append((node.index, block, skip))
    spans = sentence_spans(texts, document.language)
    sentences: list[list[Sentence]] = [[] for _ in built]
    for (index, block, skip), block_spans in zip(owners, spans):
        for start, end in block_spans:
            begin = block.start + skip + start
            sentences[index].append(Sentence(document.text[begin:block.start + skip + end], begin,
                                             block.start + skip + end))
    clauses: list[Clause] = []
    for node in built:
        start, end = node.blocks[0].start, node.blocks[-1].end
        first_page, last_page = document.page_at(start), document.page_at(max(start, end - 1))
        pages = tuple(range(first_page, last_page + 1)) if first_page and last_page else ()
        clauses.append(Clause(
            index=node.index, number=node.number, label=node.label.text.strip() if node.label else None,
            heading=node.heading, heading_path=node.heading_path, level=node.level, parent=node.parent,
            text=document.text[start:end], start=start, end=end, pages=pages,
            sentences=tuple(sentences[node.index]),
        ))
    return tuple(clauses)
