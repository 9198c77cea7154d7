"""ARBIT incorporated by reference: version, exclusion of the supplier's terms, precedence,
deviations, and what they mean for the findings (clausecheck.incorporation)."""
from __future__ import annotations

import pytest

from clausecheck.incorporation import detect_incorporation
from clausecheck.library import Library
from clausecheck.model import Finding, ParsedDocument, Status
from clausecheck.pipeline import CheckOptions, check_parsed
from clausecheck.testing import parse_text

DECLARED_2022 = "Op deze Overeenkomst zijn de Algemene Rijksvoorwaarden bij IT-overeenkomsten 2022 (ARBIT-2022) van toepassing."
EXCLUDED = "De algemene voorwaarden van Opdrachtnemer zijn niet van toepassing en worden uitdrukkelijk van de hand gewezen."


def doc(text: str, name: str = "overeenkomst.md", language: str = "nl") -> ParsedDocument:
    return parse_text(text, language, name)


def findings(library: Library, *documents: ParsedDocument, language: str = "en") -> dict[str, Finding]:
    report = check_parsed(list(documents), library, CheckOptions(report_language=language))
    return {finding.requirement_id: finding for finding in report.findings}


def agreement(*clauses: str) -> str:
    """A small numbered agreement, one clause per article."""
    return "\n\n".join(f"## Artikel {number}\n\n{number}.1 {text}" for number, text in enumerate(clauses, start=1))


@pytest.mark.parametrize(("sentence", "version"), [
    (DECLARED_2022, "2022"),
    ("Op deze overeenkomst zijn de ARBIT 2018 van toepassing.", "2018"),
    ("De ARBIT-2014 maken integraal onderdeel uit van deze Overeenkomst.", "2014"),
    ("De Algemene Rijksvoorwaarden bij IT-overeenkomsten 2010 zijn van toepassing verklaard.", "2010"),
    ("The General Government Terms and Conditions for IT Contracts 2022 (ARBIT-2022) apply to this Agreement.", "2022"),
])
def test_version_of_the_declared_arbit(sentence: str, version: str) -> None:
    incorporation = detect_incorporation([doc(sentence)])
    assert incorporation.declared is not None and incorporation.declared.text == sentence
    assert incorporation.version == version


def test_version_named_elsewhere_in_the_declaring_document() -> None:
    text = agreement("In deze Overeenkomst betekent ARBIT: de ARBIT-2018.", "Op deze Overeenkomst is de ARBIT van toepassing.")
    incorporation = detect_incorporation([doc(text)])
    assert incorporation.declared is not None and incorporation.version == "2018"


@pytest.mark.parametrize("sentence", [
    "De ARBIT is niet van toepassing op deze overeenkomst.",
    "No terms issued by the Customer, including general government IT terms such as the ARBIT, apply to the Services.",
])
def test_arbit_rejected_is_a_conflict_on_precedence(library: Library, sentence: str) -> None:
    incorporation = detect_incorporation([doc(sentence)])
    assert incorporation.declared is None and incorporation.rejected is not None
    finding = findings(library, doc(sentence))["ARBIT-PRECEDENCE"]
    assert finding.status is Status.CONFLICT
    assert any(e.text == sentence for e in finding.evidence)


def test_arbit_set_aside_for_part_of_the_supply_is_partial(library: Library) -> None:
    sentence = "De ARBIT-2022 is niet van toepassing op de levering van de clouddienst."
    finding = findings(library, doc(sentence))["ARBIT-PRECEDENCE"]
    assert finding.status is Status.PARTIAL
    assert finding.evidence[0].text == sentence


def test_an_article_set_aside_is_a_deviation_not_a_rejection() -> None:
    text = agreement(DECLARED_2022, "Artikel 37 van de ARBIT-2022 is niet van toepassing.")
    incorporation = detect_incorporation([doc(text)])
    assert incorporation.rejected is None
    assert [(d.article, d.kind) for d in incorporation.deviations] == [("37", "derogation")]


