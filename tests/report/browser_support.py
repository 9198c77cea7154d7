"""Headless Chromium for the report tests: Debian's /usr/bin/chromium driven by Playwright.

Never downloads a browser: tests that need one skip, with the reason, when Chromium is absent
(.ci/run installs it).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SKIP_REASON = "Debian's chromium is not installed at /usr/bin/chromium (.ci/run installs it: apt-get install chromium)"


@dataclass
class Opened:
    """A report open in a page, with what the page said while loading it."""

    page: Page
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def launch() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(SKIP_REASON)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_report(browser: Browser, path: Path) -> Opened:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    page = context.new_page()
    opened = Opened(page)
    page.on("console", lambda message: opened.console.append(message.text))
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return opened


def visible_ids(page: Page) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        "tbody.req", "rows => rows.filter(row => row.offsetParent !== null).map(row => row.dataset.id)")
    return ids
