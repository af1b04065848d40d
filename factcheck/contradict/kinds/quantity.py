"""quantity: the same measure given two values that cannot both be right.

A figure is compared only with the figure of the other claim that measures
the same thing (same dimension, the words around it agree: land border with
land border, troops sent with troops sent); any other figure in either
sentence neither vetoes nor triggers.  Each figure is read as the interval its
written precision allows (17 km is 16.5–17.5 km; 約1万 is 5,000–15,000),
widened for hedges and opened for bounds, so rounding agrees and a lost
decimal point (173 km vs 17.3 km) or transposed digits (1,250 vs 1,520) do
not.  Figures of different periods (other years, quarter vs full year) or a
total against a part do not conflict.

PASS (consistent): "北浜トンネルの全長は5,382メートルである。" /
"The Kitahama Tunnel is about 5.4 km long."

FAIL (quantity): "The land border is 17.3 km long." / "陸上国境の長さは173kmである。"
"""

from __future__ import annotations

import math
import re
from functools import cache

from factcheck.contradict import lexicon
from factcheck.contradict.align import (
    different_qualifiers,
    event_groups,
    light_predicates,
    same_dimension,
    slipped,
)
from factcheck.contradict.analysis import Analysis, Figure, named_scales
from factcheck.contradict.kinds.date import dates_agree
from factcheck.contradict.lexicon import fold
from factcheck.contradict.model import Conflict, PairContext

_HEDGE_WIDTH = 0.05  # 約 / about a figure of one or two significant digits: ±5 %, or its rounding if wider
_HEDGE_WIDTH_PRECISE = 0.03  # about a figure of three or more significant digits
_MIN_MEASURE = 0.34


def _interval(f: Figure) -> tuple[float, float]:
    low, high = f.low, f.high
    if f.bounded:
        # "more than 2,000" is 2,000 and up; "nearly 50%" up to 50%.
        return low, high
    slack = f.step
    if f.approximate:
        # "about 10,000" or 約5.4km hedge a round figure (±5 % or its rounding); "about 439
        # million" was written to three digits, and hedges only the last of them.
        mid = low if math.isfinite(low) else high
        width = _HEDGE_WIDTH if len(f.digits) <= 2 else _HEDGE_WIDTH_PRECISE
        slack = max(slack, abs(mid) * width)
    return low - slack, high + slack


_BOUND_GAP = 1.5  # two bounds of one direction this far apart bound two different values


def compatible(fa: Figure, fb: Figure) -> bool:
    la, ha = _interval(fa)
    lb, hb = _interval(fb)
    # "up to 600 km" / "up to 600 miles", "topped 1.2 million" / "topped 210,000": writers put a
    # bound near the value, so bounds of one direction far apart do not describe one value.
    for x, y in ((la, lb), (ha, hb)):
        if fa.bounded and fb.bounded and all(map(math.isfinite, (x, y))) and x > 0 and y > 0 \
                and not (math.isfinite(la) and math.isfinite(ha)) and not (math.isfinite(lb) and math.isfinite(hb)):
            return max(x, y) < min(x, y) * _BOUND_GAP
    # Intervals that only touch (49 -> 48.5..49.5, 48 -> 47.5..48.5) are two different counts.
    return la < hb and lb < ha or (la == ha and lb <= la <= hb) or (lb == hb and la <= lb <= ha)


_DERIVED_TOLERANCE = 0.015  # relative: 13% of 25,000 is 3,250; 150 t a day is 54,750 t a year (~55,000)
_DERIVED_TOLERANCE_APPROX = 0.05
_PER_PERIOD = (24.0, 52.0, 365.0)  # a rate per hour, week or day said per day or per year
_TIME_SCALES = (60.0, 3600.0, 86400.0, 604800.0, 31557600.0)  # a duration read in minutes, hours, days, weeks, years


def _point(f: Figure) -> float | None:
    if math.isfinite(f.low) and math.isfinite(f.high):
        return (f.low + f.high) / 2
    return f.low if math.isfinite(f.low) else f.high if math.isfinite(f.high) else None


def _readings(f: Figure) -> list[float]:
    """The numbers a figure may enter a sum with: its value; a duration also in days, hours..."""
    value = _point(f)
    if value is None or value <= 0:
        return []
    return [value, *(value / s for s in _TIME_SCALES)] if f.base == "s" else [value]


