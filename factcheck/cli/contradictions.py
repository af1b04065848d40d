"""``factcheck contradictions``: propose cross-document contradictions for review."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import typer
from rich.table import Table
from factcheck.report.terminal import Text

from factcheck.cli.common import RootOption, app, console, guarded, load_corpus, repository, write_json
from factcheck.lock import repository_lock
from factcheck.errors import FileError
from factcheck.store import display_path
from factcheck.contradict.suspect import record, suspect


@app.command("contradictions")
@guarded
def contradictions_command(
    write: bool = typer.Option(False, "--write", help="Record each new candidate as an unreviewed contradicts relation."),
    within: bool = typer.Option(
        False, "--within", help="Also compare claims of one document (recorded with within_document: true)."
    ),
    fmt: Literal["table", "json"] = typer.Option("table", "--format", "-f", help="Output format."),
    root: RootOption = None,
) -> None:
    """Find claims of different documents (or, with --within, of one) that look incompatible.

    Compares the figure or date that measures or dates the same thing, the
    polarity of the same statement, the names in the same role and the agent
    credited with the same act, in Japanese, English or across the two.  Pairs already joined by a
    relation (in any review state) are not proposed again.  With --write, each
    candidate is added to the first claim as a contradicts relation with
    review: unreviewed, so both claims show as `suspected` until a person
    accepts or rejects it in the claim file.

    Example: factcheck contradictions
    Example: factcheck contradictions --within --format json
    Example: factcheck contradictions --write && factcheck list --status suspected
    """
    if write:
        # The whole read-decide-write under the lock: a second writer waits,
        # then sees the relations this one recorded (no duplicates, no lost edit).
        repo = repository(root)
        with repository_lock(repo.root):
            _contradictions(root, fmt, write=True, within=within)
        return
    _contradictions(root, fmt, write=False, within=within)


def _contradictions(root: Path | None, fmt: str, *, write: bool, within: bool) -> None:
    corpus = load_corpus(root)
    found = suspect(corpus, within=within)
    if fmt == "json":
        write_json(
            [
                {
                    "a": s.a.id,
                    "b": s.b.id,
                    "kind": s.candidate.verdict.kind,
                    "score": round(s.candidate.verdict.score, 3),
                    "evidence": list(s.candidate.verdict.evidence),
                    "why": s.candidate.verdict.why,
                    "within_document": s.candidate.within_document,
                    "a_text": s.a.text,
                    "b_text": s.b.text,
                }
                for s in found
            ]
        )
    elif not found:
        console().print("no contradiction candidates", markup=False)
    else:
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
        console().print(table)
    if write and found:
        try:
            written = record(corpus, found)
        except OSError as exc:
            raise FileError(str(exc.filename or "claims/"), f"cannot write: {exc.strerror or exc}") from None
        for path in written:
            console(stderr=True).print(f"wrote {display_path(path)}", markup=False)
