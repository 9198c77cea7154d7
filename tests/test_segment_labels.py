"""Numbering labels and sentence splitting: the two tables the segmenter stands on."""
from __future__ import annotations

import pytest

from clausecheck.nlp import sentence_spans
from clausecheck.numbering import parse_label


@pytest.mark.parametrize(("text", "kind", "depth", "value"), [
    ("1 Definitions", "decimal", 1, "1"),
    ("1. The Supplier shall", "decimal", 1, "1"),
    ("3) Fees are due", "decimal", 1, "3"),
    ("1.1 Agreement means", "decimal", 2, "1.1"),
    ("1.1.2 It includes", "decimal", 3, "1.1.2"),
    ("4.2. The Customer", "decimal", 2, "4.2"),
    ("(a) process data", "paren-alpha", 1, "a"),
    ("a. Direct damage", "alpha", 1, "a"),
    ("b) Indirect damage", "alpha", 1, "b"),
    ("(iv) by logging", "paren-roman", 1, "iv"),
    ("(i) by encryption", "paren-roman?", 1, "i"),
    ("ii. second", "roman", 1, "ii"),
    ("(ii) second", "paren-roman", 1, "ii"),
    ("(3) third", "paren-num", 1, "3"),
    ("Article 5 Security", "article:article", 1, "5"),
    ("Artikel 4 Verwerking", "article:article", 1, "4"),
    ("ARTICLE 12 - TERM", "article:article", 1, "12"),
    ("Art. 7 Slotbepalingen", "article:article", 1, "7"),
    ("Section 3.2 Fees", "article:section", 2, "3.2"),
    ("Schedule 1 - Details", "article:annex", 1, "1"),
    ("Bijlage B Verwerkersovereenkomst", "article:annex", 1, "B"),
    ("4.2 lid 3 De Leverancier", "decimal", 3, "4.2 lid 3"),
    ("lid 2 De Opdrachtgever", "lid", 1, "2"),
    ("§ 3 Scope", "section", 1, "3"),
    ("§3. Scope", "section", 1, "3"),
    ("A. Services", "upper", 1, "A"),
    ("IV. Liability", "upper-roman", 1, "IV"),
    ("I. Scope", "upper-roman?", 1, "I"),
])
def test_numbering_styles(text: str, kind: str, depth: int, value: str) -> None:
    label = parse_label(text)
    assert label is not None, text
    assert (label.kind, label.depth, label.value) == (kind, depth, value)


@pytest.mark.parametrize("text", [
    "30 days after the invoice date",
    "611 Gateway Blvd. Suite 120",
    "2025 was a good year for the Supplier",
    "Section 5 applies to all orders",
    "Article 28 of the GDPR governs processing",
    "The Supplier shall",
    "(ab) is not a label",
])
def test_sentences_that_only_look_numbered(text: str) -> None:
    assert parse_label(text) is None


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("en", "The processor acts under art. 28 GDPR. It keeps records.", 2),
    ("en", "Services, e.g. hosting, are included. Support is extra.", 2),
    ("en", "Support (i.e., e-mail) is included. Phone is extra.", 2),
    ("en", "Acme Inc. provides the service. It is hosted in the EU.", 2),
    ("en", "Acme B.V. and Beta N.V. are the parties. They sign today.", 2),
    ("en", "Acme Ltd. is the supplier. It is based in London.", 2),
    ("en", "The fee is approx. two hundred euro. It is due monthly.", 2),
    ("en", "See clause 4.2 for details. The rest applies.", 2),
    ("nl", "Zie art. 7 lid 2 sub a van de AVG. De rest volgt.", 2),
    ("nl", "Artikel 6 jo. artikel 7 is van toepassing. Verder niets.", 2),
    ("nl", "Leverancier B.V. verwerkt gegevens o.a. in Nederland. Zij meldt datalekken.", 2),
    ("nl", "Dit geldt bijv. voor logbestanden. Die worden gewist.", 2),
    ("nl", "Bepaald in art. 4 lid 3 sub b. de rest van de zin.", 1),
])
def test_legal_abbreviations_do_not_end_sentences(language: str, text: str, expected: int) -> None:
    spans = sentence_spans([text], language)[0]
    assert len(spans) == expected, [text[start:end] for start, end in spans]
    assert text[spans[0][0]:spans[-1][1]] == text


def test_opening_quote_moves_to_the_sentence_it_opens() -> None:
    text = 'The customer ("Customer"). "Supplier" means Acme.'
    spans = sentence_spans([text], "en")[0]
    assert [text[start:end] for start, end in spans] == ['The customer ("Customer").', '"Supplier" means Acme.']
