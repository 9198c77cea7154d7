"""The Dutch sample contracts (samples/nl-*): every requirement's status as samples/expected says,
in every format, and the way ARBIT-2022 is incorporated shows on the findings: covered requirements
met by reference with the declaration as evidence, each listed deviation reported against the
article and the requirement it touches."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from clausecheck.incorporation import Incorporation, detect_incorporation
from clausecheck.library import Library, load_library
from clausecheck.model import Finding, ParsedDocument, Report, Status
from clausecheck.pipeline import check_parsed, parse

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
DUTCH = ("nl-arbit-saas-overeenkomst-passes", "nl-arbit-saas-overeenkomst-fails", "nl-leveringsvoorwaarden",
         "nl-verwerkersovereenkomst")
DECLARATION = "Op deze Overeenkomst zijn de Algemene Rijksvoorwaarden bij IT-overeenkomsten 2022 (ARBIT-2022) van toepassing"


def expected(sample: str) -> dict[str, Any]:
    return yaml.safe_load((SAMPLES / "expected" / f"{sample}.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def parsed(stem: str, suffix: str) -> ParsedDocument:
    return parse(SAMPLES / f"{stem}{suffix}")


@lru_cache(maxsize=None)
def report(sample: str, suffix: str = ".md") -> Report:
    return check_parsed([parsed(stem, suffix) for stem in expected(sample)["documents"]])


def findings(sample: str, suffix: str = ".md") -> dict[str, Finding]:
    return {finding.requirement_id: finding for finding in report(sample, suffix).findings}


def incorporation(sample: str) -> Incorporation:
    return detect_incorporation([parsed(stem, ".md") for stem in expected(sample)["documents"]])


@pytest.mark.parametrize(("sample", "suffix"), [(sample, ".md") for sample in DUTCH]
                         + [("nl-arbit-saas-overeenkomst-passes", ".docx"), ("nl-arbit-saas-overeenkomst-fails", ".pdf"),
                            ("nl-leveringsvoorwaarden", ".html"), ("nl-verwerkersovereenkomst", ".docx")])
def test_every_requirement_as_expected(sample: str, suffix: str) -> None:
    got = findings(sample, suffix)
    wrong = [f"{requirement_id}: expected {item['status']}, got {got[requirement_id].status.value} "
             f"({got[requirement_id].explanation[:160]})"
             for requirement_id, item in expected(sample)["requirements"].items()
             if got[requirement_id].status.value != item["status"]]
    assert not wrong, "\n".join(wrong)


def test_the_agreement_incorporates_arbit_2022_and_excludes_the_suppliers_terms() -> None:
    found = incorporation("nl-arbit-saas-overeenkomst-passes")
    assert found.version == "2022" and found.governs and found.scope == "agreement"
    assert found.declared is not None and found.declared.text.startswith(DECLARATION)
    assert found.excluded is not None and "van de hand gewezen" in found.excluded.text
    assert found.precedence is not None and not found.arbit_below
    assert [(d.article, d.kind) for d in found.deviations] == [("29", "derogation"), ("30", "derogation"),
                                                               ("32", "supplement")]


def test_covered_requirements_without_a_deviation_cite_the_declaration() -> None:
    library: Library = load_library()
    found = incorporation("nl-arbit-saas-overeenkomst-passes")
    got = findings("nl-arbit-saas-overeenkomst-passes")
    covered = [requirement for requirement in library.requirements
               if requirement.id in expected("nl-arbit-saas-overeenkomst-passes")["requirements"]
               and requirement.arbit_articles.get("2022")
               and not any(d.kind == "derogation" for d in found.deviations_for(requirement))]
    assert len(covered) >= 10
    for requirement in covered:
        finding = got[requirement.id]
        assert finding.status is Status.MET, requirement.id
        assert any(e.text.startswith(DECLARATION) for e in finding.evidence), requirement.id
        if requirement.id != "ARBIT-PRECEDENCE":
            articles = requirement.arbit_articles["2022"]
            assert any(f"article {articles[0]}" in e.explanation for e in finding.evidence), requirement.id


@pytest.mark.parametrize(("article", "requirement_id"), [("26", "ARBIT-LIABILITY"), ("30", "ARBIT-SUSPENSION-TERMINATION"),
                                                         ("32", "ARBIT-EXIT")])
def test_each_listed_deviation_is_reported_on_the_requirement_it_touches(article: str, requirement_id: str) -> None:
    finding = findings("nl-arbit-saas-overeenkomst-fails")[requirement_id]
    notes = [e for e in finding.evidence if f"ARBIT-2022 article {article} " in e.explanation]
    assert notes, f"{requirement_id} does not show the deviation from article {article}: {finding.explanation}"
    assert notes[0].clause and notes[0].clause.startswith("24.")
    assert f"article {article}" in finding.explanation


def test_every_deviation_reaches_every_requirement_mapped_to_its_article() -> None:
    library = load_library()
    found = incorporation("nl-arbit-saas-overeenkomst-fails")
    got = findings("nl-arbit-saas-overeenkomst-fails")
    for deviation in found.deviations:
        touched = [r for r in library.requirements if deviation in found.deviations_for(r)]
        assert touched, f"article {deviation.article} maps to no requirement"
        for requirement in touched:
            assert any(e.start == deviation.evidence.start for e in got[requirement.id].evidence), \
                (requirement.id, deviation.article)


def test_deviation_from_the_liability_article_is_judged_on_its_own_words() -> None:
    liability = findings("nl-arbit-saas-overeenkomst-fails")["ARBIT-LIABILITY"]
    assert liability.status is Status.CONFLICT
    assert liability.evidence[0].clause == "24.5"
    # the deviation switches off the agreement's own article 19: its caps and carve-outs no longer count
    assert {e.clause for e in liability.evidence if "derogates" in e.explanation} >= {"19.4(a)", "19.2"}
    assert findings("nl-arbit-saas-overeenkomst-passes")["ARBIT-LIABILITY"].status is Status.MET


def test_general_terms_declared_by_the_supplier_are_judged_as_usual() -> None:
    got = findings("nl-leveringsvoorwaarden")
    assert incorporation("nl-leveringsvoorwaarden").declared is None
    assert got["ARBIT-PRECEDENCE"].status is Status.CONFLICT
    assert "inkoopvoorwaarden" in got["ARBIT-PRECEDENCE"].evidence[0].text
    assert got["ARBIT-LIABILITY"].status is Status.CONFLICT
    assert got["GENAI-NO-TRAINING-ON-CUSTOMER-DATA"].status is Status.CONFLICT


def test_bundled_supplier_terms_give_way_to_arbit() -> None:
    documents = [parsed("nl-arbit-saas-overeenkomst-passes", ".md"), parsed("nl-leveringsvoorwaarden", ".md")]
    found = detect_incorporation(documents)
    assert found.subordinate_documents == frozenset({str(SAMPLES / "nl-leveringsvoorwaarden.md")})
    got = {finding.requirement_id: finding for finding in check_parsed(documents).findings}
    # ARBIT-covered: the general terms' cap, rejection of purchase terms, free subcontracting and unilateral
    # changes (ARBIT art. 2.2 and 3: changes only in writing) are set aside
    for requirement_id in ("ARBIT-LIABILITY", "ARBIT-PRECEDENCE", "GDPR-SUBPROCESSORS", "ARBIT-UNILATERAL-CHANGES"):
        finding = got[requirement_id]
        assert finding.status is Status.MET, (requirement_id, finding.explanation)
        assert any("Set aside: ARBIT-2022 prevails over nl-leveringsvoorwaarden" in e.explanation
                   for e in finding.evidence), requirement_id
    # generative-AI terms are not cured by ARBIT
    assert got["GENAI-NO-TRAINING-ON-CUSTOMER-DATA"].status is Status.CONFLICT


def test_a_processor_agreement_on_arbit_leaves_the_service_terms_open() -> None:
    found = incorporation("nl-verwerkersovereenkomst")
    assert found.scope == "processor-agreement" and found.version == "2022"
    got = findings("nl-verwerkersovereenkomst")
    assert got["ARBIT-PRECEDENCE"].status is Status.MET
    assert got["GENAI-IP-INDEMNITY"].status is Status.MISSING
