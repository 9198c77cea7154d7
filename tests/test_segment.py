"""The clause tree: numbers, parents, headings, offsets, pages and sentences."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from clausecheck.ingest import read_document
from clausecheck.ingest.base import RawBlock, RawDocument, assemble
from clausecheck.model import BlockKind, DocFormat, Document, ParsedDocument
from clausecheck.segment import segment


def parse_text(tmp_path: Path, text: str, suffix: str = ".txt") -> ParsedDocument:
    path = tmp_path / f"doc{suffix}"
    path.write_text(text, encoding="utf-8")
    return segment(read_document(path))


def tree(parsed: ParsedDocument) -> list[tuple[str | None, str | None]]:
    """(number, parent number) of every clause."""
    return [(clause.number, parsed.clauses[clause.parent].number if clause.parent is not None else None)
            for clause in parsed.clauses]


DECIMAL_AND_LETTERS = """\
MASTER AGREEMENT

1 Definitions

1.1 Agreement means this document.

1.1.1 It includes its annexes.

1.1.2 It includes later amendments.

1.2 Services means the services.

2 Data Processing

2.1 The Supplier shall:

(a) process data on instructions;

(b) keep it secure, namely:

(i) by encryption;

(ii) by access control; and

(c) delete it at the end.

3 Liability

a. Direct damage is capped.

b. Indirect damage is excluded.
"""


def test_decimal_letters_and_romans(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, DECIMAL_AND_LETTERS)
    assert tree(parsed) == [
        (None, None),
        ("1", None), ("1.1", "1"), ("1.1.1", "1.1"), ("1.1.2", "1.1"), ("1.2", "1"),
        ("2", None), ("2.1", "2"), ("2.1(a)", "2.1"), ("2.1(b)", "2.1"), ("2.1(b)(i)", "2.1(b)"),
        ("2.1(b)(ii)", "2.1(b)"), ("2.1(c)", "2.1"),
        ("3", None), ("3(a)", "3"), ("3(b)", "3"),
    ]
    by_number = {clause.number: clause for clause in parsed.clauses}
    assert by_number["2"].heading == "Data Processing"
    assert by_number["2.1(b)(i)"].heading_path == ("Data Processing",)
    assert parsed.clauses[0].heading == "MASTER AGREEMENT"  # a title line: a clause of its own, no number
    assert by_number["2.1(a)"].label == "(a)"
    assert by_number["2.1(a)"].level == 2


def test_letter_i_continues_a_lettered_list(tmp_path: Path) -> None:
    items = "\n\n".join(f"({letter}) item {letter};" for letter in "abcdefghij")
    parsed = parse_text(tmp_path, f"1. The Supplier shall:\n\n{items}\n")
    assert [number for number, _ in tree(parsed)][-3:] == ["1(h)", "1(i)", "1(j)"]
    assert all(parent == "1" for _, parent in tree(parsed)[1:])


DUTCH = """\
Artikel 4 Verwerking

1. De Leverancier verwerkt Persoonsgegevens uitsluitend in opdracht van de Opdrachtgever.

2. De Leverancier gebruikt de gegevens niet voor het trainen van modellen.

Artikel 5 Beveiliging

De Leverancier treft passende maatregelen, zie art. 32 AVG.

