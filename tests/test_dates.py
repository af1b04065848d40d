from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.dates import DateContext, date_spans, find_dates, fold_width

CTX = DateContext(2024, 10)


def values(text: str, context: DateContext | None = None) -> list[tuple[str, str]]:
    mentions, _ = find_dates(text, context)
    return [(m.text, m.value) for m in mentions]


@pytest.mark.parametrize(
    "text, expect",
    [
        # Japanese
        ("2022年7月13日、ウクライナは発表した。", [("2022年7月13日", "2022-07-13")]),
        ("2022年7月に停止された。", [("2022年7月", "2022-07")]),
        ("1998年、北朝鮮は大使館を閉鎖した。", [("1998年", "1998")]),
        ("日清戦争(1894〜1895年)後", [("1894", "1894"), ("1895年", "1895")]),
        ("2020年から2022年にかけて", [("2020年", "2020"), ("2022年", "2022")]),
        ("2024年現在、勧告が出ている。", [("2024年", "2024")]),
        ("2020年度の売上高", [("2020年", "2020")]),
        ("2023年末時点で", [("2023年", "2023")]),
        ("2023年後半より再開", [("2023年", "2023")]),
        ("7月13日〜15日に開催", [("7月13日", "2024-07-13"), ("15日", "2024-07-15")]),
        ("２０２４年１０月２３日", [("２０２４年１０月２３日", "2024-10-23")]),
        ("二〇二四年十月二十三日", [("二〇二四年十月二十三日", "2024-10-23")]),
        ("令和4年", [("令和4年", "2022")]),
        ("平成30年", [("平成30年", "2018")]),
        ("昭和20年8月15日", [("昭和20年8月15日", "1945-08-15")]),
        ("令和元年5月1日", [("令和元年5月1日", "2019-05-01")]),
        ("平成三十年", [("平成三十年", "2018")]),
        # numeric
        ("2024-10-19", [("2024-10-19", "2024-10-19")]),
        ("2024/10/19に", [("2024/10/19", "2024-10-19")]),
        ("2025/03/14に打ち上げ", [("2025/03/14", "2025-03-14")]),
        # English
        ("on October 19, 2024 it", [("October 19, 2024", "2024-10-19")]),
        ("on 19 October 2024 it", [("19 October 2024", "2024-10-19")]),
        ("Signed on March 21, 1856, the", [("March 21, 1856", "1856-03-21")]),
        ("in October 2024", [("October 2024", "2024-10")]),
        ("in Sept. 2019", [("Sept. 2019", "2019-09")]),
        ("in 2019 it", [("2019", "2019")]),
        ("as of 2024", [("2024", "2024")]),
        ("In 2019, 94% of", [("2019", "2019")]),
        ("from 1968 to 2004", [("1968", "1968"), ("2004", "2004")]),
        ("the 1894–95 war", [("1894", "1894"), ("95", "1895")]),
        ("The 2022 tests", [("2022", "2022")]),
        # birth years and lifespans
        ("川辺透は1925年生まれの作家", [("1925年", "1925")]),
        ("1925年生の作家", [("1925年", "1925")]),
        ("一九二五年生まれ", [("一九二五年", "1925")]),
        ("born in 1925", [("1925", "1925")]),
        ("川辺透(1925年 - 2001年)は", [("1925年", "1925"), ("2001年", "2001")]),
        ("(1925 - 2001)", [("1925", "1925"), ("2001", "2001")]),
        ("The abbey was founded in 806 by the monk Saicho.", [("806", "0806")]),
        ("A council met in Nicaea in 325.", [("325", "0325")]),
        ("It was rebuilt around 752 CE.", [("752", "0752")]),
    ],
)
def test_dates(text: str, expect: list[tuple[str, str]]) -> None:
    assert values(text, CTX if "日〜" in text else None) == expect


