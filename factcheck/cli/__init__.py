"""The ``factcheck`` command line: thin commands over the library API."""

from __future__ import annotations

import os
import sys
from typing import Optional

import typer

from factcheck import __version__
from factcheck.cli import common
from factcheck.cli.common import EXIT_INTERNAL, EXIT_INTERRUPTED, app, error

# Importing a command module registers its commands on ``app``.
from factcheck.cli import schema as _schema  # noqa: E402,F401
from factcheck.cli import validate as _validate  # noqa: E402,F401
from factcheck.cli import extract as _extract  # noqa: E402,F401
from factcheck.cli import query as _query  # noqa: E402,F401
from factcheck.cli import contradictions as _contradictions  # noqa: E402,F401


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
    """Entry point of the console script: the last line of defence against tracebacks.

    typer's standalone mode already maps usage errors to exit 2 and ``Exit``
    to its code; what is left here is the unexpected.
    """
    try:
        app(args=argv, prog_name="factcheck")
    except KeyboardInterrupt:
        error("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # noqa: BLE001 - nothing unexpected may reach the user as a traceback
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        error(f"internal error: {type(exc).__name__}: {exc} (set FACTCHECK_DEBUG=1 for the traceback)")
        sys.exit(EXIT_INTERNAL)


__all__ = ["app", "main", "common"]
