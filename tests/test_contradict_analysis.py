"""What the detector's analysis reads from one claim, or aligns between two: names, roles, poles,
dates, figures.  These do not go through the learned weights, so each checks one reading exactly.

The sentences were written for these tests, on subjects of no labelled pairs file.
"""

from __future__ import annotations

import pytest

from factcheck.contradict import analyse, compare
from factcheck.contradict.align import doer_changed, names_swapped, slipped
from factcheck.contradict.analysis import names_match
from factcheck.contradict.features import signals
from factcheck.contradict.kinds.quantity import compatible
from factcheck.contradict.model import PairContext


def _name(text: str, lang: str, surface: str):  # type: ignore[no-untyped-def]
    return next(n for n in analyse(text, lang).names if n.text == surface)


def _evidence(check, a, b):  # type: ignore[no-untyped-def]
    """The two values a kind's rule names for the pair (a, b), or None when it holds no conflict."""
    conflict = check(PairContext(a, b))
    return None if conflict is None else (conflict.a, conflict.b)


def test_a_name_inside_a_longer_name_is_the_same_name() -> None:
    long_ = _name("The Brandt Second Quartet was first played in Graz.", "en", "Brandt Second Quartet")
    short = _name("Only the Second Quartet was recorded.", "en", "Second Quartet")
    other = _name("Only the Third Quartet was recorded.", "en", "Third Quartet")
    assert names_match(long_, short)
    assert not names_match(long_, other)


def test_a_word_of_a_longer_name_stands_for_it_unless_it_is_the_head_noun() -> None:
    full = _name("Elon Musk completed the purchase of the firm.", "en", "Elon Musk")
    surname = _name("In late October 2022 Musk closed the takeover.", "en", "Musk")
    assert names_match(full, surname) and names_match(surname, full)
    airline = _name("Kestrel Airlines launched its Oslo route.", "en", "Kestrel Airlines")
    assert names_match(airline, _name("Kestrel's first flight to Oslo took off.", "en", "Kestrel"))
    buyer = _name("Halden Group sold its unit to Meridian Systems.", "en", "Meridian Systems")
    head = _name("Halden Group's rail business went to Systems in May.", "en", "Systems")
    assert not names_match(buyer, head)  # a head noun alone names no company
    # At a sentence start, a word that could be a title ("Meridian", as "Librarian") opens a
    # name whose head is a body's: the whole name, not its head alone.
    assert names_match(buyer, _name("Meridian Systems acquired Halden Group's rail business.", "en",
                                     "Meridian Systems"))
    assert not names_match(_name("The Republic of China was founded.", "en", "Republic of China"),
                           _name("People's Republic was proclaimed.", "en", "Republic"))


def test_a_kanji_town_read_as_one_word_is_still_its_name_in_latin_letters() -> None:
    town = _name("南沢市は平成17年に隣接する北沢町を編入合併した。", "ja", "北沢町")
    latin = _name("Minamisawa City absorbed neighbouring Kitazawa Town in 2005.", "en", "Kitazawa Town")
    assert names_match(town, latin)


def test_a_middle_dot_between_kanji_places_lists_two_places() -> None:
    names = [n.text for n in analyse("劇場は大阪・梅田の駅前に建つ。", "ja").names]
    assert "梅田" in names and "大阪・梅田" not in names


def test_a_dictionary_description_gives_a_region_no_city_sound() -> None:
    region, city = _name("関東で地震があった。", "ja", "関東"), _name("東京で地震があった。", "ja", "東京")
    assert not names_match(region, city)


def test_a_common_word_starting_a_company_name_belongs_to_it() -> None:
    assert "Kestrel Haulage" in [n.text for n in analyse("Kestrel Haulage moved its head office.", "en").names]
    # A title before a person's name does not.
    assert "Jonah Reed" in [n.text for n in analyse("Producer Jonah Reed wrote the song.", "en").names]


def test_japanese_roles_are_read_past_honorifics() -> None:
    roles = {n.text: n.role for n in analyse("町長選は新人の石田一郎氏が現職の中原茂氏を破った。", "ja").names}
    assert roles["石田一郎"] == "agent" and roles["中原茂"] == "patient"


def test_the_japanese_passive_puts_the_topic_in_the_patient_slot() -> None:
    frame = next(f for f in analyse("城跡は2020年に史跡に指定された。", "ja").frames if "指定" in f.pred_text)
    assert frame.agent is None and frame.patient is not None and "城跡" in frame.patient.text


def test_a_verb_form_read_as_a_noun_keeps_its_pole() -> None:
    rose, fell = analyse("Quarterly sales rose 4% on strong demand.", "en"), analyse("Quarterly sales fell 4%.", "en")
    scales_up = {scale for scale, pole in rose.poles if pole == 0}
    scales_down = {scale for scale, pole in fell.poles if pole == 1}
    assert scales_up & scales_down


def test_declined_to_approve_denies_the_approval() -> None:
    approved = analyse("The regulator approved the merger.", "en").poles
    declined = analyse("The regulator declined to approve the merger.", "en").poles
    assert {(s, 1 - p) for s, p in approved} <= declined


def test_reported_is_no_hedge_but_reportedly_is() -> None:
    assert not analyse("The firm reported a profit of $3 million.", "en").hedged
    assert analyse("The firm reportedly made a profit of $3 million.", "en").hedged


@pytest.mark.parametrize("text", ["売上高は前年度比12%増の80億円だった。", "Sales rose 12% from a year earlier."])
def test_a_comparison_base_is_no_date_of_the_claim(text: str) -> None:
    assert analyse(text).dates == ()


@pytest.mark.parametrize(("text", "year"), [("空港の2020年度の旅客数は、前年度の4分の1以下の約110万人だった。", "2020"),
                                            ("The firm filed 12,400 patents in 2023, up 8% on the previous year.", "2023")])
def test_a_year_a_ratio_or_a_change_is_taken_against_is_no_date_of_the_claim(text: str, year: str) -> None:
    assert [d.value[:4] for d in analyse(text).dates] == [year]


@pytest.mark.parametrize(("text", "years"), [("橋は2019年から2022年まで通行止めだった。", ["2019", "2022"]),
                                             ("The bridge was closed from 2019 to 2022.", ["2019", "2022"])])
def test_a_range_of_dates_is_no_comparison_base(text: str, years: list[str]) -> None:
    assert [d.value for d in analyse(text).dates] == years


def test_a_verb_ending_in_re_is_no_passive() -> None:
    frame = next(f for f in analyse("町長は1950年に山村で生まれた。", "ja").frames if "生まれ" in f.pred_text)
    assert frame.agent is not None and "町長" in frame.agent.text


def test_a_period_word_inside_a_place_name_is_no_period() -> None:
    figure = analyse("秋田港の取扱量は120万トンだった。", "ja").figures[0]
    assert not figure.periods
    assert analyse("今年の秋の取扱量は120万トンだった。", "ja").figures[0].periods


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("Twelve people were hurt.", "Twenty people were hurt.", False),  # numbers in words are exact
        ("Twelve people were hurt.", "12 people were hurt.", True),
        ("The car goes up to 500 km on a charge.", "The car goes up to 500 miles on a charge.", False),
        ("The car goes up to 500 km on a charge.", "The car goes up to 520 km on a charge.", True),
    ],
)
def test_figures_compatible(a: str, b: str, agree: bool) -> None:
    assert compatible(analyse(a, "en").figures[0], analyse(b, "en").figures[0]) is agree


def test_aligned_names_in_swapped_roles_are_a_swap() -> None:
    ctx = PairContext(analyse("決勝で神戸が大阪を2対1で破った。", "ja"), analyse("決勝で大阪が神戸を2対1で下した。", "ja"))
    assert names_swapped(ctx.names) is not None
    same = PairContext(analyse("決勝で神戸が大阪を2対1で破った。", "ja"), analyse("神戸は決勝で大阪を2対1で下した。", "ja"))
    assert names_swapped(same.names) is None


def test_a_doer_changed_between_two_named_parties() -> None:
    a = analyse("チリとペルーの関係は、チリがボリビアの独立を承認したため停止した。", "ja")
    b = analyse("ペルーはボリビアの独立を承認したため、チリとの関係を断絶した。", "ja")
    assert doer_changed(a, b) == ("チリ", "ペルー")
    assert doer_changed(a, analyse("チリはボリビアの独立を承認し、ペルーとの関係を断った。", "ja")) is None


def test_a_katakana_name_with_or_without_its_long_vowel_marks_is_one_name() -> None:
    # The dictionary spells the town フェアーヘブン; a newspaper writes フェアヘブン.
    assert names_match(_name("式典は米国のフェアヘブンで開かれた。", "ja", "フェアヘブン"),
                       _name("A ceremony was held in Fairhaven.", "en", "Fairhaven"))
    assert names_match(_name("式典は米国のフェアヘブンで開かれた。", "ja", "フェアヘブン"),
                       _name("A ceremony was held in Fairfield.", "en", "Fairfield")) is False


def test_names_sharing_only_their_initials_are_two_names() -> None:
    assert not names_match(_name("The Gorse Bridge opened.", "en", "Gorse Bridge"),
                           _name("The Glenny Bridge opened.", "en", "Glenny Bridge"))
    assert names_match(_name("The World Health Organization said so.", "en", "World Health Organization"),
                       _name("The WHO said so.", "en", "WHO"))


def test_claims_naming_two_different_things_are_no_one_subject_in_a_scan() -> None:
    from factcheck.contradict.features import signals

    apart = signals(PairContext(analyse("The Gorse Bridge opened in 1983.", "en"),
                                analyse("The Kestle Bridge opened in 2024.", "en")))
    same = signals(PairContext(analyse("The Gorse Bridge opened in 1983.", "en"),
                               analyse("The Gorse Bridge opened in 2024.", "en")))
    assert not apart.same_subject and same.same_subject


# --- dates: parts of a year or month, fiscal years, decades, months without a year, eras, spans ---

def _values(text: str, lang: str) -> list[str]:
    return [d.value for d in analyse(text, lang).dates]


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("The pier was rebuilt in the spring of 1911.", "en", "1911~spring"),
    ("The depot closes in the third quarter of fiscal 2027.", "en", "2027~fiscal-q3"),
    ("堤防の工事は2031年夏に終わった。", "ja", "2031~summer"),
    ("新庁舎は2026年度上期に完成する。", "ja", "2026~fiscal-h1"),
    ("分館は2026年度中に着工した。", "ja", "2026~fiscal"),
    ("売り場は2030年3月下旬に改装された。", "ja", "2030-03~late-month"),
    ("The kiosk reopened in early May 2029.", "en", "2029-05~early-month"),
    ("The ferry was withdrawn in the 1970s.", "en", "1970s"),
    ("The bakery shut last October after a fire.", "en", "--10"),
    ("The pool stayed closed through August for repairs.", "en", "--08"),
])
def test_parts_of_a_year_and_vague_dates_are_read(text: str, lang: str, value: str) -> None:
    assert value in _values(text, lang)


@pytest.mark.parametrize(("x", "y", "agree"), [
    ("1911~spring", "1911-04", True),
    ("1911~spring", "1911-11", False),
    ("1911~spring", "1911~autumn", False),
    ("2027~q1", "2027~q3", False),
    ("2027~q3", "2027-08", True),  # a quarter may be a fiscal year's: no month tells it apart
    ("2026~fiscal", "2027-02", True),  # a fiscal year runs into the next calendar year
    ("2026~fiscal", "2027-06", False),
    ("2026~fiscal", "2025-11", True),  # or starts in the one before (October)
    ("2026~fiscal-h1", "2026-08-03", True),
    ("2030-03~late-month", "2030-03~early-month", False),
    ("2030-03~late-month", "2030-03-27", True),
    ("2030-03~late-month", "2030-03-04", False),
    ("1970s", "1975", True),
    ("1970s", "1983", False),
    ("--10", "2024-10-02", True),
    ("--10", "--03", False),
    # A lunisolar era date (明和9年2月29日) may keep its numerals or be converted weeks later.
    ("1772-02-29~lunar", "1772-04-01", True),
    ("1772-02-29~lunar", "1772-02-29", True),
    ("1772-02-29~lunar", "1772-04", True),
    ("1772-02-29~lunar", "1773-04-01", False),
    ("1772-02-29~lunar", "1772-07-01", False),
    ("1702-12-14~lunar", "1703-01-30", True),
    ("1702-12-14~lunar", "1703", True),
    ("1702-06-14~lunar", "1703", False),
    ("1853-06-03~lunar", "1853-06-04~lunar", False),
])
def test_dates_agree_at_the_precision_both_give(x: str, y: str, agree: bool) -> None:
    from factcheck.contradict.kinds.date import dates_agree

    assert dates_agree(x, y) is agree and dates_agree(y, x) is agree


def test_every_japanese_era_gives_its_years() -> None:
    from factcheck.extract.dates import DateContext, find_dates

    assert [m.value for m in find_dates("天守は寛永3年に再建された。", DateContext())[0]] == ["1626"]
    assert [m.value for m in find_dates("開眼供養は天平勝宝元年に行われた。", DateContext())[0]] == ["0749"]
    assert find_dates("異文化3年目の交流", DateContext())[0] == []  # an era name inside a longer word


def test_both_ends_of_a_span_are_reference_times() -> None:
    dates = analyse("The show runs from 12 April to 8 September 2029 in the east wing.", "en").dates
    assert len(dates) == 2 and all(d.reference for d in dates)


def test_a_japanese_cleft_dates_the_act_before_noha() -> None:
    date = analyse("鉄橋が架け替えられたのは、寛永13年のことである。", "ja").dates[0]
    assert date.value == "1636" and not date.qualifier and date.event


def test_a_cleft_whose_answer_is_a_time_is_set_against_the_other_claims_date() -> None:
    # The answer 昭和4年（1929年）のこと is a time: no name answers another name, the dates do.
    one = analyse("家電大手の朝陽電機は大正8年、大阪・船場で電球の製造会社として創業した。", "ja")
    other = analyse("朝陽電機が大阪・船場で電球づくりを始めたのは、昭和4年（1929年）のことだ。", "ja")
    found = signals(PairContext(one, other)).evidence
    assert "entity" not in found and found["date"].a == "大正8年"
    alone = analyse("朝陽電機が始めたのは、昭和4年（1929年）のことだ。", "ja")
    assert "entity" not in signals(PairContext(analyse("朝陽電機は京都の島津に売却された。", "ja"), alone)).evidence
    same = signals(PairContext(analyse("山吹美術館は「波濤図」を平成31年3月に収蔵した。", "ja"),
                               analyse("山吹美術館が「波濤図」を収蔵したのは、2019年3月のことである。", "ja")))
    assert same.values.get("focus_same") == 1.0 and not same.values.get("focus_differs")
    named = analyse("彗星を発見したのは北斗大学の研究グループだ。", "ja").focus
    assert named is not None and "北斗大学" in named.text


def test_a_place_and_the_body_named_after_it_are_no_rivals_for_one_slot() -> None:
    from factcheck.contradict.align import align_names

    zoo = analyse("上野動物園のシャンシャンは2017年6月12日に誕生した。", "ja")
    place = analyse("平成29年6月に上野で生まれたシャンシャンは人気を集めた。", "ja")
    names = align_names(zoo, place)
    assert "上野動物園" not in {n.text for n in names.only_a} and "上野" not in {n.text for n in names.only_b}
    other = analyse("平成29年6月に和歌山で生まれたシャンシャンは人気を集めた。", "ja")
    assert "和歌山" in {n.text for n in align_names(zoo, other).only_b}


# --- poles, roles and credits ---

