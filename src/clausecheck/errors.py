"""Errors a user can act on, and the exit codes the command line returns.

Every error names the file it is about and says what to do; the CLI prints ``str(error)``
on one line and exits with ``EXIT_ERROR``, never with a traceback.
"""
from __future__ import annotations

EXIT_COMPLIANT = 0  # check: the verdict is compliant; other commands: success
EXIT_GAPS = 1  # check: not compliant or needs review; library test: a case failed
EXIT_ERROR = 2  # usage or input error


class ClauseCheckError(Exception):
    """Base class: a one-line message plus a hint on what to do about it."""

    code = "E000"

    def __init__(self, message: str, hint: str = "", path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


class InputError(ClauseCheckError):
    """A document cannot be read: missing, empty, corrupt, encrypted, too large, no text."""

    def __init__(self, path: str, message: str, hint: str = "", code: str = "E100") -> None:
        super().__init__(message, hint, path)
        self.code = code


class LibraryError(ClauseCheckError):
    """The clause library is invalid; names file, line and field."""

    code = "E200"

    def __init__(self, path: str, line: int | None, field: str | None, message: str, hint: str = "") -> None:
        location = f"{path}:{line}" if line else path
        what = f"field '{field}': " if field else ""
        super().__init__(f"{what}{message}", hint, location)
        self.line = line
        self.field = field


class CaseFileError(ClauseCheckError):
    """The case file (--case) is invalid."""

    code = "E300"
