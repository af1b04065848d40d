"""``factcheck review`` and ``factcheck relate``: settle relations between claims."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Literal, Optional

import typer

from factcheck.cli.common import RootOption, app, load_corpus, writing
from factcheck.errors import FileError, UsageError
from factcheck.report.review import FORMATS, KEYS, render_pending
from factcheck.report.table import console
from factcheck.review import Verdict, Written, pending, relate, set_review
from factcheck.store import display_path


def _said(w: Written) -> None:
    verb = "added" if w.created else "wrote"
    line = f"{verb} {w.holder} {w.relation.type} {w.relation.target}: review: {w.relation.review} in {display_path(w.path)}"
    console(stderr=True).print(line, markup=False)
    if not w.layout_kept:
        console(stderr=True).print(
            f"warning: {display_path(w.path)} was rewritten in full (its layout could not be edited in place); "
            "comments in it may be lost",
            markup=False,
        )


def _write(fn: Callable[..., Written], *args: Any, **kwargs: Any) -> Written:
    """Run a review write; an unwritable file is the user's input error (exit 2)."""
    try:
        return fn(*args, **kwargs)
    except OSError as exc:
        raise FileError(str(exc.filename or "claims/"), f"cannot write: {exc.strerror or exc}") from None


def _key(prompt: str) -> str:
    """One key from a terminal; from a pipe (or a test), the first letter of a line."""
    typer.echo(prompt, nl=False, err=False)
    if sys.stdin.isatty():
        ch = typer.getchar()
        typer.echo(ch if ch.isprintable() else "")
        return ch.lower()
    line = sys.stdin.readline()
    typer.echo("")
    if not line:
        return "q"  # end of input: stop, as if quit
    return line.strip()[:1].lower()


def _line(prompt: str) -> str:
    if sys.stdin.isatty():
        return str(typer.prompt(prompt, default="", show_default=False))
    typer.echo(f"{prompt}: ", nl=False)
    return sys.stdin.readline().strip()


def _list(root: Path | None, fmt: str) -> None:
    """The unreviewed relations, for scripts that review them by id."""
    FORMATS[fmt](pending(load_corpus(root)), sys.stdout)
    sys.stdout.flush()


def _interactive(root: Path | None) -> None:
    corpus = load_corpus(root)
    items = pending(corpus)
    out = console()
    if not items:
        out.print("nothing to review: every relation has a review", markup=False)
        return
    counts = {"accepted": 0, "rejected": 0, "skipped": 0}
    for position, item in enumerate(items, start=1):
        out.rule()
        render_pending(out, corpus.root, corpus.documents, item, position, len(items))
        note: str | None = None
        while True:
            key = _key(f"{KEYS} > ")
            if key in ("a", "r"):
                verdict: Verdict = "accepted" if key == "a" else "rejected"
                # The lock for each verdict, not the session: other writers wait
                # seconds, not as long as a person reads.  The file is read again
                # under it (review._rewrite), so their changes are kept.
                with writing(root):
                    _said(_write(set_review, corpus, item.claim.id, item.relation.target, verdict, note=note or None))
                counts[verdict] += 1
                break
            if key == "s":
                counts["skipped"] += 1
                break
            if key == "n":
                note = _line("note") or note
                continue
            if key == "q":
                break
            out.print(f"unknown key {key!r}: {KEYS}", markup=False)
        if key == "q":
            break
    left = len(items) - counts["accepted"] - counts["rejected"]
    out.rule()
    out.print(
        f"{counts['accepted']} accepted, {counts['rejected']} rejected, {counts['skipped']} skipped; "
        f"{left} still unreviewed",
        markup=False,
    )


@app.command("review")
def review_command(
    a: Optional[str] = typer.Argument(None, metavar="A", help="A claim id (with B: review the relation joining them)."),
    b: Optional[str] = typer.Argument(None, metavar="B", help="The other claim id."),
    accept: bool = typer.Option(False, "--accept", help="Accept the relation between A and B."),
    reject: bool = typer.Option(False, "--reject", help="Reject it: the pair is never proposed again."),
    note: Optional[str] = typer.Option(None, "--note", help="Add to the relation's note."),
    list_only: bool = typer.Option(False, "--list", help="List the unreviewed relations (one per line, or --format json) and stop."),
    fmt: Literal["text", "json"] = typer.Option("text", "--format", "-f", help="Output of --list: text or json."),
    root: RootOption = None,
) -> None:
    """Review relations between claims, one at a time, or one pair by its ids.

    Without arguments, walks every unreviewed relation (as `factcheck
    contradictions --write` records them): both claims side by side with their
    documents, sections, source context and the detector's evidence.  Keys: a
    accept, r reject, s skip, n add a note, q quit.  Each verdict is written
    at once, as `review: accepted|rejected` and `reviewed: YYYY-MM-DD`.

    \b
    Examples:
      factcheck review
      factcheck review --list --format json
      factcheck review wiki-ja-kp-ua-relations-003 wiki-ja-kp-ua-relations-004 --reject --note "each embassy covers the other"
    """
    if list_only:
        if a is not None or accept or reject or note:
            raise UsageError("--list takes no claim ids and no verdict")
        _list(root, fmt)
        return
    if a is None:
        if accept or reject or note:
            raise UsageError("--accept, --reject and --note need the two claim ids: factcheck review A B --accept")
        _interactive(root)
        return
    if b is None:
        raise UsageError("give two claim ids, or none to review interactively")
    if accept == reject:
        raise UsageError("say --accept or --reject (exactly one)")
    with writing(root):  # read, decide and write under the lock
        corpus = load_corpus(root)
        _said(_write(set_review, corpus, a, b, "accepted" if accept else "rejected", note=note))


@app.command("relate")
def relate_command(
    a: str = typer.Argument(..., metavar="A", help="The claim the relation starts from."),
    b: str = typer.Argument(..., metavar="B", help="The claim it names."),
    contradicts: bool = typer.Option(False, "--contradicts", help="A contradicts B."),
    supports: bool = typer.Option(False, "--supports", help="A supports B."),
    duplicates: bool = typer.Option(False, "--duplicates", help="A says the same as B."),
    note: Optional[str] = typer.Option(None, "--note", help="Why the relation holds."),
    root: RootOption = None,
) -> None:
    """Record a relation between two claims, as reviewed by you.

    The relation is written on claim A with `review: accepted` and today's
    date; when a relation already joins the pair (a candidate, or one the
    other way round), that one is updated instead.

    \b
    Examples:
      factcheck relate wiki-ja-kp-ua-relations-007 blog-ja-ru-kp-relations-048 --supports --note "both say North Korea recognised it"
    """
    chosen = [t for t, on in (("contradicts", contradicts), ("supports", supports), ("duplicates", duplicates)) if on]
    if len(chosen) != 1:
        raise UsageError("say --contradicts, --supports or --duplicates (exactly one)")
    # Read, decide and write under the lock: a relation another writer is
    # recording for the same pair is seen and updated, never doubled.
    with writing(root):
        corpus = load_corpus(root)
        _said(_write(relate, corpus, a, b, chosen[0], note=note))
