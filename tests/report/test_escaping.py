"""Contract text cannot inject HTML, links or structure into a Markdown report."""
from __future__ import annotations

import pytest

from clausecheck.report.escaping import clean, code, markdown


@pytest.mark.parametrize(("text", "expected"), [
    ("<script>alert(1)</script>", r"\<script\>alert\(1\)\</script\>"),
    ("[click](https://evil.example)", r"\[click\]\(`https://evil.example`\)"),
    ("**bold** _it_ ~~gone~~ `tick`", r"\*\*bold\*\* \_it\_ \~\~gone\~\~ \`tick\`"),
    ("a | b", r"a \| b"),
    ("mail legal@acme.example now", "mail `legal@acme.example` now"),
    ("see www.acme.example.", "see `www.acme.example`."),
    ("cc @bob about #12", r"cc \@bob about \#12"),
    ("1. first", r"1\. first"),
    ("- item", r"\- item"),
    ("# heading", r"\# heading"),
    ("===", r"\==="),
    ("0.85 and 1.5", "0.85 and 1.5"),
    ("&amp; &#60;", r"\&amp; \&#60;"),
    ("$x^2$", r"\$x\^2\$"),
    ("line\nbreak\t\ttabs", "line break tabs"),
])
def test_markdown_escapes_what_would_become_markup(text: str, expected: str) -> None:
    assert markdown(text) == expected


def test_code_spans_outfence_backticks() -> None:
    assert code("a`b") == "``a`b``"
    assert code("`edge`") == "`` `edge` ``"


def test_clean_drops_characters_xml_cannot_hold() -> None:
    assert clean("ok\x00\x07\x1b text\ufffe\n\t") == "ok text\n\t"
