"""ARBIT incorporated by reference, read the way a Dutch IT lawyer reads it.

Most contracts of the Dutch central government do not restate ARBIT: they declare it applicable
("Op deze Overeenkomst zijn de ARBIT-2022 van toepassing"), exclude the supplier's own terms, set
an order of precedence and list deviations article by article. This module finds that structure
(``detect_incorporation``), sets aside what it overrides (``settle_overrides``: sentences of the
supplier's general terms that ARBIT prevails over, and clauses of the agreement that a later clause
derogates from) and then completes each finding (``apply_incorporation``):

- ARBIT-2022 declared and prevailing: a requirement ARBIT itself covers (its ``arbit_articles`` in
  the clause library, per ARBIT version) that the contract's own words leave open is met by
  reference, with the declaration as evidence and an explanation naming the article;
- an older ARBIT version, or the supplier's terms applying beside it: partial by reference;
- a listed deviation ("In afwijking van artikel 26", "artikel 30 is niet van toepassing") takes its
  article out: the requirement is judged on the contract's own words, and the deviation is shown on
  the finding; a supplement ("in aanvulling op artikel 32") keeps the article in;
- ARBIT-PRECEDENCE: met for ARBIT-2022, partial for an older or unnamed version, conflict when the
  supplier's (or NLdigital) terms are declared applicable or rank above ARBIT, or ARBIT is rejected.

Generative-AI requirements are not cured by ARBIT (domain catalogue section 3.2): only requirements
whose library entry maps ARBIT articles can be met this way.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from clausecheck.library import Library, Requirement
from clausecheck.match import ContractMatches, Hit
from clausecheck.model import Clause, Evidence, Finding, ParsedDocument, Sentence, Status

CURRENT_VERSION = "2022"
PRECEDENCE_ID = "ARBIT-PRECEDENCE"
REFERENCE_CONFIDENCE = 0.75

_I = re.IGNORECASE
_ARBIT = (r"(?:\bARBIT\b|\bAlgemene\s+Rijksvoorwaarden\s+(?:bij|voor)\s+IT-overeenkomsten\b"
          r"|\bGeneral\s+Government\s+Terms\s+and\s+Conditions\s+for\s+IT\s+Contracts\b)")
_ARBIT_NAME = re.compile(_ARBIT, _I)
_VERSION = re.compile(_ARBIT + r"[\s\-–(]{0,3}(?:ARBIT[\s\-–]?)?(?P<year>20\d\d)\b", _I)
_APPLIES = (r"(?:van\s+toepassing|toepasselijk|(?:maakt|maken)\s+(?:\w+\s+){0,2}(?:deel|onderdeel)\s+uit"
            r"|appl(?:y|ies|icable)|shall\s+govern|governs?|forms?\s+(?:an?\s+)?(?:integral\s+)?part)")
_DECLARED = re.compile(_ARBIT + r"[^.;]{0,200}?\b" + _APPLIES + r"\b|\b" + _APPLIES + r"\s+(?:\w+\s+){0,3}?" + _ARBIT, _I)
_NEGATION = re.compile(r"\b(?:niet|geen|nooit|not|no|never|none)\b|\b(?:uitgesloten|excluded|rejected|afgewezen)\b"
                       r"|\bvan\s+de\s+hand\b", _I)
_EXCEPTION = re.compile(r"\b(?:met\s+uitzondering\s+van|behoudens|met\s+inachtneming\s+van|with\s+the\s+exception\s+of"
                        r"|except|subject\s+to)\b", _I)
_PROCESSOR_SCOPE = re.compile(r"\b(?:deze|onderhavige)\s+(?:verwerkers|bewerkers)overeenkomst\b"
                              r"|\bthis\s+(?:data\s+)?process(?:ing|or)\s+(?:agreement|addendum)\b|\bthis\s+DPA\b", _I)

_SUPPLIER = r"(?:opdrachtnemer|leverancier|wederpartij|verwerker|aanbieder|dienstverlener|supplier|contractor|vendor|provider)"
_SUPPLIER_TERMS = re.compile(
    r"\b(?:NLdigital|Nederland\s+ICT|FENIT|ICT~?\s*Office)\b[^.;]{0,40}?\b(?:voorwaarden|terms|conditions)\b"
    r"|\b(?:algemene\s+|eigen\s+|leverings|licentie|gebruiks)?voorwaarden\s+van\s+(?:de\s+)?" + _SUPPLIER + r"\b"
    r"|\b(?:the\s+)?" + _SUPPLIER + r"['’]?s?\s+(?:own\s+)?(?:general\s+|standard\s+|online\s+)?(?:terms|conditions)\b", _I)
_SUPPLIER_DOCUMENT = re.compile(_SUPPLIER_TERMS.pattern + r"|\bofferte\s+van\s+(?:de\s+)?" + _SUPPLIER
                                + r"\b|\b" + _SUPPLIER + r"['’]?s?\s+(?:offer|quotation|proposal|tender)\b", _I)
_EXCLUDES = re.compile(r"\b(?:niet\s+van\s+toepassing|van\s+de\s+hand\s+gewezen|uitgesloten|geen\s+(?:werking|gelding)"
                       r"|gelden\s+niet|geldt\s+niet|met\s+uitsluiting\s+van|(?:do|does|shall|will)\s+not\s+apply"
                       r"|(?:expressly\s+)?rejected|excluded)\b", _I)
_PREVAILS = re.compile(r"\b(?:van\s+toepassing|prevaleer\w*|prevaleert|prevaleren|gaa?n?t?\s+(?:\w+\s+){0,3}voor"
                       r"|voorrang|appl(?:y|ies)|prevail\w*|take\s+precedence|govern\w*)\b", _I)
_SUBORDINATED = re.compile(r"\bondergeschikt\b|\bsubordinate\b|\bvoor\s+zover\s+(?:zij\s+|deze\s+)?niet\s+(?:in\s+strijd|strijdig)"
                           r"|\bto\s+the\s+extent\s+(?:that\s+)?(?:they\s+(?:do\s+)?)?not\s+(?:conflict|inconsistent)", _I)
_PRECEDENCE = re.compile(r"\b(?:bij\s+(?:tegen)?strijdigheid|in\s+(?:geval|het\s+geval)\s+van\s+(?:tegen)?strijdigheid"
                         r"|rangorde|prevaleer\w*|prevaleert|prevaleren|voorrang|in\s+(?:the\s+)?(?:event|case)\s+of\s+"
                         r"(?:a\s+|any\s+)?(?:conflict|inconsistency)|order\s+of\s+precedence|prevail\w*|take\s+precedence)\b", _I)
_BETWEEN = re.compile(r"\b(?:tussen|between)\b.*?(?=\b(?:prevaleer\w*|prevaleert|prevaleren|gaat|gaan|geldt|gelden"
                      r"|prevail\w*|take|takes|shall|will)\b|,|:)", _I)
_LATER_FIRST = re.compile(r"\blater\s+genoemde\b[^.;]{0,40}\bboven\b|\blatter\b[^.;]{0,30}\bprevail", _I)
_GENERAL_TERMS_TITLE = re.compile(r"\b(?:algemene\s+(?:leverings)?voorwaarden|leveringsvoorwaarden|licentievoorwaarden"
                                  r"|gebruiksvoorwaarden|NLdigital|general\s+terms|terms\s+and\s+conditions"
                                  r"|terms\s+of\s+(?:service|use))\b", _I)

_NUMBER = r"\d{1,3}(?:\.\d{1,3})*(?:\s*,?\s*(?:lid\s+\d{1,2}|(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende)\s+lid))?"
_ARTICLE_LIST = r"(?P<list>" + _NUMBER + r"(?:\s*(?:,|en|and|tot\s+en\s+met|t/m|of|or)\s*" + _NUMBER + r")*)"
_CITATION = re.compile(r"\b(?:artikel(?:en)?|art\.|articles?|clauses?)\s*" + _ARTICLE_LIST, _I)
_ARBIT_CITED = re.compile(r"^[\s,]*(?:\(?\s*)?(?:van\s+(?:de\s+)?|of\s+(?:the\s+)?)?" + _ARBIT, _I)
_INTERNAL_CITED = re.compile(r"^\s*(?:van|of)\s+(?:deze|dit|de|het|this|the)\s+(?:overeenkomst|agreement|contract"
                             r"|verwerkersovereenkomst|hoofdovereenkomst)\b", _I)
_DEROGATION = re.compile(r"\b(?:in\s+afwijking\s+van|(?:by\s+way\s+of\s+)?derogation\s+from|in\s+derogation\s+of"
                         r"|notwithstanding|deviating\s+from)\b", _I)
_SET_ASIDE = re.compile(r"\b(?:(?:is|zijn)\s+niet\s+van\s+toepassing|(?:wordt|worden)\s+(?:als\s+volgt\s+gelezen|vervangen"
                        r"|geschrapt)|komt\s+te\s+luiden|komen\s+te\s+luiden|vervalt|vervallen|(?:does|do|shall)\s+not\s+apply"
                        r"|shall\s+read\s+as\s+follows|(?:is|are)\s+(?:replaced|deleted))\b", _I)
_BLANKET = re.compile(r"\b(?:niet\s+van\s+toepassing|(?:does|do|shall)\s+not\s+apply)\s+(?:op|voor|to|for)\s+"
                      r"(?!(?:deze|de|dit|het|this|the)\s+(?:overeenkomst|agreement|contract)\b)", _I)
_SELF_DECLARED = re.compile(r"\b(?:deze|these)\s+(?:algemene\s+)?(?:leverings|licentie|gebruiks)?(?:voorwaarden|terms)\b"
                            r"[^.;]{0,40}\b(?:zijn|is|are|apply|govern)\b", _I)
_SUPPLEMENT = re.compile(r"\b(?:in\s+aanvulling\s+op|aanvullend\s+op|in\s+addition\s+to|supplementing)\b", _I)
_ORDINALS = {"eerste": "1", "tweede": "2", "derde": "3", "vierde": "4", "vijfde": "5", "zesde": "6", "zevende": "7",
             "achtste": "8", "negende": "9", "tiende": "10"}


@dataclass(frozen=True, slots=True)
class Deviation:
    """A listed deviation from one ARBIT article."""

    article: str  # "26", "26.3"
    kind: str  # "derogation" takes the article out; "supplement" adds to it
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class InternalOverride:
    """A clause that derogates from (or switches off) other articles of the same document:
    "In afwijking van artikel 19 van deze Overeenkomst ...", "De artikelen 19.4 en 19.5 ... zijn niet
    van toepassing". For the requirements that clause speaks to, the cited articles no longer decide."""

    document: str
    clause: str | None  # number of the overriding clause
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Incorporation:
    version: str | None = None  # "2022", "2018", ... or None when no version is named
    declared: Evidence | None = None  # the sentence that declares ARBIT applicable
    scope: str = "agreement"  # "agreement", or "processor-agreement" when only a processor agreement declares it
    excluded: Evidence | None = None  # the supplier's own terms excluded
    precedence: Evidence | None = None  # an order of precedence that ranks ARBIT above or below the supplier's documents
    arbit_below: bool = False  # that order puts the supplier's documents above ARBIT
    supplier_terms: tuple[Evidence, ...] = ()  # supplier / NLdigital terms declared applicable or prevailing
    rejected: Evidence | None = None  # ARBIT declared not to apply
    deviations: tuple[Deviation, ...] = ()
    internal_overrides: tuple[InternalOverride, ...] = ()
    subordinate_documents: frozenset[str] = frozenset()  # documents ARBIT prevails over
    set_aside: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)  # requirement -> overridden sentences

    @property
    def governs(self) -> bool:
        """ARBIT-2022 applies and nothing of the supplier's ranks above it."""
        return self.declared is not None and self.version == CURRENT_VERSION and not self.arbit_below \
            and not self.binding_supplier_terms

    @property
    def binding_supplier_terms(self) -> tuple[Evidence, ...]:
        """Supplier terms declared applicable somewhere ARBIT does not prevail over."""
        return tuple(e for e in self.supplier_terms if e.document not in self.subordinate_documents)

    def articles_for(self, requirement: Requirement) -> tuple[str, ...]:
        return requirement.arbit_articles.get(self.version or "", ()) if self.declared is not None else ()

    def deviations_for(self, requirement: Requirement) -> tuple[Deviation, ...]:
        articles = self.articles_for(requirement)
        return tuple(d for d in self.deviations if any(_same_article(d.article, a) for a in articles))

    def remaining_articles(self, requirement: Requirement) -> tuple[str, ...]:
        """The requirement's ARBIT articles that no derogation takes out."""
        taken = [d.article for d in self.deviations_for(requirement) if d.kind == "derogation"]
        return tuple(a for a in self.articles_for(requirement) if not any(_same_article(t, a) for t in taken))


