"""Find dates in a claim's text and normalize them to ISO 8601 (partial allowed).

Forms read (full-width digits are folded first, so ２０２４年 works too):

- Japanese: ``2022年7月13日``, ``2022年7月``, ``2022年`` (also ``2024年現在``,
  ``2020年度``, ``2023年末``), ``1894〜1895年`` (two mentions),
  ``7月13日〜15日`` (two), era years ``令和4年`` = 2022, ``令和元年`` = 2019,
  kanji ``二〇二四年`` / ``十月二十三日``, and ``10月23日`` / ``11月`` /
  ``同年`` / ``翌年`` / ``前年`` whose year comes from the context.
- Numeric: ``2024-10-19``, ``2024/10/19``, ``2024.10.19`` (year first only).
- English: ``October 19, 2024``, ``19 October 2024``, ``October 2024``,
  ``October 19`` / ``19 October`` (year from context), and bare years
  ``in 2019``, ``from 1968 to 2004``, ``1894–95``.

Decisions:

- A month/day with no year in the text or in the context is *omitted*: a
  partial value like ``--10-23`` would compare badly against full dates.
- Decades and centuries (``the 1990s``, ``2020年代``, ``19世紀``) are skipped:
  they are periods, not dates, and a 3-digit "199" would confuse consumers
  expecting a year.
- Durations are not dates: ``3年間``, ``100年以上``, ``2000年後`` are skipped, and
  a bare Japanese year needs four digits (``663年`` needs a month to count).
- Birth years are years: ``1925年生まれ``, ``1925年生``, ``born in 1925``, and
  lifespans ``(1925年 - 2001年)`` give two; school years (``3年生``) have too
  few digits to be years, and ``1000年生きた`` is a duration.
- A bare English 4-digit number counts as a year only in 1000-2099, and not when
  a unit or counter follows (``1500 troops``, ``2000人``) or it is part of a
  bigger number (``12,000``, ``2019.5``) or a citation marker (``[2019]``).

Context: a dated mention sets the context year (and month, or clears the
month for a bare year); the caller carries the returned context across the
sentences of a paragraph and resets it where it sees fit.  Only the
sentence's own event date sets it: a date that opens the sentence, a full
year-month-day, or one not named in passing.  In passing means followed by
の / 以来 / 以前 / 以降 / から / まで / より / 's, or preceded by since / until /
before / after / of / the: in ``2022年の全面侵攻以来、11月4日`` the 11月4日
keeps the year of the paragraph (2024), not 2022.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterator

from factcheck import vocab
from factcheck.model import DateMention
from factcheck.text import MONTHS, fold_width, iso_date, read_numeral

# fold_width and kanji_int are kept importable from here for older callers
# (factcheck.contradict); their home is factcheck.text.
__all__ = ["ERA_NAMES", "DateContext", "find_dates", "date_spans", "fold_width", "kanji_int"]


@dataclass(frozen=True)
class DateContext:
    """The year and month that a later bare ``10月23日`` or ``同年`` refers to."""

    year: int | None = None
    month: int | None = None


def kanji_int(s: str) -> int | None:
    """Read a small number in digits or kanji: 23, 二〇二四, 二十三, 元 (= 1)."""
    value = read_numeral(s)
    return None if value is None else int(value)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The ISO 8601 (partial) value, or None for an impossible date (or a year beyond 2999)."""
    return iso_date(year, month, day) if 1 <= year <= 2999 else None


# The first year of each era, 大化 (645) to 令和 (2019): 令和1年 = 2019, 寛永3年 = 1626.
_ERAS: dict[str, int] = vocab.load("eras")["eras"]
ERA_NAMES = frozenset(_ERAS)  # 平成, 令和, ...: the era names the date reader knows