def derived(fa: Figure, fb: Figure, a: Analysis, b: Analysis) -> bool:
    """One value is the other worked out with a third figure of either claim: a share of it (13% of
    25,000 is 3,250), the rest of it (1,400 less 1,150 is 250), a rate times a duration (18 m a
    day for 40 days is 720 m), a change by a percentage.  Two claims doing sums with one fact
    agree; the figures they give are different measures of it."""
    x, y = _point(fa), _point(fb)
    if x is None or y is None or x <= 0 or y <= 0:
        return False
    tol = _DERIVED_TOLERANCE_APPROX if fa.approximate or fb.approximate else _DERIVED_TOLERANCE

    def near(u: float, v: float) -> bool:
        return abs(u - v) <= tol * max(abs(u), abs(v))

    others = [f for f in (*a.figures, *b.figures) if f is not fa and f is not fb]
    for (u, v), base, home in (((x, y), fa, a), ((y, x), fb, b)):
        changed = _earlier(base, home)
        for f in others:
            for n in _readings(f):
                if f.base == "%":
                    if any(near(v, u * k) for k in (n / 100, 1 + n / 100, 1 - n / 100) if k > 0):
                        return True
                    continue
                if n != 1 and (near(v, u * n) or near(v, u / n)):
                    return True
                # A change added to the value it changed (42% up 5 points is 47%), not to the
                # value it led to (2.7%, up 0.2 points, is no 2.9%).
                if (same_dimension(f.base, fa.base) or changed and _addable(f.base, fa.base)) \
                        and (near(v, u + n) or near(v, abs(u - n))):
                    return True
        if any(near(v, u * k) for k in _PER_PERIOD):
            return True
    # A rise told in points in one claim and as a share of the old value in the other: 40% to 45%
    # is 12.5% more.
    for w, x_ in ((fa, b), (fb, a)):
        levels = [f for f in x_.figures if f.base == "%" and f is not w]
        if w.base != "%" or (value := _point(w)) is None:
            continue
        for f in levels:
            for g in levels:
                p, q = _point(f), _point(g)
                if p is not None and q is not None and 0 < p < q and near(value, (q - p) / p * 100):
                    return True
    return False


def _addable(x: str, y: str) -> bool:
    """Two figures a sum may join: of one dimension, or a percentage and percentage points."""
    return same_dimension(x, y) or {x, y} <= {"%", "pt"}


def _named_year(years: frozenset[str]) -> bool:
    return any(not y.startswith("--") for y in years)  # "the year to March 31" names no year


def _own_dates(f: Figure, x: Analysis) -> list[str]:
    """The dates in the figure's own clause: 2025年度の…21,800台 (not the 2019年度 it is compared with)."""
    formers = [g for g in x.figures if g.former and g is not f and g.clause == f.clause]
    return [d.value for d in x.dates if d.clause == f.clause and not d.reference
            and not any(_dates_former(d.start, d.end, g, x) for g in formers)]


_FORMER_DATE_REACH = 8  # characters before a change's first value a date dating it may start (前年の75.3%から)


def _dates_former(start: int, end: int, g: Figure, x: Analysis) -> bool:
    """The date dates a change's first value, not its second: 前年の75.3%から4.7%に, "from 75.3%
    in 2022 to 4.7%"."""
    after = min((f.start for f in x.figures if f.start >= g.end), default=len(x.text))
    return g.start - _FORMER_DATE_REACH <= start and end <= after and not (g.start <= start < g.end)


def _other_period(fa: Figure, fb: Figure, a: Analysis, b: Analysis) -> bool:
    ya, yb = a.years, b.years
    if ya and yb and not (ya & yb):
        return True
    own_a, own_b = _own_dates(fa, a), _own_dates(fb, b)
    if own_a and own_b and not any(dates_agree(x, y) for x in own_a for y in own_b):
        return True  # each figure dated in its own clause, at two times
    da = [d.value for d in a.dates if not d.qualifier]
    db = [d.value for d in b.dates if not d.qualifier]
    if da and db and not any(dates_agree(x, y) for x in da for y in db):
        return True  # April 2020 / February 2020: one year, two months
    changing = any(scale == 0 for scale, _ in a.poles | b.poles)
    if changing and _named_year(ya) != _named_year(yb):
        return True  # "fell to 289,000 in 2020" dates a value that changes; an undated one may be another year
    return bool(fa.periods and fb.periods and fa.periods != fb.periods)


