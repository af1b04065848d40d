"""near-duplicate compares only texts that share a rare trigram (blocking),
and still finds exactly what a comparison of all pairs finds."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from factcheck.checks import near_duplicate
from factcheck.checks.near_duplicate import _similar_pairs


@dataclass(frozen=True)
class Entry:
    id: str


def all_pairs(entries: list[tuple[Entry, str]], threshold: float) -> list[tuple[int, int, float]]:
    out = []
    for k, (item, text) in enumerate(entries):
        for j, (earlier, other) in enumerate(entries[:k]):
            if earlier.id != item.id and (score := fuzz.ratio(text, other, score_cutoff=threshold)):
                out.append((k, j, score))
                break
    return out


def edits(base: str) -> st.SearchStrategy[str]:
    """base with a few characters inserted, deleted or replaced."""
    return st.lists(st.tuples(st.integers(0, max(len(base), 1)), st.sampled_from("xyzあい "), st.sampled_from("idr")), max_size=4).map(
        lambda ops: _apply(base, ops)
    )


def _apply(text: str, ops: list[tuple[int, str, str]]) -> str:
    for pos, ch, op in ops:
        pos = min(pos, len(text))
        text = text[:pos] + ch + text[pos:] if op == "i" else text[:pos] + text[pos + 1 :] if op == "d" else text[:pos] + ch + text[pos + 1 :]
    return text


@settings(max_examples=400, deadline=None)
@given(
    bases=st.lists(st.text("abcdefghij klmあいうえお。、0123", min_size=1, max_size=80), min_size=1, max_size=5),
    data=st.data(),
    threshold=st.sampled_from([0.0, 50.0, 66.7, 80.0, 90.0, 95.0, 99.0, 100.0]),
)
def test_blocking_finds_what_all_pairs_find(bases: list[str], data: st.DataObject, threshold: float) -> None:
    texts = [data.draw(edits(b)) for b in bases for _ in range(3)]
    texts = [t for t in data.draw(st.permutations(texts)) if t.strip()]
    entries = [(Entry(f"c{i}"), t) for i, t in enumerate(texts)]
    expected = all_pairs(entries, threshold)
    # Both ways the rule compares: its C loop over every pair (few texts) and
    # the blocking (many texts), forced here on a few.
    usual = near_duplicate.ALL_PAIRS_UP_TO
    for small in (usual, 0):
        near_duplicate.ALL_PAIRS_UP_TO = small
        try:
            assert list(_similar_pairs(entries, threshold)) == expected
        finally:
            near_duplicate.ALL_PAIRS_UP_TO = usual
