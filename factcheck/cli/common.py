"""What every command shares: the app, consoles, the error funnel, output helpers.

The only place besides the command modules that imports typer; nothing in the
library imports this package.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Callable, Optional, TypeVar

import typer
from rich.console import Console

from factcheck.errors import FactcheckError, FileError, UsageError
from factcheck.store import Corpus, Repository

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2  # bad usage or unreadable input
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="factcheck",
    help="Claims, citations and disputes from source documents, as reviewable YAML.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

RootOption = Annotated[
    Optional[Path],
    typer.Option(
        "--root",
        help="Repository folder (holding claims/, references/, sources/). Default: the nearest one above the working folder.",
        envvar="FACTCHECK_ROOT",
        file_okay=False,
    ),
]


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # `factcheck list | head` is a normal use: the reader leaving is not our
        # failure, so exit 0 quietly instead of rich's exit 1.
        self.quiet = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(EXIT_OK)


def console(*, stderr: bool = False) -> Console:
    """A rich console that writes plain text when not on a terminal or when NO_COLOR is set."""
    no_color = bool(os.environ.get("NO_COLOR"))
    return _Console(stderr=stderr, no_color=no_color, highlight=False, soft_wrap=stderr)


def error(message: str) -> None:
    """An error on stderr as one line (scripts grep it), with no markup read from user data."""
    console(stderr=True).print(f"factcheck: error: {message}", markup=False, highlight=False, soft_wrap=True)


def write_json(data: Any) -> None:
    """JSON on stdout: plain bytes, no colour, no wrapping."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def repository(root: Path | None) -> Repository:
    return Repository(root) if root else Repository.discover()


def load_corpus(root: Path | None) -> Corpus:
    """Every claim and reference file, for commands that need sound input:
    the first broken file stops them with its position (run validate for all)."""
    corpus = repository(root).load()
    corpus.raise_if_broken()
    return corpus


F = TypeVar("F", bound=Callable[..., Any])


def guarded(fn: F) -> F:
    """Map library errors to a one-line message and an exit code; no traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (FileError, UsageError, FactcheckError) as exc:
            error(str(exc))
            raise typer.Exit(EXIT_USAGE) from None
        except KeyboardInterrupt:
            error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            # The reader (head, less) went away; that is not our failure.
            sys.stderr.close()
            raise typer.Exit(EXIT_OK) from None

    return wrapper  # type: ignore[return-value]
