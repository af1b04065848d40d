"""``factcheck validate --fix``: the mechanical fixes, said one per line."""

from __future__ import annotations

from pathlib import Path

from factcheck.errors import FileError
from factcheck.reanchor import fix_locations
from factcheck.report.table import console
from factcheck.store import Repository, display_path


def apply_fixes(repo: Repository, paths: list[Path] | None) -> None:
    """Relocate claims whose text moved in their source; report each change on stderr."""
    targets = None
    if paths is not None:
        targets = [p for given in paths for p in ([*given.rglob("*")] if given.is_dir() else [given])]
    try:
        moved = fix_locations(repo, targets)
    except OSError as exc:
        raise FileError(str(exc.filename or "claims/"), f"cannot write: {exc.strerror or exc}") from None
    out = console(stderr=True)
    for r in moved:
        old = f"{r.old.line}:{r.old.column}-{r.old.end_line}:{r.old.end_column}"
        new = f"{r.new.line}:{r.new.column}-{r.new.end_line}:{r.new.end_column}"
        out.print(f"fixed {display_path(r.path)}: {r.claim} location {old} -> {new} (its text moved)", markup=False)
    if not moved:
        out.print("nothing to fix", markup=False)
