"""The disputed-claims report for a person at a terminal (rich).

What an editor acts on comes first, so it is on the first screen: a
one-screen summary, then the disputed claims, the contradicted and the
suspected pairs, each with its markers, its citations and one line of its
source as written (markers included); then one line per remaining section
(unsourced claims, conflicting figures, unreliable references) with the
command that lists them, and a hint for the full report.

``render_terminal(report, out)`` writes to ``out`` (colour only when it is
a terminal); the ``report`` command decides on paging.  Text from claim
files goes through ``Text`` objects, never markup.
"""

from __future__ import annotations

from typing import IO, TypeVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text as RichText

from factcheck.report.claims import ClaimEntry, ClaimsReport, ContradictionEntry, DisputedEntry, ReferenceEntry, Segment
from factcheck.report.table import console as table_console
from factcheck.report.terminal import Text

# Columns of the summary, most urgent first; the others are in `factcheck stats`.
_SUMMARY = ("disputed", "contradicted", "suspected", "unsourced", "weakly-sourced")
_STATUS_STYLE = {"disputed": "bold red", "contradicted": "bold red", "suspected": "yellow", "unsourced": "yellow"}
CONTEXT_WIDTH = 30  # characters of source shown on each side of a claim's end


def source_line(report: ClaimsReport, claim_id: str) -> Text | None:
    """``path:line`` and the end of the claim as it stands in its source, with
    what follows it (its markers and citations), on one line."""
    found = report.sources.get(claim_id)
    if found is None:
        return None
    said, after = found.said, " ".join(found.after.split())
    line = Text(f"{found.path}:{found.line}  ", style="dim")
    line.append(("…" if len(said) > CONTEXT_WIDTH else "") + said[-CONTEXT_WIDTH:], style="dim")
    tail = Text(after[:CONTEXT_WIDTH] + ("…" if len(after) > CONTEXT_WIDTH else ""))
    markers = {m.marker for d in report.disputed if d.claim.id == claim_id for m in d.markers}
    tail.highlight_words(sorted(markers), style="bold red")
    line.append_text(tail)
    return line


def _reference(ref: ReferenceEntry) -> Text:
    out = Text()
    if ref.label:
        out.append(f"[{ref.label}] ", style="cyan")
    out.append(ref.title or ref.id)
    publisher = ref.container_title or ref.publisher
    if publisher and publisher != ref.title:
        out.append(f" — {publisher}", style="dim")
    if ref.issued:
        out.append(f" ({ref.issued})", style="dim")
    if ref.rating:
        out.append(f"  {'⚠ ' if ref.unreliable else ''}{ref.rating}", style="bold yellow" if ref.unreliable else "green")
    return out


_T = TypeVar("_T", bound=RichText)


def _one_line(text: _T) -> _T:
    """Cut at the screen's edge rather than wrapped: these lines are pointers, not content."""
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def _claim_head(claim: ClaimEntry, marker: str, style: str) -> Text:
    head = _one_line(Text())
    head.append(f"{marker} ", style=style)
    head.append(claim.id, style="bold cyan")
    where = f"  {claim.document}" + (f" › {claim.section}" if claim.section else "")
    head.append(where, style="dim")
    return head


def _segments(segments: tuple[Segment, ...]) -> Text:
    out = Text()
    for s in segments:
        out.append(s.text, style="bold red" if s.changed and s.text.strip() else None)
    return out


def _context(report: ClaimsReport, claim_id: str) -> Text | None:
    found = source_line(report, claim_id)
    return _one_line(found) if found is not None else None


def _disputed(entry: DisputedEntry, report: ClaimsReport) -> Group:
    head = _one_line(Text("⚑ ", style="bold red"))
    head.append(entry.claim.id, style="bold cyan")
    for m in entry.markers:
        head.append("  ")
        head.append(m.marker, style="bold red")
        head.append(f" {m.kind}", style="red")
    if entry.claim.section:
        head.append(f"  › {entry.claim.section}", style="dim")
    parts: list[RenderableType] = [head, Padding(Text(entry.claim.text), (0, 0, 0, 2))]
    for ref in entry.references:
        parts.append(Padding(_one_line(Text("cites ", style="dim") + _reference(ref)), (0, 0, 0, 2)))
    if not entry.references:
        parts.append(Padding(Text("cites nothing", style="yellow"), (0, 0, 0, 2)))
    context = _context(report, entry.claim.id)
    if context is not None:
        parts.append(Padding(context, (0, 0, 0, 2)))
    return Group(*parts)


