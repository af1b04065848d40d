"""Ids must be unique across the repository: claims, references and documents.

Claim and reference ids share one namespace; document ids have their own.
Pre-commit may hand the hook only some files, so the rule reads every file of
the repository.  The second and later uses of an id are reported, each naming
where the first one is.

PASSING::

    claims:
      - {id: doc-1, text: One., location: {line: 1, column: 1, end_line: 1, end_column: 5}}
      - {id: doc-2, text: Two., location: {line: 1, column: 6, end_line: 1, end_column: 10}}

FAILING (line 3: doc-1 again)::

    claims:
      - {id: doc-1, text: One., location: {line: 1, column: 1, end_line: 1, end_column: 5}}
      - {id: doc-1, text: Two., location: {line: 1, column: 6, end_line: 1, end_column: 10}}
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from factcheck.checks import Problem

ID = "unique-id"
SEVERITY = "error"
DEFAULTS: dict[str, Any] = {}


def check(ctx: Any, options: Mapping[str, Any]) -> Iterator[Problem]:
    first: dict[str, tuple[str, int]] = {}
    for item in [*ctx.claims, *ctx.references]:
        ident = item.id
        if ident is None:
            continue
        line, col = item.where("id")
        what = "claim" if item.jpath[0] == "claims" else "reference"
        if ident in first:
            path, first_line = first[ident]
            yield Problem(item.file.path, line, col, f"duplicate {what} id {ident!r} (first used at {path}:{first_line})")
        else:
            first[ident] = (item.file.path, line)
    documents: dict[str, tuple[str, int]] = {}
    for f in ctx.readable("claims"):
        doc = ctx.document_of(f)
        ident = doc.get("id") if doc else None
        if not isinstance(ident, str):
            continue
        line, col = f.located.where(("document", "id"))
        if ident in documents:
            path, first_line = documents[ident]
            yield Problem(f.path, line, col, f"duplicate document id {ident!r} (first used at {path}:{first_line})")
        else:
            documents[ident] = (f.path, line)
