"""Contradiction candidates (``factcheck contradictions``): a table for
people, json for programs."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Callable, Sequence

from rich.table import Table

from factcheck.report.records import candidate_record, write_json

if TYPE_CHECKING:
    from factcheck.report.records import CandidatePair
from factcheck.report.table import console
from factcheck.report.terminal import Text


def render_table(found: Sequence[CandidatePair], out: IO[str]) -> None:
    con = console(out)
    if not found:
        con.print("no contradiction candidates", markup=False)
        return
    noun = "candidate" if len(found) == 1 else "candidates"
    table = Table("claim", "claim", "kind", "evidence", title=f"{len(found)} contradiction {noun}")
    for s in found:
        # Text, not str: claim text is data, and "[/x]" in it is not rich markup.
        table.add_row(
            Text(f"{s.a.id}\n{s.a.text}"),
            Text(f"{s.b.id}\n{s.b.text}"),
            Text(s.candidate.verdict.kind),
            Text(" vs ".join(s.candidate.verdict.evidence)),
        )
    con.print(table)


def render_json(found: Sequence[CandidatePair], out: IO[str]) -> None:
    write_json([candidate_record(s) for s in found], out)


FORMATS: dict[str, Callable[[Sequence[CandidatePair], IO[str]], None]] = {
    "table": render_table,
    "json": render_json,
}