def test_arbit_2022_declared_and_prevailing_meets_precedence_with_the_declaration(library: Library) -> None:
    finding = findings(library, doc(agreement(DECLARED_2022, EXCLUDED)))["ARBIT-PRECEDENCE"]
    assert finding.status is Status.MET
    texts = [e.text for e in finding.evidence]
    assert DECLARED_2022 in texts and EXCLUDED in texts


@pytest.mark.parametrize("sentence", [
    "Op deze Overeenkomst zijn de ARBIT-2018 van toepassing.",
    "Op deze Overeenkomst zijn de Algemene Rijksvoorwaarden bij IT-overeenkomsten van toepassing.",
])
def test_older_or_unnamed_version_is_partial_on_precedence(library: Library, sentence: str) -> None:
    finding = findings(library, doc(sentence))["ARBIT-PRECEDENCE"]
    assert finding.status is Status.PARTIAL
    assert finding.evidence[0].text == sentence


@pytest.mark.parametrize("sentence", [
    "Naast de ARBIT-2022 zijn de algemene voorwaarden van Leverancier van toepassing.",
    "Op deze Overeenkomst zijn tevens de NLdigital Voorwaarden 2020 van toepassing.",
    "In addition, the Supplier's general terms and conditions shall apply.",
])
def test_supplier_terms_declared_applicable_conflict_on_precedence(library: Library, sentence: str) -> None:
    language = "en" if sentence.startswith("In addition") else "nl"
    text = agreement(DECLARED_2022 if language == "nl" else
                     "The General Government Terms and Conditions for IT Contracts 2022 (ARBIT-2022) apply.", sentence)
    result = findings(library, doc(text, language=language))
    assert result["ARBIT-PRECEDENCE"].status is Status.CONFLICT
    assert result["ARBIT-PRECEDENCE"].evidence[0].text == sentence
    # with the supplier's terms beside it, ARBIT no longer covers requirements in full
    assert result["ARBIT-LIABILITY"].status is Status.PARTIAL


def test_supplier_terms_subordinate_to_arbit_are_no_conflict(library: Library) -> None:
    sentence = ("De licentievoorwaarden van Leverancier zijn van toepassing voor zover zij niet in strijd zijn met de "
                "ARBIT-2022.")
    result = findings(library, doc(agreement(DECLARED_2022, sentence)))
    assert result["ARBIT-PRECEDENCE"].status is Status.MET


def test_order_of_precedence_read_from_the_list(library: Library) -> None:
    above = ("3.1 Bij strijdigheid prevaleert het eerder genoemde document boven het later genoemde:\n\n"
             "- deze Overeenkomst;\n- de ARBIT-2022;\n- de offerte van Opdrachtnemer.")
    below = ("3.1 Bij strijdigheid prevaleert het eerder genoemde document boven het later genoemde:\n\n"
             "- deze Overeenkomst;\n- de offerte van Opdrachtnemer;\n- de ARBIT-2022.")
    assert not detect_incorporation([doc(DECLARED_2022 + "\n\n" + above)]).arbit_below
    incorporation = detect_incorporation([doc(DECLARED_2022 + "\n\n" + below)])
    assert incorporation.arbit_below and incorporation.precedence is not None
    finding = findings(library, doc(DECLARED_2022 + "\n\n" + below))["ARBIT-PRECEDENCE"]
    assert finding.status is Status.CONFLICT
    assert finding.evidence[0].text.startswith("Bij strijdigheid")


def test_covered_requirements_met_by_reference_and_genai_not(library: Library) -> None:
    result = findings(library, doc(agreement(DECLARED_2022, EXCLUDED)))
    liability = result["ARBIT-LIABILITY"]
    assert liability.status is Status.MET
    assert liability.evidence[0].text == DECLARED_2022
    assert "article 26" in liability.explanation and liability.suggestion is None
    assert result["GENAI-IP-INDEMNITY"].status is Status.MET  # ARBIT art. 8.5/8.6
    for requirement_id in ("GENAI-NO-TRAINING-ON-CUSTOMER-DATA", "GENAI-PROMPT-RETENTION", "GDPR-BREACH-NOTIFICATION"):
        assert result[requirement_id].status is Status.MISSING, requirement_id