_MON = "(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_KM = "[一二三四五六七八九十]{1,2}"
_KD = "[一二三四五六七八九十]{1,3}"
_JM = rf"(?P<m>\d{{1,2}}|{_KM})月(?!間)"
_JD = rf"(?P<d>\d{{1,2}}|{_KD})日(?!間)"
_DASH = r"[〜~～\-–—‐−]"
# After 年, these make a duration or a period, not a date.  年生 stays: after
# four digits it is a birth year (1925年生まれ, 1925年生); 年生き is a duration
# (1000年生きた), and school years (3年生) never have four digits.
_NOT_A_YEAR = r"(?!代|間|後(?!半)|前(?!半)|以上|以内|以下|未満|ぶり|振り|目|ほど|程度|近く|余|超|分|来|半|強|弱|足らず|生[きけく])"

# Each pattern's named groups: y/m/d (numbers), y1/y2 (a year range), d2 (a day
# range end), era, mon (English month), rel (同年/翌年/前年).
_PATTERNS: list[tuple[str, str]] = [
    (
        "ja_era",
        # Longest names first (天平勝宝 before 天平); not inside a longer word (異文化3年).
        rf"(?<![\u3400-\u9fff々])(?P<era>{'|'.join(sorted(_ERAS, key=len, reverse=True))})\s*(?P<y>元|\d{{1,2}}|[一二三四五六七八九十]{{1,3}})年"
        rf"(?:\s*{_JM}(?:\s*{_JD})?)?",
    ),
    ("ja_year_range", rf"(?<![\d.,])(?P<y1>\d{{4}}年?)\s*{_DASH}\s*(?P<y2>\d{{4}})年{_NOT_A_YEAR}"),
    (
        "ja_ymd_range",
        rf"(?<![\d.,])(?P<first>(?P<y>\d{{3,4}})年\s*{_JM}\s*{_JD})\s*(?:{_DASH}|から)\s*(?P<second>(?P<d2>\d{{1,2}})日)(?!間)",
    ),
    (
        "ja_ymd",
        rf"(?<![\d.,])(?P<y>\d{{3,4}}|[〇一二三四五六七八九]{{4}})年\s*{_JM}(?:\s*{_JD})?",
    ),
    ("ja_y", rf"(?<![\d.,])(?<!紀元前)(?P<y>\d{{4}}|[〇一二三四五六七八九]{{4}})年{_NOT_A_YEAR}"),
    ("ja_rel", rf"(?P<rel>同年|翌年|前年)(?:\s*{_JM}(?:\s*{_JD})?)?"),
    ("en_rel", r"(?i)\b(?P<rel>the following year|the next year|(?:a|one) year later|the previous year|"
               r"the year before|(?:a|one) year earlier|the same year|that same year|later that year)\b"),
    (
        "ja_md_range",
        rf"(?<![\d.,年かヶカケヵ数])(?P<first>{_JM}\s*{_JD})\s*(?:{_DASH}|から)\s*(?P<second>(?P<d2>\d{{1,2}})日)(?!間)",
    ),
    ("ja_md", rf"(?<![\d.,年かヶカケヵ数]){_JM}(?:\s*{_JD})?"),
    ("iso", r"(?<![\d./-])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d]|[-/.]\d)"),
    (
        "en_mdy_range",
        rf"\b(?P<first>{_MON}\s+(?P<d>\d{{1,2}}))(?:st|nd|rd|th)?\s*[–—-]\s*"
        rf"(?P<second>(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?)\b",
    ),
    (
        "en_dmy_range",
        rf"\b(?P<first>(?P<d>\d{{1,2}}))(?:st|nd|rd|th)?\s*[–—-]\s*"
        rf"(?P<second>(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+(?P<y>\d{{4}})\b)?)",
    ),
    ("en_mdy", rf"\b{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?"),
    ("en_dmy", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+(?P<y>\d{{4}})\b)?"),
    ("en_my", rf"\b{_MON},?\s+(?:of\s+)?(?P<y>\d{{4}})\b"),
    (
        "en_year_range",
        r"(?<![\w$£€¥.,\[#-])(?P<y1>1\d{3}|20\d{2})\s*[–—-]\s*(?P<y2>\d{2}|1\d{3}|20\d{2})(?![\w%\]]|[.,]\d)",
    ),
    (
        "en_old_year",
        # A year before 1000 is a year only where nothing else can be read: "founded in 806.",
        # "AD 725", "around 752 CE"; "in 725 cases", "since 100 days", "around 420,000" are counts.
        r"(?:(?<=\bin )|(?<=\bsince )|(?<=\buntil )|(?<=\baround )|(?<=\bcirca )|(?<=\bAD ))(?P<y>[1-9]\d{2})"
        r"(?=(?:\s*(?:AD|CE)\b)?\s*(?:[.;,)](?!\d)|\s+by\b|$))",
    ),
    (
        "en_year",
        # mid-2022 and early-2023 are years; COVID-2019 and F-1500 are not.
        r"(?:(?<=mid-)|(?<=early-)|(?<=late-)|(?<![\w$£€¥.,\[#/-]))(?P<y>1\d{3}|20\d{2})"
        r"(?!\w|\.\d|,\d{3}|\]|\s*(?:%|/|年|-\d|BCE?\b|B\.C\.))",
    ),
]

