"""A reference file's ``document`` must name a claim document of the repository.

The references of ``references/doc.yaml`` belong to the document whose claim
file records ``document: {id: doc}``; a misspelt or stale name leaves them
attached to nothing.  A name that may be the id of an unreadable claim file
is not reported (that file's ``syntax`` finding stands alone).

PASSING (claims/doc.yaml records ``document: {id: doc, ...}``)::

    document: doc
    references:
      - {id: doc-r1, title: One}

FAILING (line 1: there is no document doc-x)::

    document: doc-x
    references:
      - {id: doc-r1, title: One}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping

from factcheck.checks.base import Problem
from factcheck.checks.context import Context
from factcheck.safety import clip

if TYPE_CHECKING:
    from factcheck.facts import Tables

ID = "unknown-document"
SEVERITY = "error"
DEFAULTS: dict[str, Any] = {}


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    documents = {ctx.document_id(f) for f in ctx.readable("claims")}
    for f in ctx.readable("references"):
        name = ctx.located(f).data.get("document")
        if not isinstance(name, str) or name in documents:
            continue
        if ctx.maybe_in_unreadable("claims", name, name):
            continue
        line, col = ctx.located(f).where(("document",))
        known = ", ".join(sorted(documents)) or "none"
        yield Problem(f.path, line, col, f"document {clip(name)} is not the id of any claim file's document (known: {known})")


def check_index(facts: Tables, options: Mapping[str, Any]) -> Iterator[Problem]:
    """The same findings, from the index's tables."""
    documents = {r[0] for r in facts.rows("SELECT document FROM fdocs WHERE kind = 'claims' AND document IS NOT NULL")}
    stems = facts.unreadable_stems("claims")
    for name, shown, line, col in facts.rows(
        "SELECT d.written, c.shown, d.line, d.col FROM fdocs d JOIN corpus c ON c.path = d.path"
        " WHERE d.kind = 'references' AND d.written IS NOT NULL ORDER BY c.n"
    ):
        if name in documents or facts.maybe_in_unreadable(stems, name, name):
            continue
        known = ", ".join(sorted(documents)) or "none"
        yield Problem(shown, line, col, f"document {clip(name)} is not the id of any claim file's document (known: {known})")
