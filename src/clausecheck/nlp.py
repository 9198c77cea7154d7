"""spaCy, loaded once per language: blank English and Dutch pipelines with a sentencizer that
knows legal abbreviations. No model download is needed.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer

# Abbreviations whose full stop must not end a sentence ("art. 5", "Acme B.V. shall").
LEGAL_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "en": ("art.", "Art.", "arts.", "e.g.", "i.e.", "Inc.", "Ltd.", "Corp.", "Co.", "B.V.", "N.V.", "S.A.",
           "No.", "no.", "nos.", "cf.", "vs.", "viz.", "para.", "sec.", "Sec.", "subs.", "jo.", "U.S.", "U.K.",
           "approx.", "incl.", "excl.", "p.", "pp.", "Mr.", "Ms.", "Dr.", "St.", "sub.", "cl.", "Cl.", "par.",
           "resp."),
    "nl": ("art.", "Art.", "artt.", "jo.", "o.a.", "i.v.m.", "m.b.t.", "d.d.", "zgn.", "mln.", "nr.", "blz.",
           "bijv.", "b.v.", "B.V.", "N.V.", "t.a.v.", "c.q.", "resp.", "e.d.", "m.u.v.", "i.p.v.", "o.b.v.",
           "z.s.m.", "t.z.t.", "incl.", "excl.", "ca.", "mr.", "dhr.", "mevr.", "jl.", "p.", "Stb.", "Stcrt.",
           "e.g.", "i.e.", "Inc.", "Ltd.", "sub.", "Jo.", "vs.", "nl."),
}


@lru_cache(maxsize=4)
def pipeline(language: str) -> "Language":
    """A blank pipeline for ``language`` ("en" or "nl") with a legal-aware sentencizer."""
    import spacy
    from spacy.symbols import ORTH

    nlp = spacy.blank(language)
    tokenizer = cast("Tokenizer", nlp.tokenizer)  # spaCy types it as a plain callable
    for abbreviation in LEGAL_ABBREVIATIONS.get(language, ()):
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.add_pipe("sentencizer")
    return nlp


def sentence_spans(texts: list[str], language: str) -> list[list[tuple[int, int]]]:
    """For each text, the (start, end) character spans of its sentences, trimmed of whitespace."""
    nlp = pipeline(language)
    result: list[list[tuple[int, int]]] = []
    for doc in nlp.pipe(texts, batch_size=256):
        spans: list[tuple[int, int]] = []
        for sentence in doc.sents:
            start, end = sentence.start_char, sentence.end_char
            text = doc.text
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
        result.append(_join_lowercase_starts(doc.text, _reattach_openers(doc.text, spans)))
    return result


def _join_lowercase_starts(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A "sentence" that starts with a lower-case letter continues the one before: the full stop
    was an abbreviation the tokenizer does not know ("approx. two weeks", "cf. clause 4")."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and text[start].islower():
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


_OPENERS = "“‘\"'(["


def _reattach_openers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentencizer leaves an opening quote or bracket at the end of the sentence before it
    ('... (“Customer”). “Supplier” means ...'); move it to the sentence it opens."""
    fixed = list(spans)
    for position in range(len(fixed) - 1):
        start, end = fixed[position]
        moved = end
        while moved > start + 1 and text[moved - 1] in _OPENERS and (moved - 2 < start or text[moved - 2].isspace()):
            moved -= 1
            while moved > start and text[moved - 1].isspace():
                moved -= 1
        if moved != end:
            next_start, next_end = fixed[position + 1]
            opener = moved
            while opener < end and text[opener].isspace():
                opener += 1
            fixed[position] = (start, moved)
            fixed[position + 1] = (opener, next_end)
    return fixed
