"""Candidate sentences per requirement: a spaCy Matcher over topic phrases, plus sentences whose
wording is close to one of the requirement's exemplars (rapidfuzz)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from clausecheck.library import Library
from clausecheck.model import Clause, ParsedDocument, Sentence, Status
from clausecheck.nlp import pipeline

if TYPE_CHECKING:
    from spacy.matcher import Matcher

FUZZY_MIN_SIMILARITY = 0.72  # token-set similarity (0..1) above which a sentence is a candidate
_MAX_FUZZY_LENGTH = 600  # longer sentences are compared only through their topic phrases


@dataclass(frozen=True, slots=True)
class Candidates:
    sentences: list[tuple[Clause, Sentence]]  # every sentence of the document, in order
    by_requirement: dict[str, tuple[int, ...]]  # requirement -> candidate sentence ids
    similar: dict[str, list[tuple[int, float, Status]]]  # requirement -> (sentence id, similarity, exemplar status)


_MATCHERS: dict[tuple[str, str], "Matcher"] = {}
_EXEMPLARS: dict[tuple[str, str], dict[str, tuple[list[str], list[Status]]]] = {}


def find_candidates(parsed: ParsedDocument, library: Library) -> Candidates:
    language = parsed.document.language
    sentences = [(clause, sentence) for clause in parsed.clauses for sentence in clause.sentences]
    nlp = pipeline(language)
    matcher = _topic_matcher(library, language)
    found: dict[str, set[int]] = {}
    docs = nlp.tokenizer.pipe((sentence.text for _, sentence in sentences), batch_size=512)
    for sentence_id, doc in enumerate(docs):
        for match_id, _, _ in matcher(doc):
            found.setdefault(nlp.vocab.strings[match_id], set()).add(sentence_id)
    similar = _similar_sentences(sentences, library, language)
    for requirement_id, items in similar.items():
        found.setdefault(requirement_id, set()).update(sentence_id for sentence_id, _, _ in items)
    by_requirement = {key: tuple(sorted(value)) for key, value in found.items()}
    return Candidates(sentences, by_requirement, similar)


def _topic_matcher(library: Library, language: str) -> "Matcher":
    key = (library.fingerprint or library.root, language)
    if key not in _MATCHERS:
        from spacy.matcher import Matcher

        nlp = pipeline(language)
        matcher = Matcher(nlp.vocab)
        for requirement in library.requirements:
            patterns = [_token_pattern(nlp, phrase) for phrase in requirement.spec(language).topic]
            matcher.add(requirement.id, [p for p in patterns if p])
        _MATCHERS[key] = matcher
    return _MATCHERS[key]


def _token_pattern(nlp: object, phrase: str) -> list[dict[str, object]]:
    """"train*" -> a token whose lower form starts with "train"; "machine learning" -> two tokens."""
    prefix = phrase.endswith("*")
    tokens = [token.lower_ for token in nlp.make_doc(phrase.rstrip("*").strip())]  # type: ignore[attr-defined]
    pattern: list[dict[str, object]] = [{"LOWER": token} for token in tokens]
    if prefix and pattern:
        pattern[-1] = {"LOWER": {"REGEX": f"^{re.escape(tokens[-1])}"}}
    return pattern


def _similar_sentences(sentences: list[tuple[Clause, Sentence]], library: Library,
                       language: str) -> dict[str, list[tuple[int, float, Status]]]:
    exemplars = _exemplars(library, language)
    texts = [sentence.text.lower() if len(sentence.text) <= _MAX_FUZZY_LENGTH else ""
             for _, sentence in sentences]
    result: dict[str, list[tuple[int, float, Status]]] = {}
    for requirement_id, (choices, statuses) in exemplars.items():
        if not choices:
            continue
        scores = process.cdist(texts, choices, scorer=fuzz.token_set_ratio, score_cutoff=FUZZY_MIN_SIMILARITY * 100,
                               workers=1)
        for sentence_id, row in enumerate(scores):
            best = int(row.argmax())
            if row[best] > 0 and texts[sentence_id]:
                result.setdefault(requirement_id, []).append((sentence_id, float(row[best]) / 100, statuses[best]))
    return result


def _exemplars(library: Library, language: str) -> dict[str, tuple[list[str], list[Status]]]:
    key = (library.fingerprint or library.root, language)
    if key not in _EXEMPLARS:
        table: dict[str, tuple[list[str], list[Status]]] = {}
        for requirement in library.requirements:
            choices: list[str] = []
            statuses: list[Status] = []
            for status, texts in requirement.spec(language).exemplars.items():
                for text in texts:
                    choices.append(text.lower())
                    statuses.append(status)
            table[requirement.id] = (choices, statuses)
        _EXEMPLARS[key] = table
    return _EXEMPLARS[key]
