"""A scan from start to end: find the contracts, work out which changed, analyse those on an
executor, and store each outcome as it arrives.

Two steps so a caller can show the plan and a progress bar in between:
``prepare_scan`` (discovery, hashing, comparison with the store) and ``execute_scan``.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from clausecheck import __version__
from clausecheck.library import load_library
from clausecheck.pipeline import CheckOptions
from clausecheck.scan.discover import Contract, Discovery, discover
from clausecheck.scan.executors import Executor, ScanError, make_executor
from clausecheck.scan.fingerprints import FileState, cache_key, file_states, options_fingerprint
from clausecheck.scan.library_identity import LibraryIdentity, library_identity
from clausecheck.scan.store import ContractSummary, ScanStore
from clausecheck.scan.worker import ContractOutcome, ContractTask, analyse_contract


@dataclass(frozen=True, slots=True)
class ScanConfig:
    paths: tuple[str, ...]
    group_by: str = "file"
    follow_links: bool = False
    force: bool = False  # analyse every contract, even unchanged ones
    library_path: str | None = None
    options: CheckOptions = CheckOptions()
    exclude: tuple[str, ...] = ()  # the scan's own output files, never taken as contracts


@dataclass(frozen=True, slots=True)
class PlannedContract:
    contract: Contract
    cache_key: str


@dataclass(frozen=True, slots=True)
class ScanPlan:
    run_id: int
    config: ScanConfig
    roots: tuple[str, ...]
    library: LibraryIdentity
    discovery: Discovery
    states: dict[str, FileState]
    to_analyse: tuple[PlannedContract, ...]
    unchanged: int


@dataclass(frozen=True, slots=True)
class ScanResult:
    run_id: int
    summaries: tuple[ContractSummary, ...]  # every contract this run found, analysed or unchanged
    analysed: int
    unchanged: int
    pruned: int  # stored contracts under the roots that no longer exist
    seconds: float
    documents_analysed: int
    pages_analysed: int
    peak_rss_kb_by_worker: dict[str, int] = field(default_factory=dict)

    @property
    def with_errors(self) -> int:
        return sum(1 for summary in self.summaries if summary.errors)

    @property
    def verdicts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for summary in self.summaries:
            name = summary.verdict or "unreadable"
            counts[name] = counts.get(name, 0) + 1
        return counts


def prepare_scan(config: ScanConfig, store: ScanStore, executor: Executor) -> ScanPlan:
    """Find the contracts, hash what changed, and split them into unchanged and to analyse."""
    library = library_identity(config.library_path)
    roots = tuple(os.path.abspath(path) for path in config.paths)
    own_files = (store.path, store.path + "-wal", store.path + "-shm", store.path + "-journal")
    discovery = discover(config.paths, config.group_by, config.follow_links, config.exclude + own_files)
    files = [path for contract in discovery.contracts for path in contract.files]
    states, _ = file_states(files, store.known_files())
    options_digest = options_fingerprint(config.options)
    stored = store.cache_keys()
    to_analyse: list[PlannedContract] = []
    unchanged: list[Contract] = []
    for contract in discovery.contracts:
        key = cache_key(contract.files, states, library, options_digest)
        if not config.force and stored.get(contract.key) == key:
            unchanged.append(contract)
        else:
            to_analyse.append(PlannedContract(contract, key))
    if to_analyse:
        _validate_library(library)
    run_id = store.start_run(roots, config.group_by, executor.name, executor.workers, library, __version__)
    store.mark_unchanged(run_id, (contract.key for contract in unchanged),
                         (states[path] for contract in unchanged for path in contract.files if path in states))
    return ScanPlan(run_id, config, roots, library, discovery, states, tuple(to_analyse), len(unchanged))


def execute_scan(plan: ScanPlan, store: ScanStore, executor: Executor,
                 on_outcome: Callable[[ContractOutcome], None] | None = None) -> ScanResult:
    """Analyse the changed contracts and store each outcome the moment it arrives."""
    started = time.perf_counter()
    planned = {item.contract.key: item for item in plan.to_analyse}
    worker_library = _library_path_for_workers(plan.config, plan.library)
    # Largest first, so no big contract is left running alone at the end while other workers idle.
    largest_first = sorted(plan.to_analyse, key=lambda item: -_size(item.contract, plan.states))
    tasks = [ContractTask(item.contract.key, item.contract.files, worker_library, plan.config.options)
             for item in largest_first]
    analysed = documents = pages = 0
    peaks: dict[str, int] = {}
    finished = False
    try:
        for outcome in executor.run(analyse_contract, tasks):
            _check_same_engine(outcome, plan.library)
            item = planned[outcome.key]
            store.save(plan.run_id, plan.config.group_by, item.contract, item.cache_key, plan.states, outcome,
                       plan.library)
            analysed += 1
            peaks[outcome.worker] = max(peaks.get(outcome.worker, 0), outcome.peak_rss_kb)
            if outcome.report:
                documents += len(outcome.report["documents"])
                pages += sum(info.get("pages") or 0 for info in outcome.report["documents"])
            if on_outcome is not None:
                on_outcome(outcome)
        finished = True
    finally:
        store.finish_run(plan.run_id, "finished" if finished else "interrupted",
                         len(plan.discovery.contracts), analysed, plan.unchanged,
                         sum(1 for summary in store.summaries(plan.run_id) if summary.errors),
                         max(peaks.values()) if peaks else None)
    pruned = store.prune(plan.run_id, plan.roots)
    return ScanResult(plan.run_id, tuple(store.summaries(plan.run_id)), analysed, plan.unchanged, pruned,
                      time.perf_counter() - started, documents, pages, peaks)


def run_scan(config: ScanConfig, db: str, executor: str = "local", workers: int = 1,
             scheduler: str | None = None) -> ScanResult:
    """The whole scan without progress reporting (for the library API and the benchmark)."""
    with ScanStore(db) as store:
        runner = make_executor(executor, workers, scheduler)
        try:
            return execute_scan(prepare_scan(config, store, runner), store, runner)
        finally:
            runner.close()


def _size(contract: Contract, states: dict[str, FileState]) -> int:
    return sum(states[path].size for path in contract.files if path in states)


def _library_path_for_workers(config: ScanConfig, library: LibraryIdentity) -> str | None:
    """A library the user chose travels by path; the bundled one is each worker's own (checked below)."""
    if config.library_path or os.environ.get("CLAUSECHECK_LIBRARY"):
        return library.root
    return None


def _validate_library(identity: LibraryIdentity) -> None:
    """Compile the library before any worker does: an invalid one is one clear error, not one per contract."""
    library = load_library(identity.root)
    if (library.name, library.version, library.fingerprint) != (identity.name, identity.version, identity.fingerprint):
        raise ScanError(f"the clause library at {identity.root} changed while the scan started "
                        f"(fingerprint {identity.fingerprint}, now {library.fingerprint})", "run the scan again")


def _check_same_engine(outcome: ContractOutcome, library: LibraryIdentity) -> None:
    if outcome.library_fingerprint != library.fingerprint or outcome.tool_version != __version__:
        raise ScanError(
            f"worker {outcome.worker} runs clausecheck {outcome.tool_version} with clause library "
            f"{outcome.library_fingerprint}, this scan uses {__version__} with {library.fingerprint}",
            "install the same clausecheck and clause library on every worker, or pass --library with a path "
            "the workers can read")
