"""A document's ``source`` (and ``original``, for a saved page) must be a relative path to a file inside the repository.

No absolute paths, no ``..`` leading out of the repository (symbolic links are
followed before deciding), and the file must exist.  Claims are anchored in
this file, so a claims file is only as good as its source.

PASSING::

    document: {id: doc, source: sources/doc.txt}

FAILING (line 1: outside the repository)::

    document: {id: doc, source: ../../etc/passwd}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Mapping

from factcheck.checks.base import Problem
from factcheck.checks.context import Context
from factcheck.paths import source_problem

ID = "source-path"
SEVERITY = "error"
DEFAULTS: dict[str, Any] = {}
SCOPE = "file"  # its findings depend on one file (and its source) only


def problem_with(root: Path, source: str) -> str | None:
    """Why ``source`` is not a usable source path under ``root``, or None
    (the one rule every command follows: ``factcheck.paths``)."""
    return source_problem(root, source)


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    for f in ctx.readable("claims"):
        doc = ctx.document_of(f)
        source = doc.get("source") if doc else None
        if isinstance(source, str) and (why := problem_with(ctx.root, source)):
            line, col = ctx.located(f).where(("document", "source"))
            yield Problem(f.path, line, col, why)
        original = doc.get("original") if doc else None
        if isinstance(original, str) and (why := problem_with(ctx.root, original)):
            line, col = ctx.located(f).where(("document", "original"))
            yield Problem(f.path, line, col, "original: " + why.replace("source ", "", 1))
