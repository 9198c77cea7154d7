"""Word's automatic list numbering: the labels a reader sees ("1.", "1.1", "a)", "Artikel 3"),
computed from ``numbering.xml`` the way Word computes them.

Clause numbers in Word contracts mostly live here rather than in the text, so the DOCX reader
renders them and puts them in front of the paragraph. Counters belong to a list: nums that share
an abstract definition continue one another, unless a num restarts with a ``startOverride``;
a level restarts when a shallower level advances (``lvlRestart`` can change that).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
MAX_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")


def w(tag: str) -> str:
    """Clark notation for a WordprocessingML tag: w("p") -> "{...main}p"."""
    return _W + tag


def attr(element: etree._Element | None, name: str = "val") -> str | None:
    return None if element is None else element.get(_W + name)


def int_attr(element: etree._Element | None, default: int | None = None) -> int | None:
    value = attr(element)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 0
    fmt: str = "decimal"
    text: str = ""  # lvlText, e.g. "%1.%2." or "Artikel %1"
    legal: bool = False  # isLgl: show every level as decimal
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 = never
    style: str | None = None  # pStyle linked to this level


@dataclass(frozen=True, slots=True)
class Num:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _parse_level(element: etree._Element, base: Level | None = None) -> Level:
    """A w:lvl; what it leaves out comes from ``base`` (the abstract level a num overrides)."""
    base = base or Level()
    text = attr(element.find(w("lvlText")))
    legal = element.find(w("isLgl"))
    return Level(
        start=int_attr(element.find(w("start")), base.start) or 0,
        fmt=attr(element.find(w("numFmt"))) or base.fmt,
        text=text if text is not None else base.text,
        legal=_is_on(legal) if legal is not None else base.legal,
        restart=int_attr(element.find(w("lvlRestart")), base.restart),
        style=attr(element.find(w("pStyle"))) or base.style,
    )


def _is_on(element: etree._Element) -> bool:
    """An on/off property: present means on, unless its value says otherwise."""
    return attr(element) not in ("0", "false", "off")


class Numbering:
    """The definitions of one document's numbering part, and the running counters."""

    def __init__(self, numbering_root: etree._Element | None, style_num_ids: dict[str, str]) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, Num] = {}
        style_links: dict[str, str] = {}
        if numbering_root is not None:
            for abstract in numbering_root.iter(w("abstractNum")):
                abstract_id = attr(abstract, "abstractNumId")
                if abstract_id is None:
                    continue
                self.abstracts[abstract_id] = {
                    int_attr_value(level, "ilvl"): _parse_level(level) for level in abstract.iter(w("lvl"))
                }
                link = attr(abstract.find(w("numStyleLink")))
                if link:
                    style_links[abstract_id] = link
            for num in numbering_root.iter(w("num")):
                num_id = attr(num, "numId")
                abstract_id = attr(num.find(w("abstractNumId")))
                if num_id is None or abstract_id is None:
                    continue
                starts: dict[int, int] = {}
                levels: dict[int, Level] = {}
                for override in num.iter(w("lvlOverride")):
                    ilvl = int_attr_value(override, "ilvl")
                    start = int_attr(override.find(w("startOverride")))
                    if start is not None:
                        starts[ilvl] = start
                    level = override.find(w("lvl"))
                    if level is not None:
                        levels[ilvl] = _parse_level(level, self.abstracts.get(abstract_id, {}).get(ilvl))
                self.nums[num_id] = Num(abstract_id, starts, levels)
        # an abstractNum that only links to a numbering style takes its levels from the style's num
        for abstract_id, style_id in style_links.items():
            linked_num = self.nums.get(style_num_ids.get(style_id, ""))
            if linked_num and linked_num.abstract_id != abstract_id and linked_num.abstract_id in self.abstracts:
                self.abstracts[abstract_id] = self.abstracts[linked_num.abstract_id]
        self._counters: dict[str, list[int | None]] = {}

    def levels_of(self, num_id: str) -> dict[int, Level]:
        num = self.nums[num_id]
        levels = dict(self.abstracts.get(num.abstract_id, {}))
        levels.update(num.level_overrides)
        for ilvl, start in num.start_overrides.items():
            levels[ilvl] = replace(levels.get(ilvl, Level()), start=start)
        return levels

    def level_for_style(self, num_id: str, style_id: str) -> int:
        """The level a numbered style sits at when its numPr names no ilvl."""
        for ilvl, level in self.levels_of(num_id).items():
            if level.style == style_id:
                return ilvl
        return 0

    def advance(self, num_id: str, ilvl: int) -> tuple[str | None, bool]:
        """Count one paragraph at ``ilvl`` of list ``num_id``; return its label as Word shows it
        (None for bullets and unnumbered levels) and whether the level is a bullet."""
        if num_id not in self.nums:
            return None, False
        num = self.nums[num_id]
        levels = self.levels_of(num_id)
        level = levels.get(ilvl)
        if level is None or not 0 <= ilvl < MAX_LEVELS:
            return None, False
        # a num that restarts a level keeps its own counters; otherwise nums sharing a definition continue
        key = f"num:{num_id}" if num.start_overrides or num.level_overrides else f"abstract:{num.abstract_id}"
        counters = self._counters.setdefault(key, [None] * MAX_LEVELS)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if level.fmt == "bullet":
            return None, True
        return _render(level, levels, counters) or None, False


def int_attr_value(element: etree._Element, name: str) -> int:
    try:
        return int(element.get(_W + name, "0"))
    except ValueError:
        return 0


def _render(level: Level, levels: dict[int, Level], counters: list[int | None]) -> str:
    def substitute(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        referenced = levels.get(index, Level())
        value = counters[index]
        if value is None:
            value = referenced.start
        fmt = "decimal" if level.legal and referenced.fmt not in ("none", "bullet") else referenced.fmt
        return format_number(value, fmt)

    return _PLACEHOLDER.sub(substitute, level.text).strip()


def format_number(value: int, fmt: str) -> str:
    """``value`` in one of Word's number formats (unknown formats fall back to decimal)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = _letters(value)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    if fmt == "ordinal":
        return f"{value}."
    return str(value)


def _letters(value: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa..: the letter repeats."""
    if value <= 0:
        return ""
    letter = chr(ord("a") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def to_roman(value: int) -> str:
    if value <= 0:
        return str(value)
    parts: list[str] = []
    for number, numeral in _ROMAN:
        count, value = divmod(value, number)
        parts.append(numeral * count)
    return "".join(parts)
