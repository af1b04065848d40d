"""What every command shares: the app, the error funnel, and `emit` (a
renderer to stdout or, atomically, to a file).

The only place besides the command modules that imports typer; nothing in the
library imports this package.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Iterator, Optional, Sequence

import typer
from typer.core import TyperGroup

from factcheck.cli import coerce as _coerce  # noqa: F401  (typer's coercion without pydantic)
from factcheck.errors import FactcheckError

# Shared with the console script's typer-free first answer (factcheck.direct).
from factcheck.reads import configured_format, emit, error, load_claim_corpus  # noqa: F401  (re-exported)

if TYPE_CHECKING:
    from factcheck.store import Corpus, Repository
    from factcheck.warm import Warm

# rich, the store (YAML, the schema, the model) and the lock are imported
# where they are used: a warm read command is mostly imports otherwise (issue 9).

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2  # bad usage or unreadable input
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

# click is vendored by newer typer (typer._click) and a dependency of older:
# reach its exception base through a public typer class either way.
_ClickException: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class _Group(TyperGroup):
    """The one error funnel: every command runs through ``invoke`` and every
    error becomes one ``factcheck: error:`` line and an exit code here (plus
    ``main()``'s last line of defence for the unexpected).  It sits on the
    group rather than in ``main()`` so that tests through typer's CliRunner
    see the exit codes the console script gives.

    =========================================  ======
    what                                       exit
    =========================================  ======
    library errors (``FactcheckError``)        2
    click's usage errors                       2
    Ctrl-C                                     130
    the reader of a pipe left (``| head``)     0
    anything unexpected (``main()``)           3
    =========================================  ======
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FactcheckError as exc:
            error(str(exc))
            raise typer.Exit(EXIT_USAGE) from None
        except KeyboardInterrupt:
            error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            # `factcheck list | head` is a normal use: the reader leaving is not
            # our failure.  Point stdout at /dev/null so that the flush at exit
            # cannot fail again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(EXIT_OK) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        def run() -> Any:
            return super(_Group, self).main(args, prog_name, complete_var, False, windows_expand_args, **extra)

        if not standalone_mode:
            return run()
        try:
            rv = run()
        except _ClickException as exc:
            # click prints three lines; scripts read every error as one.
            if type(exc).__name__ == "NoArgsIsHelpError":  # bare `factcheck`: the help is the message
                exc.show()  # type: ignore[attr-defined]
                sys.exit(exc.exit_code)  # type: ignore[attr-defined]
            ctx = getattr(exc, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            # pydantic's "Value error, " prefix (typer's choice check) says nothing to a user.
            message = " ".join(exc.format_message().split()).replace("Value error, ", "")  # type: ignore[attr-defined]
            error(message + hint)
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        except typer.Abort:  # click's word for a Ctrl-C outside a command (at a prompt)
            error("interrupted")
            sys.exit(EXIT_INTERRUPTED)
        # Non-standalone click returns the code of a raised Exit, else the
        # command's return value (None: success).
        sys.exit(rv if isinstance(rv, int) else EXIT_OK)


# typer prints an argument as "ID <str>" even when it has a metavar; a
# metavar is the whole of what an option shows, and so of an argument too.
_Argument = getattr(typer.core, "TyperArgument", None)
if _Argument is not None and hasattr(_Argument, "display_type_rich"):
    _typer_display = _Argument.display_type_rich

    def _display_type(self: Any, ctx: Any) -> Any:
        return None if self.metavar else _typer_display(self, ctx)

    _Argument.display_type_rich = _display_type

app = typer.Typer(
    name="factcheck",
    cls=_Group,
    help="Claims, citations and disputes from source documents, as reviewable YAML.",
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    # Choices match in any case (--status Disputed, --format JSON), as option
    # names and command names then do too.
    context_settings={"help_option_names": ["-h", "--help"], "token_normalize_func": str.lower},
    pretty_exceptions_enable=False,
)

RootOption = Annotated[
    Optional[Path],
    typer.Option(
        "--root",
        metavar="DIR",
        help="Repository folder (holding claims/, references/, sources/). Default: $FACTCHECK_ROOT, else the nearest one above the working folder.",
        file_okay=False,
    ),
]


@contextlib.contextmanager
def writing(root: Path | None) -> Iterator[Repository]:
    """The repository, held under its write lock for the block (factcheck.lock):
    every command that writes under it reads, decides and writes inside one, so
    a second writer waits and then sees this one's changes (or fails clearly)."""
    from factcheck.lock import repository_lock
    from factcheck.store import Repository

    repo = Repository.locate(root)
    with repository_lock(repo.root):
        yield repo


def load_corpus(root: Path | None) -> Corpus:
    """Every claim and reference file, for commands that need sound input:
    the first broken file stops them with its position (run validate for all)."""
    from factcheck import index
    from factcheck.store import Repository

    corpus, _ = index.load(Repository.locate(root))  # only the files changed since the last command are read
    corpus.raise_if_broken()
    return corpus


def load_derived(root: Path | None, names: Sequence[str], compute: Callable[[Corpus], tuple[Any, ...]]) -> tuple[Any, ...]:
    """``compute`` (one value per name) over the corpus load_corpus gives,
    kept in the index while no file changed (see ``factcheck.index.derived``)."""
    from factcheck import index
    from factcheck.store import Repository

    return index.derived(Repository.locate(root), names, compute)


def up_to_date_rows(root: Path | None) -> Warm | None:
    """The warm rows (``factcheck.warm``) brought up to date with the files,
    deriving again only what changed touches (``factcheck.rows``); None
    without a usable index."""
    from factcheck import rows
    from factcheck.report.detail import kept_parts
    from factcheck.report.records import claim_record
    from factcheck.store import Repository

    return rows.up_to_date(Repository.locate(root), claim_record, kept_parts)