_YEAR_CUE = re.compile(r"(?i)\b(?:in|since|by|until|till|from|during|after|before|of|as of|circa)\s+$")
# "the 2019 year-end": a year, though "year" is also a duration unit.
_YEAR_COMPOUND = re.compile(r"(?i)(?<!\s)\s*year-(?:end|on-year|to-date|round)\b")

_COMPILED = [(name, re.compile(rx)) for name, rx in _PATTERNS]
# A year told from the one before it in the text: 翌年, "the following year".
_RELATIVE_YEARS = {"同年": 0, "翌年": 1, "前年": -1, "the following year": 1, "the next year": 1, "a year later": 1,
                   "one year later": 1, "the previous year": -1, "the year before": -1, "a year earlier": -1,
                   "one year earlier": -1, "the same year": 0, "that same year": 0, "later that year": 0}


@cache
def _unit_after() -> re.Pattern[str]:
    """A unit or counter right after a number: then the number is a quantity, not a year."""
    units = vocab.load("units")["units"]
    aliases = {str(a) for u in units.values() for lang in ("ja", "en") for a in u.get(lang, [])}
    # Latin aliases (m, km, people) must end a word: "2019 game" is a year.
    ja = {a for a in aliases if not a.isascii()}
    en = aliases - ja
    ja_rx = "|".join(re.escape(a) for a in sorted(ja, key=len, reverse=True))
    en_rx = "|".join(re.escape(a) for a in sorted(en, key=len, reverse=True))
    scales = "|".join(vocab.load("units")["en_scales"])
    # \s*+ (possessive): no unit starts with a space, so giving spaces back to
    # retry hundreds of alternatives is wasted work (quadratic on a long run).
    return re.compile(rf"(?<!\s)(?:\s?(?:{ja_rx}|[万億千百十])|\s*+(?:{en_rx}|{scales})(?![A-Za-z]))", re.IGNORECASE)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: str
    match: re.Match[str]


@lru_cache(maxsize=2)
def _candidates(folded: str) -> tuple[_Hit, ...]:
    """Every pattern's matches, then the leftmost-longest that do not overlap.

    Kept for the last texts: quantities ask for the date spans of the text the
    dates were just read from (a second pass over every pattern)."""
    hits: list[_Hit] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(folded):
            # Only years need the unit test; its large alternation is costly on every hit.
            if kind in ("en_year", "en_year_range") and (
                _unit_after().match(folded, m.end()) and not _YEAR_COMPOUND.match(folded, m.end())
            ):
                # "1500 troops" is a count, but "in 2000 people ..." still reads as a year.
                if not _YEAR_CUE.search(folded, max(0, m.start() - 12), m.start()):
                    continue
            hits.append(_Hit(m.start(), m.end(), kind, m))
    order = {kind: i for i, (kind, _) in enumerate(_PATTERNS)}
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), order[h.kind]))
    chosen: list[_Hit] = []
    end = -1
    for h in hits:
        if h.start >= end:
            chosen.append(h)
            end = h.end
    return tuple(chosen)


