"""A scan killed with SIGKILL loses nothing it stored, and the next run carries on."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from clausecheck.scan import ScanConfig, run_scan
from tests.scan.scanhelp import stored_results, table

CONTRACTS = 30
KILL_AFTER = 8  # stored contracts

# Runs `clausecheck scan` with every contract slowed down, so the test can kill it mid-scan.
SLOW_SCAN = textwrap.dedent("""
    import multiprocessing, sys, time
    multiprocessing.set_start_method("fork", force=True)  # the workers inherit the slowed function
    import clausecheck.scan.worker as worker
    original = worker.check_parsed
    def slowed(*args, **kwargs):
        time.sleep(0.15)
        return original(*args, **kwargs)
    worker.check_parsed = slowed
    from clausecheck.cli import main
    sys.argv = ["clausecheck", "scan", "--workers", "2", "--quiet", "--db", sys.argv[1], sys.argv[2]]
    main()
""")


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return int(table(db, "SELECT count(*) FROM contracts WHERE cache_key IS NOT NULL")[0][0])
    except Exception:  # the schema is still being created
        return 0


def test_a_killed_scan_resumes_without_duplicates_or_losses(make_repo, tmp_path: Path) -> None:
    make_repo(CONTRACTS)
    repo, db = tmp_path / "repo", tmp_path / "results.sqlite"
    script = tmp_path / "slow_scan.py"
    script.write_text(SLOW_SCAN, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(script), str(db), str(repo)], start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while stored_count(db) < KILL_AFTER and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
    os.killpg(process.pid, signal.SIGKILL)  # the driver and its worker processes
    process.wait()
    if process.stderr:
        process.stderr.close()

    assert table(db, "PRAGMA integrity_check") == [("ok",)]
    kept = {key for (key,) in table(db, "SELECT key FROM contracts WHERE cache_key IS NOT NULL")}
    assert KILL_AFTER <= len(kept) < CONTRACTS
    assert table(db, "SELECT state FROM runs") == [("running",)]

    resumed = run_scan(ScanConfig(paths=(str(repo),)), str(db))

    assert resumed.unchanged == len(kept)
    assert resumed.analysed == CONTRACTS - len(kept)
    assert table(db, "SELECT state FROM runs ORDER BY id") == [("interrupted",), ("finished",)]
    assert table(db, "SELECT count(*) FROM contracts")[0][0] == CONTRACTS
    assert table(db, "SELECT count(*) FROM results")[0][0] == table(
        db, "SELECT count(*) FROM (SELECT DISTINCT contract_id, requirement_id FROM results)")[0][0]
    uninterrupted = tmp_path / "uninterrupted.sqlite"
    run_scan(ScanConfig(paths=(str(repo),)), str(uninterrupted))
    assert stored_results(db) == stored_results(uninterrupted)
