"""Report renderers, one module per format behind one interface: ``render(report) -> bytes``."""
from __future__ import annotations

import importlib
from typing import Callable

from clausecheck.model import Report

# format name -> (module with ``render(report) -> bytes``, default file suffix)
RENDERERS: dict[str, tuple[str, str]] = {
    "json": ("clausecheck.report.json_format", ".json"),
}


def renderer(name: str) -> Callable[[Report], bytes]:
    module, _ = RENDERERS[name]
    return importlib.import_module(module).render  # type: ignore[no-any-return]


def render(report: Report, name: str) -> bytes:
    return renderer(name)(report)
