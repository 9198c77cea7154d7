"""What a sentence says about one action in it: who acts, whether it is negated, and with what
modality ("may", "shall", "mag", "zal").

The analysis is deliberately shallow and explainable. For an *anchor* (the matched action, e.g.
"train"), it looks left for the nearest party word that can be the actor, skipping possessives
("your content"), owned nouns ("Customer Data") and prepositional objects ("to you"), but taking
agents of passives ("used by us"). Negation and modality are read in the anchor's own clause,
which ends at a semicolon or a clause break such as "but", "unless" or "except"; Dutch puts
"niet"/"geen" after the object or the verb ("gebruikt uw gegevens niet"), so negators to the right
of the anchor count too, up to the next break.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from clausecheck.library import Vocabulary


@dataclass(frozen=True, slots=True)
class Cues:
    actor: str  # supplier, customer, both or none
    actor_word: str | None
    negated: bool
    negator: str | None
    modality: str  # permission, obligation, prohibition or statement
    modal_word: str | None

    @property
    def polarity(self) -> str:
        return "negated" if self.negated else "affirmed"

    def describe(self) -> str:
        actor = f"actor {self.actor}" + (f" ('{self.actor_word}')" if self.actor_word else "")
        polarity = f"negated ('{self.negator}')" if self.negated else "affirmed"
        modality = self.modality + (f" ('{self.modal_word}')" if self.modal_word else "")
        return f"{actor}, {polarity}, {modality}"


def _phrases(words: tuple[str, ...]) -> str:
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\.\.\.", r"\b.{0,40}?\b") for w in ordered)


class CueAnalyzer:
    """Compiled cue patterns for one vocabulary plus the supplier names found in a document."""

    def __init__(self, vocabulary: Vocabulary, supplier_aliases: tuple[str, ...] = ()) -> None:
        self.vocabulary = vocabulary
        supplier = vocabulary.supplier + tuple(alias.lower() for alias in supplier_aliases)
        self._parties = re.compile(
            rf"(?<![\w-])(?P<both>{_phrases(vocabulary.both)})(?![\w-])"
            rf"|(?<![\w-])(?P<supplier>{_phrases(supplier)})(?![\w-])"
            rf"|(?<![\w-])(?P<customer>{_phrases(vocabulary.customer)})(?![\w-])",
            re.IGNORECASE,
        )
        self._skip_before = re.compile(rf"(?:^|\W)(?:{_phrases(vocabulary.skip_before_party)})\s*$", re.IGNORECASE)
        self._agent_before = re.compile(rf"(?:^|\W)(?:{_phrases(vocabulary.agent_markers)})\s*$", re.IGNORECASE)
        participles = _phrases(vocabulary.participles)
        # "prompts submitted by the customer" / "door Opdrachtgever aangeleverde gegevens": the party
        # qualifies a noun; it is not the one acting
        self._participle_agent = re.compile(
            rf"(?:^|\W)(?:{participles})\s+(?:{_phrases(vocabulary.agent_markers)})\s*$", re.IGNORECASE)
        self._participle_after = re.compile(rf"^\s+(?:{participles})(?![\w-])", re.IGNORECASE)
        # "content that you delete is removed": the party acts in a relative clause, not in the main one
        self._relative_before = re.compile(r"(?:^|\W)(?:that|which|who|whom|die|dat|welke)\s*$", re.IGNORECASE)
        self._relative_after = re.compile(r"^\s+[\w-]+\s+(?:are|is|was|were|will\s+be|shall\s+be|may\s+be|"
                                          r"can\s+be|wordt|worden|zal\s+worden|zullen\s+worden)\b", re.IGNORECASE)
        self._owned_after = re.compile(rf"^(?:['’]s\b|s['’]|\s+(?:{_phrases(vocabulary.owned_nouns)})\b)",
                                       re.IGNORECASE)
        self._break = re.compile(rf";|\s[–—]\s|(?<![\w-])(?:{_phrases(vocabulary.clause_breaks)})(?![\w-])",
                                 re.IGNORECASE)
        self._negator = re.compile(rf"(?<![\w-])(?:{_phrases(vocabulary.negators)})(?![\w-])|n['’]t\b",
                                   re.IGNORECASE)
        self._right_negator = re.compile(rf"(?<![\w-])(?:{_phrases(vocabulary.right_negators)})(?![\w-])",
                                         re.IGNORECASE)
        self._non_negation = re.compile(rf"(?<![\w-])(?:{_phrases(vocabulary.non_negations)})(?![\w-])",
                                        re.IGNORECASE)
        self._permission = re.compile(rf"(?<![\w-])(?:{_phrases(vocabulary.permission)})(?![\w-])", re.IGNORECASE)
        self._obligation = re.compile(rf"(?<![\w-])(?:{_phrases(vocabulary.obligation)})(?![\w-])", re.IGNORECASE)

    def analyse(self, sentence: str, anchor_start: int, anchor_end: int) -> Cues:
        window_start = self._window_start(sentence, anchor_start)
        window_end = self._window_end(sentence, anchor_end)
        actor, actor_word = self._actor(sentence, anchor_start)
        left = sentence[window_start:anchor_start]
        right = sentence[anchor_end:window_end]
        negator = self._find_negator(left, self._negator) or self._find_negator(right, self._right_negator)
        modal = self._modality(left)
        if modal is None and not self._parties.search(left):
            modal = self._modality(sentence[:anchor_start])  # the clause shares the earlier subject and modal
        modal_word, modality = modal or (None, "statement")
        negated = negator is not None
        if negated and modality in ("permission", "obligation", "statement"):
            modality = "prohibition"
        return Cues(actor, actor_word, negated, negator, modality, modal_word)

    def _window_start(self, sentence: str, anchor_start: int) -> int:
        start = 0
        for match in self._break.finditer(sentence, 0, anchor_start):
            start = match.end()
        return start

    def _window_end(self, sentence: str, anchor_end: int) -> int:
        match = self._break.search(sentence, anchor_end)
        return match.start() if match else len(sentence)

    def _find_negator(self, text: str, pattern: re.Pattern[str]) -> str | None:
        masked = self._non_negation.sub(lambda m: " " * len(m.group(0)), text)
        matches = list(pattern.finditer(masked))
        return matches[-1].group(0) if matches else None

    def _modality(self, text: str) -> tuple[str, str] | None:
        best: tuple[int, str, str] | None = None
        for pattern, kind in ((self._permission, "permission"), (self._obligation, "obligation")):
            for match in pattern.finditer(text):
                if best is None or match.start() > best[0]:
                    best = (match.start(), match.group(0), kind)
        return (best[1], best[2]) if best else None

    def _actor(self, sentence: str, anchor_start: int) -> tuple[str, str | None]:
        candidates = list(self._parties.finditer(sentence, 0, anchor_start))
        for match in reversed(candidates):
            before = sentence[max(0, match.start() - 30):match.start()]
            after = sentence[match.end():match.end() + 40]
            if self._owned_after.match(after) or self._participle_after.match(after):
                continue
            if self._participle_agent.search(before):
                continue
            if self._relative_before.search(before) and self._relative_after.match(sentence[match.end():anchor_start]):
                continue
            if self._agent_before.search(before):
                return match.lastgroup or "none", match.group(0)
            if self._skip_before.search(before):
                continue
            return match.lastgroup or "none", match.group(0)
        return "none", None


_ANALYZERS: dict[tuple[int, tuple[str, ...]], CueAnalyzer] = {}


def analyzer_for(vocabulary: Vocabulary, aliases: tuple[str, ...]) -> CueAnalyzer:
    """A cached analyzer per vocabulary and set of supplier names."""
    key = (id(vocabulary), aliases)
    if key not in _ANALYZERS:
        if len(_ANALYZERS) > 256:
            _ANALYZERS.clear()
        _ANALYZERS[key] = CueAnalyzer(vocabulary, aliases)
    return _ANALYZERS[key]


_SUBJECT = re.compile(r"\b([A-Z][A-Za-z0-9]+(?:\s[A-Z][A-Za-z0-9]+)?)\s+(?:shall|will|may|must|agrees|reserves|"
                      r"undertakes|warrants|zal|mag|moet|verplicht|is\s+gerechtigd|behoudt)\b")


def supplier_aliases(text: str, vocabulary: Vocabulary, minimum: int = 3) -> tuple[str, ...]:
    """Names the supplier goes by in this document: capitalised names that often act as the
    subject of shall/will/may and are not customer words or generic contract nouns."""
    counts: dict[str, int] = {}
    customer = set(vocabulary.customer) | set(vocabulary.both)
    for match in _SUBJECT.finditer(text):
        name = match.group(1)
        lowered = name.lower()
        if lowered in customer or lowered in vocabulary.supplier or lowered in _GENERIC:
            continue
        if any(word in _GENERIC for word in lowered.split()):
            continue
        counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    return tuple(name for name, count in ranked[:2] if count >= minimum)


_GENERIC = frozenset(
    "this these that such the each either neither any all no it they he she we you i if where when "
    "agreement terms services service data information content policy policies party parties affiliate affiliates "
    "subprocessor subprocessors sub-processor recipient discloser user users customer customers controller "
    "processor order section schedule annex appendix exhibit dpa sla fees licensee licensor company "
    "overeenkomst voorwaarden diensten dienst gegevens partij partijen bijlage artikel opdrachtgever "
    "opdrachtnemer leverancier verwerker verwerkingsverantwoordelijke deze die dit het de een elke iedere "
    "outputs inputs output input materials you your".split()
)
