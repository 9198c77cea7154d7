"""``clausecheck check FILE...``: one report for the files taken together as one contract."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from clausecheck.casefile import load_case
from clausecheck.cli.options import make_read_options, read_options
from clausecheck.errors import EXIT_COMPLIANT, EXIT_GAPS
from clausecheck.library import load_library
from clausecheck.model import VerdictStatus
from clausecheck.pipeline import CheckOptions, check
from clausecheck.report import RENDERERS, render


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("-f", "--format", "output_format", type=click.Choice(sorted(RENDERERS)), default="json",
              show_default=True, help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report here (default: standard output).")
@click.option("--contracted/--not-contracted", default=None,
              help="Override the detection of a negotiated/signed contract versus click-through terms.")
@click.option("--case", "case_path", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Case file (YAML) with the use case and its DPIA, IAMA, CIO and FG status.")
@click.option("--report-lang", type=click.Choice(["en", "nl"]), default="en", show_default=True,
              help="Language of the report.")
@click.option("--library", "library_path", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Clause library folder (default: the bundled one).")
@read_options
def command(files: tuple[str, ...], output_format: str, output: Path | None, contracted: bool | None,
            case_path: str | None, report_lang: str, library_path: str | None, pdf_engine: str,
            language: str | None, max_size_mb: float) -> None:
    """Check FILES, taken together as one contract, and write the gap report.

    \b
    Exit codes: 0 compliant, 1 not compliant or needs review, 2 usage or input error.
    """
    options = CheckOptions(
        read=make_read_options(pdf_engine, language, max_size_mb),
        contracted=contracted,
        case=load_case(case_path) if case_path else None,
        report_language=report_lang,
    )
    report = check(list(files), load_library(library_path), options)
    for info in report.documents:
        for warning in info.warnings:
            click.echo(f"warning: {info.path}: {warning}", err=True)
    data = render(report, output_format)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    click.echo(f"{report.verdict.status.value}: {len(report.findings)} requirements checked", err=True)
    sys.exit(EXIT_COMPLIANT if report.verdict.status is VerdictStatus.COMPLIANT else EXIT_GAPS)
