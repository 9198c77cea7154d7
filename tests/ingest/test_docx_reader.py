"""The DOCX reader: automatic numbering as Word shows it, headings, tables, tracked changes,
what stays out of the body text, and hostile packages."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from ingest_builders import (W_NS, abstract_num, docx_bytes, new_document, num, numbered, raw_paragraph, rezip,
                             set_numbering)

from clausecheck.errors import InputError
from clausecheck.ingest import read_document
from clausecheck.ingest.docx_numbering import format_number, to_roman
from clausecheck.model import BlockKind, Document
from clausecheck.segment import segment


def read_bytes(tmp_path: Path, data: bytes, name: str = "contract.docx") -> Document:
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(path)


def labels_and_texts(document: Document) -> list[str]:
    return [block.text for block in document.blocks]


DUTCH_CONTRACT_NUMBERING = (
    abstract_num(1, [("decimal", "Artikel %1", 1), ("decimal", "%1.%2", 1), ("lowerLetter", "%3)", 1)])
    + num(1, 1)
)


def dutch_contract() -> bytes:
    """Articles, numbered sub-clauses and lettered items, all from Word's automatic numbering."""
    document = new_document()
    set_numbering(document, DUTCH_CONTRACT_NUMBERING)
    numbered(document.add_paragraph("Definities"), 1, 0)
    numbered(document.add_paragraph("In deze overeenkomst betekent Leverancier: de wederpartij."), 1, 1)
    numbered(document.add_paragraph("Opdrachtgever: de Staat der Nederlanden."), 1, 1)
    numbered(document.add_paragraph("Gegevensverwerking"), 1, 0)
    numbered(document.add_paragraph("Leverancier verwerkt persoonsgegevens uitsluitend:"), 1, 1)
    numbered(document.add_paragraph("op schriftelijke instructie van Opdrachtgever;"), 1, 2)
    numbered(document.add_paragraph("binnen de Europese Economische Ruimte."), 1, 2)
    numbered(document.add_paragraph("Leverancier gebruikt gegevens niet om modellen te trainen."), 1, 1)
    numbered(document.add_paragraph("Aansprakelijkheid"), 1, 0)
    numbered(document.add_paragraph("De aansprakelijkheid is beperkt tot het bedrag van de opdracht."), 1, 1)
    return docx_bytes(document)


def test_automatic_numbering_is_rendered_as_word_shows_it(tmp_path: Path) -> None:
    document = read_bytes(tmp_path, dutch_contract())
    assert [block.label for block in document.blocks] == [
        "Artikel 1", "1.1", "1.2", "Artikel 2", "2.1", "a)", "b)", "2.2", "Artikel 3", "3.1"]
    assert document.blocks[5].text == "a) op schriftelijke instructie van Opdrachtgever;"
    assert document.blocks[0].text == "Artikel 1 Definities"
    assert document.blocks[5].kind is BlockKind.LIST_ITEM and document.blocks[5].level == 2


def test_docx_numbering_gives_the_clause_numbers_a_reader_sees(tmp_path: Path) -> None:
    parsed = segment(read_bytes(tmp_path, dutch_contract()))
    numbers = [clause.number for clause in parsed.clauses]
    assert numbers == ["Artikel 1", "1.1", "1.2", "Artikel 2", "2.1", "2.1(a)", "2.1(b)", "2.2", "Artikel 3", "3.1"]
    article_2 = parsed.clauses[3]
    assert article_2.heading == "Gegevensverwerking"
    assert parsed.clauses[5].parent == parsed.clauses[4].index
    assert parsed.clauses[7].parent == article_2.index


