"""The summary CSV, the HTML overview and the contracts' own reports."""
from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from clausecheck.cli import cli
from clausecheck.pipeline import check
from clausecheck.report import RENDERERS
from clausecheck.report.json_format import to_dict
from clausecheck.scan.report_data import report_from_dict
from tests.scan.scanhelp import table

ODD_NAMES = ["plain.md", "with space.md", "ünïcødé – terms.md", "line\nbreak.md", "comma, \"quoted\".md",
             "<script>alert(1)<script>.md"]


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.scripts = 0
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href"):
            if tag != "a" and values.get(name):
                self.external.append(str(values[name]))


def scan_with_outputs(repo: Path, tmp_path: Path, *extra: str) -> tuple[object, Path, Path]:
    summary, overview = tmp_path / "out" / "summary.csv", tmp_path / "out" / "overview.html"
    outcome = CliRunner().invoke(cli, ["scan", str(repo), "--db", str(tmp_path / "r.sqlite"), "--workers", "1",
                                       "--summary", str(summary), "--html", str(overview), *extra])
    return outcome, summary, overview


def test_summary_csv_has_a_row_per_contract_and_odd_names_round_trip(make_repo, tmp_path: Path) -> None:
    make_repo(len(ODD_NAMES), names=ODD_NAMES)
    outcome, summary, _ = scan_with_outputs(tmp_path / "repo", tmp_path)
    assert outcome.exit_code in (0, 1), outcome.output

    with summary.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))

    assert sorted(Path(row["contract"]).name for row in rows) == sorted(ODD_NAMES)
    requirement_columns = [name for name in rows[0] if re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)+", name)]
    assert requirement_columns
    stored = {(key, requirement): status for key, requirement, status in table(
        tmp_path / "r.sqlite", "SELECT c.key, r.requirement_id, r.status FROM results r JOIN contracts c"
                               " ON c.id = r.contract_id")}
    verdicts = dict(table(tmp_path / "r.sqlite", "SELECT key, verdict FROM contracts"))
    for row in rows:
        assert row["verdict"] == verdicts[row["contract"]]
        statuses = [row[requirement] for requirement in requirement_columns]
        assert statuses == [stored[(row["contract"], requirement)] for requirement in requirement_columns]
        for status in ("met", "partial", "conflict", "missing"):
            assert int(row[status]) == statuses.count(status)


def test_overview_links_every_contract_to_its_own_report(make_repo, tmp_path: Path) -> None:
    make_repo(len(ODD_NAMES), names=ODD_NAMES)
    (tmp_path / "repo" / "broken.md").write_bytes(b"\x00")
    outcome, _, overview = scan_with_outputs(tmp_path / "repo", tmp_path)
    assert outcome.exit_code == 3

    page = overview.read_text(encoding="utf-8")
    parser = Links()
    parser.feed(page)

    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert parser.external == [] and parser.scripts == 1
    assert len(parser.links) == len(ODD_NAMES)  # the unreadable contract has no report
    suffix = RENDERERS["html" if "html" in RENDERERS else "json"][1]
    from urllib.parse import unquote
    for link in parser.links:
        report = overview.parent / unquote(link)
        assert report.is_file() and report.suffix == suffix
    assert "E106" in page and "broken.md" in page


def test_rescan_rewrites_only_changed_reports_and_removes_stale_ones(make_repo, tmp_path: Path) -> None:
    files = make_repo(3)
    scan_with_outputs(tmp_path / "repo", tmp_path)
    reports = tmp_path / "out" / "overview_reports"
    before = {path.name: path.stat().st_mtime_ns for path in reports.iterdir()}
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\n\nAddendum.\n", encoding="utf-8")

    scan_with_outputs(tmp_path / "repo", tmp_path)

    after = {path.name: path.stat().st_mtime_ns for path in reports.iterdir()}
    assert len(after) == 3
    assert len(set(before) & set(after)) == 2
    assert all(before[name] == after[name] for name in set(before) & set(after))


def test_outputs_inside_the_scanned_folder_are_not_scanned(make_repo, tmp_path: Path) -> None:
    make_repo(2)
    repo = tmp_path / "repo"
    for _ in range(2):
        outcome = CliRunner().invoke(cli, ["scan", str(repo), "--db", str(repo / "r.sqlite"), "--workers", "1",
                                           "--html", str(repo / "overview.html")])
    assert "2 contract(s) found: 2 unchanged" in outcome.output


def test_a_stored_report_rebuilds_the_same_report(tmp_path: Path) -> None:
    from tests.scan.scanhelp import corpus_texts

    source = tmp_path / "terms.md"
    source.write_text(corpus_texts()[0], encoding="utf-8")
    data = to_dict(check([source]))
    assert to_dict(report_from_dict(json.loads(json.dumps(data)))) == data
