"""Questions over a scan store, such as "which contracts allow training on our prompts":
requirement results filtered by requirement, status, verdict and contract name."""
from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from clausecheck.errors import ClauseCheckError
from clausecheck.scan.store import ScanStore


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    document: str
    page: int | None
    clause: str | None
    text: str
    role: str


@dataclass(frozen=True, slots=True)
class ResultRow:
    contract: str
    verdict: str
    requirement: str
    title: str
    status: str
    confidence: float | None
    evidence: tuple[EvidenceRow, ...]


@dataclass(frozen=True, slots=True)
class ResultFilter:
    requirements: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    verdicts: tuple[str, ...] = ()
    contract_contains: str | None = None


def find_results(store: ScanStore, where: ResultFilter) -> list[ResultRow]:
    """Requirement results of the stored contracts that pass every filter, by contract then requirement."""
    _check_requirements(store, where.requirements)
    clauses: list[str] = []
    parameters: list[object] = []
    for column, values in (("r.requirement_id", where.requirements), ("r.status", where.statuses),
                           ("c.verdict", where.verdicts)):
        if values:
            clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
            parameters.extend(values)
    if where.contract_contains:
        clauses.append("instr(lower(c.key), lower(?)) > 0")
        parameters.append(where.contract_contains)
    condition = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = store.connection.execute(
        "SELECT c.id, c.key, c.verdict, r.requirement_id, r.title, r.status, r.confidence FROM results r"
        f" JOIN contracts c ON c.id = r.contract_id {condition} ORDER BY c.key, r.requirement_id",
        parameters).fetchall()
    evidence = _evidence(store, [(row[0], row[3]) for row in rows])
    return [ResultRow(key, verdict, requirement, title, status, confidence,
                      tuple(evidence.get((contract_id, requirement), ())))
            for contract_id, key, verdict, requirement, title, status, confidence in rows]


def _evidence(store: ScanStore, keys: Sequence[tuple[int, str]]) -> dict[tuple[int, str], list[EvidenceRow]]:
    wanted = set(keys)
    found: dict[tuple[int, str], list[EvidenceRow]] = {}
    if not wanted:
        return found
    contract_ids = sorted({contract_id for contract_id, _ in wanted})
    for start in range(0, len(contract_ids), 500):  # stay under SQLite's limit on bound parameters
        chunk = contract_ids[start:start + 500]
        for contract_id, requirement, document, page, clause, text, role in store.connection.execute(
                "SELECT contract_id, requirement_id, document, page, clause, text, role FROM evidence"
                f" WHERE contract_id IN ({', '.join('?' for _ in chunk)}) ORDER BY contract_id, requirement_id,"
                " position", chunk):
            if (contract_id, requirement) in wanted:
                found.setdefault((contract_id, requirement), []).append(
                    EvidenceRow(document, page, clause, text, role))
    return found


def _check_requirements(store: ScanStore, requirements: Sequence[str]) -> None:
    known = [row[0] for row in store.connection.execute("SELECT DISTINCT requirement_id FROM results")]
    for requirement in requirements:
        if requirement not in known:
            guess = difflib.get_close_matches(requirement, known, n=1, cutoff=0.5)
            hint = f"did you mean {guess[0]}?" if guess else f"known: {', '.join(sorted(known)) or '(none yet)'}"
            raise ClauseCheckError(f"no results for requirement {requirement} in {store.path}", hint)
