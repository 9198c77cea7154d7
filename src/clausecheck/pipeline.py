"""The whole job for one contract: ingest -> segment -> match -> assess -> verdict -> Report.

A contract is one or more documents read together (terms + DPA + policies). Each stage is a
plain function over the immutable types in ``model``; this module only composes them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from clausecheck import __version__
from clausecheck.assess import assess
from clausecheck.casefile import CaseFile
from clausecheck.incorporation import detect_incorporation
from clausecheck.ingest import read_document
from clausecheck.ingest.base import ReadOptions
from clausecheck.library import Library, load_library
from clausecheck.match import match_contract
from clausecheck.model import DocumentInfo, ParsedDocument, Report
from clausecheck.segment import segment
from clausecheck.verdict import decide_verdict


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """How to check a contract, beyond the documents themselves."""

    read: ReadOptions = ReadOptions()
    contracted: bool | None = None  # None: detect from the text
    case: CaseFile | None = None  # the use case and its DPIA / IAMA / CIO / FG status
    report_language: str = "en"


def parse(path: str | Path, options: ReadOptions | None = None) -> ParsedDocument:
    """Read and segment one file."""
    return segment(read_document(path, options))


def check_parsed(documents: Sequence[ParsedDocument], library: Library | None = None,
                 options: CheckOptions | None = None) -> Report:
    """Check already parsed documents, taken together as one contract."""
    if not documents:
        raise ValueError("a contract needs at least one document")
    library = library or load_library()
    options = options or CheckOptions()
    matches = match_contract(documents, library)
    findings = assess(matches, library, options.case, options.report_language, detect_incorporation(documents))
    verdict = decide_verdict(findings, documents, options.contracted, options.case, options.report_language)
    return Report(
        tool_version=__version__,
        library_name=library.name,
        library_version=library.version,
        language=documents[0].document.language,
        documents=tuple(DocumentInfo(
            path=parsed.document.path, sha256=parsed.document.sha256, format=parsed.document.format,
            language=parsed.document.language, pages=parsed.document.pages, clauses=len(parsed.clauses),
            warnings=parsed.document.warnings,
        ) for parsed in documents),
        findings=findings,
        verdict=verdict,
        report_language=options.report_language,
        case=options.case.to_dict() if options.case else None,
    )


def check(paths: Sequence[str | Path], library: Library | None = None,
          options: CheckOptions | None = None) -> Report:
    """Read, segment and check ``paths`` as one contract."""
    options = options or CheckOptions()
    return check_parsed([parse(path, options.read) for path in paths], library, options)
