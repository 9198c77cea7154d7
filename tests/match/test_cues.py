"""Who acts, negation and modality around an action, in English and Dutch."""
from __future__ import annotations

import pytest

from clausecheck.library import load_library
from clausecheck.match.cues import CueAnalyzer, supplier_aliases

# fmt: off
CASES = [
    # (language, sentence, anchor, actor, polarity, modality)
    ("en", "We may use your prompts to train our models.", "train", "supplier", "affirmed", "permission"),
    ("en", "We will not use your prompts to train our models.", "train", "supplier", "negated", "prohibition"),
    ("en", "You may not use the Output to develop competing models.", "develop", "customer", "negated", "prohibition"),
    ("en", "You grant us a licence to use Your Content to improve the Services.", "improve", "supplier", "affirmed", "statement"),
    ("en", "Customer Content will never be used for training.", "training", "none", "negated", "prohibition"),
    ("en", "Inputs submitted by the Customer are not used by the Supplier to train models.", "train", "supplier", "negated", "prohibition"),
    ("en", "Either party may terminate this Agreement for convenience.", "terminate", "both", "affirmed", "permission"),
    ("en", "We do not sell your data, but we may use it to improve our services.", "improve", "supplier", "affirmed", "permission"),
    ("en", "The Supplier shall notify the Customer, including but not limited to by email.", "notify", "supplier", "affirmed", "obligation"),
    ("en", "You may terminate at any time and we may terminate on 30 days' notice.", "terminate on", "supplier", "affirmed", "permission"),
    ("nl", "Opdrachtnemer zal de gegevens van Opdrachtgever niet gebruiken om modellen te trainen.", "trainen", "supplier", "negated", "prohibition"),
    ("nl", "Wij gebruiken uw invoer om onze diensten te verbeteren.", "verbeteren", "supplier", "affirmed", "statement"),
    ("nl", "Leverancier traint geen modellen met de door Opdrachtgever aangeleverde gegevens.", "traint", "supplier", "negated", "prohibition"),
    ("nl", "U mag de uitvoer niet gebruiken om concurrerende modellen te ontwikkelen.", "ontwikkelen", "customer", "negated", "prohibition"),
    ("nl", "Opdrachtnemer is gerechtigd de dienst op te schorten.", "schorten", "supplier", "affirmed", "permission"),
]
# fmt: on


@pytest.mark.parametrize(("language", "sentence", "anchor", "actor", "polarity", "modality"), CASES)
def test_cues(language: str, sentence: str, anchor: str, actor: str, polarity: str, modality: str) -> None:
    analyzer = CueAnalyzer(load_library().vocabulary(language))
    start = sentence.index(anchor)
    cues = analyzer.analyse(sentence, start, start + len(anchor.split()[0]))
    assert (cues.actor, cues.polarity, cues.modality) == (actor, polarity, modality), cues.describe()


def test_supplier_aliases_are_found_from_frequent_subjects() -> None:
    text = ("Acme shall provide the Service. Acme will notify the Customer. Acme may suspend access. "
            "The Customer shall pay. Services shall be available.")
    assert supplier_aliases(text, load_library().vocabulary("en")) == ("Acme",)