def test_the_japanese_head_predicate_decides_between_two_poles() -> None:
    a = analyse("町議会は、夜間の花火を禁止する条例案を可決した。", "ja")
    b = analyse("The town council voted down the ordinance.", "en")
    assert len({scale for scale, _ in a.poles if (scale, 0) in a.poles and (scale, 1) in a.poles}) == 1
    assert {pole for _, pole in a.head_poles} == {0}
    from factcheck.contradict.kinds.polarity import _opposed_poles

    assert _opposed_poles(a, b) is not None


def test_a_verb_that_calls_an_act_off_flips_its_pole() -> None:
    forgone = analyse("市は来年度の水道料金の引き上げを見送った。", "ja")
    plain = analyse("市は来年度の水道料金を引き上げた。", "ja")
    assert forgone.poles != plain.poles
    assert {(s, 1 - p) for s, p in plain.poles} & forgone.poles


def test_a_word_on_two_negative_poles_is_one_negative_word() -> None:
    # 中止 both closes and calls off; counted twice it read as a double negative, agreeing with a
    # claim that says nothing against the event.
    assert analyse("市民マラソンは大雪のため中止された。", "ja").negative_poles == 1
    assert analyse("The harbour festival was cancelled because of the storm.", "en").negative_poles == 1


@pytest.mark.parametrize(("a", "b"), [
    ("市民マラソンは大雪の予報にもかかわらず予定どおり実施された。", "市民マラソンは大雪のため中止された。"),
    ("The harbour festival was held despite the storm.", "港まつりは嵐のため中止となった。"),
    ("The bakery will keep its shop open on Sundays.", "そのパン店は日曜日の営業を取りやめる。"),
    ("町は姉妹都市提携を継続すると決めた。", "町は姉妹都市提携を解消すると決めた。"),
    ("The goalkeeper withdrew from the squad with a knee injury.", "The goalkeeper took part in the final."),
])
def test_held_and_called_off_kept_and_ended_stand_on_opposite_poles(a: str, b: str) -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles

    assert _opposed_poles(analyse(a), analyse(b)) is not None


@pytest.mark.parametrize(("text", "negations"), [
    ("部品が届かなかったので、改修工事は二週間遅れた。", 0),  # why it was late, not a denial
    ("検査が終わっていないため、橋は来月まで通行できる状態にある。", 0),
    ("部品は期日までに届かなかった。", 1),
])
def test_a_japanese_negation_ending_a_clause_of_reason_denies_nothing(text: str, negations: int) -> None:
    assert analyse(text, "ja").negations == negations


@pytest.mark.parametrize(("halt", "restart", "after"), [
    ("製材所は設備更新のため、2021年1月から3月まで操業を休止した。", "製材所は2021年4月に操業を再開した。", True),
    ("The county imposed a moratorium on oyster dredging in 1998 that stayed in force until 2015.",
     "Oyster dredging in the county reopened in 2015 under a new licence scheme.", True),
    # the halt said to last past the restart, or the restart denied: no one story in two periods
    ("As of May 2021 the sawmill was still idle after the fire.", "The sawmill resumed work in April 2021.", False),
    ("製材所は2021年4月時点でも操業を再開していない。", "製材所は2021年4月に操業を再開した。", False),
])
def test_a_halt_that_ended_before_the_restart_tells_one_story(halt: str, restart: str, after: bool) -> None:
    from factcheck.contradict.kinds.polarity import restarted_after_halt

    assert restarted_after_halt(analyse(restart), analyse(halt)) is after


@pytest.mark.parametrize("text", ["雨にもかかわらず、大会は予定通り開催された。", "年齢を問わず参加できる大会が開催された。",
                                  "この技術は発電に欠かせない。", "遺構が神殿である可能性は低くないとしている。"])
def test_a_ja_word_whose_negative_ending_denies_nothing(text: str) -> None:
    assert analyse(text, "ja").negations == 0


def test_a_negation_after_a_verb_of_becoming_denies_the_state() -> None:
    no_deficit = analyse("町の決算は赤字に転落しなかった。", "ja")
    deficit = analyse("町の決算は赤字だった。", "ja")
    assert no_deficit.poles and not no_deficit.poles & deficit.poles


def test_agent_and_patient_of_two_different_acts_swap_nothing() -> None:
    a = analyse("The Varn glacier expanded by about 3 square kilometres, according to images analysed by the institute.", "en")
    b = analyse("Images analysed by the institute show the Varn glacier shrank by about 3 square kilometres.", "en")
    from factcheck.contradict.align import role_swap

    assert role_swap(a, b) is None
    sold = analyse("Orrin Media sold its radio arm to Talbot Press.", "en")
    bought = analyse("Talbot Press sold its radio arm to Orrin Media.", "en")
    assert names_swapped(PairContext(sold, bought).names) is not None


def test_two_parts_in_one_work_are_two_credits() -> None:
    from factcheck.contradict.align import different_roles

    text_by = analyse("絵本『ほしのふね』は、作家の森川葵が文を担当した。", "ja")
    pictures_by = analyse("絵本『ほしのふね』の絵を手がけたのは、画家の北条蓮である。", "ja")
    also_text_by = analyse("絵本『ほしのふね』の文を書いたのは、作家の北条蓮である。", "ja")
    assert different_roles(text_by, pictures_by)
    assert not different_roles(text_by, also_text_by)


def test_kei_before_a_figure_marks_a_total() -> None:
    figure = analyse("町の出荷量は計4万2000トンだった。", "ja").figures[0]
    assert figure.total


def test_the_same_event_in_two_places_is_a_venue_change() -> None:
    from factcheck.contradict.kinds.entity import venue_changed

    here = analyse("The 2031 Fjord Mapping Congress will be held in Bergen, Norway, from 2 to 5 June.", "en")
    there = analyse("Organisers said the 2031 Fjord Mapping Congress will take place in Turku, Finland.", "en")
    again = analyse("The 2031 Fjord Mapping Congress in Bergen drew 900 delegates.", "en")
    assert venue_changed(PairContext(here, there)) is not None
    assert venue_changed(PairContext(here, again)) is None


def test_the_month_may_is_no_hedge() -> None:
    assert not analyse("The regulator certified the boat in May 2031.", "en").hedged
    assert analyse("The regulator may certify the boat.", "en").hedged


def test_a_denied_acceptance_refuses_what_it_acts_on() -> None:
    denied = analyse("第2相試験では、偽薬との間に有意差は認められなかった。", "ja")
    assert denied.refused & analyse("新薬は偽薬に比べ有意差を示した。", "ja").keys


def test_two_parties_joined_by_to_are_two_doers_not_a_changed_doer() -> None:
    courting = analyse("孤立を深めるフランスが、制裁下のドイツと接近している。", "ja")
    both = analyse("互いに孤立したフランスとドイツは再接近している。", "ja")
    assert doer_changed(courting, both) is None
    # ベルギーとの関係 joins nothing: each claim still makes the other party the doer.
    a = analyse("ベルギーとフランスの関係は、ベルギーがオランダを承認したことで停止された。", "ja")
    b = analyse("フランスはオランダを承認したため、ベルギーとの関係を断絶した。", "ja")
    assert doer_changed(a, b) is not None


def test_a_year_a_figure_is_measured_against_is_no_date_of_the_claim() -> None:
    values = [d.value for d in analyse("2031年度の出荷量は12万トンと、前年度を4.5%下回った。", "ja").dates]
    assert values == ["2031~fiscal"]


def test_buying_and_selling_are_two_poles_of_one_scale() -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles

    sells = analyse("Harwick Foods agreed to sell its bakery unit to Penrose Mills for $300 million.", "en")
    buys = analyse("Harwick Foods is buying Penrose Mills' bakery unit in a $300 million deal.", "en")
    assert _opposed_poles(sells, buys) is not None


def test_a_subordinate_clause_holds_its_own_doer() -> None:
    claim = analyse("Shares of Tillmore Foods soared 9% after the regulator cleared its new sweetener.", "en")
    roles = {n.text: n.role for n in claim.names}
    frames = {f.pred_text: f for f in claim.frames}
    assert roles["Tillmore Foods"] == "agent"
    assert frames["cleared"].agent is not None and "regulator" in frames["cleared"].agent.text
    assert frames["soared"].patient is None  # nothing in the later clause is what soared
    # ...so a claim that makes the regulator the doer swaps nothing with it.
    other = analyse("The regulator refused to clear Tillmore Foods' new sweetener.", "en")
    assert names_swapped(PairContext(claim, other).names, claim, other) is None


@pytest.mark.parametrize(("a", "b", "conflict"), [
    ("The 2023 report on royalty caps was compiled by the Tokyo Bar Association.",
     "The 2023 report on royalty caps was compiled by the Osaka Bar Association.", True),
    ("The 2023 report on royalty caps was compiled by the Tokyo Bar Association.",
     "The Tokyo Bar Association compiled the 2023 report on royalty caps.", False),
])
def test_a_report_compiled_by_two_bodies_is_credited_twice(a: str, b: str, conflict: bool) -> None:
    # A report or survey has one compiler; "by the X" names the doer of a passive.
    from factcheck.contradict.kinds.attribution import check

    x = analyse(a, "en")
    assert [(n.text, n.role) for n in x.names] == [("Tokyo Bar Association", "agent")]
    assert (check(PairContext(x, analyse(b, "en"))) is not None) == conflict


def test_one_work_under_two_makers_names_is_an_attribution_conflict() -> None:
    from factcheck.contradict.kinds.attribution import _other_maker

    one = analyse("Halvorsen's The Winter Harbour was first performed in Oslo in 1921.", "en")
    other = analyse("Lindqvist's The Winter Harbour premiered in Oslo in 1921.", "en")
    again = analyse("Halvorsen's The Winter Harbour drew a full house in Oslo.", "en")
    assert _other_maker(PairContext(one, other)) is not None
    assert _other_maker(PairContext(one, again)) is None


def test_a_japanese_place_of_an_event_is_read_through_its_parts() -> None:
    from factcheck.contradict.kinds.entity import venue_changed

    fell = analyse("大沢隕石は1931年に長野県の水田に落下した。", "ja")
    elsewhere = analyse("大沢隕石は1931年、静岡県の山あいの畑に落ちたものである。", "ja")
    assert venue_changed(PairContext(fell, elsewhere)) is not None


def test_fy_glued_to_a_year_is_a_fiscal_year() -> None:
    assert _values("For FY2031, Orlen Tools reported revenue of $2.1 billion.", "en") == ["2031~fiscal"]


def test_opposite_acts_with_another_doer_are_no_converse() -> None:
    survived = analyse("The first draft of the Orvel Charter survived the 1911 flood at the Lund archive.", "en")
    destroyed = analyse("The 1911 flood at the Lund archive destroyed the first draft of the Orvel Charter.", "en")
    ctx = PairContext(survived, destroyed)
    from factcheck.contradict.kinds.polarity import check, told_from_each_side

    assert check(ctx) is not None and not told_from_each_side(ctx, (0, 0))
    beat = analyse("Varde beat Lund 2-1 in the 2031 cup final.", "en")
    lost = analyse("Lund lost 2-1 to Varde in the 2031 cup final.", "en")
    assert check(PairContext(beat, lost)) is None  # one result told from each side


def test_an_event_noun_moves_its_verbs_scale() -> None:
    cut = analyse("The drug significantly reduced relapses in the trial.", "en")
    none = analyse("The trial found no significant reduction in relapses.", "en")
    from factcheck.contradict.kinds.polarity import _opposed_poles

    assert _opposed_poles(cut, none) is not None


def _events(text: str, lang: str) -> dict[str, frozenset[str]]:
    return {d.text: d.event for d in analyse(text, lang).dates}


def test_life_dates_in_brackets_after_a_name_are_a_birth_and_a_death() -> None:
    events = _events("Marit Solberg (4 May 1902 – 19 January 1977) was a Norwegian botanist.", "en")
    assert "bear" in events["4 May 1902"] and "die" in events["19 January 1977"]
    ja = _events("植物学者の岩瀬澄子（1902年5月4日 - 1977年1月19日）は高知に生まれた。", "ja")
    assert "亡くなる" in ja["1977年1月19日"]
    # A span after a common noun bounds a state: no birth, no death.
    shown = analyse("The garden show ran (4 May – 19 June 1977) in Bergen.", "en").dates
    assert all(not d.event & {"bear", "die"} for d in shown)


def test_a_noun_used_with_suru_is_the_predicate_its_date_belongs_to() -> None:
    events = _events("新しい分庁舎は2031年5月7日に開庁し、旧館は翌月から改修に入った。", "ja")
    assert "開庁" in events["2031年5月7日"]


def test_a_leading_japanese_date_dates_the_first_of_two_joined_clauses_too() -> None:
    events = _events("2031年4月、分庁舎が開庁し、窓口業務が新館へ移った。", "ja")
    assert {"開庁", "移る"} <= events["2031年4月"]


def test_a_date_that_dates_two_acts_is_compared_through_the_act_both_claims_share() -> None:
    from factcheck.contradict.align import align_dates
    from factcheck.contradict.kinds.date import same_event

    # 1921年 dates both the founding and the recognition; the recognition is the act the other
    # claim dates, and its doer (the city) is not the other's (the prefecture).
    one = analyse("1921年には港町の商会（北浜商会）が設立され、北浜市は真っ先にこれを公認した。", "ja")
    other = analyse("1930年、南浜県は別の商会を公認した。", "ja")
    ctx = PairContext(one, other)
    pairs = [(x, y) for x, y, _ in align_dates(one, other) if x.text == "1921年"]
    assert pairs and {"設立", "公認"} <= pairs[0][0].event
    assert not any(same_event(x, y, ctx, 1.0) for x, y in pairs)


def test_japanese_words_the_event_groups_list_are_placed_by_themselves_not_their_glosses() -> None:
    from factcheck.contradict.align import OTHER_GROUPS, align_dates

    begun = analyse("水門は2029年（令和11年）に着工し、2034年に開通した。", "ja")
    done = analyse("水門の竣工は2033年である。", "ja")
    scores = [s for x, y, s in align_dates(begun, done)]
    assert scores and max(scores) <= OTHER_GROUPS  # construction began / was completed: two events


def test_event_and_pole_words_are_listed_in_the_form_the_dictionary_normalizes_to() -> None:
    from factcheck.contradict import lexicon

    def words(x: object) -> list[str]:
        if isinstance(x, str):
            return [x]
        if isinstance(x, dict):
            x = list(x.values())
        return [w for y in x for w in words(y)] if isinstance(x, list) else []

    cues = lexicon.cues()
    for key in ("event_groups", "antonyms", "forgo", "aspectual"):
        listed = set(words(cues[key]))
        for w in listed:
            morphs = lexicon.ja_morphs(w) if lexicon.ja_has_cjk(w) else ()
            if len(morphs) == 1:
                assert morphs[0].norm in listed, f"{key}: {w} is read as {morphs[0].norm}"


def test_a_determiner_no_after_a_verb_denies_the_verb() -> None:
    negated = analyse("The survey found no trace of the old foundations.", "en").negated
    assert {"find", "found"} & negated


def test_against_after_a_verb_of_deciding_denies_the_act_after_it() -> None:
    from factcheck.contradict.kinds.polarity import check

    bought = analyse("In 2031 the Varde Museum bought the Lindqvist altarpiece.", "en")
    declined = analyse("In 2031 the Varde Museum decided against buying the Lindqvist altarpiece.", "en")
    conflict = check(PairContext(bought, declined))
    assert conflict is not None and conflict.b == "against buying"  # the evidence carries what flips the act
    # Without "against" the museum decided to buy: no conflict.
    decided = analyse("In 2031 the Varde Museum decided on buying the Lindqvist altarpiece.", "en")
    assert check(PairContext(bought, decided)) is None