def test_older_version_covers_only_in_part(library: Library) -> None:
    finding = findings(library, doc("Op deze Overeenkomst zijn de ARBIT-2018 van toepassing."))["ARBIT-LIABILITY"]
    assert finding.status is Status.PARTIAL
    assert "ARBIT-2018" in finding.explanation and "26" in finding.explanation


def test_deviation_judged_on_own_words_and_shown(library: Library) -> None:
    deviation = ("In afwijking van artikel 26 van de ARBIT-2022 is de aansprakelijkheid van Opdrachtnemer beperkt tot "
                 "het bedrag dat Opdrachtgever in de twaalf maanden voorafgaand aan de schade heeft betaald.")
    finding = findings(library, doc(agreement(DECLARED_2022, EXCLUDED, deviation)))["ARBIT-LIABILITY"]
    assert finding.status is Status.CONFLICT
    assert finding.evidence[0].text == deviation
    assert "Deviation from ARBIT-2022 article 26" in finding.explanation
    assert all(e.text != DECLARED_2022 for e in finding.evidence)


def test_deviation_the_rules_cannot_judge_is_partial_with_the_deviation_as_evidence(library: Library) -> None:
    deviation = "Artikel 37 van de ARBIT-2022 wordt als volgt gelezen: Partijen regelen geschillen in onderling overleg."
    finding = findings(library, doc(agreement(DECLARED_2022, EXCLUDED, deviation)))["ARBIT-GOVERNING-LAW"]
    assert finding.status is Status.PARTIAL
    assert finding.evidence and finding.evidence[0].text == deviation
    assert "article 37" in finding.explanation


def test_paragraph_numbering_of_a_deviation() -> None:
    text = agreement(DECLARED_2022, "In afwijking van artikel 26, derde lid, van de ARBIT-2022 geldt een maximum van "
                                    "tweemaal de Vergoeding.")
    incorporation = detect_incorporation([doc(text)])
    assert [d.article for d in incorporation.deviations] == ["26.3"]


def test_supplement_keeps_the_article_and_is_shown(library: Library) -> None:
    supplement = ("In aanvulling op artikel 32 van de ARBIT-2022 stelt Opdrachtnemer een exitplan op dat jaarlijks "
                  "wordt bijgewerkt.")
    finding = findings(library, doc(agreement(DECLARED_2022, EXCLUDED, supplement)))["ARBIT-EXIT"]
    assert finding.status is Status.MET
    assert any(e.text == supplement and "Supplement to ARBIT-2022 article 32" in e.explanation for e in finding.evidence)


def test_internal_article_is_not_an_arbit_deviation() -> None:
    text = agreement(DECLARED_2022, "In afwijking van artikel 1 van deze Overeenkomst geldt voor de pilot een "
                                    "andere looptijd.")
    assert detect_incorporation([doc(text)]).deviations == ()


SUPPLIER_TERMS = ("# Algemene voorwaarden Voorbeeld B.V.\n\n"
                  "## Aansprakelijkheid\n\n"
                  "8.1 De aansprakelijkheid van Leverancier is beperkt tot het bedrag dat Klant in de drie maanden "
                  "voorafgaand aan de schade heeft betaald.")


def test_arbit_prevails_over_bundled_supplier_terms(library: Library) -> None:
    terms = doc(SUPPLIER_TERMS, "algemene-voorwaarden.md")
    result = findings(library, doc(agreement(DECLARED_2022, EXCLUDED)), terms)
    liability = result["ARBIT-LIABILITY"]
    assert liability.status is Status.MET
    assert liability.evidence[0].text == DECLARED_2022
    set_aside = [e for e in liability.evidence if e.document == "algemene-voorwaarden.md"]
    assert set_aside and set_aside[0].explanation.startswith("Set aside: ARBIT-2022 prevails over algemene-voorwaarden")


