"""HTML: the page's main text, with scripts, styles, navigation and cookie banners dropped;
headings, ordered-list labels and table rows kept.

The parser loads nothing from the network or disk (no DTDs, no external entities); the page's
own <main>, <article> or role="main" element is read when there is one.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from clausecheck.errors import InputError
from clausecheck.ingest.base import RawBlock, RawDocument, ReadOptions
from clausecheck.ingest.docx_numbering import format_number
from clausecheck.model import BlockKind

_DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "iframe", "nav", "aside", "form", "button", "select",
    "input", "textarea", "dialog", "canvas", "video", "audio", "object", "embed", "map", "head", "title", "meta",
    "link",
})
_CHROME_TAGS = frozenset({"header", "footer"})  # site chrome, unless inside the main content
_CHROME_WORDS = re.compile(
    r"cookie|consent|gdpr-banner|banner|\bnav\b|navbar|navigation|\bmenu|breadcrumb|skip-link|skip-to|sidebar|"
    r"site-header|site-footer|share-buttons|social-share|newsletter|popup|modal",
    re.IGNORECASE,
)
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
                           "dialog", "alertdialog"})
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "blockquote", "pre", "address", "figure",
    "figcaption", "dl", "dt", "dd", "ul", "ol", "li", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "details", "summary", "fieldset", "center", "body", "html", "caption", "thead", "tbody", "tfoot",
})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_OL_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
_SPACES = re.compile(r"\s+")
_NO_MARKER = re.compile(r"list-style(?:-type)?\s*:\s*none", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def read(path: str, data: bytes, options: ReadOptions) -> RawDocument:
    root = parse_html(path, data)
    content = main_content(root)
    found_main = content.tag not in ("body", "html")
    blocks = list(_Walker(inside_main=found_main, total=len(content.text_content())).blocks(content))
    if not blocks and found_main:
        body = root.find("body")
        body = body if body is not None else root
        blocks = list(_Walker(inside_main=False, total=len(body.text_content())).blocks(body))
    return RawDocument(blocks)


def decode_html(data: bytes) -> str:
    """Text of an HTML file: the BOM or <meta charset> decides, else UTF-8, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_html(path: str, data: bytes) -> lxml.html.HtmlElement:
    text = _XML_DECLARATION.sub("", decode_html(data))
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True,
                                  huge_tree=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        raise InputError(path, "no HTML content could be parsed", "check that the file is an HTML page",
                         code="E130") from None
    return root


def _is_chrome(element: etree._Element, inside_main: bool, total: int = 0) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _DROP_TAGS:
        return True
    if tag in _CHROME_TAGS and not inside_main:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    role = (element.get("role") or "").lower()
    if role in _CHROME_ROLES:
        return True
    marks = " ".join(filter(None, (element.get("id"), element.get("class"), element.get("aria-label"))))
    if not marks or not _CHROME_WORDS.search(marks):
        return False
    # a wrapper named e.g. "content with-sidebar" that holds most of the page is not chrome
    return len(element.text_content()) * 2 < total if total else True


def main_content(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The page's <main>, role="main" or largest <article>, else its body."""
    candidates = root.xpath("//main | //*[@role='main']")
    if not candidates:
        articles = root.xpath("//article")
        if articles:
            candidates = [max(articles, key=lambda element: len(element.text_content()))]
    if candidates:
        best = max(candidates, key=lambda element: len(element.text_content()))
        if len(best.text_content().strip()) >= 200 or len(best.text_content()) * 2 >= len(root.text_content()):
            return best
    body = root.find("body")
    return body if body is not None else root


@dataclass
class _ListState:
    ordered: bool
    fmt: str
    next_value: int
    step: int = 1


@dataclass
class _Walker:
    lists: list[_ListState] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    pending: tuple[BlockKind, int | None, str | None] = (BlockKind.PARAGRAPH, None, None)
    inside_main: bool = True
    total: int = 0  # characters of text in the content being read

    def blocks(self, element: etree._Element) -> Iterator[RawBlock]:
        yield from self._element(element)
        yield from self._flush()

    def _flush(self) -> Iterator[RawBlock]:
        text = _SPACES.sub(" ", "".join(self.buffer)).strip()
        kind, level, label = self.pending
        self.buffer = []
        self.pending = (BlockKind.PARAGRAPH, None, None)
        if text:
            yield RawBlock(kind, f"{label} {text}" if label else text, level=level, label=label)

    def _element(self, element: etree._Element) -> Iterator[RawBlock]:
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or _is_chrome(element, self.inside_main, self.total):
            if element.tail:
                self.buffer.append(element.tail)
            return
        if tag == "br":
            self.buffer.append(" ")
        elif tag in _HEADINGS:
            yield from self._flush()
            self.pending = (BlockKind.HEADING, _HEADINGS[tag], None)
            yield from self._children(element)
            yield from self._flush()
        elif tag in ("ol", "ul"):
            yield from self._flush()
            self.lists.append(self._list_state(element, tag))
            yield from self._children(element)
            yield from self._flush()
            self.lists.pop()
        elif tag == "li":
            yield from self._flush()
            self.pending = (BlockKind.LIST_ITEM, max(len(self.lists) - 1, 0), self._item_label(element))
            yield from self._children(element)
            yield from self._flush()
        elif tag == "tr":
            yield from self._flush()
            yield from self._row(element)
        elif tag in _BLOCK_TAGS:
            yield from self._flush()
            yield from self._children(element)
            yield from self._flush()
        else:
            yield from self._children(element)
        if element.tail:
            self.buffer.append(element.tail)

    def _children(self, element: etree._Element) -> Iterator[RawBlock]:
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            yield from self._element(child)

    def _list_state(self, element: etree._Element, tag: str) -> _ListState:
        if tag == "ul" or _NO_MARKER.search(element.get("style") or ""):
            return _ListState(False, "bullet", 1)  # no number shown (the items often carry their own)
        reversed_list = element.get("reversed") is not None
        items = [child for child in element if getattr(child, "tag", None) == "li"]
        start = _int(element.get("start"))
        if start is None:
            start = len(items) if reversed_list else 1
        return _ListState(True, _OL_TYPES.get(element.get("type") or "1", "decimal"), start,
                          -1 if reversed_list else 1)

    def _item_label(self, element: etree._Element) -> str | None:
        if not self.lists or not self.lists[-1].ordered:
            return None
        state = self.lists[-1]
        value = _int(element.get("value"))
        if value is not None:
            state.next_value = value
        fmt = _OL_TYPES.get(element.get("type") or "", state.fmt)
        label = f"{format_number(state.next_value, fmt)}."
        state.next_value += state.step
        return label

    def _row(self, row: etree._Element) -> Iterator[RawBlock]:
        cells: list[str] = []
        for cell in row:
            if getattr(cell, "tag", None) not in ("td", "th") or _is_chrome(cell, True):
                continue
            cells.append(_SPACES.sub(" ", " ".join(_visible_text(cell))).strip())
        text = " | ".join(cell for cell in cells if cell)
        if text:
            yield RawBlock(BlockKind.TABLE_ROW, text)
        if row.tail:
            self.buffer.append(row.tail)


def _visible_text(element: etree._Element) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str) and not _is_chrome(child, True):
            if child.tag in _BLOCK_TAGS or child.tag == "br":
                yield " "
            yield from _visible_text(child)
        if child.tail:
            yield child.tail


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
