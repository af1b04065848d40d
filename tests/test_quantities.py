from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.quantities import bounds_in_base, find_quantities, to_base
from factcheck.model import Quantity

Row = tuple[str, float | None, str | None, float | None, float | None, bool]


def found(text: str) -> list[Row]:
    return [(q.text, q.value, q.unit, q.low, q.high, q.approximate) for q in find_quantities(text)]


@pytest.mark.parametrize(
    "text, expect",
    [
        # Japanese numbers and counters
        ("1,500人の北朝鮮兵士", [("1,500人", 1500, "人", None, None, False)]),
        ("1万人", [("1万人", 10000, "人", None, None, False)]),
        ("19万人", [("19万人", 190000, "人", None, None, False)]),
        ("約3188万人だった", [("約3188万人", 31880000, "人", None, None, True)]),
        ("約5.4kmのトンネル", [("約5.4km", 5.4, "km", None, None, True)]),
        ("わずか17.3kmしかない", [("17.3km", 17.3, "km", None, None, False)]),
        ("17kmほどの国境", [("17kmほど", 17, "km", None, None, True)]),
        ("5,382メートル", [("5,382メートル", 5382, "m", None, None, False)]),
        ("7,710米ドルを輸出", [("7,710米ドル", 7710, "USD", None, None, False)]),
        ("300円", [("300円", 300, "JPY", None, None, False)]),
        ("162カ国に上る", [("162カ国", 162, "countries", None, None, False)]),
        ("52か国", [("52か国", 52, "countries", None, None, False)]),
        ("42カ所", [("42カ所", 42, "places", None, None, False)]),
        ("48.6%", [("48.6%", 48.6, "%", None, None, False)]),
        ("３８．５％", [("３８．５％", 38.5, "%", None, None, False)]),
        ("１５００人", [("１５００人", 1500, "人", None, None, False)]),
        ("三千人", [("三千人", 3000, "人", None, None, False)]),
        ("二十三人", [("二十三人", 23, "人", None, None, False)]),
        ("12億米ドル", [("12億米ドル", 1.2e9, "USD", None, None, False)]),
        ("1億2000万米ドル", [("1億2000万米ドル", 1.2e8, "USD", None, None, False)]),
        ("31万2千人", [("31万2千人", 312000, "人", None, None, False)]),
        ("2億5千万立方メートル", [("2億5千万立方メートル", 2.5e8, "m3", None, None, False)]),
        ("118万6千冊", [("118万6千冊", 1186000, "冊", None, None, False)]),
        ("約1億2400万人", [("約1億2400万人", 1.24e8, "人", None, None, True)]),
        ("6,000人の部隊2個部隊", [("6,000人", 6000, "人", None, None, False), ("2個部隊", 2, "部隊", None, None, False)]),
        # hedges and bounds
        ("1万人を超える", [("1万人を超える", 10000, "人", 10000, None, True)]),
        ("1万人以上", [("1万人以上", 10000, "人", 10000, None, True)]),
        ("100人未満", [("100人未満", 100, "人", None, 100, True)]),
        ("500人余り", [("500人余り", 500, "人", None, None, True)]),
        ("およそ200人", [("およそ200人", 200, "人", None, None, True)]),
        # vague counts
        ("数千人の兵士", [("数千人", None, "人", 2000, 9999, True)]),
        ("数百の村", [("数百", None, None, 200, 999, True)]),
        ("数万人", [("数万人", None, "人", 20000, 99999, True)]),
        ("十数人", [("十数人", None, "人", 11, 19, True)]),
        ("10数人", [("10数人", None, "人", 11, 19, True)]),
        ("数十人", [("数十人", None, "人", 20, 99, True)]),
        ("数カ国", [("数カ国", None, "countries", 2, 9, True)]),
        # ranges
        ("10〜12万人", [("10〜12万人", None, "人", 100000, 120000, False)]),
        ("10万から12万人", [("10万から12万人", None, "人", 100000, 120000, False)]),
        ("5,000〜6,000人", [("5,000〜6,000人", None, "人", 5000, 6000, False)]),
        # English
        ("1,500 troops", [("1,500 troops", 1500, "人", None, None, False)]),
        ("12,000 soldiers", [("12,000 soldiers", 12000, "人", None, None, False)]),
        ("1,500 North Korean soldiers", [("1,500 North Korean soldiers", 1500, "人", None, None, False)]),
        ("roughly 3.2 million foreign visitors", [("roughly 3.2 million foreign visitors", 3.2e6, "人", None, None, True)]),
        ("roughly 10,000", [("roughly 10,000", 10000, None, None, None, True)]),
        ("about 5 percent", [("about 5 percent", 5, "%", None, None, True)]),
        ("held at 4.25 percent", [("4.25 percent", 4.25, "%", None, None, False)]),
        ("$7,710", [("$7,710", 7710, "USD", None, None, False)]),
        ("US$5 million", [("US$5 million", 5e6, "USD", None, None, False)]),
        ("$1.2 billion", [("$1.2 billion", 1.2e9, "USD", None, None, False)]),
        ("roughly 1.2 kilometres", [("roughly 1.2 kilometres", 1.2, "km", None, None, True)]),
        ("250 million cubic metres", [("250 million cubic metres", 2.5e8, "m3", None, None, False)]),
        ("two divisions", [("two divisions", 2, "師団", None, None, False)]),
        ("more than 1,000 people", [("more than 1,000 people", 1000, "人", 1000, None, True)]),
        ("up to 300 people", [("up to 300 people", 300, "人", None, 300, True)]),
        ("between 5,000 and 6,000", [("between 5,000 and 6,000", None, None, 5000, 6000, False)]),
        ("5,000-6,000 troops", [("5,000-6,000 troops", None, "人", 5000, 6000, False)]),
        ("thousands of troops", [("thousands of troops", None, "人", 2000, 9999, True)]),
        ("rose to 54,000.", [("54,000", 54000, None, None, None, False)]),
        ("124.35 million in 2023", [("124.35 million", 1.2435e8, None, None, None, False)]),
        ("北緯38度", [("38度", 38, "degree", None, None, False)]),
    ],
)
def test_quantities(text: str, expect: list[Row]) -> None:
    assert found(text) == expect


