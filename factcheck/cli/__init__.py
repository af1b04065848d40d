"""The ``factcheck`` command line: thin commands over the library API."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, Optional

import typer

from factcheck import __version__
from factcheck.cli import common
from factcheck.cli.common import EXIT_INTERNAL, EXIT_INTERRUPTED, error

# Importing a command module registers its commands on ``common.app``.  The
# console script imports only the module of the command it runs (the
# detector, the extractor and the report templates are a third of a warm
# `list` or `validate` otherwise); ``app`` from here has every command.
COMMAND_MODULES: dict[str, str] = {
    "extract": "extract",
    "validate": "validate",
    "rules": "validate",
    "schema": "schema",
    "list": "query",
    "search": "query",
    "show": "query",
    "stats": "query",
    "report": "query",
    "export": "query",
    "contradictions": "contradictions",
    "review": "review",
    "relate": "review",
    "init": "init",
    "config": "config",
}


def register(name: str | None = None) -> typer.Typer:
    """``common.app`` with the command ``name`` registered, or every command
    (no name, or one it does not know: the error then lists them all)."""
    module = COMMAND_MODULES.get(name or "")
    for m in [module] if module else sorted(set(COMMAND_MODULES.values())):
        importlib.import_module(f"factcheck.cli.{m}")
    return common.app


def __getattr__(name: str) -> Any:
    if name == "app":
        return register()
    raise AttributeError(name)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@common.app.callback()
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
    args = sys.argv[1:] if argv is None else argv
    # The root group has no option taking a value: the first word is the command.
    word = next((a for a in args if not a.startswith("-")), None)
    completing = any(k.startswith("_FACTCHECK_COMPLETE") for k in os.environ)
    try:
        register(None if completing else word)(args=argv, prog_name="factcheck")
    except KeyboardInterrupt:
        error("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        error(f"internal error: {type(exc).__name__}: {exc} (set FACTCHECK_DEBUG=1 for the traceback)")
        sys.exit(EXIT_INTERNAL)


__all__ = ["app", "main", "common", "register", "COMMAND_MODULES"]
