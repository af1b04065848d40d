"""Claims per document and status (``factcheck stats``): a table for
people (a list when the terminal is too narrow for it), json for programs."""

from __future__ import annotations

from factcheck.options import STATUSES

TYPE_CHECKING = False  # typing is not imported at run time: see factcheck.direct
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import IO

    from rich.console import Console

    from factcheck.report import plain
    from factcheck.status import DocumentStats, Stats

# rich is imported by the table renderers only: `stats --format json` does
# not need it (issue 9: a warm read command is mostly imports otherwise).

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
    from factcheck.report.bare import plain_width

    width = plain_width(out)
    if width is not None:
        # Not a terminal: the lines rich would write, without loading it, when
        # rich would print lines (not the table) and every line is simple text.
        text = _plain_lines(result, width)
        if text is not None:
            out.write(text)
            return
    from factcheck.report import plain

    if not plain.draw(out, plain_table, result):
        _render_table(result, out)


def plain_table(result: Stats, width: int, ink: plain.Ink | None = None) -> str:
    """What :func:`_render_table` writes at ``width`` (in ``ink``'s styles on
    a terminal), drawn by :mod:`factcheck.report.plain` (Uncertain when it cannot be sure)."""
    from factcheck.report import plain
    from factcheck.report.styles import STATUS_STYLES

    ids, total = result.ids, result.total
    doc_width = _doc_width(width)
    if width < _STATS_TABLE_MIN_WIDTH or plain.widest(ids) > doc_width:
        paint = _painter(ink) if ink is not None and ink.system is not None else None
        text = _lines(ids, result.claims, result.columns, total, width,
                      lambda line: plain.cells(plain.check(line)) <= width and "\n" not in line, paint=paint)
        if text is None:
            raise plain.Uncertain("a line rich wraps")
        return text
    narrow = width < 110
    columns = [
        plain.Column("document", footer="total", no_wrap=True, overflow="ellipsis", max_width=doc_width),
        plain.Column("claims", justify="right", footer=str(total.claims)),
        *(plain.Column(_SHORT_HEADERS.get(s, s) if narrow else s, justify="right", footer=str(total.counts[s]),
                       header_base=STATUS_STYLES.get(s, ""))
          for s in STATUSES),
    ]
    # Column by column, as the counts are kept: a row at a time was ~4 ms of 2,000 documents (issue 9).
    columns[0].cells = list(ids)
    columns[1].cells = _shown(result.claims)
    for column, values in zip(columns[2:], result.columns, strict=True):
        column.cells = _shown(values)
    return "\n".join(plain.table(columns, width, show_footer=True, collapse_padding=True, ink=ink)) + "\n"


def _shown(values: Sequence[int]) -> list[str]:
    """Each count as text, one string for each distinct count: a long
    table's counts repeat, and each string is hashed once as the table
    lays out each distinct text once (issue 9)."""
    text = {v: str(v) for v in set(values)}
    return list(map(text.__getitem__, values))


def _painter(ink: plain.Ink) -> Callable[[str, str], str]:
    """How rich writes a text of one style on ``ink``'s terminal, for the
    lines of :func:`_render_lines`: each is one line that fits (nothing
    wraps), so each is its segments, cut where its spans start and end
    (the document's name in bold, each status's name in its style)."""

    def paint(text: str, style: str) -> str:
        return ink.line([(text, (style,))]) if style else text

    return paint


def _plain_lines(result: Stats, width: int) -> str | None:
    """What :func:`_render_table` writes at ``width`` when rich writes no
    style, measured without rich: None when it would draw the table, or when
    a line is not simple text (see ``report.bare``) or does not fit."""
    from factcheck.report.bare import simple

    ids = result.ids
    if not simple("".join(ids)):  # each id printable ASCII, asked at once
        return None
    if width >= _STATS_TABLE_MIN_WIDTH and max(map(len, ids), default=0) <= _doc_width(width):
        return None  # the table
    return _lines(ids, result.claims, result.columns, result.total, width, lambda line: simple(line) and len(line) <= width)


def _doc_width(width: int) -> int:
    """The document column's room in a table at ``width``: what is left by the counts."""
    headers = [(_SHORT_HEADERS.get(s, s) if width < 110 else s) for s in STATUSES]
    numbers = 6 + sum(max(map(len, h.split("\n"))) for h in headers) + 2 * len(headers)
    return max(8, width - numbers - 2)


def _render_table(result: Stats, out: IO[str]) -> None:
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table

    from factcheck.report.styles import STATUS_STYLES
    from factcheck.report.table import console
    from factcheck.report.terminal import Text

    con = console(out)
    rows, total = result.documents, result.total
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_footer=True, collapse_padding=True)
    narrow = con.width < 110
    doc_width = _doc_width(con.width)
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


