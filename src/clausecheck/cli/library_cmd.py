"""``clausecheck library validate|test|list``: check and test the clause library."""
from __future__ import annotations

import sys

import click

from clausecheck.errors import EXIT_GAPS
from clausecheck.library import load_library
from clausecheck.testing import RuleScore, lint_library, run_library_cases

_LIBRARY_OPTION = click.option("--library", "library_path", type=click.Path(file_okay=False, path_type=str),
                               default=None, help="Clause library folder (default: the bundled one).")


@click.group("library")
def command() -> None:
    """Validate, test and list the clause library."""


@command.command("validate")
@_LIBRARY_OPTION
def validate(library_path: str | None) -> None:
    """Load every requirement (errors name file, line and field), then lint the case files."""
    library = load_library(library_path)
    problems = lint_library(library)
    for problem in problems:
        click.echo(f"warning: {problem}")
    click.echo(f"{library.name} {library.version}: {len(library.requirements)} requirements valid, "
               f"{len(problems)} warning(s)")


@command.command("test")
@_LIBRARY_OPTION
@click.option("-r", "--requirement", "requirement_ids", multiple=True, help="Only this requirement (repeatable).")
@click.option("--lang", "languages", multiple=True, type=click.Choice(["en", "nl"]), help="Only this language.")
@click.option("-v", "--verbose", is_flag=True, help="List every case, not only failures.")
def test(library_path: str | None, requirement_ids: tuple[str, ...], languages: tuple[str, ...],
         verbose: bool) -> None:
    """Run the annotated cases of every requirement; print precision and recall per rule set and
    language. Exit code 1 when a case fails."""
    library = load_library(library_path)
    scores = run_library_cases(library, set(requirement_ids) or None, set(languages) or None)
    by_requirement: dict[str, dict[str, RuleScore]] = {}
    for score in scores:
        by_requirement.setdefault(score.requirement_id, {})[score.language] = score
    click.echo(f"{'requirement':40} {'en cases':>8} {'prec':>5} {'rec':>5}   {'nl cases':>8} {'prec':>5} {'rec':>5}")
    failures = 0
    for requirement_id, per_language in by_requirement.items():
        cells = []
        for language in ("en", "nl"):
            entry = per_language.get(language)
            if entry is None:
                cells.append(f"{'-':>8} {'-':>5} {'-':>5}")
            else:
                cells.append(f"{len(entry.results):>8} {entry.precision:>5.2f} {entry.recall:>5.2f}")
        click.echo(f"{requirement_id:40} {cells[0]}   {cells[1]}")
        for language in ("en", "nl"):
            entry = per_language.get(language)
            if entry is None:
                continue
            for result in entry.results:
                if result.passed and not verbose:
                    continue
                if not result.passed and not result.case.todo:
                    failures += 1
                kind = "ok  " if result.passed else ("todo" if result.case.todo else "FAIL")
                label = "missed   " if result.case.expect != "none" and result.got == "none" else "incorrect"
                detail = "" if result.passed else f" {label} expected {result.case.expect}, got {result.got}"
                text = " ".join(result.case.text.split())
                click.echo(f"    {kind} [{language}] {result.case.path.split('/')[-1]}:{result.case.line}"
                           f"{detail}: {text[:110]}")
    total = sum(len(score.results) for score in scores)
    click.echo(f"{total} cases, {failures} failing")
    if failures:
        sys.exit(EXIT_GAPS)


@command.command("list")
@_LIBRARY_OPTION
def list_requirements(library_path: str | None) -> None:
    """List the requirements: id, group, severity, languages and title."""
    library = load_library(library_path)
    for requirement in library.requirements:
        languages = ",".join(sorted(requirement.languages))
        click.echo(f"{requirement.id:42} {requirement.group:6} {requirement.severity.value:12} {languages:6} "
                   f"{requirement.title}")
