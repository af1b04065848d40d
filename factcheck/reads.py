"""The read commands' answers from a warm index (`list`, `stats`, `search`,
`show`), as plain functions of their options' values: what the typer
commands (:mod:`factcheck.cli.query`) print when nothing changed since the
index kept its rows, and what the console script prints for a plain command
line asked for the first time without loading typer (:mod:`factcheck.direct`).
Both call these functions with the same values, so their bytes are the same
by construction.

Each ``*_answer`` function returns an answer, the renderer and the result it
renders, with nothing written yet (:func:`emit` writes it); or None when the
warm rows cannot answer (a filter they do not hold, an unknown status or
document, which must fail as it always did, a search with no literal hit):
the typer command then takes its usual path, and the console script hands
the command line to typer.  Nothing here imports typer, and rich only when
a table is drawn for a terminal (issue 9: a first warm `stats --format json` within 2x
``factcheck --version``).
"""

from __future__ import annotations

import io
import sys

from factcheck import warm

TYPE_CHECKING = False  # typing is not imported at run time: see factcheck.direct
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Sequence
    from pathlib import Path
    from typing import IO, Any, TypeVar

    from factcheck.store import Corpus

    R = TypeVar("R")
    Answer = tuple[Callable[[Any, IO[str]], None], Any]


def emit(render: Callable[[R, IO[str]], None], result: R, output: Path | None = None) -> None:
    """Render ``result`` to stdout, or atomically to ``output``."""
    if output is None:
        render(result, sys.stdout)
        sys.stdout.flush()
        return
    from factcheck.yamlio import atomic_write

    buffer = io.StringIO()
    render(result, buffer)
    atomic_write(output, buffer.getvalue())


def error(message: str) -> None:
    """An error on stderr as one line (scripts grep it), with no markup read from user data."""
    from factcheck.report.table import console
    from factcheck.safety import cut, visible

    # Messages quote paths and values from data: cut, and shown inert on a terminal.
    console(stderr=True).print(f"factcheck: error: {visible(cut(message, 1000))}", markup=False, highlight=False, soft_wrap=True)


def configured_format(command: str, root: Path | None) -> str | None:
    """The config's default ``--format`` for a command (None: the command's own)."""
    from factcheck.store import Repository

    return Repository.locate(root).config.format_for(command)


def load_claim_corpus(root: Path | None, claim_id: str, *, unchanged: Collection[str] | None = None) -> Corpus:
    """Like ``cli.common.load_corpus``, but only the files one claim's answer
    depends on (through the index), so `show ID` does not read the whole
    repository (``unchanged``: nor stat every file; see ``index.load_for_claim``)."""
    from factcheck import index
    from factcheck.store import Repository

    corpus = index.load_for_claim(Repository.locate(root), claim_id, unchanged=unchanged)
    corpus.raise_if_broken()
    return corpus


# --- the filters the rows hold --------------------------------------------------------


def list_from_rows(*, section: str | None, cites: str | None, marker: str | None, since: str | None,
                   until: str | None, lang: str | None) -> bool:
    """Whether `list` with these filters may be answered from the rows
    (``--status`` and ``--doc`` are; any other filter reads the claims)."""
    return not any((section, cites, marker, since, until, lang))


def search_from_rows(*, scope: str, fuzzy: bool, section: str | None, cites: str | None, marker: str | None,
                     since: str | None, until: str | None, lang: str | None) -> bool:
    """Whether `search` with these options may be answered from the rows
    (claims only, scored as written, filtered by ``--status``/``--doc``)."""
    return scope == "claims" and not fuzzy and list_from_rows(
        section=section, cites=cites, marker=marker, since=since, until=until, lang=lang
    )


# --- answers ----------------------------------------------------------------------------


def list_answer(kept: warm.Warm, *, fmt: str | None, status: Sequence[str], doc: Sequence[str]) -> Answer | None:
    """`list` (``--status``/``--doc`` only) as JSON, YAML, ids or its table, from the rows."""
    chosen = fmt or kept.format_for("list") or "table"
    if chosen in warm.RECORD_FORMATS:
        records = kept.list_records(chosen, status, doc)
        if records is not None:
            return warm.write_records, records
    if chosen != "table":
        return None
    views = kept.views(status, doc)
    if views is None:
        return None
    from factcheck.report import listing

    # A KeptView reads as a ClaimView to the table (id, document, text, statuses, labels).
    return listing.FORMATS["table"], views


