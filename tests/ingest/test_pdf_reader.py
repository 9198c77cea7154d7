"""The PDF readers: paragraphs, hyphenation, running headers and footers, page breaks, pages
without text, encrypted and damaged files, and pdfplumber's tables."""
from __future__ import annotations

from pathlib import Path

import pytest
from ingest_builders import write_image_only_pdf, write_pdf, write_table_pdf

from clausecheck.errors import InputError
from clausecheck.ingest import read_document
from clausecheck.ingest.base import ReadOptions
from clausecheck.ingest.pdf_layout import is_page_number
from clausecheck.model import BlockKind

ENGINES = ["pdfium", "pdfplumber"]

LONG_1 = "1. Processing. The Supplier shall process Customer Data only on the documented instructions of"
LONG_2 = "the Customer and shall not use that data for any other purpose, including the training of"
LONG_3 = "models, unless the Customer has given its prior written consent to such pro-"
LONG_4 = "cessing in each individual case."


def three_page_contract(path: Path) -> Path:
    pages = [
        [["Services Agreement"], ["==================="], [LONG_1, LONG_2, LONG_3, LONG_4],
         ["2. Confidentiality. Each party shall keep the confidential information of the other party",
          "secret and shall use it only to perform this Agreement, and this obligation continues after"]],
        [["the end of this Agreement for a period of five years."],
         ["3. Term. This Agreement starts on the Effective Date and continues until terminated."]],
        [["4. Governing law. Dutch law governs this Agreement."]],
    ]
    return write_pdf(path, pages, header="Acme B.V. - Services Agreement", footer="Page {n} of 3")


@pytest.fixture
def contract_pdf(tmp_path: Path) -> Path:
    return three_page_contract(tmp_path / "contract.pdf")


@pytest.mark.parametrize("engine", ENGINES)
def test_paragraphs_are_rebuilt_and_hyphenation_joined(contract_pdf: Path, engine: str) -> None:
    document = read_document(contract_pdf, ReadOptions(pdf_engine=engine))
    texts = [block.text for block in document.blocks]
    assert texts[0] == "Services Agreement"
    assert texts[1].startswith("====")
    assert texts[2] == " ".join([LONG_1, LONG_2, LONG_3[:-1]]) + "cessing in each individual case."
    assert "processing in each individual case" in document.text
    assert document.pages == 3


@pytest.mark.parametrize("engine", ENGINES)
def test_running_header_footer_and_page_numbers_are_removed(contract_pdf: Path, engine: str) -> None:
    document = read_document(contract_pdf, ReadOptions(pdf_engine=engine))
    assert "Services Agreement -" not in document.text
    assert "Page 1" not in document.text and "of 3" not in document.text
    assert document.warnings == ()


@pytest.mark.parametrize("engine", ENGINES)
def test_paragraph_over_a_page_break_is_one_block_with_its_page_start(contract_pdf: Path, engine: str) -> None:
    document = read_document(contract_pdf, ReadOptions(pdf_engine=engine))
    block = next(block for block in document.blocks if block.text.startswith("2. Confidentiality"))
    assert block.text.endswith("continues after the end of this Agreement for a period of five years.")
    page_two = document.page_starts[1]
    assert block.start < page_two < block.end
    assert document.text[page_two:].startswith("the end of this Agreement")
    assert document.page_at(block.start) == 1 and document.page_at(block.end - 1) == 2
    term = document.text.index("3. Term.")
    assert document.page_at(term) == 2
    assert document.page_at(document.text.index("4. Governing law")) == 3


def test_segmented_pdf_has_clause_pages_and_no_header_lines(contract_pdf: Path) -> None:
    from clausecheck.segment import segment

    parsed = segment(read_document(contract_pdf))
    by_number = {clause.number: clause for clause in parsed.clauses}
    assert set(by_number) >= {"1", "2", "3", "4"}
    assert by_number["2"].pages == (1, 2)
    assert by_number["4"].pages == (3,)
    assert by_number["1"].heading == "Processing"
    assert all("Services Agreement -" not in clause.text for clause in parsed.clauses)
    sentence = next(s for s in by_number["2"].sentences if s.text.startswith("Each party"))
    assert sentence.text.endswith("for a period of five years.")


def test_compound_hyphen_is_kept_when_the_document_prints_it_elsewhere(tmp_path: Path) -> None:
    pages = [[["The third-party provider and any other third-", "party provider must sign the agreement."]]]
    document = read_document(write_pdf(tmp_path / "compound.pdf", pages, footer=None))
    assert "any other third-party provider" in document.text


