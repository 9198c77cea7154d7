"""Render a Sample as one self-contained web page, the way suppliers publish terms online.

Besides the terms (h1-h3 headings, clauses as ``ol/li`` lists or as paragraphs with typed
numbers) the page carries the furniture a reader has to drop: a site nav bar, a table of
contents, a cookie-consent banner with a script, and a site footer.
"""
from __future__ import annotations

from html import escape

from samplegen.model import Clause, Inline, Part, Recital, Sample, Section, SubHeading, Table
from samplegen.model import Paragraph as TextParagraph
from samplegen.numbering import SCHEMES, label, recital_label

_CSS = """
body{font-family:Georgia,'Times New Roman',serif;margin:0;color:#1d1d1f;line-height:1.55}
.site-header{background:#14213d;padding:.8rem 2rem}.site-header a{color:#fff;text-decoration:none;margin-right:1.4rem}
.site-header .brand{font-weight:bold;font-size:1.15rem}
.cookie-banner{position:fixed;bottom:0;left:0;right:0;background:#fefae0;border-top:2px solid #d4a373;
  padding:1rem 2rem}
.cookie-banner button{margin-right:.8rem}
main{max-width:46rem;margin:2rem auto;padding:0 1.2rem}
.toc{border:1px solid #ccc;padding:.6rem 1.2rem;margin-bottom:1.5rem;font-size:.92rem}
.clause{margin:.35rem 0}.clause .num{display:inline-block;min-width:2.8rem;font-weight:bold}
.level-2{margin-left:2.8rem}.level-3{margin-left:5.2rem}
table{border-collapse:collapse;margin:.8rem 0;font-size:.92rem}
td,th{border:1px solid #999;padding:.3rem .5rem;vertical-align:top}
table.signature td,table.signature th{border:none;padding-right:2.5rem}
.site-footer{border-top:1px solid #ccc;margin-top:3rem;padding:1rem 2rem;font-size:.85rem;color:#555}
""".strip()

_SCRIPT = ("document.querySelectorAll('.cookie-banner button').forEach(function (button) {"
           " button.addEventListener('click', function () { button.closest('.cookie-banner').remove(); }); });")
_LIST_TYPES = {1: "1", 2: "a", 3: "i"}
_CONTENTS = {"en": "Contents", "nl": "Inhoud"}


