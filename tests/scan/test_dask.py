"""The Dask executor gives the same stored results as the local process pool."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from clausecheck.cli import cli
from tests.scan.scanhelp import stored_results, table

distributed = pytest.importorskip("distributed")


def test_dask_executor_results_equal_the_local_pool(make_repo, tmp_path: Path) -> None:
    make_repo(12)
    (tmp_path / "repo" / "broken.md").write_bytes(b"\x00")
    repo = str(tmp_path / "repo")
    local_db, dask_db = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"

    local = CliRunner().invoke(cli, ["scan", repo, "--db", str(local_db), "--workers", "2", "--group-by", "folder"])
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=40) as cluster:
        remote = CliRunner().invoke(cli, ["scan", repo, "--db", str(dask_db), "--group-by", "folder",
                                          "--executor", "dask", "--scheduler", cluster.scheduler_address])

    assert local.exit_code == remote.exit_code == 3, (local.output, remote.output)
    assert stored_results(dask_db) == stored_results(local_db)
    assert len(stored_results(dask_db)) > 0
    contracts = "SELECT key, cache_key, verdict, reasons FROM contracts ORDER BY key"
    assert table(dask_db, contracts) == table(local_db, contracts)
    assert table(dask_db, "SELECT path, code, message FROM errors") == table(
        local_db, "SELECT path, code, message FROM errors")
    assert table(dask_db, "SELECT executor, workers, state FROM runs") == [("dask", 2, "finished")]


def test_dask_without_a_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(cli, ["scan", str(tmp_path), "--executor", "dask"])
    assert outcome.exit_code == 2 and "--scheduler" in outcome.output


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path: Path) -> None:
    from clausecheck.errors import ClauseCheckError
    from clausecheck.scan.executors import DaskExecutor

    with pytest.raises(ClauseCheckError, match="cannot connect to the Dask scheduler"):
        DaskExecutor("tcp://127.0.0.1:9", connect_timeout=1)
