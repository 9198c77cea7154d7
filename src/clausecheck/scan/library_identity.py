"""The clause library's name, version and fingerprint, read without compiling it.

Loading the library compiles hundreds of patterns and takes about a second; a rescan where
nothing changed needs only these three values; the fingerprint is the same
``library_fingerprint`` the loader records on ``Library``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from clausecheck.library import default_library_path, library_fingerprint, load_library

INDEX = "library.yaml"


@dataclass(frozen=True, slots=True)
class LibraryIdentity:
    name: str
    version: str
    fingerprint: str
    root: str  # resolved folder, as load_library caches it


def library_identity(path: str | Path | None = None) -> LibraryIdentity:
    """Identity of the library at ``path`` (default: $CLAUSECHECK_LIBRARY or the bundled one).

    A library this cannot read (no folder, broken library.yaml) is loaded in full instead,
    which raises the LibraryError that names the file, line and field.
    """
    root = Path(path or default_library_path()).resolve()
    index = root / INDEX
    try:
        head = yaml.load(index.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        name, version = _text(head["name"]), _text(head["version"])
    except (OSError, yaml.YAMLError, TypeError, KeyError):
        library = load_library(root)
        return LibraryIdentity(library.name, library.version, library.fingerprint, library.root)
    return LibraryIdentity(name, version, library_fingerprint(root), str(root))


def _text(value: Any) -> str:
    if value is None:
        raise KeyError("empty")
    return " ".join(str(value).split())