# --- detection ---------------------------------------------------------------------------------

def detect_incorporation(documents: Sequence[ParsedDocument]) -> Incorporation:
    """Find the declaration of ARBIT, its version, the exclusion of the supplier's terms, the order
    of precedence, supplier terms that claim to apply, and the listed deviations, in all documents."""
    declarations: list[Evidence] = []
    version: str | None = None
    found: dict[str, Evidence | None] = {"excluded": None, "precedence": None, "rejected": None}
    arbit_below = False
    supplier_terms: list[Evidence] = []
    deviations: list[Deviation] = []
    overrides: list[InternalOverride] = []
    declaring: set[str] = set()
    for parsed in documents:
        for clause in parsed.clauses:
            for sentence in clause.sentences:
                text = sentence.text
                cite = _Citer(parsed, clause, sentence)
                if _ARBIT_NAME.search(text):
                    declaration = _declaration(text)
                    if declaration is True:
                        declarations.append(cite(Status.MET, "ARBIT declared applicable"))
                        declaring.add(parsed.document.path)
                        match = _VERSION.search(text)
                        version = version or (match.group("year") if match else None)
                    elif declaration is False and found["rejected"] is None:
                        blanket = _BLANKET.search(text)
                        found["rejected"] = cite(Status.PARTIAL if blanket else Status.CONFLICT,
                                                 "ARBIT set aside for part of the supply" if blanket
                                                 else "ARBIT declared not to apply")
                if _SUPPLIER_TERMS.search(text):
                    if _EXCLUDES.search(text):
                        found["excluded"] = found["excluded"] or cite(Status.MET, "the supplier's own terms excluded")
                    elif _PREVAILS.search(text) and not _SUBORDINATED.search(text):
                        supplier_terms.append(cite(Status.CONFLICT, "the supplier's terms declared applicable"))
                if _PRECEDENCE.search(text) and text.strip() != (clause.heading or "").strip():
                    ranking = _ranking(parsed.document.text[sentence.start:clause.end] + "\n" + _children_text(parsed, clause))
                    if ranking is not None and (found["precedence"] is None or ranking == "below"):
                        arbit_below = arbit_below or ranking == "below"
                        found["precedence"] = cite(Status.CONFLICT if ranking == "below" else Status.MET,
                                                   f"order of precedence: ARBIT ranks {ranking} the supplier's documents")
                deviations.extend(_deviations(text, clause, cite))
                override = _internal_override(parsed, clause, text)
                if override is not None:
                    overrides.append(override)
    if not declarations:  # a later clause can still derogate from an earlier one
        return Incorporation(rejected=found["rejected"], internal_overrides=tuple(overrides))
    version = version or _version_in(documents, declaring)
    excluded, precedence = found["excluded"], found["precedence"]
    prevails = excluded is not None or (precedence is not None and not arbit_below)
    return Incorporation(
        version=version, declared=declarations[0],
        scope="agreement" if any(not _PROCESSOR_SCOPE.search(d.text) for d in declarations) else "processor-agreement",
        excluded=excluded, precedence=precedence, arbit_below=arbit_below,
        supplier_terms=tuple(supplier_terms), rejected=found["rejected"], deviations=tuple(deviations),
        internal_overrides=tuple(overrides),
        subordinate_documents=_subordinate(documents, declaring) if prevails else frozenset(),
    )


