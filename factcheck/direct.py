"""A plain read command's first answer without typer: `list`, `stats`,
`show ID` and `search QUERY` asked with the index warm, answered by the
console script from the index's rows (issue 9: a warm read command within
2x ``factcheck --version``; importing typer alone is more than that).

The command line is one :mod:`factcheck.argv` recognised.  Its options'
values are taken only when they are what typer would pass on unchanged
(a format as one of its choices spelled in lower case, a limit of ASCII
digits, a score of digits within 0-100, ...), and the answer comes from
:mod:`factcheck.reads`, the functions the typer commands call with those
values, rendered by the same renderers: the same bytes by construction.

Anything not certain goes to typer, before a byte is written: a value typer
would convert or refuse, an option the rows cannot answer (``--section``,
``--fuzzy``, ``--in references``, ``--format csv``), rows that are not
fresh (an edit since they were kept: typer brings them up to date), an
unknown status, document or claim (typer says so), a search whose answer
would print a note on stderr, any error while the answer is prepared.
Once writing, errors end the run as typer's funnel ends it: the reader of a
pipe leaving is exit 0, Ctrl-C is exit 130 (the console script says it),
a library error is its one line and exit 2, anything else one line and
exit 3 (the traceback with ``FACTCHECK_DEBUG``).

JSON loads neither typer nor rich; nor do the tables, to a pipe or to a
terminal (:mod:`factcheck.report.plain` draws them as rich would, colours
included); rich draws what that module cannot be sure of.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported: see factcheck.answers
if TYPE_CHECKING:
    from factcheck.answers import Asked
    from factcheck.reads import Answer
    from factcheck.warm import Warm

# Each command's choices, as the typer command declares them (a test holds them equal).
FORMATS = {
    "list": ("table", "json", "yaml", "csv", "ids"),
    "stats": ("table", "json"),
    "show": ("table", "json"),
    "search": ("table", "json"),
}
SCOPES = ("claims", "references", "all")
EXIT_USAGE, EXIT_INTERNAL = 2, 3  # as factcheck.cli.common


class _Uncertain(Exception):
    """A value typer would convert, refuse or read otherwise: typer's to answer."""


def answer(asked: Asked) -> bool:
    """Answer ``asked`` from the warm rows and write it; False, with nothing
    written, when typer is to answer it (see the module docstring).
    KeyboardInterrupt is the caller's (exit 130, as typer says it)."""
    from factcheck import reads

    try:
        kept, prepared = _prepare(asked)
    except KeyboardInterrupt:
        raise
    except Exception:  # the usual path does it again, and says what typer says
        return False
    try:
        if prepared is None:
            return False
        reads.emit(*prepared)
    except BrokenPipeError:
        # As typer's funnel: `factcheck list | head` is a normal use.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except KeyboardInterrupt:
        raise
    except Exception as exc:
        from factcheck.errors import FactcheckError

        if isinstance(exc, FactcheckError):
            reads.error(str(exc))
            sys.exit(EXIT_USAGE)
        # What factcheck.cli.main says of the unexpected (a test holds them equal).
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        reads.error(f"internal error: {type(exc).__name__}: {exc} (set FACTCHECK_DEBUG=1 for the traceback)")
        sys.exit(EXIT_INTERNAL)
    finally:
        if kept is not None:
            kept.close()  # a `list` in a record format reads the rows as it writes
    return True


def _last(values: list[str] | None) -> str | None:
    return values[-1] if values else None  # click keeps the last of an option given twice


def _choice(values: list[str] | None, choices: tuple[str, ...]) -> str | None:
    value = _last(values)
    if value is not None and value not in choices:
        raise _Uncertain  # typer lowers JSON, or refuses xml
    return value


def _count(values: list[str] | None, default: int) -> int:
    value = _last(values)
    if value is None:
        return default
    if not (value.isascii() and value.isdigit()):
        raise _Uncertain
    return int(value)


def _score(values: list[str] | None, default: float) -> float:
    value = _last(values)
    if value is None:
        return default
    whole, dot, fraction = value.partition(".")
    if not (whole.isascii() and whole.isdigit() and (not dot or (fraction.isascii() and fraction.isdigit()))):
        raise _Uncertain
    score = float(value)
    if not 0 <= score <= 100:
        raise _Uncertain  # typer's range error
    return score


def _filters(options: dict[str, list[str]]) -> dict[str, str | None]:
    return {name: _last(options.get(f"--{name}")) for name in ("section", "cites", "marker", "since", "until", "lang")}


def _prepare(asked: Asked) -> tuple[Warm | None, Answer | None]:
    """The warm rows (open) and the answer to write from them, or no answer
    when typer is to give it."""
    from pathlib import Path

    from factcheck import reads, warm

    request, options = asked.request, asked.request.options
    fmt = _choice(options.get("--format"), FORMATS[request.command])
    # typer hands the command --root as a Path, as given.
    root = Path(request.root) if request.root is not None else None
    kept = warm.open_warm(root, stamped=asked.stamp)
    if kept is None:
        return None, None  # not fresh: typer brings the rows up to date
    try:
        if request.command == "show":
            assert request.argument is not None
            shown = reads.show_from_rows(kept, request.argument, fmt=fmt)
            if shown is not None:
                return kept, shown
            paths = kept.paths
            kept.close()
            return None, reads.show_answer(root, request.argument, fmt=fmt, unchanged=paths)
        return kept, _from_rows(kept, request.command, request.argument, fmt, options)
    except BaseException:
        kept.close()
        raise


def _from_rows(kept: Warm, command: str, argument: str | None, fmt: str | None, options: dict[str, list[str]]) -> Answer | None:
    """`list`, `stats` or `search` from the rows, or None."""
    from factcheck import options as defaults
    from factcheck import reads

    status, doc = options.get("--status") or (), options.get("--doc") or ()
    if command == "stats":
        return reads.stats_answer(kept, fmt=fmt)
    if command == "list":
        return reads.list_answer(kept, fmt=fmt, status=status, doc=doc) if reads.list_from_rows(**_filters(options)) else None
    assert command == "search" and argument is not None
    scope = _choice(options.get("--in"), SCOPES) or "claims"
    limit = _count(options.get("--limit"), defaults.SEARCH_LIMIT)
    min_score = _score(options.get("--min-score"), defaults.SEARCH_MIN_SCORE)
    if not reads.search_from_rows(scope=scope, fuzzy="--fuzzy" in options, **_filters(options)):
        return None
    found = reads.search_answer(kept, argument, fmt=fmt, limit=limit, min_score=min_score, status=status, doc=doc)
    if found is not None and found[1].nearest is not None:
        return None  # nothing passed --min-score: the table says the nearest on stderr; typer's to say
    return found


__all__ = ["answer", "FORMATS", "SCOPES"]
