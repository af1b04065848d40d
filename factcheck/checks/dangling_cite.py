"""Every citation must resolve to a reference id.

Checked: a claim's ``cites`` and ``covered_by`` entries, and a short-form
reference's ``custom.see`` (the full entry it points to).  References of any
document count, so the rule reads every reference file of the repository.
A placeholder that ``extract`` records for a label whose entry the page
lost (``custom: {unresolved: true}``) is a reference like any other: the
citation is known to be unresolved, not dangling.

PASSING (references/doc.yaml holds a reference with id doc-r1)::

    claims:
      - id: doc-1
        text: It opened in 2019.
        location: {line: 1, column: 1, end_line: 1, end_column: 19}
        cites: [doc-r1]

FAILING (line 5: there is no reference doc-r9)::

    claims:
      - id: doc-1
        text: It opened in 2019.
        location: {line: 1, column: 1, end_line: 1, end_column: 19}
        cites: [doc-r9]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping

from factcheck.checks.base import Problem
from factcheck.checks.context import Context
from factcheck.safety import clip

if TYPE_CHECKING:
    from factcheck.facts import Tables

ID = "dangling-cite"
SEVERITY = "error"
DEFAULTS: dict[str, Any] = {}


def _hint(ident: str, known: Any) -> str:
    from rapidfuzz import process  # only for a finding: validate with none loads no rapidfuzz

    best = process.extractOne(ident, list(known), score_cutoff=80) if known else None
    return f"; did you mean {clip(best[0])}?" if best else ""


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    known = ctx.reference_ids
    for item in ctx.claims:
        for key in ("cites", "covered_by"):
            entries = item.data.get(key)
            if not isinstance(entries, list):
                continue
            for j, ref in enumerate(entries):
                if not isinstance(ref, str) or ref in known:
                    continue
                if ctx.maybe_in_unreadable("references", ref, item.document):
                    continue
                line, col = item.where(key, j)
                yield Problem(item.file.path, line, col, f"{key} {clip(ref)}, which is not a reference id{_hint(ref, known)}")
    for item in ctx.references:
        custom = item.data.get("custom")
        see = custom.get("see") if isinstance(custom, dict) else None
        if not isinstance(see, str) or see in known:
            continue
        if ctx.maybe_in_unreadable("references", see, item.document):
            continue
        line, col = item.where("custom", "see")
        yield Problem(item.file.path, line, col, f"custom.see {clip(see)} is not a reference id{_hint(see, known)}")


def check_index(facts: Tables, options: Mapping[str, Any]) -> Iterator[Problem]:
    """The same findings, from the index's tables: the cites no reference answers."""
    for _, problem in owned(facts, options):
        yield problem


def owned(facts: Tables, options: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], Problem]]:
    """``check_index``'s findings, each with its owner ("cite", the id cited).
    Scoped, only cites of touched ids; the hint offers every reference id, so
    when a references file is among the touched ones: not scoped."""
    from factcheck.facts import Unscoped

    if facts.scoped and "references" in facts.kinds:
        raise Unscoped
    stems = facts.unreadable_stems("references")
    known: list[str] | None = None
    for key, ref, document, shown, line, col in facts.rows(
        "SELECT x.key, x.ref, x.document, c.shown, x.line, x.col FROM cites x JOIN corpus c ON c.path = x.path"
        f" WHERE {facts.within('x.ref')} AND NOT EXISTS (SELECT 1 FROM items i WHERE i.id = x.ref AND i.kind = 'references')"
        " ORDER BY x.key = 'custom.see', c.n, x.pos, x.key, x.j"
    ):
        if facts.maybe_in_unreadable(stems, ref, document):
            continue
        if known is None:
            known = facts.ids("references")  # for the hint, in the order check() offers them
        if key == "custom.see":
            yield ("cite", ref), Problem(shown, line, col, f"custom.see {clip(ref)} is not a reference id{_hint(ref, known)}")
        else:
            yield ("cite", ref), Problem(shown, line, col, f"{key} {clip(ref)}, which is not a reference id{_hint(ref, known)}")
