"""Loading and validating the clause library: errors name file, line and field, and say how to fix."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clausecheck.errors import LibraryError
from clausecheck.library import default_library_path, load_library
from clausecheck.library.loader import load_directory

GOOD_RULE = """\
id: TEST-THING
group: arbit
severity: advisory
languages:
  en:
    title: A thing
    description: A test requirement.
    fallback: The Supplier does the thing.
    topic: [thing]
    rules:
      - name: does-thing
        status: met
        when: ['\\bthing\\b']
        explain: The thing is done.
"""


def _library_with(tmp_path: Path, text: str, name: str = "TEST-THING.yaml") -> Path:
    root = tmp_path / "lib"
    root.mkdir()
    shutil.copy(default_library_path() / "library.yaml", root / "library.yaml")
    (root / name).write_text(text, encoding="utf-8")
    return root


def test_minimal_library_loads(tmp_path: Path) -> None:
    library = load_directory(_library_with(tmp_path, GOOD_RULE))
    assert [r.id for r in library.requirements] == ["TEST-THING"]
    assert library.fingerprint


@pytest.mark.parametrize(("change", "message", "line"), [
    (("status: met", "status: mett"), "'mett' is not one of met, partial, conflict", 12),
    (("        explain:", "        explane:"), "unknown key 'explane'", 14),
    (("'\\bthing\\b'", "'(thing'"), "invalid regular expression", 13),
    (("'\\bthing\\b'", "'{NOPE}'"), "unknown macro {NOPE}", 13),
    (("severity: advisory", "severity: urgent"), "'urgent' is not one of blocking, conditional, advisory", 3),
])
def test_errors_name_file_line_and_field(tmp_path: Path, change: tuple[str, str], message: str, line: int) -> None:
    root = _library_with(tmp_path, GOOD_RULE.replace(*change))
    with pytest.raises(LibraryError) as raised:
        load_directory(root)
    text = str(raised.value)
    assert f"TEST-THING.yaml:{line}" in text
    assert message in text


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    root = _library_with(tmp_path, GOOD_RULE.replace("    topic:", "    topik:"))
    with pytest.raises(LibraryError, match="did you mean 'topic'"):
        load_directory(root)


def test_id_must_match_file_name(tmp_path: Path) -> None:
    root = _library_with(tmp_path, GOOD_RULE, name="OTHER-NAME.yaml")
    with pytest.raises(LibraryError, match="differs from the file name"):
        load_directory(root)


def test_invalid_yaml_reports_the_line(tmp_path: Path) -> None:
    root = _library_with(tmp_path, GOOD_RULE.replace("group: arbit", "group: [arbit"))
    with pytest.raises(LibraryError, match=r"TEST-THING.yaml:\d+: not valid YAML"):
        load_directory(root)


def test_shipped_library_loads_and_lints_clean() -> None:
    from clausecheck.testing import lint_library

    library = load_library()
    problems = [p for p in lint_library(library) if "no 'nl' block" not in p and "no nl case file" not in p]
    assert problems == []
