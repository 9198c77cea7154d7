"""Where the per-contract work runs: in this process, in a local process pool, or on a Dask
cluster. Each executor yields outcomes as they complete, keeping only a few tasks in flight so
an interrupted scan loses little and memory stays flat on large repositories.
"""
from __future__ import annotations

import importlib
import itertools
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from clausecheck.errors import ClauseCheckError
from clausecheck.scan.worker import ContractOutcome, ContractTask

Work = Callable[[ContractTask], ContractOutcome]
TASKS_IN_FLIGHT_PER_WORKER = 2
DASK_INSTALL_HINT = "install it with: pip install 'clausecheck[dask]'"


class ScanError(ClauseCheckError):
    """The scan cannot go on (a worker died, the cluster is unreachable); a rerun carries on."""

    code = "E400"


class Executor(Protocol):
    name: str
    workers: int

    def run(self, work: Work, tasks: Sequence[ContractTask]) -> Iterator[ContractOutcome]:
        """Run ``work`` on every task, yielding outcomes in completion order."""
        ...

    def close(self) -> None: ...


class InProcessExecutor:
    """One worker: the driver process does the work itself (no start-up or pickling cost)."""

    name = "local"
    workers = 1

    def run(self, work: Work, tasks: Sequence[ContractTask]) -> Iterator[ContractOutcome]:
        for task in tasks:
            yield work(task)

    def close(self) -> None:
        pass


class ProcessPoolScanExecutor:
    """N worker processes on this machine."""

    name = "local"

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def run(self, work: Work, tasks: Sequence[ContractTask]) -> Iterator[ContractOutcome]:
        if not tasks:
            return
        self._pool = ProcessPoolExecutor(max_workers=min(self.workers, len(tasks)), initializer=_ignore_interrupts)
        queue = iter(tasks)
        pending: set[Future[ContractOutcome]] = {
            self._pool.submit(work, task) for task in itertools.islice(queue, self.workers * TASKS_IN_FLIGHT_PER_WORKER)
        }
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    next_task = next(queue, None)
                    if next_task is not None:
                        pending.add(self._pool.submit(work, next_task))
                    yield future.result()
        except BrokenProcessPool as error:
            raise ScanError("a worker process died (out of memory?)",
                            "rerun the scan to carry on; try fewer --workers") from error

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskExecutor:
    """The workers of a Dask distributed cluster; the files must be readable at the same paths there."""

    name = "dask"

    def __init__(self, address: str, connect_timeout: float = 30) -> None:
        try:
            distributed: Any = importlib.import_module("distributed")
        except ImportError as error:
            raise ClauseCheckError("--executor dask needs the optional Dask dependency", DASK_INSTALL_HINT) from error
        self._distributed = distributed
        try:
            self._client: Any = distributed.Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError) as error:
            raise ScanError(f"cannot connect to the Dask scheduler at {address}: {error}",
                            "check --scheduler (e.g. tcp://host:8786) and that the scheduler is running") from error
        self.workers = max(1, sum(self._client.nthreads().values()))

    def run(self, work: Work, tasks: Sequence[ContractTask]) -> Iterator[ContractOutcome]:
        if not tasks:
            return
        queue = iter(tasks)
        first = [self._client.submit(work, task, pure=False)
                 for task in itertools.islice(queue, self.workers * TASKS_IN_FLIGHT_PER_WORKER)]
        completed = self._distributed.as_completed(first, loop=self._client.loop)
        try:
            for future in completed:
                next_task = next(queue, None)
                if next_task is not None:
                    completed.add(self._client.submit(work, next_task, pure=False))
                try:
                    outcome = future.result()
                except Exception as error:  # the work itself never raises: the cluster lost the task
                    raise ScanError(f"a Dask task failed: {type(error).__name__}: {error}",
                                    "check the workers' logs, then rerun the scan to carry on") from error
                yield outcome
        finally:
            for future in list(completed.futures):
                future.cancel()

    def close(self) -> None:
        self._client.close()


def make_executor(kind: str, workers: int, scheduler: str | None) -> Executor:
    if kind == "dask":
        if not scheduler:
            raise ClauseCheckError("--executor dask needs --scheduler ADDRESS", "e.g. --scheduler tcp://host:8786")
        return DaskExecutor(scheduler)
    if kind != "local":
        raise ClauseCheckError(f"unknown executor '{kind}'", "use local or dask")
    return InProcessExecutor() if workers == 1 else ProcessPoolScanExecutor(workers)


def _ignore_interrupts() -> None:
    """Ctrl-C reaches the whole process group; only the driver should act on it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