def _contradiction(entry: ContradictionEntry, report: ClaimsReport) -> Group:
    accepted = entry.review == "accepted"
    label = "✗ contradicted" if accepted else "? suspected"
    style = "bold red" if accepted else "bold yellow"
    head = _one_line(Text(label, style=style))  # a reviewer's note can be long: the full one is in -o report.html
    if entry.note:
        head.append(f"  {entry.note}", style="dim")
    parts: list[RenderableType] = [head]
    for claim, segments in ((entry.left, entry.left_segments), (entry.right, entry.right_segments)):
        parts.append(Padding(_claim_head(claim, "•", style), (0, 0, 0, 2)))
        parts.append(Padding(_segments(segments), (0, 0, 0, 4)))
        context = _context(report, claim.id)
        if context is not None:
            parts.append(Padding(context, (0, 0, 0, 4)))
    if entry.differences:
        parts.append(Padding(Text("differs: " + "; ".join(entry.differences), style="dim"), (0, 0, 0, 2)))
    return Group(*parts)


def _summary(report: ClaimsReport) -> Table:
    """One line per document: its claims, then only the counts that are not zero."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, overflow="ellipsis", max_width=40)
    table.add_column(justify="right", no_wrap=True)
    table.add_column()
    for doc in (*report.documents, report.totals):
        counts = Text()
        for status in _SUMMARY:
            n = doc.counts.get(status, 0)
            if n:
                if counts:
                    counts.append(" · ", style="dim")
                counts.append(f"{n}\u00a0{status}", style=_STATUS_STYLE.get(status, ""))  # never "1 / unsourced"
        if not counts:
            counts.append("nothing to act on", style="green")
        name = Text(doc.id or "all documents", style="bold" if not doc.id else "")
        table.add_row(name, f"{doc.claims} claim" + ("" if doc.claims == 1 else "s"), counts)
    return table


def render_terminal(report: ClaimsReport, out: IO[str]) -> None:
    """The report, urgent things first, for a person at a terminal."""
    console = table_console(out)
    title = Text(report.title, style="bold")
    if report.date:
        title.append(f"  {report.date}", style="dim")
    console.print(title)
    console.print(_summary(report))
    accepted = [c for c in report.contradictions if c.review == "accepted"]
    suspected = [c for c in report.contradictions if c.review != "accepted"]
    # Disputed first: the markers are the source's own doubts, and what a new
    # reader of the report looks for; then the contradictions a reviewer accepted.
    sections: list[tuple[str, list[RenderableType]]] = [
        (f"Disputed ({len(report.disputed)})", [_disputed(d, report) for d in report.disputed]),
        (f"Contradicted ({len(accepted)})", [_contradiction(c, report) for c in accepted]),
        (f"Suspected contradictions, to review ({len(suspected)})", [_contradiction(c, report) for c in suspected]),
    ]
    for heading, items in sections:
        if not items:
            continue
        console.print()
        console.rule(Text(heading, style="bold"), align="left")
        for i, item in enumerate(items):
            if i:
                console.print()
            console.print(item)
    console.print()
    unsourced = sum(len(s.claims) for g in report.unsourced for s in g.sections)
    tail = [
        (unsourced, "unsourced factual claim{}", "factcheck list --status unsourced"),
        (len(report.conflicting_figures), "conflicting figure{} across documents", "factcheck report --format markdown"),
        (len(report.unreliable_references), "cited reference{} rated unreliable", "factcheck list --status weakly-sourced"),
    ]
    for count, what, command in tail:
        if count:
            line = Text(f"{count} {what.format('' if count == 1 else 's')}", style="bold")
            line.append(f"  → {command}", style="dim")
            console.print(line)
    hint = Text("The full report: ", style="dim")
    hint.append("factcheck report -o report.html", style="bold")
    hint.append(" (or --format markdown, json)", style="dim")
    console.print(hint)


__all__ = ["render_terminal", "source_line"]
