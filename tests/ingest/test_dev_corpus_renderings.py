"""Every dev-corpus document parses in each of its renderings (.md, .pdf, .docx), the PDF and DOCX
renderings hold at least 95% of the Markdown's sentences inside one clause, no running header or
footer reaches a clause, and the clause tree is the same in all three."""
from __future__ import annotations

import re
from functools import lru_cache

import pytest

from clausecheck.ingest.base import ReadOptions
from clausecheck.model import ParsedDocument
from clausecheck.pipeline import parse

from tests.conftest import DEV_CORPUS as CORPUS
DOCUMENTS = sorted(path.stem for path in CORPUS.glob("*.md")) if CORPUS.is_dir() else []
MIN_FOUND = 0.95

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not DOCUMENTS, reason=f"dev corpus not found at {CORPUS}"),
]

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MARKUP = re.compile(r"[*_#`>\[\]!~\\]")
_SPACES = re.compile(r"\s+")
_PAGE_FOOTER = re.compile(r"(?:^|\n)Page \d+(?:\n|$)")


def normalise(text: str) -> str:
    """Lower case, one kind of quote and dash, no Markdown markup characters, single spaces."""
    text = _BREAK_TAG.sub(" ", text.lower().translate(_QUOTES))
    text = _MARKUP.sub("", text).replace("|", " ")
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=None)
def parsed(name: str, suffix: str, engine: str = "pdfium") -> ParsedDocument:
    return parse(CORPUS / f"{name}{suffix}", ReadOptions(pdf_engine=engine))


@pytest.mark.parametrize("suffix", [".md", ".pdf", ".docx"])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_rendering_parses_into_clauses(name: str, suffix: str) -> None:
    document = parsed(name, suffix)
    assert document.clauses
    assert document.document.language == "en"
    assert document.document.warnings == ()
    if suffix == ".pdf":
        assert document.document.pages and document.document.pages > 0
        assert all(clause.pages for clause in document.clauses)


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_rendering_holds_the_markdown_sentences(name: str, suffix: str) -> None:
    sentences = [normalise(sentence.text) for clause in parsed(name, ".md").clauses for sentence in clause.sentences]
    sentences = [sentence for sentence in sentences if len(sentence) > 3]
    clause_texts = [normalise(clause.text) for clause in parsed(name, suffix).clauses]
    missing = [sentence for sentence in sentences if not any(sentence in text for text in clause_texts)]
    found = 1 - len(missing) / len(sentences)
    assert found >= MIN_FOUND, f"{found:.1%} found; first missing: {missing[:3]}"


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_running_header_or_footer_inside_a_clause(name: str, engine: str) -> None:
    if engine == "pdfplumber" and name not in DOCUMENTS[:2]:
        pytest.skip("pdfplumber is slow; two documents show the same layout rules")
    header = f"{name} - supplier terms"
    for clause in parsed(name, ".pdf", engine).clauses:
        assert header not in clause.text, clause.number
        assert not _PAGE_FOOTER.search(clause.text), clause.number


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_clause_tree_is_the_same_in_every_rendering(name: str, suffix: str) -> None:
    expected = [(clause.number, clause.heading_path, clause.level) for clause in parsed(name, ".md").clauses]
    actual = [(clause.number, clause.heading_path, clause.level) for clause in parsed(name, suffix).clauses]
    assert actual == expected
