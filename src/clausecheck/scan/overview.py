"""The overview: one self-contained HTML page with a sortable table of contracts and their
verdicts, each linking to the contract's own report in a folder beside the page.

A contract's report file is named after its cache key, so a rescan only writes the reports of
contracts that changed and removes those of contracts that are gone.
"""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import jinja2

from clausecheck import __version__
from clausecheck.report import RENDERERS, render
from clausecheck.scan.library_identity import LibraryIdentity
from clausecheck.scan.report_data import report_from_dict
from clausecheck.scan.store import STATUSES, ContractSummary, ScanStore

VERDICT_ORDER = {"not-compliant": 0, "needs-review": 1, "compliant": 2}  # worst first when sorted ascending
_REPORT_NAME = re.compile(r".+-[0-9a-f]{12}\.(html|json)")


def report_format() -> str:
    """HTML when that renderer is available, else the JSON report."""
    return "html" if "html" in RENDERERS else "json"


def write_overview(store: ScanStore, summaries: Sequence[ContractSummary], path: str | Path,
                   roots: Sequence[str], library: LibraryIdentity) -> Path:
    """Write the overview page and the contracts' own reports; return the reports folder."""
    target = Path(path).absolute()
    reports = target.with_name(target.stem + "_reports")
    links = write_contract_reports(store, summaries, reports)
    base = _display_base(roots)
    rows = [{
        "name": _display_name(summary.key, base),
        "key": summary.key,
        "documents": summary.documents,
        "verdict": summary.verdict or "unreadable",
        "verdict_rank": VERDICT_ORDER.get(summary.verdict or "", 3),
        "counts": [summary.counts.get(status, 0) if summary.verdict else "" for status in STATUSES],
        "unreadable": len({error.path for error in summary.errors}),
        "link": f"{quote(reports.name)}/{quote(links[summary.id].name)}" if summary.id in links else None,
    } for summary in summaries]
    verdicts: dict[str, int] = {}
    for row in rows:
        verdicts[str(row["verdict"])] = verdicts.get(str(row["verdict"]), 0) + 1
    page = _ENVIRONMENT.from_string(_TEMPLATE).render(
        rows=rows, statuses=STATUSES, verdicts=sorted(verdicts.items(), key=lambda item: VERDICT_ORDER.get(item[0], 3)),
        errors=[error for summary in summaries for error in summary.errors],
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), tool_version=__version__,
        library=library, roots=roots,
    )
    _write_atomically(target, page.encode("utf-8"))
    return reports


def write_contract_reports(store: ScanStore, summaries: Sequence[ContractSummary], folder: Path) -> dict[int, Path]:
    """Each contract's own report, rendered from the store unless an up-to-date file exists."""
    name = report_format()
    suffix = RENDERERS[name][1]
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[int, Path] = {}
    for summary in summaries:
        if summary.verdict is None or summary.cache_key is None:
            continue
        file = folder / f"{_slug(summary.key)}-{summary.cache_key[:12]}{suffix}"
        files[summary.id] = file
        if not file.exists():
            data = store.report(summary.id)
            if data is not None:
                _write_atomically(file, render(report_from_dict(data), name))
    current = {file.name for file in files.values()}
    for stale in folder.iterdir():
        if stale.name not in current and _REPORT_NAME.fullmatch(stale.name):
            stale.unlink()
    return files


def _slug(key: str) -> str:
    """A file-name-safe version of the contract's own name (the key stays unique via the hash)."""
    name = unicodedata.normalize("NFKD", os.path.basename(key.rstrip(os.sep)))
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name.encode("ascii", "ignore").decode()).strip("-.")
    return slug[:60] or "contract"


def _display_base(roots: Sequence[str]) -> str:
    if not roots:
        return ""
    base = os.path.commonpath(list(roots))
    return base if os.path.isdir(base) else os.path.dirname(base)


