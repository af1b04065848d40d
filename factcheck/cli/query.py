"""Commands that read the claims: ``list``, ``search``, ``show``, ``stats``,
``report`` and ``export``.

Each loads the repository, calls one library function and hands the result
to a reporter; ``--format json`` output is plain JSON on stdout (no colour).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

import typer

from factcheck import options
from factcheck.cli.common import (
    RootOption,
    app,
    configured_format,
    emit,
    load_corpus,
    load_derived,
    up_to_date_rows,
)

# The library (the store, statuses, search, the reporters and rich) is
# imported inside each command, after the warm answers from the index
# (factcheck.warm) had their chance: a warm command is mostly imports otherwise.

# --- shared options ------------------------------------------------------------------

StatusOption = Annotated[
    Optional[list[str]],
    typer.Option("--status", "-s", metavar="STATUS", help=f"Only claims with this status (repeatable; any of them): {', '.join(options.STATUSES)}."),
]
DocOption = Annotated[Optional[list[str]], typer.Option("--doc", "-d", metavar="DOC", help="Only claims of this document id (repeatable).")]
SectionOption = Annotated[Optional[str], typer.Option("--section", metavar="TEXT", help="Only claims whose section heading contains this text.")]
CitesOption = Annotated[
    Optional[str], typer.Option("--cites", metavar="REF", help="Only claims citing this reference id or inline label (12 or [12]).")
]
MarkerOption = Annotated[
    Optional[str], typer.Option("--marker", metavar="MARKER", help="Only claims with this dispute kind (dubious) or marker text (要出典).")
]
SinceOption = Annotated[Optional[str], typer.Option("--since", metavar="DATE", help="Only claims with a date on or after DATE (YYYY[-MM[-DD]]).")]
UntilOption = Annotated[Optional[str], typer.Option("--until", metavar="DATE", help="Only claims with a date on or before DATE (YYYY[-MM[-DD]]).")]
LangOption = Annotated[Optional[str], typer.Option("--lang", metavar="LANG", help="Only claims of documents in this language (ja, en; a prefix of the tag).")]
CsvRawOption = Annotated[
    bool,
    typer.Option(
        "--csv-raw",
        help="CSV: cells exactly as stored. By default a cell starting with = + - @ TAB or CR gets a leading ' so spreadsheets show it as text, not run it as a formula.",
    ),
]
OutputOption = Annotated[
    Optional[Path], typer.Option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.", dir_okay=False)
]




def _check_status_and_doc(kept: Any, status: Optional[list[str]], doc: Optional[list[str]]) -> None:
    """The usage error ``--status``/``--doc`` values the kept rows could not
    answer give (an unknown status or document), from the kept documents."""
    from factcheck import query as q

    q.select_listed(q.Listed({k: (v[0], v[1]) for k, v in kept.documents.items()}, ()), status=status or (), doc=doc or ())


def _filters(**kw: Any) -> dict[str, Any]:
    return {
        "status": kw.get("status") or (),
        "doc": kw.get("doc") or (),
        "section": kw.get("section"),
        "cites": kw.get("cites"),
        "marker": kw.get("marker"),
        "since": kw.get("since"),
        "until": kw.get("until"),
        "lang": kw.get("lang"),
    }


# --- list ----------------------------------------------------------------------------


@app.command("list")
def list_command(
    status: StatusOption = None,
    doc: DocOption = None,
    section: SectionOption = None,
    cites: CitesOption = None,
    marker: MarkerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    lang: LangOption = None,
    fmt: Annotated[
        Optional[Literal["table", "json", "yaml", "csv", "ids"]],
        typer.Option("--format", "-f", help="Output format. Default: table (or format.list in the config)."),
    ] = None,
    csv_raw: CsvRawOption = False,
    root: RootOption = None,
) -> None:
    """List claims with their derived statuses, filtered.

    Statuses are derived, never stored: sourced, covered, unsourced,
    disputed, contradicted, suspected, weakly-sourced (see `factcheck stats`).
    Filters combine with AND; a repeated --status or --doc means any of them.

    \b
    Examples:
      factcheck list --status disputed --lang ja
      factcheck list --status unsourced --doc blog-ja-ru-kp-relations --format ids
      factcheck list --cites 14 --format json
    """
    from factcheck import reads, warm

    simple = reads.list_from_rows(section=section, cites=cites, marker=marker, since=since, until=until, lang=lang)
    # Nothing changed since the rows were kept: answer without the library;
    # else bring the rows up to date (only what the change touches) first.
    answerable = fmt is None or fmt == "table" or fmt in warm.RECORD_FORMATS  # csv reads the claims
    kept = (warm.open_warm(root) or (up_to_date_rows(root) if answerable else None)) if simple else None
    if kept is not None:
        try:
            answer = reads.list_answer(kept, fmt=fmt, status=status or (), doc=doc or ())
            if answer is not None:
                emit(*answer)
                return
            _check_status_and_doc(kept, status, doc)  # an unknown value: the usual error, without reading a file
        finally:
            kept.close()

    from factcheck import query as q
    from factcheck.report import listing

    chosen = fmt or configured_format("list", root) or "table"
    if chosen in listing.RECORD_FORMATS and simple:
        # Without an index (FACTCHECK_NO_INDEX, a folder that cannot be written).
        listed, records = load_derived(root, ("listed", "records"), listing.listed)
        chosen_rows = q.select_listed(listed, status=status or (), doc=doc or ())
        emit(listing.RECORD_FORMATS[chosen], [records[n] for n in chosen_rows])
        return
    corpus = load_corpus(root)
    selected = q.select(corpus, **_filters(**locals()))
    if chosen == "csv":
        emit(functools.partial(listing.render_csv, raw=csv_raw), selected)
        return
    emit(listing.FORMATS[chosen], selected)


# --- search --------------------------------------------------------------------------


@app.command("search")
def search_command(
    query: str = typer.Argument(..., metavar="QUERY", help="What to look for: Japanese, English or both; a fragment or a paraphrase."),
    scope: Annotated[
        Literal["claims", "references", "all"],
        typer.Option("--in", help="Search claim text, reference titles and publishers, or both."),
    ] = "claims",
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, metavar="N", help="At most this many results (0: no limit).")] = options.SEARCH_LIMIT,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0, max=100, metavar="SCORE", help="Drop results scoring below this (0-100).")
    ] = options.SEARCH_MIN_SCORE,
    fuzzy: Annotated[
        bool,
        typer.Option("--fuzzy", help="Score every claim, also beside claims holding QUERY as written (slower; finds paraphrases of a word that is also found literally)."),
    ] = False,
    status: StatusOption = None,
    doc: DocOption = None,
    section: SectionOption = None,
    cites: CitesOption = None,
    marker: MarkerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    lang: LangOption = None,
    fmt: Annotated[
        Optional[Literal["table", "json"]],
        typer.Option("--format", "-f", help="Output format. Default: table (or format.search in the config)."),
    ] = None,
    root: RootOption = None,
) -> None:
    """Fuzzy search over claims (and references), best match first.

    Width, case and kana are folded (full-width ２４５ finds 245, カタカナ finds
    かたかな), so a fragment or a paraphrase of a Japanese sentence is found
    without spaces; English words may come in any order.  Scores run 0-100;
    the matched parts are highlighted.  Filters are those of `factcheck list`
    and apply to claims.  When some claims hold QUERY as written, only those
    are scored (fast on a large repository); otherwise, or with --fuzzy, every
    claim is.

    \b
    Examples:
      factcheck search "北朝鮮 兵士 1500人"
      factcheck search "ロシア" --in references --limit 5
    """
    from factcheck import reads, warm
    from factcheck import search as searching

    simple = reads.search_from_rows(
        scope=scope, fuzzy=fuzzy, section=section, cites=cites, marker=marker, since=since, until=until, lang=lang
    )
    kept = (warm.open_warm(root) or up_to_date_rows(root)) if simple else None
    if kept is not None:
        # The rows are up to date: score only the claims holding QUERY as
        # written (what find() would score), from the rows.
        try:
            answer = reads.search_answer(
                kept, query, fmt=fmt, limit=limit, min_score=min_score, status=status or (), doc=doc or ()
            )
            if answer is not None:
                emit(*answer)
                return
        finally:
            kept.close()

    from factcheck import query as q

    corpus = load_corpus(root)
    views = q.select(corpus, **_filters(**locals()))
    found = searching.find(
        corpus, query, claims=views, scope=scope, documents=doc or (), limit=limit or None, min_score=min_score, fuzzy=fuzzy
    )
    from factcheck.report import hits  # each command imports its own reporter: a warm command is mostly imports

    emit(hits.FORMATS[fmt or configured_format("search", root) or "table"], found)


# --- show ----------------------------------------------------------------------------


@app.command("show")
def show_command(
    claim_id: str = typer.Argument(..., metavar="ID", help="The claim's id."),
    fmt: Annotated[
        Optional[Literal["table", "json"]],
        typer.Option("--format", "-f", help="Output format. Default: table (or format.show in the config)."),
    ] = None,
    root: RootOption = None,
) -> None:
    """Show one claim in full: its text, its paragraph in the source (markers
    as written), its statuses, the references it cites and its relations with
    the other claims' text.

    \b
    Examples:
      factcheck show wiki-ja-kp-ua-relations-013
      factcheck show wiki-ja-kp-ua-relations-013 --format json
    """
    # The warm stamp (a stat() of every claim and reference file) holds: the
    # index's rows are the files, and no refresh is needed to trust them.
    from factcheck import reads, warm

    kept = warm.open_warm(root)
    unchanged, shown = None, None
    if kept is not None:
        try:
            # The claim's row, as the console script answers without typer.
            shown = reads.show_from_rows(kept, claim_id, fmt=fmt)
            unchanged = kept.paths if shown is None else None
        except ValueError:  # a damaged part: refresh as when not warm
            unchanged = None
        finally:
            kept.close()
    emit(*(shown or reads.show_answer(root, claim_id, fmt=fmt, unchanged=unchanged)))


# --- stats ---------------------------------------------------------------------------


@app.command("stats")
def stats_command(
    fmt: Annotated[
        Optional[Literal["table", "json"]],
        typer.Option("--format", "-f", help="Output format. Default: table (or format.stats in the config)."),
    ] = None,
    root: RootOption = None,
) -> None:
    """Count claims per document and status.

    A claim carrying several statuses counts once under each.

    \b
    Examples:
      factcheck stats
      factcheck stats --format json
    """
    from factcheck import reads, warm

    def kept_answer(kept: warm.Warm | None) -> reads.Answer | None:
        if kept is None:
            return None
        try:
            return reads.stats_answer(kept, fmt=fmt)
        finally:
            kept.close()

    # The kept counts, the rows brought up to date first when something changed.
    fresh = warm.open_warm(root)
    answer = kept_answer(fresh or up_to_date_rows(root))
    if answer is None and fresh is not None:
        answer = kept_answer(up_to_date_rows(root))  # counts that cannot be read: summed again from the files' rows
    if answer is not None:
        emit(*answer)
        return
    # Without an index.
    from factcheck import status as st
    from factcheck.report import listing, stats

    listed, _ = load_derived(root, ("listed", "records"), listing.listed)
    counted = st.tally(listed.documents, ((document, statuses) for _, document, statuses in listed.rows))
    emit(stats.FORMATS[fmt or configured_format("stats", root) or "table"], counted)


# --- report --------------------------------------------------------------------------

_BY_SUFFIX = {".html": "html", ".htm": "html", ".json": "json", ".md": "markdown", ".markdown": "markdown", ".txt": "terminal"}


@app.command("report")
def report_command(
    fmt: Annotated[
        Optional[Literal["terminal", "markdown", "html", "json"]],
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: from the -o file's suffix (.html, .json, .md), else format.report in the "
            "config, else terminal when stdout is a terminal and markdown when not.",
        ),
    ] = None,
    output: OutputOption = None,
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The report's title.")] = "Disputed claims",
    date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="A date to print in the report (none by default, so reports diff cleanly).")] = None,
    no_pager: Annotated[bool, typer.Option("--no-pager", help="Never page the terminal report (default: page it when it would scroll).")] = False,
    root: RootOption = None,
) -> None:
    """Write the disputed-claims report an editor acts on.

    A summary per document, then disputed claims with their markers and
    references, contradicted and suspected claims side by side with the
    conflicting parts marked, unsourced factual claims by section,
    conflicting figures across documents, and cited references rated
    unreliable.  The output is deterministic; the HTML is one
    self-contained file that also prints well.

    At a terminal it reads as a screen: the summary, then the contradicted
    and disputed claims with their markers, citations and a line of their
    source, through a pager when it would scroll.  Piped, it is Markdown.

    \b
    Examples:
      factcheck report
      factcheck report -o report.html
      factcheck report --format json | jq '.disputed[].claim.id'
    """
    # -o report.html means HTML: the file's suffix speaks before the config does.
    chosen = fmt or (_BY_SUFFIX.get(output.suffix.lower()) if output else None) or configured_format("report", root)
    if chosen is None:
        chosen = "terminal" if output is None and sys.stdout.isatty() else "markdown"
    from factcheck.cli.screen import show
    from factcheck.index import cached_candidates
    from factcheck.report import disputes
    from factcheck.report.claims import build_report  # the contradiction detector with it
    from factcheck.store import Repository

    # The report, and the detector's scan it is built on, are kept in the
    # index: a warm report neither rescans nor compares (a new title or date
    # is a new report, over the same scan).
    find = cached_candidates(Repository.locate(root))
    (built,) = load_derived(root, (f"report\x1f{title}\x1f{date}",), lambda corpus: (build_report(corpus, title=title, date=date, find=find),))
    if chosen == "terminal" and output is None:
        show(lambda out: disputes.render_terminal(built, out), pager=not no_pager)
    else:
        emit(disputes.FORMATS[chosen], built, output)


# --- export --------------------------------------------------------------------------


@app.command("export")
def export_command(
    fmt: Annotated[
        Literal["claimreview", "csl-json", "csv", "parquet"],
        typer.Option(
            "--format", "-f",
            help="claimreview (schema.org JSON-LD), csl-json (references), csv (claims) or parquet (every table, into the -o folder).",
        ),
    ],
    output: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", metavar="PATH", help="Write to this file (atomically) instead of stdout; for parquet, the folder of tables."),
    ] = None,
    author: Annotated[Optional[str], typer.Option("--author", metavar="NAME", help="ClaimReview: the reviewing organisation's name.")] = None,
    date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="ClaimReview: datePublished (none by default).")] = None,
    url_base: Annotated[
        Optional[str], typer.Option("--url-base", metavar="URL", help="ClaimReview: each review's url is URL#claim-<id> (http or https).")
    ] = None,
    csv_raw: CsvRawOption = False,
    root: RootOption = None,
) -> None:
    """Export claims or references for other tools.

    claimreview: schema.org ClaimReview JSON-LD for claims with a verdict (an
    accepted contradiction: "Contradicted by another source"; else a dispute
    marker: "Disputed: <kind>").  csl-json: the references for Zotero and
    pandoc.  csv: one row per claim with its statuses; cells that a
    spreadsheet would run as formulas start with ' unless --csv-raw.  parquet: claims,
    documents, references, cites, disputes, dates, quantities, relations,
    statuses and blocking tokens, one file each in the -o folder, for DuckDB
    or Spark (needs the parquet extra: pip install 'factcheck-claims[parquet]').
    Only http(s) addresses are exported as urls; the JSON escapes < > & so it
    can be embedded in a page's <script> element.

    \b
    Examples:
      factcheck export --format csl-json -o references.json
      factcheck export --format claimreview --author "Example Fact Desk"
      factcheck export --format parquet -o tables/
    """
    from factcheck import export as exporting
    from factcheck.report import exports

    if fmt in exports.FOLDER_FORMATS and output is None:
        from factcheck.errors import UsageError

        raise UsageError(f"--format {fmt} writes a folder of tables: give it with -o FOLDER")
    prepared = exporting.prepare(load_corpus(root), author=author, date=date, url_base=url_base, csv_raw=csv_raw)
    if fmt in exports.FOLDER_FORMATS:
        assert output is not None
        exports.FOLDER_FORMATS[fmt](prepared, output)
        return
    emit(exports.FORMATS[fmt], prepared, output)
