"""The scan store: one SQLite file holding documents, contracts, scan runs, per-requirement
results with their evidence, and per-file errors.

The file is in WAL mode so it can be queried while a scan writes to it. Each contract is written
in one transaction, so a scan killed at any moment leaves every contract it finished intact and
nothing half-written; the next scan skips them and carries on.
"""
from __future__ import annotations

import json
import os
import socket
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from clausecheck.errors import ClauseCheckError
from clausecheck.model import Status
from clausecheck.scan.discover import Contract, inside
from clausecheck.scan.fingerprints import FileState
from clausecheck.scan.library_identity import LibraryIdentity
from clausecheck.scan.worker import ContractOutcome

SCHEMA_VERSION = 1
STATUSES = tuple(status.value for status in Status)

_SCHEMA = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    state TEXT NOT NULL CHECK (state IN ('running', 'finished', 'interrupted')),
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    roots TEXT NOT NULL,                -- JSON list of absolute paths
    group_by TEXT NOT NULL,
    executor TEXT NOT NULL,
    workers INTEGER NOT NULL,
    tool_version TEXT NOT NULL,
    library_name TEXT NOT NULL,
    library_version TEXT NOT NULL,
    library_fingerprint TEXT NOT NULL,
    contracts INTEGER,
    analysed INTEGER,
    unchanged INTEGER,
    with_errors INTEGER,
    peak_worker_rss_kb INTEGER
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER,
    mtime_ns INTEGER,
    sha256 TEXT,
    format TEXT,
    language TEXT,
    pages INTEGER,
    clauses INTEGER
);
CREATE TABLE contracts (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,           -- the file, or the folder whose files make up the contract
    group_by TEXT NOT NULL,
    cache_key TEXT,                     -- equal key on a rescan: nothing to analyse
    seen_run INTEGER REFERENCES runs(id),
    analysed_run INTEGER REFERENCES runs(id),
    analysed_at TEXT,
    seconds REAL,
    worker TEXT,
    tool_version TEXT,
    library_name TEXT,
    library_version TEXT,
    library_fingerprint TEXT,
    verdict TEXT,                       -- NULL when no document could be read
    contracted INTEGER,
    language TEXT,
    reasons TEXT,                       -- JSON list
    report BLOB                         -- zlib-compressed JSON report (report.schema.json)
);
CREATE INDEX contracts_by_seen_run ON contracts(seen_run);
CREATE TABLE contract_documents (
    contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (contract_id, document_id)
);
CREATE INDEX contract_documents_by_document ON contract_documents(document_id);
CREATE TABLE results (
    contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    requirement_id TEXT NOT NULL,
    title TEXT NOT NULL,
    requirement_group TEXT,
    severity TEXT NOT NULL,
    status TEXT NOT NULL,
    confidence REAL,
    explanation TEXT,
    suggestion TEXT,
    PRIMARY KEY (contract_id, requirement_id)
);
CREATE INDEX results_by_requirement ON results(requirement_id, status);
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL,
    requirement_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    document TEXT NOT NULL,
    page INTEGER,
    clause TEXT,
    heading TEXT,
    text TEXT NOT NULL,
    start_offset INTEGER,
    end_offset INTEGER,
    role TEXT NOT NULL,
    score REAL,
    rule TEXT,
    explanation TEXT,
    FOREIGN KEY (contract_id, requirement_id) REFERENCES results(contract_id, requirement_id) ON DELETE CASCADE
);
CREATE INDEX evidence_by_result ON evidence(contract_id, requirement_id);
CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    run_id INTEGER REFERENCES runs(id),
    path TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX errors_by_contract ON errors(contract_id);