def _same_measure(fa: Figure, fb: Figure, score: float, ctx: PairContext) -> bool:
    light = light_predicates()
    pa, pb = fa.preds - light, fb.preds - light
    ga, gb = event_groups(pa), event_groups(pb)
    # The verbal noun of one side's measure (営業 of 営業利益) standing in the other's words is no
    # other act: "営業利益は950億円だった" / "営業利益590億円で着地した".
    if ga and gb and not (ga & gb) and not (pa & pb) and not (pa & fb.measure_own or pb & fa.measure_own):
        return False  # troops trained vs troops sent: predicates of two different kinds of act
    if _other_measure(fa, fb, ctx) and not (len(fa.digits) >= 3 and slipped(fa, fb) and fa.base == fb.base):
        # 売上高 1兆2400億円 vs 営業利益 1240億円: each names a measure the other never mentions.  Three
        # or more digits of one unit in another order or place (1,370 kg / "the 1,730-kilogram satellite")
        # are one value misreported, whatever word each sentence puts beside it.
        return False
    count_a = sum(same_dimension(f.base, fb.base) for f in ctx.a.figures)
    count_b = sum(same_dimension(fa.base, f.base) for f in ctx.b.figures)
    if count_a == 1 and count_b == 1:
        return True
    if score >= _MIN_MEASURE:
        return True
    # When the words around figures do not tell (other language, paraphrase), equal counts pair up in order.
    return count_a == count_b and _rank(fa, ctx.a) == _rank(fb, ctx.b)


@cache
def _dimension_words() -> frozenset[str]:
    data = lexicon.cues().get("dimension_words", {})
    return frozenset(lexicon.stem(w) for w in data.get("en", ())) | frozenset(data.get("ja", ()))


@cache
def _length_senses() -> dict[str, tuple[str, ...]]:
    return {sense: tuple(words) for sense, words in lexicon.cues().get("length_senses", {}).items()}


_SENSE_BEFORE, _SENSE_AFTER = 12, 32  # characters around a figure its sense is read from


def _senses(f: Figure, x: Analysis) -> frozenset[str]:
    """How far away or how high a length says a place lies: "6 miles north-east of Ely" is a
    distance, "3 metres above sea level" an elevation (none for most figures)."""
    if f.base != "m":
        return frozenset()
    window = fold(x.text[max(0, f.start - _SENSE_BEFORE):f.end + _SENSE_AFTER])
    return frozenset(s for s, words in _length_senses().items() if any(w in window for w in words))


def _other_measure(fa: Figure, fb: Figure, ctx: PairContext) -> bool:
    sa, sb = _senses(fa, ctx.a), _senses(fb, ctx.b)
    if sa and sb and not sa & sb:
        return True  # a place's distance from a town vs its height above the sea
    near_a, near_b = fa.near_own - _dimension_words(), fb.near_own - _dimension_words()
    if not near_a and not near_b and not ctx.cross_language and not ctx.names.matched:
        # Only a dimension beside the figures ("17 km long") and no name to tie the claims to one
        # subject: the things measured are the clauses' nouns, towpath / canal, when neither claim
        # names the other's.
        near_a, near_b = fa.measure_own - _dimension_words(), fb.measure_own - _dimension_words()
        return bool(near_a and near_b) and not (near_a & ctx.b.own or near_b & ctx.a.own)
    if ctx.cross_language or not near_a or not near_b:
        return False
    if near_a & ctx.b.own or near_b & ctx.a.own:
        return False
    if fa.near_wide & (fb.near | fb.near_wide) or fb.near_wide & (fa.near | fa.near_wide):
        return False  # coastline ~ shoreline: synonyms through the dictionary
    if any(_same_head(x, y) for x in near_a for y in near_b):
        return False  # link ~ downlink: an English compound names a kind of its last word
    if ctx.a.lang == "ja":
        # Paraphrased compounds share characters (生産量 / 産金量); other measures do not (売上高 / 営業利益).
        kanji = re.compile(r"[\u3400-\u9fff]")
        if set(kanji.findall(fa.near_text)) & set(kanji.findall(fb.near_text)):
            return False
    return True


_MIN_HEAD = 4  # letters of a compound's head word: "line" in "pipeline", not "on" in "iron"