@pytest.mark.parametrize(
    "text",
    [
        "2024年",
        "10月23日",
        "1950年6月25日に始まった",
        "in 2019 and 2020",
        "[12][1]",
        "北緯38度線",
        "第12回大会",
        "第一陣として",
        "二国間関係",
        "中露朝三国",
        "千葉県",
        "一部の",
        "21-14で破り",
        "レベル4の勧告",
        "あおぞら4号",
        "3度目",
        "G7",
        "COVID-19",
        "the 1990s",
        "4.25",
    ],
)
def test_not_quantities(text: str) -> None:
    assert found(text) == []


def test_rose_from_to_is_two_quantities() -> None:
    assert [q.value for q in find_quantities("rose from 45,000 to 54,000")] == [45000, 54000]


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("3188万人", "3.2 million people", False),
        ("1万2千人", "12,000人", True),
        ("2億5千万立方メートル", "250 million cubic metres", True),
        ("12億米ドル", "1億2000万米ドル", False),
        ("$7,710", "7,710米ドル", True),
        ("4.25%", "4.25 percent", True),
    ],
)
def test_normalization_makes_equal_things_equal(a: str, b: str, same: bool) -> None:
    qa, qb = find_quantities(a)[0], find_quantities(b)[0]
    assert (to_base(qa) == to_base(qb)) is same


@pytest.mark.parametrize(
    "text, expect",
    [
        ("5,382 m", (5382.0, "m")),
        ("約5.4km", (5400.0, "m")),
        ("1,180 metres", (1180.0, "m")),
        ("2 t", (None, None)),  # "t" alone is not a unit alias: nothing found
        ("3 トン", (3000.0, "kg")),
        ("数千人", (None, "人")),
    ],
)
def test_to_base(text: str, expect: tuple[float | None, str | None]) -> None:
    qs = find_quantities(text)
    assert (to_base(qs[0]) if qs else (None, None)) == expect


@pytest.mark.parametrize(
    "q, expect",
    [
        (Quantity("5.4km", 5.4, "km"), (5400.0, 5400.0, "m")),
        (Quantity("数千人", None, "人", 2000, 9999, True), (2000, 9999, "人")),
        (Quantity("1万人以上", 10000, "人", 10000, None, True), (10000, None, "人")),
        (Quantity("up to 300", 300, "人", None, 300, True), (None, 300, "人")),
        (Quantity("5 furlongs", 5, "furlong"), (5, 5, "furlong")),
    ],
)
def test_bounds_in_base(q: Quantity, expect: tuple[float | None, float | None, str | None]) -> None:
    assert bounds_in_base(q) == expect


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("0123456789０１,.年月日〜-万億千百十数約超以上人km%$ [] about million of troops"), max_size=40)
    | st.text(max_size=40)
)
def test_never_crashes_and_texts_are_in_input(text: str) -> None:
    for q in find_quantities(text):
        assert q.text and q.text in text
        assert q.value is not None or (q.low is not None and q.high is not None)


