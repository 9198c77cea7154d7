"""Language per document: English or Dutch from function words, overridable."""
from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.ingest import read_document
from clausecheck.ingest.base import ReadOptions
from clausecheck.ingest.language import detect_language


@pytest.mark.parametrize(("text", "language"), [
    ("The Supplier shall not use the data of the Customer for the training of any model.", "en"),
    ("De Leverancier zal de gegevens van de Opdrachtgever niet gebruiken voor het trainen van modellen.", "nl"),
    ("Artikel 1. Op deze overeenkomst is het Nederlands recht van toepassing en de rechter te Den Haag is bevoegd.",
     "nl"),
    ("These terms are governed by Dutch law; the courts of The Hague have jurisdiction over any dispute.", "en"),
])
def test_detects_english_and_dutch(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_language_option_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "terms.txt"
    path.write_text("The Supplier shall keep the data in the European Union at all times.")
    assert read_document(path).language == "en"
    assert read_document(path, ReadOptions(language="nl")).language == "nl"
