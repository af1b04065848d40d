"""One claim in full (``factcheck show``): panels for people, json for programs."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Callable

from factcheck.report.records import detail_record, write_json

if TYPE_CHECKING:
    from factcheck.model import Reference
    from factcheck.query import ClaimDetail
    from factcheck.reliability import Rating
    from factcheck.report.terminal import Text

# rich is imported by the panels only: `show --format json` does not need it
# (issue 9: machine formats never load rich).


def reference_text(ref: Reference | None, ref_id: str, rating: Rating | None) -> Text:
    from factcheck.report.terminal import Text

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


def render_table(d: ClaimDetail, out: IO[str]) -> None:
    """The claim, its source context, statuses, references, relations."""
    from rich import box
    from rich.console import Group, RenderableType
    from rich.panel import Panel
    from rich.table import Table

    from factcheck.report.table import console, status_text
    from factcheck.report.terminal import Text

    con = console(out)
    c = d.view.claim
    head = Text()
    head.append(c.id, style="bold cyan")
    head.append(f"  {c.document}")
    if c.section:
        head.append(f" › {c.section}")
    head.append(f"  ({c.kind})", style="dim")
    parts: list[RenderableType] = [head, Text(c.text, style="bold"), status_text(d.view.statuses)]
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
    con.print(Panel(Group(*parts), box=box.ROUNDED, expand=False))
    if d.context is not None:
        ctx = Text()
        ctx.append(d.context.before, style="dim")
        ctx.append(d.context.claim, style="bold underline")
        tail = Text(d.context.after, style="dim")
        for m in c.disputes:
            tail.highlight_words([m.marker], style="bold red")
        ctx.append_text(tail)
        con.print(Panel(ctx, title=Text(f"{d.context.path}:{d.context.line}"), title_align="left", box=box.SQUARE))
    elif d.context_problem:
        con.print(Text(f"source: {d.context_problem}", style="yellow"))
    if d.references:
        con.print(Text("references", style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for ref_id, ref, rating in d.references:
            how = "covered by" if ref_id in c.covered_by and ref_id not in c.cites else "cites"
            grid.add_row(Text(f"  {how}", style="dim"), reference_text(ref, ref_id, rating))
        con.print(grid)
    if d.relations:
        con.print(Text("relations", style="bold"))
        for r in d.relations:
            arrow = "→" if r.direction == "outgoing" else "←"
            line = Text(f"  {arrow} {r.type} ", style="magenta")
            line.append(r.target, style="cyan")
            line.append(f" [{r.review}]", style="dim")
            if r.note:
                line.append(f" {r.note}", style="dim")
            con.print(line)
            if r.claim is not None:
                con.print(Text(f"    {r.claim.text}"))
            else:
                con.print(Text("    (no such claim)", style="red"))


def render_json(d: ClaimDetail, out: IO[str]) -> None:
    write_json(detail_record(d), out)


FORMATS: dict[str, Callable[[ClaimDetail, IO[str]], None]] = {
    "table": render_table,
    "json": render_json,
}
