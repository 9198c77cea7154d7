"""What decides whether a contract must be analysed again: the content of its files, the clause
library, the tool version and the check options.

Hashing every file on every rescan would make a rescan of a large repository slow, so a file is
only re-hashed when its size or modification time differs from the stored record.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from clausecheck import __version__
from clausecheck.pipeline import CheckOptions
from clausecheck.scan.library_identity import LibraryIdentity

# A file modified within this window of being hashed may change again without its mtime
# changing (coarse file-system clocks), so its record is not trusted on the next rescan.
RACY_WINDOW_NS = 2_000_000_000
UNTRUSTED_MTIME = -1
_HASH_THREADS = 8


@dataclass(frozen=True, slots=True)
class FileState:
    """A file's size, modification time and content hash, as stored between scans."""

    path: str
    size: int
    mtime_ns: int  # UNTRUSTED_MTIME forces a re-hash on the next scan
    sha256: str


@dataclass(frozen=True, slots=True)
class UnreadableFile:
    path: str
    reason: str


def file_states(paths: Iterable[str], known: Mapping[str, FileState]
                ) -> tuple[dict[str, FileState], dict[str, UnreadableFile]]:
    """The current state of every file in ``paths``, re-hashing only files that look changed.

    Files that cannot be stat'ed or read come back in the second mapping; the worker reports
    them with a proper error code when it tries to read them.
    """
    states: dict[str, FileState] = {}
    unreadable: dict[str, UnreadableFile] = {}
    to_hash: list[tuple[str, os.stat_result]] = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError as error:
            unreadable[path] = UnreadableFile(path, error.strerror or str(error))
            continue
        stored = known.get(path)
        if (stored is not None and stored.mtime_ns != UNTRUSTED_MTIME and stored.size == stat.st_size
                and stored.mtime_ns == stat.st_mtime_ns):
            states[path] = stored
        else:
            to_hash.append((path, stat))
    if to_hash:
        with ThreadPoolExecutor(max_workers=min(_HASH_THREADS, len(to_hash))) as pool:
            for path, result in zip((path for path, _ in to_hash), pool.map(_hash_file, to_hash), strict=True):
                if isinstance(result, FileState):
                    states[path] = result
                else:
                    unreadable[path] = result
    return states, unreadable


def _hash_file(item: tuple[str, os.stat_result]) -> FileState | UnreadableFile:
    path, stat = item
    try:
        with open(path, "rb") as file:
            digest = hashlib.file_digest(file, "sha256").hexdigest()
    except OSError as error:
        return UnreadableFile(path, error.strerror or str(error))
    recent = stat.st_mtime_ns >= time.time_ns() - RACY_WINDOW_NS
    return FileState(path, stat.st_size, UNTRUSTED_MTIME if recent else stat.st_mtime_ns, digest)


def options_fingerprint(options: CheckOptions) -> str:
    """A stable digest of every option that can change a contract's results."""
    data = {
        "read": dataclasses.asdict(options.read),
        "contracted": options.contracted,
        "case": options.case.to_dict() if options.case else None,
        "report_language": options.report_language,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]


def cache_key(files: Sequence[str], states: Mapping[str, FileState], library: LibraryIdentity,
              options_digest: str) -> str:
    """The key under which a contract's results are stored; equal keys mean nothing changed."""
    contents = sorted((path, states[path].sha256 if path in states else "unreadable") for path in files)
    data = {
        "files": contents,
        "library": [library.name, library.version, library.fingerprint],
        "tool": __version__,
        "options": options_digest,
    }
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()
