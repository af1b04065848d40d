"""One claim in full (``factcheck show``): panels for people, json for programs.

The panels are drawn from :func:`panel_record`, the plain values they show
(strings, lists), which the index keeps with the claim's row as it keeps
the JSON's (``factcheck.rows``): a first warm ``show ID`` draws the same
panels from the row with the same function, without the store or the model
(issue 9).
"""

from __future__ import annotations

import re

from factcheck.report.records import detail_record, detail_rest, write_json

# rich is imported by the panels only: `show --format json` does not need it
# (issue 9: machine formats never load rich); typing is not imported at run time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any, Callable

    from factcheck.model import Reference
    from factcheck.query import ClaimDetail
    from factcheck.reliability import Rating
    from factcheck.report import plain
    from factcheck.report.terminal import Text


def reference_runs(ref: Reference | None, ref_id: str, rating: Rating | None) -> list[list[str]]:
    """A reference as the panels write it: its runs of text, each ``[text,
    style]`` ("" for none); a reference no file has is one run,
    ``[text, style, "whole"]``, drawn in its style as a whole."""
    if ref is None:
        return [[f"{ref_id} (unknown reference)", "red", "whole"]]
    runs = []
    if ref.label:
        runs.append([f"[{ref.label}] ", "bold"])
    names = [n.literal or " ".join(x for x in (n.family, n.given) if x) for n in ref.author]
    if names:
        runs.append([", ".join(names) + ". ", ""])
    if ref.title:
        runs.append([ref.title, "italic"])
    for extra in (ref.container_title, ref.publisher):
        if extra and extra != ref.title:
            runs.append([f" — {extra}", ""])
    if ref.issued:
        runs.append([f" ({ref.issued})", ""])
    if ref.page:
        runs.append([f", p. {ref.page}", ""])
    if ref.url:
        runs.append([f"\n{ref.url}", "blue"])
    if ref.custom.get("unresolved"):
        runs.append(["(unresolved: the page cites it but its entry is missing)", "yellow"])
    elif ref.custom.get("broken"):
        runs.append(["(broken entry: " + str(ref.custom.get("raw", "")) + ")", "yellow"])
    if rating is not None:
        runs.append([f"\nrated {rating.rating} ({rating.source})", "bold dark_orange" if rating.unreliable else "dim"])
    runs.append([f"  {ref.id}", "dim"])
    return runs


def _text(runs: list[list[str]]) -> Text:
    from factcheck.report.terminal import Text

    if len(runs) == 1 and runs[0][2:] == ["whole"]:
        return Text(runs[0][0], style=runs[0][1])
    t = Text()
    for text, style in runs:
        t.append(text, style=style or None)
    return t


def reference_text(ref: Reference | None, ref_id: str, rating: Rating | None) -> Text:
    return _text(reference_runs(ref, ref_id, rating))


def panel_record(d: ClaimDetail, made: dict[int, list[list[str]]] | None = None) -> dict[str, Any]:
    """What the panels show of a claim but its source context (and why
    there is none), as plain values.  ``made``: the references' runs made
    so far over the same corpus, by reference object (shared, not copied)."""
    c = d.view.claim

    def runs(ref: Reference | None, ref_id: str, rating: Rating | None) -> list[list[str]]:
        if made is None or ref is None:
            return reference_runs(ref, ref_id, rating)
        found = made.get(id(ref))
        if found is None:
            found = made[id(ref)] = reference_runs(ref, ref_id, rating)
        return found

    return {
        "head": [c.id, c.document, c.section, c.kind],
        "text": c.text,
        "statuses": list(d.view.ordered_statuses()),
        "banners": list(d.document.banners) if d.document is not None else [],
        "attribution": [c.attribution.source, c.attribution.cue] if c.attribution is not None else None,
        "disputes": [[m.marker, m.kind] for m in c.disputes],
        "dates": [[m.text, m.value] for m in c.dates],
        "quantities": [
            f"{q.text} = {q.value:g} {q.unit or ''}".rstrip() if q.value is not None else q.text for q in c.quantities
        ],
        "references": [
            ["covered by" if ref_id in c.covered_by and ref_id not in c.cites else "cites", runs(ref, ref_id, rating)]
            for ref_id, ref, rating in d.references
        ],
        "relations": [
            [r.direction, r.type, r.target, r.review, r.note, r.claim.text if r.claim is not None else None]
            for r in d.relations
        ],
    }


