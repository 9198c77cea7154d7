"""``clausecheck results``: query the database a scan wrote, e.g. which contracts allow training
on customer data: ``clausecheck results --requirement GENAI-NO-TRAINING-ON-CUSTOMER-DATA --status conflict``."""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence

import click

from clausecheck.model import Status, VerdictStatus
from clausecheck.scan.query import ResultFilter, ResultRow, find_results
from clausecheck.scan.store import ScanStore, StoredError

EVIDENCE_WIDTH = 90


@click.command("results")
@click.option("--db", default="results.sqlite", show_default=True, type=click.Path(dir_okay=False, path_type=str),
              help="Results database written by `clausecheck scan`.")
@click.option("-r", "--requirement", "requirements", multiple=True, metavar="ID",
              help="Only this requirement (repeatable).")
@click.option("-s", "--status", "statuses", multiple=True, type=click.Choice([status.value for status in Status]),
              help="Only results with this status (repeatable).")
@click.option("--verdict", "verdicts", multiple=True, type=click.Choice([verdict.value for verdict in VerdictStatus]),
              help="Only contracts with this verdict (repeatable).")
@click.option("--contract", "contract_contains", default=None, metavar="TEXT",
              help="Only contracts whose path contains TEXT (case-insensitive).")
@click.option("--contracts", "contracts_only", is_flag=True,
              help="List the matching contracts once each instead of one row per requirement result.")
@click.option("--errors", "show_errors", is_flag=True, help="List the files that could not be read instead.")
@click.option("-f", "--format", "output_format", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
def command(db: str, requirements: tuple[str, ...], statuses: tuple[str, ...], verdicts: tuple[str, ...],
            contract_contains: str | None, contracts_only: bool, show_errors: bool, output_format: str) -> None:
    """Show stored scan results, one row per contract and requirement, filtered by requirement,
    status, verdict and contract. Safe to run while a scan is writing.

    \b
    Example: which contracts allow training on our prompts?
      clausecheck results --requirement GENAI-NO-TRAINING-ON-CUSTOMER-DATA --status conflict --contracts

    \b
    Exit codes: 0 success (also when nothing matches), 2 usage error or no such database.
    """
    with ScanStore(db, readonly=True) as store:
        if show_errors:
            _write_errors(store.errors(), output_format)
            return
        rows = find_results(store, ResultFilter(requirements, statuses, verdicts, contract_contains))
    if contracts_only:
        _write_contracts(rows, output_format)
    else:
        _write_results(rows, output_format)
    if output_format == "table":
        what = "contract(s)" if contracts_only else "result(s)"
        count = len({row.contract for row in rows}) if contracts_only else len(rows)
        click.echo(f"{count} {what}", err=True)


def _write_results(rows: Sequence[ResultRow], output_format: str) -> None:
    if output_format == "json":
        _write_json([{
            "contract": row.contract, "verdict": row.verdict, "requirement": row.requirement, "title": row.title,
            "status": row.status, "confidence": row.confidence,
            "evidence": [{"document": item.document, "page": item.page, "clause": item.clause, "text": item.text,
                          "role": item.role} for item in row.evidence],
        } for row in rows])
        return
    header = ["contract", "verdict", "requirement", "status", "confidence", "document", "page", "clause", "evidence"]
    table = []
    for row in rows:
        first = row.evidence[0] if row.evidence else None
        table.append([row.contract, row.verdict, row.requirement, row.status,
                      "" if row.confidence is None else f"{row.confidence:.2f}",
                      first.document if first else "", "" if first is None or first.page is None else first.page,
                      (first.clause or "") if first else "", first.text if first else ""])
    if output_format == "csv":
        _write_csv(header, table)
    else:
        _write_table(["contract", "verdict", "requirement", "status", "clause", "evidence"],
                     [[line[0], line[1], line[2], line[3], line[7], _shorten(str(line[8]))] for line in table])


def _write_contracts(rows: Sequence[ResultRow], output_format: str) -> None:
    contracts: dict[str, str] = {}
    for row in rows:
        contracts.setdefault(row.contract, row.verdict)
    if output_format == "json":
        _write_json([{"contract": contract, "verdict": verdict} for contract, verdict in contracts.items()])
    elif output_format == "csv":
        _write_csv(["contract", "verdict"], [[contract, verdict] for contract, verdict in contracts.items()])
    else:
        _write_table(["contract", "verdict"], [[contract, verdict] for contract, verdict in contracts.items()])


def _write_errors(errors: Sequence[StoredError], output_format: str) -> None:
    if output_format == "json":
        _write_json([{"contract": error.contract, "path": error.path, "code": error.code, "message": error.message}
                     for error in errors])
    elif output_format == "csv":
        _write_csv(["contract", "path", "code", "message"],
                   [[error.contract, error.path, error.code, error.message] for error in errors])
    else:
        _write_table(["path", "code", "message"], [[error.path, error.code, error.message] for error in errors])
        click.echo(f"{len(errors)} error(s)", err=True)


def _write_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _write_csv(header: list[str], rows: Sequence[Sequence[object]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)


def _write_table(header: list[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[_one_line(str(value)) for value in row] for row in [header, *rows]]
    widths = [max(len(row[column]) for row in cells) for column in range(len(header))]
    for row in cells:
        click.echo("  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip())


def _one_line(text: str) -> str:
    return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", " ")


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_WIDTH else text[:EVIDENCE_WIDTH - 1] + "…"
