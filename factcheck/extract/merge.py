"""Re-extraction without losing review work.

A claim file is edited by people after extraction: texts corrected, relations
and notes added, review states set.  Running the extractor again must keep
all of that.  The rule is simple and conservative: the file on disk wins.

- A fresh claim that matches a claim on disk (same text, or the same place in
  the source with a similar text) keeps the claim on disk as it is; the
  extractor may only fill fields the claim leaves empty (dates, quantities).
- A fresh claim with no match is added, with an id never used in the file.
- A claim on disk with no fresh match is kept and reported as vanished: only a
  person deletes claims.

References merge the same way, by id.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from rapidfuzz import fuzz

from factcheck.model import Claim, Reference

_SIMILAR_AT_SAME_PLACE = 80.0
_SIMILAR_ANYWHERE = 92.0
_TRAILING_NUMBER = re.compile(r"-(\d+)$")


@dataclass(frozen=True)
class MergeResult:
    claims: tuple[Claim, ...]
    added: tuple[str, ...]  # ids of claims new in this run
    kept: tuple[str, ...]  # ids of claims on disk that the run found again
    vanished: tuple[str, ...]  # ids of claims on disk the run did not find
    filled: tuple[str, ...]  # ids of kept claims whose empty fields were filled


def _overlaps(a: Claim, b: Claim) -> bool:
    return not (
        (a.location.end_line, a.location.end_column) <= (b.location.line, b.location.column)
        or (b.location.end_line, b.location.end_column) <= (a.location.line, a.location.column)
    )


def _match(fresh: Claim, old: Sequence[Claim], taken: set[str]) -> Claim | None:
    free = [c for c in old if c.id not in taken]
    for c in free:
        if c.text == fresh.text:
            return c
    best: tuple[float, Claim] | None = None
    for c in free:
        score = fuzz.ratio(c.text, fresh.text)
        threshold = _SIMILAR_AT_SAME_PLACE if _overlaps(c, fresh) else _SIMILAR_ANYWHERE
        if score >= threshold and (best is None or score > best[0]):
            best = (score, c)
    return best[1] if best else None


def _fill(kept: Claim, fresh: Claim) -> Claim:
    """Fields the extractor may add to a reviewed claim: only ones left empty."""
    changes = {
        name: getattr(fresh, name)
        for name in ("dates", "quantities")
        if not getattr(kept, name) and getattr(fresh, name)
    }
    return dataclasses.replace(kept, **changes) if changes else kept


def _next_number(ids: Sequence[str]) -> int:
    numbers = [int(m.group(1)) for i in ids if (m := _TRAILING_NUMBER.search(i))]
    return max(numbers, default=0) + 1


def merge_claims(old: Sequence[Claim], fresh: Sequence[Claim], *, new_id: Callable[[int], str]) -> MergeResult:
    """Fold ``fresh`` claims into ``old`` ones; see the module docstring."""
    taken: set[str] = set()
    pairs: list[tuple[Claim, Claim | None]] = []
    for f in fresh:
        m = _match(f, old, taken)
        if m is not None:
            taken.add(m.id)
        pairs.append((f, m))

    n = _next_number([c.id for c in old])
    used = {c.id for c in old}
    result: list[Claim] = []
    added, filled = [], []
    for f, m in pairs:
        if m is None:
            while new_id(n) in used:
                n += 1
            claim = dataclasses.replace(f, id=new_id(n))
            used.add(claim.id)
            n += 1
            added.append(claim.id)
        else:
            claim = _fill(m, f)
            if claim is not m:
                filled.append(claim.id)
        result.append(claim)
    vanished = [c for c in old if c.id not in taken]
    # Vanished claims stay where they were relative to the source, so the file still reads in order.
    ordered = sorted([*result, *vanished], key=lambda c: (c.location.line, c.location.column))
    return MergeResult(
        claims=tuple(ordered),
        added=tuple(added),
        kept=tuple(sorted(taken)),
        vanished=tuple(c.id for c in vanished),
        filled=tuple(filled),
    )


def merge_references(old: Sequence[Reference], fresh: Sequence[Reference]) -> tuple[tuple[Reference, ...], tuple[str, ...], tuple[str, ...]]:
    """References on disk win by id; new ids are added.  Returns (references, added, vanished)."""
    by_id = {r.id: r for r in old}
    fresh_ids = {r.id for r in fresh}
    out = [by_id.get(r.id, r) for r in fresh]
    out += [r for r in old if r.id not in fresh_ids]
    added = tuple(r.id for r in fresh if r.id not in by_id)
    vanished = tuple(r.id for r in old if r.id not in fresh_ids)
    return tuple(out), added, vanished
