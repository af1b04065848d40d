"""``factcheck contradictions``: propose cross-document contradictions for review."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import typer

from factcheck.cli.common import RootOption, app, emit, load_corpus
from factcheck.contradict.suspect import record, suspect
from factcheck.lock import repository_lock
from factcheck.report import candidates
from factcheck.report.table import console
from factcheck.store import Repository, display_path


@app.command("contradictions")
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

    \b
    Examples:
      factcheck contradictions
      factcheck contradictions --within --format json
      factcheck contradictions --write && factcheck list --status suspected
    """
    if write:
        # The whole read-decide-write under the lock: a second writer waits,
        # then sees the relations this one recorded (no duplicates, no lost edit).
        repo = Repository.locate(root)
        with repository_lock(repo.root):
            _contradictions(root, fmt, write=True, within=within)
        return
    _contradictions(root, fmt, write=False, within=within)


def _contradictions(root: Path | None, fmt: str, *, write: bool, within: bool) -> None:
    corpus = load_corpus(root)
    found = suspect(corpus, within=within)
    emit(candidates.FORMATS[fmt], found)
    if write and found:
        for path in record(corpus, found):
            console(stderr=True).print(f"wrote {display_path(path)}", markup=False)
