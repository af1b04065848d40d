"""The text primitives: one fold, width folding, one numeral reader, one partial date."""

from __future__ import annotations

import pytest

from factcheck.text import MONTHS, STOPWORDS, DateError, PartialDate, fold, fold_width, month_number, read_numeral


def test_fold() -> None:
    assert fold("  Ｎｏｔｏ\u3000Peninsula\ufeff ") == "noto peninsula"


def test_fold_width_keeps_offsets() -> None:
    text = "２０２４年１０月　ＯＫ"
    assert fold_width(text) == "2024年10月 OK" and len(fold_width(text)) == len(text)


@pytest.mark.parametrize(
    "run, some, value",
    [
        ("23", None, 23), ("1,500", None, 1500), ("3.5", None, 3.5), ("二〇二四", None, 2024), ("二十三", None, 23),
        ("十", None, 10), ("三千", None, 3000), ("3万4000", None, 34000), ("3万4千", None, 34000),
        ("1億2000万", None, 120_000_000), ("元", None, 1), ("数千", 2, 2000), ("十数", 1, 11), ("10数", 1, 11),
        ("数千", None, None), ("万", None, None), ("1,500 2", None, None), ("abc", None, None),
    ],
)
def test_read_numeral(run: str, some: int | None, value: float | None) -> None:
    assert read_numeral(run, some=some) == value


@pytest.mark.parametrize(
    "text, first, last",
    [("2024", "2024-01-01", "2024-12-31"), ("2024-02", "2024-02-01", "2024-02-29"), ("2023-02-28", "2023-02-28", "2023-02-28")],
)
def test_partial_date_is_a_range_of_days(text: str, first: str, last: str) -> None:
    date = PartialDate.parse(text)
    assert (date.first(), date.last(), str(date)) == (first, last, text)


@pytest.mark.parametrize(
    "text, why",
    [("yesterday", "is not an ISO 8601 date"), ("2024-13", "has no month 13"), ("2023-02-29", "is not a real date"),
     ("24-10-2024", "is not an ISO 8601 date"), ("2024\n", "is not an ISO 8601 date")],
)
def test_partial_date_refuses(text: str, why: str) -> None:
    with pytest.raises(DateError, match=why):
        PartialDate.parse(text)


def test_partial_dates_compare_at_their_precision() -> None:
    assert PartialDate.parse("2024").overlaps(PartialDate.parse("2024-10-23"))
    assert not PartialDate.parse("2024-09").overlaps(PartialDate.parse("2024-10-23"))
    assert PartialDate.of(2024, 2, 30) is None and PartialDate.parse("2024-10").parts() == (2024, 10)


def test_vocabularies_are_data() -> None:
    assert MONTHS["Sept"] == 9 and month_number("oct.") == 10 and month_number("Octopus") is None
    assert {"the", "on"} <= STOPWORDS  # YAML 1.1 would read a bare on as true