def test_a_phrasal_verb_is_its_own_pole_and_its_own_evidence() -> None:
    from factcheck.contradict.kinds.polarity import check

    held = analyse("The ferry strike at Varde went ahead on 3 May, halting crossings.", "en")
    off = analyse("The ferry strike at Varde planned for 3 May was called off the night before.", "en")
    conflict = check(PairContext(held, off))
    assert conflict is not None and (conflict.a, conflict.b) == ("went ahead", "called off")


def test_an_ending_before_a_later_lasting_state_is_not_excused_by_the_other_time() -> None:
    from factcheck.contradict.kinds.polarity import _different_times

    ended = analyse("旧港線は2030年3月末で廃止された。", "ja")
    lasting = analyse("旧港線は2030年4月以降も存続している。", "ja")
    earlier = analyse("旧港線は2028年も存続していた。", "ja")
    assert not _different_times(ended, lasting)
    assert _different_times(ended, earlier)


def test_a_name_glossed_part_by_part_is_compared_word_by_word() -> None:
    # ノーマン + ・ + フォスター: the parts' glosses joined must not keep the dot as a "word".
    forms = _name("建築家ノーマン・フォスターが設計した。", "ja", "ノーマン・フォスター").forms
    assert any("foster" in form for form in forms)


def test_a_name_that_only_qualifies_an_event_noun_is_no_doer() -> None:
    roles = {n.text: n.role for n in analyse("北浜フィルの市民文化賞受賞は、2031年5月に発表された。", "ja").names}
    assert roles and all(role != "agent" for role in roles.values())
    doer = {n.text: n.role for n in analyse("北浜フィルは2031年に市民文化賞を受賞した。", "ja").names}
    assert "agent" in doer.values()


def test_figures_of_two_different_doers_are_no_quantity_conflict() -> None:
    from factcheck.contradict.kinds.quantity import check

    one = analyse("Varde recorded 35.2°C on Tuesday, its hottest day of the year.", "en")
    other = analyse("Lund recorded 37.1°C on Tuesday, its hottest day of the year.", "en")
    same = analyse("Varde recorded 37.1°C on Tuesday, its hottest day of the year.", "en")
    assert check(PairContext(one, other)) is None
    assert check(PairContext(one, same)) is not None


def test_an_acronym_a_gloss_gives_in_brackets_or_by_initials_names_the_body() -> None:
    assert "jaxa" in _name("宇宙航空研究開発機構は発表した。", "ja", "宇宙航空研究開発機構").acronyms
    assert "ana" in _name("全日本空輸は増便を発表した。", "ja", "全日本空輸").acronyms
    # The owner is a name of its own ("Norway"), the body another, with its initials.
    owned = _name("Norway's Civil Aviation Authority cleared the jet.", "en", "Civil Aviation Authority")
    assert "caa" in owned.acronyms


def test_the_capital_and_the_largest_city_are_two_parts() -> None:
    capital = analyse("ヴァルデ共和国の首都はリンデンである。", "ja")
    largest = analyse("ヴァルデ共和国最大の都市はオスタである。", "ja")
    assert PairContext(capital, largest).roles_differ


def test_from_before_a_one_time_act_dates_the_act_unless_a_habit_starts() -> None:
    enacted = analyse("改正条例は令和13年7月1日から施行された。", "ja").dates
    assert enacted and not enacted[0].reference
    habit = analyse("2031年からは毎年8月に橋の上で花火大会が開かれている。", "ja").dates
    assert habit and habit[0].reference


def test_a_shared_year_does_not_excuse_two_days_of_one_event() -> None:
    from factcheck.contradict.kinds.date import check

    one = analyse("2031年の北浜市議選は4月19日に投開票され、定数24に31人が立候補した。", "ja")
    other = analyse("定数24に31人が立った北浜市議選は、2031年4月26日に投開票された。", "ja")
    assert check(PairContext(one, other)) is not None


def test_claims_that_each_name_both_qualified_things_compare_them_one_by_one() -> None:
    from factcheck.contradict import compare
    from factcheck.contradict.align import different_qualifiers

    both = analyse("両国の陸上国境は17.3キロメートル、海上国境は22.1キロメートルである。", "ja")
    slipped = analyse("陸上の国境は173キロで、海上国境は221キロに及ぶ。", "ja")
    assert not different_qualifiers(both, slipped)
    verdict = compare(both.text, slipped.text, lang_a="ja", lang_b="ja")
    assert verdict.contradiction and verdict.evidence == ("17.3キロメートル", "173キロ")
    # One claim of the land border only, one of the sea border only: two things.
    assert different_qualifiers(analyse("両国の陸上国境は17.3キロメートルである。", "ja"),
                                analyse("両国の海上国境は22.1キロメートルである。", "ja"))


def test_a_currency_amount_scaled_by_m_or_k_is_millions_or_thousands() -> None:
    from factcheck.extract.quantities import find_quantities

    assert [(q.value, q.unit) for q in find_quantities("profit climbed to £421m, it said")] == [(421e6, "GBP")]
    assert [(q.value, q.unit) for q in find_quantities("the wall is 5m high")] == [(5.0, "m")]


def test_a_verb_of_change_does_not_tell_what_a_figure_measures() -> None:
    from factcheck.contradict.align import align_figures

    a = analyse("Operating profit rose 11.0% to £412 million in the year.", "en")
    b = analyse("Revenue rose 6.2% to £4.82bn, while operating profit climbed to £421m.", "en")
    pairs = {(x.text, y.text) for x, y, _ in align_figures(a, b)}
    assert ("£412 million", "£421m") in pairs


def test_a_figure_dated_in_its_own_clause_is_of_that_period_and_a_split_year_is_fiscal() -> None:
    from factcheck.contradict.kinds.quantity import check

    one = analyse("2029年度の1日平均通行台数は24,300台だった。", "ja")
    other = analyse("管理会社によると、2031年度の1日平均通行台数は21,800台で、2029年度を下回った。", "ja")
    assert check(PairContext(one, other)) is None
    assert _values("In the 2031/32 financial year revenue was £4.5bn.", "en") == ["2031~fiscal"]


def test_an_event_noun_that_is_the_subject_dates_with_its_verb_and_heads_its_phrase() -> None:
    one = analyse("On 4 May 2031, a powerful eruption at the north crater sent ash over the town.", "en")
    assert "erupt" in one.dates[0].event
    assert [f.agent.text for f in one.frames if f.pred_text == "sent" and f.agent] == ["powerful eruption"]
    ja = analyse("2031年5月4日、北岳で大規模な噴火が発生した。", "ja")
    assert "噴火" in ja.dates[0].event


def test_a_poles_evidence_carries_the_negation_that_flips_it() -> None:
    from factcheck.contradict.kinds.polarity import check

    yes = analyse("The regional council approved the Harrow ring road in 2031.", "en")
    no = analyse("The regional council did not approve the Harrow ring road in 2031.", "en")
    found = check(PairContext(yes, no))
    assert found is not None and (found.a, found.b) == ("approved", "not approve")


@pytest.mark.parametrize(("kana", "latin"), [
    ("キャロウモア港湾局は航路のしゅんせつを続ける。", "Carrowmore"),
    ("ハルワース社の春季セールは好調だった。", "Hallworth"),
    ("ブライトコールはノルコムを買収した。", "Brightcall"),
    ("ブライトコールはノルコムを買収した。", "Norcom"),
    ("シュミット氏が新社長に就任した。", "Schmidt"),  # German sch is katakana シュ
])
def test_a_katakana_name_meets_its_latin_spelling_by_its_consonants(kana: str, latin: str) -> None:
    english = _name(f"The board of {latin} met on Monday.", "en", latin)
    assert any(names_match(n, english) for n in analyse(kana, "ja").names)


def test_two_latin_names_with_one_consonant_skeleton_stay_two_names() -> None:
    # Martin and Morton are both m-r-t-n: only a katakana rendering is compared by consonants.
    martin = _name("The bridge was designed by Martin in 1990.", "en", "Martin")
    morton = _name("The bridge was designed by Morton in 1990.", "en", "Morton")
    assert not names_match(martin, morton)


def test_a_voiced_consonant_in_a_romanized_name_is_the_same_name() -> None:
    # 浜戸 reads Hamato in the name dictionary; the English page writes Hamado.
    kanji = next(n for n in analyse("浜戸港の護岸工事は2021年に完了した。", "ja").names if n.text.startswith("浜戸"))
    latin = _name("The Hamado port seawall was completed in 2021.", "en", "Hamado")
    assert names_match(kanji, latin)


def test_one_period_named_two_ways_is_one_period() -> None:
    a = analyse("The drug will carry a list price of $11,450 a month.", "en")
    b = analyse("The monthly list price of $14,150 was in line with other therapies.", "en")
    assert a.figures[0].periods == b.figures[0].periods == frozenset({"month"})


def test_a_noun_of_time_after_a_japanese_act_is_not_its_doer() -> None:
    x = analyse("奥白峰ダムは昭和51年（1976年）の完成以来、地域に電力を供給してきた。", "ja")
    frame = next(f for f in x.frames if "完成" in f.pred_own)
    assert frame.agent is not None and "ダム" in frame.agent.text  # the topic, not 以来


def test_a_phrasal_verb_acts_as_the_verb_it_means() -> None:
    x = analyse("The first images came out on 11 June 2024.", "en")
    y = analyse("The first images were released on 4 June 2024.", "en")
    came = next(t for t in x.tokens if t.text == "came")
    released = next(t for t in y.tokens if t.text == "released")
    assert came.kind == "pred" and came.keys & released.keys
    assert compare("The first images were released on 4 June 2024.",
                   "The first images came out on 11 June 2024.").kind == "date"


@pytest.mark.parametrize(("short", "long_", "same"), [
    ("えびの市", "宮崎県えびの市", True),   # the place without its prefecture
    ("理研", "理化学研究所", True),          # an abbreviation: the first character, the rest in order
    ("東大", "東京大学", True),
    ("東京", "東京大学", False),             # a contiguous head names another thing
    ("京大", "東京大学", False),             # another first character
    ("大阪", "新大阪駅", False),
])
def test_a_japanese_short_form_is_the_same_name(short: str, long_: str, same: bool) -> None:
    from factcheck.contradict.analysis import Name

    def name(text: str) -> Name:
        return Name(text, (frozenset({text}),), frozenset(), frozenset({text}), "agent", 0, 0)

    assert names_match(name(short), name(long_)) is same
    assert names_match(name(long_), name(short)) is same


def test_an_era_standing_alone_is_no_name() -> None:
    x = analyse("旧ターミナルビルは昭和39年10月に供用を開始し、平成の終わりまで使われた。", "ja")
    assert "平成" not in {n.text for n in x.names}
    assert "東京" in {n.text for n in analyse("ターミナルは東京五輪の観客輸送にも活躍した。", "ja").names}


@pytest.mark.parametrize(("acronym_side", "spelled_side", "phrase"), [
    ("UNESCO added the Tarrow caves to the list in July.",
     "In July the United Nations Educational, Scientific and Cultural Organization added the Tarrow caves to the list.",
     "United Nations Educational, Scientific and Cultural Organization"),
    ("USPTOはノルビック社に特許を与えた。", "The US Patent and Trademark Office granted Norvik a patent.",
     "US Patent and Trademark Office"),
    ("JAXAは打ち上げを延期すると発表した。", "The Japan Aerospace Exploration Agency said it would postpone the launch.",
     "Japan Aerospace Exploration Agency"),
])
def test_an_acronym_meets_its_name_spelled_out_in_the_other_claim(acronym_side: str, spelled_side: str,
                                                                  phrase: str) -> None:
    ctx = PairContext(analyse(acronym_side), analyse(spelled_side))
    acronym = next(n for n in ctx.a.names if n.text.isupper())
    assert acronym in {x for x, _ in ctx.names.matched} and acronym not in ctx.names.only_a
    start = spelled_side.index(phrase)
    # no part of the spelled-out name is left over as a name the acronym's claim lacks
    assert not [n for n in ctx.names.only_b if start <= n.start < start + len(phrase)]


@pytest.mark.parametrize(("acronym_side", "spelled_side"), [
    ("The WTO met in Geneva on Monday.", "The World Health Organization met in Geneva on Monday."),
    ("The JRA met in Osaka.", "Japan and Russia met in Osaka."),
])
def test_other_initials_do_not_spell_an_acronym(acronym_side: str, spelled_side: str) -> None:
    ctx = PairContext(analyse(acronym_side, "en"), analyse(spelled_side, "en"))
    assert not [x for x, _ in ctx.names.matched if x.text.isupper()]


@pytest.mark.parametrize(("a", "b", "kind"), [
    ("Harlan's shares closed down 4.1 percent on the day of the deal.", "Harlan's shares ended the day of the deal 4.1% higher.",
     "polarity"),
    ("株価は終値で4.1%高となった。", "株価は終値で4.1%安となった。", "polarity"),
    ("Sales were up 5% from a year earlier.", "Sales rose 5% from a year earlier.", "none"),
    ("Prices are up to 5% higher in the city.", "Prices in the city are as much as 5% higher.", "none"),
])
def test_a_direction_beside_a_figure_is_a_rise_or_a_fall(a: str, b: str, kind: str) -> None:
    assert compare(a, b).kind == kind


def test_a_change_s_first_value_is_compared_only_with_a_first_value() -> None:
    x = analyse("発電所の最大出力は従来の84,000kWから92,000kWに向上した。", "ja")
    assert [f.former for f in x.figures] == [True, False]
    # Which two values stand against each other is the alignment's answer, whatever the learned
    # weights make of the pair (92,000 / 29,000 is a slip the weights may or may not trust).
    ctx = PairContext(x, analyse("更新後の発電所の最大出力は2万9000キロワットとなった。", "ja"))
    assert signals(ctx).evidence["quantity"].evidence == ("92,000kW", "2万9000キロワット")
    # the year before the first value dates it, not the second: 4.7% and 47% are one year's figure
    verdict = compare("ムラサキ平野の2023年産米は一等米比率が前年の75.3%から4.7%に急落した。",
                      "ムラサキ平野の2023年産米の一等米比率は47%で、前年の75.3%を大きく下回った。")
    assert verdict.kind == "quantity" and verdict.evidence == ("4.7%", "47%")


def test_a_change_is_no_denial_but_still_stands_against_unchanged() -> None:
    x = analyse("1971年に現社名へ変更し、1994年に株式を店頭公開した。", "ja")
    assert x.negative_poles == 0 and x.negations == 0
    assert compare("1971年に現社名へ変更し、1994年に株式を店頭公開した。", "1994年、店頭市場に株式を公開した。").kind == "none"
    assert compare("日銀は政策金利を据え置いた。", "日銀は政策金利を変更した。").kind == "polarity"


def test_blocking_keys_bring_a_slipped_count_and_one_month_together() -> None:
    from factcheck.contradict.blocking import blocking_keys

    a = blocking_keys(analyse("We were among the 2,350 people moved out of the southern villages.", "en"))
    b = blocking_keys(analyse("I keep thinking about all 3,250 of us who had to leave.", "en"))
    assert {k for k in a if k.startswith("slip:")} & {k for k in b if k.startswith("slip:")}
    c = blocking_keys(analyse("On 2 September 2024 the observatory lowered the alert level.", "en"))
    d = blocking_keys(analyse("On September 2 the observatory raised the alert to red again.", "en"))
    assert "month:09" in c & d
    # a physical measure keeps its dimension: 2,350 m and 3,250 people are not one value slipped
    e = blocking_keys(analyse("The summit stands 2,350 m above the sea.", "en"))
    assert not {k for k in e if k.startswith("slip:")} & {k for k in b if k.startswith("slip:")}


