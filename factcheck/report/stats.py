"""Claims per document and status (``factcheck stats``): a table for
people (a list when the terminal is too narrow for it), json for programs."""

from __future__ import annotations

from typing import IO, Callable, Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from factcheck.report.records import stats_record, write_json
from factcheck.report.table import STATUS_STYLES, console
from factcheck.report.terminal import Text
from factcheck.status import STATUSES, DocumentStats, Stats

_SHORT_HEADERS = {
    "unsourced": "un-\nsourced",
    "attributed": "attri-\nbuted",
    "disputed": "dis-\nputed",
    "contradicted": "contra-\ndicted",
    "suspected": "sus-\npected",
    "weakly-sourced": "weakly-\nsourced",
}


_STATS_TABLE_MIN_WIDTH = 72  # below it the nine columns squeeze their headers


def render_table(result: Stats, out: IO[str]) -> None:
    con = console(out)
    rows, total = result.documents, result.total
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_footer=True, collapse_padding=True)
    narrow = con.width < 110
    headers = [(_SHORT_HEADERS.get(s, s) if narrow else s) for s in STATUSES]
    numbers = 6 + sum(max(map(len, h.split("\n"))) for h in headers) + 2 * len(headers)
    doc_width = max(8, con.width - numbers - 2)
    if con.width < _STATS_TABLE_MIN_WIDTH or max((cell_len(r.document) for r in rows), default=0) > doc_width:
        # A cut id ("blog-ja-ru-…") cannot be passed to --doc, nor a cut
        # header ("con…") read: list instead.
        _render_lines(rows, total, con)
        return
    table.add_column("document", footer="total", no_wrap=True, overflow="ellipsis", max_width=doc_width)
    table.add_column("claims", justify="right", footer=str(total.claims))
    for s in STATUSES:
        # In a narrow terminal long names break over two lines so the table fits.
        name = _SHORT_HEADERS.get(s, s) if narrow else s
        header = Text(name, style=STATUS_STYLES.get(s, ""))
        table.add_column(header, justify="right", footer=str(total.counts[s]))
    for r in rows:
        table.add_row(Text(r.document), str(r.claims), *(str(r.counts[s]) for s in STATUSES))
    con.print(table)


def _render_lines(rows: Sequence[DocumentStats], total: DocumentStats, con: Console) -> None:
    """Stats for a terminal too narrow for the table: each document's full id,
    then its counts packed into lines that fit."""
    for r in (*rows, total):
        con.print(Text.assemble((r.document or "total", "bold"), f"  {r.claims} claims"))
        line = Text("  ")
        for s in STATUSES:
            chunk = Text.assemble((s, STATUS_STYLES.get(s, "")), f" {r.counts[s]}")
            if cell_len(line.plain) > 2 and cell_len(line.plain) + 2 + chunk.cell_len > con.width:
                con.print(line)
                line = Text("  ")
            if cell_len(line.plain) > 2:
                line.append("  ")
            line.append_text(chunk)
        con.print(line)


def render_json(result: Stats, out: IO[str]) -> None:
    write_json(stats_record(result), out)


FORMATS: dict[str, Callable[[Stats, IO[str]], None]] = {
    "table": render_table,
    "json": render_json,
}
