"""Numbering schemes: how article, clause, sub-clause and recital numbers look.

One scheme drives both the typed numbers of the PDF, HTML and Markdown renderings and the
``lvlText``/``numFmt`` of the DOCX numbering definition, so all formats show the same numbers.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a Word multilevel list: ``text`` uses %1..%4 placeholders like ``lvlText``."""

    text: str
    fmt: str  # Word numFmt: decimal, lowerLetter, upperLetter, lowerRoman


@dataclass(frozen=True, slots=True)
class Scheme:
    levels: tuple[Level, Level, Level, Level]  # article, clause, sub-clause, sub-sub-clause
    recital: Level


SCHEMES: dict[str, Scheme] = {
    "en": Scheme(
        levels=(Level("%1.", "decimal"), Level("%1.%2", "decimal"), Level("(%3)", "lowerLetter"),
                Level("(%4)", "lowerRoman")),
        recital=Level("(%1)", "upperLetter"),
    ),
    "nl": Scheme(
        levels=(Level("Artikel %1", "decimal"), Level("%1.%2", "decimal"), Level("%3.", "lowerLetter"),
                Level("(%4)", "lowerRoman")),
        recital=Level("%1.", "lowerLetter"),
    ),
}


def format_value(value: int, fmt: str) -> str:
    if fmt == "decimal":
        return str(value)
    if fmt == "lowerLetter":
        return _letters(value)
    if fmt == "upperLetter":
        return _letters(value).upper()
    if fmt == "lowerRoman":
        return _roman(value)
    raise ValueError(f"unknown number format {fmt!r}")


def label(scheme: Scheme, counters: tuple[int, ...]) -> str:
    """The printed number of a heading or clause, e.g. (4,) -> "4." and (4, 2, 1) -> "(a)"."""
    level = scheme.levels[len(counters) - 1]
    return _fill(level.text, counters, [lvl.fmt for lvl in scheme.levels])


def recital_label(scheme: Scheme, counter: int) -> str:
    return _fill(scheme.recital.text, (counter,), [scheme.recital.fmt])


def _fill(text: str, counters: tuple[int, ...], formats: list[str]) -> str:
    for position, value in enumerate(counters, start=1):
        text = text.replace(f"%{position}", format_value(value, formats[position - 1]))
    return text


def _letters(value: int) -> str:
    # Word's lowerLetter repeats the letter after z: 27 -> aa, 28 -> bb
    letter = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26]
    return letter * ((value - 1) // 26 + 1)


def _roman(value: int) -> str:
    numerals = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    result = ""
    for amount, numeral in numerals:
        while value >= amount:
            result += numeral
            value -= amount
    return result
