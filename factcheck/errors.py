"""Exceptions the library raises; only the CLI turns them into exit codes."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class of every error the library raises on purpose."""


class UsageError(FactcheckError):
    """The request itself is wrong: a bad option value, an unknown id."""


class FileError(FactcheckError):
    """A file is unreadable or malformed.  Carries its path and, when known,
    a 1-based line and column, so the message reads ``path:line:col: ...``."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.message}"


class ClaimFileError(FileError):
    """A claim or reference file that cannot be read as one."""


class RepositoryNotFound(FactcheckError):
    """No factcheck repository (a folder with claims/ or references/) was found."""
