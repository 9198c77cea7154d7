"""The per-contract work, run in a worker process (local pool or Dask worker).

``analyse_contract`` is a top-level function over picklable values: it reads and checks one
contract and returns plain data, never raising for a file that cannot be read. Only the driver
process writes to the store.
"""
from __future__ import annotations

import dataclasses
import os
import resource
import socket
import time
from dataclasses import dataclass
from typing import Any

from clausecheck import __version__
from clausecheck.errors import ClauseCheckError
from clausecheck.library import load_library
from clausecheck.model import ParsedDocument, Report, Verdict, VerdictStatus
from clausecheck.pipeline import CheckOptions, check_parsed, parse
from clausecheck.report.json_format import to_dict

# Codes the scan adds to those of clausecheck.errors, for failures that are not an InputError.
UNREADABLE_CODE = "E100"  # the operating system refused to read the file
UNEXPECTED_CODE = "E900"  # a reader or the engine failed in a way it does not report itself


@dataclass(frozen=True, slots=True)
class ContractTask:
    key: str
    files: tuple[str, ...]
    library_path: str | None  # None: the worker's default library (bundled or $CLAUSECHECK_LIBRARY)
    options: CheckOptions


@dataclass(frozen=True, slots=True)
class FileError:
    path: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class ContractOutcome:
    key: str
    report: dict[str, Any] | None  # json_format.to_dict(report); None when no file could be read
    errors: tuple[FileError, ...]
    library_fingerprint: str
    tool_version: str
    seconds: float
    worker: str  # host:pid
    peak_rss_kb: int  # the worker process's peak resident memory so far


def analyse_contract(task: ContractTask) -> ContractOutcome:
    """Read and check ``task.files`` as one contract; unreadable files become FileErrors."""
    started = time.perf_counter()
    library = load_library(task.library_path)
    parsed: list[ParsedDocument] = []
    errors: list[FileError] = []
    for path in task.files:
        try:
            parsed.append(parse(path, task.options.read))
        except ClauseCheckError as error:
            errors.append(FileError(path, error.code, str(error)))
        except OSError as error:
            errors.append(FileError(path, UNREADABLE_CODE, f"{path}: cannot read the file: "
                                                           f"{error.strerror or error} (check its permissions)"))
        except Exception as error:  # a corrupt file must not stop a scan of thousands
            errors.append(FileError(path, UNEXPECTED_CODE, _unexpected(path, "reading", error)))
    data: dict[str, Any] | None = None
    if parsed:
        try:
            report = check_parsed(parsed, library, task.options)
            data = to_dict(_flag_unread(report, errors) if errors else report)
        except Exception as error:
            errors.append(FileError(task.key, UNEXPECTED_CODE, _unexpected(task.key, "checking", error)))
    return ContractOutcome(
        key=task.key, report=data, errors=tuple(errors), library_fingerprint=library.fingerprint,
        tool_version=__version__, seconds=time.perf_counter() - started,
        worker=f"{socket.gethostname()}:{os.getpid()}",
        peak_rss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    )


def _flag_unread(report: Report, errors: list[FileError]) -> Report:
    """A contract with an unreadable document cannot be called compliant: what is missing may conflict."""
    names = ", ".join(f"{os.path.basename(error.path)} ({error.code})" for error in errors)
    reason = f"{len(errors)} document(s) of this contract could not be read: {names}"
    status = report.verdict.status
    verdict = Verdict(
        status=VerdictStatus.NEEDS_REVIEW if status is VerdictStatus.COMPLIANT else status,
        contracted=report.verdict.contracted,
        reasons=report.verdict.reasons + (reason,),
    )
    return dataclasses.replace(report, verdict=verdict)


def _unexpected(path: str, stage: str, error: Exception) -> str:
    return (f"{path}: unexpected error while {stage}: {type(error).__name__}: {error} "
            f"(please report this with the file if you can share it)")