def _declaration(text: str) -> bool | None:
    """True: ARBIT declared applicable; False: declared not to apply; None: ARBIT only mentioned."""
    match = _DECLARED.search(text)
    if not match:
        return None
    head = _EXCEPTION.split(text[: match.end()])[0]
    if _NEGATION.search(head):
        # "artikel 30 ARBIT is niet van toepassing" is a deviation, not a rejection of ARBIT
        return False if not _CITATION.search(head) else None
    return True


def _ranking(text: str) -> str | None:
    """Whether an order of precedence puts ARBIT "above" or "below" the supplier's documents,
    read from the order in which they are named (the first named prevails)."""
    text = _BETWEEN.sub(" ", text)
    arbit, supplier = _ARBIT_NAME.search(text), _SUPPLIER_DOCUMENT.search(text)
    if arbit is None or supplier is None:
        return None
    above = arbit.start() < supplier.start()
    if _LATER_FIRST.search(text):
        above = not above
    return "above" if above else "below"


def _children_text(parsed: ParsedDocument, clause: Clause) -> str:
    """The list items under a lead-in ("... prevaleert het eerder genoemde document: - ...; - ...")."""
    return "\n".join(child.text for child in parsed.clauses if child.parent == clause.index)


def _deviations(text: str, clause: Clause, cite: _Citer) -> list[Deviation]:
    """ARBIT articles this sentence deviates from: "In afwijking van artikel 26 van de ARBIT-2022",
    "artikel 30 ARBIT is niet van toepassing", "in aanvulling op artikel 32". Inside a section about
    deviations from ARBIT ("Afwijkingen van de ARBIT-2022"), an article without a document counts too."""
    derogation, set_aside, supplement = _DEROGATION.search(text), _SET_ASIDE.search(text), _SUPPLEMENT.search(text)
    if not (derogation or set_aside or supplement):
        return []
    arbit_section = any(_ARBIT_NAME.search(heading) for heading in clause.heading_path)
    triggers = [m.end() for m in (derogation, supplement) if m]
    result: list[Deviation] = []
    for citation in _CITATION.finditer(text):
        after = text[citation.end():citation.end() + 80]
        if _INTERNAL_CITED.match(after):
            continue
        # in a section on deviations from ARBIT an article may go without "van de ARBIT", but only
        # right after the deviation words ("In afwijking van artikel 30 geldt ...")
        adjacent = any(0 <= citation.start() - end <= 25 for end in triggers) or bool(
            set_aside and 0 <= set_aside.start() - citation.end() <= 40)
        if not (_ARBIT_CITED.match(after) or (arbit_section and adjacent)):
            continue
        kind = "supplement" if supplement and not (derogation or set_aside) else "derogation"
        for article in _articles(citation.group("list")):
            note = f"{'supplement to' if kind == 'supplement' else 'deviation from'} ARBIT article {article}"
            result.append(Deviation(article, kind, cite(Status.PARTIAL, note)))
    return result


