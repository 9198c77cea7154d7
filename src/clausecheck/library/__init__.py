"""The clause library: requirements as YAML data, loaded, validated and compiled once.

Layout (see clause_library/README.md): ``library.yaml`` holds the library's name, version and
per-language vocabulary (party names, negation and modality cues, pattern macros); every other
``*.yaml`` file holds one requirement; ``<ID>.<lang>.cases.md`` beside it holds its annotated
test clauses.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from clausecheck.model import Severity, Status

GROUPS = ("arbit", "gdpr", "genai")
ACTORS = ("supplier", "customer", "both", "none", "not-customer", "any")
POLARITIES = ("affirmed", "negated", "any")
MODALITIES = ("permission", "obligation", "prohibition", "statement")
OTHER_EVIDENCE = ("keep", "drop", "partial")
MITIGATION_SCOPES = ("section", "document", "contract")


@dataclass(frozen=True, slots=True)
class Rule:
    """One way a sentence can decide a requirement's status."""

    name: str
    status: Status  # the role the matched sentence plays: met, partial or conflict
    when: tuple[re.Pattern[str], ...]  # all must match (in the sentence, or in the clause if scope=clause)
    anchor: re.Pattern[str]  # the action whose actor, negation and modality are checked
    unless: tuple[re.Pattern[str], ...]  # any match in the sentence vetoes the rule
    unless_clause: tuple[re.Pattern[str], ...]  # any match anywhere in the clause vetoes the rule
    downgrade: tuple[re.Pattern[str], ...]  # any match in the sentence makes the role partial
    actor: str  # who must act: supplier, customer, both, none (passive), not-customer, any
    polarity: str  # affirmed, negated or any
    modality: frozenset[str]  # allowed modalities; empty = any
    if_other_evidence: str  # keep; drop (only decides when nothing else fired); partial
    mitigates: str | None  # section/document/contract: turns conflicts in that scope into partial
    scope: str  # sentence or clause
    part: str | None  # which part of a multi-part requirement this evidences
    score: float
    explain: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class LanguageSpec:
    """A requirement's wording and rules in one language."""

    title: str
    description: str
    fallback: str  # a clause the buyer can propose, in our own words
    topic: tuple[str, ...]  # phrases (a trailing * matches any ending) that make a sentence a candidate
    exemplars: dict[Status, tuple[str, ...]]
    rules: tuple[Rule, ...]


@dataclass(frozen=True, slots=True)
class Requirement:
    id: str
    group: str
    severity: Severity
    sources: tuple[str, ...]
    parts: tuple[str, ...]  # met needs met evidence for each of these parts, else partial
    arbit_articles: dict[str, tuple[str, ...]]  # ARBIT version -> articles that cover this requirement
    languages: dict[str, LanguageSpec]
    path: str

    def spec(self, language: str) -> LanguageSpec:
        return self.languages.get(language) or self.languages["en"]

    @property
    def title(self) -> str:
        return self.spec("en").title


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words the cue analysis needs in one language."""

    language: str
    supplier: tuple[str, ...]
    customer: tuple[str, ...]
    both: tuple[str, ...]
    negators: tuple[str, ...]
    right_negators: tuple[str, ...]  # negation after the verb: "is not permitted", Dutch "niet"
    non_negations: tuple[str, ...]  # phrases with a negator that negate nothing: "not limited to"
    permission: tuple[str, ...]
    obligation: tuple[str, ...]
    skip_before_party: tuple[str, ...]  # prepositions and possessive contexts that stop a party being the actor
    agent_markers: tuple[str, ...]  # "by" in passives: "used by us"
    subordinators: tuple[str, ...]  # "if", "indien": a fronted condition whose comma starts the main clause
    participles: tuple[str, ...]  # "submitted by the customer", "door Opdrachtgever aangeleverde": a modifier
    owned_nouns: tuple[str, ...]  # "Customer Data", "your content": the party word is not an actor
    clause_breaks: tuple[str, ...]  # words that start a new clause inside a sentence
    macros: dict[str, str]


@dataclass(frozen=True, slots=True)
class Library:
    name: str
    version: str
    root: str
    requirements: tuple[Requirement, ...]
    vocabularies: dict[str, Vocabulary]
    fingerprint: str = field(default="")  # hash of every file, for incremental scans

    def get(self, requirement_id: str) -> Requirement:
        for requirement in self.requirements:
            if requirement.id == requirement_id:
                return requirement
        raise KeyError(requirement_id)

    def vocabulary(self, language: str) -> Vocabulary:
        return self.vocabularies.get(language) or self.vocabularies["en"]


def library_fingerprint(root: Path) -> str:
    """A hash of every file of the library at ``root``: scans re-analyse when it changes."""
    index = root / "library.yaml"
    digest = hashlib.sha256(index.read_bytes())
    for path in sorted(root.rglob("*.yaml")):
        if path != index:
            digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    for path in sorted(root.rglob("*.cases.md")):
        digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def default_library_path() -> Path:
    """$CLAUSECHECK_LIBRARY, else the library shipped with the package."""
    override = os.environ.get("CLAUSECHECK_LIBRARY")
    if override:
        return Path(override)
    return Path(str(resources.files("clausecheck.clause_library")))


@lru_cache(maxsize=8)
def _load_cached(root: str) -> Library:
    from clausecheck.library.loader import load_directory

    return load_directory(Path(root))


def load_library(path: str | Path | None = None) -> Library:
    """Load, validate and compile the clause library at ``path`` (the shipped one by default)."""
    return _load_cached(str(Path(path or default_library_path()).resolve()))
