"""The JSON report, per shared/spec/report.schema.json (schema_version 1)."""
from __future__ import annotations

import json
from typing import Any

from clausecheck.model import Evidence, Finding, Report

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
        "verdict": {
            "status": report.verdict.status.value,
            "contracted": report.verdict.contracted,
            "reasons": list(report.verdict.reasons),
        },
        "case": report.case,
    }


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
