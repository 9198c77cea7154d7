"""Markdown and plain text: headings and numbered lists kept, markup stripped."""
from __future__ import annotations

from pathlib import Path

from clausecheck.ingest import read_document
from clausecheck.model import BlockKind

MARKDOWN = """\
Terms of Service
================

**Last updated:** 2025-01-01

1. Scope
    -----

2. These terms govern the **Services** of [Acme](https://acme.example).

## 3. Data

1. We process data *only* on instructions.
    1. Nested item with `code`.
2. Second item.

Acme B.V.  
Main Street 1  
Amsterdam

| Name | Location |
| --- | --- |
| Acme Cloud<br><br>Hosting | Amsterdam |

* * *

- A bullet.
"""


def test_markdown_blocks(tmp_path: Path) -> None:
    path = tmp_path / "terms.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    blocks = [(block.kind, block.level, block.text) for block in read_document(path).blocks]
    assert blocks == [
        (BlockKind.HEADING, 1, "Terms of Service"),
        (BlockKind.PARAGRAPH, None, "Last updated: 2025-01-01"),
        (BlockKind.HEADING, 2, "1. Scope"),
        (BlockKind.LIST_ITEM, 0, "2. These terms govern the Services of Acme."),
        (BlockKind.HEADING, 2, "3. Data"),
        (BlockKind.LIST_ITEM, 0, "1. We process data only on instructions."),
        (BlockKind.LIST_ITEM, 1, "1. Nested item with code."),
        (BlockKind.LIST_ITEM, 0, "2. Second item."),
        (BlockKind.PARAGRAPH, None, "Acme B.V."),
        (BlockKind.PARAGRAPH, None, "Main Street 1"),
        (BlockKind.PARAGRAPH, None, "Amsterdam"),
        (BlockKind.TABLE_ROW, None, "Name | Location"),
        (BlockKind.TABLE_ROW, None, "Acme Cloud Hosting | Amsterdam"),
        (BlockKind.LIST_ITEM, 0, "A bullet."),
    ]


def test_plain_text_splits_paragraphs_at_blank_lines_and_clause_numbers(tmp_path: Path) -> None:
    path = tmp_path / "terms.txt"
    path.write_text("GENERAL TERMS\n\n1. Scope. These terms apply\nto all orders.\n2. Fees. Fees are due\n"
                    "in 30 days.\n\nArtikel 3 Slotbepaling\n", encoding="cp1252")
    texts = [block.text for block in read_document(path).blocks]
    assert texts == ["GENERAL TERMS", "1. Scope. These terms apply to all orders.", "2. Fees. Fees are due in 30 days.",
                     "Artikel 3 Slotbepaling"]


def test_front_matter_is_metadata_not_text(tmp_path: Path) -> None:
    path = tmp_path / "terms.md"
    path.write_text("---\ntitle: Terms\nlanguage: en\n---\n# Terms\n\nThe text starts here.\n", encoding="utf-8")
    assert [block.text for block in read_document(path).blocks] == ["Terms", "The text starts here."]
