"""The JSON report, per shared/spec/report.schema.json (schema_version 1)."""
from __future__ import annotations

import json
from typing import Any

from clausecheck.model import Evidence, Finding, Report, Severity, Status

SCHEMA_VERSION = 1


def to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "clausecheck", "version": report.tool_version},
        "library": {"name": report.library_name, "version": report.library_version},
        "language": report.language,
        "report_language": report.report_language,
        "documents": [{
            "path": info.path, "sha256": info.sha256, "format": info.format.value, "language": info.language,
            "pages": info.pages, "clauses": info.clauses, "warnings": list(info.warnings),
        } for info in report.documents],
        "requirements": [_finding(finding) for finding in report.findings],
        "summary": _summary(report),
        "verdict": {
            "status": report.verdict.status.value,
            "contracted": report.verdict.contracted,
            "reasons": list(report.verdict.reasons),
        },
        "case": report.case,
    }


def _summary(report: Report) -> dict[str, int]:
    """Counts per status, and of blocking requirements not met (an extra the schema allows)."""
    counts = {status.value: sum(1 for f in report.findings if f.status is status) for status in Status}
    blocking_gaps = sum(1 for f in report.findings if f.severity is Severity.BLOCKING and f.status is not Status.MET)
    return {"requirements": len(report.findings), **counts, "blocking_gaps": blocking_gaps}


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.requirement_id, "title": finding.title, "group": finding.group,
        "severity": finding.severity.value, "status": finding.status.value, "confidence": finding.confidence,
        "evidence": [_evidence(evidence) for evidence in finding.evidence],
        "explanation": finding.explanation, "suggestion": finding.suggestion, "sources": list(finding.sources),
    }


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {
        "document": evidence.document, "page": evidence.page, "clause": evidence.clause,
        "heading": evidence.heading, "text": evidence.text, "start": evidence.start, "end": evidence.end,
        "role": evidence.role.value, "score": evidence.score, "rule": evidence.rule,
        "explanation": evidence.explanation,
    }


def render(report: Report) -> bytes:
    return (json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
