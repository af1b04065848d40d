"""Candidate blocking: which pairs of claims are worth comparing at all.

An inverted index over each claim's normalized keys (lemmas and stems, the
English stems of Japanese words through JMdict, name forms, the dimension of
each figure) with IDF weights.  A pair is compared only when the keys it
shares weigh enough; keys held by very many claims are not walked (they
weigh almost nothing), so the cost grows with the number of claims times
the size of the postings actually walked, never with all pairs.  Japanese
and English claims meet through the bridged keys.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import Iterable, Mapping, Sequence

from factcheck.contradict.align import PHYSICAL, month_and_day
from factcheck.contradict.analysis import Analysis

__all__ = ["block", "blocking_keys", "document_topics"]

_CJK = re.compile(r"[\u3400-\u9fff]")
_MAX_POSTING = 500  # postings longer than this are stop-keys at any corpus size
_PER_CLAIM = 30  # at most this many partners per claim, best first
_SLIP_DIGITS = 3  # significant digits a figure needs before its digits alone tie two claims


_SKELETON_KEY = 4  # consonants a skeleton key needs to block on: ^krt (Cloud, Court, Carrot) ties everything


def _weak_skeleton(key: str) -> bool:
    """A skeleton key (^krt|krtr) too short to say which name it is: it still matches two names
    that meet on other keys, it does not make two claims meet."""
    return key.startswith("^") and all(len(v) < _SKELETON_KEY for v in key[1:].split("|"))


def blocking_keys(x: Analysis) -> frozenset[str]:
    keys = set(x.keys)
    for n in x.names:
        for form in n.forms:
            # A kanji name's romanised reading (≈nagaoka) meets a Latin name's own stem (nagaoka);
            # a Latin name's spelling said as one word adds nothing its stems do not already say.
            keys.update("n:" + k.removeprefix("≈") for k in form
                        if (not k.startswith("≈") or _CJK.search(n.text)) and not _weak_skeleton(k))
        keys.update("a:" + k for k in n.acronyms)
    for f in x.figures:
        keys.add("dim:" + f.base)
        if len(f.digits) >= _SLIP_DIGITS:
            # 1,370 kg / 1,730-kilogram, 17.3 km / 173 km: a figure misreported keeps its digits,
            # so two claims holding them meet whatever else they say.  A count meets a count of
            # any counter or none (2,350 people / all 3,250 of us).
            keys.add(f"slip:{f.base if f.base in PHYSICAL else 'count'}:{''.join(sorted(f.digits))}")
    if x.dates:
        keys.add("dim:date")
    for d in x.dates:
        # One month of the year (3 February / 13 February 2025, 2 September / September 2): the
        # commonest date conflict is another day of the same month.
        month, day = month_and_day(d.value)
        if month:
            keys.add("month:" + month)
        if day:
            keys.add(f"day:{month}-{day}")  # two acts of one day (lowered / raised the alert on 2 September)
        if d.value[:4].isdigit():
            # 1823 / 1825, 文政6年 / 文政8年: a misdated event is most often off by a few years.
            keys.add("decade:" + d.value[:3])
    return frozenset(keys)


def document_topics(analyses: Sequence[Analysis], groups: Sequence[str],
                    titles: Mapping[str, Analysis] | None = None) -> dict[str, frozenset[str]]:
    """Each document's topic: the distinctive name keys its title or first claim names, or its
    claims name more than once.  A page about a bridge names the bridge in its title and lead
    and again here and there; most of its sentences then speak of it without naming it ("it
    opened in 2006")."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    first: dict[str, frozenset[str]] = {}
    for x, g in zip(analyses, groups, strict=True):
        keys = _name_keys(x)
        first.setdefault(g, keys)
        for k in keys:
            counts[g][k] += 1
    titled = {g: _name_keys(t) for g, t in (titles or {}).items()}
    return {g: frozenset(k for k, c in counts[g].items() if c >= 2) | first[g] | titled.get(g, frozenset())
            for g in first}


def _name_keys(x: Analysis) -> frozenset[str]:
    return frozenset(k for n in x.names for k in n.distinct)


def block(
    analyses: Sequence[Analysis],
    groups: Sequence[str],
    *,
    within: bool = False,
    topics: dict[str, frozenset[str]] | None = None,
    min_share: float = 0.15,
    min_shared: int = 2,
    per_claim: int = _PER_CLAIM,
) -> Iterable[tuple[int, int, float]]:
    """Index pairs ``(i, j, weight)`` worth comparing, ``i < j``.

    ``groups`` gives each claim's document: pairs of one document are skipped
    unless ``within``; pairs across documents always qualify.
    """
    n = len(analyses)
    # A claim also carries its document's topic: two pages about one bridge meet on it even
    # where their sentences do not name it.
    keys = [blocking_keys(x) | {"t:" + k for k in (topics or {}).get(g, ())} for x, g in zip(analyses, groups, strict=True)]
    index: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            index[k].append(i)
    cap = min(_MAX_POSTING, max(50, n // 20))
    idf = {k: math.log((n + 1) / (len(p) + 0.5)) + 1.0 for k, p in index.items()}
    self_weight = [sum(idf[k] for k in ks) or 1.0 for ks in keys]
    for i in range(n):
        scores: dict[int, float] = defaultdict(float)
        shared: dict[int, int] = defaultdict(int)
        for k in keys[i]:
            posting = index[k]
            if len(posting) > cap:
                continue
            w = idf[k]
            for j in posting:
                if j > i and (within or groups[i] != groups[j]):
                    scores[j] += w
                    shared[j] += 1
        # The weight of what two claims share, as a share of the lighter claim's own weight.
        best = sorted(
            ((w / min(self_weight[i], self_weight[j]), j) for j, w in scores.items() if shared[j] >= min_shared),
            reverse=True,
        )[:per_claim]
        for w, j in best:
            if w >= min_share:
                yield i, j, w