def _render_lines(rows: Sequence[DocumentStats], total: DocumentStats, con: Console, *, plain: bool = True) -> None:
    """Stats for a terminal too narrow for the table: each document's full id,
    then its counts packed into lines that fit."""
    from rich.cells import cell_len

    from factcheck.report.styles import STATUS_STYLES
    from factcheck.report.terminal import Text

    if plain and con.color_system is None and _write_plain(rows, total, con):
        return
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


def _write_plain(rows: Sequence[DocumentStats], total: DocumentStats, con: Console) -> bool:
    """The lines above as rich prints them when it writes no style (not a
    terminal): each one as it is, when every one fits the width and holds
    nothing rich would show otherwise (a control character, a line break).
    Printing line by line through rich was most of a warm `stats` of 1,000
    documents (issue 9).  False, with nothing written, when not so."""
    from rich.cells import cell_len

    from factcheck.safety import visible

    columns = [[r.counts[s] for r in rows] for s in STATUSES]
    text = _lines([r.document for r in rows], [r.claims for r in rows], columns, total, con.width,
                  lambda line: cell_len(line) <= con.width and visible(line, lines=False) == line)
    if text is None:
        return False
    con.file.write(text)
    return True


def _lines(ids: Sequence[str], claims: Sequence[int], columns: Sequence[Sequence[int]], total: DocumentStats, width: int,
           fits: Callable[[str], bool], *, paint: Callable[[str, str], str] | None = None) -> str | None:
    """The plain lines of :func:`_render_lines` at ``width`` for the documents
    ``ids`` with their ``claims`` and ``columns`` of counts (one per status),
    then ``total``; None unless every one ``fits`` as it is.  With ``paint``
    (a terminal's styles, :func:`_painter`) the names are written in their styles.

    ``fits`` is asked of the documents' first lines only when one is not
    printable ASCII: of printable ASCII, every caller's ``fits`` says what
    the line's length against the width says, and that is asked of all at once."""
    # A status and its count is printable ASCII, one cell a character: where
    # the counts' lines break depends only on the counts' lengths, so each
    # pattern of lengths is laid out once, as a template, and each document's
    # lines are that template filled (a warm `stats` of 2,000 documents laid
    # each out one by one in ~7 ms, then styled them in ~50 ms, issue 9).
    names = [*(doc_id or "total" for doc_id in ids), "total"] if "" in ids else [*ids, "total"]
    counted = [*_shown(claims), str(total.claims)]
    texts = [[*_shown(column), str(total.counts[s])] for s, column in zip(STATUSES, columns, strict=True)]
    head = "{}  {} claims".format
    joined = "".join(names)
    if joined.isascii() and joined.isprintable():  # each line's length, the widest name and count first
        fitting = (max(map(len, names)) + max(map(len, counted)) + len(head("", "")) <= width
                   or max(map(len, map(head, names, counted))) <= width)
    else:
        fitting = all(map(fits, map(head, names, counted)))
    if not fitting:
        return None
    keys = list(zip(*(map(len, column) for column in texts), strict=True))
    first = (paint("{}", "bold") if paint is not None else "{}") + "  {} claims\n"
    templates: dict[tuple[int, ...], str] = {}
    for key in set(keys):
        layout = _layout(key, width, paint)
        if layout is None:
            return None
        templates[key] = first + layout
    rows = zip(names, counted, *texts, strict=True)
    return "\n".join([templates[key].format(*row) for key, row in zip(keys, rows, strict=True)]) + "\n"


def _layout(lengths: tuple[int, ...], width: int, paint: Callable[[str, str], str] | None = None) -> str | None:
    """The lines of the counts of :data:`STATUSES` whose lengths are
    ``lengths`` packed into ``width`` cells, as a format template (each
    status's name in its style with ``paint``); None when one does not fit."""
    if paint is not None:
        from factcheck.report.styles import STATUS_STYLES

    lines: list[list[str]] = [[]]
    used = 2
    for s, length in zip(STATUSES, lengths, strict=True):
        size = len(s) + 1 + length
        if lines[-1] and used + 2 + size > width:
            lines.append([])
            used = 2
        if lines[-1]:
            used += 2
        lines[-1].append((s if paint is None else paint(s, STATUS_STYLES.get(s, ""))) + " {}")
        used += size
        if used > width:
            return None
    return "\n".join("  " + "  ".join(parts) for parts in lines)


def render_json(result: Stats, out: IO[str]) -> None:
    from factcheck.report.records import stats_record, write_json  # not for a table (a tenth of a millisecond of it)

    write_json(stats_record(result), out)


FORMATS: dict[str, Callable[[Stats, IO[str]], None]] = {
    "table": render_table,
    "json": render_json,
}
