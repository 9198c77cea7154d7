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
        owned = _phrases(vocabulary.owned_nouns)
        # "the content you provide": a party right after a noun starts a reduced relative clause
        self._noun_before = re.compile(rf"(?:^|\W)(?:{owned})\s*$", re.IGNORECASE)
        # "we will give you notice": a party right after such a verb is its indirect object, unless an
        # infinitive follows that the party performs ("grant you a licence to use")
        self._object_verb_before = re.compile(
            r"(?:^|\W)(?:give|gives|giving|given|provide|provides|providing|send|sends|sending|offer|offers|"
            r"owe|owes|show|shows|tell|tells|pay|pays|charge|charges|bill|bills|email|e-mail)\s*$", re.IGNORECASE)
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
        # "If ...", "Ook als ...", "Even where ...": a fronted condition, possibly after one adverb
        self._subordinate = re.compile(rf"^\s*(?:[\w-]+\s+)?(?:{_phrases(vocabulary.subordinators)})(?![\w-])",
                                       re.IGNORECASE)
        # "... and is not obliged to ...": a coordinated clause with its own finite verb ends the action's clause
        self._coordinated = re.compile(
            r"\s(?:and|or|but|en|of|maar)\s+(?:is|are|will|shall|may|must|zijn|is|zal|zullen|mag|mogen|kan|kunnen|"
            r"moet|moeten|heeft|hebben|wordt|worden|blijft|blijven)\b", re.IGNORECASE)
        # "You agree that ...", "stemt ermee in dat ...": the party agrees; it does not perform the action
        self._agrees_that = re.compile(
            r"\b(?:agrees?|acknowledges?|accepts?|understands?|consents?|confirms?|recogni[sz]es?)\s+(?:and\s+\w+\s+)?"
            r"that\b|\b(?:stemt|stemmen|gaat|gaan|erkent|erkennen|aanvaardt|aanvaarden|begrijpt|begrijpen|bevestigt|"
            r"bevestigen)\b[^,;]{0,40}\bdat\b", re.IGNORECASE)
        self._grant = re.compile(r"\b(?:grants?|granted|gives?|allows?|permits?|enables?|authori[sz]es?|verleent|"
                                 r"verlenen|geeft|geven|gunt|staat\s+toe|staan\s+toe)\b", re.IGNORECASE)
        self._subject_first = vocabulary.language == "nl"  # Dutch main clauses: subject first or right after the verb
        self._permission = re.compile(rf"(?<![\w-])(?:{_phrases(vocabulary.permission)})(?![\w-])", re.IGNORECASE)
        self._obligation = re.compile(rf"(?<![\w-])(?:{_phrases(vocabulary.obligation)})(?![\w-])", re.IGNORECASE)

    def analyse(self, sentence: str, anchor_start: int, anchor_end: int) -> Cues:
        window_start = self._window_start(sentence, anchor_start)
        window_end = self._window_end(sentence, anchor_end)
        actor, actor_word = self._actor(sentence, anchor_start, anchor_end, window_start)
        left = sentence[window_start:anchor_start]
        right = sentence[anchor_end:window_end]
        # a negator inside a long anchor counts too ("stelt ... niet in kennis")
        left_negation = self._last_negator(sentence[window_start:anchor_end], self._negator)
        if left_negation is not None and _WITHOUT.search(sentence, window_start + left_negation.end(), anchor_start):
            negation = None  # "will not engage X without giving notice": the action after "without" is required
        else:
            negation = left_negation or self._last_negator(right, self._right_negator)
        negator = negation.group(0) if negation else None
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
        opened_by_subordinate = bool(self._subordinate.match(sentence))
        for match in self._break.finditer(sentence, 0, anchor_start):
            start = match.end()
            opened_by_subordinate = bool(self._subordinate.match(match.group(0)))
        # "If the Customer does not pay, we may suspend ...": the fronted condition ends at its comma
        if opened_by_subordinate:
            comma = sentence.rfind(",", start, anchor_start)
            if comma != -1:
                start = comma + 1
        return start

    def _window_end(self, sentence: str, anchor_end: int) -> int:
        ends = [match.start() for match in (self._break.search(sentence, anchor_end),
                                             self._coordinated.search(sentence, anchor_end)) if match]
        return min(ends) if ends else len(sentence)

    def _last_negator(self, text: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """The last negator in ``text``, ignoring phrases that negate nothing ("not limited to")."""
        masked = self._non_negation.sub(lambda m: " " * len(m.group(0)), text)
        matches = list(pattern.finditer(masked))
        return matches[-1] if matches else None

    def _modality(self, text: str) -> tuple[str, str] | None:
        best: tuple[int, str, str] | None = None
        for pattern, kind in ((self._permission, "permission"), (self._obligation, "obligation")):
            for match in pattern.finditer(text):
                if best is None or match.start() > best[0]:
                    best = (match.start(), match.group(0), kind)
        return (best[1], best[2]) if best else None

    def _actor(self, sentence: str, anchor_start: int, anchor_end: int, window_start: int) -> tuple[str, str | None]:
        eligible: list[re.Match[str]] = []
        for match in reversed(list(self._parties.finditer(sentence, 0, anchor_start))):
            between = sentence[match.end():anchor_start]
            before = sentence[max(0, match.start() - 30):match.start()]
            if self._agrees_that.search(between) or (self._agrees_that.search(before + " ... dat")
                                                     and re.search(r"\bdat\b", between)):
                break  # the action sits in a "that"-clause without a party of its own: passive
            after = sentence[match.end():match.end() + 40]
            if self._owned_after.match(after) or self._participle_after.match(after):
                continue
            if self._participle_agent.search(before):
                continue
            if _DUTCH_RELATIVE.search(before):
                continue  # Dutch relative clause: "de gegevens die Opdrachtgever invoert"
            if self._relative_before.search(before) and self._relative_after.match(between):
                continue
            if self._noun_before.search(before) and not self._subject_first:
                continue
            if self._object_verb_before.search(before) and not re.search(r"\bto\s+\w+", between):
                continue
            if self._agent_before.search(before):
                return match.lastgroup or "none", match.group(0)
            if self._skip_before.search(before):
                continue
            eligible.append(match)
        if not eligible:
            if self._subject_first:  # inverted order: "... verwijdert Verwerker alle gegevens"
                inverted = self._parties.match(sentence, anchor_end + 1 if sentence[anchor_end:anchor_end + 1] == " " else anchor_end)
                if inverted:
                    return inverted.lastgroup or "none", inverted.group(0)
            return "none", None
        chosen = eligible[0]  # the nearest party to the left
        if self._subject_first:
            in_clause = [m for m in eligible if m.start() >= window_start]
            if in_clause:
                first = in_clause[-1]  # the first party of the action's clause is its subject ...
                # ... unless it grants a right that a later party exercises ("verleent Opdrachtnemer het recht")
                if not self._grant.search(sentence[first.end():chosen.start()]):
                    chosen = first
        return chosen.lastgroup or "none", chosen.group(0)


_WITHOUT = re.compile(r"\b(?:without|zonder)\b", re.IGNORECASE)
_DUTCH_RELATIVE = re.compile(r"(?:^|\W)(?:die|welke)\s*$", re.IGNORECASE)

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
