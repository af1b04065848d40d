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
from rich.segment import Segment
from typer.core import TyperGroup

from factcheck.safety import cut, visible
from factcheck.errors import FactcheckError, FileError, RepositoryNotFound, UsageError
from factcheck.store import Corpus, Repository
from factcheck.yamlio import atomic_write

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2  # bad usage or unreadable input
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

# click is vendored by newer typer (typer._click) and a dependency of older:
# reach its exception base through a public typer class either way.
_ClickException: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class _Group(TyperGroup):
    """click's usage errors as one ``factcheck: error:`` line, like ours, so
    scripts read every error the same way (click prints three lines)."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            rv = super().main(*args, standalone_mode=False, **kwargs)
        except _ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # bare `factcheck`: the help is the message
                exc.show()  # type: ignore[attr-defined]
                sys.exit(exc.exit_code)  # type: ignore[attr-defined]
            ctx = getattr(exc, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            error(" ".join(exc.format_message().split()) + hint)  # type: ignore[attr-defined]
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        except typer.Abort:
            error("aborted")
            sys.exit(EXIT_INTERRUPTED)
        # Non-standalone click returns the code of a raised Exit, else the
        # command's return value (None: success).
        sys.exit(rv if isinstance(rv, int) else EXIT_OK)


app = typer.Typer(
    name="factcheck",
    cls=_Group,
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
    def render(self, renderable: Any, options: Any = None) -> Any:
        # Data reaches the terminal only through here: escape sequences (ESC,
        # C1 controls) and bidi overrides in claim text become visible
        # placeholders instead of driving the terminal or reordering the line.
        for segment in super().render(renderable, options):
            if segment.control is None and segment.text:
                clean = visible(segment.text)
                if clean != segment.text:
                    segment = Segment(clean, segment.style, segment.control)
            yield segment

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
    # Messages quote paths and values from data: cut, and shown inert on a terminal.
    console(stderr=True).print(f"factcheck: error: {visible(cut(message, 1000))}", markup=False, highlight=False, soft_wrap=True)


def write_json(data: Any) -> None:
    """JSON on stdout: plain bytes, no colour, no wrapping."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def repository(root: Path | None) -> Repository:
    repo = Repository(root) if root else Repository.discover()
    # --root and FACTCHECK_ROOT are taken as given; a typo there must not read
    # as an empty repository ("0 claims", exit 0).
    if not (repo.claims_dir.is_dir() or repo.references_dir.is_dir()):
        raise RepositoryNotFound(f"{repo.root} is not a factcheck repository (it has no claims/ or references/ folder)")
    return repo


def write_file(path: Path, text: str) -> None:
    """Write an output file atomically; an unwritable place is the user's
    input error (exit 2), not ours."""
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise FileError(str(path), f"cannot write: {exc.strerror or exc}") from None


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