def date_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of everything date-like in ``text``, context or not (quantities skip these)."""
    return [(h.start, h.end) for h in _candidates(fold_width(text))]


def _num(m: re.Match[str], group: str) -> int | None:
    s = m.groupdict().get(group)
    return None if s is None else kanji_int(s)


# Each reader turns a hit into (text, year, month, day) parts, given the context.
_Part = tuple[str, int, int | None, int | None]


def _read(hit: _Hit, text: str, ctx: DateContext) -> Iterator[_Part]:
    m, kind = hit.match, hit.kind
    whole = text[hit.start : hit.end]
    month = MONTHS[m["mon"]] if m.groupdict().get("mon") else _num(m, "m")
    day = _num(m, "d")
    if kind in ("ja_year_range", "en_year_range"):
        y1, y2s = int(m["y1"].rstrip("年")), m["y2"]
        # 1894–95: the second year borrows the first's century.
        y2 = int(str(y1)[:2] + y2s) if len(y2s) == 2 else int(y2s)
        if y2 <= y1:
            # Not a year range (a score, a page range): fall back to the first number alone.
            if kind == "en_year_range":
                yield text[m.start("y1") : m.end("y1")], y1, None, None
            return
        yield text[m.start("y1") : m.end("y1")], y1, None, None
        yield text[m.start("y2") : hit.end], y2, None, None
        return
    if kind == "ja_era":
        n = kanji_int(m["y"])
        if n is None or n < 1:
            return
        year: int | None = _ERAS[m["era"]] + n - 1
    elif kind in ("ja_rel", "en_rel"):
        if ctx.year is None:
            return
        year = ctx.year + _RELATIVE_YEARS[re.sub(r"\s+", " ", m["rel"].lower())]
    elif m.groupdict().get("y"):
        year = kanji_int(m["y"])
    else:
        year = ctx.year
    if year is None:
        return
    if kind == "ja_md" and day is None and not m["m"].isascii():
        return  # a kanji month alone is a name more often than a date: 十月革命, 五月雨
    if m.groupdict().get("d2"):
        yield text[m.start("first") : m.end("first")], year, month, day
        yield text[m.start("second") : m.end("second")], year, month, int(m["d2"])
        return
    yield whole, year, month, day


# A date named in passing, not the sentence's own event date: 2022年の侵攻以来,
# 2020年から, since 2022, the 2022 invasion.  It is still a mention, but it does
# not become the year of a later bare 11月4日.
_PASSING_AFTER = re.compile(r"(?<!\s)\s*(?:の|以来|以前|以降|から|まで|より|'s\b|’s\b)")
_PASSING_BEFORE = re.compile(r"(?i)\b(?:since|until|till|before|after|of|the)\s+$")


def _sets_context(hit: _Hit, folded: str) -> bool:
    """Whether a mention is the sentence's own event date, so that later bare dates take its year.

    It is when it names a full day with its year (2024年10月23日の会見で), or
    when it is neither followed by の / 以来 / から / まで ... nor preceded by
    since / of / the, even at the start of the sentence (2022年の侵攻以来、).
    """
    groups = hit.match.groupdict()
    if groups.get("d") and (groups.get("y") or groups.get("era") or groups.get("rel")):
        return True
    if _PASSING_AFTER.match(folded, hit.end):
        return False
    return not _PASSING_BEFORE.search(folded, max(0, hit.start - 12), hit.start)


def find_dates(text: str, context: DateContext | None = None) -> tuple[list[DateMention], DateContext]:
    """The dates in ``text`` in order, and the context to carry to the next sentence.

    Only a sentence's own event date moves the context: in
    ``2022年の侵攻以来、11月4日に`` the 2022 is named in passing, and 11月4日
    keeps the context's year.

    >>> find_dates("10月23日、会談した。", DateContext(2024, 10))[0]
    [DateMention(text='10月23日', value='2024-10-23')]
    """
    ctx = context or DateContext()
    folded = fold_width(text)
    mentions: list[DateMention] = []
    for hit in _candidates(folded):
        parts = list(_read(hit, text, ctx))
        for part_text, year, month, day in parts:
            value = _iso(year, month, day)
            if value is None:
                continue
            mentions.append(DateMention(text=part_text, value=value))
            if _sets_context(hit, folded):
                ctx = DateContext(year, month)
    return mentions, ctx

