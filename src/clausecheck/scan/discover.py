"""Find the supported documents under the given paths and group them into contracts.

A contract is one file (``group_by="file"``) or the files directly inside one folder taken
together (``group_by="folder"``). Symbolic links are not followed unless asked, and even then
only when they lead to a place inside one of the given roots: a contract repository must not
pull in files from elsewhere on the machine.
"""
from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from clausecheck.ingest import SUPPORTED_SUFFIXES

GROUP_BY = ("file", "folder")

# Word and LibreOffice leave lock files such as "~$terms.docx" beside open documents.
_LOCK_FILE_PREFIXES = ("~$", ".~lock.")


@dataclass(frozen=True, slots=True)
class Contract:
    """What the scan checks as one unit."""

    key: str  # absolute path of the file, or of the folder whose files make up the contract
    files: tuple[str, ...]  # absolute paths, sorted


@dataclass(frozen=True, slots=True)
class Discovery:
    contracts: tuple[Contract, ...]
    skipped_links: tuple[str, ...]  # symbolic links that were not followed
    unencodable: tuple[str, ...]  # names that are not valid UTF-8 and cannot be stored


def discover(paths: Sequence[str], group_by: str = "file", follow_links: bool = False,
             exclude: Collection[str] = ()) -> Discovery:
    """Walk ``paths`` (files or folders) and return the contracts found, sorted by key.

    Files named explicitly are always taken, whatever their suffix (reading them reports an
    unsupported type as a per-file error). Inside folders only supported suffixes are taken,
    hidden files and folders and office lock files are skipped, and so is anything in
    ``exclude`` (the scan's own output files).
    """
    if group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {GROUP_BY}, not {group_by!r}")
    roots = [os.path.abspath(path) for path in paths]
    real_roots = tuple(os.path.realpath(root) for root in roots)
    excluded = {os.path.abspath(path) for path in exclude}
    walker = _Walker(real_roots, follow_links, excluded)
    for root in roots:
        if os.path.isdir(root):
            walker.walk(root)
        else:
            walker.add(root)
    files = [path for path in walker.files if _encodable(path)]
    unencodable = tuple(path for path in walker.files if not _encodable(path))
    return Discovery(_group(files, group_by), tuple(walker.skipped_links), unencodable)


class _Walker:
    def __init__(self, real_roots: tuple[str, ...], follow_links: bool, excluded: set[str]) -> None:
        self.real_roots = real_roots
        self.follow_links = follow_links
        self.excluded = excluded
        self.files: list[str] = []
        self.skipped_links: list[str] = []
        self._seen_files: set[str] = set()  # real paths, so a file reached twice is taken once
        self._seen_dirs: set[str] = set()

    def add(self, path: str) -> None:
        real = os.path.realpath(path)
        if real not in self._seen_files:
            self._seen_files.add(real)
            self.files.append(path)

    def walk(self, root: str) -> None:
        for folder, subfolders, names in os.walk(root, followlinks=self.follow_links):
            real_folder = os.path.realpath(folder)
            if real_folder in self._seen_dirs:  # a link back into a folder already walked
                subfolders[:] = []
                continue
            self._seen_dirs.add(real_folder)
            subfolders[:] = [name for name in sorted(subfolders) if self._enter(os.path.join(folder, name))]
            for name in sorted(names):
                path = os.path.join(folder, name)
                if self._take(name, path):
                    self.add(path)

    def _enter(self, path: str) -> bool:
        if os.path.basename(path).startswith(".") or path in self.excluded:
            return False
        return self._link_allowed(path)

    def _take(self, name: str, path: str) -> bool:
        if name.startswith(".") or name.startswith(_LOCK_FILE_PREFIXES) or path in self.excluded:
            return False
        if os.path.splitext(name)[1].lower() not in SUPPORTED_SUFFIXES:
            return False
        return self._link_allowed(path)

    def _link_allowed(self, path: str) -> bool:
        if not os.path.islink(path):
            return True
        real = os.path.realpath(path)
        if self.follow_links and os.path.exists(real) and self._inside_roots(real):
            return True
        self.skipped_links.append(path)
        return False

    def _inside_roots(self, real: str) -> bool:
        return inside(real, self.real_roots)


def _group(files: list[str], group_by: str) -> tuple[Contract, ...]:
    if group_by == "file":
        return tuple(sorted((Contract(path, (path,)) for path in files), key=_by_key))
    folders: dict[str, list[str]] = {}
    for path in files:
        folders.setdefault(os.path.dirname(path), []).append(path)
    return tuple(sorted((Contract(folder, tuple(sorted(paths))) for folder, paths in folders.items()), key=_by_key))


def _by_key(contract: Contract) -> str:
    return contract.key


def _encodable(path: str) -> bool:
    """False for names with bytes that are not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def inside(path: str, roots: Sequence[str]) -> bool:
    """Whether ``path`` is one of ``roots`` or lies below one of them (absolute paths, no I/O)."""
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
