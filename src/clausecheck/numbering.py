"""Recognise the numbering label at the start of a clause: 1 / 1.1 / (a) / a. / (iv) / Article 5 /
Artikel 4 / 4.2 lid 3 / § 3 / A. and the like.

A label has a *kind* (its numbering style) and a *depth* within that kind (only dotted decimals
have more than one depth), which the segmenter uses to build the clause tree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ROMAN = re.compile(r"^(?=[ivxlc]+$)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.IGNORECASE)

_ARTICLE_WORDS = (
    r"Article|Artikel|Art\.|Clause|Section|Sectie|Afdeling|Hoofdstuk|Chapter|Schedule|Bijlage|Annex|"
    r"Appendix|Exhibit|Addendum|Part|Deel|Titel|Title"
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("article", re.compile(rf"^(?P<word>(?i:{_ARTICLE_WORDS}))\s+(?P<n>\d{{1,3}}[a-z]?|[IVXLC]{{1,6}}|[A-Z])(?P<sub>(?:\.\d{{1,3}})*)\.?(?=[\s:.\-–]|$)")),
    ("section", re.compile(r"^§\s*(?P<n>\d{1,3}(?:\.\d{1,3})*)\.?(?=\s|$)")),
    ("lid", re.compile(r"^(?:lid|Lid|paragraph|Paragraph)\s+(?P<n>\d{1,2})[.:]?(?=\s|$)")),
    ("decimal-lid", re.compile(r"^(?P<n>\d{1,3}(?:\.\d{1,3})*)\.?\s+lid\s+(?P<lid>\d{1,2})[.:]?(?=\s|$)")),
    ("decimal", re.compile(r"^(?P<n>\d{1,3}(?:\.\d{1,3})*)(?P<end>\.|\))?(?=\s|$)")),
    ("paren-num", re.compile(r"^\((?P<n>\d{1,2})\)(?=\s|$)")),
    ("paren-alpha", re.compile(r"^\((?P<n>[a-z]{1,2})\)(?=\s|$)")),
    ("paren-roman", re.compile(r"^\((?P<n>[ivxlc]{3,6})\)(?=\s|$)")),
    ("paren-upper", re.compile(r"^\((?P<n>[A-Z])\)(?=\s|$)")),
    ("alpha", re.compile(r"^(?P<n>[a-z])[.)](?=\s|$)")),
    ("upper", re.compile(r"^(?P<n>[A-Z])[.)](?=\s|$)")),
    ("roman", re.compile(r"^(?P<n>[ivxlc]{1,6})[.)](?=\s|$)")),
    ("upper-roman", re.compile(r"^(?P<n>[IVXLC]{1,6})[.)](?=\s|$)")),
)


# everything a label can start with; most lines of text fail this one test and skip the rest
_MAY_START_LABEL = re.compile(rf"[\d(§]|[A-Za-z]{{1,6}}[.)]|(?i:{_ARTICLE_WORDS}|lid|paragraph)\s")


@dataclass(frozen=True, slots=True)
class Label:
    text: str  # as printed, e.g. "(a)", "4.2.", "Artikel 4"
    kind: str  # numbering style: decimal, paren-alpha, paren-roman, article, ...
    depth: int  # 1 for everything but dotted decimals ("4.2" has depth 2)
    value: str  # the number itself without punctuation: "4.2", "a", "iv", "4"
    rest: str  # the text after the label


def parse_label(text: str) -> Label | None:
    """The numbering label at the start of ``text``, or None."""
    stripped = text.lstrip()
    if not _MAY_START_LABEL.match(stripped):
        return None
    for kind, pattern in _PATTERNS:
        match = pattern.match(stripped)
        if not match:
            continue
        value = match.group("n")
        rest = stripped[match.end():].lstrip(" \t:.-–—")
        if kind == "decimal":
            parts = value.split(".")
            if len(parts) == 1 and not match.group("end") and not _looks_like_bare_number_label(value, rest):
                continue  # "30 days after ..." is a sentence, not clause 30
            if any(len(part) > 3 for part in parts):
                continue
            return Label(match.group(0), "decimal", len(parts), value, rest)
        if kind == "decimal-lid":
            return Label(match.group(0), "decimal", len(value.split(".")) + 1, f"{value} lid {match.group('lid')}", rest)
        if kind == "article":
            if rest[:1].islower() and not rest.startswith(("lid ", "sub ")):
                continue  # "Section 5 applies to ..." is a sentence that cites a clause
            sub = match.group("sub") or ""
            word = _canonical_article_word(match.group("word"))
            return Label(match.group(0), f"article:{word}", 1 + sub.count("."), value + sub, rest)
        if kind == "section":
            return Label(match.group(0), "section", 1, value, rest)
        if kind == "lid":
            return Label(match.group(0), "lid", 1, value, rest)
        if kind in {"paren-alpha", "alpha"} and ROMAN.match(value) and value not in {"c", "l"}:
            # (i), (v), (x), i. are ambiguous, the segmenter decides from the sibling before it;
            # (ii), (iv) are roman numerals
            ambiguous = "?" if len(value) == 1 else ""
            return Label(match.group(0), kind.replace("alpha", "roman") + ambiguous, 1, value, rest)
        if kind == "upper" and value in {"I", "V", "X"}:
            return Label(match.group(0), "upper-roman?", 1, value, rest)
        if kind in {"roman", "paren-roman"} and not ROMAN.match(value):
            continue
        if kind == "upper-roman" and not ROMAN.match(value):
            continue
        if kind == "paren-alpha" and len(value) == 2 and value[0] != value[1]:
            continue  # "(aa)" is a label, "(ab)" is not
        return Label(match.group(0), kind, 1, value, rest)
    return None


def _looks_like_bare_number_label(value: str, rest: str) -> bool:
    """A bare number ("3 Fees") is a label only when it is small and a capitalised word follows
    ("611 Gateway Blvd." is an address, "30 days" a sentence)."""
    return len(value) <= 2 and bool(rest) and (rest[0].isupper() or rest[0] in "\"“(")


def _canonical_article_word(word: str) -> str:
    word = word.lower().rstrip(".")
    return {"art": "article", "artikel": "article", "sectie": "section", "hoofdstuk": "chapter",
            "bijlage": "annex", "appendix": "annex", "exhibit": "annex", "schedule": "annex",
            "deel": "part", "titel": "title"}.get(word, word)


def roman_to_int(value: str) -> int:
    numerals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    previous = 0
    for char in reversed(value.lower()):
        number = numerals[char]
        total = total - number if number < previous else total + number
        previous = max(previous, number)
    return total


def ordinal(kind: str, value: str) -> int | None:
    """The position a label stands for (a -> 1, iv -> 4, 3 -> 3), for continuity checks."""
    if kind.startswith("decimal"):
        last = value.split(" ")[0].split(".")[-1]
        return int(last) if last.isdigit() else None
    if "roman" in kind:
        return roman_to_int(value)
    if "alpha" in kind or kind == "upper" or kind == "paren-upper":
        return ord(value[0].lower()) - ord("a") + 1
    if value.isdigit():
        return int(value)
    return None
