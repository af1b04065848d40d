"""Rich renderings for the terminal: ``list``, ``search``, ``show`` and ``stats``.

Each function is handed the rich ``Console`` it prints to.  Claim text is
always wrapped in ``rich.text.Text`` (never parsed as markup), so brackets
in claims such as ``[要出典]`` print as written.  Column widths are measured
in terminal cells, so Japanese (two cells a character) lines up.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from factcheck.report.terminal import Text

from factcheck.model import Reference
from factcheck.reliability import Rating
from factcheck.search import Hit
from factcheck.status import STATUSES, ClaimDetail, ClaimView, DocumentStats

STATUS_STYLES = {
    "sourced": "green",
    "covered": "green dim",
    "unsourced": "yellow",
    "attributed": "magenta",
    "disputed": "bold red",
    "contradicted": "bold magenta",
    "suspected": "magenta",
    "weakly-sourced": "dark_orange",
}
TEXT_CELLS = 56


def shorten(text: str, cells: int = TEXT_CELLS) -> str:
    """Text cut to at most ``cells`` terminal cells, with an ellipsis when cut."""
    text = " ".join(text.split())
    if cell_len(text) <= cells:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def status_text(statuses: Iterable[str]) -> Text:
    text = Text()
    for i, s in enumerate(s for s in STATUSES if s in set(statuses)):
        if i:
            text.append(" ")
        text.append(s, style=STATUS_STYLES.get(s, ""))
    return text


def _widest(header: str, cells: Iterable[str]) -> int:
    return max([cell_len(header), *(cell_len(c) for c in cells)])


def claims_table(views: Sequence[ClaimView], *, width: int | None = None) -> Table:
    """Claims as a table; the text is shortened (in terminal cells) so that
    the whole table fits ``width`` while the other columns stay whole."""
    rows = [
        (v.id, v.claim.document, " ".join(v.ordered_statuses()), " ".join(v.labels), v) for v in views
    ]
    # Ids usually start with their document's id; then the column says nothing new.
    show_document = any(not cid.startswith(document) for cid, document, *_ in rows)
    fixed = [
        _widest("id", (r[0] for r in rows)),
        _widest("document", (r[1] for r in rows)) if show_document else -3,
        _widest("statuses", (r[2] for r in rows)),
        _widest("cites", (r[3] for r in rows)),
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


def render_claims(views: Sequence[ClaimView], console: Console) -> None:
    """The ``list`` table, fitted to the console's width, then a count line."""
    if views:
        console.print(claims_table(views, width=console.width))
    console.print(Text(f"{len(views)} claim{'s' if len(views) != 1 else ''}", style="dim"))


def highlighted(text: str, spans: Iterable[tuple[int, int]], *, style: str = "bold reverse") -> Text:
    t = Text(text)
    for start, end in spans:
        t.stylize(style, start, end)
    return t


def snippet(text: str, spans: Sequence[tuple[int, int]], cells: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """At most ``cells`` terminal cells of ``text`` around its first match,
    with the match spans moved to match; "…" marks what was cut."""
    if cell_len(text) <= cells:
        return text, tuple(spans)
    first = spans[0][0] if spans else 0
    start = first
    # Some context before the match: up to a quarter of the room.
    while start > 0 and cell_len(text[start - 1 : first]) <= cells // 4:
        start -= 1
    end = start
    budget = cells - (1 if start > 0 else 0) - 1
    while end < len(text) and cell_len(text[start : end + 1]) <= budget:
        end += 1
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    moved = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in spans if b > start and a < end
    )
    return prefix + text[start:end] + suffix, moved


def render_hits(hits: Sequence[Hit], console: Console, *, lines: int = 3) -> None:
    """Search results, best first, matched parts highlighted; long texts are
    cut to a few lines around the match."""
    show_document = any(not h.id.startswith(h.document) for h in hits)
    id_width = _widest("id", (h.id for h in hits))
    doc_width = _widest("document", (h.document for h in hits)) + 3 if show_document else 0
    status_width = min(16, _widest("statuses", (" ".join(h.view.ordered_statuses()) if h.view else "reference" for h in hits)))
    text_width = max(16, console.width - 5 - id_width - doc_width - status_width - 9)
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
        cells = [f"{h.score.score:.0f}", h.id, *([h.document] if show_document else []), highlighted(text, spans)]
        table.add_row(*cells, statuses)
    if hits:
        console.print(table)
    console.print(Text(f"{len(hits)} match{'es' if len(hits) != 1 else ''}", style="dim"))


def reference_text(ref: Reference | None, ref_id: str, rating: Rating | None) -> Text:
    t = Text()
    if ref is None:
        return Text(f"{ref_id} (unknown reference)", style="red")
    if ref.label:
        t.append(f"[{ref.label}] ", style="bold")
    names = [n.literal or " ".join(x for x in (n.family, n.given) if x) for n in ref.author]
    if names:
        t.append(", ".join(names) + ". ")
    if ref.title:
        t.append(ref.title, style="italic")
    for extra in (ref.container_title, ref.publisher):
        if extra and extra != ref.title:
            t.append(f" — {extra}")
    if ref.issued:
        t.append(f" ({ref.issued})")
    if ref.page:
        t.append(f", p. {ref.page}")
    if ref.url:
        t.append(f"\n{ref.url}", style="blue")
    if ref.custom.get("unresolved"):
        t.append("(unresolved: the page cites it but its entry is missing)", style="yellow")
    elif ref.custom.get("broken"):
        t.append("(broken entry: " + str(ref.custom.get("raw", "")) + ")", style="yellow")
    if rating is not None:
        t.append(f"\nrated {rating.rating} ({rating.source})", style="bold dark_orange" if rating.unreliable else "dim")
    t.append(f"  {ref.id}", style="dim")
    return t


