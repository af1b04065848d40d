"""Search results (``factcheck search``): a table with the matches
highlighted for people, json for programs."""

from __future__ import annotations

from factcheck.report.records import hit_record, write_json

TYPE_CHECKING = False  # typing is not imported at run time: see factcheck.direct
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import IO

    from factcheck.report import plain
    from factcheck.report.terminal import Text
    from factcheck.search import SearchResult

# rich is imported by the table renderer only: `search --format json` does
# not need it (issue 9).


def highlighted(text: str, spans: Iterable[tuple[int, int]], *, style: str = "bold reverse") -> Text:
    from factcheck.report.terminal import Text

    t = Text(text)
    for start, end in spans:
        t.stylize(style, start, end)
    return t


def snippet(text: str, spans: Sequence[tuple[int, int]], cells: int, *,
            measure: Callable[[str], int] | None = None) -> tuple[str, tuple[tuple[int, int], ...]]:
    """At most ``cells`` terminal cells of ``text`` around its first match,
    with the match spans moved to match; "…" marks what was cut.  ``measure``:
    the width of a text in cells (rich's by default)."""
    if measure is None:
        from rich.cells import cell_len

        measure = cell_len

    if measure(text) <= cells:
        return text, tuple(spans)
    first = spans[0][0] if spans else 0
    start = first
    # Some context before the match: up to a quarter of the room.
    while start > 0 and measure(text[start - 1 : first]) <= cells // 4:
        start -= 1
    end = start
    budget = cells - (1 if start > 0 else 0) - 1
    while end < len(text) and measure(text[start : end + 1]) <= budget:
        end += 1
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    moved = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in spans if b > start and a < end
    )
    return prefix + text[start:end] + suffix, moved


def render_table(result: SearchResult, out: IO[str], *, lines: int = 3) -> None:
    """Search results, best first, matched parts highlighted; long texts are
    cut to a few lines around the match."""
    from factcheck.report import plain

    if lines != 3 or not plain.draw(out, plain_table, result):
        rich_table(result, out, lines=lines)


def plain_table(result: SearchResult, width: int, ink: plain.Ink | None = None) -> str:
    """What :func:`rich_table` writes at ``width`` (in ``ink``'s styles on a
    terminal), drawn by :mod:`factcheck.report.plain` (Uncertain when it cannot be sure)."""
    from factcheck.report import plain
    from factcheck.report.styles import status_spans

    if result.nearest is not None:
        raise plain.Uncertain("a note on stderr")
    hits = result.hits
    count = f"{len(hits)} match{'es' if len(hits) != 1 else ''}"
    if not hits:
        return plain.lines_of(count, width, ink, "dim")

    def widest(header: str, texts: Iterable[str]) -> int:
        return max([plain.cells(header), *(plain.cells(plain.check(t)) for t in texts)])

    show_document = any(not h.id.startswith(h.document) for h in hits)
    id_width = widest("id", (h.id for h in hits))
    doc_width = widest("document", (h.document for h in hits)) + 3 if show_document else 0
    status_width = min(16, widest("statuses", (" ".join(h.view.ordered_statuses()) if h.view else "reference" for h in hits)))
    text_width = max(16, width - 5 - id_width - doc_width - status_width - 9)
    columns = [plain.Column("score", justify="right", no_wrap=True, min_width=5),
               plain.Column("id", no_wrap=True, min_width=id_width, style="cyan")]
    if show_document:
        columns.append(plain.Column("document", no_wrap=True))
    columns += [plain.Column("text", overflow="fold", max_width=text_width),
                plain.Column("statuses", overflow="fold", max_width=16)]
    text_column, status_column = columns[-2:]
    for h in hits:
        statuses, spans = status_spans(h.view.statuses) if h.view else ("reference", [])
        status_column.bases.append("" if h.view else "dim")
        status_column.spans.append(spans)
        text, found = _snippet(" ".join(h.text.split()) if "\n" in h.text else h.text, h.score.spans, (text_width - 2) * 3)
        if any(a < 0 or b < 0 for a, b in found):
            raise plain.Uncertain("a span counted from the end")
        # highlighted(): Text.stylize skips what is empty or past the end.
        text_column.spans.append([(a, min(len(text), b), "bold reverse") for a, b in found if a < len(text) and b > a])
        # The score, id and document are plain strings to rich: read as markup.
        texts = [plain.markup_free(f"{h.score.score:.0f}"), plain.markup_free(h.id),
                 *([plain.markup_free(h.document)] if show_document else []), text, statuses]
        for column, cell in zip(columns, texts, strict=True):
            column.cells.append(cell)
    return ("".join(line + "\n" for line in plain.table(columns, width, ink=ink))
            + plain.lines_of(count, width, ink, "dim"))


def _snippet(text: str, spans: Sequence[tuple[int, int]], cells: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """:func:`snippet`, measured by :mod:`factcheck.report.plain`."""
    from factcheck.report import plain

    return snippet(plain.check(text), spans, cells, measure=plain.cells)


def rich_table(result: SearchResult, out: IO[str], *, lines: int = 3) -> None:
    """:func:`render_table` drawn by rich."""
    from rich import box
    from rich.table import Table

    from factcheck.report.table import console, status_text, widest
    from factcheck.report.terminal import Text

    con = console(out)
    hits = result.hits
    show_document = any(not h.id.startswith(h.document) for h in hits)
    id_width = widest("id", (h.id for h in hits))
    doc_width = widest("document", (h.document for h in hits)) + 3 if show_document else 0
    status_width = min(16, widest("statuses", (" ".join(h.view.ordered_statuses()) if h.view else "reference" for h in hits)))
    text_width = max(16, con.width - 5 - id_width - doc_width - status_width - 9)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("score", justify="right", no_wrap=True, min_width=5)
    table.add_column("id", no_wrap=True, style="cyan", min_width=id_width)
    if show_document:
        table.add_column("document", no_wrap=True)
    table.add_column("text", overflow="fold", max_width=text_width)
    table.add_column("statuses", overflow="fold", max_width=16)
    for h in hits:
        statuses = status_text(h.view.statuses) if h.view else Text("reference", style="dim")
        text, spans = snippet(" ".join(h.text.split()) if "\n" in h.text else h.text, h.score.spans, (text_width - 2) * lines)
        cells: list[str | Text] = [f"{h.score.score:.0f}", h.id, *([h.document] if show_document else []), highlighted(text, spans)]
        table.add_row(*cells, statuses)
    if hits:
        con.print(table)
    con.print(Text(f"{len(hits)} match{'es' if len(hits) != 1 else ''}", style="dim"))
    near = result.nearest
    if near is not None:
        # A note for people, on stderr: stdout stays the results.
        console(stderr=True).print(
            f"nearest: {near.id} (score {near.score.score:g}); see it with --min-score {int(near.score.score)}",
            markup=False,
        )




def render_json(result: SearchResult, out: IO[str]) -> None:
    write_json([hit_record(h) for h in result.hits], out)


FORMATS: dict[str, Callable[[SearchResult, IO[str]], None]] = {
    "table": render_table,
    "json": render_json,
}
