"""``clausecheck scan PATH...``: check every contract in a repository into a results database,
re-analysing only what changed since the last scan."""
from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import click

from clausecheck.casefile import load_case
from clausecheck.cli.options import make_read_options, read_options
from clausecheck.errors import EXIT_COMPLIANT, EXIT_GAPS
from clausecheck.ingest import SUPPORTED_SUFFIXES
from clausecheck.pipeline import CheckOptions
from clausecheck.scan.discover import GROUP_BY
from clausecheck.scan.executors import make_executor
from clausecheck.scan.overview import write_overview
from clausecheck.scan.runner import ScanConfig, ScanPlan, ScanResult, execute_scan, prepare_scan
from clausecheck.scan.store import ScanStore, StoredError
from clausecheck.scan.summary_csv import write_summary_csv

EXIT_UNREADABLE = 3
ERRORS_LISTED = 5


@click.command("scan")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=str))
@click.option("--db", default="results.sqlite", show_default=True, type=click.Path(dir_okay=False, path_type=str),
              help="Results database (SQLite); created if missing, updated incrementally.")
@click.option("-j", "--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes for --executor local  [default: number of CPUs]")
@click.option("--group-by", type=click.Choice(GROUP_BY), default="file", show_default=True,
              help="file: each file is a contract; folder: the files directly in a folder are one contract.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool here; dask: a Dask cluster (needs clausecheck[dask] and --scheduler).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address, e.g. tcp://10.0.0.5:8786. Workers must see the files at the same paths.")
@click.option("--summary", "summary_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write a CSV with a row per contract: verdict, counts by status, status of each requirement.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write an overview page; each contract's report goes to a folder beside it.")
@click.option("--follow-links", is_flag=True,
              help="Follow symbolic links that lead to places inside the given PATHs (links leading outside "
                   "are never followed).")
