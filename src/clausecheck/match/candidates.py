"""Candidate sentences per requirement.

Topic phrases are matched on spaCy tokens: exact phrases with a PhraseMatcher (lower-case form),
phrases ending in ``*`` through a prefix index over the same tokens (spaCy's token Matcher with
REGEX predicates is far slower). Sentences that no topic phrase reaches are compared with every
requirement's exemplars (rapidfuzz); close ones become candidates too. Candidates that no rule
decides are compared with their requirement's exemplars again to report near misses.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from clausecheck.library import Library
from clausecheck.model import Clause, ParsedDocument, Sentence, Status
from clausecheck.nlp import pipeline

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokenizer import Tokenizer

FUZZY_MIN_SIMILARITY = 0.72  # token-set similarity (0..1) above which a sentence is a candidate
_MAX_FUZZY_LENGTH = 600  # longer sentences are compared only through their topic phrases


@dataclass(frozen=True, slots=True)
class Candidates:
    sentences: list[tuple[Clause, Sentence]]  # every sentence of the document, in order
    by_requirement: dict[str, tuple[int, ...]]  # requirement -> candidate sentence ids
    similar: dict[str, list[tuple[int, float, Status]]]  # requirement -> (sentence id, similarity, exemplar status)


@dataclass
class _TopicIndex:
    """Topic phrases of every requirement in one language, ready for matching."""

    phrases: "PhraseMatcher"
    prefixes: dict[str, list[tuple[tuple[str, ...], str, str]]] = field(default_factory=dict)
    # first token (exact, or its prefix when the phrase is a single wildcard word) ->
    # [(exact tokens before the last, last-token prefix, requirement id)]
    prefix_lengths: tuple[int, ...] = ()
    exemplars: dict[str, tuple[list[str], list[Status]]] = field(default_factory=dict)


_INDEXES: dict[tuple[str, str], _TopicIndex] = {}


def find_candidates(parsed: ParsedDocument, library: Library) -> Candidates:
    language = parsed.document.language
    sentences = [(clause, sentence) for clause in parsed.clauses for sentence in clause.sentences]
    nlp = pipeline(language)
    index = _index(library, language)
    found: dict[str, set[int]] = defaultdict(set)
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    docs = tokenizer.pipe((sentence.text for _, sentence in sentences), batch_size=512)
    strings = nlp.vocab.strings
    for sentence_id, doc in enumerate(docs):
        for match_id, _, _ in index.phrases(doc):
            found[strings[match_id]].add(sentence_id)
        if index.prefixes:
            _match_prefixes(index, [token.lower_ for token in doc], sentence_id, found)
    reached = set().union(*found.values()) if found else set()
    similar = _similar_to_exemplars(sentences, reached, index)
    for requirement_id, items in similar.items():
        found[requirement_id].update(sentence_id for sentence_id, _, _ in items)
    return Candidates(sentences, {key: tuple(sorted(value)) for key, value in found.items()}, similar)


def near_misses(candidates: Candidates, requirement_id: str, sentence_ids: set[int], library: Library,
                language: str) -> list[tuple[int, float, Status]]:
    """The closest exemplar of ``requirement_id`` for each of ``sentence_ids``."""
    choices, statuses = _index(library, language).exemplars.get(requirement_id, ([], []))
    result = [(sentence_id, similarity, status) for sentence_id, similarity, status
              in candidates.similar.get(requirement_id, ()) if sentence_id in sentence_ids]
    seen = {sentence_id for sentence_id, _, _ in result}
    if not choices:
        return result
    for sentence_id in sentence_ids - seen:
        text = candidates.sentences[sentence_id][1].text.lower()
        if len(text) > _MAX_FUZZY_LENGTH:
            continue
        best = process.extractOne(text, choices, scorer=fuzz.token_set_ratio,
                                  score_cutoff=FUZZY_MIN_SIMILARITY * 100)
        if best is not None:
            result.append((sentence_id, best[1] / 100, statuses[best[2]]))
    return result


def _match_prefixes(index: _TopicIndex, tokens: list[str], sentence_id: int, found: dict[str, set[int]]) -> None:
    for position, token in enumerate(tokens):
        keys = [token] + [token[:length] for length in index.prefix_lengths if len(token) >= length]
        for key in keys:
            for head, last_prefix, requirement_id in index.prefixes.get(key, ()):
                if not head:  # a single wildcard word: the key itself is the prefix
                    if key != token or token.startswith(last_prefix):
                        found[requirement_id].add(sentence_id)
                    continue
                end = position + len(head)
                if end < len(tokens) and tuple(tokens[position:end]) == head and tokens[end].startswith(last_prefix):
                    found[requirement_id].add(sentence_id)


def _similar_to_exemplars(sentences: list[tuple[Clause, Sentence]], reached: set[int],
                          index: _TopicIndex) -> dict[str, list[tuple[int, float, Status]]]:
    """Sentences no topic phrase reached, close to some requirement's exemplar."""
    unreached = [sentence_id for sentence_id in range(len(sentences)) if sentence_id not in reached
                 and len(sentences[sentence_id][1].text) <= _MAX_FUZZY_LENGTH]
    result: dict[str, list[tuple[int, float, Status]]] = {}
    if not unreached:
        return result
    texts = [sentences[sentence_id][1].text.lower() for sentence_id in unreached]
    for requirement_id, (choices, statuses) in index.exemplars.items():
        if not choices:
            continue
        scores = process.cdist(texts, choices, scorer=fuzz.token_set_ratio,
                               score_cutoff=FUZZY_MIN_SIMILARITY * 100, workers=1)
        for row_number, row in enumerate(scores):
            best = int(row.argmax())
            if row[best] > 0:
                result.setdefault(requirement_id, []).append(
                    (unreached[row_number], float(row[best]) / 100, statuses[best]))
    return result


def _index(library: Library, language: str) -> _TopicIndex:
    key = (library.fingerprint or library.root, language)
    if key not in _INDEXES:
        _INDEXES[key] = _build_index(library, language, pipeline(language))
    return _INDEXES[key]


def _build_index(library: Library, language: str, nlp: "Language") -> _TopicIndex:
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    index = _TopicIndex(matcher)
    lengths: set[int] = set()
    for requirement in library.requirements:
        spec = requirement.spec(language)
        exact = [phrase for phrase in spec.topic if not phrase.endswith("*")]
        if exact:
            matcher.add(requirement.id, [nlp.make_doc(phrase) for phrase in exact])
        for phrase in spec.topic:
            if not phrase.endswith("*"):
                continue
            tokens = [token.lower_ for token in nlp.make_doc(phrase.rstrip("*").strip())]
            if not tokens:
                continue
            head, last = tuple(tokens[:-1]), tokens[-1]
            if head:
                index.prefixes.setdefault(head[0], []).append((head, last, requirement.id))
            else:
                index.prefixes.setdefault(last, []).append(((), last, requirement.id))
                lengths.add(len(last))
        choices: list[str] = []
        statuses: list[Status] = []
        for status, texts in spec.exemplars.items():
            for text in texts:
                choices.append(text.lower())
                statuses.append(status)
        index.exemplars[requirement.id] = (choices, statuses)
    index.prefix_lengths = tuple(sorted(lengths))
    return index
