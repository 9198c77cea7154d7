"""Turn a stored JSON report (report.schema.json) back into a Report, so any renderer can
write a contract's report long after the scan that analysed it."""
from __future__ import annotations

from typing import Any

from clausecheck.model import (DocFormat, DocumentInfo, Evidence, Finding, Report, Severity, Status, Verdict,
                               VerdictStatus)


def report_from_dict(data: dict[str, Any]) -> Report:
    """The inverse of ``clausecheck.report.json_format.to_dict``."""
    return Report(
        tool_version=data["tool"]["version"],
        library_name=data["library"]["name"],
        library_version=data["library"]["version"],
        language=data["language"],
        documents=tuple(DocumentInfo(
            path=info["path"], sha256=info["sha256"], format=DocFormat(info["format"]), language=info["language"],
            pages=info.get("pages"), clauses=info["clauses"], warnings=tuple(info.get("warnings", ())),
        ) for info in data["documents"]),
        findings=tuple(_finding(item) for item in data["requirements"]),
        verdict=Verdict(
            status=VerdictStatus(data["verdict"]["status"]),
            contracted=data["verdict"].get("contracted"),
            reasons=tuple(data["verdict"].get("reasons", ())),
        ),
        report_language=data.get("report_language", "en"),
        case=data.get("case"),
    )


def _finding(item: dict[str, Any]) -> Finding:
    return Finding(
        requirement_id=item["id"],
        title=item["title"],
        group=item.get("group", ""),
        severity=Severity(item["severity"]),
        status=Status(item["status"]),
        confidence=item.get("confidence", 1.0),
        evidence=tuple(Evidence(
            requirement_id=item["id"], document=evidence["document"], page=evidence.get("page"),
            clause=evidence.get("clause"), heading=evidence.get("heading"), text=evidence["text"],
            start=evidence.get("start", 0), end=evidence.get("end", 0), role=Status(evidence["role"]),
            score=evidence.get("score", 0.0), rule=evidence.get("rule", ""),
            explanation=evidence.get("explanation", ""),
        ) for evidence in item["evidence"]),
        explanation=item.get("explanation", ""),
        suggestion=item.get("suggestion"),
        sources=tuple(item.get("sources", ())),
    )