@click.option("--force", is_flag=True, help="Analyse every contract again, even unchanged ones.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary; only errors.")
@click.option("--case", "case_path", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Case file (YAML) with the use case and its DPIA, IAMA, CIO and FG status, for every contract.")
@click.option("--report-lang", type=click.Choice(["en", "nl"]), default="en", show_default=True,
              help="Language of the reports.")
@click.option("--library", "library_path", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Clause library folder (default: the bundled one).")
@read_options
def command(paths: tuple[str, ...], db: str, workers: int | None, group_by: str, executor: str,
            scheduler: str | None, summary_path: Path | None, html_path: Path | None, follow_links: bool,
            force: bool, quiet: bool, case_path: str | None, report_lang: str, library_path: str | None,
            pdf_engine: str, language: str | None, max_size_mb: float) -> None:
    """Check every contract under PATHS (files or folders, searched recursively) and store the
    results in --db. A contract whose files, clause library, options and clausecheck version are
    unchanged since the last scan is not analysed again; an interrupted scan carries on where it
    stopped. Hidden files and folders, office lock files and the scan's own outputs are skipped.

    \b
    Exit codes:
      0  every contract is compliant
      1  some contract is not compliant or needs review
      2  usage error (bad option, unreadable library or case file, database error)
      3  some files could not be read (listed at the end; the other contracts are
         stored); takes precedence over 1

    Unreadable files are stored with the reader's error code (E1xx, as `clausecheck check`
    reports them), E100 when the system refuses to read the file, or E900 for an unexpected
    failure (please report it); `clausecheck results --errors` lists them.
    """
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler is only used with --executor dask")
    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS")
    options = CheckOptions(
        read=make_read_options(pdf_engine, language, max_size_mb),
        case=load_case(case_path) if case_path else None,
        report_language=report_lang,
    )
    outputs = tuple(str(path) for path in (summary_path, html_path) if path is not None)
    if html_path is not None:
        outputs += (str(html_path.with_name(html_path.stem + "_reports")),)
    config = ScanConfig(paths=paths, group_by=group_by, follow_links=follow_links, force=force,
                        library_path=library_path, options=options, exclude=outputs)
    with ScanStore(db) as store:
        runner = make_executor(executor, workers or os.cpu_count() or 1, scheduler)
        try:
            plan = prepare_scan(config, store, runner)
            if not plan.discovery.contracts:
                click.echo(f"warning: no supported documents ({', '.join(SUPPORTED_SUFFIXES)}) under "
                           f"{', '.join(map(_show, paths))}", err=True)
            if not quiet:
                _echo_plan(plan)
            with _progress(len(plan.to_analyse), quiet) as bar:
                result = execute_scan(plan, store, runner, on_outcome=lambda outcome: bar.update(1))
        finally:
            runner.close()
        if summary_path is not None:
            write_summary_csv(result.summaries, summary_path)
        if html_path is not None:
            write_overview(store, result.summaries, html_path, plan.roots, plan.library)
    if not quiet:
        _echo_result(result, summary_path, html_path)
    errors = [error for summary in result.summaries for error in summary.errors]
    if errors:
        _echo_errors(errors, db)
    sys.exit(_exit_code(result, bool(errors)))


class _NoProgress:
    def update(self, steps: int) -> None:
        pass


def _progress(total: int, quiet: bool) -> AbstractContextManager[Any]:
    if quiet or total == 0 or not sys.stderr.isatty():
        return nullcontext(_NoProgress())
    return click.progressbar(length=total, label="analysing", file=sys.stderr, show_pos=True, show_eta=True)


def _echo_plan(plan: ScanPlan) -> None:
    found = len(plan.discovery.contracts)
    click.echo(f"{found} contract(s) found: {plan.unchanged} unchanged, {len(plan.to_analyse)} to analyse "
               f"(clause library {plan.library.name} {plan.library.version})", err=True)
    if plan.discovery.skipped_links:
        click.echo(f"note: {len(plan.discovery.skipped_links)} symbolic link(s) not followed, e.g. "
                   f"{_show(plan.discovery.skipped_links[0])} (use --follow-links for links that stay inside "
                   f"the scanned folders)", err=True)
    for path in plan.discovery.unencodable[:ERRORS_LISTED]:
        click.echo(f"warning: skipped {_show(path)}: the file name is not valid UTF-8 (rename the file)", err=True)


def _echo_result(result: ScanResult, summary_path: Path | None, html_path: Path | None) -> None:
    verdicts = ", ".join(f"{count} {verdict}" for verdict, count in sorted(result.verdicts.items()))
    click.echo(f"analysed {result.analysed} contract(s) in {result.seconds:.1f} s, {result.unchanged} unchanged"
               f"{f', {result.pruned} removed' if result.pruned else ''}; verdicts: {verdicts or 'none'}", err=True)
    for label, path in (("summary", summary_path), ("overview", html_path)):
        if path is not None:
            click.echo(f"{label}: {path}", err=True)


def _echo_errors(errors: Sequence[StoredError], db: str) -> None:
    files = len({error.path for error in errors})
    by_code = Counter(error.code for error in errors)
    codes = ", ".join(f"{code} x{count}" for code, count in sorted(by_code.items()))
    click.echo(f"{files} file(s) could not be read ({codes}):", err=True)
    for error in errors[:ERRORS_LISTED]:
        click.echo(f"  {error.code} {_show(error.message)}", err=True)
    if len(errors) > ERRORS_LISTED:
        click.echo(f"  ... and {len(errors) - ERRORS_LISTED} more: clausecheck results --db {db} --errors", err=True)


def _exit_code(result: ScanResult, unreadable: bool) -> int:
    if unreadable:
        return EXIT_UNREADABLE
    if all(summary.verdict == "compliant" for summary in result.summaries):
        return EXIT_COMPLIANT
    return EXIT_GAPS


def _show(text: str) -> str:
    """One line per message, whatever the file names contain."""
    return text.replace("\n", "\\n").replace("\r", "\\r")
