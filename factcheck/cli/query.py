"""Commands that read the claims: ``list``, ``search``, ``show``, ``stats``,
``report`` and ``export``.

Each loads the repository, calls one library function and hands the result
to a reporter; ``--format json`` output is plain JSON on stdout (no colour).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import IO, Annotated, Any, Callable, Literal, Optional

import typer

from factcheck import export as exporting
from factcheck import search as searching
from factcheck import status as st
from factcheck.cli.common import RootOption, app, console, guarded, load_corpus, write_file, write_json
from factcheck.report import claims as claims_report
from factcheck.report import listing, table
from factcheck.store import to_json

# --- shared options ------------------------------------------------------------------

StatusOption = Annotated[
    Optional[list[str]],
    typer.Option("--status", "-s", metavar="STATUS", help=f"Only claims with this status (repeatable; any of them): {', '.join(st.STATUSES)}."),
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


_load = load_corpus


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


def _emit(write: Callable[[IO[str]], None], output: Path | None) -> None:
    """Write through ``write`` to stdout, or atomically to ``output``."""
    if output is None:
        write(sys.stdout)
        sys.stdout.flush()
        return
    buffer = io.StringIO()
    write(buffer)
    write_file(output, buffer.getvalue())


# --- list ----------------------------------------------------------------------------


@app.command("list")
@guarded
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
        Literal["table", "json", "yaml", "csv", "ids"], typer.Option("--format", "-f", help="Output format.")
    ] = "table",
    csv_raw: CsvRawOption = False,
    root: RootOption = None,
) -> None:
    """List claims with their derived statuses, filtered.

    Statuses are derived, never stored: sourced, covered, unsourced,
    disputed, contradicted, suspected, weakly-sourced (see `factcheck stats`).
    Filters combine with AND; a repeated --status or --doc means any of them.

    Example: factcheck list --status disputed --lang ja --format json
    """
    corpus = _load(root)
    views = st.select(corpus, **_filters(**locals()))
    if fmt == "table":
        table.render_claims(views, console())
    elif fmt == "csv":
        listing.render_csv(views, sys.stdout, raw=csv_raw)
    else:
        listing.LIST_FORMATS[fmt](views, sys.stdout)


# --- search --------------------------------------------------------------------------


@app.command("search")
@guarded
def search_command(
    query: str = typer.Argument(..., help="What to look for: Japanese, English or both; a fragment or a paraphrase."),
    scope: Annotated[
        Literal["claims", "references", "all"],
        typer.Option("--in", help="Search claim text, reference titles and publishers, or both."),
    ] = "claims",
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, metavar="N", help="At most this many results (0: no limit).")] = searching.DEFAULT_LIMIT,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0, max=100, metavar="SCORE", help="Drop results scoring below this (0-100).")
    ] = searching.DEFAULT_MIN_SCORE,
    status: StatusOption = None,
    doc: DocOption = None,
    section: SectionOption = None,
    cites: CitesOption = None,
    marker: MarkerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    lang: LangOption = None,
    fmt: Annotated[Literal["table", "json"], typer.Option("--format", "-f", help="Output format.")] = "table",
    root: RootOption = None,
) -> None:
    """Fuzzy search over claims (and references), best match first.

    Width, case and kana are folded (full-width ２４５ finds 245, カタカナ finds
    かたかな), so a fragment or a paraphrase of a Japanese sentence is found
    without spaces; English words may come in any order.  Scores run 0-100;
    the matched parts are highlighted.  Filters are those of `factcheck list`
    and apply to claims.

    Example: factcheck search "死者２４５人" --lang ja --limit 5
    """
    corpus = _load(root)
    views = st.select(corpus, **_filters(**locals()))
    hits = searching.search(
        corpus, query, claims=views, scope=scope, documents=doc or (), limit=limit or None, min_score=min_score
    )
    if fmt == "json":
        write_json([searching.hit_record(h) for h in hits])
    else:
        table.render_hits(hits, console())
        if not hits and min_score > 0:
            # A paraphrase with other words (情報機関 for 情報院) can score just
            # under the bar: say what is nearest rather than only "0 matches".
            near = searching.search(corpus, query, claims=views, scope=scope, documents=doc or (), limit=1, min_score=0)
            if near and near[0].score.score > 0:
                console(stderr=True).print(
                    f"nearest: {near[0].id} (score {near[0].score.score:g}); see it with --min-score {int(near[0].score.score)}",
                    markup=False,
                )


# --- show ----------------------------------------------------------------------------


def _detail_record(d: st.ClaimDetail) -> dict[str, Any]:
    record = st.claim_record(d.view)
    record["context"] = (
        {"path": d.context.path, "line": d.context.line, "before": d.context.before, "claim": d.context.claim, "after": d.context.after}
        if d.context
        else None
    )
    refs = []
    for ref_id, ref, rating in d.references:
        entry: dict[str, Any] = to_json(ref) if ref is not None else {"id": ref_id, "missing": True}
        entry["document"] = ref.document if ref is not None else ""
        entry["rating"] = (
            {"source": rating.source, "rating": rating.rating, "unreliable": rating.unreliable} if rating else None
        )
        refs.append(entry)
    record["references"] = refs
    record["banners"] = list(d.document.banners) if d.document is not None else []
    record["related"] = [
        {
            "type": r.type,
            "review": r.review,
            "note": r.note,
            "direction": r.direction,
            "id": r.target,
            "document": r.claim.document if r.claim else None,
            "text": r.claim.text if r.claim else None,
        }
        for r in d.relations
    ]
    return record


@app.command("show")
@guarded
def show_command(
    claim_id: str = typer.Argument(..., metavar="ID", help="The claim's id."),
    fmt: Annotated[Literal["table", "json"], typer.Option("--format", "-f", help="Output format.")] = "table",
    root: RootOption = None,
) -> None:
    """Show one claim in full: its text, its paragraph in the source (markers
    as written), its statuses, the references it cites and its relations with
    the other claims' text.

    Example: factcheck show ja-noto-3
    """
    corpus = _load(root)
    found = st.detail(corpus, claim_id)
    if fmt == "json":
        write_json(_detail_record(found))
    else:
        table.render_detail(found, console())


# --- stats ---------------------------------------------------------------------------


@app.command("stats")
@guarded
def stats_command(
    fmt: Annotated[Literal["table", "json"], typer.Option("--format", "-f", help="Output format.")] = "table",
    root: RootOption = None,
) -> None:
    """Count claims per document and status.

    A claim carrying several statuses counts once under each.

    Example: factcheck stats --format json
    """
    corpus = _load(root)
    rows, total = st.stats(corpus)
    if fmt == "json":
        write_json(
            {
                "statuses": list(st.STATUSES),
                "documents": [{"id": r.document, "title": r.title, "claims": r.claims, "counts": r.counts} for r in rows],
                "total": {"claims": total.claims, "counts": total.counts},
            }
        )
    else:
        table.render_stats(rows, total, console())


# --- report --------------------------------------------------------------------------


@app.command("report")
@guarded
def report_command(
    fmt: Annotated[
        Literal["markdown", "html", "json"], typer.Option("--format", "-f", help="Output format.")
    ] = "markdown",
    output: OutputOption = None,
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The report's title.")] = "Disputed claims",
    date: Annotated[Optional[str], typer.Option("--date", metavar="DATE", help="A date to print in the report (none by default, so reports diff cleanly).")] = None,
    root: RootOption = None,
) -> None:
    """Write the disputed-claims report an editor acts on.

    A summary per document, then disputed claims with their markers and
    references, contradicted and suspected claims side by side with the
    conflicting parts marked, unsourced factual claims by section,
    conflicting figures across documents, and cited references rated
    unreliable.  The output is deterministic; the HTML is one
    self-contained file that also prints well.

    Example: factcheck report --format html -o report.html
    """
    corpus = _load(root)
    built = claims_report.build_report(corpus, title=title, date=date)
    _emit(lambda stream: claims_report.REPORTERS[fmt](built, stream), output)


# --- export --------------------------------------------------------------------------


@app.command("export")
@guarded
def export_command(
    fmt: Annotated[
        Literal["claimreview", "csl-json", "csv"],
        typer.Option("--format", "-f", help="claimreview (schema.org JSON-LD), csl-json (references) or csv (claims)."),
    ],
    output: OutputOption = None,
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
    spreadsheet would run as formulas start with ' unless --csv-raw.  Only
    http(s) addresses are exported as urls; the JSON escapes < > & so it can
    be embedded in a page's <script> element.

    Example: factcheck export --format csl-json -o references.json
    """
    corpus = _load(root)
    _emit(
        lambda stream: exporting.export(corpus, fmt, stream, author=author, date=date, url_base=url_base, csv_raw=csv_raw),
        output,
    )
