"""A reference should be cited (warning).

A reference no claim cites or is covered by, and that no short-form
reference points to through ``custom.see``, is probably left over from an
edit.  Claims of every document count.

PASSING::

    # references/doc.yaml
    references:
      - {id: doc-r1, title: Cited by doc-1}

FAILING (line 3: no claim cites doc-r2)::

    references:
      - {id: doc-r1, title: Cited by doc-1}
      - {id: doc-r2, title: Cited by nobody}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping

from factcheck.checks.base import Problem
from factcheck.checks.context import Context
from factcheck.safety import clip

if TYPE_CHECKING:
    from factcheck.facts import Tables

ID = "unused-reference"
SEVERITY = "warning"
DEFAULTS: dict[str, Any] = {}

# Free text of a claim is not a citation even when it spells an id; the
# other known fields below hold no reference ids (positions, markers, dates,
# numbers) and are skipped for speed.  Unknown (misspelt) keys are walked.
PROSE = frozenset({"text", "notes", "section", "id", "kind", "location", "disputes", "dates", "quantities"})


def add_strings(value: Any, out: set[str]) -> None:
    """Every string inside ``value`` into ``out``; a loop over a stack, not a
    recursive generator: this walk was the costliest part of a warm validate."""
    stack = [value]
    while stack:
        v = stack.pop()
        tv = type(v)
        if tv is str:
            out.add(v)
        elif tv is list:
            stack.extend(v)
        elif tv is dict:
            stack.extend(v.values())


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    mentioned: set[str] = set()
    for item in ctx.claims:
        # Any field counts, so a misspelt key (already a schema error) does not
        # also turn its references into unused ones.
        for key, value in item.data.items():
            if key not in PROSE:
                add_strings(value, mentioned)
    for item in ctx.references:
        custom = item.data.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get("see"), str):
            mentioned.add(custom["see"])
    # A document citing an id that does not exist most likely means a typo for
    # one of its references: that is dangling-cite's finding, not this one's.
    mistyped = {
        item.document
        for item in ctx.claims
        for key in ("cites", "covered_by")
        if isinstance(item.data.get(key), list)
        and any(isinstance(r, str) and r not in ctx.reference_ids for r in item.data[key])
    }
    for item in ctx.references:
        ident = item.id
        if ident is None or ident in mentioned or item.document in mistyped:
            continue
        if ctx.maybe_in_unreadable("claims", ident, item.document):
            continue
        line, col = item.where("id")
        yield Problem(item.file.path, line, col, f"reference {clip(ident)} is never cited")


def check_index(facts: Tables, options: Mapping[str, Any]) -> Iterator[Problem]:
    """The same findings, from the index's tables: reference ids no claim mentions."""
    for _, problem in owned(facts, options):
        yield problem


def owned(facts: Tables, options: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], Problem]]:
    """``check_index``'s findings, each with its owner ("reference", its id,
    its document): whether it is mentioned hangs on its id; whether its
    document has a mistyped cite (then quiet) on the document, which is
    touched when a cite of it changed or the reference it names did.
    Scoped, only references with a touched id or document."""
    # Scoped: the references with a touched id, and those of references files
    # whose document is touched (two indexed look-ups; an OR would scan every item).
    chosen = (
        "SELECT rowid FROM items WHERE id IN temp.touched AND kind = 'references' UNION"
        " SELECT i.rowid FROM fdocs d JOIN items i ON i.path = d.path"
        " WHERE d.kind = 'references' AND d.document IN temp.touched"
    )
    mistyped = {r[0] for r in facts.rows(
        "SELECT DISTINCT x.document FROM cites x WHERE x.key != 'custom.see'"
        + (f" AND x.document IN (SELECT document FROM items WHERE rowid IN ({chosen}))" if facts.scoped else "")
        + " AND NOT EXISTS (SELECT 1 FROM items i WHERE i.id = x.ref AND i.kind = 'references')"
    )}
    stems = facts.unreadable_stems("claims")
    for ident, document, shown, line, col in facts.rows(
        "SELECT i.id, i.document, c.shown, i.line, i.col FROM items i JOIN corpus c ON c.path = i.path"
        " WHERE i.kind = 'references'" + (f" AND i.rowid IN ({chosen})" if facts.scoped else "") +
        " AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.value = i.id)"
        " ORDER BY c.n, i.pos"
    ):
        if document in mistyped or facts.maybe_in_unreadable(stems, ident, document):
            continue
        yield ("reference", ident, document), Problem(shown, line, col, f"reference {clip(ident)} is never cited")
