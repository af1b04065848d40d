"""How the review shows relations: one at a time, both claims side by side
(interactive), or the list of those still to review (``review --list``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Callable, Sequence

from rich.console import Console, Group
from rich.table import Table

from factcheck.model import Claim, Document
from factcheck.report.terminal import Text
from factcheck.review import Pending, source_context

KEYS = "[a]ccept  [r]eject  [s]kip  [n]ote  [q]uit"


def _column(root: Path, claim: Claim | None, claim_id: str, document: Document | None) -> Group:
    if claim is None:
        return Group(Text(claim_id, style="bold"), Text("(no such claim in the repository)", style="red"))
    parts: list[Text] = [Text(claim.id, style="bold")]
    if document is not None:
        parts.append(Text(f"{document.title or document.id} ({document.kind}, {document.id})", style="cyan"))
    if claim.section:
        parts.append(Text(f"§ {claim.section}", style="cyan"))
    # The claim on a line of its own, marked, between the source text around it,
    # so it stands out without colour too.
    ctx = source_context(root, document, claim)
    if ctx.before:
        parts.append(Text("… " + ctx.before, style="dim"))
    parts.append(Text("»" + claim.text, style="bold"))
    if ctx.after:
        parts.append(Text(ctx.after + " …", style="dim"))
    facts = []
    if claim.dates:
        facts.append("dates: " + ", ".join(f"{d.text}={d.value}" for d in claim.dates))
    if claim.quantities:
        facts.append("quantities: " + ", ".join(q.text for q in claim.quantities))
    if claim.cites:
        facts.append("cites: " + ", ".join(claim.cites))
    if claim.disputes:
        facts.append("disputes: " + ", ".join(d.marker for d in claim.disputes))
    if claim.notes:
        facts.append("notes: " + claim.notes)
    parts.extend(Text(f, style="dim") for f in facts)
    parts.append(Text(f"{claim.origin.path}:{claim.origin.line}" if claim.origin else "", style="dim"))
    return Group(*parts)


def render_pending(
    console: Console, root: Path, documents: dict[str, Document], item: Pending, position: int, total: int
) -> None:
    """One relation to review: progress, the relation and its evidence, both claims."""
    rel = item.relation
    head = Text(f"{position}/{total}  ", style="bold")
    head.append(f"{item.claim.id} {rel.type} {rel.target}", style="bold yellow")
    console.print(head)
    if rel.note:
        console.print(Text("evidence: " + rel.note))
    table = Table(show_header=False, expand=True, show_lines=False)
    table.add_column(ratio=1, overflow="fold")
    table.add_column(ratio=1, overflow="fold")
    other_doc = documents.get(item.other.document) if item.other else None
    table.add_row(
        _column(root, item.claim, item.claim.id, documents.get(item.claim.document)),
        _column(root, item.other, rel.target, other_doc),
    )
    console.print(table)


# --- review --list -----------------------------------------------------------------


def render_text(items: Sequence[Pending], stream: IO[str]) -> None:
    """One pair a line, tab-separated: holder, type, target, note."""
    for p in items:
        note = " ".join(p.relation.note.split())
        stream.write(f"{p.claim.id}\t{p.relation.type}\t{p.relation.target}\t{note}\n")


def render_json(items: Sequence[Pending], stream: IO[str]) -> None:
    data = [
        {"a": p.claim.id, "b": p.relation.target, "type": p.relation.type, "note": p.relation.note,
         "a_text": p.claim.text, "b_text": p.other.text if p.other else None}
        for p in items
    ]
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


FORMATS: dict[str, Callable[[Sequence[Pending], IO[str]], None]] = {"text": render_text, "json": render_json}
