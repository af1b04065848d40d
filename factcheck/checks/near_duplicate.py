"""Two claims of one document should not say nearly the same thing (warning).

Texts are compared after NFKC normalization with rapidfuzz's ``ratio``; a
score at or above ``threshold`` (default 95) is reported at the later claim.
Usually the same sentence was extracted twice under different ids.  Only
texts sharing a whole segment in place are compared (blocking), so the rule
runs in about linear time, yet finds every pair a comparison of all pairs
would.

PASSING::

    - {id: doc-1, text: The bridge opened in 2019., ...}
    - {id: doc-2, text: The bridge closed in 2023., ...}

FAILING (line 2: the same sentence, one character apart)::

    - {id: doc-1, text: The bridge opened in 2019., ...}
    - {id: doc-2, text: The bridge opened in 2019, ...}
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from typing import Any, Callable, Iterator, Mapping

from factcheck.checks.base import Problem
from factcheck.checks.context import Context
from factcheck.safety import clip

ID = "near-duplicate"
SEVERITY = "warning"
DEFAULTS: dict[str, Any] = {"threshold": 95.0}
SCOPE = "file"  # its findings depend on one file (and its source) only


# Blocking, so that the rule never compares all pairs (issue 12: 32,000 claims
# of one document took minutes).  Two texts with ratio >= T differ by at most
# f * (la + lb) insertions and deletions (f = 1 - T/100), hence by at most
# tau(lb) = 2f/(1-f) * lb edits for any partner of a text of length lb.  Cut
# that text into tau + 1 segments: a partner keeps one of them intact, at a
# position shifted by a bounded amount (the pigeonhole of Pass-Join, Li et al.,
# VLDB 2011, with its multi-match-aware windows).  So each text is indexed by
# its segments, and a later text looks up only its substrings at those
# windows: a pair is compared only when it shares a whole segment in place.
# A text resembling more earlier claims than this is compared with the first
# ones only: bounded work per claim on adversarial input.
MAX_CANDIDATES = 2000
# Up to this many distinct texts in a document, every pair is compared in
# rapidfuzz's C loop instead: the same pairs (the blocking is exact), found
# faster than the blocking's Python look-ups (100 texts: 1-2 ms against
# 3-12 ms; the two cost alike near 200).  Most documents are this small.
ALL_PAIRS_UP_TO = 150


def _most_edits(length: int, threshold: float) -> int:
    """The most insertions and deletions between a text of ``length`` and any
    text it resembles at ``threshold``.  2f/(1-f) is 2(100-T)/T, kept in one
    division so 2*20*2/80 is 1.0, not 0.999...; the epsilon covers the rest."""
    return int(2 * (100.0 - threshold) * length / threshold + 1e-9)


@functools.lru_cache(maxsize=4096)
def _segments(length: int, parts: int) -> tuple[tuple[int, int], ...]:
    """(start, size) of ``parts`` near-equal segments, the longer ones last."""
    base, extra = divmod(length, parts)
    out, start = [], 0
    for i in range(parts):
        size = base + (1 if i >= parts - extra else 0)
        out.append((start, size))
        start += size
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _windows(la: int, lb: int, tau: int) -> tuple[tuple[int, int, int], ...]:
    """(segment, start, size) of every substring of a text of length ``la``
    to look up among the segments of texts of length ``lb``."""
    delta = la - lb
    out: list[tuple[int, int, int]] = []
    for i, (p, size) in enumerate(_segments(lb, tau + 1), start=1):
        lo = max(p - (i - 1), p + delta - (tau + 1 - i), 0)
        hi = min(p + (i - 1), p + delta + (tau + 1 - i), la - size)
        out.extend((i, start, size) for start in range(lo, hi + 1))
    return tuple(out)


def _probes(
    la: int, f: float, taus: dict[int, int], index: dict[int, list[dict[str, list[int]]]]
) -> list[list[tuple[Callable[[str], Any], int, int]]]:
    """For a text of length ``la``: per indexed length it may resemble
    (shortest first), the look-ups of its windows: (the segment table's get,
    start, end)."""
    out: list[list[tuple[Callable[[str], Any], int, int]]] = []
    for lb in range(max(int(la * (1 - f) / (1 + f) - 1e-9), 1), la + 1):
        tau = taus.get(lb)
        if tau is not None:
            gets: list[Callable[[str], Any]] = [table.get for table in index[lb]]
            out.append([(gets[i - 1], start, start + size) for i, start, size in _windows(la, lb, tau)])
    return out


def _similar_texts(texts: list[str], threshold: float) -> dict[int, list[tuple[int, float]]]:
    """For each text (by position in ``texts``, all distinct), the other texts
    scoring at or above ``threshold``, with their scores.

    Texts are taken shortest first, so each looks up only the segments of
    texts no longer than itself; a pair is found once, by its longer text."""
    if len(texts) <= ALL_PAIRS_UP_TO and 0.0 <= threshold <= 100.0:
        return _all_similar_texts(texts, threshold)
    from rapidfuzz import fuzz, process

    f = max(0.0, min(1.0, 1.0 - threshold / 100.0))
    similar: dict[int, list[tuple[int, float]]] = defaultdict(list)
    # length -> one table per segment (substring -> texts): a lookup hashes
    # the substring alone, no (segment, substring) tuple made per window.
    index: dict[int, list[dict[str, list[int]]]] = {}
    taus: dict[int, int] = {}  # length -> tau of the texts of that length
    unsegmented: list[int] = []  # texts too short to cut into tau + 1 segments
    # length -> (how many lengths were indexed when made, its probes): the
    # same for every text of that length, so worked out once.
    plans: dict[int, tuple[int, list[list[tuple[Callable[[str], Any], int, int]]]]] = {}
    for k in sorted(range(len(texts)), key=lambda k: (len(texts[k]), k)):
        text = texts[k]
        la = len(text)
        candidates: set[int] = set(unsegmented)
        if f < 1.0:
            plan = plans.get(la)
            if plan is None or plan[0] != len(taus):  # made again once a new length is indexed
                plan = plans[la] = (len(taus), _probes(la, f, taus, index))
            for probes in plan[1]:
                for found in [get(text[start:end]) for get, start, end in probes]:
                    if found:
                        candidates.update(found)
                if len(candidates) > MAX_CANDIDATES:
                    break
        if candidates:
            order = sorted(candidates)[:MAX_CANDIDATES]
            # Compared in rapidfuzz's own loop, which also skips texts whose lengths rule them out.
            for _, score, n in process.extract(text, [texts[j] for j in order], scorer=fuzz.ratio, score_cutoff=threshold, limit=None):
                if score:  # a cutoff of 0 lets 0 through; no score is no likeness
                    similar[k].append((order[n], score))
                    similar[order[n]].append((k, score))
        tau = _most_edits(la, threshold) if f < 1.0 else la
        if tau + 1 > la:
            unsegmented.append(k)
            continue
        taus[la] = tau
        tables = index.setdefault(la, [{} for _ in range(tau + 1)])
        for table, (start, size) in zip(tables, _segments(la, tau + 1), strict=True):
            table.setdefault(text[start : start + size], []).append(k)
    return similar


def _all_similar_texts(texts: list[str], threshold: float) -> dict[int, list[tuple[int, float]]]:
    """What :func:`_similar_texts` finds, by comparing every pair (few texts):
    each text with all those before it in the same order, shortest first."""
    from rapidfuzz import fuzz, process  # (at first use: a validate that reads no claim file loads none)

    similar: dict[int, list[tuple[int, float]]] = defaultdict(list)
    order = sorted(range(len(texts)), key=lambda k: (len(texts[k]), k))
    ordered = [texts[k] for k in order]
    for n in range(1, len(order)):
        k = order[n]
        for _, score, m in process.extract(ordered[n], ordered[:n], scorer=fuzz.ratio, score_cutoff=threshold, limit=None):
            if score:  # a cutoff of 0 lets 0 through; no score is no likeness
                similar[k].append((order[m], score))
                similar[order[m]].append((k, score))
    return similar


def _similar_pairs(entries: list[tuple[Any, str]], threshold: float) -> Iterator[tuple[int, int, float]]:
    """(later, earlier, score) for each entry resembling an earlier one: the
    first such earlier entry, as a pass over all pairs would find it."""
    copies: dict[str, list[int]] = defaultdict(list)  # a text -> the entries holding it
    for k, (_, text) in enumerate(entries):
        copies[text].append(k)
    distinct = list(copies)
    similar = _similar_texts(distinct, threshold)
    number = {text: u for u, text in enumerate(distinct)}
    for k, (item, text) in enumerate(entries):
        u = number[text]
        best: tuple[int, float] | None = None
        for v, score in [(u, 100.0), *similar.get(u, ())]:
            for j in copies[distinct[v]]:
                if j >= k or (best is not None and j >= best[0]):
                    break
                if entries[j][0].id != item.id:  # the same id twice is unique-id's finding
                    best = (j, score)
                    break
        if best is not None:
            yield k, best[0], best[1]


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    threshold = float(options["threshold"])
    # One document's claims are one file's: a second file with the same
    # document id (a copy) is unique-id's one finding, and is compared within
    # itself, as the index (which keeps this rule's findings per file) does.
    by_document: dict[str, list[tuple[Any, str]]] = defaultdict(list)
    for item in ctx.claims:
        text = item.data.get("text")
        if isinstance(text, str) and item.id is not None and text.strip():
            by_document[item.file.path].append((item, " ".join(unicodedata.normalize("NFKC", text).split())))
    for entries in by_document.values():
        for k, j, score in _similar_pairs(entries, threshold):
            item, earlier = entries[k][0], entries[j][0]
            line, col = item.where()
            first_line = earlier.where()[0]
            yield Problem(
                item.file.path, line, col,
                f"nearly the same text as {clip(earlier.id)} (line {first_line}, similarity {score:.0f})",
            )
