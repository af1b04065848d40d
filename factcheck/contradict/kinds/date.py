"""date: one event given two dates that cannot be the same day.

A date belongs to the predicates of its clause (opened, 開業, merged, died):
two dates conflict only when they date the same event, and they are
compared at the precision both give (1947-04-01 and 1947-04 agree; 2009-10
and 2009-03 do not).  Reference times ("as of June", 2023年末時点) date a
state, not an event, and are never compared.  Two events of one subject
(announced vs completed; construction began vs opened) have different
predicates and do not conflict.

PASS (consistent): "The bridge opened in April 1998." / "橋は1998年4月5日に開通した。"

FAIL (date): "The museum closed in 2009." / "その博物館は2012年に閉館した。"
"""

from __future__ import annotations

import datetime
from functools import cache

from factcheck.contradict import lexicon
from factcheck.contradict.align import OTHER_GROUPS, align_dates, different_qualifiers, event_groups, word_overlap
from factcheck.contradict.analysis import FULL_DATE, Analysis, Arg, DateValue, Frame
from factcheck.contradict.model import Conflict, PairContext

_MIN_SIMILARITY = 0.2
_MIN_OVERLAP_UNFRAMED = 0.4  # content words both claims share, when no frame tells
_MIN_SIMILARITY_UNFRAMED = 0.5
_ALIKE = 0.6  # claims this alike are taken to speak of one doer and one thing
_MIN_SIMILARITY_UNPLACED = 0.4  # predicates no event group places


def dates_agree(x: str, y: str) -> bool:
    """Equal at the precision both give: 2011 ~ 2011-03 ~ 2011-03-03; a part of a year
    (2011~spring) holds the months it may fall in, a decade (2010s) the years it spans."""
    (x, part_x), (y, part_y) = x.partition("~")[::2], y.partition("~")[::2]
    if (part_x == "lunar") != (part_y == "lunar"):
        return _lunar_agrees(x, y) if part_x == "lunar" else _lunar_agrees(y, x)
    if part_x == "lunar":
        part_x = part_y = ""
    fiscal_x, fiscal_y = part_x.startswith("fiscal"), part_y.startswith("fiscal")
    if fiscal_x != fiscal_y:
        # Fiscal years start in April (Japan, the UK) or October (the US): FY2023 holds
        # October 2022 to March 2024 between them, and none of a calendar year's parts.
        return _in_fiscal_year(x, y) if fiscal_x else _in_fiscal_year(y, x)
    part_x = part_x.removeprefix("fiscal").removeprefix("-")
    part_y = part_y.removeprefix("fiscal").removeprefix("-")
    return _values_agree(x, y) and _parts_agree(x, part_x, y, part_y)


# A lunisolar month and day (天正10年6月2日) fall 0-80 days before their Western form:
# none when a writer keeps the numerals (1582年6月2日), some three weeks to two months
# when the day is converted (21 June 1582 Julian, 1 July Gregorian), more in a leap year.
_LUNAR_LAG = (0, 80)


