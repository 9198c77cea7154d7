"""Every sample contract, checked and rendered in every format: the reports agree with the Report.

These tests do not judge the matching engine (tests/test_verdict_samples.py does); they check
that whatever the engine decides reaches each format intact, and that the HTML report works in
a real browser.
"""
from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import docx
import jsonschema
import pytest
from playwright.sync_api import Browser
import yaml

from clausecheck.casefile import load_case
from clausecheck.i18n import VERDICT_SYMBOLS, labels
from clausecheck.model import Report
from clausecheck.pipeline import CheckOptions, check
from clausecheck.report import render
from tests.report.browser_support import launch, open_report, visible_ids

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SCHEMA = json.loads(Path(__file__).with_name("report.schema.json").read_text(encoding="utf-8"))
SAMPLE_DOCUMENTS = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["documents"]
                    for path in sorted((SAMPLES / "expected").glob("*.yaml"))}


@lru_cache(maxsize=None)
def sample_report(sample: str, language: str = "en") -> Report:
    paths = [SAMPLES / f"{stem}.pdf" for stem in SAMPLE_DOCUMENTS[sample]]
    return check(paths, options=CheckOptions(case=load_case(SAMPLES / "case.yaml"), report_language=language))


def verdict_heading(report: Report) -> str:
    return f"{VERDICT_SYMBOLS[report.verdict.status]} {labels(report.report_language).verdict(report.verdict.status)}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch()


@pytest.mark.parametrize("sample", list(SAMPLE_DOCUMENTS))
def test_json_report_of_every_sample_validates(sample: str) -> None:
    document = json.loads(render(sample_report(sample), "json"))
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document["verdict"]["status"] == sample_report(sample).verdict.status.value


@pytest.mark.parametrize("sample", list(SAMPLE_DOCUMENTS))
def test_word_report_of_every_sample_has_the_summary_table_and_every_requirement(sample: str) -> None:
    report = sample_report(sample)
    document = docx.Document(io.BytesIO(render(report, "docx")))
    summary = next(table for table in document.tables if table.rows[0].cells[0].text == "ID")
    rows = {row.cells[0].text: row.cells[4].text for row in summary.rows[1:]}
    assert set(rows) == {finding.requirement_id for finding in report.findings}
    for finding in report.findings:
        assert rows[finding.requirement_id].endswith(labels("en").status(finding.status))
    headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert {f"{finding.requirement_id}: {finding.title}" for finding in report.findings} <= headings
    assert f"Verdict: {verdict_heading(report)}" in headings


@pytest.mark.parametrize("sample", list(SAMPLE_DOCUMENTS))
def test_markdown_report_of_every_sample_lists_every_requirement(sample: str) -> None:
    report = sample_report(sample)
    text = render(report, "md").decode("utf-8")
    assert f"## Verdict: {verdict_heading(report)}" in text
    for finding in report.findings:
        assert f"| [{finding.requirement_id}](#{finding.requirement_id.lower()}) |" in text
        assert f"\n### {finding.requirement_id}\n" in text


@pytest.mark.browser
@pytest.mark.parametrize("sample", list(SAMPLE_DOCUMENTS))
def test_html_report_of_every_sample_in_the_browser(browser: Browser, sample: str, tmp_path: Path) -> None:
    report = sample_report(sample)
    path = tmp_path / f"{sample}.html"
    path.write_bytes(render(report, "html"))
    opened = open_report(browser, path)
    page = opened.page
    assert page.inner_text("#verdict-title") == verdict_heading(report)
    assert page.locator(".reasons li").count() == len(report.verdict.reasons)
    assert sorted(visible_ids(page)) == sorted(finding.requirement_id for finding in report.findings)
    statuses = Counter(finding.status.value for finding in report.findings)
    status, count = statuses.most_common()[-1]  # the rarest status present: a real narrowing
    page.click(f"button[data-filter={status}]")
    shown = visible_ids(page)
    assert len(shown) == count
    assert {f.status.value for f in report.findings if f.requirement_id in shown} == {status}
    page.click("button[data-filter=all]")
    assert len(visible_ids(page)) == len(report.findings)
    assert page.evaluate("window.__pwned") is None and not opened.errors
    page.screenshot(path=str(tmp_path / f"{sample}.png"), full_page=True)
    assert (tmp_path / f"{sample}.png").stat().st_size > 10_000


@pytest.mark.browser
def test_dutch_html_report_of_the_arbit_sample(browser: Browser, tmp_path: Path) -> None:
    report = sample_report("nl-arbit-saas-overeenkomst-passes", "nl")
    path = tmp_path / "rapport.html"
    path.write_bytes(render(report, "html"))
    page = open_report(browser, path).page
    assert page.inner_text("#verdict-title") == verdict_heading(report)
    assert page.inner_text("#requirements thead th >> nth=1") == "EIS"  # headers are upper-cased by CSS
    assert "Voorgestelde alternatieve bepaling" in page.content() or all(
        finding.suggestion is None for finding in report.findings)
    page.screenshot(path=str(tmp_path / "rapport.png"), full_page=True)