@pytest.mark.parametrize(("levels", "paragraph_levels", "expected"), [
    ([("decimal", "%1.", 1)], [0, 0, 0], ["1.", "2.", "3."]),
    ([("decimal", "%1.", 1), ("decimal", "%1.%2.", 1), ("decimal", "%1.%2.%3", 1)], [0, 1, 2, 2, 1, 0, 1],
     ["1.", "1.1.", "1.1.1", "1.1.2", "1.2.", "2.", "2.1."]),
    ([("upperLetter", "%1.", 1), ("lowerRoman", "(%2)", 1)], [0, 1, 1, 1, 1, 0], ["A.", "(i)", "(ii)", "(iii)", "(iv)", "B."]),
    ([("upperRoman", "Article %1", 1)], [0, 0, 0, 0], ["Article I", "Article II", "Article III", "Article IV"]),
    ([("lowerLetter", "(%1)", 26)], [0, 0], ["(z)", "(aa)"]),
    ([("decimal", "§ %1", 3)], [0, 0], ["§ 3", "§ 4"]),
    ([("decimalZero", "%1.", 9)], [0, 0], ["09.", "10."]),
    ([("decimal", "%1.", 1), ("lowerLetter", "%1.%2", 1, '<w:isLgl/>')], [0, 1, 1], ["1.", "1.1", "1.2"]),
    ([("decimal", "%1.", 1), ("decimal", "%2)", 1), ("lowerLetter", "%3.", 1, '<w:lvlRestart w:val="1"/>')],
     [0, 2, 1, 2, 0, 2], ["1.", "a.", "1)", "b.", "2.", "a."]),
], ids=["decimal", "outline", "letters-romans", "article-roman", "letters-wrap", "section", "zero-padded",
        "legal", "restart-after-level-1"])
def test_numbering_formats_and_counters(tmp_path: Path, levels: list[tuple[str, ...]], paragraph_levels: list[int],
                                        expected: list[str]) -> None:
    document = new_document()
    set_numbering(document, abstract_num(1, levels) + num(1, 1))  # type: ignore[arg-type]
    for position, ilvl in enumerate(paragraph_levels):
        numbered(document.add_paragraph(f"Item number {position} of the list."), 1, ilvl)
    read = read_bytes(tmp_path, docx_bytes(document))
    assert [block.label for block in read.blocks] == expected


def test_lists_sharing_a_definition_continue_unless_restarted(tmp_path: Path) -> None:
    document = new_document()
    set_numbering(document, abstract_num(1, [("decimal", "%1.", 1)]) + num(1, 1) + num(2, 1) + num(3, 1, {0: 1}))
    numbered(document.add_paragraph("First list, first item."), 1)
    numbered(document.add_paragraph("First list, second item."), 1)
    document.add_paragraph("A paragraph between the lists.")
    numbered(document.add_paragraph("Second num, same definition: continues."), 2)
    numbered(document.add_paragraph("Third num restarts at one."), 3)
    numbered(document.add_paragraph("And goes on."), 3)
    read = read_bytes(tmp_path, docx_bytes(document))
    assert [block.label for block in read.blocks] == ["1.", "2.", None, "3.", "1.", "2."]


def test_numbering_from_a_paragraph_style_follows_based_on(tmp_path: Path) -> None:
    document = new_document()
    set_numbering(document, abstract_num(5, [("decimal", "Clause %1.", 1)]) + num(7, 5))
    styles = document.styles.element
    styles.append(_style_xml("NumberedBase", "Numbered Base", None, '<w:numPr><w:numId w:val="7"/></w:numPr>'))
    styles.append(_style_xml("ContractClause", "Contract Clause", "NumberedBase", ""))
    for text in ("The first clause.", "The second clause."):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(_xml(f'<w:pStyle xmlns:w="{W_NS}" w:val="ContractClause"/>'))
    read = read_bytes(tmp_path, docx_bytes(document))
    assert [block.text for block in read.blocks] == ["Clause 1. The first clause.", "Clause 2. The second clause."]


def test_bullets_are_list_items_without_a_label(tmp_path: Path) -> None:
    document = new_document()
    set_numbering(document, abstract_num(1, [("bullet", "\uf0b7", 1)]) + num(1, 1))
    numbered(document.add_paragraph("A bulleted point."), 1)
    read = read_bytes(tmp_path, docx_bytes(document))
    assert read.blocks[0].kind is BlockKind.LIST_ITEM
    assert read.blocks[0].label is None and read.blocks[0].text == "A bulleted point."


def test_headings_from_styles_and_tables_as_rows(tmp_path: Path) -> None:
    document = new_document()
    document.add_heading("Service Agreement", level=0)
    document.add_heading("Data protection", level=1)
    document.add_heading("Sub-processors", level=2)
    document.add_paragraph("The Supplier engages the following sub-processors.")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, (("Name", "Service", "Location"), ("Acme", "Hosting", "Amsterdam"))):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph("After the table.")
    read = read_bytes(tmp_path, docx_bytes(document))
    kinds = [(block.kind, block.level, block.text) for block in read.blocks]
    assert kinds == [
        (BlockKind.HEADING, 1, "Service Agreement"),  # the Title style, above Heading 1
        (BlockKind.HEADING, 2, "Data protection"),
        (BlockKind.HEADING, 3, "Sub-processors"),
        (BlockKind.PARAGRAPH, None, "The Supplier engages the following sub-processors."),
        (BlockKind.TABLE_ROW, None, "Name | Service | Location"),
        (BlockKind.TABLE_ROW, None, "Acme | Hosting | Amsterdam"),
        (BlockKind.PARAGRAPH, None, "After the table."),
    ]