def _lunar_agrees(lunar: str, other: str) -> bool:
    """Whether a lunisolar date (1582-06-02) may be the day a Western date names."""
    if other.startswith("--") or other.endswith("s") or not other[:4].isdigit():
        return _values_agree(lunar, other)
    year, month = int(lunar[:4]), int(lunar[5:7])
    day = int(lunar[8:10]) if len(lunar) >= 10 else None
    if len(other) < 7:
        # The 11th and 12th months may end in the next Western year (元禄15年12月14日 = 30 January 1703).
        return int(other) == year or (month >= 11 and int(other) == year + 1)
    first = datetime.date(year, month, day or 1)
    last = datetime.date(year, month, day or 29)
    lo, hi = first + datetime.timedelta(_LUNAR_LAG[0]), last + datetime.timedelta(_LUNAR_LAG[1])
    oy, om = int(other[:4]), int(other[5:7])
    if len(other) >= 10:
        try:
            return lo <= datetime.date(oy, om, int(other[8:10])) <= hi
        except ValueError:
            return False
    month_start = datetime.date(oy, om, 1)
    month_end = datetime.date(oy + om // 12, om % 12 + 1, 1) - datetime.timedelta(1)
    return month_start <= hi and lo <= month_end


def _in_fiscal_year(fiscal: str, other: str) -> bool:
    if other.startswith("--") or other.endswith("s") or not fiscal[:4].isdigit():
        return True
    year, fy = int(other[:4]), int(fiscal[:4])
    if len(other) < 7:
        return abs(year - fy) <= 1
    month = int(other[5:7])
    return year == fy or (year == fy + 1 and month <= 3) or (year == fy - 1 and month >= 10)


@cache
def _parts() -> tuple[dict[str, int], dict[str, frozenset[int]], dict[str, tuple[int, int]]]:
    data = lexicon.cues()["year_parts"]
    group = {p: i for i, g in enumerate(data["groups"]) for p in g}
    days = {p: (lo, hi) for p, (lo, hi) in data["days"].items()}
    return group, {p: frozenset(ms) for p, ms in data["months"].items()}, days


def _parts_agree(x: str, part_x: str, y: str, part_y: str) -> bool:
    if not part_x and not part_y:
        return True
    group, months, days = _parts()
    if part_x and part_y:
        if group[part_x] == group[part_y]:
            return part_x == part_y  # spring / winter, Q1 / Q3, 上旬 / 下旬
        return part_x not in months or part_y not in months or bool(months[part_x] & months[part_y])
    part, other = (part_x, y) if part_x else (part_y, x)
    if part in days:
        day = other[8:10] if not other.startswith("--") else other[5:7]
        return not day.isdigit() or days[part][0] <= int(day) <= days[part][1]
    if part not in months or len(other) < 7 or other.startswith("--") or other.endswith("s"):
        return True  # a quarter that may be fiscal, or nothing finer on the other side
    return int(other[5:7]) in months[part]


def slipped(x: str, y: str) -> bool:
    """Two dates one slip apart: full dates differing in one part only (29 May 1453 / 29 May 1454,
    12 April / 21 April 2026), or years whose digits are transposed (1762 / 1726)."""
    if "~" in x or "~" in y or x.endswith("s") or y.endswith("s") or x == y:
        return False
    if FULL_DATE.fullmatch(x) and FULL_DATE.fullmatch(y):
        return sum(p != q for p, q in zip(x.split("-"), y.split("-"), strict=True)) == 1
    if x.startswith("--") or y.startswith("--"):
        return False
    n = min(len(x), len(y))
    return x[4:n] == y[4:n] and x[:4] != y[:4] and sorted(x[:4]) == sorted(y[:4])


def _values_agree(x: str, y: str) -> bool:
    if x.endswith("s") or y.endswith("s"):
        # A decade holds its years: the 1990s ~ 1995, not 2003.
        return x.startswith("--") or y.startswith("--") or x[:3] == y[:3]
    if x.startswith("--") or y.startswith("--"):
        # A year-less 12月7日 compares with the month and day of the other date.
        md_x = x[2:] if x.startswith("--") else x[5:]
        md_y = y[2:] if y.startswith("--") else y[5:]
        n = min(len(md_x), len(md_y))
        return n == 0 or md_x[:n] == md_y[:n]
    n = min(len(x), len(y))
    return x[:n] == y[:n]


def _period_clauses(ctx: PairContext) -> set[tuple[int, int]]:
    """Clause pairs holding two different figures of one dimension: their dates say when each
    figure holds ("1.2 million in 2022" / "2.1 million in 2023").  One figure said twice
    ("four years in prison") is no period: the dates then date one event twice."""
    return {(fa.clause, fb.clause) for fa, fb, _ in ctx.figures
            if max(fa.low, fb.low) > min(fa.high, fb.high)}


def _other_event_named(da: DateValue, db: DateValue, ctx: PairContext) -> bool:
    """The claim whose date has no predicate names an event of another kind elsewhere
    (通行止め, a closure) than the one the other claim dates (開通, an opening)."""
    empty, full = (ctx.a, db) if not da.event else (ctx.b, da)
    named = event_groups(frozenset(k for t in empty.tokens if t.kind == "content" for k in t.keys))
    return bool(named) and not named & event_groups(full.event)


def _frame_for(x: Analysis, event: frozenset[str]) -> Frame | None:
    return next((f for f in x.frames if f.pred & event), None)


def same_event(da: DateValue, db: DateValue, ctx: PairContext, score: float = 1.0) -> bool:
    """Two dated predicates are one event only if they are done by and to the same things:
    "ソ連は承認した (1948)" and "北朝鮮は承認した (2017)" are two recognitions."""
    if _anniversary(ctx.a, da) != _anniversary(ctx.b, db):
        return False  # 1825年に創業 / 2025年に創業200周年: the founding and its anniversary
    if _opposite_acts(da.event, db.event) or opposite_poles(ctx.a.head_poles, ctx.b.head_poles):
        return False  # "dipped in 2021" / "rebounded in 2022", 閉鎖 / 再開: a change and its undoing
    # A date may date two predicates (1948年には…建国され、…承認した): the frame is the one of the
    # event both dates share, when there is one.
    shared = da.event & db.event
    fa = (_frame_for(ctx.a, shared) if shared else None) or _frame_for(ctx.a, da.event)
    fb = (_frame_for(ctx.b, shared) if shared else None) or _frame_for(ctx.b, db.event)
    strict = not ctx.cross_language
    if fa is not None and fb is not None:
        if fa.agent is not None and fb.agent is not None and not _same_agent(fa.agent, fb.agent, ctx, strict):
            return False
        if score < 1.0 and not (fa.agent is not None and fb.agent is not None) \
                and ctx.similarity < _MIN_SIMILARITY_UNFRAMED:
            return False  # predicates no group relates, and no shared doer to say it is one event
        if fa.objects and fb.objects and not fa.objects & fb.objects and strict and ctx.similarity < _ALIKE \
                and ctx.a.lang == "ja":
            # Japanese objects are the nouns before the act in its clause; English words after a
            # verb are as often its adjuncts ("opened to the public" / "opened its gates").
            return False
        return True
    return word_overlap(ctx.a, ctx.b) >= _MIN_OVERLAP_UNFRAMED or ctx.similarity >= _MIN_SIMILARITY_UNFRAMED


def _opposite_acts(x: frozenset[str], y: frozenset[str]) -> bool:
    """The two dated predicates stand at opposite poles of one scale (fell / rose, closed / reopened)."""
    from factcheck.contradict.analysis import _cues

    poles = _cues().poles
    return opposite_poles(frozenset(sp for k in x for sp in poles.get(k, ())),
                           frozenset(sp for k in y for sp in poles.get(k, ())))


def opposite_poles(px: frozenset[tuple[int, int]], py: frozenset[tuple[int, int]]) -> bool:
    """One pole of a scale on one side only, the other pole on the other side only: two claims
    whose head acts are a change and its undoing ("was mothballed in 2013" / "resumed production
    in 2021", 通行止めとなった / 開通した), whatever words their dates stand beside."""
    return any(p in (0, 1) and (s, 1 - p) in py and (s, p) not in py and (s, 1 - p) not in px for s, p in px)


def _anniversary(x: Analysis, d: DateValue) -> bool:
    """The date nearest an anniversary word (2025年に創業200周年, "its centenary in 2019"): it dates
    the anniversary, not the event the anniversary counts from (1989年に開館し、…2024年度に開館35周年)."""
    words = lexicon.cues()["anniversaries"]["ja" if x.lang == "ja" else "en"]
    text = x.text.lower()
    for w in words:
        for at in (i for i in range(len(text)) if text.startswith(w, i)):
            clause = next((t.clause for t in x.tokens if t.start <= at < t.end), None)
            near = [e for e in x.dates if e.clause == clause]  # 開館し、今年で5周年: no date of its own
            if near and min(near, key=lambda e: min(abs(at - e.end), abs(e.start - at))) is d:
                return True
    return False


def _same_agent(x: Arg, y: Arg, ctx: PairContext, strict: bool) -> bool:
    """One doer: named in both and the names pair up, or (no names) the phrases share a word."""
    named_x = [n for n in ctx.a.names if x.start <= n.start < x.start + len(x.text)]
    named_y = [n for n in ctx.b.names if y.start <= n.start < y.start + len(y.text)]
    if named_x and named_y:
        return ctx.same_named(x, y)  # 日露戦争 / 朝鮮戦争 share 戦争 but are two wars
    # Unnamed doers ("the company", "the new terminal") are often one doer paraphrased: told
    # apart by their words only when the claims are not otherwise alike.
    kx, ky = (x.own, y.own) if strict else (x.keys, y.keys)
    return bool(kx & ky) or ctx.same_named(x, y) or ctx.similarity >= _ALIKE


def _year_only(x: DateValue, y: DateValue, da: DateValue, db: DateValue) -> bool:
    """Two dates that agree only on a year the conflicting dates share or leave open (2026年の
    市議選 ... 4月19日 / 2026年4月26日): the agreement says nothing of which day."""
    if min(len(x.value), len(y.value)) > 4 or max(len(da.value), len(db.value)) <= 4:
        return False
    years = {v[:4] for v in (da.value, db.value) if not v.startswith("--")}
    return len(years) <= 1 and (not years or x.value[:4] in years)


def check(ctx: PairContext) -> Conflict | None:
    if ctx.similarity < _MIN_SIMILARITY:
        return None
    best: Conflict | None = None
    if different_qualifiers(ctx.a, ctx.b):
        return None
    measured = _period_clauses(ctx)
    for da, db, score in align_dates(ctx.a, ctx.b):
        if dates_agree(da.value, db.value) or score <= OTHER_GROUPS:
            continue
        if (da.clause, db.clause) in measured:
            continue  # "sold 1.2 million in 2022" / "2.1 million in 2023": the years are the figures' periods
        if score < 1.0 and ctx.similarity < _MIN_SIMILARITY_UNPLACED:
            continue
        if score < 0.5 and (ctx.similarity < _MIN_SIMILARITY_UNFRAMED or len(ctx.a.dates) + len(ctx.b.dates) > 2
                            or _other_event_named(da, db, ctx)):
            continue  # an undated event on one side: only two claims of one date each that say the same  # predicates no group relates: only when the claims otherwise say the same
        if not same_event(da, db, ctx, score):
            continue
        # An agreeing pair of dates for the same event elsewhere means these two date something else.
        if any(dates_agree(x.value, y.value) and (x.event & y.event) and not _year_only(x, y, da, db)
               for x, y, _ in align_dates(ctx.a, ctx.b) if (x is da) != (y is db)):
            continue
        sure = 0.6 + 0.2 * min(score, 1.0) + 0.2 * min(ctx.similarity, 1.0)
        if best is None or sure > best.score:
            best = Conflict("date", sure, da.text, db.text, "same event, different dates")
    return best or _one_date_each(ctx, measured)


def _one_date_each(ctx: PairContext, measured: set[tuple[int, int]]) -> Conflict | None:
    """Two claims about one named thing, each giving it one date, in other words ("opened to
    traffic on May 28, 1937" / "cars first crossed it on May 28, 1936"; "sank" / "went down"):
    weaker evidence than one predicate dated twice, left for the combiner to weigh."""
    if len(ctx.a.dates) != 1 or len(ctx.b.dates) != 1 or not ctx.names.matched \
            or (ctx.names.only_a and ctx.names.only_b):
        return None
    da, db = ctx.a.dates[0], ctx.b.dates[0]
    ga, gb = event_groups(da.event), event_groups(db.event)
    if dates_agree(da.value, db.value) or da.reference or db.reference or (da.clause, db.clause) in measured \
            or _anniversary(ctx.a, da) != _anniversary(ctx.b, db) or (ga and gb and not ga & gb) \
            or _opposite_acts(da.event, db.event) or opposite_poles(ctx.a.head_poles, ctx.b.head_poles):
        return None  # agreeing, a reference time, a figure's period, an anniversary, two kinds of event
    return Conflict("date", 0.5, da.text, db.text, "one named thing, one date each, not the same")