def _internal_override(parsed: ParsedDocument, clause: Clause, text: str) -> InternalOverride | None:
    if not (_DEROGATION.search(text) or _SET_ASIDE.search(text)):
        return None
    articles: list[str] = []
    for citation in _CITATION.finditer(text):
        if _INTERNAL_CITED.match(text[citation.end():citation.end() + 60]):
            articles.extend(_articles(citation.group("list")))
    return InternalOverride(parsed.document.path, clause.number, tuple(articles)) if articles else None


def _articles(listing: str) -> list[str]:
    """"19.4 en 19.5" -> ["19.4", "19.5"]; "26, derde lid" and "26 lid 3" -> ["26.3"]."""
    result: list[str] = []
    for number, paragraph, ordinal in re.findall(
            r"(\d{1,3}(?:\.\d{1,3})*)(?:\s*,?\s*(?:lid\s+(\d{1,2})|(" + "|".join(_ORDINALS) + r")\s+lid))?", listing, _I):
        lid = paragraph or _ORDINALS.get(ordinal.lower(), "")
        result.append(f"{number}.{lid}" if lid else number)
    return result


def _version_in(documents: Sequence[ParsedDocument], declaring: set[str]) -> str | None:
    """The ARBIT version a declaring document names elsewhere (e.g. in its definitions)."""
    for parsed in documents:
        if parsed.document.path in declaring:
            years = [m.group("year") for m in _VERSION.finditer(parsed.document.text)]
            if years:
                return max(set(years), key=years.count)
    return None


