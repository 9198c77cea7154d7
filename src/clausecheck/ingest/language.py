"""Tell English from Dutch by counting each language's most frequent function words."""
from __future__ import annotations

import re

_WORD = re.compile(r"[a-zà-ÿ]+")

_EN = frozenset("the of and to in is that for with as on by this be are or any will shall not you your "
                "we our which from such may has have under these it".split())
_NL = frozenset("de het een van en in is dat voor met als op door deze die zijn of niet u uw wij onze "
                "welke uit zal worden wordt bij naar tot aan ook dan".split())


def detect_language(text: str, sample_chars: int = 20000) -> str:
    """Return "nl" when Dutch function words outnumber English ones, else "en"."""
    words = _WORD.findall(text[:sample_chars].lower())
    english = sum(word in _EN for word in words)
    dutch = sum(word in _NL for word in words)
    return "nl" if dutch > english else "en"
