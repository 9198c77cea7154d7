"""The HTML report in a real headless browser: rendered, filterable, printable, and inert."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from clausecheck.model import Report, Severity
from clausecheck.report import render
from tests.report.browser_support import launch, open_report, visible_ids

pytestmark = pytest.mark.browser

INJECTED = ("<script>window.__pwned = 'unescaped script';</script>"
            "<img src=x onerror=\"window.__pwned = 'unescaped img'\">")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from launch()


def write(tmp_path: Path, html: bytes, name: str = "report.html") -> Path:
    path = tmp_path / name
    path.write_bytes(html)
    return path


def test_contract_script_renders_as_text_and_runs_nothing(browser: Browser, report: Report, tmp_path: Path) -> None:
    opened = open_report(browser, write(tmp_path, render(report, "html")))
    page = opened.page
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.documentElement.className") == "js"  # our own script did run
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1
    page.click("#expand-all")
    quotes = page.locator("blockquote").all_inner_texts()
    assert "We may use Content to train our models. <script>window.__pwned = 'script';</script>" in quotes
    assert any("<img src=x onerror=\"window.__pwned = 'img'\">" in quote for quote in quotes)
    assert not opened.errors
    page.screenshot(path=str(tmp_path / "report-expanded.png"), full_page=True)
    assert (tmp_path / "report-expanded.png").stat().st_size > 10_000


def test_csp_stops_contract_script_even_if_escaping_failed(browser: Browser, report: Report, tmp_path: Path) -> None:
    html = render(report, "html").decode("utf-8").replace("<main>", "<main>" + INJECTED, 1)
    opened = open_report(browser, write(tmp_path, html.encode("utf-8")))
    assert opened.page.evaluate("window.__pwned") is None
    assert opened.page.evaluate("document.documentElement.className") == "js"
    assert any("Content Security Policy" in message for message in opened.console)


def test_verdict_counts_and_every_requirement_are_rendered(browser: Browser, report: Report, tmp_path: Path) -> None:
    page = open_report(browser, write(tmp_path, render(report, "html"))).page
    assert page.inner_text("#verdict-title") == "✖ Not compliant"
    assert page.locator(".reasons li").count() == len(report.verdict.reasons)
    assert sorted(visible_ids(page)) == sorted(f.requirement_id for f in report.findings)
    text = page.inner_text("body")
    for finding in report.findings:
        assert finding.requirement_id in text
    assert page.inner_text(".count-conflict .count-number") == "1"
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)


def test_filtering_by_status_hides_and_shows_rows(browser: Browser, report: Report, tmp_path: Path) -> None:
    page = open_report(browser, write(tmp_path, render(report, "html"))).page
    page.click("button[data-filter=conflict]")
    assert visible_ids(page) == ["GENAI-NO-TRAINING-ON-CUSTOMER-DATA"]
    assert page.get_attribute("button[data-filter=conflict]", "aria-pressed") == "true"
    assert not page.is_visible("#group-arbit") and page.is_visible("#group-genai")
    assert page.inner_text("#shown-count") == "1 of 6 requirements shown"
    page.click("button[data-filter=missing]")
    assert sorted(visible_ids(page)) == ["GDPR-DATA-SUBJECT-RIGHTS", "GENAI-SUSTAINABILITY"]
    page.click("button[data-filter=missing]")  # pressing the active filter again shows everything
    assert len(visible_ids(page)) == len(report.findings)
    page.check("#blocking-only")
    blocking = sorted(f.requirement_id for f in report.findings if f.severity is Severity.BLOCKING)
    assert sorted(visible_ids(page)) == blocking
    page.click("button[data-filter=met]")
    assert sorted(visible_ids(page)) == ["ARBIT-GOVERNING-LAW", "GDPR-BREACH-NOTIFICATION"]
    page.uncheck("#blocking-only")
    page.click("button[data-filter=all]")
    assert len(visible_ids(page)) == len(report.findings)
    page.screenshot(path=str(tmp_path / "filtered.png"))


def test_expand_collapse_and_print_layout(browser: Browser, report: Report, tmp_path: Path) -> None:
    page = open_report(browser, write(tmp_path, render(report, "html"))).page
    fallback = page.locator("#genai-no-training-on-customer-data .fallback")
    assert not fallback.is_visible()
    page.click("#expand-all")
    assert page.eval_on_selector_all("details", "items => items.every(item => item.open)")
    assert fallback.is_visible()
    page.click("#collapse-all")
    assert not fallback.is_visible()
    page.click("button[data-filter=conflict]")
    page.emulate_media(media="print")
    assert not page.is_visible(".filters")
    assert len(visible_ids(page)) == len(report.findings)  # print shows every requirement, whatever the filter
    assert fallback.is_visible()  # and every requirement's details
    page.pdf(path=str(tmp_path / "report.pdf"))
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


def test_dutch_report_in_the_browser(browser: Browser, dutch_report: Report, tmp_path: Path) -> None:
    page = open_report(browser, write(tmp_path, render(dutch_report, "html"))).page
    assert page.inner_text("#verdict-title") == "✖ Voldoet niet"
    page.click("button[data-filter=partial]")
    assert page.inner_text("#shown-count") == "1 van 6 eisen getoond"
    page.screenshot(path=str(tmp_path / "rapport.png"), full_page=True)