def stats_answer(kept: warm.Warm, *, fmt: str | None) -> Answer | None:
    """`stats` from the counts kept with the rows; None when they cannot be
    read (the typer command makes them again)."""
    counted, chosen = kept.tally(), fmt or kept.format_for("stats") or "table"
    if counted is None:
        return None
    from factcheck.report import stats

    return stats.FORMATS[chosen], counted


def search_answer(
    kept: warm.Warm, query: str, *, fmt: str | None, limit: int, min_score: float, status: Sequence[str], doc: Sequence[str]
) -> Answer | None:
    """`search` over claims from the rows: only the claims holding ``query``
    as written are scored (what ``search.find`` would score); None when there
    are none (every claim is scored then: the usual path)."""
    needle = query.strip()
    chosen = fmt or kept.format_for("search") or "table"
    from factcheck import search as searching
    from factcheck.report import hits

    # A KeptView reads as a ClaimView to search() and the reporters (id,
    # claim.text, claim.document, statuses, labels); the corpus is read for
    # references only, and this scope has none.  The rows are read as
    # search() takes them: it stops at ``limit`` perfect scores.
    lazily = kept.literal_views(needle, status, doc)
    if lazily is None:
        return None
    try:
        found = searching.search(
            None, query, claims=lazily, scope="claims", documents=doc, limit=limit or None, min_score=min_score,  # type: ignore[arg-type]
        )
    except warm.sqlite3.Error:  # damaged rows: the usual path rebuilds
        return None
    if found:
        # What find() returns when the literal claims give hits.
        return hits.FORMATS[chosen], searching.SearchResult(query, tuple(found))
    literal = kept.literal(needle, status, doc)
    if literal is None:
        return None
    # None passed --min-score: find() says the nearest.
    result = searching.find(
        None, query, claims=literal, scope="claims", documents=doc, limit=limit or None,  # type: ignore[arg-type]
        min_score=min_score,
    )
    return hits.FORMATS[chosen], result


def show_from_rows(kept: warm.Warm, claim_id: str, *, fmt: str | None) -> Answer | None:
    """`show ID` from the claim's row (:meth:`warm.Warm.shown`) and its
    paragraph read now from its source; None when the usual path is to
    answer: what the rows cannot say for certain, a source that cannot be
    read or does not hold the claim (the usual path prints no context then,
    and the panels say why)."""
    chosen = fmt or kept.format_for("show") or "table"
    found = kept.shown(claim_id) if chosen in ("json", "table") else None
    if found is None:
        return None
    from factcheck.errors import UsageError
    from factcheck.sourcetext import paragraph

    claim, (source, line, column, end_line, end_column), rest, panels = found
    try:
        first, before, text, after = paragraph(kept.root, source, line, column, end_line, end_column)
    except UsageError:
        return None
    if chosen == "json":
        from factcheck.report import records

        return records.write_json, records.shown_record(claim, records.context_record(source, first, before, text, after), rest)
    from factcheck.report import detail

    return detail.render_panels, [panels, [source, first, before, text, after], ""]


def show_answer(root: Path | None, claim_id: str, *, fmt: str | None, unchanged: Collection[str] | None) -> Answer:
    """`show ID`: the claim's files through the index (``unchanged``: the
    corpus's files, known unchanged since the index was refreshed: no refresh)."""
    from factcheck import query as q

    found = q.detail(load_claim_corpus(root, claim_id, unchanged=unchanged), claim_id)
    from factcheck.report import detail

    return detail.FORMATS[fmt or configured_format("show", root) or "table"], found


__all__ = [
    "emit", "error", "configured_format", "load_claim_corpus", "list_from_rows", "search_from_rows",
    "list_answer", "stats_answer", "search_answer", "show_from_rows", "show_answer",
]