def _subordinate(documents: Sequence[ParsedDocument], declaring: set[str]) -> frozenset[str]:
    """Documents that are the supplier's general terms bundled with the agreement (by their title,
    or because they declare themselves applicable): ARBIT prevails over them."""
    def general_terms(parsed: ParsedDocument) -> bool:
        title = parsed.document.blocks[0].text if parsed.document.blocks else ""
        return bool(_GENERAL_TERMS_TITLE.search(title) or _SELF_DECLARED.search(parsed.document.text[:3000]))

    return frozenset(parsed.document.path for parsed in documents
                     if parsed.document.path not in declaring and general_terms(parsed))


# --- overrides on the matches --------------------------------------------------------------------

def settle_overrides(matches: ContractMatches, library: Library,
                     incorporation: Incorporation) -> tuple[ContractMatches, Incorporation]:
    """Set aside the hits the contract itself overrides, before the findings are assessed:
    sentences of documents ARBIT prevails over (the supplier's general terms), for requirements ARBIT
    covers; and clauses a later clause derogates from ("In afwijking van artikel 19 van deze
    Overeenkomst"), for the requirements the derogating clause speaks to. The set-aside sentences are
    kept on the returned Incorporation, so that the findings can show them."""
    hits: dict[str, tuple[Hit, ...]] = {}
    set_aside: dict[str, tuple[Evidence, ...]] = {}
    for requirement in library.requirements:
        kept, dropped = _settle(requirement, list(matches.hits.get(requirement.id, ())), incorporation)
        hits[requirement.id] = tuple(kept)
        if dropped:
            set_aside[requirement.id] = tuple(hit.evidence for hit in dropped)
    return replace(matches, hits=hits), replace(incorporation, set_aside=set_aside)


def _settle(requirement: Requirement, hits: list[Hit], incorporation: Incorporation) -> tuple[list[Hit], list[Hit]]:
    dropped: list[Hit] = []
    for override in incorporation.internal_overrides:
        if any(hit.evidence.document == override.document and hit.evidence.clause == override.clause for hit in hits):
            dropped += [hit for hit in hits if hit.evidence.document == override.document
                        and hit.evidence.clause != override.clause
                        and any(_same_article(article, _article_of(hit.evidence.clause)) for article in override.articles)]
    covered = requirement.id == PRECEDENCE_ID or incorporation.remaining_articles(requirement)
    if covered and incorporation.subordinate_documents:
        dropped += [hit for hit in hits if hit.evidence.document in incorporation.subordinate_documents]
    return [hit for hit in hits if hit not in dropped], [hit for hit in hits if hit in dropped]


