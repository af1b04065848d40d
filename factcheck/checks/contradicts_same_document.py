"""A ``contradicts`` relation joins claims of different documents, unless marked.

Contradictions across documents are what factcheck looks for; one inside a
single document is usually a mistaken target, so it must say so with
``within_document: true``.

PASSING (doc-1 and doc-4 are claims of the same document)::

    - id: doc-1
      relations:
        - {type: contradicts, target: doc-4, within_document: true}

FAILING (line 3: same document, not marked)::

    - id: doc-1
      relations:
        - {type: contradicts, target: doc-4}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping

from factcheck.checks.base import Problem
from factcheck.checks.context import Context
from factcheck.safety import clip

if TYPE_CHECKING:
    from factcheck.facts import Tables

ID = "contradicts-same-document"
SEVERITY = "error"
DEFAULTS: dict[str, Any] = {}


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    for item in ctx.claims:
        for j, rel in item.entries("relations"):
            if rel.get("type") != "contradicts" or rel.get("within_document") is True:
                continue
            wanted = rel.get("target")
            target = ctx.claim_ids.get(wanted) if isinstance(wanted, str) else None
            if target is None or target.document != item.document:
                continue
            line, col = item.where("relations", j)
            yield Problem(
                item.file.path, line, col,
                f"contradicts {clip(rel['target'])} of the same document {clip(item.document)}; "
                "set within_document: true if that is meant",
            )


def check_index(facts: Tables, options: Mapping[str, Any]) -> Iterator[Problem]:
    """The same findings, from the index's tables: each contradiction whose
    target (its first claim of that id) stands in the same document."""
    for _, problem in owned(facts, options):
        yield problem


def owned(facts: Tables, options: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], Problem]]:
    """``check_index``'s findings, each with its owner ("relation", the
    target); scoped, only relations to touched ids (a relation's own file
    touched: its target is among them too)."""
    for target, document, shown, line, col in facts.rows(
        "SELECT r.target, r.document, c.shown, r.line, r.col FROM relations r JOIN corpus c ON c.path = r.path"
        f" WHERE {facts.within('r.target')} AND r.type = 'contradicts' AND NOT r.within AND (SELECT i.document FROM items i JOIN corpus k ON k.path = i.path"
        "  WHERE i.id = r.target AND i.kind = 'claims' ORDER BY k.n, i.pos LIMIT 1) = r.document"
        " ORDER BY c.n, r.pos, r.j"
    ):
        yield ("relation", target), Problem(
            shown, line, col,
            f"contradicts {clip(target)} of the same document {clip(document)}; set within_document: true if that is meant",
        )
