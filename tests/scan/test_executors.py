"""The executors: every task's outcome exactly once; a dead worker is a clear error."""
from __future__ import annotations

import os

import pytest

from clausecheck.pipeline import CheckOptions
from clausecheck.scan.executors import InProcessExecutor, ProcessPoolScanExecutor, ScanError, make_executor
from clausecheck.scan.worker import ContractOutcome, ContractTask


def echo(task: ContractTask) -> ContractOutcome:
    return ContractOutcome(task.key, None, (), "fingerprint", "0", 0.0, f"host:{os.getpid()}", 0)


def die(task: ContractTask) -> ContractOutcome:
    os._exit(9)


def tasks(count: int) -> list[ContractTask]:
    return [ContractTask(f"/contracts/{number}.md", (f"/contracts/{number}.md",), None, CheckOptions())
            for number in range(count)]


@pytest.mark.parametrize("executor", [InProcessExecutor(), ProcessPoolScanExecutor(2)], ids=["in-process", "pool"])
def test_every_task_comes_back_once(executor: object) -> None:
    try:
        outcomes = list(executor.run(echo, tasks(25)))  # type: ignore[attr-defined]
    finally:
        executor.close()  # type: ignore[attr-defined]
    assert sorted(outcome.key for outcome in outcomes) == sorted(task.key for task in tasks(25))


def test_a_pool_uses_several_processes_and_no_more_than_the_tasks() -> None:
    executor = ProcessPoolScanExecutor(2)
    try:
        workers = {outcome.worker for outcome in executor.run(echo, tasks(40))}
        assert list(executor.run(echo, [])) == []
    finally:
        executor.close()
    assert 1 <= len(workers) <= 2 and f"host:{os.getpid()}" not in workers


def test_a_dead_worker_stops_the_scan_with_a_clear_error() -> None:
    executor = ProcessPoolScanExecutor(2)
    with pytest.raises(ScanError, match="worker process died"):
        try:
            list(executor.run(die, tasks(3)))
        finally:
            executor.close()


def test_one_worker_runs_in_process() -> None:
    assert isinstance(make_executor("local", 1, None), InProcessExecutor)
    assert isinstance(make_executor("local", 3, None), ProcessPoolScanExecutor)


class OtherEngine(InProcessExecutor):
    """Workers whose clause library differs from the driver's."""

    def run(self, work, tasks):  # type: ignore[no-untyped-def]
        for task in tasks:
            outcome = work(task)
            yield ContractOutcome(outcome.key, outcome.report, outcome.errors, "another-library",
                                  outcome.tool_version, outcome.seconds, outcome.worker, outcome.peak_rss_kb)


def test_results_from_workers_with_another_library_are_refused(make_repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from clausecheck.scan import ScanConfig, ScanStore, execute_scan, prepare_scan
    from tests.scan.scanhelp import table

    make_repo(2)
    db = tmp_path / "results.sqlite"
    with ScanStore(db) as store:
        executor = OtherEngine()
        plan = prepare_scan(ScanConfig(paths=(str(tmp_path / "repo"),)), store, executor)
        with pytest.raises(ScanError, match="another-library"):
            execute_scan(plan, store, executor)
    assert table(db, "SELECT state FROM runs") == [("interrupted",)]
    assert table(db, "SELECT count(*) FROM contracts")[0][0] == 0