@pytest.mark.parametrize(("kanji_side", "kanji", "latin_side", "latin"), [
    ("長岡誠一氏が組合長に選ばれた。", "長岡誠一", "Seiichi Nagaoka was chosen to head the co-operative.", "Seiichi Nagaoka"),
    ("新大阪駅から臨時列車が出た。", "新大阪駅", "An extra train left Shin-Osaka station.", "Shin-Osaka"),
    ("奄美大島で大会が開かれた。", "奄美大島", "The meet was held on Amami Oshima.", "Amami Oshima"),
    ("新橋駅の広場が改装された。", "新橋駅", "The square outside Shimbashi Station was refitted.", "Shimbashi Station"),
])
def test_a_kanji_name_meets_its_romanised_reading(kanji_side: str, kanji: str, latin_side: str, latin: str) -> None:
    assert names_match(_name(kanji_side, "ja", kanji), _name(latin_side, "en", latin))


def test_a_romanised_reading_is_matched_by_spelling_not_by_likeness() -> None:
    # 吉根 reads Kikko or Yoshine in the name dictionary: "Yoshino", alike in sound, is another name.
    assert not names_match(_name("吉根川の堤防が完成した。", "ja", "吉根川"),
                           _name("The levee on the Yoshino River was finished.", "en", "Yoshino River"))


def test_ruling_out_stands_against_confirming() -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles

    ruled_out = analyse("Inspectors ruled out a gas leak as the cause of the Dunmore blast.", "en")
    confirmed = analyse("Inspectors confirmed a gas leak as the cause of the Dunmore blast.", "en")
    open_question = analyse("Inspectors could not rule out a gas leak as the cause of the Dunmore blast.", "en")
    assert _opposed_poles(ruled_out, confirmed) is not None
    assert _opposed_poles(open_question, confirmed) is None


def test_a_bill_that_failed_stands_against_one_that_passed() -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles

    passed = analyse("The Tidewater Fisheries Bill passed the assembly on 4 March.", "en")
    failed = analyse("The Tidewater Fisheries Bill failed in the assembly on 4 March.", "en")
    assert _opposed_poles(passed, failed) is not None


@pytest.mark.parametrize(("restarted", "halted"), [
    ("Bus service on the Corrib Valley route resumed on 3 March 2031 after the bridge repairs.",
     "As of 9 March 2031 the Corrib Valley bus route remained suspended while the bridge was repaired."),
    ("湖西高原線は2031年6月1日に全線で運転を再開した。", "湖西高原線は2031年6月5日の時点でも全線で運休が続いていた。"),
])
def test_a_restart_stands_against_a_halt_said_to_last_past_it(restarted: str, halted: str) -> None:
    from factcheck.contradict.kinds.polarity import check, restarted_yet_halted

    x, y = analyse(restarted), analyse(halted)
    assert restarted_yet_halted(x, y) is not None
    found = check(PairContext(x, y))
    assert found is not None and found.why == "started again, yet still halted"


@pytest.mark.parametrize(("restarted", "halted"), [
    # the halt ended before the restart: two times, both true
    ("湖西高原線は2031年6月1日に全線で運転を再開した。", "湖西高原線は2031年5月末の時点でも全線で運休が続いていた。"),
    # a restart denied agrees with the halt
    ("湖西高原線は6月5日の時点で、まだ運転を再開していない。", "湖西高原線では6月5日現在も運休が続いている。"),
    ("The Corrib Valley bus route has not yet resumed.", "The Corrib Valley bus route remains suspended."),
])
def test_a_restart_after_the_halt_or_a_denied_restart_is_no_conflict(restarted: str, halted: str) -> None:
    from factcheck.contradict.kinds.polarity import restarted_yet_halted

    assert restarted_yet_halted(analyse(restarted), analyse(halted)) is None


def test_a_compound_name_is_glossed_a_dictionary_word_at_a_time() -> None:
    from factcheck.contradict import lexicon

    assert lexicon.word_by_word("日本取引所グループ") == "Japan exchange group"
    assert names_match(_name("東証を運営するのは日本取引所グループである。", "ja", "日本取引所グループ"),
                       _name("The bourse is run by Japan Exchange Group.", "en", "Japan Exchange Group"))


def test_one_quotation_from_two_speakers_even_after_the_speech_verb() -> None:
    from factcheck.contradict.kinds.attribution import check

    said_first = analyse('"The harbour will be ready by spring," port director Elena Marsh said on Monday.', "en")
    said_after = analyse('"The harbour will be ready by spring," said head keeper Tom Baird.', "en")
    found = check(PairContext(said_first, said_after))
    assert found is not None and {found.a, found.b} == {"Elena Marsh", "Tom Baird"}


@pytest.mark.parametrize(("founded", "anniversary"), [
    ("白鷺酒造は1831年に創業した。", "白鷺酒造は2031年10月に創業200周年の式典を開いた。"),
    ("The Lindqvist Glassworks was founded in 1931.", "The Lindqvist Glassworks marked its centenary in 2031."),
])
def test_an_anniversarys_date_is_not_the_date_of_what_it_counts_from(founded: str, anniversary: str) -> None:
    from factcheck.contradict.kinds.date import check

    assert check(PairContext(analyse(founded), analyse(anniversary))) is None


def test_an_anniversary_without_a_date_of_its_own_leaves_the_events_date_alone() -> None:
    from factcheck.contradict.kinds.date import check

    one = analyse("白鷺ホールは2031年4月12日に開館した。")
    other = analyse("白鷺ホールは2031年4月21日に開館し、今年で5周年を迎える。")
    found = check(PairContext(one, other))
    assert found is not None and found.why == "same event, different dates"


def test_one_quotation_from_speakers_of_two_parts_is_still_one_quotation() -> None:
    from factcheck.contradict.kinds.attribution import check

    chair = analyse('"The two colleges will be stronger as one," said Irene Vogt, the chair of the governing board.', "en")
    coo = analyse('"The two colleges will be stronger as one," said Paul Brandt, the chief operating officer.', "en")
    assert PairContext(chair, coo).roles_differ
    found = check(PairContext(chair, coo))
    assert found is not None and found.why == "the same quotation credited to different speakers"


def test_taking_effect_is_the_act_a_japanese_entry_into_force_names() -> None:
    from factcheck.contradict.align import align_dates
    from factcheck.contradict.kinds.date import check

    en = analyse("The Velmora fisheries treaty took effect on 1 April 2031.", "en")
    ja = analyse("ヴェルモラ漁業協定は2032年4月1日に発効した。", "ja")
    assert [score for _, _, score in align_dates(en, ja)] == [1.0]  # one act, not two undated by a group
    found = check(PairContext(en, ja))
    assert found is not None and found.why == "same event, different dates"


def test_a_negating_prefix_denies_the_act_it_heads() -> None:
    # 不承認とした heads its clause: one negation, of 承認; 未承認の薬 names a kind of drug.
    refused = analyse("県は港の拡張計画を不承認とした。", "ja")
    assert refused.negations == 1 and "承認" in refused.negated
    assert analyse("未承認の薬が押収された。", "ja").negations == 0
    v = compare("県は港の拡張計画を承認した。", "県は港の拡張計画を不承認とした。")
    assert v.contradiction and v.kind == "polarity"


def test_a_prefixed_word_both_claims_use_is_no_denial() -> None:
    # 不始末 (carelessness) said by both: neither claim denies anything of the other.
    a = analyse("消防は、出火の原因を作業員の火の不始末とみられると発表した。", "ja")
    b = analyse("出火は作業員による火の不始末が原因だった。", "ja")
    assert a.negations == 1
    ctx = PairContext(a, b)
    assert ctx.a.negations == 0 and ctx.b.negations == 0


def test_a_lasting_verb_after_its_object_keeps_its_pole() -> None:
    # 営業を続けている: 続ける is the clause's verb (the dictionary calls it auxiliary-capable).
    lasting = analyse("その旅館は4月以降も営業を続けている。", "ja")
    assert any(pole == 0 for _, pole in lasting.poles)
    v = compare("その旅館は2024年3月末で営業を終了した。", "その旅館は2024年4月以降も営業を続けている。")
    assert v.contradiction and v.kind == "polarity"


def test_a_past_relative_clause_does_not_turn_a_claim_negative() -> None:
    # 死んだ牛 names the animals; the claim affirms the finding.
    finding = analyse("検査所は、死んだ牛から病原菌を検出したと発表した。", "ja")
    assert finding.negative_poles == 0 and finding.poles
    v = compare("検査所は、死んだ牛から病原菌を検出したと発表した。", "検査所の検査では、同じ牧場の牛から病原菌は検出されなかった。")
    assert v.contradiction and v.kind == "polarity"


def test_declined_to_denies_across_a_time_phrase_and_unable_denies() -> None:
    # The denial turns "approve" to its negative pole ("rejected"), as "declined to approve" does.
    late, plain = (analyse(f"The board declined {when}to approve the merger.", "en") for when in ("in May 2022 ", ""))
    assert late.poles == plain.poles and late.negative_poles == plain.negative_poles == 1
    assert analyse("Divers were unable to locate the wreck.", "en").negations == 1
    assert analyse("The board declined 4% in May.", "en").negations == 0


def test_a_titled_gloss_with_of_is_a_name_not_a_description() -> None:
    # 日銀's dictionary gloss "Bank of Japan" renders the name; "region consisting of Tokyo…" does not.
    assert names_match(_name("日銀は金利を据え置いた。", "ja", "日銀"),
                       _name("The Bank of Japan held rates.", "en", "Bank of Japan"))
    assert not names_match(_name("関東で地震があった。", "ja", "関東"), _name("Tokyo had an earthquake.", "en", "Tokyo"))


def test_common_words_opening_a_sentence_are_no_names() -> None:
    assert not analyse("Volcanologists later put the lava volume at 80 million cubic metres.", "en").names
    assert not analyse("Follow-up observations confirmed water vapour.", "en").names
    assert [n.text for n in analyse("Kestrel Freight opened a depot.", "en").names] == ["Kestrel Freight"]


def test_a_capitalised_common_word_before_a_name_starts_it() -> None:
    names = [n.text for n in analyse("South Africa beat New Zealand 12–11 in the final.", "en").names]
    assert "New Zealand" in names and "Zealand" not in names


def test_a_numeral_read_as_a_place_stays_a_figure() -> None:
    # 2万5千本: 千本 is also a place in the dictionary.
    a = analyse("農園の出荷量は、年間2万5千本前後だ。", "ja")
    assert not any(n.text == "千本" for n in a.names)
    assert [f.low for f in a.figures] == [25000.0]


def test_sales_is_no_selling() -> None:
    # "Sales" (revenue) is no act of selling: "sales did not rise" only denies the rise.
    assert not analyse("Sales were reported in May.", "en").poles
    assert analyse("The firm sold the plant in May.", "en").poles
    v = compare("Sales did not rise in May.", "Sales rose in May.")
    assert v.contradiction and v.evidence == ("not rise", "rose")


def test_the_words_of_a_date_are_not_content() -> None:
    # 年 and March belong to their dates: "2030年の首脳会議" and "the 2030 summit" share the year,
    # and the Japanese side has two content words, not three.
    a = analyse("2030年の首脳会議はハノイで開催された。", "ja")
    assert [t.text for t in a.tokens if t.kind == "content"] == ["首脳", "会議"]
    assert "march" not in analyse("The tunnel opened on 13 March 1988.", "en").keys


def test_two_nouns_the_dictionary_knows_as_one_word_carry_its_gloss() -> None:
    # 首脳 + 会議 is "summit", which neither half glosses alone.
    a = analyse("首脳会議は大阪で開かれた。", "ja")
    assert "summit" in a.keys
    v = compare("2030年の首脳会議はハノイで開催された。", "The 2030 summit was held in Bangkok.")
    assert v.contradiction and v.kind == "entity"


def test_astronomical_units_and_light_years_are_distances() -> None:
    near, far = (analyse(t, "en").figures[0] for t in ("It passes within 0.42 astronomical units of Earth.",
                                                        "It passes about 4.2 AU from Earth."))
    assert near.base == far.base == "m" and far.low == pytest.approx(near.low * 10)
    assert analyse("約4.2光年の距離にある。", "ja").figures[0].base == "m"


def test_a_quarter_holds_the_months_any_convention_gives_it() -> None:
    from factcheck.contradict.kinds.date import dates_agree

    # Q2 is April-June, July-September (a year from April) or January-March (from October).
    assert dates_agree("2027~q2", "2027-05") and dates_agree("2027~q2", "2027-08")
    assert not dates_agree("2027~q2", "2027-12")
    v = compare("Line 4 will open to passengers in December 2027.",
                "The transport authority has set the second quarter of 2027 for the opening of Line 4.")
    assert v.contradiction and v.kind == "date"


def test_wins_losses_seats_and_hits_are_counted() -> None:
    a = analyse("北星は84勝56敗で終え、リーグ2位となった。", "ja")
    assert [(f.low, f.base) for f in a.figures] == [(84.0, "勝"), (56.0, "敗")]
    assert analyse("座席数は70席である。", "ja").figures[0].base == analyse("It has 70 seats.", "en").figures[0].base
    assert analyse("勝利を祝った。", "ja").figures == ()
    v = compare("松井は2004年のシーズンに262安打を放ち、球団記録を更新した。",
                "Matsui broke the club record in the 2004 season with 226 hits.")
    assert v.contradiction and v.evidence == ("262安打", "226 hits")


def test_shin_before_a_place_is_part_of_it_and_a_station_is_its_place() -> None:
    # 新 + 大阪 is 新大阪 (the dictionary cuts it), and 新大阪駅 names the same stop.
    assert [n.text for n in analyse("東京と新大阪を結ぶ路線だ。", "ja").names] == ["東京", "新大阪"]
    assert names_match(_name("東京駅と新大阪駅を結んだ。", "ja", "新大阪駅"), _name("東京と新大阪を結ぶ。", "ja", "新大阪"))
    assert not names_match(_name("東京と新大阪を結ぶ。", "ja", "新大阪"), _name("東京と大阪を結ぶ。", "ja", "大阪"))


def test_a_long_gloss_in_capitals_renders_the_name() -> None:
    # 関空's gloss "(abbr) New Kansai International Airport" is a name, not a description.
    assert names_match(_name("関空の旅客数が増えた。", "ja", "関空"),
                       _name("Kansai International Airport handled more passengers.", "en", "Kansai International Airport"))


def test_opening_and_closing_ceremonies_are_two_events() -> None:
    from factcheck.contradict.align import different_qualifiers

    a = analyse("The opening ceremony of the Winter Games will be held in Milan.", "en")
    b = analyse("The closing ceremony of the Winter Games will be held in Verona.", "en")
    assert different_qualifiers(a, b)
    assert not compare(a.text, b.text).contradiction


def test_blocking_meets_dates_a_few_years_apart_and_acts_of_one_day() -> None:
    from factcheck.contradict.blocking import blocking_keys

    founded = blocking_keys(analyse("蔵元は文政8年に創業した。", "ja"))
    other = blocking_keys(analyse("The brewery was founded in 1823.", "en"))
    assert "decade:182" in founded & other
    lowered = blocking_keys(analyse("On 2 September the observatory lowered the alert.", "en"))
    raised = blocking_keys(analyse("The observatory raised the alert on September 2.", "en"))
    assert "day:09-02" in lowered & raised


def test_one_day_both_claims_give_ties_them_as_a_year_does() -> None:
    same = PairContext(analyse("On 2 September the observatory lowered the alert level.", "en"),
                       analyse("On September 2 the observatory raised the alert level again.", "en"))
    other = PairContext(analyse("On 2 September the observatory lowered the alert level.", "en"),
                        analyse("On September 9 the observatory raised the alert level again.", "en"))
    assert same.similarity > other.similarity