def _article_of(clause_number: str | None) -> str:
    """"19.4(a)" -> "19.4"; "Artikel 19 lid 4" -> "19.4"."""
    match = re.search(r"(\d{1,3}(?:\.\d{1,3})*)(?:\s+lid\s+(\d{1,2}))?", clause_number or "")
    if not match:
        return ""
    return f"{match.group(1)}.{match.group(2)}" if match.group(2) else match.group(1)


# --- findings ------------------------------------------------------------------------------------

def apply_incorporation(requirement: Requirement, finding: Finding, incorporation: Incorporation,
                        language: str = "en") -> Finding:
    """Complete a finding with what the incorporation of ARBIT means for it (see the module doc)."""
    words = _WORDS.get(language, _WORDS["en"])
    if requirement.id == PRECEDENCE_ID:
        finding = _precedence(finding, incorporation, words)
    else:
        finding = _by_reference(requirement, finding, incorporation, words)
    return _with_set_aside(finding, incorporation, words)


def _by_reference(requirement: Requirement, finding: Finding, incorporation: Incorporation,
                  words: dict[str, str]) -> Finding:
    """What ARBIT adds where the contract's own words leave the requirement open (missing), or leave
    out a part of it (partial with only met evidence), and the support it gives a met finding."""
    deviations = incorporation.deviations_for(requirement)
    remaining = incorporation.remaining_articles(requirement)
    version = incorporation.version or ""
    if incorporation.declared is None or incorporation.scope != "agreement":
        return _with_deviations(requirement, finding, deviations, version, words)
    gap = finding.status is Status.PARTIAL and bool(finding.evidence) and all(
        e.role is Status.MET for e in finding.evidence)  # partial only because a part is not shown
    if remaining and (finding.status is Status.MISSING or (gap and incorporation.governs)):
        met = incorporation.governs
        key = "met" if met else ("older" if version != CURRENT_VERSION else "qualified")
        note = words[key].format(version=version, articles=", ".join(remaining))
        status = Status.MET if met else Status.PARTIAL
        declared = _reference(requirement, incorporation.declared, version, status, note)
        finding = replace(finding, status=status, suggestion=None if met else finding.suggestion,
                          evidence=(declared,) + finding.evidence,
                          confidence=REFERENCE_CONFIDENCE if finding.status is Status.MISSING else finding.confidence,
                          explanation=note if finding.status is Status.MISSING else f"{finding.explanation} {note}")
    elif remaining and finding.status is Status.MET and incorporation.governs:
        note = words["supports"].format(version=version, articles=", ".join(remaining))
        reference = _reference(requirement, incorporation.declared, version, Status.MET, note)
        finding = replace(finding, evidence=finding.evidence + (reference,),
                          explanation=f"{finding.explanation} {note}")
    elif not remaining and finding.status is Status.MISSING and any(d.kind == "derogation" for d in deviations):
        explanation = words["unsettled"].format(version=version, articles=_articles_of(deviations),
                                                where=_where(deviations[0].evidence))
        finding = replace(finding, status=Status.PARTIAL, confidence=REFERENCE_CONFIDENCE, evidence=(),
                          explanation=explanation)
    return _with_deviations(requirement, finding, deviations, version, words)


def _reference(requirement: Requirement, declared: Evidence, version: str | None, role: Status, note: str) -> Evidence:
    """The declaration of ARBIT as evidence for one requirement."""
    return replace(declared, requirement_id=requirement.id, role=role, explanation=note,
                   rule=f"{requirement.id}/incorporation/arbit-{version}")


def _with_deviations(requirement: Requirement, finding: Finding, deviations: tuple[Deviation, ...], version: str,
                     words: dict[str, str]) -> Finding:
    if not deviations or (finding.status is Status.MISSING):
        return finding
    evidence = list(finding.evidence)
    notes: list[str] = []
    for deviation in deviations:
        note = words[deviation.kind].format(version=version, article=deviation.article, where=_where(deviation.evidence))
        notes.append(note)
        same = [i for i, e in enumerate(evidence)
                if e.document == deviation.evidence.document and e.start == deviation.evidence.start]
        if same:  # the deviating sentence already decides: say that it is a deviation
            evidence[same[0]] = replace(evidence[same[0]], explanation=f"{note} {evidence[same[0]].explanation}")
        else:
            evidence.append(replace(deviation.evidence, requirement_id=requirement.id, explanation=note,
                                    rule=f"{requirement.id}/incorporation/{deviation.kind}-art-{deviation.article}"))
    return replace(finding, evidence=tuple(evidence), explanation=f"{finding.explanation} {' '.join(notes)}".strip())


