"""The HTML report as a file: self-contained, escaped, and locked down by its CSP."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from clausecheck.model import Finding, Report
from clausecheck.report import render
from clausecheck.report.html_format import csp_hash


class Elements(HTMLParser):
    """Collects start tags (with attributes) and the text inside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.inline:
            self._open = tag
            self.inline[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.inline[self._open][-1] += data


def parse(report: Report) -> tuple[str, Elements]:
    html = render(report, "html").decode("utf-8")
    elements = Elements()
    elements.feed(html)
    return html, elements


def test_contract_text_is_escaped_never_markup(report: Report) -> None:
    html, elements = parse(report)
    assert [tag for tag, _ in elements.tags].count("script") == 1
    assert not any(tag == "img" for tag, _ in elements.tags)
    assert not any(name.startswith("on") for _, attrs in elements.tags for name in attrs)
    assert "&lt;script&gt;window.__pwned = &#39;script&#39;;&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned = &#39;img&#39;&#34;&gt;" in html
    assert "Summarising &lt;b&gt;incoming&lt;/b&gt; letters" in html


def test_csp_allows_exactly_the_inline_script_and_style(report: Report) -> None:
    html, elements = parse(report)
    meta = [attrs for tag, attrs in elements.tags if tag == "meta" and attrs.get("http-equiv") ==
            "Content-Security-Policy"]
    assert len(meta) == 1
    policy = dict(part.strip().split(" ", 1) for part in (meta[0]["content"] or "").split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == csp_hash(elements.inline["script"][0])
    assert policy["style-src"] == csp_hash(elements.inline["style"][0])
    assert "unsafe-inline" not in html and "unsafe-eval" not in html
    assert html.index("Content-Security-Policy") < html.index("<style>") < html.index("<script>")


def test_report_is_self_contained(report: Report) -> None:
    html, elements = parse(report)
    assert not any(attrs.get("src") for _, attrs in elements.tags)
    assert all((attrs.get("href") or "#").startswith("#") for tag, attrs in elements.tags if tag == "a")
    assert not any(tag == "link" for tag, _ in elements.tags)
    assert not re.search(r"url\(|@import|https?://", elements.inline["style"][0])


def test_every_requirement_has_a_row_with_status_badge_and_details(report: Report) -> None:
    html, elements = parse(report)
    rows = {attrs["data-id"]: attrs for tag, attrs in elements.tags if tag == "tbody" and "data-id" in attrs}
    assert list(rows) == sorted(rows, key=[f.requirement_id for f in _grouped(report)].index)
    for finding in report.findings:
        assert rows[finding.requirement_id]["data-status"] == finding.status.value
        assert rows[finding.requirement_id]["data-severity"] == finding.severity.value
    assert html.count("<details>") == len(report.findings)
    # status badges carry a symbol and a word, not only a colour
    assert html.count('<span class="badge badge-conflict"><span class="badge-symbol" aria-hidden="true">✖</span> '
                      'conflict</span>') == 1
    assert html.count('<span class="badge badge-missing"><span class="badge-symbol" aria-hidden="true">○</span> '
                      'missing</span>') == 2


def test_verdict_and_reasons_are_at_the_top(report: Report) -> None:
    html, _ = parse(report)
    verdict = html.index('data-verdict="not-compliant"')
    assert verdict < html.index('id="requirements"')
    assert "✖</span> Not compliant" in html
    top = html[verdict:html.index('id="requirements"')]
    assert ('<li><a href="#genai-no-training-on-customer-data">GENAI-NO-TRAINING-ON-CUSTOMER-DATA</a> conflict: '
            'acme-terms 3.2, p. 4: &#39;We may use Content to train our models. &lt;script&gt;') in top
    assert top.count("<li>") == len(report.verdict.reasons)


def test_dutch_report_uses_dutch_labels(dutch_report: Report) -> None:
    html, _ = parse(dutch_report)
    assert '<html lang="nl"' in html
    for label in ("Afwijkingenrapport contract", "Voldoet niet", "Redenen", "strijdig", "Voorgestelde alternatieve "
                  "bepaling", "Alleen blokkerend", "De Leverancier gebruikt Klantinhoud niet"):
        assert label in html


def _grouped(report: Report) -> list[Finding]:
    order = ("arbit", "gdpr", "genai")
    return sorted(report.findings, key=lambda finding: order.index(finding.group))
