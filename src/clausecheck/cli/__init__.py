"""The ``clausecheck`` command. Each subcommand lives in its own module; this one only wires
them together and turns ClauseCheckError into a one-line message and exit code 2."""
from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from clausecheck import __version__
from clausecheck.errors import EXIT_ERROR, ClauseCheckError

# command name -> module that defines a click command called ``command``
COMMANDS = {
    "parse": "clausecheck.cli.parse_cmd",
    "check": "clausecheck.cli.check_cmd",
    "explain": "clausecheck.cli.explain_cmd",
    "library": "clausecheck.cli.library_cmd",
    "scan": "clausecheck.cli.scan_cmd",
    "results": "clausecheck.cli.results_cmd",
}


class LazyGroup(click.Group):
    """Imports a subcommand's module only when that subcommand runs (keeps start-up fast)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, module in COMMANDS.items() if importlib.util.find_spec(module) is not None]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMANDS.get(name)
        if module is None or importlib.util.find_spec(module) is None:
            return None
        return importlib.import_module(module).command  # type: ignore[no-any-return]


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clausecheck")
def cli() -> None:
    """Check supplier contracts against ARBIT-2022, GDPR and the Dutch government's
    generative-AI conditions, clause by clause, with evidence.

    \b
    Exit codes:
      0  compliant (check) / success
      1  not compliant or needs review (check); failing rule cases (library test)
      2  usage or input error
    """


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(EXIT_ERROR)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_ERROR)
    except ClauseCheckError as error:
        click.echo(f"clausecheck: error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
