"""Finding contracts: supported files only, odd names intact, symbolic links kept inside the roots."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from clausecheck.scan.discover import discover

ODD_NAMES = ["with space.md", "ünïcødé – terms.md", "line\nbreak.md", "quote'\"and,comma.txt", "日本語.md"]


def touch(path: Path, text: str = "1. Terms\n\nThe Supplier shall do things.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def keys(root: Path, **options: object) -> list[str]:
    return [os.path.relpath(contract.key, root) for contract in discover([str(root)], **options).contracts]  # type: ignore[arg-type]


def test_supported_files_are_found_recursively_and_the_rest_skipped(tmp_path: Path) -> None:
    for name in ["a.md", "b/c.PDF", "b/d/e.docx", "f.html", "g.txt", "notes.csv", "image.png",
                 ".hidden.md", ".git/h.md", "~$lock.docx", "b/.~lock.c.docx#"]:
        touch(tmp_path / name)
    assert keys(tmp_path) == ["a.md", "b/c.PDF", "b/d/e.docx", "f.html", "g.txt"]


def test_odd_file_names_come_back_unchanged(tmp_path: Path) -> None:
    for name in ODD_NAMES:
        touch(tmp_path / "odd dir" / name)
    assert sorted(keys(tmp_path)) == sorted(f"odd dir/{name}" for name in ODD_NAMES)


def test_group_by_folder_takes_the_files_directly_in_each_folder(tmp_path: Path) -> None:
    for name in ["acme/terms.md", "acme/dpa.md", "acme/annex/sla.md", "beta/terms.txt", "loose.md"]:
        touch(tmp_path / name)
    contracts = discover([str(tmp_path)], group_by="folder").contracts
    found = {os.path.relpath(contract.key, tmp_path): [os.path.basename(path) for path in contract.files]
             for contract in contracts}
    assert found == {".": ["loose.md"], "acme": ["dpa.md", "terms.md"], "acme/annex": ["sla.md"],
                     "beta": ["terms.txt"]}


def test_explicit_files_are_taken_and_outputs_excluded(tmp_path: Path) -> None:
    touch(tmp_path / "repo" / "a.md")
    touch(tmp_path / "repo" / "overview.html")
    touch(tmp_path / "repo" / "overview_reports" / "a-0123456789ab.html")
    explicit = touch(tmp_path / "elsewhere" / "odd.rtf")
    outputs = [str(tmp_path / "repo" / "overview.html"), str(tmp_path / "repo" / "overview_reports")]
    discovery = discover([str(tmp_path / "repo"), str(explicit)], exclude=outputs)
    assert [contract.key for contract in discovery.contracts] == [str(explicit), str(tmp_path / "repo" / "a.md")]


@pytest.fixture
def linked_repo(tmp_path: Path) -> Path:
    """repo/ with links to a file and a folder outside it, to places inside it, and a loop."""
    repo = tmp_path / "repo"
    touch(repo / "own.md")
    touch(repo / "inner" / "deep.md")
    touch(tmp_path / "outside" / "secret.md")
    os.symlink(tmp_path / "outside" / "secret.md", repo / "to-secret.md")
    os.symlink(tmp_path / "outside", repo / "to-outside")
    os.symlink(repo / "inner", repo / "to-inner")
    os.symlink(repo / "own.md", repo / "inner" / "alias.md")
    os.symlink(repo, repo / "inner" / "loop")
    os.symlink(tmp_path / "missing.md", repo / "dangling.md")
    return repo


def test_symbolic_links_are_not_followed_by_default(linked_repo: Path) -> None:
    discovery = discover([str(linked_repo)])
    assert [os.path.relpath(c.key, linked_repo) for c in discovery.contracts] == ["inner/deep.md", "own.md"]
    skipped = {os.path.relpath(path, linked_repo) for path in discovery.skipped_links}
    assert skipped == {"to-secret.md", "to-outside", "to-inner", "inner/alias.md", "inner/loop", "dangling.md"}


def test_follow_links_follows_only_links_that_stay_inside_the_roots(linked_repo: Path) -> None:
    discovery = discover([str(linked_repo)], follow_links=True)
    found = [os.path.relpath(c.key, linked_repo) for c in discovery.contracts]
    assert found == ["inner/deep.md", "own.md"]  # each real file once, whichever way it was reached
    assert not any("secret" in path for contract in discovery.contracts for path in contract.files)
    skipped = {os.path.relpath(path, linked_repo) for path in discovery.skipped_links}
    assert skipped == {"to-secret.md", "to-outside", "dangling.md"}