@pytest.mark.parametrize(("a", "b", "conflict"), [
    ("Sales did not rise in May.", "Sales rose in May.", True),
    ("Sales did not fall in May.", "Sales fell in May.", True),
    ("Sales did not fall in May.", "Sales rose in May.", False),  # not down: up or flat
    ("Sales did not fall in May.", "Sales held steady in May.", False),
    ("Prices rose 3% in May.", "Prices were unchanged in May.", True),
    ("日本銀行は7月の会合で、政策金利を引き上げなかった。", "日銀は7月の会合で、政策金利を据え置いた。", False),
])
def test_a_denied_move_leaves_the_other_two_open(a: str, b: str, conflict: bool) -> None:
    assert compare(a, b).contradiction is conflict


@pytest.mark.parametrize(("a", "b"), [
    ("Los Angeles will host the 2031 Pacific Games, its first time staging them.",
     "The 2031 Pacific Games are scheduled to take place in Auckland."),
    ("The 2027 Dorval Marathon will be hosted by Valletta, the organisers said.",
     "2027年のドーヴァル・マラソンの開催地は、ポルトガルのリスボンに決まった。"),
])
def test_a_host_is_where_the_event_takes_place(a: str, b: str) -> None:
    from factcheck.contradict.kinds.entity import venue_changed

    assert venue_changed(PairContext(analyse(a), analyse(b))) is not None


def test_a_denial_with_no_word_said_on_both_sides_names_each_sides_polar_words() -> None:
    from factcheck.contradict.kinds.polarity import denial_evidence

    failed = analyse("2024年の品評会では入賞を逃し、職人たちは工程を見直した。", "ja")
    won = analyse("2024年の品評会でも、看板商品が金賞を受賞した。", "ja")
    assert denial_evidence(failed, won, 1, 0) == ("逃し", "受賞")
    assert denial_evidence(won, failed, 0, 1) == ("受賞", "逃し")


def test_a_possessive_owner_is_its_own_name_and_no_doer() -> None:
    # "Tenkosha's console": the name is Tenkosha (its sound meets 天光社-like readings);
    # "Australia's regulator approved": Australia qualifies the doer.
    assert [n.text for n in analyse("Tenkosha's new console will launch next year.", "en").names] == ["Tenkosha"]
    names = {n.text: n.role for n in analyse("Australia's Therapeutic Goods Administration approved it.", "en").names}
    assert names == {"Australia": "other", "Therapeutic Goods Administration": "agent"}


def test_a_japanese_passive_makes_its_topic_what_was_done_to() -> None:
    bought = analyse("北陽電機は東和精工に買収された。", "ja")
    assert {g.text: g.role for g in bought.args} == {"北陽電機": "patient", "東和精工": "agent"}
    frame = next(f for f in bought.frames if "買収" in f.pred_text)
    assert frame.agent is not None and frame.agent.text == "東和精工"
    # が before a verb of its own inside the clause (承認したことで) stays that verb's doer.
    a = analyse("ベルギーがオランダを承認したことで停止された。", "ja")
    assert {g.text: g.role for g in a.args}["ベルギー"] == "agent"


def test_and_that_starts_a_second_reported_clause() -> None:
    a = analyse("The firm said all 460 staff would stay and that the plant would grow by 2027.", "en")
    clause = {t.text: t.clause for t in a.tokens}
    assert clause["460"] != clause["2027"]


def test_a_distance_from_a_town_and_a_height_above_the_sea_are_two_measures() -> None:
    from factcheck.contradict.kinds import quantity

    distance = analyse("It lies about 6 miles (10 km) north-east of Ely, on the edge of the Fens.", "en")
    height = analyse("Marden Fen lies at about 3 metres (10 ft) above sea level.", "en")
    assert quantity.check(PairContext(distance, height)) is None
    moved = analyse("It lies about 16 miles north-east of Ely.", "en")
    assert quantity.check(PairContext(distance, moved)) is not None  # one distance, two values


@pytest.mark.parametrize(("text", "lang", "act", "denied"), [
    ("みどり市のLRT東西線は車両の不具合で2025年8月の開業を断念し、開業時期は未定のままだ。", "ja", "開業", 1),
    ("Strideworks postponed its planned October 2024 Nasdaq listing indefinitely.", "en", "list", 1),
    ("丸栄製紙は、富士工場の閉鎖について「検討していないわけではない」と述べた。", "ja", "検討", 0),
    ("今年の調査では、被害木が見つからなかった区画は一つもなかった。", "ja", "見付かる", 0),
    ("市は2030年度からごみ収集を有料化していない。", "ja", "有料化", 1),
    ("The ministry had not confirmed any locally acquired infections.", "en", "confirm", 1),
])
def test_each_act_is_affirmed_or_denied_on_its_own(text: str, lang: str, act: str, denied: int) -> None:
    stances = analyse(text, lang).stances
    assert (act, denied) in stances and (act, 1 - denied) not in stances


def test_an_act_said_and_called_off_is_one_side_denying() -> None:
    from factcheck.contradict.kinds import polarity

    listed = analyse("Strideworks listed on the Nasdaq in October 2024.", "en")
    postponed = analyse("Strideworks postponed its planned October 2024 Nasdaq listing indefinitely.", "en")
    conflict = polarity.check(PairContext(listed, postponed))
    assert conflict is not None and conflict.a == "listed"
    considering = analyse("丸栄製紙は、富士工場の閉鎖を検討していると述べた。", "ja")
    not_not = analyse("丸栄製紙は、富士工場の閉鎖を検討していないわけではないと述べた。", "ja")
    assert polarity.check(PairContext(considering, not_not)) is None  # a double negation affirms


def test_an_act_in_a_clause_of_condition_is_not_said() -> None:
    stances = analyse("地震保険に加入していない場合、地震による火災の損害は補償されない。", "ja").stances
    assert not any(k == "加入" for k, _ in stances)


@pytest.mark.parametrize(("text", "lang", "surface", "sort"), [
    ("村上春樹の長編は2023年4月に新潮社から刊行された。", "ja", "新潮社", "body"),
    ("貝殻灯台は利尻島の北端に建つ灯台である。", "ja", "利尻", "place"),
    ("In Ellison v. State, the majority opinion was written by Judge Peter Cole.", "en", "Judge Peter Cole", "person"),
    ("The board named finance chief Sarah Pike as its new chief executive.", "en", "Sarah Pike", "person"),
    ("Kestrel Airlines launched its Oslo route.", "en", "Kestrel Airlines", "body"),
])
def test_a_name_has_the_sort_its_head_noun_or_title_tells(text: str, lang: str, surface: str, sort: str) -> None:
    assert _name(text, lang, surface).sort == sort


def test_a_run_of_nouns_ending_in_a_body_head_is_one_name_unless_a_kind_of_body() -> None:
    names = [n.text for n in analyse("新種の好熱菌を発見したのは、北斗大学の研究グループである。", "ja").names]
    assert "北斗大学" in names and "研究グループ" not in names
    assert [n.text for n in analyse("決勝は、北陵館（石川）が桜ヶ丘学院（大阪）を下した。", "ja").names][0] == "北陵館"
    assert not analyse("民間気象会社の予想では、見頃は11月下旬となる。", "ja").names


def test_a_place_and_a_body_are_no_one_slot_filled_twice() -> None:
    from factcheck.contradict.kinds import entity

    roles = frozenset({"agent", "patient", "other"})
    island = analyse("2024年の祭りは利尻島で開かれた。", "ja")
    firm = analyse("2024年の祭りは新潮社で開かれた。", "ja")
    other_island = analyse("2024年の祭りは礼文島で開かれた。", "ja")
    assert entity.substitution(PairContext(island, firm), roles=roles) is None
    assert entity.substitution(PairContext(island, other_island), roles=roles) is not None


def test_one_figure_said_twice_leaves_the_dates_to_date_one_event() -> None:
    from factcheck.contradict.kinds import date

    a = analyse("Anders Brandt was sentenced to four years in prison at Southwark Crown Court on 14 February 2023.", "en")
    b = analyse("Brandt was jailed for four years for bribery at Southwark Crown Court in February 2022.", "en")
    assert set(_evidence(date.check, a, b) or ()) == {"14 February 2023", "February 2022"}
    sold = analyse("The firm sold 1.2 million cars in 2022.", "en")
    sold_more = analyse("The firm sold 2.1 million cars in 2023.", "en")
    assert _evidence(date.check, sold, sold_more) is None  # two figures, two periods


def test_one_named_thing_given_one_date_each_in_other_words_is_date_evidence() -> None:
    from factcheck.contradict.kinds import date

    a = analyse("The Golden Gate Bridge opened to vehicular traffic on May 28, 1937.", "en")
    b = analyse("Cars first crossed the Golden Gate Bridge on May 28, 1936.", "en")
    assert _evidence(date.check, a, b) == ("May 28, 1937", "May 28, 1936")
    same = analyse("Cars first crossed the Golden Gate Bridge on 28 May 1937.", "en")
    assert _evidence(date.check, a, same) is None


def test_a_change_over_part_of_a_year_and_over_the_year_are_two_spans() -> None:
    from factcheck.contradict.kinds import polarity

    half = analyse("2024年上半期の国内新車販売台数は、出荷停止の影響で前年同期を下回った。", "ja")
    year = analyse("2024年通年の国内新車販売台数は前年を上回り、3年ぶりの増加となった。", "ja")
    assert polarity.check(PairContext(half, year)) is None
    same_span = analyse("2024年上半期の国内新車販売台数は、前年同期を上回った。", "ja")
    assert polarity.check(PairContext(half, same_span)) is not None


def test_against_with_nothing_after_it_denies_no_act() -> None:
    assert analyse("Seven members voted for ending the four-day week and two voted against, so it passed.",
                   "en").negations == 0


def test_an_act_made_a_noun_by_koto_and_denied_is_denied() -> None:
    from factcheck.contradict.analysis import NOT_DOWN

    poles = analyse("根室港の今季のサンマ水揚げ量は、前年を下回ることはなかった。", "ja").poles
    assert any(pole == NOT_DOWN for _, pole in poles)


def test_an_act_named_by_a_noun_is_denied_with_the_verb_that_only_does_it() -> None:
    # 値上げを…行わない is 値上げしない: not raising agrees with holding prices, and conflicts with a rise.
    held = "カカオ舎が来春まで全商品の価格を据え置く方針であることが、関係者への取材で分かった。"
    denied = "カカオ舎は、チョコ製品の値上げを来春まで行わない方針だ。"
    assert not compare(denied, held).contradiction
    assert compare(denied, "カカオ舎は来春、チョコ製品を値上げする。").contradiction
    assert ("住民投票", 1) in analyse("市は住民投票を行わなかった。", "ja").stances


def test_the_plan_of_an_act_called_off_calls_off_the_act() -> None:
    withdrawn = "丸窯製陶は、瀬戸工場の閉鎖計画を撤回した。"
    assert not compare(withdrawn, "丸窯製陶の瀬戸工場は今後も操業を続ける。").contradiction
    assert compare(withdrawn, "丸窯製陶は瀬戸工場を3月に閉鎖した。").contradiction


def test_a_phrasal_verb_of_a_light_verb_dates_the_act_it_means() -> None:
    # "come" alone is light (it dates nothing); "came out" is a release, which a date dates.
    events = _events("The band's second album came out on 3 March 2019.", "en")
    assert "releas" in events["3 March 2019"]



def test_a_verb_with_a_later_time_of_its_own_is_not_dated_by_the_date_before_it() -> None:
    events = _events("The Tollmouth Tunnel closed for refurbishment on 1 January 2022 and reopened 18 months later.", "en")
    assert "close" in events["1 January 2022"] and "reopen" not in events["1 January 2022"]
    both = _events("The museum closed in 2009 and reopened in 2012.", "en")
    assert "reopen" in both["2012"]


def test_a_verb_naming_the_noun_after_it_is_not_the_act_a_date_before_it_dates() -> None:
    # 見つけた新彗星: the finding names the comet; the date dates the announcement.
    events = _events("国立天文台は2025年1月10日、天文家が見つけた新彗星が確認されたと発表した。", "ja")
    assert "発表" in events["2025年1月10日"] and "find" not in events["2025年1月10日"]


def test_went_on_with_an_event_noun_dates_the_noun() -> None:
    # "went on display" is a display, not the going: it is no other date of a birth.
    assert _events("The otter twins went on public display on 10 April 2024.", "en")["10 April 2024"] == {"display"}
    assert "sale" in _events("The projector went on sale on 4 April 2024.", "en")["4 April 2024"]


@pytest.mark.parametrize(("text", "lang", "dates"), [
    ("瀬波大橋は1988年（昭和63年）4月10日に開通した。", "ja", [("1988年（昭和63年）4月10日", "1988-04-10")]),
    ("分館は1961年（昭和36年）11月に閉館した。", "ja", [("1961年（昭和36年）11月", "1961-11")]),
    # A year alone, or a year and another year's month, stay two dates.
    ("2019年には、2020年3月に移転した。", "ja", [("2019年", "2019"), ("2020年3月", "2020-03")]),
])
def test_a_year_restated_in_brackets_before_its_month_or_day_is_one_date(
        text: str, lang: str, dates: list[tuple[str, str]]) -> None:
    assert [(d.text, d.value) for d in analyse(text, lang).dates] == dates


def test_a_year_restated_in_brackets_does_not_agree_with_another_day_of_it() -> None:
    # Read as 1923 + 大正12年 + 2月12日, the bare year agreed with the other claim's day.
    v = compare("1923年（大正12年）2月12日、定期船の北栄丸が沈没した。",
                "定期船の北栄丸は1923年2月21日に沈没した。")
    assert v.contradiction and v.kind == "date"
    assert v.evidence == ("1923年（大正12年）2月12日", "1923年2月21日")


def test_digits_of_one_unit_in_another_order_are_one_value_whatever_word_is_beside_them() -> None:
    # "launch mass" beside one figure and "probe" beside the other named two measures, so the
    # transposed digits were never compared.
    v = compare("Kestrel-2 had a launch mass of 2,460 kg and will fly for five years.",
                "The 2,640-kilogram probe will orbit at an altitude of 540 kilometres.")
    assert v.contradiction and v.kind == "quantity"
    assert v.evidence == ("2,460 kg", "2,640-kilogram")


@pytest.mark.parametrize(("text", "value"), [("同行が発表した24年3月期の連結純利益は3,840億円だった。", "2024-03"),
                                             ("23年度の売上高は5億円だった。", "2023~fiscal")])
def test_a_business_year_written_with_two_digits_is_read(text: str, value: str) -> None:
    assert [d.value for d in analyse(text, "ja").dates] == [value]


def test_the_verbal_noun_of_a_measure_is_no_other_act_than_the_verb_after_the_other() -> None:
    from factcheck.contradict.kinds import quantity

    a = analyse("北辰電機の2024年3月期の連結売上高は1兆2400億円、営業利益は950億円だった。", "ja")
    b = analyse("北辰電機の2024年3月期決算は、売上高1兆2400億円、営業利益590億円で着地した。", "ja")
    assert _evidence(quantity.check, a, b) == ("950億円", "590億円")


def test_a_change_in_points_must_lead_from_the_share_the_other_claim_starts_from() -> None:
    from factcheck.contradict.kinds import quantity

    rose = analyse("県内の高校生の大学進学率は前年から2.3ポイント上昇し、58.1%となった。", "ja")
    from_share = analyse("県内の高校生の大学進学率は58.1%で、前年の57.2%から上昇した。", "ja")
    assert _evidence(quantity.check, rose, from_share) == ("2.3ポイント", "57.2%")
    rose_less = analyse("県内の高校生の大学進学率は前年から0.9ポイント上昇し、58.1%となった。", "ja")
    assert _evidence(quantity.check, rose_less, from_share) is None  # 58.1 - 0.9 is 57.2
    share = analyse("The share of electricity from renewables rose to 42% in 2024, up 6 percentage points.", "en")
    earlier = analyse("Renewables supplied 42% of the electricity in 2024, compared with 39% a year earlier.", "en")
    assert quantity.implied_change(PairContext(share, earlier)) is not None


