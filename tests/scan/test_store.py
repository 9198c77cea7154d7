"""The results database: its own schema only, readable while a scan writes."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clausecheck.scan import ScanConfig, ScanStore, run_scan
from clausecheck.scan.store import StoreError


def test_a_reader_sees_committed_contracts_while_a_writer_holds_a_transaction(make_repo, tmp_path: Path) -> None:
    make_repo(3)
    db = tmp_path / "results.sqlite"
    run_scan(ScanConfig(paths=(str(tmp_path / "repo"),)), str(db))
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone() == ("wal",)
    with ScanStore(db) as writer, writer.transaction() as transaction:
        transaction.execute("DELETE FROM contracts")
        with ScanStore(db, readonly=True) as reader:
            assert len(reader.summaries()) == 3


def test_other_databases_are_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.sqlite"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE invoices (id INTEGER)")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="another program"):
        ScanStore(foreign)
    with pytest.raises(StoreError, match="not a clausecheck results database"):
        ScanStore(foreign, readonly=True)
    newer = tmp_path / "newer.sqlite"
    ScanStore(newer).close()
    connection = sqlite3.connect(newer)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    with pytest.raises(StoreError, match="schema version 99"):
        ScanStore(newer)
    text = tmp_path / "text.sqlite"
    text.write_text("not a database at all, just some text that is long enough" * 20)
    with pytest.raises(StoreError, match="not a clausecheck results database"):
        ScanStore(text)