def _same_head(x: str, y: str) -> bool:
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return len(short) >= _MIN_HEAD and short != long_ and long_.endswith(short) and short.isascii()


def _rank(f: Figure, x: Analysis) -> int:
    return [g for g in x.figures if same_dimension(g.base, f.base)].index(f)




def _other_subjects(ctx: PairContext) -> bool:
    """Each claim's doers are names the other claim does not have (within one language,
    where names align reliably)."""
    if ctx.cross_language:
        return False
    agents_a = [n for n in ctx.a.names if n.role == "agent"]
    agents_b = [n for n in ctx.b.names if n.role == "agent"]
    return bool(agents_a and agents_b) and all(n in ctx.names.only_a for n in agents_a) \
        and all(n in ctx.names.only_b for n in agents_b)


def check(ctx: PairContext) -> Conflict | None:
    a, b = ctx.a, ctx.b
    if different_qualifiers(a, b) or ctx.swap is not None:
        return None  # men's vs women's; A's exports to B vs B's exports to A
    if _other_subjects(ctx):
        return None  # "Tokyo recorded 35.2°C" / "Osaka recorded 37.1°C": two things measured
    best: Conflict | None = None
    for fa, fb, score in ctx.figures:
        if not _same_measure(fa, fb, score, ctx):
            continue
        if _other_period(fa, fb, a, b):
            continue
        if compatible(fa, fb):
            continue
        if fa.total != fb.total and (fa.high >= fb.low if fa.total else fb.high >= fa.low):
            continue  # a total and a part of it: the total is the larger
        if fa.part != fb.part and (fb.high >= fa.low if fa.part else fa.high >= fb.low):
            continue  # "of which 60 km" and the whole 235 km: the part is the smaller
        sure = 0.6 + 0.2 * min(score, 1.0) + (0.2 if slipped(fa, fb) else 0.0)
        if best is None or sure > best.score:
            best = Conflict("quantity", sure, fa.text, fb.text, "same measure, incompatible values")
    return best or implied_change(ctx)


_EARLIER_EN = re.compile(r"(?:from|compared with|compared to|versus|vs\.?|against)\s+(?:about\s+|some\s+)?$", re.I)


def _earlier(f: Figure, x: Analysis) -> bool:
    """A share said as the value a change started from: 前年の57.2%から, "up from 57.2%",
    "compared with 39% a year earlier"."""
    return f.former or x.text[f.end:f.end + 2] == "から" or bool(_EARLIER_EN.search(x.text[max(0, f.start - 20):f.start]))


def _direction(x: Analysis) -> int:
    """+1 when the claim says its value rose, -1 when it fell, 0 when it says neither or both."""
    scales = named_scales("directional_scales")
    up = any((s, 0) in x.poles for s in scales)
    down = any((s, 1) in x.poles for s in scales)
    return 1 if up and not down else -1 if down and not up else 0


def implied_change(ctx: PairContext) -> Conflict | None:
    """A change in points and the share it led to against the share the other claim says it
    started from: "rose 2.3 points to 58.1%" / "58.1%, up from 57.2%" (58.1 - 2.3 is 55.8);
    "rose to 42%, up 6 percentage points" / "42%, compared with 39% a year earlier".  The
    evidence names the change and the earlier share."""
    for x, y in ((ctx.a, ctx.b), (ctx.b, ctx.a)):
        points = [f for f in x.figures if f.base == "pt"]
        results = [f for f in x.figures if f.base == "%" and not _earlier(f, x)]
        shares = [f for f in y.figures if f.base == "%"]
        earlier = [f for f in shares if _earlier(f, y)]
        later = [f for f in shares if not _earlier(f, y)]
        sign = _direction(x)
        if len(points) != 1 or len(results) != 1 or len(earlier) != 1 or len(later) != 1 or not sign:
            continue
        change, result, start, end = points[0], results[0], earlier[0], later[0]
        if not compatible(result, end) or _other_period(result, end, x, y):
            continue  # the two claims must end at one value of one period
        implied = result.low - sign * change.low
        if abs(implied - start.low) > change.step + start.step + result.step + 1e-9:
            a_text, b_text = (change.text, start.text) if x is ctx.a else (start.text, change.text)
            return Conflict("quantity", 0.7, a_text, b_text, "the change does not lead from the earlier value")
    return None
