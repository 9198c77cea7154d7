"""ARBIT incorporated by reference: which version applies, whether the supplier's terms are
excluded and ARBIT prevails, and which articles the contract deviates from.

Most contracts of the Dutch central government do not restate ARBIT: they declare it applicable
and list deviations article by article. When ARBIT-2022 governs and prevails, a requirement that
ARBIT itself covers (``arbit_articles`` in the clause library) is met by reference, with the
incorporation clause as evidence, unless a listed deviation takes its article out or the contract's
own words decide otherwise. Generative-AI requirements are not cured by ARBIT (domain catalogue
section 3.2): only requirements whose library entry maps ARBIT articles can be met this way.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from clausecheck.library import Requirement
from clausecheck.model import Clause, Evidence, Finding, ParsedDocument, Sentence, Status

CURRENT_VERSION = "2022"

_ARBIT_NAME = r"(?:ARBIT|Algemene\s+Rijksvoorwaarden\s+bij\s+IT-overeenkomsten|General\s+Government\s+Terms\s+and\s+Conditions\s+for\s+IT\s+Contracts)"
_VERSION = re.compile(_ARBIT_NAME + r"[\s\-–(]*(?:\(?\s*ARBIT\s*)?[-\s]?(?P<year>20(?:10|14|16|18|22))", re.IGNORECASE)
_DECLARED = re.compile(
    _ARBIT_NAME + r"[^.;]{0,160}\b(?:van\s+toepassing|toepasselijk|apply|applies|applicable|shall\s+govern|maken\s+(?:integraal\s+)?(?:onderdeel|deel)\s+uit)"
    r"|\b(?:van\s+toepassing|apply|applies)\b[^.;]{0,60}" + _ARBIT_NAME,
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:niet|not|geen|no)\s+(?:van\s+toepassing|apply|applicable)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Deviation:
    """A listed deviation from one ARBIT article."""

    article: str  # "26", "26.3"
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Incorporation:
    version: str | None = None  # "2022", "2018", ... or None when ARBIT is not declared applicable
    declared: Evidence | None = None  # the sentence that declares ARBIT applicable
    deviations: tuple[Deviation, ...] = ()

    @property
    def governs(self) -> bool:
        return self.declared is not None and self.version == CURRENT_VERSION


_DEVIATION = re.compile(
    r"\b(?:in\s+afwijking\s+van|in\s+derogation\s+from|by\s+way\s+of\s+derogation\s+from|notwithstanding|deviating\s+from)\s+"
    r"(?:het\s+bepaalde\s+in\s+)?(?:artikel|article|art\.)\s*(?P<a>\d{1,2}(?:\.\d{1,2})?)"
    r"|\b(?:artikel|article|art\.)\s*(?P<b>\d{1,2}(?:\.\d{1,2})?)\s+(?:(?:van\s+de|of(?:\s+the)?)\s+)?(?:ARBIT(?:-\d{4})?\s+)?"
    r"(?:is|wordt|shall|does)\s+(?:niet\s+van\s+toepassing|not\s+apply|als\s+volgt\s+gelezen|read\s+as\s+follows|vervangen|replaced)",
    re.IGNORECASE,
)


def detect_incorporation(documents: Sequence[ParsedDocument]) -> Incorporation:
    """Find the declaration of ARBIT and the listed deviations, in any of the documents."""
    declared: Evidence | None = None
    version: str | None = None
    deviations: list[Deviation] = []
    for parsed in documents:
        for clause in parsed.clauses:
            for sentence in clause.sentences:
                text = sentence.text
                if declared is None and _DECLARED.search(text) and not _NEGATED.search(text):
                    match = _VERSION.search(text)
                    version = match.group("year") if match else None
                    declared = _evidence(parsed, clause, sentence, Status.MET, "ARBIT declared applicable")
                deviation = _DEVIATION.search(text)
                if deviation:
                    article = deviation.group("a") or deviation.group("b")
                    deviations.append(Deviation(article, _evidence(parsed, clause, sentence, Status.PARTIAL,
                                                                   f"deviation from ARBIT article {article}")))
    return Incorporation(version, declared, tuple(deviations))


def apply_incorporation(requirement: Requirement, finding: Finding, incorporation: Incorporation) -> Finding:
    """Met by reference when ARBIT-2022 governs, the requirement's ARBIT articles are not deviated
    from, and the contract's own words did not decide a status."""
    if not incorporation.governs or incorporation.declared is None:
        return finding
    articles = requirement.arbit_articles.get(CURRENT_VERSION, ())
    if not articles or finding.status is not Status.MISSING:
        return finding
    touched = [d for d in incorporation.deviations if any(_same_article(d.article, a) for a in articles)]
    if touched:
        return finding
    evidence = replace(incorporation.declared, requirement_id=requirement.id,
                       rule=f"{requirement.id}/incorporation/arbit-{CURRENT_VERSION}",
                       explanation=f"ARBIT-{CURRENT_VERSION} applies; it covers this requirement in article "
                                   f"{', '.join(articles)}.")
    return replace(finding, status=Status.MET, confidence=0.75, evidence=(evidence,), suggestion=None,
                   explanation=f"met by reference: ARBIT-{CURRENT_VERSION} is declared applicable and covers this "
                               f"requirement (article {', '.join(articles)}), with no listed deviation.")


def _same_article(deviation: str, article: str) -> bool:
    """A deviation from 26 touches 26.3, and a deviation from 26.3 touches 26."""
    return deviation == article or deviation.startswith(article + ".") or article.startswith(deviation + ".")


def _evidence(parsed: ParsedDocument, clause: Clause, sentence: Sentence, role: Status, explanation: str) -> Evidence:
    return Evidence(
        requirement_id="", document=parsed.document.path, page=parsed.document.page_at(sentence.start),
        clause=clause.number, heading=clause.heading, text=sentence.text, start=sentence.start, end=sentence.end,
        role=role, score=0.75, rule="incorporation", explanation=explanation,
    )