def _display_name(key: str, base: str) -> str:
    if base and (key == base or key.startswith(base.rstrip(os.sep) + os.sep)):
        relative = os.path.relpath(key, base)
        return os.path.basename(key) if relative == "." else relative
    return key


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_ENVIRONMENT = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                                  lstrip_blocks=True)

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>clausecheck overview: {{ rows|length }} contracts</title>
<style>
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; color: #1b1b1b; }
  h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
  .meta { color: #555; margin: 0 0 1rem; }
  .tally span { display: inline-block; margin: 0 .4rem .4rem 0; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; }
  th[aria-sort=ascending] button::after { content: " \\25B2"; }
  th[aria-sort=descending] button::after { content: " \\25BC"; }
  tbody tr:hover { background: #f5f7fa; }
  .badge { border-radius: .7rem; padding: .05rem .55rem; font-size: .85rem; white-space: nowrap; }
  .compliant { background: #d9f2de; color: #14532d; }
  .not-compliant { background: #fbd9d9; color: #7f1d1d; }
  .needs-review { background: #fdecc8; color: #713f12; }
  .unreadable { background: #e5e7eb; color: #374151; }
  .path { word-break: break-all; }
  input[type=search] { font: inherit; padding: .3rem .5rem; margin: 0 0 .8rem; width: min(30rem, 100%); }
  h2 { font-size: 1.1rem; margin-top: 2rem; }
</style>
</head>
<body>
<h1>Contract overview</h1>
<p class="meta">{{ rows|length }} contracts in {{ roots|join(", ") }} &middot; clause library {{ library.name }}
  {{ library.version }} &middot; clausecheck {{ tool_version }} &middot; {{ generated }}</p>
<p class="tally">
{% for verdict, count in verdicts %}
  <span class="badge {{ verdict }}">{{ verdict }}: {{ count }}</span>
{% endfor %}
</p>
<input type="search" id="filter" placeholder="Filter contracts" aria-label="Filter contracts">
<table id="contracts">
<thead><tr>
  <th data-type="text"><button type="button">Contract</button></th>
  <th class="n" data-type="number"><button type="button">Documents</button></th>
  <th data-type="number"><button type="button">Verdict</button></th>
  {% for status in statuses %}
  <th class="n" data-type="number"><button type="button">{{ status|capitalize }}</button></th>
  {% endfor %}
  <th class="n" data-type="number"><button type="button">Unreadable files</button></th>
  <th>Report</th>
</tr></thead>
<tbody>
{% for row in rows %}
<tr>
  <td class="path" title="{{ row.key }}">{{ row.name }}</td>
  <td class="n">{{ row.documents }}</td>
  <td data-sort="{{ row.verdict_rank }}"><span class="badge {{ row.verdict }}">{{ row.verdict }}</span></td>
  {% for count in row.counts %}
  <td class="n" data-sort="{{ count if count != '' else -1 }}">{{ count }}</td>
  {% endfor %}
  <td class="n">{{ row.unreadable }}</td>
  <td>{% if row.link %}<a href="{{ row.link }}">report</a>{% endif %}</td>
</tr>
{% endfor %}
</tbody>
</table>
{% if errors %}
<h2>Files that could not be read ({{ errors|length }})</h2>
<table>
<thead><tr><th>File</th><th>Code</th><th>Message</th></tr></thead>
<tbody>
{% for error in errors %}
<tr><td class="path">{{ error.path }}</td><td>{{ error.code }}</td><td>{{ error.message }}</td></tr>
{% endfor %}
</tbody>
</table>
{% endif %}
<script>
(function () {
  var table = document.getElementById("contracts");
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (header, column) {
    var button = header.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = header.dataset.type === "number";
      var value = function (row) {
        var cell = row.cells[column];
        var text = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
        return numeric ? Number(text) : text.toLowerCase();
      };
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a), y = value(b);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  document.getElementById("filter").addEventListener("input", function (event) {
    var needle = event.target.value.toLowerCase();
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      row.hidden = needle !== "" && row.cells[0].textContent.toLowerCase().indexOf(needle) === -1;
    });
  });
}());
</script>
</body>
</html>
"""