@pytest.mark.parametrize(
    "text, expect",
    [
        ("-5%", [("-5%", -5, "%", None, None, False)]),
        ("成長率は−2.1%", [("−2.1%", -2.1, "%", None, None, False)]),
        ("-5〜5℃", [("-5〜5℃", None, "°C", -5, 5, False)]),
        ("5-10%", [("5-10%", None, "%", 5, 10, False)]),
        ("約3〜4千人", [("約3〜4千人", None, "人", 3000, 4000, True)]),
        ("5 to 6 million people", [("5 to 6 million people", None, "人", 5e6, 6e6, False)]),
        ("The company earned $3.5bn", [("$3.5bn", 3.5e9, "USD", None, None, False)]),
        ("3割", [("3割", 3, "割", None, None, False)]),
        ("100 km/h", [("100 km/h", 100, "km/h", None, None, False)]),
        ("1万余人", [("1万余人", 10000, "人", None, None, True)]),
        ("1500 troops", [("1500 troops", 1500, "人", None, None, False)]),
        ("some 300 people", [("some 300 people", 300, "人", None, None, True)]),
        # A tens word and the units word after it are one number, not the units word alone.
        ("Twenty-one people died.", [("Twenty-one people", 21, "人", None, None, False)]),
        ("Forty-five thousand people attended.", [("Forty-five thousand people", 45000, "人", None, None, False)]),
        # Rate moves written as fractions of a point.
        ("cut by half a percentage point", [("half a percentage point", 0.5, "pt", None, None, False)]),
        ("by a quarter of a percentage point", [("a quarter of a percentage point", 0.25, "pt", None, None, False)]),
        ("lowered rates by a quarter point", [("a quarter point", 0.25, "pt", None, None, False)]),
        ("At one point, twenty people waited.", [("twenty people", 20, "人", None, None, False)]),
    ],
)
def test_more_quantities(text: str, expect: list[Row]) -> None:
    assert found(text) == expect


@pytest.mark.parametrize("text", ["F-16", "5 Canadian dollars", "HK$5", "5 program", "一度も", "二度と", "whereabout"])
def test_more_not_quantities(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expect",
    [
        ("病床数は450床である", [("450床", 450, "床")]),
        ("200 hospital beds", [("200 hospital beds", 200, "床")]),
        ("12種の鳥", [("12種", 12, "種")]),
        ("5種類", [("5種類", 5, "種")]),
        ("数種類", [("数種類", None, "種")]),
        ("30 species", [("30 species", 30, "種")]),
        ("16チームが参加", [("16チーム", 16, "チーム")]),
        ("16 teams", [("16 teams", 16, "チーム")]),
        ("3校が閉校", [("3校", 3, "校")]),
        ("2社が合併", [("2社", 2, "社")]),
        ("事故は3件", [("3件", 3, "件")]),
        ("5回目ではなく5回", [("5回", 5, "回")]),
        ("車両5台", [("5台", 5, "台")]),
        ("3隻の船", [("3隻", 3, "隻")]),
        ("戦闘機10機", [("10機", 10, "機")]),
        ("10両編成", [("10両", 10, "両")]),
        ("20棟が全壊", [("20棟", 20, "棟")]),
        ("50戸が浸水", [("50戸", 50, "世帯")]),
        ("1,200 households", [("1,200 households", 1200, "世帯")]),
        ("3軒の店", [("3軒", 3, "軒")]),
        ("120票を得た", [("120票", 120, "票")]),
        ("150議席を獲得", [("150議席", 150, "議席")]),
        ("won 150 seats", [("150 seats", 150, "議席")]),
    ],
)
def test_counters(text: str, expect: list[tuple[str, float | None, str]]) -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities(text)] == expect


@pytest.mark.parametrize(
    "text",
    [
        "一件落着",
        "三回忌",
        "第2回大会",
        "第 2 回",
        "2回目",
        "2回生",
        "一種の",
        "一両日中に",
        "一戸建て",
        "一軒家",
        "十分な",
        "3分の1",
        "10時30分",
        "北緯38度15分",
        "八戸市",
        "三社祭",
        "三軒茶屋",
        "十種競技",
    ],
)
def test_counters_not_in_words_or_ordinals(text: str) -> None:
    assert [q.unit for q in find_quantities(text) if q.unit not in ("degree",)] == []