"""


class StoreError(ClauseCheckError):
    code = "E401"


@dataclass(frozen=True, slots=True)
class StoredError:
    contract: str
    path: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class ContractSummary:
    """One contract as the overview and the summary CSV show it."""

    id: int
    key: str
    documents: int
    verdict: str | None  # None: no document could be read
    cache_key: str | None
    counts: dict[str, int] = field(default_factory=dict)  # status -> number of requirements
    statuses: dict[str, str] = field(default_factory=dict)  # requirement id -> status
    errors: tuple[StoredError, ...] = ()


@dataclass(frozen=True, slots=True)
class RunRecord:
    id: int
    state: str
    started_at: str
    finished_at: str | None
    roots: tuple[str, ...]
    contracts: int | None
    analysed: int | None
    unchanged: int | None
    with_errors: int | None
    library_version: str
    tool_version: str
    peak_worker_rss_kb: int | None


class ScanStore:
    """The SQLite file a scan writes and ``clausecheck results`` reads."""

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = str(path)
        if readonly:
            if not os.path.isfile(self.path):
                raise StoreError(f"no scan results at {self.path}", "run `clausecheck scan PATH --db FILE` first",
                                 self.path)
            uri = Path(os.path.abspath(self.path)).as_uri() + "?mode=ro"
            self.connection = sqlite3.connect(uri, uri=True, isolation_level=None)
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.connection.execute("PRAGMA busy_timeout = 30000")
        self.connection.execute("PRAGMA foreign_keys = ON")
        try:
            self._prepare(readonly)
        except sqlite3.DatabaseError as error:
            self.connection.close()
            raise StoreError(f"not a clausecheck results database: {error}",
                             "give another --db file name", self.path) from error

    def _prepare(self, readonly: bool) -> None:
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and not readonly:
            tables = self.connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise StoreError("the file is an SQLite database of another program",
                                 "give another --db file name", self.path)
            # WAL lets `clausecheck results` read while a scan writes; NORMAL sync keeps every
            # committed contract through a killed process (not through a power cut).
            self.connection.execute("PRAGMA journal_mode = WAL")
            self.connection.executescript(
                "BEGIN IMMEDIATE;" + _SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
        elif version == 0:
            raise StoreError("not a clausecheck results database", "give the --db file a scan wrote", self.path)
        elif version != SCHEMA_VERSION:
            raise StoreError(f"results database has schema version {version}, this clausecheck needs "
                             f"{SCHEMA_VERSION}", "scan into a new --db file", self.path)
        if not readonly:
            self.connection.execute("PRAGMA synchronous = NORMAL")

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> ScanStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        if not self.connection.in_transaction:
            self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            raise
        if self.connection.in_transaction:
            self.connection.execute("COMMIT")

    # -- what the previous scans left -------------------------------------------------------------

    def known_files(self) -> dict[str, FileState]:
        rows = self.connection.execute(
            "SELECT path, size, mtime_ns, sha256 FROM documents WHERE sha256 IS NOT NULL")
        return {path: FileState(path, size, mtime_ns, sha256) for path, size, mtime_ns, sha256 in rows}

    def cache_keys(self) -> dict[str, str | None]:
        return dict(self.connection.execute("SELECT key, cache_key FROM contracts"))

    # -- runs ----------------------------------------------------------------------------------

    def start_run(self, roots: Sequence[str], group_by: str, executor: str, workers: int, library: LibraryIdentity,
                  tool_version: str) -> int:
        with self.transaction() as db:
            self._close_abandoned_runs(db)
            cursor = db.execute(
                "INSERT INTO runs (started_at, state, host, pid, roots, group_by, executor, workers, tool_version,"
                " library_name, library_version, library_fingerprint) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?)",
                (_now(), socket.gethostname(), os.getpid(), json.dumps(list(roots), ensure_ascii=False), group_by,
                 executor, workers, tool_version, library.name, library.version, library.fingerprint))
            return int(cursor.lastrowid or 0)

    def _close_abandoned_runs(self, db: sqlite3.Connection) -> None:
        """Runs still 'running' whose process is gone were killed; mark them interrupted."""
        host = socket.gethostname()
        rows = db.execute("SELECT id, host, pid FROM runs WHERE state = 'running'").fetchall()
        for run_id, run_host, pid in rows:
            if run_host == host and not _process_alive(pid):
                db.execute("UPDATE runs SET state = 'interrupted' WHERE id = ?", (run_id,))

    def finish_run(self, run_id: int, state: str, contracts: int, analysed: int, unchanged: int,
                   with_errors: int, peak_worker_rss_kb: int | None) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE runs SET state = ?, finished_at = ?, contracts = ?, analysed = ?, unchanged = ?,"
                " with_errors = ?, peak_worker_rss_kb = ? WHERE id = ?",
                (state, _now(), contracts, analysed, unchanged, with_errors, peak_worker_rss_kb, run_id))

    def run(self, run_id: int | None = None) -> RunRecord | None:
        """The given run, or the latest one."""
        query = ("SELECT id, state, started_at, finished_at, roots, contracts, analysed, unchanged, with_errors,"
                 " library_version, tool_version, peak_worker_rss_kb FROM runs ")
        row = (self.connection.execute(query + "WHERE id = ?", (run_id,)).fetchone() if run_id is not None
               else self.connection.execute(query + "ORDER BY id DESC LIMIT 1").fetchone())
        if row is None:
            return None
        return RunRecord(row[0], row[1], row[2], row[3], tuple(json.loads(row[4])), *row[5:])

    # -- writing contracts ----------------------------------------------------------------------

    def mark_unchanged(self, run_id: int, keys: Iterable[str], states: Iterable[FileState]) -> None:
        """Record that these contracts were seen unchanged, and refresh their files' stat records."""
        with self.transaction() as db:
            db.executemany("UPDATE contracts SET seen_run = ? WHERE key = ?", ((run_id, key) for key in keys))
            db.executemany(
                "INSERT INTO documents (path, size, mtime_ns, sha256) VALUES (?, ?, ?, ?) ON CONFLICT(path) DO"
                " UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256",
                ((state.path, state.size, state.mtime_ns, state.sha256) for state in states))

    def save(self, run_id: int, group_by: str, contract: Contract, cache_key: str,
             states: Mapping[str, FileState], outcome: ContractOutcome, library: LibraryIdentity) -> None:
        """Replace everything stored for ``contract`` with ``outcome``, in one transaction."""
        report = outcome.report
        verdict = report["verdict"] if report else None
        infos = {info["path"]: info for info in report["documents"]} if report else {}
        with self.transaction() as db:
            contract_id = db.execute(
                "INSERT INTO contracts (key, group_by) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET"
                " group_by = excluded.group_by RETURNING id", (contract.key, group_by)).fetchone()[0]
            db.execute("DELETE FROM results WHERE contract_id = ?", (contract_id,))
            db.execute("DELETE FROM errors WHERE contract_id = ?", (contract_id,))
            db.execute("DELETE FROM contract_documents WHERE contract_id = ?", (contract_id,))
            db.execute(
                "UPDATE contracts SET cache_key = ?, seen_run = ?, analysed_run = ?, analysed_at = ?, seconds = ?,"
                " worker = ?, tool_version = ?, library_name = ?, library_version = ?, library_fingerprint = ?,"
                " verdict = ?, contracted = ?, language = ?, reasons = ?, report = ? WHERE id = ?",
                (cache_key, run_id, run_id, _now(), outcome.seconds, outcome.worker, outcome.tool_version,
                 library.name, library.version, outcome.library_fingerprint,
                 verdict["status"] if verdict else None,
                 None if not verdict or verdict["contracted"] is None else int(verdict["contracted"]),
                 report["language"] if report else None,
                 json.dumps(verdict["reasons"], ensure_ascii=False) if verdict else None,
                 _compress(report) if report else None, contract_id))
            for position, path in enumerate(contract.files):
                state = states.get(path)
                info = infos.get(path, {})
                document_id = db.execute(
                    "INSERT INTO documents (path, size, mtime_ns, sha256, format, language, pages, clauses)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET size = excluded.size,"
                    " mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, format = excluded.format,"
                    " language = excluded.language, pages = excluded.pages, clauses = excluded.clauses"
                    " RETURNING id",
                    (path, state.size if state else None, state.mtime_ns if state else None,
                     state.sha256 if state else None, info.get("format"), info.get("language"), info.get("pages"),
                     info.get("clauses"))).fetchone()[0]
                db.execute("INSERT INTO contract_documents (contract_id, document_id, position) VALUES (?, ?, ?)",
                           (contract_id, document_id, position))
            for requirement in report["requirements"] if report else ():
                db.execute(
                    "INSERT INTO results (contract_id, requirement_id, title, requirement_group, severity, status,"
                    " confidence, explanation, suggestion) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (contract_id, requirement["id"], requirement["title"], requirement.get("group"),
                     requirement["severity"], requirement["status"], requirement.get("confidence"),
                     requirement.get("explanation"), requirement.get("suggestion")))
                db.executemany(
                    "INSERT INTO evidence (contract_id, requirement_id, position, document, page, clause, heading,"
                    " text, start_offset, end_offset, role, score, rule, explanation)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ((contract_id, requirement["id"], position, item["document"], item.get("page"),
                      item.get("clause"), item.get("heading"), item["text"], item.get("start"), item.get("end"),
                      item["role"], item.get("score"), item.get("rule"), item.get("explanation"))
                     for position, item in enumerate(requirement["evidence"])))
            db.executemany("INSERT INTO errors (contract_id, run_id, path, code, message) VALUES (?, ?, ?, ?, ?)",
                           ((contract_id, run_id, error.path, error.code, error.message) for error in outcome.errors))

    def prune(self, run_id: int, roots: Sequence[str]) -> int:
        """Forget contracts under ``roots`` that this (complete) run did not see: they are gone."""
        stale = [(contract_id,) for contract_id, key, seen in
                 self.connection.execute("SELECT id, key, seen_run FROM contracts")
                 if seen != run_id and inside(key, roots)]
        with self.transaction() as db:
            db.executemany("DELETE FROM contracts WHERE id = ?", stale)
            db.execute("DELETE FROM documents WHERE id NOT IN (SELECT document_id FROM contract_documents)")
        return len(stale)

    # -- reading contracts ----------------------------------------------------------------------

    def summaries(self, run_id: int | None = None) -> list[ContractSummary]:
        """Every contract seen by ``run_id`` (all stored contracts when None), sorted by key."""
        where, parameters = ("WHERE c.seen_run = ?", (run_id,)) if run_id is not None else ("", ())
        rows = self.connection.execute(
            "SELECT c.id, c.key, c.verdict, c.cache_key, (SELECT count(*) FROM contract_documents d"
            f" WHERE d.contract_id = c.id) FROM contracts c {where} ORDER BY c.key", parameters).fetchall()
        statuses: dict[int, dict[str, str]] = {}
        for contract_id, requirement_id, status in self.connection.execute(
                f"SELECT r.contract_id, r.requirement_id, r.status FROM results r JOIN contracts c"
                f" ON c.id = r.contract_id {where} ORDER BY r.requirement_id", parameters):
            statuses.setdefault(contract_id, {})[requirement_id] = status
        errors: dict[int, list[StoredError]] = {}
        for contract_id, key, path, code, message in self.connection.execute(
                f"SELECT e.contract_id, c.key, e.path, e.code, e.message FROM errors e JOIN contracts c"
                f" ON c.id = e.contract_id {where} ORDER BY c.key, e.path", parameters):
            errors.setdefault(contract_id, []).append(StoredError(key, path, code, message))
        summaries = []
        for contract_id, key, verdict, cache, documents in rows:
            own = statuses.get(contract_id, {})
            counts = {status: 0 for status in STATUSES}
            for status in own.values():
                counts[status] = counts.get(status, 0) + 1
            summaries.append(ContractSummary(contract_id, key, documents, verdict, cache, counts, own,
                                             tuple(errors.get(contract_id, ()))))
        return summaries

    def errors(self, run_id: int | None = None) -> list[StoredError]:
        """The file errors of the contracts seen by ``run_id`` (of all contracts when None)."""
        where, parameters = ("WHERE c.seen_run = ?", (run_id,)) if run_id is not None else ("", ())
        return [StoredError(*row) for row in self.connection.execute(
            f"SELECT c.key, e.path, e.code, e.message FROM errors e JOIN contracts c ON c.id = e.contract_id"
            f" {where} ORDER BY c.key, e.path", parameters)]

    def report(self, contract_id: int) -> dict[str, Any] | None:
        """The stored JSON report of a contract (report.schema.json), if any document was read."""
        row = self.connection.execute("SELECT report FROM contracts WHERE id = ?", (contract_id,)).fetchone()
        return json.loads(zlib.decompress(row[0])) if row and row[0] is not None else None


def _compress(report: dict[str, Any]) -> bytes:
    return zlib.compress(json.dumps(report, ensure_ascii=False).encode("utf-8"), 6)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
