"""The progress bar appears on a terminal only, and never with --quiet."""
from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from clausecheck.cli import cli


def scan_on_terminal(repo: Path, db: Path, *extra: str) -> str:
    """Run `clausecheck scan` with its standard error on a pseudo-terminal; return what it showed."""
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-m", "clausecheck", "scan", str(repo), "--db", str(db),
                                    "--workers", "1", *extra], stderr=terminal, stdout=subprocess.DEVNULL)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal closed when the process exited
                break
            if not chunk:
                break
            shown += chunk
        process.wait(timeout=60)
    finally:
        os.close(controller)
    return shown.decode("utf-8", "replace")


def test_a_terminal_gets_a_progress_bar(make_repo, tmp_path: Path) -> None:
    make_repo(4)
    shown = scan_on_terminal(tmp_path / "repo", tmp_path / "r.sqlite")
    assert "analysing" in shown and "4/4" in shown


def test_quiet_and_pipes_get_none(make_repo, tmp_path: Path) -> None:
    make_repo(4)
    assert scan_on_terminal(tmp_path / "repo", tmp_path / "quiet.sqlite", "--quiet").strip() == ""
    outcome = CliRunner().invoke(cli, ["scan", str(tmp_path / "repo"), "--db", str(tmp_path / "r.sqlite"),
                                       "--workers", "1"])
    assert "analysing" not in outcome.output and "analysed 4 contract(s)" in outcome.output
