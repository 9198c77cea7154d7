"""The summary CSV: a row per contract with its verdict, counts by status, and the status of
each requirement. UTF-8 with a byte-order mark, so spreadsheet programs read accented and other
non-ASCII file names correctly; names with commas, quotes or newlines are quoted, not altered."""
from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from clausecheck.scan.store import STATUSES, ContractSummary

UNREADABLE_VERDICT = "unreadable"  # no document of the contract could be read


def requirement_ids(summaries: Sequence[ContractSummary]) -> list[str]:
    return sorted({requirement for summary in summaries for requirement in summary.statuses})


def summary_header(summaries: Sequence[ContractSummary]) -> list[str]:
    return ["contract", "documents", "verdict", *STATUSES, "unreadable_files", "error_codes",
            *requirement_ids(summaries)]


def summary_rows(summaries: Sequence[ContractSummary]) -> list[list[str | int]]:
    columns = requirement_ids(summaries)
    rows: list[list[str | int]] = []
    for summary in summaries:
        read = summary.verdict is not None
        rows.append([
            summary.key,
            summary.documents,
            summary.verdict or UNREADABLE_VERDICT,
            *(summary.counts.get(status, 0) if read else "" for status in STATUSES),
            len({error.path for error in summary.errors}),
            ";".join(sorted({error.code for error in summary.errors})),
            *(summary.statuses.get(requirement, "") for requirement in columns),
        ])
    return rows


def write_summary_csv(summaries: Sequence[ContractSummary], path: str | Path) -> None:
    """Write the CSV next to its final place and move it there, so a reader never sees half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".summary-", suffix=".csv")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(summary_header(summaries))
            writer.writerows(summary_rows(summaries))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