@pytest.mark.parametrize(
    "text",
    [
        "[1][12][2019]",
        "1,500人の北朝鮮兵士",
        "17.3kmしかない",
        "19万人",
        "北緯38度線",
        "3年間",
        "100年以上前",
        "2000年以上",
        "2020年代に入り",
        "the 1990s",
        "19世紀後半",
        "1500 troops",
        "45,000 spectators",
        "2019.5",
        "3か月",
        "21-14で破り",
        "May be later",
        "2024年13月",
        "2023年2月30日",
        "10月23日",  # no year from anywhere: omitted
        "同年",
        "小学3年生",
        "3年生",
        "1000年生きた",
        "2年生まれ",  # two digits: not a year on its own
        "in 725 cases",  # a year before 1000 only where no count can be read
        "averaged around 420,000 tonnes",
        "was 3.5 in 725.5 units",
    ],
)
def test_not_dates(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize(
    "text, context, expect",
    [
        ("10月23日、オースティンは確認した。", CTX, [("10月23日", "2024-10-23")]),
        ("11月4日、当局は主張した。", CTX, [("11月4日", "2024-11-04")]),
        ("11月、報道された。", CTX, [("11月", "2024-11")]),
        ("十月二十八日", CTX, [("十月二十八日", "2024-10-28")]),
        ("同年10月", DateContext(2022), [("同年10月", "2022-10")]),
        ("翌年", DateContext(2022), [("翌年", "2023")]),
        ("It won the prize the following year.", DateContext(2011), [("the following year", "2012")]),
        ("A year earlier, it had closed.", DateContext(2011), [("A year earlier", "2010")]),
        ("It reopened later that year.", DateContext(2011), [("later that year", "2011")]),
        ("On October 23, he said", CTX, [("October 23", "2024-10-23")]),
        ("On 23 October he said", CTX, [("23 October", "2024-10-23")]),
    ],
)
def test_context_fills_year(text: str, context: DateContext, expect: list[tuple[str, str]]) -> None:
    assert values(text, context) == expect


def test_context_carries_across_sentences() -> None:
    first, ctx = find_dates("2024年10月、北朝鮮兵士が訓練を受けているという報道が出てきた。")
    assert [m.value for m in first] == ["2024-10"]
    assert ctx == DateContext(2024, 10)
    second, ctx = find_dates("10月23日、米国防長官は確認した。", ctx)
    assert [m.value for m in second] == ["2024-10-23"]
    third, ctx = find_dates("兵士たちが撮影された。", ctx)
    assert third == [] and ctx == DateContext(2024, 10)


def test_a_year_named_in_passing_keeps_the_context() -> None:
    text = "2022年のロシアによるウクライナへの全面侵攻以来、11月4日に交戦があった。"
    mentions, ctx = find_dates(text, CTX)
    assert [(m.text, m.value) for m in mentions] == [("2022年", "2022"), ("11月4日", "2024-11-04")]
    assert ctx == DateContext(2024, 11)


@pytest.mark.parametrize(
    "text, expect",
    [
        ("2022年の侵攻以来、", CTX),
        ("2020年から", CTX),
        ("2019年まで", CTX),
        ("2019年以前", CTX),
        ("since 2022", CTX),
        ("the 2022 invasion", CTX),
        ("2023年10月5日の会見で", DateContext(2023, 10)),  # a full date is the event's own
        ("2023年、", DateContext(2023, None)),
        ("2023年に", DateContext(2023, None)),
        ("In 2019, the", DateContext(2019, None)),
        ("2020年から2022年にかけて", DateContext(2022, None)),
    ],
)
def test_only_the_sentences_own_date_moves_the_context(text: str, expect: DateContext) -> None:
    assert find_dates(text, CTX)[1] == expect


@pytest.mark.parametrize(
    "text, expect",
    [
        ("2022年7月13日", DateContext(2022, 7)),
        ("2017年", DateContext(2017, None)),  # a bare year clears the month
        ("1894〜1895年", DateContext(1895, None)),
        ("no dates", DateContext(2024, 10)),
    ],
)
def test_context_updates(text: str, expect: DateContext) -> None:
    assert find_dates(text, CTX)[1] == expect


def test_equal_dates_written_differently_are_equal() -> None:
    forms = ["2024年10月23日", "October 23, 2024", "23 October 2024", "2024-10-23", "2024/10/23"]
    assert {values(f)[0][1] for f in forms} == {"2024-10-23"}


def test_date_spans_cover_contextless_dates() -> None:
    text = "10月23日に1,500人"
    assert [text[s:e] for s, e in date_spans(text)] == ["10月23日"]


def test_fold_width_keeps_length() -> None:
    text = "２０２４年　１０月％"
    assert fold_width(text) == "2024年 10月%" and len(fold_width(text)) == len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789０１２年月日〜-/ ,.[]令和元平成同翌OctoberMay 数万人"), max_size=40) | st.text(max_size=40))
def test_never_crashes_and_texts_are_in_input(text: str) -> None:
    mentions, ctx = find_dates(text, DateContext(2024, 10))
    assert isinstance(ctx, DateContext)
    for m in mentions:
        assert m.text and m.text in text
        assert len(m.value) in (4, 7, 10)


@pytest.mark.parametrize(
    "text, expect",
    [
        ("February 24–25, 2022", [("February 24", "2022-02-24"), ("25, 2022", "2022-02-25")]),
        ("24–25 February 2022", [("24", "2022-02-24"), ("25 February 2022", "2022-02-25")]),
        ("2022年2月24日〜3月1日", [("2022年2月24日", "2022-02-24"), ("3月1日", "2022-03-01")]),
        ("2022年7月13日から15日", [("2022年7月13日", "2022-07-13"), ("15日", "2022-07-15")]),
        ("by mid-2022", [("2022", "2022")]),
        ("In 2000 people fled", [("2000", "2000")]),  # a preposition makes it a year
        ("the 2019 game", [("2019", "2019")]),
        ("in 1894-95, the war", [("1894", "1894"), ("95", "1895")]),  # "g" (grams) must end a word
    ],
)
def test_more_dates(text: str, expect: list[tuple[str, str]]) -> None:
    assert values(text) == expect


@pytest.mark.parametrize("text", ["COVID-2019", "2000 BC", "紀元前1000年", "十月革命", "五月雨"])
def test_more_not_dates(text: str) -> None:
    assert values(text, CTX) == []
