"""Every relation must point to a claim.

A relation's ``target`` is the id of another claim, in any document of the
repository (the rule reads every claim file).

PASSING::

    relations:
      - {type: contradicts, target: other-doc-3}

FAILING (line 2: no claim has the id other-doc-99)::

    relations:
      - {type: contradicts, target: other-doc-99}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping

from factcheck.checks.base import Problem
from factcheck.checks.context import Context
from factcheck.safety import clip

if TYPE_CHECKING:
    from factcheck.facts import Tables

ID = "dangling-relation"
SEVERITY = "error"
DEFAULTS: dict[str, Any] = {}


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    for item in ctx.claims:
        for j, rel in item.entries("relations"):
            target = rel.get("target")
            if not isinstance(target, str) or target in ctx.claim_ids:
                continue
            if ctx.maybe_in_unreadable("claims", target):
                continue
            line, col = item.where("relations", j, "target")
            why = " (it is a reference; relations join claims)" if target in ctx.reference_ids else ""
            yield Problem(item.file.path, line, col, f"relation target {clip(target)} is not a claim id{why}")


def check_index(facts: Tables, options: Mapping[str, Any]) -> Iterator[Problem]:
    """The same findings, from the index's tables: the targets no claim answers."""
    for _, problem in owned(facts, options):
        yield problem


def owned(facts: Tables, options: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], Problem]]:
    """``check_index``'s findings, each with its owner ("relation", the
    target); scoped, only relations to touched ids."""
    stems = facts.unreadable_stems("claims")
    for target, shown, line, col, is_reference in facts.rows(
        "SELECT r.target, c.shown, r.tline, r.tcol,"
        " EXISTS (SELECT 1 FROM items i WHERE i.id = r.target AND i.kind = 'references')"
        " FROM relations r JOIN corpus c ON c.path = r.path"
        f" WHERE {facts.within('r.target')} AND NOT EXISTS (SELECT 1 FROM items i WHERE i.id = r.target AND i.kind = 'claims')"
        " ORDER BY c.n, r.pos, r.j"
    ):
        if facts.maybe_in_unreadable(stems, target):
            continue
        why = " (it is a reference; relations join claims)" if is_reference else ""
        yield ("relation", target), Problem(shown, line, col, f"relation target {clip(target)} is not a claim id{why}")