def test_name_hyphen_before_a_capital_is_kept(tmp_path: Path) -> None:
    pages = [[["This Non-", "Disclosure Agreement binds both parties to secrecy."]]]
    document = read_document(write_pdf(tmp_path / "name.pdf", pages, footer=None))
    assert "This Non-Disclosure Agreement" in document.text


@pytest.mark.parametrize("line", ["3", "Page 3", "page 3 of 7", "Pagina 3 van 7", "- 3 -", "3/7", "p. 12"])
def test_page_number_lines_are_recognised(line: str) -> None:
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["3 days", "Article 3", "The Supplier", "2024-2025 plan"])
def test_other_short_lines_are_not_page_numbers(line: str) -> None:
    assert not is_page_number(line)


def test_page_without_text_layer_is_named_in_a_warning(tmp_path: Path) -> None:
    path = write_image_only_pdf(tmp_path / "mixed.pdf", pages=3,
                                text_on_page={1: "1. Scope. This text is on the first page.",
                                              3: "2. Term. This text is on the third page."})
    document = read_document(path)
    assert document.pages == 3
    assert len(document.warnings) == 1
    assert "page 2" in document.warnings[0] and "OCR" in document.warnings[0]
    assert document.page_at(document.text.index("2. Term")) == 3


def test_pdf_without_any_text_layer_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        read_document(write_image_only_pdf(tmp_path / "scan.pdf", pages=2))
    assert raised.value.code == "E105"
    assert "scan.pdf" in str(raised.value) and "ocr" in str(raised.value).lower()


def test_password_protected_pdf_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "locked.pdf", [[["1. Secret. Nothing to see."]]], encrypt_password="s3cret")
    with pytest.raises(InputError) as raised:
        read_document(path)
    assert raised.value.code == "E111"
    assert "password" in str(raised.value)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("content", [b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", b"not a pdf at all"])
def test_damaged_pdf_is_refused(tmp_path: Path, content: bytes, engine: str) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        read_document(path, ReadOptions(pdf_engine=engine))
    assert raised.value.code == "E110"
    assert str(path) in str(raised.value)


@pytest.mark.parametrize("engine", ENGINES)
def test_tables_are_read_as_rows(tmp_path: Path, engine: str) -> None:
    path = write_table_pdf(tmp_path / "table.pdf", "Annex 2. The subprocessors are listed below.",
                           [["Name", "Service", "Location"], ["Acme Hosting", "Cloud hosting", "Amsterdam"],
                            ["Beta Mail", "E-mail", "Dublin"]])
    document = read_document(path, ReadOptions(pdf_engine=engine))
    rows = [block.text for block in document.blocks if block.kind is BlockKind.TABLE_ROW]
    assert rows == ["Name | Service | Location", "Acme Hosting | Cloud hosting | Amsterdam", "Beta Mail | E-mail | Dublin"]
    assert document.blocks[0].text.startswith("Annex 2.")


def test_larger_font_lines_become_headings(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "headings.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 760, "General Terms")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 730, "These terms apply to every order the Customer places with the Supplier.")
    pdf.save()
    document = read_document(path)
    assert document.blocks[0].kind is BlockKind.HEADING and document.blocks[0].level == 1
    assert document.blocks[1].kind is BlockKind.PARAGRAPH


def test_default_engine_joins_wrapped_cells_into_their_row(tmp_path: Path) -> None:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph as PdfParagraph

    style = getSampleStyleSheet()["Normal"]
    wrapped = PdfParagraph("Hosting, storage and model inference for every workspace of the Customer", style)
    path = write_table_pdf(tmp_path / "wrapped.pdf", "The sub-processors are:",
                           [["Name", "Activity", "Location"], ["Acme Hosting", wrapped, "Amsterdam"]])
    rows = [block.text for block in read_document(path).blocks if block.kind is BlockKind.TABLE_ROW]
    assert rows[0] == "Name | Activity | Location"
    assert rows[1].startswith("Acme Hosting | Hosting, storage and model")
    assert rows[1].endswith("of the Customer | Amsterdam")


def test_a_label_set_apart_by_a_tab_is_not_a_table(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "hanging.pdf"
    pdf = canvas.Canvas(str(path))
    for y, label, text in ((760, "11.2", "The Supplier keeps an environmental management system that"),
                           (746, "", "is certified to ISO 14001 or an equivalent standard."),
                           (726, "11.3", "The Supplier uses the smallest model that meets the quality.")):
        pdf.setFont("Helvetica", 10)
        if label:
            pdf.drawString(72, y, label)
        pdf.drawString(110, y, text)
    pdf.save()
    blocks = read_document(path).blocks
    assert [block.kind for block in blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert blocks[0].text.startswith("11.2 The Supplier") and blocks[0].text.endswith("equivalent standard.")
