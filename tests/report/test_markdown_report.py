"""The Markdown report: a reviewed snapshot, and contract text that renders only as text."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from clausecheck.model import Report
from clausecheck.report import render

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
REGENERATE = os.environ.get("CLAUSECHECK_GEN_GOLDEN") == "1"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_markdown_matches_the_reviewed_snapshot(request: pytest.FixtureRequest, language: str) -> None:
    report: Report = request.getfixturevalue("report" if language == "en" else "dutch_report")
    text = render(report, "md").decode("utf-8")
    golden = GOLDEN / f"report-{language}.md"
    if REGENERATE:
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: run with CLAUSECHECK_GEN_GOLDEN=1 and review the diff"
    assert text == golden.read_text(encoding="utf-8"), \
        f"the Markdown report changed: review, then regenerate {golden.name} with CLAUSECHECK_GEN_GOLDEN=1"


def test_golden_regeneration_is_not_left_on() -> None:
    assert not REGENERATE, "CLAUSECHECK_GEN_GOLDEN=1 rewrites the snapshots; never set it in CI"


def test_rendered_markdown_holds_no_html_and_no_links_from_the_contract(report: Report) -> None:
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py renders CommonMark like GitHub/GitLab")
    parser = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    html = parser.render(render(report, "md").decode("utf-8"))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;window.__pwned = 'script';&lt;/script&gt;" in html
    assert "onerror=&quot;window.__pwned" in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(href.startswith("#") for href in hrefs)  # only our own links to requirement sections
    assert "<code>https://acme.example/policy</code>" in html
    assert "<strong>all</strong>" not in html and "**all**" in html


def test_every_requirement_has_a_row_and_a_section(report: Report) -> None:
    text = render(report, "md").decode("utf-8")
    for finding in report.findings:
        assert f"| [{finding.requirement_id}](#{finding.requirement_id.lower()}) |" in text
        assert f"\n### {finding.requirement_id}\n" in text
        if finding.suggestion:
            assert f"> {finding.suggestion}" in text


def test_tables_keep_their_column_count(report: Report) -> None:
    for line in render(report, "md").decode("utf-8").splitlines():
        if line.startswith("| ["):
            cells = re.split(r"(?<!\\)\|", line)
            assert len(cells) == 7, line