def render_detail(d: ClaimDetail, console: Console) -> None:
    """``show``: the claim, its source context, statuses, references, relations."""
    c = d.view.claim
    head = Text()
    head.append(c.id, style="bold cyan")
    head.append(f"  {c.document}")
    if c.section:
        head.append(f" › {c.section}")
    head.append(f"  ({c.kind})", style="dim")
    parts: list[object] = [head, Text(c.text, style="bold"), status_text(d.view.statuses)]
    if d.document is not None and d.document.banners:
        parts.append(Text("article banner: " + " / ".join(d.document.banners), style="yellow"))
    if c.attribution is not None:
        parts.append(Text(f"attributed to: {c.attribution.source} ({c.attribution.cue})"))
    if c.disputes:
        parts.append(Text("markers: ") + Text(", ".join(f"{m.marker} ({m.kind})" for m in c.disputes), style="red"))
    if c.dates:
        parts.append(Text("dates: " + ", ".join(f"{m.text} = {m.value}" for m in c.dates), style="dim"))
    if c.quantities:
        parts.append(Text("quantities: " + ", ".join(f"{q.text} = {q.value:g} {q.unit or ''}".rstrip() if q.value is not None else q.text for q in c.quantities), style="dim"))
    console.print(Panel(Group(*parts), box=box.ROUNDED, expand=False))
    if d.context is not None:
        ctx = Text()
        ctx.append(d.context.before, style="dim")
        ctx.append(d.context.claim, style="bold underline")
        tail = Text(d.context.after, style="dim")
        for m in c.disputes:
            tail.highlight_words([m.marker], style="bold red")
        ctx.append_text(tail)
        console.print(Panel(ctx, title=Text(f"{d.context.path}:{d.context.line}"), title_align="left", box=box.SQUARE))
    elif d.context_problem:
        console.print(Text(f"source: {d.context_problem}", style="yellow"))
    if d.references:
        console.print(Text("references", style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for ref_id, ref, rating in d.references:
            how = "covered by" if ref_id in c.covered_by and ref_id not in c.cites else "cites"
            grid.add_row(Text(f"  {how}", style="dim"), reference_text(ref, ref_id, rating))
        console.print(grid)
    if d.relations:
        console.print(Text("relations", style="bold"))
        for r in d.relations:
            arrow = "→" if r.direction == "outgoing" else "←"
            line = Text(f"  {arrow} {r.type} ", style="magenta")
            line.append(r.target, style="cyan")
            line.append(f" [{r.review}]", style="dim")
            if r.note:
                line.append(f" {r.note}", style="dim")
            console.print(line)
            if r.claim is not None:
                console.print(Text(f"    {r.claim.text}"))
            else:
                console.print(Text("    (no such claim)", style="red"))


_SHORT_HEADERS = {
    "unsourced": "un-\nsourced",
    "attributed": "attri-\nbuted",
    "disputed": "dis-\nputed",
    "contradicted": "contra-\ndicted",
    "suspected": "sus-\npected",
    "weakly-sourced": "weakly-\nsourced",
}


_STATS_TABLE_MIN_WIDTH = 72  # below it the nine columns squeeze their headers


def render_stats(rows: Sequence[DocumentStats], total: DocumentStats, console: Console) -> None:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, show_footer=True, collapse_padding=True)
    narrow = console.width < 110
    headers = [(_SHORT_HEADERS.get(s, s) if narrow else s) for s in STATUSES]
    numbers = 6 + sum(max(map(len, h.split("\n"))) for h in headers) + 2 * len(headers)
    doc_width = max(8, console.width - numbers - 2)
    if console.width < _STATS_TABLE_MIN_WIDTH or max((cell_len(r.document) for r in rows), default=0) > doc_width:
        # A cut id ("blog-ja-ru-…") cannot be passed to --doc, nor a cut
        # header ("con…") read: list instead.
        _render_stats_lines(rows, total, console)
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
    console.print(table)


def _render_stats_lines(rows: Sequence[DocumentStats], total: DocumentStats, console: Console) -> None:
    """Stats for a terminal too narrow for the table: each document's full id,
    then its counts packed into lines that fit."""
    for r in (*rows, total):
        console.print(Text.assemble((r.document or "total", "bold"), f"  {r.claims} claims"))
        line = Text("  ")
        for s in STATUSES:
            chunk = Text.assemble((s, STATUS_STYLES.get(s, "")), f" {r.counts[s]}")
            if cell_len(line.plain) > 2 and cell_len(line.plain) + 2 + chunk.cell_len > console.width:
                console.print(line)
                line = Text("  ")
            if cell_len(line.plain) > 2:
                line.append("  ")
            line.append_text(chunk)
        console.print(line)
