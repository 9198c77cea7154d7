"""Find the sentences that decide each requirement.

For every document: candidate sentences per requirement come from its topic phrases (a spaCy
Matcher over the sentences) and from rapidfuzz similarity to its exemplar sentences; each rule of
the requirement is then tried on its candidates: all ``when`` patterns must match, no ``unless``
pattern may, and the cue analysis of the anchor (who acts, negation, modality) must fit the rule.
A rule that fires yields a Hit: a role (met / partial / conflict) with its evidence.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from clausecheck.library import Library, Requirement, Rule
from clausecheck.match.candidates import Candidates, find_candidates, near_misses
from clausecheck.match.cues import Cues, CueAnalyzer, analyzer_for, supplier_aliases
from clausecheck.match.definitions import OUTPUT_MARKER, output_terms, term_pattern
from clausecheck.model import Clause, Evidence, ParsedDocument, Sentence, Status


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired on a sentence."""

    requirement_id: str
    rule: Rule
    role: Status
    evidence: Evidence
    section: tuple[str, int]  # (document path, index of the enclosing section clause)
    trace: str  # the cue analysis, for explanations


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A candidate sentence no rule decided, with its similarity to the closest exemplar."""

    requirement_id: str
    similarity: float  # 0..1
    exemplar_status: Status
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ContractMatches:
    documents: tuple[ParsedDocument, ...]
    hits: dict[str, tuple[Hit, ...]]
    near_misses: dict[str, tuple[NearMiss, ...]] = field(default_factory=dict)
    candidates: dict[str, int] = field(default_factory=dict)  # requirement -> number of candidate sentences


def match_contract(documents: Sequence[ParsedDocument], library: Library) -> ContractMatches:
    hits: dict[str, list[Hit]] = {requirement.id: [] for requirement in library.requirements}
    near: dict[str, list[NearMiss]] = {requirement.id: [] for requirement in library.requirements}
    counts: dict[str, int] = {requirement.id: 0 for requirement in library.requirements}
    for parsed in documents:
        language = parsed.document.language
        vocabulary = library.vocabulary(language)
        analyzer = analyzer_for(vocabulary, supplier_aliases(parsed.document.text, vocabulary))
        candidates = find_candidates(parsed, library)
        sections = section_indexes(parsed)
        outputs_alias = term_pattern(output_terms(parsed.document.text))
        for requirement in library.requirements:
            spec = requirement.spec(language)
            sentence_ids = candidates.by_requirement.get(requirement.id, ())
            counts[requirement.id] += len(sentence_ids)
            fired: set[int] = set()
            for rule in spec.rules:
                for sentence_id in _rule_candidates(rule, sentence_ids, candidates):
                    hit = _try_rule(requirement, rule, parsed, candidates, sentence_id, analyzer, sections,
                                    outputs_alias)
                    if hit is not None:
                        hits[requirement.id].append(hit)
                        fired.add(sentence_id)
            if fired:
                continue  # near misses only explain a requirement that nothing decided
            for sentence_id, similarity, status in near_misses(candidates, requirement.id, set(sentence_ids),
                                                               library, language):
                clause, sentence = candidates.sentences[sentence_id]
                near[requirement.id].append(NearMiss(requirement.id, similarity, status, _evidence(
                    requirement.id, parsed, clause, sentence, status, similarity, "fuzzy",
                    "similar to an exemplar, but no rule decided it")))
    return ContractMatches(tuple(documents), {key: tuple(value) for key, value in hits.items()},
                           {key: tuple(value) for key, value in near.items()}, counts)


def _rule_candidates(rule: Rule, sentence_ids: Sequence[int], candidates: Candidates) -> Sequence[int]:
    if rule.scope == "sentence":
        return sentence_ids
    # clause scope: every sentence of a clause that holds a candidate sentence
    clauses = {candidates.sentences[sentence_id][0].index for sentence_id in sentence_ids}
    return [sid for sid, (clause, _) in enumerate(candidates.sentences) if clause.index in clauses]


def _try_rule(requirement: Requirement, rule: Rule, parsed: ParsedDocument, candidates: Candidates,
              sentence_id: int, analyzer: CueAnalyzer, sections: list[int],
              outputs_alias: re.Pattern[str] | None = None) -> Hit | None:
    clause, sentence = candidates.sentences[sentence_id]
    text = sentence.text
    if not rule.anchor.search(text):
        return None
    # a term the document defines to include outputs ("Content") makes the sentence about outputs too
    matched_text = text + OUTPUT_MARKER if outputs_alias is not None and outputs_alias.search(text) else text
    scope_text = _clause_context(parsed, clause) if rule.scope == "clause" else matched_text
    if not all(pattern.search(scope_text) for pattern in rule.when):
        return None
    if any(pattern.search(matched_text) for pattern in rule.unless):
        return None
    if rule.unless_clause and any(pattern.search(clause.text) for pattern in rule.unless_clause):
        return None
    # a sentence may name the action more than once ("you may terminate ... and we may terminate ...")
    for anchor in rule.anchor.finditer(text):
        cues = analyzer.analyse(text, anchor.start(), anchor.end())
        if _fits(rule, cues):
            break
    else:
        return None
    role = rule.status
    note = rule.explain
    if role is not Status.PARTIAL and any(pattern.search(text) for pattern in rule.downgrade):
        role = Status.PARTIAL
        note += " A condition or exception in the same sentence makes it partial."
    trace = f"rule '{rule.name}' on '{anchor.group(0)}': {cues.describe()}"
    evidence = _evidence(requirement.id, parsed, clause, sentence, role, rule.score,
                         f"{requirement.id}/{parsed.document.language}/{rule.name}", note)
    return Hit(requirement.id, rule, role, evidence, (parsed.document.path, sections[clause.index]), trace)


def _clause_context(parsed: ParsedDocument, clause: Clause) -> str:
    """A clause's own text plus its parent's, so that a list item inherits its lead-in
    ("Upon termination, the Supplier shall: (a) return ...; (b) delete ...")."""
    if clause.parent is None:
        return clause.text
    return parsed.clauses[clause.parent].text + "\n" + clause.text


def _fits(rule: Rule, cues: Cues) -> bool:
    if rule.polarity != "any" and rule.polarity != cues.polarity:
        return False
    if rule.modality and cues.modality not in rule.modality:
        return False
    actor = cues.actor
    return {
        "any": True,
        "supplier": actor in ("supplier", "both"),
        "customer": actor == "customer",
        "both": actor == "both",
        "none": actor == "none",
        "not-customer": actor != "customer",
    }[rule.actor]


def _evidence(requirement_id: str, parsed: ParsedDocument, clause: Clause, sentence: Sentence, role: Status,
              score: float, rule: str, explanation: str) -> Evidence:
    heading = clause.heading or (clause.heading_path[-1] if clause.heading_path else None)
    return Evidence(
        requirement_id=requirement_id, document=parsed.document.path,
        page=parsed.document.page_at(sentence.start), clause=clause.number, heading=heading,
        text=sentence.text, start=sentence.start, end=sentence.end, role=role, score=round(score, 3),
        rule=rule, explanation=explanation,
    )


def section_indexes(parsed: ParsedDocument) -> list[int]:
    """For each clause, the index of the section it belongs to: its top-level ancestor, or the one
    below that when the document has a single title clause holding everything."""
    clauses = parsed.clauses
    top: list[int] = []  # the top-level ancestor of each clause
    for clause in clauses:
        top.append(clause.index if clause.parent is None else top[clause.parent])
    title_root = None
    if clauses:
        largest = max(set(top), key=top.count)
        children = sum(1 for c in clauses if c.parent == largest)
        if children >= 2 and top.count(largest) >= 0.5 * len(clauses):
            title_root = largest
    result: list[int] = []
    for clause in clauses:
        current = clause
        while current.parent is not None and current.parent != title_root:
            current = clauses[current.parent]
        result.append(current.index)
    return result
