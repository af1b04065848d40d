"""Find quantities (numbers with units or counters) in a claim's text and normalize them.

Numbers read (full-width digits folded first):

- Arabic with grouping and decimals: ``1,500``, ``17.3``, ``１５００``.
- Japanese multipliers mixed with digits or kanji: ``19万`` = 190,000,
  ``3188万``, ``1億2000万`` = 120,000,000, ``31万2千`` = 312,000, ``三千`` = 3,000.
- Vague Japanese counts, as a range with no value: ``数千`` = 2,000-9,999,
  ``数百``, ``数万``, ``数十`` = 20-99, ``十数`` = 11-19.
- English scales and words: ``3.2 million``, ``$1.2 billion``, ``two divisions``;
  vague ``thousands of troops`` = 2,000-9,999.
- Ranges: ``10〜12万人`` and ``約3〜4千人`` (the right side's multiplier applies
  to a plain left side), ``5,000〜6,000人``, ``10万から12万人``,
  ``between 5,000 and 6,000``, ``5,000-6,000 troops``, ``5 to 6 million``:
  value None, low and high set.  ``rose from 45,000 to 54,000`` is a change, not
  a range: two quantities.
- Signs where they cannot be hyphens: ``-5%``, ``−2.1%`` (not ``F-16``, ``21-14``).

Units and counters, their aliases and their conversion to a base unit live in
``vocab/units.yaml``; ``unit`` is always the canonical name there (km, m, USD,
人, countries ...).  English count nouns may follow the number after up to two
other words (``1,500 North Korean soldiers``: 人).  Hedges (約, 以上, roughly,
more than ...) are data too: every hedge sets ``approximate``; a lower-bound
hedge (以上, 超, more than) also sets ``low`` to the value and an upper-bound
one (未満, up to) sets ``high``.  Vague counts (数千, thousands of) are
approximate ranges whose top is one below the next step: 数千 = 2,000-9,999.

What is not a quantity: dates and years (``2024年``, ``10月23日``, ``in 2019``:
anything :func:`factcheck.extract.dates.date_spans` finds), citation markers
``[12]``, ordinals (``第12回``, ``第一陣``), ``北緯38度線`` (a named line: 度 before
線 is blocked, while ``北緯38度`` alone is 38 degree), kanji words such as
``二国間``, ``一度``, ``一件落着``, ``三回忌``, ``一種の``, ``3分の1`` (see
``ja_unit_blockers`` and ``ja_kanji_blocked``), clock times and angles
(``10時30分``, ``38度15分``: ``ja_unit_preceders``), and bare numbers with no
unit unless they are big enough to be counts on their own (grouped ``4,200``,
``12億``, ``3.2 million``, ``数百``; unit None).

Durations are quantities with base unit the second: ``12 days``, ``two weeks``,
``3 months``, ``10年間``, ``5日間``, ``3か月``, ``48時間``, ``90 minutes``.
Months and years convert by their Gregorian averages (approximate, well inside
the comparison's tolerance).  Japanese durations need their explicit form
(年間, 日間, か月, 時間, 週間, 分, 秒): ``2024年`` and ``10月23日`` are dates,
``3年生`` a school year, and ``85歳`` an age (unit 歳, its own base).  Points in
time are not durations: ``3か月後``, ``2時間前``, ``5日目``, ``3 years ago``,
``two weeks later`` (``en_unit_blockers``); nor is the idiom ``one day``.

For comparison, :func:`to_base` gives the value in the unit's base unit
(5.4 km -> 5400 m; 3割 -> 30 %), :func:`bounds_in_base` the (low, high) interval.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from factcheck import vocab
from factcheck.extract.dates import date_spans
from factcheck.model import Quantity
from factcheck.text import KANJI_LARGE, KANJI_SMALL, fold_width, numeral_tokens, read_numeral

__all__ = ["find_quantities", "to_base", "bounds_in_base"]

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_KANJI_DIGIT = "〇一二三四五六七八九"
# A numeral run starts with a digit, a kanji digit, 十百千 or 数, then may mix in 万億兆.
# 数 before a digit is a word's end (入場者数768万人), not "several": it may not
# start a run that continues with an Arabic digit.
_RUN = rf"(?:{_ARABIC}|[{_KANJI_DIGIT}十百千]|数(?![0-9]))(?:{_ARABIC}|[{_KANJI_DIGIT}十百千万億兆数])*"
_DASH = r"[〜~～\-–—‐−]"
_RANGE_SEP = re.compile(rf"(?<!\s)\s*(?:{_DASH}|から|to|and)\s*")
_INFIX = re.compile("余|超|強|弱")


@dataclass(frozen=True)
class _Unit:
    canonical: str
    base: str
    factor: float


@dataclass(frozen=True)
class _Vocab:
    units: dict[str, _Unit]
    ja: dict[str, str]  # alias -> canonical
    en: dict[str, str]  # lower-cased alias -> canonical
    prefix: dict[str, str]  # currency symbol -> canonical
    blockers: dict[str, frozenset[str]]
    preceders: dict[str, frozenset[str]]  # ja alias -> characters that may not stand before the number
    en_blockers: dict[str, re.Pattern[str]]  # canonical unit -> the words after it that unmake it
    kanji_blocked: frozenset[str]  # ja aliases a kanji-only numeral may not take
    scales: dict[str, float]
    currency_scales: dict[str, float]  # "£421m": only after a currency amount
    currency_scale_rx: re.Pattern[str]
    words: dict[str, int]
    vague: dict[str, tuple[float, float]]
    prefix_order: list[str]  # currency symbols, longest first (US$ before $)
    pre_markers: dict[str, str]  # lower-cased hedge -> bound
    post_markers: dict[str, str]
    pre_rx: re.Pattern[str]  # a hedge ending right before a number
    post_rx: re.Pattern[str]  # a hedge starting right after a quantity
    ja_rx: re.Pattern[str]
    en_rx: re.Pattern[str]
    rates: dict[str, tuple[str, float]]  # 秒速 -> (m/s, 1): a rate word before a length
    core_rx: re.Pattern[str]
    second_rx: re.Pattern[str]  # the right side of a range: no look-behind
    word_rx: re.Pattern[str]
    word_scale_rx: re.Pattern[str]
    vague_rx: re.Pattern[str]
    # Characters that may follow a number when a unit, a range or a hedge
    # does (besides whitespace): any other means the number stands alone.
    follow: frozenset[str]


def _alt(options: Any) -> str:
    """A regex alternation, longest first so 米ドル wins over ドル and km over m."""
    return "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True))


def _blocker_rx(words: list[str]) -> re.Pattern[str]:
    """Words after an English unit that unmake it: "ago" after a space, "-end" glued on."""
    glued = [w for w in words if w.startswith("-")]
    spaced = [w for w in words if not w.startswith("-")]
    options = [rf"\s+(?:{_alt(spaced)})"] if spaced else []
    options += [_alt(glued)] if glued else []
    return re.compile(rf"(?:{'|'.join(options)})(?![A-Za-z])", re.IGNORECASE)


@cache
def _vocab() -> _Vocab:
    data = vocab.load("units")
    units, ja, en, prefix = {}, {}, {}, {}
    for name, spec in data["units"].items():
        name = str(name)
        units[name] = _Unit(name, str(spec["base"]), float(spec["factor"]))
        for alias in spec.get("ja", []):
            ja[str(alias)] = name
        for alias in spec.get("en", []):
            en[str(alias).lower()] = name
        for alias in spec.get("prefix", []):
            prefix[str(alias)] = name
    scales = {str(k): float(v) for k, v in data["en_scales"].items()}
    words = {str(k): int(v) for k, v in data["en_words"].items()}
    vague = {str(k): (float(v[0]), float(v[1])) for k, v in data["en_vague"].items()}
    pre = {str(k).lower(): str(b) for k, b in data["markers"]["prefix"].items()}
    post = {str(k).lower(): str(b) for k, b in data["markers"]["suffix"].items()}
    # Up to two whole words may stand between a number and a count noun
    # ("1,500 North Korean soldiers", "36 Airbus A350 aircraft"), but not before a currency, where the
    # word changes the unit ("Canadian dollars").
    adjectives = {a for a, u in en.items() if u not in set(map(str, data["no_adjectives"]))}
    # "a 1,730-kilogram satellite", "a 12-km tunnel": a unit joined by a hyphen, as an adjective.
    en_rx = re.compile(
        rf"\s*(?P<unit>{_alt(en)})(?![A-Za-z])"
        rf"|-(?P<hy_unit>{_alt(en)})(?![A-Za-z])"
        rf"|(?:\s+(?!(?:{_alt(map(str, data['en_not_adjectives']))})\b)[A-Za-z][A-Za-z0-9'-]*(?![A-Za-z0-9'-])){{1,2}}\s+(?P<adj_unit>{_alt(adjectives)})(?![A-Za-z])",
        re.IGNORECASE,
    )
    core = rf"(?P<num>{_RUN})(?:\s*(?P<scale>{_alt(scales)})(?![A-Za-z]))?(?![0-9])"
    return _Vocab(
        units=units,
        ja=ja,
        en=en,
        prefix=prefix,
        blockers={str(k): frozenset(map(str, v)) for k, v in data["ja_unit_blockers"].items()},
        preceders={str(k): frozenset(map(str, v)) for k, v in data["ja_unit_preceders"].items()},
        en_blockers={str(k): _blocker_rx(list(map(str, v))) for k, v in data["en_unit_blockers"].items()},
        kanji_blocked=frozenset(map(str, data["ja_kanji_blocked"])),
        scales=scales,
        currency_scales=(cscales := {str(k): float(v) for k, v in data["currency_scales"].items()}),
        currency_scale_rx=re.compile(rf"(?P<cscale>{_alt(cscales)})(?![A-Za-z])", re.IGNORECASE),
        words=words,
        vague=vague,
        prefix_order=sorted(prefix, key=len, reverse=True),
        pre_markers=pre,
        post_markers=post,
        # An English hedge must start a word ("about", not "whereabout").
        pre_rx=re.compile(rf"(?<![A-Za-z])(?P<marker>{_alt(pre)})\s*$", re.IGNORECASE),
        post_rx=re.compile(rf"\s*(?P<marker>{_alt(post)})(?![A-Za-z])", re.IGNORECASE),
        ja_rx=re.compile(rf" ?(?P<unit>{_alt(ja)})"),
        en_rx=en_rx,
        rates={str(k): (str(r["unit"]), float(r["per_base"])) for k, r in data["rates"].items()},
        # A minus sign counts only where it cannot be a hyphen: -5%, not F-16 or 21-14.
        core_rx=re.compile(rf"(?:(?<![A-Za-z0-9.,/\-−])(?P<sign>[-−])(?=\d)|(?<![A-Za-z0-9.,\-−/])){core}"),
        second_rx=re.compile(core),
        word_rx=re.compile(rf"\b(?P<word>{_alt(words)})\b", re.IGNORECASE),
        word_scale_rx=re.compile(rf"\s+({_alt([*scales, 'hundred'])})\b", re.IGNORECASE),
        vague_rx=re.compile(rf"\b(?P<vague>{_alt(vague)})", re.IGNORECASE),
        follow=frozenset(
            {a[0] for a in ja if a}
            | {c for a in en if a for c in (a[0].lower(), a[0].upper())}
            | {c for k in post for c in (k[0].lower(), k[0].upper()) if k}
            | set("〜~～-–—‐−かtTaA余超強弱")
        ),
    )


# --- numbers -----------------------------------------------------------------

@dataclass(frozen=True)
class _Number:
    low: float
    high: float
    trail: int | None  # the multiplier it ends with (万 in 12万, million), for 10〜12万
    plain: bool  # no multiplier at all: 10 in 10〜12万 borrows the right side's

    @property
    def exact(self) -> bool:
        return self.low == self.high


def _parse_number(run: str, v: _Vocab) -> _Number | None:
    """Read a numeral run: 1,500 / 3188万 / 1億2000万 / 三千 / 数千 / 十数."""
    tokens = numeral_tokens(run)
    if tokens is None or tokens[0] in KANJI_LARGE:
        return None
    multipliers = KANJI_SMALL | KANJI_LARGE
    trail = multipliers.get(tokens[-1])
    plain = not any(t in multipliers for t in tokens)
    if "数" not in tokens:
        value = read_numeral(tokens)
        return None if value is None else _Number(value, value, trail, plain)
    # 数 is "several": 2-9, but 十数 is 11-19.  The top is one below the next
    # power (数千 < 10,000), read by putting 10 in 数's place and subtracting 1.
    before = tokens[tokens.index("数") - 1] if tokens.index("数") else ""
    some_low = 1 if before in ("十", "10", "一〇") else 2
    low, high = read_numeral(tokens, some=some_low), read_numeral(tokens, some=10)
    if low is None or high is None:
        return None
    return _Number(low, high - 1, trail, plain)


# --- units and hedges ----------------------------------------------------------


@dataclass(frozen=True)
class _UnitHit:
    unit: str
    end: int
    alias: str


def _unit_at(folded: str, pos: int, v: _Vocab) -> _UnitHit | None:
    """The unit written at ``pos`` (Japanese counters glued on, English words after spaces)."""
    m = v.ja_rx.match(folded, pos)
    if m:
        alias = m["unit"]
        after = folded[m.end() : m.end() + 1]
        glued_ascii = alias.isascii() and alias[-1].isalpha() and after.isascii() and after.isalpha()
        if not glued_ascii and after not in v.blockers.get(alias, frozenset()):
            return _UnitHit(v.ja[alias], m.end(), alias)
    m = v.en_rx.match(folded, pos)
    if m:
        alias = m["unit"] or m["adj_unit"] or m["hy_unit"]
        unit = v.en[alias.lower()]
        blocker = v.en_blockers.get(unit)
        if blocker is not None and blocker.match(folded, m.end()):
            return None  # "3 years ago": a point in time
        return _UnitHit(unit, m.end(), alias)
    return None


def _marker_before(folded: str, start: int, v: _Vocab) -> tuple[str, int] | None:
    """A hedge just before ``start``: (bound, where it starts)."""
    m = v.pre_rx.search(folded, max(0, start - 24), start)
    if m is None:
        return None
    return v.pre_markers[m["marker"].lower()], m.start("marker")


def _marker_after(folded: str, end: int, v: _Vocab) -> tuple[str, int] | None:
    """A hedge just after ``end``: (bound, where it ends)."""
    m = v.post_rx.match(folded, end)
    if m is None:
        return None
    return v.post_markers[m["marker"].lower()], m.end()


# --- the scan ------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    low: float
    high: float
    unit: str | None
    hedge: str | None = None  # approx, min or max, from the markers
    ranged: bool = False  # low < high: a range or a vague count
    vague: bool = False  # 数千, thousands of: the range is itself a hedge


def _read_core(m: re.Match[str], v: _Vocab) -> _Number | None:
    number = _parse_number(m["num"], v)
    if number is None:
        return None
    if m["scale"]:
        s = v.scales[m["scale"]]
        number = _Number(number.low * s, number.high * s, int(s), False)
    if m.groupdict().get("sign"):
        number = _Number(-number.high, -number.low, number.trail, number.plain)
    return number


_KANJI_POWER = re.compile(r"[十百千万億兆]")
_KANJI_LARGE_POWER = re.compile(r"[万億兆]")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")


def _standalone(m: re.Match[str]) -> bool:
    """Big enough to be a count with no unit: 4,200 / 12億 / 3.2 million / 数百."""
    run = m["num"]
    vague = "数" in run and bool(_KANJI_POWER.search(run))
    grouped = bool(_GROUPED.fullmatch(run))
    return vague or grouped or bool(m["scale"]) or bool(_KANJI_LARGE_POWER.search(run))


# A count of things named by an English plural noun, perhaps after a few modifiers: "345 patients",
# "12 member states", "416 Middle Jomon pit dwellings" (not "3 is", "5 across", "the 1990s").
# "two months after", "three decades later": a span of time, no count of things.
_SPAN_NOUN = re.compile(r"\s(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries|generations|times)\b",
                        re.IGNORECASE)
_COUNTED_NOUN = re.compile(r"\s(?:[a-z][a-z-]*[a-rt-z]\s|[A-Z][a-z-]+\s){0,3}[a-z][a-z-]*[a-z](?<![sui])s\b")
# A label before the number makes it a name, not a count: "No. 4 seeds", "the Phase 3 trials".
_LABEL_CASED = re.compile(r"[\w,;:]\s+[A-Z][\w-]*\s*$")


# Plurals without an s (64 bronze cannon, 23 aircraft), a count joined to its noun by a hyphen
# (a 69-performance run, a 12-member jury; not 27-year-old, a span), and the part of a count
# ("32 of the 312 people").
_PLURAL_NO_S = re.compile(r"\s(?:[a-z][a-z-]*\s){0,2}(?:people|men|women|children|cannon|aircraft|sheep|fish|deer|"
                          r"cattle|personnel|police|livestock|mice|geese|species|series|offspring)\b")
_HYPHEN_COUNT = re.compile(r"-(?!(?:year|month|week|day|hour|minute|second|time|decade|century)\b)[a-z]{3,}\b(?!-)")
_PART_OF_COUNT = re.compile(r"\s+of\s+(?:the|its|their|some|about|around)\s+\d")


def _counted(folded: str, start: int, end: int) -> bool:
    """A number before a plural noun that no label before it turns into a name."""
    if not (_COUNTED_NOUN.match(folded, end) or _PLURAL_NO_S.match(folded, end) or _HYPHEN_COUNT.match(folded, end)
            or _PART_OF_COUNT.match(folded, end)):
        return False
    before = folded[max(0, start - 24):start]
    return not (re.search(r"(?:\bno\.|#|\bnumber)\s*$", before, re.IGNORECASE) or _LABEL_CASED.search(before))


def _scan_numbers(folded: str, v: _Vocab, counts: bool = False) -> list[_Found]:
    found: list[_Found] = []
    pos = 0
    while (m := v.core_rx.search(folded, pos)) is not None:
        hit = _read_number_at(folded, m, v, counts)
        if hit is not None:
            found.append(hit)
        pos = max(m.end(), hit.end if hit else 0)
    return found


def _currency_before(folded: str, start: int, v: _Vocab) -> tuple[str, int] | None:
    """A currency symbol before the number ($7,710, US$ 5), at most one space
    between them: (unit, where it starts)."""
    # One look-back for all symbols (this runs for every number in the text).
    window = folded[max(0, start - len(v.prefix_order[0]) - 1) : start] if v.prefix_order else ""
    before = window.rstrip()
    if len(window) - len(before) > 1 or not before:
        return None
    for symbol in v.prefix_order:
        if before.endswith(symbol):
            begin = start - (len(window) - len(before)) - len(symbol)
            if begin > 0 and folded[begin - 1].isascii() and folded[begin - 1].isalpha():
                return None  # HK$, A$, NT$: another dollar
            return v.prefix[symbol], begin
    return None


@dataclass(frozen=True)
class _Range:
    low: float
    high: float
    unit: str | None
    start: int
    end: int


# After "AからB", a target particle and a verb of change or reaching: B is what A became.
_CHANGE_TO_JA = re.compile(r"(?:に|へ)(?:と)?(?:向上|増加|増え|増や|減少|減っ|減ら|拡大|縮小|上昇|低下|下落|引き上げ|引き下げ|変更|伸び|膨ら|膨れ|達し|達す|増強|削減|改善|悪化|上が|下が)")


def _range_after(folded: str, start: int, end: int, first: _Number, unit: str | None, v: _Vocab) -> _Range | None:
    """The right side of a range: 10〜12万人, 10万から12万人, 5,000 to 6,000 troops, between A and B."""
    r = _RANGE_SEP.match(folded, end)
    m2 = v.second_rx.match(folded, r.end()) if r else None
    second = _read_core(m2, v) if m2 else None
    if r is None or m2 is None or second is None:
        return None
    u2 = _unit_at(folded, m2.end(), v)
    if u2 is None and unit is None and not _standalone(m2):
        return None
    if u2 is not None and unit not in (None, u2.unit):
        return None
    # The words just before the first number, without copying all the text before it.
    lead_end = start
    while lead_end > 0 and folded[lead_end - 1].isspace():
        lead_end -= 1
    connector, lead = r.group().strip(), folded[max(0, lead_end - 7) : lead_end].lower()
    if connector == "and" and not lead.endswith("between"):
        return None
    if connector == "to" and (lead.endswith("from") or re.search(
            r"\b(?:from|by)\b(?:\s+[a-z]+){0,2}$", folded[max(0, lead_end - 25):lead_end].lower())):
        return None  # "rose from 45,000 to 54,000", "rose by a record 51 yen to 1,055 yen": a change, two quantities
    tail = u2.end if u2 else m2.end()
    if connector == "から" and _CHANGE_TO_JA.match(folded, tail):
        return None  # 84,000kWから92,000kWに向上: a change, two quantities (10万から12万人 stays a range)
    low = first.low * second.trail if first.plain and second.trail else first.low  # 10〜12万: 10 is 10万
    if low >= second.high:
        return None
    new_start = lead_end - len("between") if connector == "and" else start
    return _Range(low, second.high, u2.unit if u2 else unit, new_start, u2.end if u2 else m2.end())


def _read_number_at(folded: str, m: re.Match[str], v: _Vocab, counts: bool = False) -> _Found | None:
    """The quantity a number starts, with its unit, range and hedges; None if it is not one."""
    start, end = m.start(), m.end()
    before = start  # back over the spaces, not a copy of all the text before (quadratic)
    while before > 0 and folded[before - 1].isspace():
        before -= 1
    if folded[before - 1 : before] == "第":
        return None  # 第12回, 第一陣, 第 2 回: ordinals
    after = folded[end : end + 1]
    if after == "]" and folded[max(0, start - 1) : start] == "[":
        return None  # citation marker
    if (not after or (after not in v.follow and not after.isspace())) and not _standalone(m) and _currency_before(folded, start, v) is None:
        return None  # no unit, range or hedge can follow, and too small to count alone: "[1[1[1…" is quick
    number = _read_core(m, v)
    if number is None:
        return None
    unit: str | None = None
    hedge: str | None = None
    currency = _currency_before(folded, start, v)
    if currency:
        unit, start = currency
        scaled = None if m["scale"] else v.currency_scale_rx.match(folded, end)
        if scaled is not None:
            s = v.currency_scales[scaled["cscale"].lower()]
            number = _Number(number.low * s, number.high * s, int(s), False)
            end = scaled.end()
    else:
        # 1万余人, 1万超の: a hedge may stand between the number and its counter.
        infix = _INFIX.match(folded, end)
        u = _unit_at(folded, infix.end() if infix else end, v)
        if u is not None and u.alias in v.kanji_blocked and not re.search(r"\d", m["num"]):
            return None  # 二国間, 三国: words, not counts
        if u is not None and folded[max(0, start - 1) : start] in v.preceders.get(u.alias, frozenset()):
            return None  # 10時30分, 38度15分: a clock time, an angle
        if u is not None:
            unit, end = u.unit, u.end
            hedge = v.post_markers.get(infix.group()) if infix else None
    low, high = number.low, number.high
    rng = _range_after(folded, start, end, number, unit, v)
    if rng is not None:
        low, high, unit, start, end = rng.low, rng.high, rng.unit, rng.start, rng.end
    elif unit is None and not _standalone(m) and not (counts and _counted(folded, start, end)):
        return None
    if pre := _marker_before(folded, start, v):
        hedge, start = pre
    if post := _marker_after(folded, end, v):
        hedge, end = post
    return _Found(start, end, low, high, unit, hedge, ranged=low != high, vague=not number.exact)


_TENS = frozenset({20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0})
_ONES_AFTER_TENS = re.compile(r"[- ](one|two|three|four|five|six|seven|eight|nine)\b", re.IGNORECASE)
_FRACTIONS = {"half": 0.5, "a half": 0.5, "one half": 0.5, "a quarter": 0.25, "one quarter": 0.25,
              "three quarters": 0.75, "a third": 1 / 3, "two thirds": 2 / 3}
_FRACTION_OF_POINT = re.compile(
    r"\b(?P<frac>(?:a |one )?half|(?:a|one|three) quarters?|a third|two thirds)"
    r"(?:\s+of)?(?:\s+an?)?\s+(?:percentage[- ])?points?\b", re.IGNORECASE)


def _scan_words(folded: str, v: _Vocab, counts: bool = False) -> list[_Found]:
    """English number words and vague counts, only before a known unit (``counts``: or before a
    plural noun, as digits are)."""
    found: list[_Found] = []
    consumed = 0
    for m in v.word_rx.finditer(folded):
        if m.start() < consumed:
            continue  # the "one" of "twenty-one", already read
        n = float(v.words[m["word"].lower()])
        end = m.end()
        ones = _ONES_AFTER_TENS.match(folded, end) if n in _TENS else None
        if ones:
            # "twenty-one", "forty five": a tens word and the units word after it are one number.
            n += float(v.words[ones[1].lower()])
            end = consumed = ones.end()
        # "two million people", "three hundred workers": a scale word after the number word.
        scaled = v.word_scale_rx.match(folded, end)
        if scaled:
            n *= v.scales.get(scaled[1].lower(), 100.0)  # "hundred" is a scale only after a word
            end = scaled.end()
        u = _unit_at(folded, end, v)
        if u is not None and folded[end : end + 1].isspace():
            found.append(_Found(m.start(), u.end, n, n, u.unit))
        elif counts and n >= 2 and _counted(folded, m.start(), end) and not _SPAN_NOUN.match(folded, end):
            found.append(_Found(m.start(), end, n, n, None))  # "nine satellites": a count, like "9 satellites"
    for m in _FRACTION_OF_POINT.finditer(folded):
        # "half a percentage point", "a quarter point": rate moves written as fractions.
        n = _FRACTIONS[re.sub(r"\s+", " ", m["frac"].lower())]
        found.append(_Found(m.start(), m.end(), n, n, "pt"))
    for m in v.vague_rx.finditer(folded):
        u = _unit_at(folded, m.end(), v)
        low, high = v.vague[m["vague"].lower()]
        if u is not None:
            found.append(_Found(m.start(), u.end, low, high, u.unit, ranged=True, vague=True))
    return found


# How far past its number a near bound reaches: "just over 3,000" is 3,000 to 3,300.
_NEAR_BOUNDS = {"near_min": 1.1, "near_max": 0.9}


def _to_quantity(f: _Found, text: str) -> Quantity:
    value: float | None
    low: float | None
    high: float | None
    if f.ranged:
        value, low, high = None, f.low, f.high
    else:
        value = f.low
        low = value if f.hedge == "min" else None
        high = value if f.hedge == "max" else None
        if value is not None and f.hedge in _NEAR_BOUNDS:
            # "just over 3,000", 3割強: a bound the value passes by little, not an open side.
            far = value * _NEAR_BOUNDS[f.hedge]
            low, high = min(value, far), max(value, far)
    return Quantity(
        text=text[f.start : f.end].strip(),
        value=value,
        unit=f.unit,
        low=low,
        high=high,
        approximate=f.hedge is not None or f.vague,
    )


# 三・八メートル, 一二・五%: kanji digits with a middle dot for the decimal point, as vertical
# Japanese text writes them; read as 3.8 only before a unit word in katakana, %, 倍 or 度, so a
# list (一・二審, 一・二年生) stays a list.  Digit for digit, so every offset is kept.
_KANJI_DECIMAL = re.compile(r"(?<![〇一二三四五六七八九十百千])([〇一二三四五六七八九]+)・([〇一二三四五六七八九]+)(?=[ァ-ヺー%％倍度])")
_KANJI_TO_DIGIT = str.maketrans("〇一二三四五六七八九", "0123456789")


def _kanji_decimals(text: str) -> str:
    if "・" not in text:
        return text
    return _KANJI_DECIMAL.sub(lambda m: f"{m[1].translate(_KANJI_TO_DIGIT)}.{m[2].translate(_KANJI_TO_DIGIT)}", text)


def find_quantities(text: str, *, counts: bool = False) -> list[Quantity]:
    """The quantities in ``text``, in order.  ``counts``: also a small number before an English
    plural noun ("345 patients"), a count of what the noun names, though no unit table holds it.

    >>> find_quantities("約5.4kmのトンネル")
    [Quantity(text='約5.4km', value=5.4, unit='km', low=None, high=None, approximate=True)]
    """
    v = _vocab()
    folded = _kanji_decimals(fold_width(text))
    dates = date_spans(text)  # sorted, not overlapping: so their ends are sorted too
    date_starts = [s for s, _ in dates]
    candidates = sorted(_scan_numbers(folded, v, counts) + _scan_words(folded, v, counts), key=lambda f: (f.start, -f.end))
    out: list[Quantity] = []
    spans: list[tuple[int, int]] = []
    last_end = -1
    for f in candidates:
        # The last date starting before f ends has the latest end of those: it
        # alone decides whether a date overlaps f (no scan of every date per number).
        j = bisect.bisect_left(date_starts, f.end) - 1
        if f.start < last_end or (j >= 0 and dates[j][1] > f.start):
            continue
        if not (math.isfinite(f.low) and math.isfinite(f.high)):
            continue  # digits beyond any float (a run of hundreds of 9s): no value to record, and .inf would not load back
        q = _to_quantity(f, text)
        if q.text:
            out.append(_as_rate(q, folded, f.start, v))
            spans.append((f.start, f.end))
            last_end = f.end
    return _compounds(out, spans, folded, text, v)


def _as_rate(q: Quantity, folded: str, start: int, v: _Vocab) -> Quantity:
    """A length after a rate word is a speed: 秒速50メートル is 50 m/s, 時速180キロ 180 km/h."""
    unit = v.units.get(q.unit or "")
    if unit is None or unit.base != "m":
        return q
    before = folded[max(0, start - 4):start].rstrip("約およそ ")
    rate = next((r for r in v.rates if before.endswith(r)), None)
    if rate is None:
        return q
    speed, per_base = v.rates[rate]
    scale = unit.factor / per_base

    def conv(x: float | None) -> float | None:
        return None if x is None else x * scale

    return replace(q, unit=speed, value=conv(q.value), low=conv(q.low), high=conv(q.high))


def _compounds(out: list[Quantity], spans: list[tuple[int, int]], folded: str, text: str, v: _Vocab
               ) -> list[Quantity]:
    """A measure written in two units, the larger first (1メートル82センチ, 2時間21分, 6 feet 2
    inches), is one figure in the larger unit: 1.82 m, not 1 m and 0.82 m."""
    merged: list[Quantity] = []
    last: tuple[int, int] | None = None
    for q, (start, end) in zip(out, spans, strict=True):
        if merged and last is not None and not folded[last[1]:start].strip():
            joined = _join(merged[-1], q, v)
            if joined is not None:
                merged[-1] = replace(joined, text=text[last[0]:end].strip())
                last = (last[0], end)
                continue
        merged.append(q)
        last = (start, end)
    return merged


def _join(big: Quantity, small: Quantity, v: _Vocab) -> Quantity | None:
    ub, us = v.units.get(big.unit or ""), v.units.get(small.unit or "")
    if ub is None or us is None or ub.base != us.base or us.factor >= ub.factor:
        return None
    if big.value is None or small.value is None or big.low is not None or big.high is not None:
        return None  # a range or a bound on the larger part: not one measure written in two units
    if small.value * us.factor >= ub.factor:
        return None  # 1メートル120センチ is no way to write a length
    value = big.value + small.value * us.factor / ub.factor
    return replace(big, value=value, low=value if small.low is not None else None,
                   high=value if small.high is not None else None,
                   approximate=big.approximate or small.approximate)


# --- comparison helpers ----------------------------------------------------------


def to_base(q: Quantity) -> tuple[float | None, str | None]:
    """The value in the unit's base unit: 5.4 km -> (5400.0, "m"); unknown units unchanged."""
    unit = _vocab().units.get(q.unit or "")
    if unit is None:
        return q.value, q.unit
    return (None if q.value is None else q.value * unit.factor), unit.base


def bounds_in_base(q: Quantity) -> tuple[float | None, float | None, str | None]:
    """(low, high) in the base unit; a plain value is its own bounds, an open side is None."""
    unit = _vocab().units.get(q.unit or "")
    factor, base = (unit.factor, unit.base) if unit else (1.0, q.unit)
    low = q.low if q.low is not None else (q.value if q.high is None or q.value is not None else None)
    high = q.high if q.high is not None else (q.value if q.low is None or q.value is not None else None)
    if q.low is not None and q.high is None and q.value is not None:
        high = None  # 以上 / more than: open above
    if q.high is not None and q.low is None and q.value is not None:
        low = None  # 未満 / up to: open below
    return (
        None if low is None else low * factor,
        None if high is None else high * factor,
        base,
    )
