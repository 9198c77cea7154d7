"""The Word report, read back with python-docx: summary table, every requirement, evidence, fallback."""
from __future__ import annotations

import io

import docx
from docx.document import Document

from clausecheck.model import Report
from clausecheck.report import render


def read(report: Report) -> Document:
    return docx.Document(io.BytesIO(render(report, "docx")))


def table_with_header(document: Document, first_cell: str, second_cell: str) -> list[list[str]]:
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0][:2] == [first_cell, second_cell]:
            return rows
    raise AssertionError(f"no table with header {first_cell} | {second_cell}")


def test_summary_table_lists_every_requirement_with_status(report: Report) -> None:
    document = read(report)
    rows = table_with_header(document, "ID", "Requirement")
    assert rows[0] == ["ID", "Requirement", "Group", "Severity", "Status", "Confidence"]
    by_id = {row[0]: row for row in rows[1:]}
    assert set(by_id) == {finding.requirement_id for finding in report.findings}
    assert by_id["GENAI-NO-TRAINING-ON-CUSTOMER-DATA"][3:] == ["blocking", "✖ conflict", "85%"]
    assert by_id["GDPR-DATA-SUBJECT-RIGHTS"][4] == "○ missing"


def test_every_requirement_has_a_heading_evidence_and_fallback(report: Report) -> None:
    document = read(report)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    texts = [p.text for p in document.paragraphs]
    for finding in report.findings:
        assert f"{finding.requirement_id}: {finding.title}" in headings
        for evidence in finding.evidence:
            assert evidence.text in texts  # verbatim, as an editable Quote paragraph
        if finding.suggestion:
            assert finding.suggestion in texts
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert "We may use Content to train our models. <script>window.__pwned = 'script';</script>" in quotes


def test_verdict_and_reasons_open_the_document(report: Report) -> None:
    document = read(report)
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0].text == "Verdict: ✖ Not compliant"
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered == list(report.verdict.reasons)
    assert document.core_properties.keywords == "not-compliant"


def test_dutch_word_report(dutch_report: Report) -> None:
    document = read(dutch_report)
    rows = table_with_header(document, "ID", "Eis")
    assert rows[0] == ["ID", "Eis", "Groep", "Zwaarte", "Status", "Zekerheid"]
    assert document.core_properties.language == "nl-NL"
    assert any(p.text == "Oordeel: ✖ Voldoet niet" for p in document.paragraphs)
    assert "De Leverancier gebruikt Klantinhoud niet om modellen te trainen." in [p.text for p in document.paragraphs]


def test_case_file_and_documents_tables(report: Report) -> None:
    document = read(report)
    prerequisites = table_with_header(document, "Prerequisite", "Status")
    assert prerequisites[1:] == [["DPIA", "done", "2026-02-10", "DPIA-2026-014"], ["IAMA", "pending", "–", "–"],
                                 ["CIO advice", "positive", "2026-03-02", "CIO-7"],
                                 ["FG advice", "not recorded", "–", "–"]]
    documents = table_with_header(document, "Document", "Format")
    assert documents[1][0] == "acme-terms.pdf\n⚠ page 7 has no text layer"
