"""The overview page in headless Chromium: it sorts, filters and links without errors."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from clausecheck.cli import cli

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.browser


def test_overview_sorts_filters_and_opens_reports(make_repo, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    make_repo(6)
    overview = tmp_path / "overview.html"
    outcome = CliRunner().invoke(cli, ["scan", str(tmp_path / "repo"), "--db", str(tmp_path / "r.sqlite"),
                                       "--workers", "1", "--html", str(overview)])
    assert outcome.exit_code in (0, 1), outcome.output

    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless=new", "--no-sandbox"])
        try:
            page = browser.new_context(offline=True).new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(overview.as_uri())
            column = page.eval_on_selector_all("#contracts thead th", "cells => cells.map(c => c.textContent.trim())")
            conflict = column.index("Conflict")

            def conflicts() -> list[int]:
                return [int(value) for value in page.eval_on_selector_all(
                    "#contracts tbody tr", f"rows => rows.map(r => r.cells[{conflict}].textContent)")]

            header = f"#contracts thead th:nth-child({conflict + 1}) button"
            page.click(header)
            assert conflicts() == sorted(conflicts())
            page.click(header)
            assert conflicts() == sorted(conflicts(), reverse=True)

            page.fill("#filter", "contract-004")
            visible = page.eval_on_selector_all("#contracts tbody tr:not([hidden])", "rows => rows.length")
            assert visible == 1
            page.click("#contracts tbody tr:not([hidden]) a")
            assert "contract-004" in page.url
            assert errors == []
        finally:
            browser.close()
