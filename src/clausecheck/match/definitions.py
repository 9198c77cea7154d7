"""Defined terms that include the outputs: "Content means Input and Output together",
"(Inputs and Outputs together are "Customer Content")", "Materials (Inputs and Outputs)".

A sentence that uses such a term speaks about outputs too, so rules are matched against the
sentence with an "(outputs)" marker appended; evidence keeps the sentence as written.
"""
from __future__ import annotations

import re

_TERM = r"[“\"']\s*(?P<term>[A-Z][\w-]*(?:\s[A-Z][\w-]*){0,2})\s*[”\"']"
_MEANS = re.compile(_TERM + r"\s+(?:means|shall\s+mean|refers\s+to|includes?|betekent|omvat)\b(?P<body>[^.“\"]{0,220})")
# only terms for material: "Customer Data", "Content", "Materials" - not "Customer Claim" or "Personal Data Breach"
_MATERIAL_NAME = re.compile(r"\b(?:content|data|materials?|information|submissions?|assets|inhoud|gegevens|materialen)$",
                            re.IGNORECASE)
_PERSONAL = re.compile(r"\b(?:personal|persoons)", re.IGNORECASE)
_OUTPUT_WORDS = re.compile(r"\b(?:outputs?|generated|generates|uitvoer|gegenereerde?)\b", re.IGNORECASE)
_TOGETHER = re.compile(r"\b(?:inputs?\s+and\s+outputs?|outputs?\s+and\s+inputs?|invoer\s+en\s+uitvoer)\b[^()]{0,40}?"
                       + _TERM, re.IGNORECASE)
_BRACKETED = re.compile(r"\b(?P<term>[A-Z][\w-]*)\s*\(\s*(?:including\s+|i\.e\.\s+)?(?:inputs?\s+and\s+outputs?|"
                        r"outputs?\s+and\s+inputs?|invoer\s+en\s+uitvoer)\s*\)")
_GENERIC = frozenset({"output", "outputs", "uitvoer", "services", "service", "agreement", "terms"})

OUTPUT_MARKER = " (outputs)"


def output_terms(text: str) -> tuple[str, ...]:
    """The terms this document defines so that they include outputs."""
    terms: set[str] = set()
    for match in _MEANS.finditer(text):
        if _OUTPUT_WORDS.search(match.group("body")):
            terms.add(match.group("term"))
    for pattern in (_TOGETHER, _BRACKETED):
        for match in pattern.finditer(text):
            terms.add(match.group("term"))
    return tuple(sorted(term for term in terms if term.lower() not in _GENERIC and _MATERIAL_NAME.search(term)
                        and not _PERSONAL.search(term)))


def term_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    if not terms:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")\b")