@pytest.mark.parametrize(
    "text, expect",
    [
        ("The strike lasted 12 days.", [("12 days", 12, "day", 12 * 86400)]),
        ("two weeks", [("two weeks", 2, "week", 14 * 86400)]),
        ("in 2 weeks troops arrived", [("2 weeks", 2, "week", 14 * 86400)]),  # not 2 troops
        ("for 3 months", [("3 months", 3, "month", 3 * 2629746)]),
        ("10年間続いた", [("10年間", 10, "year", 10 * 31556952)]),
        ("5日間", [("5日間", 5, "day", 5 * 86400)]),
        ("3か月", [("3か月", 3, "month", 3 * 2629746)]),
        ("3ヶ月間", [("3ヶ月間", 3, "month", 3 * 2629746)]),
        ("48時間", [("48時間", 48, "h", 2 * 86400)]),
        ("90 minutes", [("90 minutes", 90, "min", 5400)]),
        ("90分", [("90分", 90, "min", 5400)]),
        ("12 consecutive days", [("12 consecutive days", 12, "day", 12 * 86400)]),
        ("two decades", [("two decades", 2, "decade", 20 * 31556952)]),
        ("85歳", [("85歳", 85, "歳", 85)]),  # an age, not a duration
        ("5 years old", [("5 years old", 5, "歳", 5)]),
    ],
)
def test_durations(text: str, expect: list[tuple[str, float, str, float]]) -> None:
    assert [(q.text, q.value, q.unit, to_base(q)[0]) for q in find_quantities(text)] == expect


@pytest.mark.parametrize(
    "text",
    [
        "2024年",
        "10月23日",
        "2024年10月",
        "3年生",
        "小学3年生",
        "3か月後",
        "2時間後",
        "5日目",
        "3 years ago",
        "two weeks later",
        "One day, he left",
        "the 2019 year-end",
        "1000年生きた",
    ],
)
def test_not_durations(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    "a, b",
    [("48時間", "2 days"), ("two weeks", "14日間"), ("10年間", "10 years"), ("3か月", "3 months"), ("90分", "1.5 hours")],
)
def test_durations_share_one_base(a: str, b: str) -> None:
    assert to_base(find_quantities(a)[0]) == pytest.approx(to_base(find_quantities(b)[0]))


def test_hedge_needs_a_word_boundary() -> None:
    assert found("whereabout 5 people") == [("5 people", 5, "人", None, None, False)]


def test_three_wari_is_thirty_percent() -> None:
    assert to_base(find_quantities("3割")[0]) == (30.0, "%")


def test_units_vocabulary_is_consistent() -> None:
    from factcheck import vocab

    units = vocab.load("units")["units"]
    seen: dict[tuple[str, str], str] = {}
    for name, spec in units.items():
        assert set(spec) <= {"base", "factor", "ja", "en", "prefix"}, name
        assert spec["base"] in units or spec["base"] == name, name
        for lang in ("ja", "en", "prefix"):
            for alias in spec.get(lang, []):
                key = (lang, str(alias).lower())
                assert seen.setdefault(key, name) == name, f"{alias} in {seen[key]} and {name}"


def test_a_number_beyond_any_float_is_no_quantity() -> None:
    # Its value would be written as .inf, which the claims schema refuses (fuzz, issue 12).
    assert find_quantities("約" + "9" * 400 + "人が来た。") == []


def test_a_rise_by_an_amount_to_a_level_is_two_quantities_not_a_range() -> None:
    from factcheck.extract.quantities import find_quantities

    found = find_quantities("The hourly wage rose by a record 48 yen to 1,093 yen.")
    assert [(q.value, q.low, q.high) for q in found] == [(48.0, None, None), (1093.0, None, None)]
    assert find_quantities("between 40 yen and 60 yen")[0].low == 40.0


def test_magnitude_of_reads_a_magnitude() -> None:
    from factcheck.extract.quantities import find_quantities

    assert [(q.value, q.unit) for q in find_quantities("The quake had a moment magnitude of 7.4.")] == [(7.4, "magnitude")]


def test_from_a_to_b_with_a_verb_of_change_is_two_quantities_not_a_range() -> None:
    changed = find_quantities("最大出力は従来の84,000kWから92,000kWに向上した。")
    assert [q.value for q in changed] == [84000.0, 92000.0]
    spread = find_quantities("参加者は10万から12万人とみられる。")
    assert [(q.low, q.high) for q in spread] == [(100000.0, 120000.0)]