def test_tracked_changes_count_insertions_and_drop_deletions(tmp_path: Path) -> None:
    document = new_document()
    raw_paragraph(document, (
        '<w:r><w:t xml:space="preserve">The Supplier </w:t></w:r>'
        '<w:del w:id="1" w:author="A"><w:r><w:delText>may</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t>shall not</w:t></w:r></w:ins>'
        '<w:r><w:t xml:space="preserve"> use Customer Data for training.</w:t></w:r>'
        '<w:moveFrom w:id="3" w:author="A"><w:r><w:t>Moved away text.</w:t></w:r></w:moveFrom>'
    ))
    read = read_bytes(tmp_path, docx_bytes(document))
    assert read.text == "The Supplier shall not use Customer Data for training."


def test_comments_fields_footnote_marks_and_hidden_text_stay_out(tmp_path: Path) -> None:
    document = new_document()
    raw_paragraph(document, (
        '<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">Fees are due in </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DOCPROPERTY Days </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>30</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t xml:space="preserve"> days.</w:t></w:r><w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r>'
        '<w:r><w:footnoteReference w:id="1"/></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>Hidden drafting note.</w:t></w:r>'
        '<w:r><w:tab/><w:t>Tabbed.</w:t></w:r>'
    ))
    header = document.sections[0].header
    header.paragraphs[0].text = "CONFIDENTIAL - Acme B.V. - page header"
    document.sections[0].footer.paragraphs[0].text = "Footer text, version 3"
    read = read_bytes(tmp_path, docx_bytes(document))
    assert read.text == "Fees are due in 30 days. Tabbed."


def test_docx_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        read_bytes(tmp_path, b"This is plain text saved with a .docx name.")
    assert raised.value.code == "E120" and "zip" in str(raised.value)


def test_password_protected_word_file_is_named_as_such(tmp_path: Path) -> None:
    ole_header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(InputError) as raised:
        read_bytes(tmp_path, ole_header)
    assert "password" in str(raised.value)


def test_zip_without_a_word_document_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    with pytest.raises(InputError) as raised:
        read_bytes(tmp_path, buffer.getvalue())
    assert raised.value.code == "E122"


def test_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = rezip(docx_bytes(new_document()), add={"word/media/padding.bin": b"\0" * (50 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    with pytest.raises(InputError) as raised:
        read_bytes(tmp_path, bomb)
    assert raised.value.code == "E121" and "zip bomb" in str(raised.value)


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    base = docx_bytes(_document_with_text("Placeholder paragraph."))
    original = zipfile.ZipFile(io.BytesIO(base)).read("word/document.xml").decode("utf-8")
    body_start = original.index("<w:body>") + len("<w:body>")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    declaration_end = original.index("?>") + 2
    hostile = (original[:declaration_end] + doctype + original[declaration_end:body_start]
               + "<w:p><w:r><w:t>Leak: &xxe; end.</w:t></w:r></w:p>" + original[body_start:])
    document = read_bytes(tmp_path, rezip(base, replace={"word/document.xml": hostile.encode("utf-8")}))
    assert "Leak:" in document.text
    assert "TOP-SECRET-CONTENT" not in document.text


def test_numbering_helpers() -> None:
    assert [to_roman(n) for n in (1, 4, 9, 14, 40, 90, 400, 1994)] == ["i", "iv", "ix", "xiv", "xl", "xc", "cd", "mcmxciv"]
    assert format_number(28, "upperLetter") == "BB"
    assert format_number(3, "someFormatWeDoNotKnow") == "3"


def _document_with_text(text: str):  # type: ignore[no-untyped-def]
    document = new_document()
    document.add_paragraph(text)
    return document


def _xml(text: str):  # type: ignore[no-untyped-def]
    from docx.oxml import parse_xml

    return parse_xml(text)


def _style_xml(style_id: str, name: str, based_on: str | None, p_pr: str):  # type: ignore[no-untyped-def]
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return _xml(f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
                f'{based}<w:pPr>{p_pr}</w:pPr></w:style>')
