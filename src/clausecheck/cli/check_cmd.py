"""``clausecheck check FILE...``: one report for the files taken together as one contract."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from clausecheck.casefile import load_case
from clausecheck.cli.options import make_read_options, read_options
from clausecheck.errors import EXIT_COMPLIANT, EXIT_GAPS
from clausecheck.i18n import LANGUAGES, VERDICT_SYMBOLS, labels
from clausecheck.library import load_library
from clausecheck.model import Report, Status, VerdictStatus
from clausecheck.pipeline import CheckOptions, check
from clausecheck.report import BINARY_FORMATS, RENDERERS, format_for_path, render

REASONS_ON_TERMINAL = 5


@click.command("check", epilog="""\b
Exit codes:
  0  compliant: a contracted application, every blocking requirement met,
     DPIA, IAMA, CIO advice and FG advice confirmed in the case file
  1  not compliant, or needs review
  2  usage or input error (unreadable document, invalid case file or library)

\b
Examples:
  clausecheck check terms.pdf dpa.docx --case case.yaml -o report.html
  clausecheck check overeenkomst.docx --case case.yaml --report-lang nl -o rapport.docx
""")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("-f", "--format", "output_format", type=click.Choice(sorted(RENDERERS)), default=None,
              help="Report format: json, html, md (Markdown) or docx. Default: from the -o suffix, else json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report here (default: standard output).")
@click.option("--contracted/--not-contracted", default=None,
              help="Override the detection of a negotiated/signed contract versus click-through terms.")
@click.option("--case", "case_path", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Case file (YAML): the use case, whether it processes personal data, supports decisions "
                   "about people or publishes output, and the status, date and reference of its DPIA, IAMA, "
                   "CIO advice and FG advice. See samples/case.yaml.")
@click.option("--report-lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of the report's headings, labels, verdict and fallback clauses.")
@click.option("--library", "library_path", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Clause library folder (default: the bundled one).")
@read_options
def command(files: tuple[str, ...], output_format: str | None, output: Path | None, contracted: bool | None,
            case_path: str | None, report_lang: str, library_path: str | None, pdf_engine: str,
            language: str | None, max_size_mb: float) -> None:
    """Check FILES, taken together as one contract, and write the gap report.

    The verdict follows the government's provisional position on generative AI:
    compliant only for a negotiated or signed agreement (not click-through terms) that
    meets every blocking requirement, for a use case whose DPIA, IAMA, CIO advice and FG
    advice are confirmed (--case).
    """
    output_format = output_format or (format_for_path(output) if output else None) or "json"
    if output is None and output_format in BINARY_FORMATS and sys.stdout.isatty():
        raise click.UsageError(f"a {output_format} report is binary: write it to a file with -o report.{output_format}")
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
        sys.stdout.buffer.flush()
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    click.echo(summary(report, output), err=True)
    sys.exit(EXIT_COMPLIANT if report.verdict.status is VerdictStatus.COMPLIANT else EXIT_GAPS)


def summary(report: Report, output: Path | None) -> str:
    """The verdict, the counts and the first reasons, for the terminal."""
    words = labels(report.report_language)
    verdict = report.verdict.status
    counts = ", ".join(f"{sum(1 for f in report.findings if f.status is status)} {words.status(status)}"
                       for status in (Status.CONFLICT, Status.MISSING, Status.PARTIAL, Status.MET))
    lines = [f"{VERDICT_SYMBOLS[verdict]} {verdict.value}: {words.verdict(verdict)} "
             f"({words('requirements.checked', count=len(report.findings))}: {counts})"]
    reasons = report.verdict.reasons
    lines += [f"  - {reason}" for reason in reasons[:REASONS_ON_TERMINAL]]
    if len(reasons) > REASONS_ON_TERMINAL:
        lines.append(f"  … {len(reasons) - REASONS_ON_TERMINAL} more in the report")
    if output is not None:
        lines.append(f"report: {output}")
    return "\n".join(lines)