def kept_parts(d: ClaimDetail, made: dict[str, dict[int, Any]]) -> list[Any]:
    """What the index keeps for `show` with a claim's row (``factcheck.rows``):
    the JSON record's rest (``records.detail_rest``) and the panels' record;
    ``made``: each reference's parts made so far over the same corpus."""
    return [detail_rest(d, made.setdefault("json", {})), panel_record(d, made.setdefault("panels", {}))]


def render_table(d: ClaimDetail, out: IO[str]) -> None:
    """The claim, its source context, statuses, references, relations."""
    c = d.context
    context = [c.path, c.line, c.before, c.claim, c.after] if c is not None else None
    render_panels([panel_record(d), context, d.context_problem], out)


def render_panels(shown: list[Any], out: IO[str]) -> None:
    """The panels of ``[panel_record, [path, line, before, claim, after] or
    None, why there is no context]``."""
    from factcheck.report import plain

    if not plain.draw(out, plain_panels, shown):
        rich_panels(shown, out)


def plain_panels(shown: list[Any], width: int, ink: plain.Ink | None = None) -> str:
    """What :func:`rich_panels` writes at ``width`` (in ``ink``'s styles on a
    terminal), drawn by :mod:`factcheck.report.plain` (Uncertain when it cannot be sure).
    Each Text as (its text, its own style, its spans), as :func:`rich_panels` builds it."""
    from factcheck.report import plain
    from factcheck.report.styles import status_spans

    p, context, problem = shown
    claim_id, document, section, kind = p["head"]
    head = f"{claim_id}  {document}" + (f" › {section}" if section else "")
    statuses, status_styles = status_spans(p["statuses"])
    parts: list[plain.Styled] = [
        (head + f"  ({kind})", "", [(0, len(claim_id), "bold cyan"), (len(head), len(head) + len(kind) + 4, "dim")]),
        (p["text"], "bold", []),
        (statuses, "", status_styles),
    ]
    if p["banners"]:
        parts.append(("article banner: " + " / ".join(p["banners"]), "yellow", []))
    if p["attribution"] is not None:
        source, cue = p["attribution"]
        parts.append((f"attributed to: {source} ({cue})", "", []))
    if p["disputes"]:
        markers = ", ".join(f"{marker} ({kind})" for marker, kind in p["disputes"])
        parts.append(("markers: " + markers, "", [(9, 9 + len(markers), "red")]))
    if p["dates"]:
        parts.append(("dates: " + ", ".join(f"{text} = {value}" for text, value in p["dates"]), "dim", []))
    if p["quantities"]:
        parts.append(("quantities: " + ", ".join(p["quantities"]), "dim", []))
    out = [plain.fit_panel(parts, width, ink)]
    if context is not None:
        path, line, before, claim, after = context
        at, spans = len(before), [(0, len(before), "dim")]
        spans.append((at, at + len(claim), "bold underline"))
        at += len(claim)
        spans.append((at, at + len(after), "dim"))
        for marker, _ in p["disputes"]:  # Text.highlight_words, marker by marker
            if not marker:
                raise plain.Uncertain("an empty marker matches everywhere")
            spans += [(at + m.start(), at + m.end(), "bold red") for m in re.finditer(re.escape(marker), after)]
        out.append(plain.titled_panel(f"{path}:{line}", (before + claim + after, "", spans), width, ink))
    elif problem:
        out.append(plain.lines_of(f"source: {problem}", width, ink, "yellow"))
    if p["references"]:
        out.append(plain.lines_of("references", width, ink, "bold"))
        how, what = plain.Column("", no_wrap=True), plain.Column("")
        for kind_of, runs in p["references"]:
            how.cells.append(f"  {kind_of}")
            how.bases.append("dim")
            if len(runs) == 1 and runs[0][2:] == ["whole"]:
                what.cells.append(runs[0][0])
                what.bases.append(runs[0][1])
                what.spans.append([])
            else:
                text, run_spans = "", []
                for run_text, style in runs:
                    if run_text and style:
                        run_spans.append((len(text), len(text) + len(run_text), style))
                    text += run_text
                what.cells.append(text)
                what.bases.append("")
                what.spans.append(run_spans)
        lines = plain.table([how, what], width, box=False, show_header=False, collapse_padding=True, ink=ink)
        out.append("".join(line + "\n" for line in lines))
    if p["relations"]:
        out.append(plain.lines_of("relations", width, ink, "bold"))
    for direction, kind, target, review, note, text in p["relations"]:
        arrow = "→" if direction == "outgoing" else "←"
        first = f"  {arrow} {kind} "
        rest = [(target, "cyan"), (f" [{review}]", "dim"), *([(f" {note}", "dim")] if note else [])]
        spans, at = [], len(first)
        for piece, style in rest:
            if piece:
                spans.append((at, at + len(piece), style))
            at += len(piece)
        out.append(plain.lines_of(first + "".join(piece for piece, _ in rest), width, ink, "magenta", spans))
        if text is not None:
            out.append(plain.lines_of(f"    {text}", width, ink))
        else:
            out.append(plain.lines_of("    (no such claim)", width, ink, "red"))
    return "".join(out)


