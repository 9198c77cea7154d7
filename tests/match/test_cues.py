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


# fmt: off
DUTCH_ORDER = [
    # object between the modal and the verb: the subject is the first party of the clause
    ("Leverancier zal de Staat op eerste verzoek verweren.", "verweren", "supplier", "affirmed", "obligation"),
    # inverted order after a fronted adverbial: the subject follows the verb
    ("Bij het einde van de Overeenkomst verwijdert Verwerker alle persoonsgegevens.", "verwijdert", "supplier",
     "affirmed", "statement"),
    # a fronted condition ends at its comma: its negation does not reach the main clause
    ("Als Klant een factuur niet tijdig betaalt, mag Leverancier de dienst opschorten.", "opschorten", "supplier",
     "affirmed", "permission"),
    # a coordinated clause with its own verb does not negate the first verb
    ("Wij mogen uw inhoud verwijderen en zijn niet verplicht deze te bewaren.", "verwijderen", "supplier",
     "affirmed", "permission"),
    # the customer in a relative clause is not the one acting
    ("Wij gebruiken de gegevens die Opdrachtgever invoert niet om modellen te trainen.", "trainen", "supplier",
     "negated", "prohibition"),
    # the customer agrees that something is done: a passive action
    ("Door het gebruik stemt de klant ermee in dat de ingevoerde teksten worden gebruikt om modellen te trainen.",
     "trainen", "none", "affirmed", "statement"),
]
ENGLISH_ORDER = [
    ("If the Customer does not pay an invoice, we may suspend the Service.", "suspend", "supplier", "affirmed",
     "permission"),
    ("You acknowledge that your inputs may be used to improve our models.", "improve", "none", "affirmed",
     "permission"),
    ("We grant you a licence to use the Output to develop your products.", "develop", "customer", "affirmed",
     "statement"),
]
# fmt: on


@pytest.mark.parametrize(("language", "sentence", "anchor", "actor", "polarity", "modality"),
                         [("nl", *case) for case in DUTCH_ORDER] + [("en", *case) for case in ENGLISH_ORDER])
def test_clause_structure(language: str, sentence: str, anchor: str, actor: str, polarity: str, modality: str) -> None:
    """Word order and clause structure: who is the subject of the action's own clause."""
    analyzer = CueAnalyzer(load_library().vocabulary(language))
    start = sentence.index(anchor)
    cues = analyzer.analyse(sentence, start, start + len(anchor))
    assert (cues.actor, cues.polarity, cues.modality) == (actor, polarity, modality), cues.describe()


def test_dutch_fronted_condition_after_an_adverb() -> None:
    sentence = "Ook als u daarom vraagt, gebruiken wij uw gegevens niet om modellen te trainen."
    analyzer = CueAnalyzer(load_library().vocabulary("nl"))
    start = sentence.index("trainen")
    cues = analyzer.analyse(sentence, start, start + len("trainen"))
    assert (cues.actor, cues.polarity) == ("supplier", "negated"), cues.describe()
