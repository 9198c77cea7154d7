"""Contract text is untrusted: make it safe to place in a report.

``clean`` removes characters no report format can hold (XML forbids most control characters,
so python-docx would fail on them). ``markdown`` escapes text so that GitHub and GitLab show it
literally: no HTML, no emphasis, no links, no mentions; URLs and e-mail addresses become code
spans so the renderer's autolinker cannot turn them into links.
"""
from __future__ import annotations

import re

_UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]{}<>()!|~&^$])")
# What opens a block at the start of a line: a list item, a heading or a setext underline.
_LINE_START = re.compile(r"^(\s*)(?:([-+]|#{1,6})(?=\s|$)|(\d{1,9})(?=\.(?:\s|$))|([=-]+)(?=\s*$))")
_MENTION_OR_ISSUE = re.compile(r"(^|[\s(])([@#])(?=\w)")
_AUTOLINKABLE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>`|\"]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    re.IGNORECASE,
)
_TRAILING_PUNCTUATION = ".,;:!?)'\"”’"


class MarkdownSafe(str):
    """Markdown we wrote ourselves: the Markdown template passes it through unescaped."""


def clean(text: str) -> str:
    """``text`` without control characters, lone surrogates and non-characters."""
    return _UNSAFE_CHARACTERS.sub("", text)


def one_line(text: str) -> str:
    """``text`` cleaned, with all runs of whitespace (newlines too) turned into one space."""
    return " ".join(clean(text).split())


def markdown(text: str) -> MarkdownSafe:
    """``text`` on one line, escaped so that Markdown renders exactly these characters."""
    text = one_line(text)
    parts: list[str] = []
    position = 0
    for match in _AUTOLINKABLE.finditer(text):
        link = match.group(0).rstrip(_TRAILING_PUNCTUATION)
        end = match.start() + len(link)
        parts.append(_escape_plain(text[position:match.start()], at_start=position == 0))
        parts.append(code(link))
        position = end
    parts.append(_escape_plain(text[position:], at_start=position == 0))
    return MarkdownSafe("".join(parts))


def code(text: str) -> MarkdownSafe:
    """``text`` as an inline code span, fenced by more backticks than it contains."""
    text = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return MarkdownSafe(f"{fence}{padding}{text}{padding}{fence}")


def _escape_plain(text: str, at_start: bool) -> str:
    text = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    text = _MENTION_OR_ISSUE.sub(r"\1\\\2", text)
    if at_start:
        text = _LINE_START.sub(_escape_line_start, text, count=1)
    return text


def _escape_line_start(match: re.Match[str]) -> str:
    """``>``, ``*`` and ``1)`` need nothing here: the punctuation pass has escaped them already."""
    marker, number, underline = match.group(2), match.group(3), match.group(4)
    if number:
        return match.group(1) + number + "\\"
    return match.group(1) + "\\" + (marker or underline)