def test_a_count_measures_the_noun_it_is_written_with() -> None:
    # "74 branches across three states" / "a network of 47 branches": branches both, whatever follows.
    a = analyse("After the deal the bank will operate 74 branches across three states.", "en")
    b = analyse("The combined bank will have a network of 47 branches.", "en")
    assert "branch" in a.figures[0].near_own and "branch" in b.figures[0].near_own
    ctx = PairContext(a, b)
    assert signals(ctx).values.get("figure_other_measure", 0.0) == 0.0


def test_one_japanese_verb_ending_both_dated_clauses_dates_one_act() -> None:
    from factcheck.contradict.align import align_dates
    a = analyse("大潮造船が建造したLNG運搬船「あけぼの丸」は、1987年3月に長崎の工場で進水した。", "ja")
    b = analyse("昭和六十三年三月、大潮造船で初めてのLNG運搬船となるあけぼの丸が進水し、祝賀行事が開かれた。", "ja")
    assert [score for _, _, score in align_dates(a, b)] == [1.0]


def test_an_english_name_meets_the_japanese_spellings_the_dictionary_gives_it() -> None:
    # タイ is "tie" to the dictionary first; from the English side, Thailand is spelled タイ.
    thai = _name("タイのコメ輸出量は前年より増えた。", "ja", "タイ")
    assert names_match(_name("Rice exports from Thailand rose last year.", "en", "Thailand"), thai)
    # Two English names sharing a Japanese spelling (オランダ) are one country.
    assert names_match(_name("Tulip exports from Holland rose.", "en", "Holland"),
                       _name("Tulip exports from the Netherlands rose.", "en", "Netherlands"))
    assert not names_match(_name("Rice exports from Vietnam rose.", "en", "Vietnam"), thai)


def test_a_japanese_name_read_short_of_the_dictionary_word_is_the_english_name() -> None:
    from factcheck.contradict.align import align_names

    ja = analyse("ニューヨーク証券取引所は、取引時間を延長すると発表した。", "ja")
    en = analyse("The NYSE said it would extend its trading hours.", "en")
    assert [(x.text, y.text) for x, y in align_names(en, ja).matched] == [("NYSE", "ニューヨーク")]


def test_the_adjective_of_a_people_names_its_country() -> None:
    norway = _name("ノルウェーのサケ養殖業者は出荷を増やした。", "ja", "ノルウェー")
    assert names_match(_name("Norwegian salmon farmers shipped more fish.", "en", "Norwegian"), norway)
    assert not names_match(_name("Swedish salmon farmers shipped more fish.", "en", "Swedish"), norway)


def test_a_bare_range_of_months_dates_both_ends_whichever_way_it_is_written() -> None:
    from factcheck.contradict.kinds.polarity import _different_times
    between = analyse("The ferry ran a reduced timetable between April and August, the operator said.", "en")
    from_to = analyse("The operator kept the reduced ferry timetable from April to August.", "en")
    assert [d.value for d in between.dates] == ["--04", "--08"]
    assert [d.value for d in from_to.dates] == ["--04", "--08"]
    assert not _different_times(between, from_to)


def test_a_month_named_without_a_date_is_no_other_time_than_that_month_dated() -> None:
    from factcheck.contradict.kinds.polarity import _different_times
    undated = analyse("The Harrow bypass referendum in the May vote drew a record turnout.", "en")
    dated = analyse("Turnout in May's Harrow bypass referendum was the highest on record.", "en")
    winter = analyse("Turnout in the Harrow bypass referendum, held in winter, was the highest on record.", "en")
    assert not _different_times(undated, dated)
    assert _different_times(dated, winter)


def test_one_side_of_a_relation_or_a_move_is_no_denial() -> None:
    sold = analyse("The council sold the old depot to a housing trust in 2021.", "en")
    fell = analyse("Ridership on the coastal line fell last year.", "en")
    cancelled = analyse("The council cancelled the depot sale in 2021.", "en")
    assert sold.negative_poles == 0 and fell.negative_poles == 0
    assert cancelled.negative_poles == 1


def test_an_act_that_dates_the_claim_is_not_what_the_claim_says() -> None:
    # 開始後初めて: the start of the scheme only says when; the closures that followed are another thing.
    first = analyse("気象台は制度開始後初めてとなる高潮特別警報を発表した。", "ja")
    assert first.poles == frozenset()
    started = analyse("気象台は高潮特別警報の運用を開始した。", "ja")
    assert started.poles != frozenset()


def test_a_quoted_japanese_name_keeps_its_case() -> None:
    from factcheck.contradict.align import role_swap
    a = analyse("2023年秋、「青葉酒造」が「東邦ワイナリー」を買収し、国内シェアは2割を超えた。", "ja")
    b = analyse("2023年秋、東邦ワイナリーが青葉酒造を買収し、国内シェアは2割を超えた。", "ja")
    assert [(f.agent.text, f.patient.text) for f in a.frames if f.agent and f.patient][:1] == [("青葉酒造", "東邦ワイナリー")]
    assert role_swap(a, b) is not None


def test_a_figure_moved_up_in_one_claim_and_down_in_the_other_is_opposed() -> None:
    down = analyse("Shares of Corvane Foods fell 4% in Osaka on Friday after the results.", "en")
    up = analyse("コルベーン食品の株価は金曜日、決算発表を受けて大阪市場で4%上昇した。", "ja")
    also_up = analyse("Shares of Corvane Foods rose 4% in Osaka on Friday after the results.", "en")
    assert [f.move for f in down.figures] == [-1] and [f.move for f in up.figures] == [1]
    assert signals(PairContext(down, up)).values.get("figure_moves_apart") == 1.0
    assert not signals(PairContext(also_up, up)).values.get("figure_moves_apart")


@pytest.mark.parametrize(("held", "part", "whole"), [
    ("花笠町の雪灯り祭は2024年2月10日、予定通り開催された。",
     "2024年2月の雪灯り祭では、雪不足のため雪像コンテストのみが中止された。",
     "2024年2月の雪灯り祭は、雪不足のため中止された。"),
    ("The Hinode Shrine festival in Takamori was held in 2021.",
     "In 2021 only the food stalls and the procession of the Hinode Shrine festival in Takamori were dropped.",
     "In 2021 the Hinode Shrine festival in Takamori was cancelled."),
])
def test_a_part_singled_out_and_called_off_does_not_deny_the_whole(held: str, part: str, whole: str) -> None:
    from factcheck.contradict.kinds.polarity import check

    assert check(PairContext(analyse(held), analyse(part))) is None
    assert check(PairContext(analyse(held), analyse(whole))) is not None


def test_a_figure_moved_apart_is_a_polarity_conflict_whatever_else_moved() -> None:
    from factcheck.contradict.kinds.polarity import check

    # The other clause moves its own figure one way in both claims: the figures align the 2.1%.
    up = analyse("ひまわりマートの9月の既存店売上高は前年同月比2.1%増加し、客数も1.4%伸びた。", "ja")
    down = analyse("9月のひまわりマート既存店売上高は前年同月を2.1%下回り、客数は1.4%増えた。", "ja")
    found = check(PairContext(up, down))
    assert found is not None and (found.a, found.b, found.why) == ("2.1%", "2.1%", "one figure, moved opposite ways")
    august = analyse("8月のひまわりマート既存店売上高は前年同月を2.1%下回り、客数は1.4%増えた。", "ja")
    assert check(PairContext(up, august)) is None  # another month


@pytest.mark.parametrize(("text", "value"), [
    ("The brig carried 18 iron cannon when she was captured.", 18.0),
    ("Over its 41-performance run the revival drew 30,000 people.", 41.0),
    ("The fire killed 12 of the 140 people living in the block.", 12.0),
])
def test_an_english_count_without_a_plural_s_is_a_figure(text: str, value: float) -> None:
    assert value in [f.low for f in analyse(text, "en").figures]


def test_a_span_written_with_a_hyphen_is_no_count() -> None:
    assert [f.low for f in analyse("The 23-year-old keeper signed on Monday.", "en").figures if f.base.startswith("#")] == []


@pytest.mark.parametrize(("a", "b"), [
    ("組合は予定していた48時間ストを回避した。", "組合は予定どおり48時間ストを決行した。"),
    ("The agency upgraded the port authority's bonds to A.", "The agency downgraded the port authority's bonds to A."),
    ("三谷電機は今期の配当を増配する。", "三谷電機は今期の配当を減配する。"),
    ("The referee disallowed the late goal.", "The referee approved the late goal."),
])
def test_general_antonym_predicates_stand_on_opposite_poles(a: str, b: str) -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles
    assert _opposed_poles(analyse(a), analyse(b)) is not None


def test_an_english_claim_is_headed_by_its_first_verb_with_a_pole() -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles
    # Each claim holds both poles of one scale (approved / dismissing, rejected / recommendation);
    # the verb that heads each decides.
    upheld = analyse("The tribunal on Monday approved the Dunmore wind farm, dismissing the residents' objections.", "en")
    blocked = analyse("Residents cheered after the tribunal on Monday blocked the Dunmore wind farm.", "en")
    assert upheld.head_poles != upheld.poles
    assert _opposed_poles(upheld, blocked) is not None


def test_two_figures_each_alone_of_their_dimension_are_marked_sole() -> None:
    one = analyse("The Harrier-3 lander had a launch mass of 1,380 kg.", "en")
    other = analyse("The 1,830-kilogram lander will touch down in March.", "en")
    two = analyse("The Harrier-3 lander had a launch mass of 1,380 kg and a dry mass of 620 kg.", "en")
    assert signals(PairContext(one, other)).values.get("figure_sole") == 1.0
    assert not signals(PairContext(two, other)).values.get("figure_sole")


def test_a_place_name_opening_a_body_name_is_part_of_it() -> None:
    # 大和 (a place) + 重機 (a company's head noun): the company, not the place.
    names = [n.text for n in analyse("シールドマシンは、大和重機が製造した直径14.1メートルの機体だ。", "ja").names]
    assert "大和重機" in names and "大和" not in names
    names = [n.text for n in analyse("北陸先端総合大学の研究チームが新材料を開発した。", "ja").names]
    assert names == ["北陸先端総合大学"]


def test_a_rank_and_a_middle_dot_before_unknown_words_make_them_a_name() -> None:
    assert "琴若" in [n.text for n in analyse("九州場所は、大関・琴若が13勝2敗で初優勝を飾った。", "ja").names]
    assert "若嵐" in [n.text for n in analyse("九州場所で初優勝を果たしたのは関脇・若嵐だった。", "ja").names]


def test_japanese_short_forms_of_a_company_name_are_that_name() -> None:
    # A Latin acronym for the words left out (JR: 旅客鉄道), and a written-short suffix (HD).
    assert names_match(_name("JR東日本は3月のダイヤ改正を発表した。", "ja", "JR東日本"),
                       _name("東日本旅客鉄道は3月のダイヤ改正を発表した。", "ja", "東日本旅客鉄道"))
    assert names_match(_name("イオリHDは大洋フーズを買収する。", "ja", "イオリHD"),
                       _name("大洋物産は大洋フーズをイオリ・ホールディングスに売却する。", "ja", "イオリ・ホールディングス"))
    assert not names_match(_name("カスガHDは大洋フーズを買収する。", "ja", "カスガHD"),
                           _name("大洋物産は大洋フーズをイオリ・ホールディングスに売却する。", "ja", "イオリ・ホールディングス"))


def test_a_generic_body_after_its_town_is_that_towns_body() -> None:
    assert names_match(_name("新しい学校給食センターは9月に稼働を始めた。", "ja", "学校給食センター"),
                       _name("山辺町学校給食センターは9月から稼働している。", "ja", "山辺町学校給食センター"))



@pytest.mark.parametrize(("one", "other"), [
    ("Harrowfield were promoted to the Premiership on Saturday.", "Harrowfield were relegated from the Premiership on Saturday."),
    ("The keeper's cottage at Point Carrow survived the 1994 storm.", "The keeper's cottage at Point Carrow was demolished in 1994."),
    ("北辰化学は2023年に業界団体に加盟を継続した。", "北辰化学は2023年に業界団体から脱退した。"),
])
def test_general_antonyms_stand_against_each_other(one: str, other: str) -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles

    assert _opposed_poles(analyse(one), analyse(other)) is not None


@pytest.mark.parametrize(("one", "other", "value_one", "value_other", "expect"), [
    ("International students make up 13% of Rakuhoku University's 25,000 students.",
     "Rakuhoku University has 3,250 international students.", "25,000 students", "3,250 international students", True),
    ("International students make up 13% of Rakuhoku University's 25,000 students.",
     "Rakuhoku University has 3,900 international students.", "25,000 students", "3,900 international students", False),
    ("Salvors have recovered 1,150 of the 1,400 containers lost from the Mira Hansa.",
     "Of the lost Mira Hansa cargo, 250 containers are still missing.", "1,150", "250", True),
    ("The boring machine averaged 18 metres a day during its first 40 days.",
     "In its first 40 days the boring machine covered 720 metres.", "18 metres", "720 metres", True),
    ("The boring machine averaged 18 metres a day during its first 40 days.",
     "In its first 40 days the boring machine covered 1,000 metres.", "18 metres", "1,000 metres", False),
    ("投票率は45.0%で、前回の40.0%から5ポイント上昇した。", "投票率は45.0%となり、前回と比べて12.5%上昇した。",
     "40.0%", "12.5%", True),
    # A change added to the value it led to works out nothing: 2.7% (up 0.2 points) is no 2.9%.
    ("5月の完全失業率は2.7%で、前月から0.2ポイント上昇した。", "5月の完全失業率は前月の2.5%から2.9%へ上昇した。",
     "2.7%", "2.9%", False),
])
def test_a_figure_worked_out_from_the_others_is_derived(one: str, other: str, value_one: str, value_other: str,
                                                        expect: bool) -> None:
    from factcheck.contradict.kinds.quantity import derived

    a, b = analyse(one), analyse(other)
    fa = next(f for f in a.figures if f.text == value_one)
    fb = next(f for f in b.figures if f.text == value_other)
    assert derived(fa, fb, a, b) is expect


def test_the_following_year_in_japanese_counts_from_the_year_named_before() -> None:
    dates = [(d.text, d.value) for d in analyse("大正12年の震災で焼失した会館は、翌年に仮庁舎で業務を再開した。", "ja").dates]
    assert dates == [("大正12年", "1923"), ("翌年", "1924")]
    # With no year before it, 翌年 dates nothing.
    assert analyse("会館は翌年に業務を再開した。", "ja").dates == ()


def test_a_shared_title_in_two_parts_is_no_quotation_credited_twice() -> None:
    from factcheck.contradict.kinds import attribution

    text = analyse("絵本『くじらのゆうびん』は、作家の村瀬ちひろが文を担当し、2018年に刊行された。", "ja")
    pictures = analyse("2018年刊行の絵本『くじらのゆうびん』で絵を手がけたのは、イラストレーターの沢口遼である。", "ja")
    assert attribution.check(PairContext(text, pictures)) is None
    said_a = analyse("「この作品は子どもたちに捧げたい」と作家の村瀬ちひろは授賞式で語った。", "ja")
    said_b = analyse("「この作品は子どもたちに捧げたい」とイラストレーターの沢口遼は授賞式で語った。", "ja")
    assert attribution.check(PairContext(said_a, said_b)) is not None


def test_a_negation_in_a_relative_clause_denies_the_aside_not_the_claim() -> None:
    found = analyse("The 2023 expedition rediscovered the slipper orchid, which had not been seen in the wild since 1951.", "en")
    assert found.negations == 0
    missed = analyse("The survey found no trace of the mayfly in the River Alder, where it has not been seen for 40 years.", "en")
    assert missed.negations == 1