def test_the_agreements_own_words_decide_over_arbit(library: Library) -> None:
    cap = ("De aansprakelijkheid van Leverancier is beperkt tot het bedrag dat Klant in de drie maanden voorafgaand "
           "aan de schade heeft betaald.")
    finding = findings(library, doc(agreement(DECLARED_2022, EXCLUDED, cap)))["ARBIT-LIABILITY"]
    assert finding.status is Status.CONFLICT


def test_supplier_terms_not_excluded_still_decide(library: Library) -> None:
    terms = doc(SUPPLIER_TERMS, "algemene-voorwaarden.md")
    finding = findings(library, doc(DECLARED_2022), terms)["ARBIT-LIABILITY"]
    assert finding.status is Status.CONFLICT


def test_a_later_clause_derogating_from_the_agreement_sets_its_carve_outs_aside(library: Library) -> None:
    text = agreement(
        DECLARED_2022,
        "De aansprakelijkheid van Opdrachtnemer is beperkt tot de vergoeding die Opdrachtgever in de twaalf maanden "
        "voorafgaand aan de schade heeft betaald. De beperking geldt niet bij opzet of grove schuld.",
        "In afwijking van artikel 2 van deze Overeenkomst geldt de beperking van aansprakelijkheid ook bij opzet of "
        "grove schuld, tot ten hoogste het bedrag dat Opdrachtgever in de twaalf maanden voorafgaand aan de schade "
        "heeft betaald.")
    plain = agreement(DECLARED_2022, text.split("\n\n")[3].removeprefix("2.1 "))
    assert findings(library, doc(plain))["ARBIT-LIABILITY"].status is Status.PARTIAL  # carve-out mitigates
    finding = findings(library, doc(text))["ARBIT-LIABILITY"]
    assert finding.status is Status.CONFLICT
    assert any(e.clause == "2.1" and "derogates" in e.explanation for e in finding.evidence)


def test_a_bundled_processor_agreement_is_not_the_suppliers_general_terms() -> None:
    processor = doc("# Verwerkersovereenkomst\n\nVerwerker verwerkt persoonsgegevens uitsluitend op instructie.",
                    "verwerkersovereenkomst.md")
    terms = doc("# Leveringsvoorwaarden\n\nDeze voorwaarden zijn van toepassing op alle offertes.", "voorwaarden.md")
    found = detect_incorporation([doc(agreement(DECLARED_2022, EXCLUDED)), processor, terms])
    assert found.subordinate_documents == frozenset({"voorwaarden.md"})


def test_processor_agreement_declaring_arbit_does_not_cure_service_terms(library: Library) -> None:
    text = ("Op deze Verwerkersovereenkomst zijn de Algemene Rijksvoorwaarden bij IT-overeenkomsten 2022 (ARBIT-2022) "
            "van toepassing. De algemene voorwaarden van Verwerker zijn niet van toepassing.")
    result = findings(library, doc(text, "verwerkersovereenkomst.md"))
    assert result["ARBIT-PRECEDENCE"].status is Status.MET
    assert result["GENAI-IP-INDEMNITY"].status is Status.MISSING
    assert result["ARBIT-SUSPENSION-TERMINATION"].status is Status.MISSING


def test_explanations_follow_the_report_language(library: Library) -> None:
    deviation = "Artikel 37 van de ARBIT-2022 is niet van toepassing."
    result = findings(library, doc(agreement(DECLARED_2022, EXCLUDED, deviation)), language="nl")
    assert result["ARBIT-LIABILITY"].explanation.startswith("Voldaan via verwijzing: de ARBIT-2022")
    assert "artikel 37 ARBIT-2022" in result["ARBIT-GOVERNING-LAW"].explanation
    assert result["ARBIT-PRECEDENCE"].evidence[0].explanation == "De ARBIT-2022 is van toepassing verklaard."


def test_english_terms_without_arbit_are_untouched() -> None:
    text = "These Terms apply to your use of the Services. We may update these Terms from time to time."
    incorporation = detect_incorporation([doc(text, "terms.md", "en")])
    assert incorporation.declared is None and incorporation.rejected is None and not incorporation.deviations
