"""The ``factcheck`` command line: thin commands over the library API."""

from __future__ import annotations

import os
import sys
from typing import Optional

import typer

from factcheck import __version__
from factcheck.cli import common
from factcheck.cli import config as _config  # noqa: F401
from factcheck.cli import contradictions as _contradictions  # noqa: F401
from factcheck.cli import extract as _extract  # noqa: F401
from factcheck.cli import init as _init  # noqa: F401
from factcheck.cli import query as _query  # noqa: F401
from factcheck.cli import review as _review  # noqa: F401

# Importing a command module registers its commands on ``app``.
from factcheck.cli import schema as _schema  # noqa: F401
from factcheck.cli import validate as _validate  # noqa: F401
from factcheck.cli.common import EXIT_INTERNAL, EXIT_INTERRUPTED, app, error


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(
        None, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Claims, citations and disputes from source documents, as reviewable YAML.

    Start with `factcheck extract SOURCE` to turn a document into claims, then
    `factcheck validate`, `factcheck list`, `factcheck report`.
    """


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script.

    Errors raised by commands become exit codes in the funnel
    (``common._Group``); what reaches this point is unexpected: one line,
    exit 3, the traceback only with ``FACTCHECK_DEBUG=1``.
    """
    try:
        app(args=argv, prog_name="factcheck")
    except KeyboardInterrupt:
        error("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        error(f"internal error: {type(exc).__name__}: {exc} (set FACTCHECK_DEBUG=1 for the traceback)")
        sys.exit(EXIT_INTERNAL)


__all__ = ["app", "main", "common"]