def rich_panels(shown: list[Any], out: IO[str]) -> None:
    """:func:`render_panels` drawn by rich."""
    from rich import box
    from rich.console import Group, RenderableType
    from rich.panel import Panel
    from rich.table import Table

    from factcheck.report.table import console, status_text
    from factcheck.report.terminal import Text

    p, context, problem = shown
    con = console(out)
    claim_id, document, section, kind = p["head"]
    head = Text()
    head.append(claim_id, style="bold cyan")
    head.append(f"  {document}")
    if section:
        head.append(f" › {section}")
    head.append(f"  ({kind})", style="dim")
    parts: list[RenderableType] = [head, Text(p["text"], style="bold"), status_text(p["statuses"])]
    if p["banners"]:
        parts.append(Text("article banner: " + " / ".join(p["banners"]), style="yellow"))
    if p["attribution"] is not None:
        source, cue = p["attribution"]
        parts.append(Text(f"attributed to: {source} ({cue})"))
    if p["disputes"]:
        parts.append(Text("markers: ") + Text(", ".join(f"{marker} ({kind})" for marker, kind in p["disputes"]), style="red"))
    if p["dates"]:
        parts.append(Text("dates: " + ", ".join(f"{text} = {value}" for text, value in p["dates"]), style="dim"))
    if p["quantities"]:
        parts.append(Text("quantities: " + ", ".join(p["quantities"]), style="dim"))
    con.print(Panel(Group(*parts), box=box.ROUNDED, expand=False))
    if context is not None:
        path, line, before, claim, after = context
        ctx = Text()
        ctx.append(before, style="dim")
        ctx.append(claim, style="bold underline")
        tail = Text(after, style="dim")
        for marker, _ in p["disputes"]:
            tail.highlight_words([marker], style="bold red")
        ctx.append_text(tail)
        con.print(Panel(ctx, title=Text(f"{path}:{line}"), title_align="left", box=box.SQUARE))
    elif problem:
        con.print(Text(f"source: {problem}", style="yellow"))
    if p["references"]:
        con.print(Text("references", style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for how, runs in p["references"]:
            grid.add_row(Text(f"  {how}", style="dim"), _text(runs))
        con.print(grid)
    if p["relations"]:
        con.print(Text("relations", style="bold"))
        for direction, kind, target, review, note, text in p["relations"]:
            arrow = "→" if direction == "outgoing" else "←"
            line = Text(f"  {arrow} {kind} ", style="magenta")
            line.append(target, style="cyan")
            line.append(f" [{review}]", style="dim")
            if note:
                line.append(f" {note}", style="dim")
            con.print(line)
            if text is not None:
                con.print(Text(f"    {text}"))
            else:
                con.print(Text("    (no such claim)", style="red"))


def render_json(d: ClaimDetail, out: IO[str]) -> None:
    write_json(detail_record(d), out)


FORMATS: dict[str, Callable[[ClaimDetail, IO[str]], None]] = {
    "table": render_table,
    "json": render_json,
}
