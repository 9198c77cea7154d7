"""The HTML reader: main text only, page chrome dropped, headings, list labels and table rows kept."""
from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.ingest import read_document
from clausecheck.model import BlockKind, Document
from clausecheck.segment import segment

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Terms - Acme</title>
<style>.x { color: red }</style><script>window.track = "tracking code";</script></head>
<body>
<div id="cookie-consent" class="banner">We use cookies. Accept all cookies?</div>
<header class="site-header"><a href="/">Acme home</a></header>
<nav aria-label="Main menu"><ul><li>Products</li><li>Pricing</li></ul></nav>
<main>
  <h1>Terms of Service</h1>
  <p>These terms apply to <strong>every</strong> use of the Acme service.</p>
  <h2>1. Data</h2>
  <ol>
    <li>We process Customer Data only on your instructions.
      <ol type="a"><li>in the European Union;</li><li>for the term of the agreement.</li></ol>
    </li>
    <li value="5">We do not train models on Customer Data.</li>
  </ol>
  <ol start="3" type="i"><li>Third roman item.</li></ol>
  <ol style="list-style: none"><li>4.1 Numbered by hand.</li></ol>
  <ul><li>A bullet point without a number.</li></ul>
  <h2>2. Subprocessors</h2>
  <table><tr><th>Name</th><th>Location</th></tr><tr><td>Acme Cloud</td><td>Amsterdam<br>NL</td></tr></table>
  <p hidden>Hidden paragraph.</p>
  <p style="display: none">Invisible paragraph.</p>
  <p>Contact &amp; notices: legal@acme.example &#8211; in writing.</p>
</main>
<aside>Related articles</aside>
<footer>Copyright Acme 2025</footer>
<noscript>Enable JavaScript</noscript>
</body></html>
"""


@pytest.fixture
def page(tmp_path: Path) -> Document:
    path = tmp_path / "terms.html"
    path.write_text(PAGE, encoding="utf-8")
    return read_document(path)


def test_main_text_is_kept_and_chrome_dropped(page: Document) -> None:
    for chrome in ("cookies", "Acme home", "Products", "Related articles", "Copyright", "tracking code", "color",
                   "Hidden paragraph", "Invisible paragraph", "Enable JavaScript", "Terms - Acme"):
        assert chrome not in page.text
    assert "These terms apply to every use of the Acme service." in page.text
    assert "Contact & notices: legal@acme.example – in writing." in page.text


def test_headings_lists_and_tables(page: Document) -> None:
    blocks = [(block.kind, block.level, block.label, block.text) for block in page.blocks]
    assert (BlockKind.HEADING, 1, None, "Terms of Service") in blocks
    assert (BlockKind.HEADING, 2, None, "1. Data") in blocks
    items = [(level, label, text) for kind, level, label, text in blocks if kind is BlockKind.LIST_ITEM]
    assert items == [
        (0, "1.", "1. We process Customer Data only on your instructions."),
        (1, "a.", "a. in the European Union;"),
        (1, "b.", "b. for the term of the agreement."),
        (0, "5.", "5. We do not train models on Customer Data."),
        (0, "iii.", "iii. Third roman item."),
        (0, None, "4.1 Numbered by hand."),
        (0, None, "A bullet point without a number."),
    ]
    rows = [text for kind, _, _, text in blocks if kind is BlockKind.TABLE_ROW]
    assert rows == ["Name | Location", "Acme Cloud | Amsterdam NL"]


def test_html_clause_tree(page: Document) -> None:
    numbers = [clause.number for clause in segment(page).clauses if clause.number]
    assert numbers[:4] == ["1", "1.1", "1.1(a)", "1.1(b)"]
    assert "2" in numbers


def test_body_is_read_when_there_is_no_main_element(tmp_path: Path) -> None:
    path = tmp_path / "plain.htm"
    path.write_bytes("<html><body><nav>Menu</nav><h2>Artikel 1 Definities</h2><p>De Leverancier is Acme B.V. "
                     "en zij verwerkt gegevens.</p><footer>Voettekst</footer></body></html>".encode("cp1252"))
    document = read_document(path)
    assert [block.text for block in document.blocks] == ["Artikel 1 Definities",
                                                         "De Leverancier is Acme B.V. en zij verwerkt gegevens."]
    assert document.language == "nl"


def test_declared_charset_is_used(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    path.write_bytes('<html><head><meta charset="windows-1252"></head><body><p>Geen aansprakelijkheid '
                     'voor schade – tenzij opzet.</p></body></html>'.encode("cp1252"))
    assert "schade – tenzij" in read_document(path).text


def test_local_entities_and_dtds_are_not_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    path = tmp_path / "hostile.html"
    path.write_text(f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]><html><body><p>Before &xxe; after.'
                    f'</p></body></html>')
    assert "TOP-SECRET-CONTENT" not in read_document(path).text
