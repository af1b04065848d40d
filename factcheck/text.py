"""Text primitives shared by extraction, search, filters and checks: one
implementation of each.

- :func:`fold`: the key two texts are compared by (NFKC, case folded,
  whitespace collapsed);
- :func:`fold_width`: full-width ASCII made half-width, one character for one
  (offsets stay valid in the original);
- :func:`read_numeral`: numbers written in digits, kanji or both
  (``1,500``, ``二〇二四``, ``二十三``, ``3万4千``, ``1億2000万``, ``数千``);
- :class:`PartialDate`: an ISO 8601 calendar date of year, month or day
  precision (``2024``, ``2024-10``, ``2024-10-23``): parsed, validated,
  and compared as the range of days it stands for;
- :data:`MONTHS` and :data:`STOPWORDS`: vocabularies, read from
  ``vocab/text.yaml``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from factcheck import vocab

TYPE_CHECKING = False

# --- folding -------------------------------------------------------------------


def fold(text: str) -> str:
    """``text`` as compared: NFKC (full-width digits and letters become
    ASCII), case folded, runs of whitespace (and byte-order marks, which
    copied text carries) one space, no edges."""
    return " ".join(unicodedata.normalize("NFKC", text).replace("\ufeff", " ").casefold().split())


# Full-width ASCII (０-９, ％, ＄ ...) and the ideographic space, one character
# for one, so match offsets stay valid in the original.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """``text`` with full-width ASCII made half-width; same length as ``text``."""
    return text.translate(_WIDTH)


# --- vocabularies --------------------------------------------------------------


@cache
def _text_vocab() -> dict[str, object]:
    data = vocab.load("text")
    assert isinstance(data, dict)
    return data


def _months() -> dict[str, int]:
    names = _text_vocab()["months"]
    assert isinstance(names, list)
    return {str(name): i for i, forms in enumerate(names, start=1) for name in forms}


# MONTHS and STOPWORDS are read from the vocabulary when first used (PEP 562
# module __getattr__): reading it loads PyYAML and importlib.resources, two
# thirds of importing this module, which a search or `show` that never
# reads a month name need not pay (issue 9: first answers within 2x
# ``factcheck --version``).
if TYPE_CHECKING:
    #: English month names and abbreviations as written (``October``, ``Oct``, ``Sept``) -> 1-12.
    MONTHS: dict[str, int]
    #: English words never highlighted or matched on their own (``the``, ``of``).
    STOPWORDS: frozenset[str]


def __getattr__(name: str) -> object:
    if name == "MONTHS":
        value: object = _months()
    elif name == "STOPWORDS":
        value = frozenset(map(str, _text_vocab()["stopwords"]))  # type: ignore[call-overload]
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def month_number(name: str) -> int | None:
    """The month an English name or abbreviation stands for, in any case: ``oct`` -> 10."""
    return _months_folded().get(name.casefold().rstrip("."))


@cache
def _months_folded() -> dict[str, int]:
    return {name.casefold(): n for name, n in _months().items()}

# --- numerals ------------------------------------------------------------------

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
KANJI_SMALL = {"十": 10, "百": 100, "千": 1000}
KANJI_LARGE = {"万": 10_000, "億": 100_000_000, "兆": 1_000_000_000_000}
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_TOKEN = re.compile(rf"{_ARABIC}|[{''.join(KANJI_DIGITS)}]+|[十百千万億兆数]")


def numeral_tokens(run: str) -> list[str] | None:
    """The tokens of a numeral run (numbers, kanji digit runs, multipliers,
    数), or None when ``run`` is not made of them alone."""
    tokens = _TOKEN.findall(run)
    return tokens if tokens and "".join(tokens) == run else None


def read_numeral(run: str | list[str], *, some: int | None = None) -> float | None:
    """The value of a numeral in digits, kanji or both, or None.

    ``23``, ``1,500``, ``3.5``; kanji digit by digit as years are written
    (``二〇二四`` = 2024); with multipliers (``二十三`` = 23, ``3万4千`` =
    ``3万4000`` = 34000, ``1億2000万``); ``元`` (the first year of an era) = 1.
    ``数`` ("several") reads as the digit ``some``, and the numeral is not
    read without it; two numbers in a row (``1,500 2``) are not one numeral.
    """
    if run == "元":
        return 1.0
    tokens = run if isinstance(run, list) else numeral_tokens(run)
    if not tokens or tokens[0] in KANJI_LARGE:
        return None
    total = section = 0.0
    current: float | None = None
    for tok in tokens:
        if tok in KANJI_SMALL:
            section += (1 if current is None else current) * KANJI_SMALL[tok]
            current = None
        elif tok in KANJI_LARGE:
            section += current or 0
            total += (section or 1) * KANJI_LARGE[tok]
            section, current = 0.0, None
        elif tok == "数":
            if some is None:
                return None
            if current is not None and current % 10 == 0:
                current += some  # 10数人 is written like 十数人
            elif current is None:
                current = float(some)
            else:
                return None
        elif current is not None:
            return None
        elif tok[0] in KANJI_DIGITS:
            current = float("".join(str(KANJI_DIGITS[c]) for c in tok))
        else:
            current = float(tok.replace(",", ""))
    return total + section + (current or 0)


# --- partial dates -------------------------------------------------------------

#: The JSON Schema pattern of a partial date (editors flag a bad one as it is typed).
ISO_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_ISO = re.compile(ISO_DATE_PATTERN.lstrip("^").rstrip("$"))


class DateError(ValueError):
    """Why a text is not a partial ISO 8601 date; ``str()`` is the reason,
    worded to follow the value: ``'2024-13' has no month 13``."""


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.year < 1:
            raise DateError("has no year 0")  # the proleptic Gregorian calendar starts at 1
        if self.month is None and self.day is not None:
            raise DateError("has a day but no month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"has no month {self.month}")
        if self.day is not None and not 1 <= self.day <= calendar.monthrange(self.year, self.month or 1)[1]:
            raise DateError("is not a real date")

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or DateError."""
        if not _ISO.fullmatch(value):
            raise DateError("is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")
        year, *rest = (int(part) for part in value.split("-"))
        return cls(year, *rest)

    @classmethod
    def of(cls, year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
        """The date of these parts, or None when there is no such date."""
        try:
            return cls(year, month, day)
        except DateError:
            return None

    def parts(self) -> tuple[int, ...]:
        """(year[, month[, day]]): as many parts as the precision."""
        return tuple(p for p in (self.year, self.month, self.day) if p is not None)

    def first(self) -> str:
        """The first day it stands for, as ``YYYY-MM-DD``."""
        return f"{self.year:04d}-{self.month or 1:02d}-{self.day or 1:02d}"

    def last(self) -> str:
        """The last day it stands for, as ``YYYY-MM-DD``."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return f"{self.year:04d}-{month:02d}-{day:02d}"

    def overlaps(self, other: PartialDate) -> bool:
        """Whether the two may be the same day (compared at the coarser precision)."""
        return self.first() <= other.last() and other.first() <= self.last()

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day is not None else "")


def iso_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The ISO 8601 (partial) value of these parts, or None for an impossible date."""
    found = PartialDate.of(year, month, day)
    return None if found is None else str(found)