def render_html(sample: Sample) -> bytes:
    if sample.site is None:
        raise ValueError(f"{sample.source}: an HTML rendering needs 'site' (nav, cookie text) in the front matter")
    site = sample.site
    nav = "".join(f'<a href="/{escape(item.lower().replace(" ", "-"))}">{escape(item)}</a>' for item in site.nav)
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{sample.language}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(sample.title)} | {escape(site.name)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        f'<header class="site-header"><nav aria-label="Site"><a class="brand" href="/">{escape(site.name)}</a>'
        f"{nav}</nav></header>",
        '<div class="cookie-banner" id="cookie-consent" role="dialog" aria-label="Cookies">'
        f"<p>{escape(site.cookie)}</p><button type=\"button\">{escape(site.accept)}</button>"
        f"<button type=\"button\">{escape(site.reject)}</button></div>",
        "<main>",
        "<article>",
        f"<h1>{escape(sample.title)}</h1>",
        _contents(sample),
        *_body(sample),
        "</article>",
        "</main>",
        f'<footer class="site-footer"><p>{escape(site.footer)}</p></footer>',
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _contents(sample: Sample) -> str:
    scheme = SCHEMES[sample.scheme]
    items = []
    for block in sample.blocks:
        if isinstance(block, Section) and block.number is not None:
            number = label(scheme, (block.number,))
            items.append(f'<li><a href="#{_anchor(sample, block)}">{escape(number)} {escape(block.title)}</a></li>')
    heading = _CONTENTS[sample.language]
    return f'<nav class="toc" aria-label="{heading}"><p>{heading}</p><ul>{"".join(items)}</ul></nav>'


def _body(sample: Sample) -> list[str]:
    scheme = SCHEMES[sample.scheme]
    heading = 2  # articles are h2 in the main text and h3 inside a part (annex), below its h2
    lines: list[str] = []
    open_lists: list[str] = []  # closing tags of the <ol>/<li> elements still open (lists style)
    in_section = False
    part_index = 0

    def close_lists(depth: int = 0) -> None:
        while len(open_lists) > depth:
            lines.append(open_lists.pop())

    for block in sample.blocks:
        if not isinstance(block, (Clause, Recital)) or sample.html_style != "lists":
            close_lists()
        if isinstance(block, Part):
            if in_section:
                lines.append("</section>")
                in_section = False
            part_index += 1
            heading = 3
            lines.append(f'<h2 class="part" id="part-{part_index}">{escape(block.title)}</h2>')
        elif isinstance(block, Section):
            if in_section:
                lines.append("</section>")
            title = escape(block.title)
            if block.number is not None:
                title = f"{escape(label(scheme, (block.number,)))} {title}"
            lines.append(f'<section id="{_anchor(sample, block, part_index)}">')
            lines.append(f"<h{heading}>{title}</h{heading}>")
            in_section = True
        elif isinstance(block, SubHeading):
            lines.append(f"<h{heading + 1}>{escape(block.title)}</h{heading + 1}>")
        elif isinstance(block, Clause) and sample.html_style == "lists":
            _list_item(lines, open_lists, block.level, block.counters[-1], f"<li>{_inline(block.runs)}")
        elif isinstance(block, Clause):
            number = escape(label(scheme, block.counters))
            anchor = "clause-" + "-".join(str(counter) for counter in block.counters)
            lines.append(f'<p class="clause level-{block.level}" id="{anchor}"><span class="num">{number}</span> '
                         f"{_inline(block.runs)}</p>")
        elif isinstance(block, Recital) and sample.html_style == "lists":
            if not open_lists:
                recital_type = "A" if scheme.recital.fmt == "upperLetter" else "a"
                lines.append(f'<ol class="recitals" type="{recital_type}">')
                open_lists.append("</ol>")
            lines.append(f"<li>{_inline(block.runs)}</li>")
        elif isinstance(block, Recital):
            number = escape(recital_label(scheme, block.counter))
            lines.append(f'<p class="recital"><span class="num">{number}</span> {_inline(block.runs)}</p>')
        elif isinstance(block, TextParagraph):
            lines.append(f"<p>{_inline(block.runs)}</p>")
        elif isinstance(block, Table):
            lines.append(_table(block))
    close_lists()
    if in_section:
        lines.append("</section>")
    return lines


def _list_item(lines: list[str], open_lists: list[str], level: int, value: int, opening: str) -> None:
    """Open or close nested <ol> elements so that item number ``value`` of ``level`` (1-3) can be added;
    a list reopened after a table continues its numbering with ``start``."""
    depth = 2 * level  # each level holds an <ol> and an <li>
    while len(open_lists) > depth:
        lines.append(open_lists.pop())
    if len(open_lists) == depth:  # a sibling: close the previous <li>
        lines.append(open_lists.pop())
    if len(open_lists) < depth - 1:
        list_type = _LIST_TYPES[level]
        attributes = (f' type="{list_type}"' if list_type != "1" else "") + (f' start="{value}"' if value > 1 else "")
        lines.append(f"<ol{attributes}>")
        open_lists.append("</ol>")
    lines.append(opening)
    open_lists.append("</li>")


def _anchor(sample: Sample, block: Section, part_index: int | None = None) -> str:
    if part_index is None:  # the table of contents: find the part this section belongs to
        part_index = 0
        for candidate in sample.blocks:
            if isinstance(candidate, Part):
                part_index += 1
            if candidate is block:
                break
    suffix = f"{block.number}" if block.number is not None else escape(block.title.lower().replace(" ", "-"))
    return f"part-{part_index}-{suffix}" if sample.has_parts else f"section-{suffix}"


def _inline(runs: Inline) -> str:
    parts = []
    for run in runs:
        if run.change == "del":
            continue
        text = escape(run.text, quote=False)
        parts.append(f"<strong>{text}</strong>" if run.bold else text)
    return "".join(parts)


def _table(table: Table) -> str:
    css = ' class="signature"' if table.signature else ""
    head = "".join(f"<th>{_inline(cell)}</th>" for cell in table.header)
    body = "".join("<tr>" + "".join(f"<td>{_inline(cell)}</td>" for cell in row) + "</tr>" for row in table.rows)
    return f"<table{css}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
