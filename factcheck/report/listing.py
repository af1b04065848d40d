"""A list of claims (``factcheck list``): a table for people; json, yaml,
csv or bare ids for programs."""

from __future__ import annotations

from factcheck.report.records import claim_record, write_json

TYPE_CHECKING = False  # typing is not imported at run time: see factcheck.direct
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import IO, Any

    from rich.table import Table

    from factcheck.query import Listed
    from factcheck.report import plain
    from factcheck.status import ClaimView
    from factcheck.store import Corpus

# rich is imported by the table only: json, yaml, csv and ids do not need it
# (issue 9: machine formats never load rich); the query, the statuses, YAML
# and CSV where they are used (the warm `list` table loads none of them).


def listed(corpus: Corpus) -> tuple[Listed, tuple[dict[str, Any], ...]]:
    """Every claim's statuses, and its record as `list --format json` gives
    it, in one order (what the index keeps for `list` and `stats`)."""
    from factcheck import query
    from factcheck.status import derive

    views = derive(corpus)
    return query.listed(corpus, views), tuple(claim_record(v) for v in views.values())


def claims_table(views: Sequence[ClaimView], *, width: int | None = None) -> Table:
    """Claims as a table; the text is shortened (in terminal cells) so that
    the whole table fits ``width`` while the other columns stay whole."""
    from rich import box
    from rich.table import Table

    from factcheck.report.table import TEXT_CELLS, shorten, status_text, widest
    from factcheck.report.terminal import Text

    rows = [
        (v.id, v.claim.document, " ".join(v.ordered_statuses()), " ".join(v.labels), v) for v in views
    ]
    # Ids usually start with their document's id; then the column says nothing new.
    show_document = any(not cid.startswith(document) for cid, document, *_ in rows)
    fixed = [
        widest("id", (r[0] for r in rows)),
        widest("document", (r[1] for r in rows)) if show_document else -3,
        widest("statuses", (r[2] for r in rows)),
        widest("cites", (r[3] for r in rows)),
    ]
    # Three cells between columns (padding and the box's blank separator).
    room = (width - sum(fixed) - 12) if width else TEXT_CELLS
    if room < 24 and fixed[2] > 16:
        # Narrow terminal: let the statuses wrap (one a line) to give the text room.
        room += fixed[2] - 14
        fixed[2] = 14
    text_cells = max(12, min(TEXT_CELLS, room))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("id", no_wrap=True, style="cyan", min_width=fixed[0])
    if show_document:
        table.add_column("document", no_wrap=True, min_width=fixed[1])
    table.add_column("text", no_wrap=True, overflow="ellipsis")
    table.add_column("statuses", min_width=fixed[2], max_width=max(fixed[2], 14))
    table.add_column("cites", no_wrap=True, min_width=fixed[3])
    for cid, document, _, labels, v in rows:
        cells = [Text(cid), *([Text(document)] if show_document else []), Text(shorten(v.claim.text, text_cells))]
        table.add_row(*cells, status_text(v.statuses), Text(labels))
    return table


def render_table(views: Sequence[ClaimView], out: IO[str]) -> None:
    """The claims, fitted to the terminal's width, then a count line."""
    from factcheck.report import plain

    if not plain.draw(out, plain_table, views):
        rich_table(views, out)