def _precedence(finding: Finding, incorporation: Incorporation, words: dict[str, str]) -> Finding:
    """ARBIT-PRECEDENCE from the incorporation structure, combined with what the rules found:
    the weakest position decides."""
    position: list[tuple[Status, Evidence, str]] = []  # (role, sentence, key of its explanation)
    for evidence in incorporation.binding_supplier_terms:
        position.append((Status.CONFLICT, evidence, "supplier-terms"))
    if incorporation.rejected is not None:
        blanket = incorporation.rejected.role is Status.PARTIAL
        position.append((incorporation.rejected.role, incorporation.rejected, "blanket" if blanket else "rejected"))
    if incorporation.arbit_below and incorporation.precedence is not None:
        position.append((Status.CONFLICT, incorporation.precedence, "ranked-below"))
    if incorporation.declared is not None:
        version = incorporation.version
        status = Status.MET if version == CURRENT_VERSION else Status.PARTIAL
        position.append((status, incorporation.declared,
                         "declared" if version == CURRENT_VERSION else ("declared-older" if version else "declared-unnamed")))
        if incorporation.excluded is not None:
            position.append((status, incorporation.excluded, "excluded"))
        if incorporation.precedence is not None and not incorporation.arbit_below:
            position.append((status, incorporation.precedence, "ranked-above"))
    if not position:
        return finding
    status = min([role for role, _, _ in position] + ([finding.status] if finding.status is not Status.MISSING else []),
                 key=lambda role: role.rank)
    notes = {key: words[key].format(version=incorporation.version or "") for _, _, key in position}
    by_reference = [replace(e, requirement_id=PRECEDENCE_ID, role=role, explanation=notes[key],
                            rule=f"{PRECEDENCE_ID}/incorporation/{key}") for role, e, key in position]
    merged = sorted(by_reference + list(finding.evidence), key=lambda e: e.role is not status)
    unique: dict[tuple[str, int], Evidence] = {}
    for item in merged:
        unique.setdefault((item.document, item.start), item)
    summary = " ".join(dict.fromkeys(notes[key] for role, _, key in position if role is status))
    explanation = summary if finding.status is Status.MISSING else f"{finding.explanation} {summary}"
    return replace(finding, status=status, evidence=tuple(unique.values()), explanation=explanation.strip(),
                   confidence=max(finding.confidence if finding.status is not Status.MISSING else 0.0, REFERENCE_CONFIDENCE),
                   suggestion=None if status is Status.MET else finding.suggestion)


def _with_set_aside(finding: Finding, incorporation: Incorporation, words: dict[str, str]) -> Finding:
    set_aside = incorporation.set_aside.get(finding.requirement_id, ())
    if not set_aside:
        return finding
    version = incorporation.version or ""
    extra: list[Evidence] = []
    for evidence in set_aside:
        if evidence.document in incorporation.subordinate_documents:
            note = words["set-aside"].format(version=version, document=Path(evidence.document).stem)
        else:
            note = words["derogated"].format(where=_where(evidence))
        extra.append(replace(evidence, explanation=f"{note} {evidence.explanation}"))
    explanation = f"{finding.explanation} {words['set-aside-count'].format(count=len(set_aside))}"
    if finding.status is Status.MISSING:
        return replace(finding, explanation=explanation)  # a missing finding cites no sentences
    return replace(finding, evidence=finding.evidence + tuple(extra), explanation=explanation)


# --- small helpers -------------------------------------------------------------------------------

class _Citer:
    def __init__(self, parsed: ParsedDocument, clause: Clause, sentence: Sentence) -> None:
        self.parsed, self.clause, self.sentence = parsed, clause, sentence

    def __call__(self, role: Status, explanation: str) -> Evidence:
        sentence = self.sentence
        return Evidence(
            requirement_id="", document=self.parsed.document.path, page=self.parsed.document.page_at(sentence.start),
            clause=self.clause.number, heading=self.clause.heading, text=sentence.text, start=sentence.start,
            end=sentence.end, role=role, score=REFERENCE_CONFIDENCE, rule="incorporation", explanation=explanation)


def _same_article(deviation: str, article: str) -> bool:
    """A deviation from 26 touches 26.3, and a deviation from 26.3 touches 26."""
    if not deviation or not article:
        return False
    return deviation == article or deviation.startswith(article + ".") or article.startswith(deviation + ".")