@pytest.mark.parametrize(("text", "value"), [
    ("The study recruited 345 patients.", 345.0),
    ("In all, 61 adult patients were admitted.", 61.0),
    ("About 300 patients came.", 300.0),
    ("Surveyors have mapped 416 Middle Jomon pit dwellings there.", 416.0),
    ("The operator flies eleven geostationary satellites.", 11.0),  # a number word counts as digits do
    ("The team dug twenty-four trenches.", 24.0),
])
def test_a_count_before_an_english_plural_noun_when_asked(text: str, value: float) -> None:
    found = find_quantities(text, counts=True)
    assert [q.value for q in found] == [value]
    assert find_quantities(text) == []  # the extractor's quantities stay those with a unit


@pytest.mark.parametrize("text", ["The No. 4 seeds advanced.", "Results of the Phase 3 trials came in.",
                                  "It peaked in the 1990s.", "Clue 5 across was hard.", "Player 7 is fast.",
                                  "It reopened two months after the fire.", "One of the wells ran dry."])
def test_a_labelled_number_is_no_count(text: str) -> None:
    assert find_quantities(text, counts=True) == []


def test_millilitres_are_a_volume() -> None:
    found = find_quantities("mean decline 98.4 mL versus 166.7 mL; 約500ミリリットル")
    assert [(q.value, q.unit) for q in found] == [(98.4, "mL"), (166.7, "mL"), (500.0, "mL")]
    assert to_base(found[0])[0] == pytest.approx(98.4e-6) and to_base(found[0])[1] == "m3"


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The 1,730-kilogram satellite", 1730.0, "kg"), ("a 12-km tunnel", 12.0, "km"), ("the 20-foot wall", 20.0, "ft"),
])
def test_a_unit_joined_by_a_hyphen_is_the_figure_s_unit(text: str, value: float, unit: str) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(value, unit)]


@pytest.mark.parametrize("text", ["the 2-1 win", "COVID-19 cases"])
def test_a_score_or_a_name_with_a_hyphen_is_no_quantity(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(("text", "value", "unit", "base"), [
    ("身長は1メートル82センチだ。", 1.82, "m", (1.82, "m")),
    ("優勝タイムは2時間21分だった。", 2.35, "h", (8460.0, "s")),
    ("The rider is 6 feet 2 inches tall.", 6 + 2 / 12, "ft", (1.8796, "m")),
])
def test_a_measure_written_in_two_units_is_one_figure(text: str, value: float, unit: str,
                                                     base: tuple[float, str]) -> None:
    (q,) = find_quantities(text)
    assert q.value == pytest.approx(value) and q.unit == unit
    low, high, in_base = bounds_in_base(q)
    assert low == pytest.approx(base[0]) and high == pytest.approx(base[0]) and in_base == base[1]


@pytest.mark.parametrize("text", ["走路は1 kmと500 mの二つがある。", "Runs of 1 km and 500 m were held.",
                                  "1メートル120センチ"])
def test_two_measures_or_an_oversized_second_unit_stay_two_figures(text: str) -> None:
    assert len(find_quantities(text)) == 2


@pytest.mark.parametrize(("text", "kmh"), [
    ("最大瞬間風速は秒速50メートルを記録した。", 180.0),
    ("列車は時速320キロで走る。", 320.0),
    ("A gust of 50 m/s was recorded.", 180.0),
    ("The gust reached 180 km/h.", 180.0),
])
def test_a_length_after_a_rate_word_is_a_speed(text: str, kmh: float) -> None:
    (q,) = find_quantities(text)
    low, high, base = bounds_in_base(q)
    assert base == "km/h" and low == pytest.approx(kmh) and high == pytest.approx(kmh)


def test_kanji_digits_with_a_middle_dot_before_a_unit_are_a_decimal() -> None:
    found = [(q.text, q.value, q.unit) for q in find_quantities("主鏡は直径三・八メートルで、成長率は二・五%だった。")]
    assert found == [("三・八メートル", 3.8, "m"), ("二・五%", 2.5, "%")]
    # A middle dot between kanji digits before anything else lists them: the first and second trials.
    assert find_quantities("一・二審とも有罪とされた。") == []


@pytest.mark.parametrize(("text", "low", "high"), [("just over 3,000 adults", 3000, 3300), ("just under 40%", 36, 40),
                                                   ("支持率は3割強", 30, 33), ("支持率は3割弱", 27, 30)])
def test_a_bound_passed_by_little_is_a_narrow_range(text: str, low: float, high: float) -> None:
    q = find_quantities(text)[0]
    in_base = bounds_in_base(q)
    assert q.approximate
    assert in_base[0] == pytest.approx(low) and in_base[1] == pytest.approx(high)


def test_a_model_name_with_digits_may_stand_between_a_number_and_its_counter() -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities("an order for 36 Airbus A350 aircraft")] == [
        ("36 Airbus A350 aircraft", 36, "機")]
