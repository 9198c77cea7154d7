"""The immutable values that flow through the pipeline.

ingest -> Document (text + blocks), segment -> Clause tree, match -> Evidence,
assess -> Finding per requirement, report -> Report with a Verdict. Every stage is a plain
function from one of these types to the next; nothing here has behaviour beyond small
derived properties.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum


class Status(str, Enum):
    """How a contract stands on one requirement (see shared/spec/requirements.md)."""

    MET = "met"
    PARTIAL = "partial"
    CONFLICT = "conflict"
    MISSING = "missing"

    @property
    def rank(self) -> int:
        """Weakest first: a buyer is bound to the weakest position the contract takes."""
        return _STATUS_RANK[self]


_STATUS_RANK = {Status.CONFLICT: 0, Status.PARTIAL: 1, Status.MET: 2, Status.MISSING: 3}


class Severity(str, Enum):
    """Whether a requirement decides the verdict (domain catalogue section 4)."""

    BLOCKING = "blocking"
    CONDITIONAL = "conditional"  # blocking when the use case touches people or publishes output
    ADVISORY = "advisory"


class DocFormat(str, Enum):
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"
    MD = "md"
    TXT = "txt"


class BlockKind(str, Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


@dataclass(frozen=True, slots=True)
class Block:
    """A layout unit of extracted text: a paragraph, heading, list item or table row."""

    kind: BlockKind
    text: str
    start: int  # offsets into Document.text
    end: int
    level: int | None = None  # heading level (1 = top) or list nesting depth (0 = top)
    label: str | None = None  # a numbering label the reader knows for certain (Word auto-numbering, <ol>)


@dataclass(frozen=True, slots=True)
class Document:
    """One file as read: its extracted text and the blocks that make it up."""

    path: str
    sha256: str
    format: DocFormat
    language: str  # "en" or "nl"
    text: str
    blocks: tuple[Block, ...]
    page_starts: tuple[int, ...] = ()  # offset in text where page 1, 2, ... begins; empty if unpaginated
    warnings: tuple[str, ...] = ()

    @property
    def pages(self) -> int | None:
        return len(self.page_starts) or None

    def page_at(self, offset: int) -> int | None:
        """The 1-based page that holds the character at ``offset``."""
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int  # offsets into Document.text
    end: int


@dataclass(frozen=True, slots=True)
class Clause:
    """A numbered or headed unit of a contract, with its own text (children excluded)."""

    index: int  # position in ParsedDocument.clauses
    number: str | None  # as a lawyer cites it: "4.2(b)", "Artikel 4 lid 2", "B.3"
    label: str | None  # the clause's own label as printed: "(b)", "4.2", "Artikel 4"
    heading: str | None
    heading_path: tuple[str, ...]  # headings of the enclosing sections, outermost first, own last
    level: int  # depth in the clause tree, 0 = top
    parent: int | None  # index of the parent clause
    text: str
    start: int
    end: int
    pages: tuple[int, ...]
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    document: Document
    clauses: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that decided (or helped decide) a requirement's status."""

    requirement_id: str
    document: str  # Document.path
    page: int | None
    clause: str | None  # Clause.number
    heading: str | None
    text: str
    start: int
    end: int
    role: Status  # met, partial or conflict
    score: float
    rule: str  # "<requirement>/<language>/<rule name>" or another named decision
    explanation: str


@dataclass(frozen=True, slots=True)
class Finding:
    """The status of one requirement for one contract, with the evidence that decided it."""

    requirement_id: str
    title: str
    group: str  # arbit, gdpr or genai
    severity: Severity
    status: Status
    confidence: float
    evidence: tuple[Evidence, ...]
    explanation: str
    suggestion: str | None  # fallback clause a buyer can propose when not met
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What a report keeps of each document it read."""

    path: str
    sha256: str
    format: DocFormat
    language: str
    pages: int | None
    clauses: int
    warnings: tuple[str, ...] = ()


class VerdictStatus(str, Enum):
    COMPLIANT = "compliant"
    NOT_COMPLIANT = "not-compliant"
    NEEDS_REVIEW = "needs-review"


@dataclass(frozen=True, slots=True)
class Verdict:
    status: VerdictStatus
    contracted: bool | None
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """One contract (one or more documents read together) checked against one clause library."""

    tool_version: str
    library_name: str
    library_version: str
    language: str  # language of the contract (of its first document)
    documents: tuple[DocumentInfo, ...]
    findings: tuple[Finding, ...]
    verdict: Verdict
    report_language: str = "en"
    case: dict[str, object] | None = field(default=None, compare=False)
