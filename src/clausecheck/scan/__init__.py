"""Scanning a contract repository: every contract checked into one SQLite store, incrementally.

discover (files -> contracts) -> fingerprints (what changed) -> executors + worker (the
per-contract ``check`` in a process pool or on Dask) -> store (one transaction per contract)
-> summary_csv / overview (what a team hands out) and query (``clausecheck results``).
"""
from __future__ import annotations

from clausecheck.scan.runner import ScanConfig, ScanResult, execute_scan, prepare_scan, run_scan
from clausecheck.scan.store import ScanStore

__all__ = ["ScanConfig", "ScanResult", "ScanStore", "execute_scan", "prepare_scan", "run_scan"]