def _where(evidence: Evidence) -> str:
    stem = Path(evidence.document).stem
    return f"{stem} {evidence.clause}" if evidence.clause else stem


def _articles_of(deviations: Sequence[Deviation]) -> str:
    return ", ".join(dict.fromkeys(d.article for d in deviations))


_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "met": "Met by reference: ARBIT-{version} applies to the agreement and covers this requirement in article {articles}.",
        "older": "Partial by reference: ARBIT-{version} applies and covers this requirement in article {articles}, "
                 "but it is an older version than ARBIT-2022.",
        "qualified": "Partial by reference: ARBIT-{version} covers this requirement in article {articles}, but the "
                     "supplier's own terms are declared applicable too, or rank above ARBIT.",
        "supports": "ARBIT-{version} article {articles} applies as well.",
        "unsettled": "Partial: the contract deviates from ARBIT-{version} article {articles} ({where}) and the deviating "
                     "clause does not settle this requirement on its own words; review it.",
        "derogation": "Deviation from ARBIT-{version} article {article} ({where}): judged on the contract's own words.",
        "supplement": "Supplement to ARBIT-{version} article {article} ({where}): the article still applies.",
        "declared": "ARBIT-{version} is declared applicable.",
        "declared-older": "ARBIT-{version} is declared applicable, an older version than ARBIT-2022.",
        "declared-unnamed": "ARBIT is declared applicable without naming its version.",
        "excluded": "The supplier's own terms are excluded.",
        "ranked-above": "The order of precedence puts ARBIT above the supplier's documents.",
        "ranked-below": "The order of precedence puts the supplier's documents above ARBIT.",
        "supplier-terms": "The supplier's own (or NLdigital) terms are declared applicable or prevailing.",
        "rejected": "ARBIT is declared not to apply.",
        "blanket": "ARBIT is set aside for part of the supply, not article by article.",
        "set-aside": "Set aside: ARBIT-{version} prevails over {document}.",
        "derogated": "Set aside: a later clause derogates from {where}.",
        "set-aside-count": "{count} sentence(s) set aside by the contract's order of precedence or derogations.",
    },
    "nl": {
        "met": "Voldaan via verwijzing: de ARBIT-{version} is op de overeenkomst van toepassing en regelt deze eis in "
               "artikel {articles}.",
        "older": "Gedeeltelijk via verwijzing: de ARBIT-{version} is van toepassing en regelt deze eis in artikel "
                 "{articles}, maar dat is een oudere versie dan de ARBIT-2022.",
        "qualified": "Gedeeltelijk via verwijzing: de ARBIT-{version} regelt deze eis in artikel {articles}, maar ook de "
                     "voorwaarden van de leverancier zijn van toepassing verklaard of gaan voor de ARBIT.",
        "supports": "Daarnaast is artikel {articles} ARBIT-{version} van toepassing.",
        "unsettled": "Gedeeltelijk: de overeenkomst wijkt af van artikel {articles} ARBIT-{version} ({where}) en de "
                     "afwijkende bepaling regelt deze eis niet zelf; beoordeel haar.",
        "derogation": "Afwijking van artikel {article} ARBIT-{version} ({where}): beoordeeld op de eigen tekst van de "
                      "overeenkomst.",
        "supplement": "Aanvulling op artikel {article} ARBIT-{version} ({where}): het artikel blijft van toepassing.",
        "declared": "De ARBIT-{version} is van toepassing verklaard.",
        "declared-older": "De ARBIT-{version} is van toepassing verklaard, een oudere versie dan de ARBIT-2022.",
        "declared-unnamed": "De ARBIT is van toepassing verklaard zonder versie.",
        "excluded": "De eigen voorwaarden van de leverancier zijn uitgesloten.",
        "ranked-above": "De rangorde plaatst de ARBIT boven de documenten van de leverancier.",
        "ranked-below": "De rangorde plaatst de documenten van de leverancier boven de ARBIT.",
        "supplier-terms": "De eigen voorwaarden (of de NLdigital Voorwaarden) van de leverancier zijn van toepassing "
                          "verklaard of gaan voor.",
        "rejected": "De ARBIT is buiten toepassing verklaard.",
        "blanket": "De ARBIT is voor een deel van de levering buiten toepassing verklaard, niet per artikel.",
        "set-aside": "Buiten toepassing: de ARBIT-{version} gaat voor {document}.",
        "derogated": "Buiten toepassing: een latere bepaling wijkt af van {where}.",
        "set-aside-count": "{count} zin(nen) buiten toepassing door de rangorde of afwijkingen in de overeenkomst.",
    },
}
