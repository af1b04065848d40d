"""What two analyses share: word overlap, matched names, aligned figures and dates.

Every conflict kind asks the same questions first (are these two claims about
the same thing? which name of one is which name of the other? which figure
measures what the other figure measures?), so the answers live here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from factcheck.contradict import lexicon
from factcheck.contradict.analysis import Analysis, DateValue, Figure, Name, Token, names_match

__all__ = [
    "NameAlignment", "align_dates", "align_figures", "align_names", "content_overlap", "light_predicates",
    "similarity",
]

_WIDE_WEIGHT = 0.6


def _token_hit(t: Token, keys: frozenset[str], wide: frozenset[str]) -> float:
    own = t.keys or frozenset({t.lemma})
    if own & keys:
        return 1.0
    if own & wide or t.wide & keys:
        return _WIDE_WEIGHT
    return 0.0


def content_overlap(a: Analysis, b: Analysis, *, strict: bool = False) -> float:
    """Share of a's content words (not names, not values) that b also has, weighted, in [0, 1].

    ``strict`` compares the words' own forms only (no dictionary glosses): for
    two claims of one language, where 会長 and 社長 must stay apart although
    both gloss as "president".
    """
    words = [t for t in a.tokens if t.kind in ("content", "pred")]
    if not words:
        return 0.0
    if strict:
        return sum(1.0 for t in words if t.own & b.own) / len(words)
    return sum(_token_hit(t, b.keys, b.wide) for t in words) / len(words)


def word_overlap(a: Analysis, b: Analysis) -> float:
    """The smaller of the two directions of :func:`content_overlap`, strict within one language."""
    strict = a.lang == b.lang
    return min(content_overlap(a, b, strict=strict), content_overlap(b, a, strict=strict))


def similarity(a: Analysis, b: Analysis) -> float:
    """Symmetric topical similarity: content words and names of both sides, in [0, 1]."""
    words = (content_overlap(a, b) + content_overlap(b, a)) / 2
    names = align_names(a, b)
    total_names = len(a.names) + len(b.names)
    if total_names == 0:
        return words
    name_score = 2 * len(names.matched) / total_names
    wa = sum(1 for t in a.tokens if t.kind in ("content", "pred")) + sum(1 for t in b.tokens if t.kind in ("content", "pred"))
    weight = total_names / (total_names + wa) if wa else 1.0
    weight = max(weight, 0.3)
    return (1 - weight) * words + weight * name_score


@dataclass(frozen=True)
class NameAlignment:
    matched: tuple[tuple[Name, Name], ...]
    only_a: tuple[Name, ...]
    only_b: tuple[Name, ...]


def align_names(a: Analysis, b: Analysis) -> NameAlignment:
    matched: list[tuple[Name, Name]] = []
    used: set[int] = set()
    only_a: list[Name] = []
    for x in a.names:
        hit = next((j for j, y in enumerate(b.names) if j not in used and names_match(x, y)), None)
        if hit is None:
            if not _plain_word(x, b):
                only_a.append(x)
        else:
            used.add(hit)
            matched.append((x, b.names[hit]))
    only_b = [y for j, y in enumerate(b.names) if j not in used and not _plain_word(y, a)]
    return NameAlignment(tuple(matched), tuple(only_a), tuple(only_b))


def _plain_word(name: Name, other: Analysis) -> bool:
    """A name the other claim has as an ordinary word (the Thames where テムズ川 was not tagged a name)."""
    for form in name.forms:
        distinctive = form & name.distinct
        if distinctive and distinctive <= other.keys:
            return True
    return False


@cache
def light_predicates() -> frozenset[str]:
    """Predicates that carry no event of their own (was, reached, reported, totalled)."""
    return frozenset(lexicon.stem(w) for w in lexicon.cues()["light_predicates"]["en"]) | frozenset(
        lexicon.cues()["light_predicates"]["ja"])


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / min(len(x), len(y))


def measure_similarity(fa: Figure, fb: Figure, *, strict: bool) -> float:
    """How surely two figures measure the same thing, from the words around them."""
    na, nb = (fa.near_own, fb.near_own) if strict else (fa.near, fb.near)
    ma, mb = (fa.measure_own, fb.measure_own) if strict else (fa.measure, fb.measure)
    near = 1.0 if (na & mb) or (nb & ma) else 0.0
    return max(near * 0.7 + 0.3 * _overlap(ma, mb), _overlap(ma, mb))


def align_figures(a: Analysis, b: Analysis) -> list[tuple[Figure, Figure, float]]:
    """One-to-one pairs of figures with the same dimension, best measure match first."""
    options = []
    for i, fa in enumerate(a.figures):
        for j, fb in enumerate(b.figures):
            if fa.base != fb.base:
                continue
            options.append((measure_similarity(fa, fb, strict=a.lang == b.lang), i, j))
    options.sort(key=lambda o: (-o[0], abs(o[1] - o[2])))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for score, i, j in options:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append((a.figures[i], b.figures[j], score))
    return out


def align_dates(a: Analysis, b: Analysis) -> list[tuple[DateValue, DateValue, float]]:
    """Pairs of event dates (not reference times) whose events share a predicate."""
    light = light_predicates()
    out = []
    for da in a.dates:
        for db in b.dates:
            if da.reference or db.reference:
                continue
            ea, eb = da.event - light, db.event - light
            if not ea or not eb:
                continue
            common = ea & eb
            if common:
                out.append((da, db, len(common) / min(len(ea), len(eb))))
    return out
