"""Turn a Document's blocks into a clause tree: numbers, headings, pages, offsets, sentences.

A block that starts with a numbering label opens a clause. A label style seen before in the
open path closes back to that level (a sibling): the open clause it follows in sequence ("3."
after "2.") wins, and a style that restarts at its first value ("1." after "2. Termination.")
opens a nested list. A new style nests under the open clause; a Schedule or Annex starts a new
top-level division. Headings (marked up by the reader, underlined with ==== or ----, or short
title-like lines) open sections; unnumbered paragraphs continue the clause that is open.

The same text must give the same tree whether it comes from Markdown, Word or a PDF, which
carries no heading levels: heading levels from the reader are compared only with each other,
and a title line recognised from its text alone sits one level below the heading above it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from clausecheck.model import Block, BlockKind, Clause, Document, ParsedDocument, Sentence
from clausecheck.nlp import sentence_spans
from clausecheck.numbering import Label, ordinal, parse_label

_UNDERLINE = re.compile(r"^\s*([=\-])\1{2,}\s*$")  # ==== / ----: the block above is a heading
_THEMATIC_BREAK = re.compile(r"^\s*(?:([_*~])\1{2,}|(?:[-*_]\s+){2,}[-*_])\s*$")  # *** / * * * / - - -
_INLINE_TITLE = re.compile(r"^(?P<title>[A-Z0-9][^.:!?\n]{0,70}?)[.:][*_]*(?:\s+(?=[A-Z“\"(‘'])|\s*$)")
_BULLET = re.compile(r"^\s*[-*+•·–▪◦]\s")  # a bulleted item, as a converter leaves it in the text
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
    inferred: bool = False  # an unnumbered heading recognised from its text alone
    marked: bool = False  # a heading whose level the reader gave (Markdown #, Word heading style, <h2>)


def segment(document: Document) -> ParsedDocument:
    """Build the clause tree of ``document``, with sentences split by spaCy."""
    units = _heading_marks(document.blocks)
    built: list[_Open] = []
    stack: list[_Open] = []
    position = 0
    while position < len(units):
        block, marked_level = units[position]
        position += 1
        label = _label_of(block)
        is_heading = marked_level is not None or _looks_like_heading(block, label)
        if label is None and not is_heading:
            if not stack:
                _new(built, stack, None, None, None, None, document.language)
            stack[-1].blocks.append(block)
            continue
        if label is None:
            # a title line the reader did not mark sits one level below the heading it follows,
            # so it nests the same way whether or not the format marks heading levels
            title_level = marked_level if marked_level is not None else _level_below(stack)
            _close_for_heading(stack, title_level)
            _new(built, stack, None, title_level, _title(block.text), block, document.language,
                 inferred=marked_level is None, marked=marked_level is not None)
            continue
        label = _resolve_ambiguous(label, stack)
        level = marked_level if marked_level is not None else 2  # a numbered heading of unknown level
        heading = _title(label.rest) if is_heading else _inline_title(label.rest)
        _close_for_label(stack, label, is_heading, level, marked_level is not None, bool(heading))
        title_block = None
        if is_heading and not heading and position < len(units):
            following, following_level = units[position]
            if _label_of(following) is None and (following_level is not None
                                                  or _looks_like_heading(following, None)):
                heading, title_block = _title(following.text), following
                position += 1
        node = _new(built, stack, label, level if is_heading else None, heading or None, block, document.language,
                    marked=marked_level is not None)
        if title_block is not None:
            node.blocks.append(title_block)
    return ParsedDocument(document, _finish(document, built))


def _level_below(stack: list[_Open]) -> int:
    """One level below the innermost open heading that the reader marked or that is numbered."""
    for node in reversed(stack):
        if node.heading_level is not None and not node.inferred:
            return max(node.heading_level + 1, 2)
    return 3


def _heading_marks(blocks: tuple[Block, ...]) -> list[tuple[Block, int | None]]:
    """Pair each block with its heading level when the reader marked it as a heading; drop
    thematic breaks, and ==== / ---- underline blocks, which mark the block above them as a
    heading (the plain-text and setext convention)."""
    units: list[tuple[Block, int | None]] = []
    for block in blocks:
        if _THEMATIC_BREAK.match(block.text):
            continue
        rule = _UNDERLINE.match(block.text)
        if rule:
            if units and units[-1][1] is None and len(units[-1][0].text.split()) <= 15:
                units[-1] = (units[-1][0], 1 if rule.group(1) == "=" else 2)
            continue
        if block.kind is BlockKind.HEADING:
            units.append((block, block.level if block.level is not None else 2))
        else:
            units.append((block, None))
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
    if label is None and _BULLET.match(block.text):
        return False
    body = _title(label.rest if label else block.text)
    if not body:
        return label is not None and label.kind.startswith("article")
    words = body.split()
    if label is None and sum(c.isalpha() for c in body) < 4:  # "US", "EU": too short to be a title
        return False
    if body.isupper() and len(words) <= 15:
        return True
    if len(words) > 10 or body.endswith(_TERMINAL) or ". " in body or (label is None and ": " in body):
        return False
    return body[0].isupper() or body[0].isdigit()


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


def _close_for_label(stack: list[_Open], label: Label, is_heading: bool, heading_level: int | None,
                     marked: bool, titled: bool) -> None:
    """Close the open clauses the new label is not part of."""
    if is_heading and label.kind == "article:annex":
        # a schedule or annex starts a new top-level division; only the document title stays open
        while stack and not (stack[-1].key is None and stack[-1].heading_level is not None
                             and stack[-1].heading_level < (heading_level or 2)):
            stack.pop()
        return
    sibling = _sibling_of(stack, label, titled)
    if sibling == _NESTED_LIST:
        return
    if sibling is not None:
        del stack[sibling:]
        return
    if label.kind == "decimal":
        while stack and stack[-1].key and stack[-1].key[0] == "decimal" and stack[-1].key[1] >= label.depth:
            stack.pop()
    if is_heading:
        while stack and not _may_hold_heading(stack[-1], label, heading_level or 2, marked):
            stack.pop()


_NESTED_LIST = -1


def _sibling_of(stack: list[_Open], label: Label, titled: bool) -> int | None:
    """Position in ``stack`` of the open clause whose list the new label continues, or None when
    it opens a new list. Among open clauses of the same style the one it follows in sequence
    wins ("3." after "2." closes a nested "1., 2., 3." list); a label that restarts its style at
    the first value ("1." after "2. Termination.") opens a nested list; otherwise the deepest
    clause of the same style is its sibling. When the label continues more than one open list
    (nested "1., 2." under "2.", then "3."), the list whose clauses share its form (all with a
    title, or all without) wins."""
    key = (label.kind, label.depth)
    same = [position for position in range(len(stack) - 1, -1, -1) if stack[position].key == key]
    if not same:
        return None
    if label.kind == "decimal" and label.depth > 1:
        return same[0]  # a dotted number names its parent itself
    value = ordinal(label.kind, label.value)
    continued = [position for position in same if value is not None and stack[position].label is not None
                 and ordinal(label.kind, stack[position].label.value) == value - 1]  # type: ignore[union-attr]
    if continued:
        alike = [position for position in continued if (stack[position].heading is not None) == titled]
        return (alike or continued)[0]
    if value == 1:
        return _NESTED_LIST
    return same[0]


def _may_hold_heading(node: _Open, label: Label, level: int, marked: bool) -> bool:
    """Whether the open clause ``node`` can be the parent of a new numbered heading. Heading
    levels are compared only when the reader gave both (a PDF gives none), so the tree comes out
    the same from every rendering of one text."""
    if node.inferred:  # a title line recognised from its text alone never holds numbered headings
        return False
    if node.heading_level is None:
        return False
    both_marked = marked and node.marked
    if node.key is None:  # an unnumbered heading holds numbered headings below its level
        if both_marked:
            return node.heading_level < level
        # of unknown level, an Article or Section is a main division: only the document title holds it
        return node.heading_level < 2 if label.kind.startswith("article") else True
    if node.key[0] == "decimal" and label.kind == "decimal":
        return node.key[1] < label.depth and label.value.startswith(f"{node.label.value}.") if node.label else False
    return node.key[0] != label.kind and (node.heading_level <= level if both_marked else True)


def _close_for_heading(stack: list[_Open], level: int) -> None:
    while stack and not (stack[-1].heading_level is not None and stack[-1].heading_level < level):
        stack.pop()


def _new(built: list[_Open], stack: list[_Open], label: Label | None, heading_level: int | None,
         heading: str | None, block: Block | None, language: str, inferred: bool = False,
         marked: bool = False) -> _Open:
    parent = stack[-1] if stack else None
    numbered = next((node for node in reversed(stack) if node.number), None)
    number = _compose_number(numbered, label, language) if label else None
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
        inferred=inferred,
        marked=marked,
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


def _title(text: str) -> str:
    """Heading text without surrounding emphasis marks a converter left in ("_Notices_")."""
    return text.strip().strip("*_").strip()


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