def plain_table(views: Sequence[ClaimView], width: int, ink: plain.Ink | None = None) -> str:
    """What :func:`rich_table` writes at ``width`` (in ``ink``'s styles on a
    terminal), drawn by :mod:`factcheck.report.plain` (Uncertain when it cannot be sure)."""
    from factcheck.report import plain
    from factcheck.report.styles import status_spans

    count = f"{len(views)} claim{'s' if len(views) != 1 else ''}"
    if not views:
        return plain.lines_of(count, width, ink, "dim")
    rows = [(v.id, v.claim.document, " ".join(v.ordered_statuses()), " ".join(v.labels), v) for v in views]
    show_document = any(not cid.startswith(document) for cid, document, *_ in rows)

    def widest(header: str, texts: Sequence[str]) -> int:
        return max([plain.cells(header), *(plain.cells(plain.check(t)) for t in texts)])

    fixed = [
        widest("id", [r[0] for r in rows]),
        widest("document", [r[1] for r in rows]) if show_document else -3,
        widest("statuses", [r[2] for r in rows]),
        widest("cites", [r[3] for r in rows]),
    ]
    room = width - sum(fixed) - 12
    if room < 24 and fixed[2] > 16:
        room += fixed[2] - 14
        fixed[2] = 14
    text_cells = max(12, min(_TEXT_CELLS, room))
    columns = [plain.Column("id", no_wrap=True, min_width=fixed[0], style="cyan")]
    if show_document:
        columns.append(plain.Column("document", no_wrap=True, min_width=fixed[1]))
    columns += [
        plain.Column("text", no_wrap=True, overflow="ellipsis"),
        plain.Column("statuses", min_width=fixed[2], max_width=max(fixed[2], 14)),
        plain.Column("cites", no_wrap=True, min_width=fixed[3]),
    ]
    status_column = columns[-2]
    for cid, document, _, labels, v in rows:
        statuses, spans = status_spans(v.statuses)
        texts = [cid, *([document] if show_document else []), _shorten(v.claim.text, text_cells), statuses, labels]
        for column, text in zip(columns, texts, strict=True):
            column.cells.append(text)
        status_column.spans.append(spans)
    lines = plain.table(columns, width, ink=ink)
    return "".join(line + "\n" for line in lines) + plain.lines_of(count, width, ink, "dim")


_TEXT_CELLS = 56  # report.table.TEXT_CELLS (a test holds them equal): that module loads rich


def _shorten(text: str, cells: int) -> str:
    """report.table.shorten, measured by report.plain."""
    from factcheck.report import plain

    text = " ".join(text.split())
    if plain.cells(plain.check(text)) <= cells:
        return text
    out, used = [], 0
    for ch in text:
        w = plain.cells(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def rich_table(views: Sequence[ClaimView], out: IO[str]) -> None:
    """:func:`render_table` drawn by rich."""
    from factcheck.report.table import console
    from factcheck.report.terminal import Text

    con = console(out)
    if views:
        con.print(claims_table(views, width=con.width))
    con.print(Text(f"{len(views)} claim{'s' if len(views) != 1 else ''}", style="dim"))


def render_json(views: Sequence[ClaimView], out: IO[str]) -> None:
    write_json([claim_record(v) for v in views], out)


def render_yaml(views: Sequence[ClaimView], out: IO[str]) -> None:
    from factcheck.yamlio import dump

    out.write(dump([claim_record(v) for v in views]) if views else "[]\n")


def render_csv(views: Sequence[ClaimView], out: IO[str], *, raw: bool = False) -> None:
    """One row per claim with a header row (RFC 4180 quoting, LF line ends).

    A cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``,
    ``@``, tab, CR first) gets a leading ``'``, unless ``raw``."""
    from factcheck.export import write_claims_csv

    write_claims_csv(views, out, raw=raw)


def render_ids(views: Sequence[ClaimView], out: IO[str]) -> None:
    for v in views:
        out.write(v.id + "\n")


FORMATS: dict[str, Callable[[Sequence[ClaimView], IO[str]], None]] = {
    "table": render_table,
    "json": render_json,
    "yaml": render_yaml,
    "csv": render_csv,
    "ids": render_ids,
}


# The formats `list` can write from records alone (query.select_listed), so
# that a warm `list` need not load a claim.
def render_records_yaml(records: Sequence[dict[str, Any]], out: IO[str]) -> None:
    from factcheck.yamlio import dump

    out.write(dump(list(records)) if records else "[]\n")


def render_records_ids(records: Sequence[dict[str, Any]], out: IO[str]) -> None:
    for r in records:
        out.write(r["id"] + "\n")


RECORD_FORMATS: dict[str, Callable[[Sequence[dict[str, Any]], IO[str]], None]] = {
    "json": write_json,
    "yaml": render_records_yaml,
    "ids": render_records_ids,
}