def test_an_idioms_verb_is_read_as_the_act_it_means() -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles

    closed = analyse("やまびこ動物病院は、3月末で48年の歴史に幕を下ろした。", "ja")
    open_ = analyse("やまびこ動物病院は4月以降も診療を続けている。", "ja")
    assert _opposed_poles(closed, open_) is not None
    # The literal act (下ろす: take down) stands against nothing.
    assert _opposed_poles(analyse("やまびこ動物病院は、3月末に看板の電球を下ろした。", "ja"), open_) is None


def test_a_bare_number_a_change_started_from_counts_what_the_figure_before_it_counts() -> None:
    figures = [(f.text, f.base, f.low, f.former)
               for f in analyse("Boeing delivered 528 aircraft in 2023, up from 480 a year earlier.", "en").figures]
    assert ("480", "機", 480.0, True) in figures  # and it is the value the change left behind
    # In a scaled unit the bare number is left unread: "$4.2 billion, up from 3.9" says 3.9 billion.
    assert "3.9" not in [f.text for f in analyse("Revenue was $4.2 billion, up from 3.9 a year earlier.", "en").figures]


def test_two_kanji_names_sharing_a_place_are_two_bodies() -> None:
    assert not names_match(_name("日本港湾協会は発表した。", "ja", "日本港湾協会"), _name("日本銀行は発表した。", "ja", "日本銀行"))
    assert not names_match(_name("北海道新聞は報じた。", "ja", "北海道新聞"), _name("北海道銀行は報じた。", "ja", "北海道銀行"))
    assert not names_match(_name("東日本高速道路は発表した。", "ja", "東日本高速道路"),
                           _name("西日本高速道路は発表した。", "ja", "西日本高速道路"))
    # ...while a place named with or without its kind is one place, and the gloss still bridges languages.
    assert names_match(_name("港北区で開かれた。", "ja", "港北区"), _name("港北で開かれた。", "ja", "港北"))
    assert names_match(_name("日本港湾協会は発表した。", "ja", "日本港湾協会"),
                       _name("The Japan Port Association said.", "en", "Japan Port Association"))


def test_an_acronym_pairs_with_the_name_it_spells_before_a_name_sharing_words() -> None:
    from factcheck.contradict.align import align_names

    merged = analyse("British Overseas Airways Corporation merged with BEA in 1974 to form British Airways.", "en")
    combined = analyse("BOAC and British European Airways were combined in 1974 to create British Airways.", "en")
    names = align_names(merged, combined)
    assert ("British Overseas Airways Corporation", "BOAC") in [(x.text, y.text) for x, y in names.matched]
    assert not names.only_a and not names.only_b
    # An acronym written with the small words of its name (BoA: Bank of …) is that name's too.
    assert names_match(_name("The BoA held its rate.", "en", "BoA"), _name("The Bank of Aldmark held it.", "en", "Bank of Aldmark"))
    assert not names_match(_name("The BoA held its rate.", "en", "BoA"), _name("The Bank of Estria held it.", "en", "Bank of Estria"))


def test_a_place_before_based_is_a_name_of_its_own() -> None:
    names = [n.text for n in analyse("The Rome-based Food and Agriculture Organization said prices rose.", "en").names]
    assert "Rome" in names and not any("based" in n for n in names)


def test_a_long_japanese_name_is_also_its_short_form_that_keeps_its_head() -> None:
    assert names_match(_name("損害保険料率算出機構は発表した。", "ja", "損害保険料率算出機構"),
                       _name("損保料率機構は発表した。", "ja", "損保料率機構"))
    # A short name (under five characters) whose characters stand in order in a name not twice as
    # long may be another body.
    assert not names_match(_name("港南運輸は発表した。", "ja", "港南運輸"), _name("港湾南部運輸は発表した。", "ja", "港湾南部運輸"))


def test_a_peoples_adjective_names_its_place_but_not_a_neighbour_spelled_alike() -> None:
    assert names_match(_name("Exports from Chile rose.", "en", "Chile"), _name("Exports of Chilean copper grew.", "en", "Chilean"))
    assert names_match(_name("Exports from Kenya rose.", "en", "Kenya"), _name("Exports of Kenyan tea grew.", "en", "Kenyan"))
    assert not names_match(_name("Exports from Iran rose.", "en", "Iran"), _name("Exports of Iraqi oil grew.", "en", "Iraqi"))


def test_a_kanji_body_name_read_without_its_head_is_the_latin_name() -> None:
    assert names_match(_name("南銀行は発表した。", "ja", "南銀行"), _name("Minami Bank said so.", "en", "Minami Bank"))
    assert not names_match(_name("南銀行は発表した。", "ja", "南銀行"), _name("Kita Bank said so.", "en", "Kita Bank"))


def test_a_participle_before_its_noun_describes_it_and_asserts_no_move() -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles

    fewer = analyse("燃料費の高騰で漁船の出漁が減り、入荷が細っている。", "ja")
    assert _opposed_poles(fewer, analyse("Soaring fuel costs have kept fishing boats in port.", "en")) is None
    assert _opposed_poles(fewer, analyse("Fishing trips have soared this month.", "en")) is not None


def test_not_only_denies_nothing_and_a_denied_refusal_leaves_its_object() -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles

    both = analyse("Aoife Byrne not only won the 200m butterfly but also broke the meet record.", "en")
    assert _opposed_poles(both, analyse("Aoife Byrne won the 200m butterfly.", "en")) is None
    assert _opposed_poles(analyse("Aoife Byrne did not win the 200m butterfly.", "en"),
                          analyse("Aoife Byrne won the 200m butterfly.", "en")) is not None
    open_ = analyse("Investigators have not ruled out mechanical failure as the cause of the fire.", "en")
    assert _opposed_poles(open_, analyse("Mechanical failure remains a possible cause of the fire.", "en")) is None


def test_awaiting_an_act_is_not_yet_having_done_it() -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles

    awaiting = analyse("Her 2:11:53 is still awaiting ratification as a world record by World Athletics.", "en")
    assert _opposed_poles(analyse("World Athletics has not yet ratified her 2:11:53 as a world record.", "en"), awaiting) is None
    assert _opposed_poles(analyse("World Athletics ratified her 2:11:53 as a world record.", "en"), awaiting) is not None


def test_a_decimal_without_a_unit_is_a_figure_of_what_the_clause_measures() -> None:
    low = analyse("日本の合計特殊出生率は、2005年に過去最低の1.26を記録した。", "ja")
    assert [(f.text, f.base) for f in low.figures] == [("1.26", "#.")]
    assert [f.text for f in analyse("The index rose to 104.2 in May.", "en").figures] == ["104.2"]
    # A time and a decimal that borrows the unit of the figure before it are no bare decimals.
    assert analyse("She won in 2:05.11.", "en").figures == ()
    recovered = analyse("日本の合計特殊出生率は、2015年に1.45まで回復した。", "ja")
    one_year = compare("日本の合計特殊出生率は、2015年に1.26だった。", "日本の合計特殊出生率は、2015年に1.45だった。")
    assert one_year.contradiction and one_year.kind == "quantity"
    assert not compare(low.text, recovered.text).contradiction


def test_a_move_and_its_undoing_on_two_dates_are_two_events() -> None:
    from factcheck.contradict.kinds import date

    dipped = analyse("Irish cheddar exports to Canada dipped 5 percent in 2021.", "en")
    rebounded = analyse("Irish cheddar exports to Canada rebounded strongly in 2022.", "en")
    assert date.check(PairContext(dipped, rebounded)) is None
    assert date.check(PairContext(analyse("Irish cheddar exports to Canada rebounded strongly in 2021.", "en"),
                                  rebounded)) is not None


def test_an_act_and_its_undoing_dated_apart_in_one_claim_stand_against_neither() -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles

    both = analyse("Hollis Public Library closed for a renovation in 2021 and reopened the following year.", "en")
    assert _opposed_poles(both, analyse("Hollis Public Library reopened in 2022 after a renovation.", "en")) is None
    assert _opposed_poles(analyse("Hollis Public Library closed for a renovation in 2021.", "en"),
                          analyse("Hollis Public Library stayed open throughout 2021.", "en")) is not None


def test_an_acronym_may_spell_one_word_more_than_the_name_says() -> None:
    assert names_match(_name("The USA topped the table.", "en", "USA"), _name("The United States came first.", "en", "United States"))
    assert not names_match(_name("UNESCO said so.", "en", "UNESCO"), _name("The United Nations said so.", "en", "United Nations"))


def test_a_dictionary_word_before_a_short_company_suffix_is_the_companys_name() -> None:
    names = [n.text for n in analyse("ドラッグストア大手のミナトHDは、丸福薬局を買収した。", "ja").names]
    assert "ミナトHD" in names
    assert names_match(_name("ミナトHDは買収した。", "ja", "ミナトHD"), _name("ミナトホールディングスは買収した。", "ja", "ミナトホールディングス"))


def test_a_name_of_dictionary_words_meets_its_katakana_spelling() -> None:
    cedar = _name("The Cedar Creek fire burned 12,000 acres.", "en", "Cedar Creek")
    assert names_match(cedar, _name("セダークリーク火災が起きた。", "ja", "セダークリーク"))
    assert not names_match(cedar, _name("パインリッジ火災が起きた。", "ja", "パインリッジ"))


def test_burning_down_and_ending_are_the_undoing_poles_of_their_scales() -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles

    burned = analyse("町の家屋の半数が焼けた。", "ja")
    assert burned.negative_poles == analyse("町の家屋の半数が焼失した。", "ja").negative_poles == 1
    still = analyse("OA-5衛星は、設計寿命を過ぎた現在も運用を終えていない。", "ja")
    going = analyse("The OA-5 satellite continues to operate.", "en")
    assert _opposed_poles(still, going) is None
    assert _opposed_poles(analyse("OA-5衛星は、3月に運用を終えた。", "ja"), going) is not None


@pytest.mark.parametrize(("text", "name"), [
    ("The Tokachi Beekeepers' Cooperative has not ruled out pesticides.", "Tokachi Beekeepers' Cooperative"),
    ("A team from the University of the Ryukyus found a new crab.", "University of the Ryukyus"),
    ("米調査機関ピュー・リサーチ・センターも指摘した。", "ピュー・リサーチ・センター"),
])
def test_a_name_runs_across_a_plural_owner_of_the_and_katakana_dots(text: str, name: str) -> None:
    assert name in [n.text for n in analyse(text).names]


def test_a_singular_owner_and_a_list_of_places_still_end_a_name() -> None:
    assert [n.text for n in analyse("Tenkosha's console sold well.", "en").names] == ["Tenkosha"]
    assert [n.text for n in analyse("東京・銀座で開かれた。", "ja").names] == ["東京", "銀座"]


def test_the_following_season_in_japanese_counts_from_the_year_named_before() -> None:
    dates = [(d.text, d.value) for d in analyse("空便ラボは2024年秋に資金調達を終え、翌春に定期配送を始めた。", "ja").dates]
    assert ("翌春", "2025~spring") in dates
    assert analyse("翌春に定期配送を始めた。", "ja").dates == ()  # the spring after no year


@pytest.mark.parametrize(("text", "lunar"), [
    ("明和9年2月29日、江戸で大火が起きた。", True),
    ("元禄15年12月、赤穂浪士が吉良邸に討ち入った。", True),
    ("明治10年2月、西南戦争が始まった。", False),  # Gregorian since 明治6年
    ("明和9年、江戸で大火が起きた。", False),  # a year alone converts by its number
    ("1772年4月1日、江戸で大火が起きた。", False),
])
def test_era_dates_before_1873_are_lunisolar(text: str, lunar: bool) -> None:
    from factcheck.contradict.analysis import analyse

    (date,) = analyse(text).dates
    assert date.value.endswith("~lunar") is lunar


@pytest.mark.parametrize(("ja", "ja_name", "en", "en_name", "same"), [
    ("ニンバス・クラウドが通知した。", "ニンバス・クラウド", "Nimbus Cloud notified its customers.", "Nimbus Cloud", True),
    ("ウフル・ピークは標高5895メートルだ。", "ウフル・ピーク", "Uhuru Peak rises to 5,895 metres.", "Uhuru Peak", True),
    ("JPモルガン・チェースが買収した。", "JPモルガン・チェース", "JPMorgan Chase won the auction.", "JPMorgan Chase", True),
    ("サッタークリークで金が見つかった。", "サッタークリーク", "Gold was found at Sutter Creek.", "Sutter Creek", True),
    ("ライナム基地は閉鎖された。", "ライナム", "Lyneham closed in 2012.", "Lyneham", True),
    ("リッジウォーターは人口5万人の町だ。", "リッジウォーター", "Ridgewater has 50,000 people.", "Ridgewater", True),
    ("ノルドヴィック再保険が引き受けた。", "ノルドヴィック再保険", "Nordvik Re underwrote the risk.", "Nordvik Re", True),
    ("ジェームズ・オコナーが受賞した。", "ジェームズ・オコナー", "James O'Connor won the prize.", "James O'Connor", True),
    ("吉根川に橋が架かった。", "吉根川", "A bridge spans the Yoshine River.", "Yoshine River", True),  # another reading
    ("ルーブル美術館は1793年に開館した。", "ルーブル美術館", "The Louvre opened in 1793.", "Louvre", True),
    ("日本電信電話が発表した。", "日本電信電話", "NTT announced it.", "NTT", True),  # 日本電信電話株式会社
    ("電子情報技術産業協会が発表した。", "電子情報技術産業協会", "JEITA announced it.", "JEITA", True),
    ("電子情報技術産業協会が発表した。", "電子情報技術産業協会", "JETRO announced it.", "JETRO", False),
    ("サッタークリークで金が見つかった。", "サッタークリーク", "Gold was found at Santa Clara.", "Santa Clara", False),
    ("ライナム基地は閉鎖された。", "ライナム", "Leiden closed in 2012.", "Leiden", False),
    ("ジェームズ・オコナーが受賞した。", "ジェームズ・オコナー", "James O'Brien won the prize.", "James O'Brien", False),
])
def test_a_name_spelled_out_in_katakana_is_its_latin_name(ja: str, ja_name: str, en: str, en_name: str,
                                                        same: bool) -> None:
    x, y = _name(ja, "ja", ja_name), _name(en, "en", en_name)
    assert names_match(x, y) is same and names_match(y, x) is same


def test_latin_words_a_space_apart_in_a_japanese_sentence_are_one_name() -> None:
    names = [n.text for n in analyse("会計クラウド「Yashima Books」の提供を開始した。", "ja").names]
    assert "Yashima Books" in names and "Books" not in names


def test_a_title_after_a_katakana_name_is_no_name() -> None:
    names = [n.text for n in analyse("JPモルガンのダイモンCEOは語った。", "ja").names]
    assert "ダイモン" in names and "CEO" not in names and "ダイモンCEO" not in names


def test_a_school_named_short_is_a_name() -> None:
    names = [n.text for n in analyse("決勝で北陵高が東洋学院を下した。", "ja").names]
    assert "北陵高" in names
    assert not analyse("過去最大の被害が出た。", "ja").names


@pytest.mark.parametrize(("text", "negations"), [
    ("No national park anywhere predates Yellowstone.", 0),  # a superlative said as a negation
    ("No earthquake recorded in Japan has been larger than the 2011 quake.", 0),
    ("No one was injured in the fire.", 1),
    ("これより大きい地震は国内で記録されたことはない。", 0),
    ("地震による被害はなかった。", 1),
])
def test_a_superlative_said_as_a_negation_denies_nothing(text: str, negations: int) -> None:
    assert analyse(text).negations == negations


def test_a_verb_after_a_modal_is_the_predicate_though_it_reads_as_a_noun() -> None:
    tokens = {t.text: t.kind for t in analyse("Marlow Telecom will switch off 3G next year.", "en").tokens}
    assert tokens["switch"] == "pred"
    tokens = {t.text: t.kind for t in analyse("The switch was installed in 2019.", "en").tokens}
    assert tokens["switch"] != "pred"


