"""YAML loading that remembers the line of every mapping key, so that errors in the clause
library can name the file, line and field."""
from __future__ import annotations

from typing import Any

import yaml

Lines = dict[tuple[str | int, ...], int]

# libyaml's parser when PyYAML was built with it (the usual wheels are): several times faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_with_lines(text: str) -> tuple[Any, Lines]:
    """Parse ``text`` (safe subset of YAML); return the data and {key path: 1-based line}."""
    node = yaml.compose(text, Loader=_LOADER)
    lines: Lines = {}
    if node is None:
        return None, lines
    return _convert(node, (), lines), lines


def _convert(node: yaml.Node, path: tuple[str | int, ...], lines: Lines) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(_scalar(key_node))
            lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, path + (key,), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (index,), lines) for index, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def line_of(lines: Lines, path: tuple[str | int, ...]) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())
