"""Render a Sample as plain Markdown with typed clause numbers ("1.1 ...", "(a) ...")."""
from __future__ import annotations

import re

from samplegen.model import Clause, Inline, Part, Recital, Sample, Section, SubHeading, Table
from samplegen.model import Paragraph as TextParagraph
from samplegen.numbering import SCHEMES, label, recital_label

_SPECIAL = re.compile(r"([*_`\\])")


def render_markdown(sample: Sample) -> bytes:
    scheme = SCHEMES[sample.scheme]
    section_level = 2  # articles are ## in the main text and ### inside a part (annex)
    out = [f"# {_escape(sample.title)}"]
    for block in sample.blocks:
        if isinstance(block, Part):
            section_level = 3
            out.append(f"## {_escape(block.title)}")
        elif isinstance(block, Section):
            number = f"{label(scheme, (block.number,))} " if block.number is not None else ""
            out.append(f"{'#' * section_level} {number}{_escape(block.title)}")
        elif isinstance(block, SubHeading):
            out.append(f"{'#' * (section_level + 1)} {_escape(block.title)}")
        elif isinstance(block, Clause):
            out.append(f"{label(scheme, block.counters)} {_inline(block.runs)}")
        elif isinstance(block, Recital):
            out.append(f"{recital_label(scheme, block.counter)} {_inline(block.runs)}")
        elif isinstance(block, TextParagraph):
            out.append(_inline(block.runs))
        elif isinstance(block, Table):
            out.append(_table(block))
    return ("\n\n".join(out) + "\n").encode("utf-8")


def _table(table: Table) -> str:
    rows = [table.header, *table.rows]
    lines = ["| " + " | ".join(_inline(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
    lines.insert(1, "|" + "|".join(" --- " for _ in table.header) + "|")
    return "\n".join(lines)


def _inline(runs: Inline) -> str:
    parts = []
    for run in runs:
        if run.change == "del":
            continue
        text = _escape(run.text)
        parts.append(f"**{text}**" if run.bold else text)
    return "".join(parts)


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)