5.1 lid 3 De Leverancier meldt een inbreuk binnen 24 uur.
"""


def test_dutch_articles_and_lid(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, DUTCH)
    assert parsed.document.language == "nl"
    assert tree(parsed) == [
        ("Artikel 4", None), ("Artikel 4 lid 1", "Artikel 4"), ("Artikel 4 lid 2", "Artikel 4"),
        ("Artikel 5", None), ("5.1 lid 3", "Artikel 5"),
    ]
    article_5 = parsed.clauses[3]
    assert article_5.heading == "Beveiliging"
    assert [s.text for s in article_5.sentences][-1] == "De Leverancier treft passende maatregelen, zie art. 32 AVG."


def test_section_signs_with_numbered_paragraphs(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, "§ 1 Geltungsbereich\n\n(1) Diese Bedingungen gelten für alle Aufträge.\n\n"
                                  "(2) Abweichende Bedingungen gelten nicht.\n\n§ 2 Vergütung\n\n(1) Die Vergütung "
                                  "ist monatlich fällig.\n")
    assert tree(parsed) == [("§ 1", None), ("§ 1(1)", "§ 1"), ("§ 1(2)", "§ 1"), ("§ 2", None), ("§ 2(1)", "§ 2")]
    assert parsed.clauses[3].heading == "Vergütung"


def test_english_articles_with_numbered_paragraphs(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, "Article 5 Security\n\n5.1 The Supplier encrypts data.\n\n5.2 The Supplier logs "
                                  "access.\n\nArticle 6 Term\n\n6.1 This agreement runs for a year.\n")
    assert tree(parsed) == [("Article 5", None), ("5.1", "Article 5"), ("5.2", "Article 5"), ("Article 6", None),
                            ("6.1", "Article 6")]


def test_unnumbered_sections_under_headings(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, "# Terms\n\n## Definitions\n\nWords have meanings.\n\n## Privacy\n\nWe protect data."
                                  "\n\n### Retention\n\nWe keep logs for 30 days.\n", suffix=".md")
    headings = [(clause.heading, clause.heading_path, clause.level) for clause in parsed.clauses]
    assert headings == [
        ("Terms", ("Terms",), 0),
        ("Definitions", ("Terms", "Definitions"), 1),
        ("Privacy", ("Terms", "Privacy"), 1),
        ("Retention", ("Terms", "Privacy", "Retention"), 2),
    ]
    assert parsed.clauses[3].text.endswith("We keep logs for 30 days.")


def test_a_restarted_list_nests_and_the_outer_list_resumes(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, "1. Term. The agreement starts today.\n\n2. Termination.\n\n1. Either party may "
                                  "terminate with notice.\n\n2. The Supplier may terminate for breach.\n\n3. Effect. "
                                  "Access ends on termination.\n", suffix=".md")
    assert tree(parsed) == [("1", None), ("2", None), ("2.1", "2"), ("2.2", "2"), ("3", None)]
    assert parsed.clauses[1].heading == "Termination"


def test_offsets_text_and_sentences_point_into_the_document(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, DECIMAL_AND_LETTERS)
    text = parsed.document.text
    for clause in parsed.clauses:
        assert text[clause.start:clause.end] == clause.text
        for sentence in clause.sentences:
            assert text[sentence.start:sentence.end] == sentence.text
            assert clause.start <= sentence.start < sentence.end <= clause.end
    first_item = next(clause for clause in parsed.clauses if clause.number == "2.1(a)")
    assert [s.text for s in first_item.sentences] == ["process data on instructions;"]


def test_clause_pages_come_from_page_starts() -> None:
    raw = RawDocument([
        RawBlock(BlockKind.PARAGRAPH, "1. Scope. These terms apply to the services.", page=1),
        RawBlock(BlockKind.PARAGRAPH, "2. Fees. The fees are due within thirty days of the invoice and",
                 page=1, page_breaks=()),
        RawBlock(BlockKind.PARAGRAPH, "3. Term. The agreement runs for one year and is then renewed for one more "
                 "year each time.", page=2, page_breaks=(40,)),
    ], pages=3)
    text, blocks, page_starts = assemble(raw)
    document = Document("memory.pdf", "0" * 64, DocFormat.PDF, "en", text, blocks, page_starts)
    parsed = segment(document)
    assert [clause.pages for clause in parsed.clauses] == [(1,), (1,), (2, 3)]
    assert document.page_at(text.index("year each time")) == 3


@pytest.mark.slow
def test_segmenting_twenty_pages_is_fast(tmp_path: Path) -> None:
    clauses = []
    for article in range(1, 21):
        clauses.append(f"Article {article} Obligations of the parties")
        for paragraph in range(1, 7):
            clauses.append(f"{article}.{paragraph} The Supplier shall perform its obligations with due care, "
                           f"e.g. by following art. {paragraph} of the security annex. The Customer shall "
                           f"cooperate where reasonably required. Neither party is liable for force majeure.")
    document = read_document(_write(tmp_path / "long.txt", "\n\n".join(clauses)))
    segment(document)  # loads spaCy
    started = time.perf_counter()
    parsed = segment(document)
    elapsed = time.perf_counter() - started
    assert len(parsed.clauses) == 140
    assert elapsed < 0.2, f"segmenting took {elapsed:.3f}s"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
