"""Ids must be unique across the repository: claims, references and documents.

Claim and reference ids share one namespace; document ids have their own.
Pre-commit may hand the hook only some files, so the rule reads every file of
the repository.  The second and later uses of an id are reported, each naming
where the first one is; an id named after its document (``doc-12``) counts as
first in that document's file, so a copy pasted elsewhere is the one reported.
A claim file copied whole gets one finding, on its repeated document id.

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

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from factcheck.checks.base import Problem
from factcheck.checks.context import Context, stem
from factcheck.safety import clip

if TYPE_CHECKING:
    from factcheck.facts import Tables

ID = "unique-id"
SEVERITY = "error"
DEFAULTS: dict[str, Any] = {}


def _owner_first(items: list[Any]) -> list[Any]:
    """The uses of one id, the one that belongs there first: an id named after
    its document (``doc-12`` in doc's file) is the original wherever the files
    sort, so the copy pasted into another document is the one reported."""
    owners = [i for i in items if i.id.startswith(i.document + "-")]
    return owners[:1] + [i for i in items if i is not (owners[0] if owners else None)]


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    # Documents first: a claim file copied whole repeats its document id and
    # every claim id, and that is one fault, reported on the document id.
    files: dict[str, list[Any]] = {}
    for f in ctx.readable("claims"):
        doc = ctx.document_of(f)
        ident = doc.get("id") if doc else None
        if isinstance(ident, str):
            files.setdefault(ident, []).append(f)
    copied: set[str] = set()
    for ident, fs in files.items():
        if len(fs) < 2:
            continue
        # The file named after the document is the original.
        original, *copies = sorted(fs, key=lambda f: stem(f.path) != ident)
        first_line, _ = original.located.where(("document", "id"))
        for f in copies:
            copied.add(f.path)
            line, col = ctx.located(f).where(("document", "id"))
            yield Problem(f.path, line, col, f"duplicate document id {clip(ident)} (first used at {original.path}:{first_line})")
    uses: dict[str, list[Any]] = {}
    for item in [*ctx.claims, *ctx.references]:
        if item.id is not None:
            uses.setdefault(item.id, []).append(item)
    for ident, items in uses.items():
        items = [i for i in items if i.file.path not in copied]
        if len(items) < 2:
            continue
        original, *copies = _owner_first(items)
        first_line, _ = original.where("id")
        for item in copies:
            line, col = item.where("id")
            what = "claim" if item.jpath[0] == "claims" else "reference"
            yield Problem(
                item.file.path, line, col, f"duplicate {what} id {clip(ident)} (first used at {original.file.path}:{first_line})"
            )


def check_index(facts: Tables, options: Mapping[str, Any]) -> Iterator[Problem]:
    """The same findings, from the index's tables: only repeated ids are fetched."""
    for _, problem in owned(facts, options):
        yield problem


def owned(facts: Tables, options: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], Problem]]:
    """``check_index``'s findings, each with its owner: ("document", id) or
    ("item", id), the id whose uses decide it.  Scoped, only ids among the
    touched ones; a repeated document id (now, or among the kept findings)
    decides which files' items count at all: then not scoped."""
    from factcheck.facts import Unscoped

    dup_docs = "SELECT written FROM fdocs WHERE kind = 'claims' AND written IS NOT NULL GROUP BY written HAVING count(*) > 1"
    if facts.scoped and ("document" in facts.kept_tags or next(facts.rows(dup_docs + " LIMIT 1"), None) is not None):
        raise Unscoped
    files: dict[str, list[Any]] = {}
    for ident, shown, file_stem, line, col in facts.rows(
        "SELECT d.written, c.shown, d.stem, d.line, d.col FROM fdocs d JOIN corpus c ON c.path = d.path"
        f" WHERE d.kind = 'claims' AND d.written IN ({dup_docs})"
        " ORDER BY c.n"
    ):
        files.setdefault(ident, []).append((shown, file_stem, line, col))
    copied: set[str] = set()
    for ident, fs in files.items():
        original, *copies = sorted(fs, key=lambda f: f[1] != ident)
        for shown, _, line, col in copies:
            copied.add(shown)
            yield ("document", ident), Problem(shown, line, col, f"duplicate document id {clip(ident)} (first used at {original[0]}:{original[2]})")
    uses: dict[str, list[Any]] = {}
    for ident, kind, document, shown, line, col in facts.rows(
        "SELECT i.id, i.kind, i.document, c.shown, i.line, i.col FROM items i JOIN corpus c ON c.path = i.path"
        f" WHERE i.id IN (SELECT id FROM items WHERE {facts.within('id')} GROUP BY id HAVING count(*) > 1)"
        " ORDER BY i.kind != 'claims', c.n, i.pos"
    ):
        uses.setdefault(ident, []).append(SimpleNamespace(id=ident, kind=kind, document=document, path=shown, line=line, col=col))
    for ident, items in uses.items():
        items = [i for i in items if i.path not in copied]
        if len(items) < 2:
            continue
        original, *copies = _owner_first(items)
        for item in copies:
            what = "claim" if item.kind == "claims" else "reference"
            yield ("item", ident), Problem(item.path, item.line, item.col, f"duplicate {what} id {clip(ident)} (first used at {original.path}:{original.line})")