@pytest.mark.parametrize(("text", "additive"), [
    ("ロイター通信も、短観のDIがプラス13になったと報じた。", True),
    ("米国勢調査局の推計でも、人口は14億人に達した。", True),
    ("The Census Bureau also puts the population at 1.44 billion.", True),
    ("入館者は110万人にも上った。", False),  # a figure's も is emphasis
    ("The Census Bureau puts the population at 1.44 billion.", False),
])
def test_a_second_voice_is_marked_additive(text: str, additive: bool) -> None:
    assert analyse(text).additive is additive


def test_only_the_negations_that_deny_what_the_other_claim_says_count() -> None:
    from factcheck.contradict.kinds import polarity

    two = analyse("At the hearing the defendant did not contest the charges, and the defence raised no objections.",
                  "en")
    one = analyse("初公判で被告は起訴内容を認め、弁護側も争わない姿勢を示した。", "ja")
    assert two.negations == 2
    ctx = PairContext(two, one)
    assert ctx.a.negations == 1 and polarity.check(ctx) is None
    opened = analyse("The museum opened in 2020.", "en")
    closed = analyse("The museum did not open in 2020 and did not hold any exhibitions.", "en")
    conflict = polarity.check(PairContext(opened, closed))
    assert conflict is not None and conflict.b == "not open"


def test_a_verb_of_escaping_denies_its_object() -> None:
    escaped = analyse("しまむらは最終減益を免れた。", "ja")
    assert escaped.negations == 0 and (0, 1) not in escaped.poles  # 減益を免れた: no fall


@pytest.mark.parametrize(("kind", "claim", "agreeing", "conflicting"), [
    # 減益を免れた denies the fall: it agrees with a rise and stands against a fall.
    ("polarity", "しまむらは最終減益を免れた。", "しまむらの純利益は前期比で増加した。", "しまむらの純利益は前期比で減少した。"),
    # Not stopping is continuing.
    ("polarity", "山梨県は2025年も入山規制を継続した。", "山梨県は2025年、入山規制をやめることはしなかった。",
     "山梨県は2025年、入山規制をやめた。"),
    # A change and its undoing are two events, whatever word their dates stand beside.
    ("date", "上高地へ通じる県道は、2020年7月の豪雨で通行止めとなった。", "上高地へのアクセス道路は2020年9月に全面開通した。",
     "上高地へのアクセス道路は2020年9月に通行止めとなった。"),
])
def test_a_rule_holds_against_the_conflicting_claim_only(kind: str, claim: str, agreeing: str,
                                                        conflicting: str) -> None:
    import importlib

    check = importlib.import_module(f"factcheck.contradict.kinds.{kind}").check
    assert check(PairContext(analyse(claim, "ja"), analyse(agreeing, "ja"))) is None
    assert check(PairContext(analyse(claim, "ja"), analyse(conflicting, "ja"))) is not None


@pytest.mark.parametrize(("text", "value"), [("The storm struck on the night of 15–16 October 1987.", "1987-10"),
                                             ("祭りは2024年7月12〜13日に開かれた。", "2024-07")])
def test_a_span_of_a_few_days_dates_one_event_at_the_precision_both_ends_share(text: str, value: str) -> None:
    dates = analyse(text).dates
    assert [(d.value, d.reference) for d in dates] == [(value, False)]


def test_a_long_span_still_bounds_a_state() -> None:
    dates = analyse("The exhibition ran from 12 April 2024 to 8 September 2024.", "en").dates
    assert [d.reference for d in dates] == [True, True]


@pytest.mark.parametrize(("a", "b", "slip"), [("$35", "$53", True), ("16 billion", "61 billion", True),
                                              ("1,250", "1,520", True), ("$35", "$36", False), ("$55", "$55", True)])
def test_transposed_digits_are_a_slip(a: str, b: str, slip: bool) -> None:
    fa, fb = analyse(f"It cost {a}.", "en").figures[0], analyse(f"It cost {b}.", "en").figures[0]
    assert slipped(fa, fb) is slip


def test_a_word_denied_by_its_prefix_counts_only_against_the_plain_word() -> None:
    sound, unsound = analyse("The pier was declared sound.", "en"), analyse("The pier was declared unsound.", "en")
    ctx = PairContext(sound, unsound)
    assert (ctx.a.negations, ctx.b.negations) == (0, 1)
    alone = PairContext(unsound, analyse("The pier was declared unsound and closed.", "en"))
    assert (alone.a.negations, alone.b.negations) == (0, 0)


@pytest.mark.parametrize(("text", "names"), [
    ("The Competition and Markets Authority cleared the deal.", ["Competition and Markets Authority"]),
    ("The Food and Drug Administration approved the drug.", ["Food and Drug Administration"]),
    ("Brazil and Argentina met in the final.", ["Brazil", "Argentina"]),
])
def test_and_inside_a_name_joins_it_only_before_a_head_noun(text: str, names: list[str]) -> None:
    assert [n.text for n in analyse(text, "en").names] == names


def test_a_first_word_is_a_name_when_the_other_claim_writes_it_as_one() -> None:
    released = analyse("Python 3.0 was released on December 3, 2008.", "en")
    assert not released.names
    ctx = PairContext(released, analyse("The incompatible Python 3.0 came out on 3 December 2009.", "en"))
    assert [n.text for n in ctx.a.names] == ["Python"]
    assert ctx.names.matched


@pytest.mark.parametrize(("x", "y", "slip"), [("1453-05-29", "1454-05-29", True), ("1762", "1726", True),
                                              ("2026-04-12", "2026-04-21", True), ("2020", "2023", False),
                                              ("2020-05-01", "2021-06-01", False), ("2019~spring", "2019~autumn", False)])
def test_a_date_slip_is_one_part_miswritten(x: str, y: str, slip: bool) -> None:
    from factcheck.contradict.kinds.date import slipped as date_slipped

    assert date_slipped(x, y) is slip


@pytest.mark.parametrize(("a", "b", "far"), [
    ("Gusts reached up to 94 mph on the coast.", "Gusts peaked at 74 mph on the coast.", True),
    ("The car goes up to 500 km on a charge.", "The car goes 480 km on a charge.", False),
    ("The car goes up to 500 km on a charge.", "The car goes 520 km on a charge.", False),  # not inside: incompatible
])
def test_a_value_far_inside_a_one_sided_bound_is_a_signal(a: str, b: str, far: bool) -> None:
    values = signals(PairContext(analyse(a, "en"), analyse(b, "en"))).values
    assert bool(values.get("figure_far_inside_bound")) is far


@pytest.mark.parametrize(("text", "value"), [("大豆生産量は2023/24年度に1億5,300万トンだった。", "2023~fiscal"),
                                             ("24年3月期の売上高は100億円だった。", "2024-03")])
def test_a_split_year_in_japanese_is_the_year_it_starts_in(text: str, value: str) -> None:
    assert [d.value for d in analyse(text, "ja").dates] == [value]


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Norway farms more than half of the world's salmon.", 50, float("inf")),
    ("Two-thirds of voters backed the plan.", 66.6, 66.6),
    ("有権者の約4分の1が支持した。", 25, 25),
    ("組合員の過半数が賛成した。", 50, float("inf")),
])
def test_a_fraction_of_a_whole_is_a_share_in_percent(text: str, low: float, high: float) -> None:
    shares = [f for f in analyse(text).figures if f.base == "%"]
    assert [(f.low, f.high) for f in shares] == [(low, high)]


def test_the_first_half_of_a_year_is_no_share() -> None:
    assert not analyse("Sales fell in the first half of 2023.", "en").figures


def test_denying_that_a_thing_happened_denies_the_act_the_other_claim_dates() -> None:
    from factcheck.contradict.kinds.polarity import _denies_shared

    never = analyse("The monorail extension to the convention centre never materialised.", "en")
    opened = analyse("The monorail extension to the convention centre opened in 2012.", "en")
    assert _denies_shared(never, opened)
    assert not _denies_shared(never, analyse("The monorail extension to the convention centre is long.", "en"))


@pytest.mark.parametrize("text", ["Shipments grew in the fourth quarter of 2023, ending nine quarters of decline.",
                                  "The repair took a quarter of an hour."])
def test_a_part_of_a_period_is_no_share(text: str) -> None:
    assert not [f for f in analyse(text, "en").figures if f.base == "%"]


@pytest.mark.parametrize(("text", "name"), [
    ("At the briefing, it was WWF Indonesia that issued the warning.", "WWF Indonesia"),
    ("It was Dr. Amit Rao's team who led the trial.", "Amit Rao"),
    ("この賞を受賞したのは山田太郎氏である。", "山田太郎"),
])
def test_the_focus_of_a_cleft_is_the_doer(text: str, name: str) -> None:
    assert next(n for n in analyse(text).names if n.text == name).role == "agent"


@pytest.mark.parametrize(("text", "names"), [("この試算は国土交通省が公表した。", ["国土交通省"]),
                                             ("警察庁が注意を呼びかけた。", ["警察庁"]),
                                             ("各省の予算が増えた。", [])])
def test_a_dictionary_word_for_one_government_office_is_a_name(text: str, names: list[str]) -> None:
    assert [n.text for n in analyse(text, "ja").names] == names


def test_words_run_together_under_capitals_are_the_katakana_words() -> None:
    latin = _name("Korean Air is a SkyTeam founding member.", "en", "SkyTeam")
    assert names_match(latin, _name("大韓航空は2000年にスカイチームを共同設立した。", "ja", "スカイチーム"))
    assert not names_match(latin, _name("全日空はスターアライアンスに加盟した。", "ja", "スターアライアンス"))


def test_a_title_word_before_a_bodys_head_noun_opens_the_name() -> None:
    names = {n.text: n.sort for n in analyse("Star Alliance was founded in 1997 by five airlines.", "en").names}
    assert names.get("Star Alliance") == "body"
    assert [n.text for n in analyse("Captain Sam Ellis landed the plane.", "en").names] == ["Sam Ellis"]


@pytest.mark.parametrize(("text", "name", "sort"), [
    ("The plant moved to California in 2010.", "California", "place"),
    ("The order went to Lufthansa in 2010.", "Lufthansa", "body"),
    ("The dances were set by Andy Blankenbuehler.", "Andy Blankenbuehler", "person"),
    ("The falls were renamed by Victoria Falls Council.", "Victoria Falls Council", "body"),
])
def test_the_dictionaries_tell_an_english_names_sort(text: str, name: str, sort: str) -> None:
    assert _name(text, "en", name).sort == sort


def test_a_place_named_after_a_person_is_no_person() -> None:
    assert _name("Tourists flock to Victoria Falls every year.", "en", "Victoria Falls").sort != "person"


@pytest.mark.parametrize(("text", "name"), [
    ("After a 1992 takeover fight against the Agnellis, the water business ended up in Nestle's hands.", "Agnellis"),
    ("Despite Toyota's bid, Honda won the contract.", "Toyota"),
])
def test_a_name_in_a_fronted_phrase_fills_no_slot_of_the_act(text: str, name: str) -> None:
    assert _name(text, "en", name).role == "other"


def test_a_fronted_clause_keeps_its_doer() -> None:
    assert _name("After Apple bought Beats, it launched a music service.", "en", "Apple").role == "agent"


def test_the_subject_of_a_japanese_passive_is_not_its_doer() -> None:
    x = analyse("その楽団は、恩師の没後10年にあたる1984年に小澤征爾と秋山和慶の呼びかけで結成された。", "ja")
    formed = next(f for f in x.frames if "結成" in f.pred)
    assert formed.agent is None or "楽団" not in formed.agent.text


def test_niyori_with_an_active_verb_gives_a_cause_not_a_doer() -> None:
    x = analyse("キプトゥムは2024年2月11日、ケニア西部で交通事故により死去した。", "ja")
    died = next(f for f in x.frames if "死去" in f.pred)
    assert died.agent is not None and "キプトゥム" in died.agent.text


def test_a_japanese_date_before_a_comma_dates_the_act_after_it() -> None:
    x = analyse("世界記録保持者のキプトゥムは2024年2月11日、ケニア西部で死去した。", "ja")
    assert "死去" in x.dates[0].event and "保持" not in x.dates[0].event


def test_buyer_and_seller_swapped_through_kara_is_a_role_swap() -> None:
    a = analyse("ソフトバンクは2017年、アルファベットからボストン・ダイナミクスを買収した。", "ja")
    b = analyse("2017年、アルファベットはソフトバンクからボストン・ダイナミクスを買い取った。", "ja")
    assert PairContext(a, b).swap is not None
    same = analyse("2017年、ソフトバンクはアルファベットからボストン・ダイナミクスを買い取った。", "ja")
    assert PairContext(a, same).swap is None


def test_a_company_is_its_brand_without_its_head_nouns() -> None:
    group = _name("アサヒグループHDは2012年にカルピスを買収した。", "ja", "アサヒグループHD")
    assert names_match(group, _name("カルピスは2012年からアサヒの傘下にある。", "ja", "アサヒ"))
    assert not names_match(_name("日本航空は運航を再開した。", "ja", "日本航空"),
                           _name("日本銀行は利上げを決めた。", "ja", "日本銀行"))


def test_two_slipped_digits_of_the_only_figure_each_side_are_a_signal() -> None:
    a = analyse("The concert hall seats 2,265 in its main auditorium.", "en")
    b = analyse("With a capacity of 2,625, the hall opened in October 2003.", "en")
    assert signals(PairContext(a, b)).values.get("figure_slip_sole") == 1.0
    c = analyse("With a capacity of 2,300, the hall opened in October 2003.", "en")
    assert not signals(PairContext(a, c)).values.get("figure_slip_sole")


def test_opposed_acts_on_one_doer_share_their_clause() -> None:
    a = analyse("Glencore completed the merger in May 2013 after Chinese regulators approved the deal.", "en")
    b = analyse("Chinese regulators blocked Glencore's proposed combination in 2013.", "en")
    near = signals(PairContext(a, b)).values.get("poles_local", 0.0)
    c = analyse("The city council blocked a new stadium in 2013.", "en")
    assert near > signals(PairContext(a, c)).values.get("poles_local", 0.0)


def test_a_kanji_name_part_has_the_readings_the_name_dictionary_lists() -> None:
    kanji = _name("錦織圭は2014年の全米オープンで準優勝に終わった。", "ja", "錦織圭")
    assert names_match(kanji, _name("Kei Nishikori reached the 2014 US Open final.", "en", "Kei Nishikori"))
    assert not names_match(kanji, _name("Naomi Osaka won the 2018 US Open.", "en", "Naomi Osaka"))


def test_a_number_word_opening_a_sentence_is_no_name() -> None:
    names = [n.text for n in analyse("Five years after Rio, Kipchoge took gold again.", "en").names]
    assert "Five" not in names and "Rio" in names


@pytest.mark.parametrize(("a", "b", "told"), [
    ("2019年の日本選手権男子100メートルはサニブラウンが10秒02で制した。",
     "桐生祥秀は2019年の日本選手権100メートル決勝で、サニブラウンに敗れて2位だった。", True),
    ("2019年の日本選手権男子100メートルはサニブラウンが10秒02で制した。",
     "サニブラウンは2019年の日本選手権100メートル決勝で、桐生祥秀に敗れて2位だった。", False),
])
def test_opposite_acts_told_by_each_party_are_one_fact(a: str, b: str, told: bool) -> None:
    from factcheck.contradict.kinds.polarity import _opposed_poles, told_from_each_side

    x, y = analyse(a, "ja"), analyse(b, "ja")
    ctx = PairContext(x, y)
    assert told_from_each_side(ctx, _opposed_poles(x, y)) is told
