"""Who beat whom (contradict/victors.py): the winner and the loser of one contest, read from the
verb between two names, and a pair of claims that swap them.  Sentences written for these tests."""

from __future__ import annotations

import pytest

from factcheck.contradict import analyse
from factcheck.contradict.model import PairContext
from factcheck.contradict.victors import victories, winner_swapped


def _won(text: str, lang: str) -> list[tuple[str, str]]:
    x = analyse(text, lang)
    return [(x.names[w].text, x.names[lo].text) for w, lo in victories(x)]


@pytest.mark.parametrize(("text", "lang", "expect"), [
    ("Portugal beat Croatia 3-1 in the final in Lyon.", "en", [("Portugal", "Croatia")]),
    ("Croatia lost 3-1 to Portugal in the final.", "en", [("Portugal", "Croatia")]),
    ("Norway won the relay in Oslo on Sunday, defeating Finland by four seconds.", "en", [("Norway", "Finland")]),
    ("県大会決勝で、北陵高校が南海高校を3-1で破った。", "ja", [("北陵高校", "南海高校")]),
    ("県大会決勝で、北陵高校は南海高校に1-3で敗れた。", "ja", [("南海高校", "北陵高校")]),
])
def test_the_verb_between_two_names_tells_the_winner(text: str, lang: str, expect: list[tuple[str, str]]) -> None:
    assert _won(text, lang) == expect


def test_two_names_without_a_contest_have_no_winner() -> None:
    assert _won("Portugal and Croatia signed a fisheries agreement in Lyon.", "en") == []


def test_a_winner_swapped_is_seen_and_one_told_from_each_side_is_not() -> None:
    beat = analyse("Portugal beat Croatia 3-1 in the final in Lyon.", "en")
    swapped = analyse("Croatia beat Portugal 3-1 in the final in Lyon.", "en")
    other_side = analyse("Croatia lost 3-1 to Portugal in the final in Lyon.", "en")
    found = winner_swapped(beat, swapped)
    assert found is not None and (found[0].text, found[1].text) == ("Portugal", "Croatia")
    assert winner_swapped(beat, other_side) is None


def test_a_win_and_a_defeat_of_the_same_side_are_no_telling_from_each_side() -> None:
    from factcheck.contradict.features import signals
    won = analyse("Portugal beat Croatia 3-1 in the final in Lyon.", "en")
    lost = analyse("リヨンでの決勝で、ポルトガルはクロアチアに1-3で敗れた。", "ja")
    told = analyse("Croatia lost 3-1 to Portugal in the final in Lyon.", "en")
    values = signals(PairContext(won, lost)).values
    assert values.get("role_swap") == 1.0 and not values.get("converse")
    assert not signals(PairContext(won, told)).values.get("role_swap")


def test_a_place_in_a_ranking_and_a_victory_tell_one_winner() -> None:
    ranked = analyse("Norway's Eirik Dahl won the sprint in Lahti, with Finland's Juho Laine second.", "en")
    beaten = analyse("Finland's Juho Laine beat Norway's Eirik Dahl in the sprint in Lahti.", "en")
    agreed = analyse("Norway's Eirik Dahl beat Finland's Juho Laine in the sprint in Lahti.", "en")
    found = winner_swapped(ranked, beaten)
    assert found is not None and (found[0].text, found[1].text) == ("Eirik Dahl", "Juho Laine")
    assert winner_swapped(ranked, agreed) is None
    # The side beaten is the person, not the country that owns the name.
    assert _won("Juho Laine beat Norway's Eirik Dahl in the sprint.", "en") == [("Juho Laine", "Eirik Dahl")]


def test_a_side_that_won_one_contest_and_lost_another_swaps_nothing() -> None:
    a = analyse("Chile won the 1991 Copa in Lima, beating Peru 2-0 in the final.", "en")
    b = analyse("Peru beat Bolivia 3-1 in the 1995 Copa final in Quito.", "en")
    assert winner_swapped(a, b) is None


@pytest.mark.parametrize(("text", "lang", "expect"), [
    ("Aurora pipped Meridian Star by 41 seconds on corrected time.", "en", [("Aurora", "Meridian Star")]),
    ("Ashbourne Town's 2-1 defeat to Marlow Athletic ended the cup run.", "en", [("Marlow Athletic", "Ashbourne Town")]),
    ("第12局は挑戦者ラオ氏がソコロフ王者を押し切って勝った。", "ja", [("ラオ", "ソコロフ")]),
])
def test_more_ways_of_telling_a_winner(text: str, lang: str, expect: list[tuple[str, str]]) -> None:
    # A verb of sport (pipped), a noun of defeat (defeat to), a title between the winner and が.
    assert _won(text, lang) == expect


def test_a_payer_and_a_payee_swapped_are_seen_and_the_same_payment_is_not() -> None:
    from factcheck.contradict.victors import transfers

    ordered = analyse("The court ordered Midori Kogyo to pay Sanwa Seiki 1.2 billion yen.", "en")
    swapped = analyse("The court ordered Sanwa Seiki to pay Midori Kogyo 1.2 billion yen.", "en")
    japanese = analyse("東京地裁は、サンワ精機に対し、競合のミドリ工業へ約12億円を支払うよう命じた。", "ja")
    assert [(ordered.names[g].text, ordered.names[r].text) for g, r in transfers(ordered)] == [("Midori Kogyo", "Sanwa Seiki")]
    assert [(japanese.names[g].text, japanese.names[r].text) for g, r in transfers(japanese)] == [("サンワ精機", "ミドリ工業")]
    assert winner_swapped(ordered, swapped) is not None
    assert winner_swapped(swapped, japanese) is None  # Sanwa pays Midori in both
    assert winner_swapped(ordered, japanese) is not None


def test_a_japanese_contest_read_across_where_it_was_played() -> None:
    won = analyse("北九州ブレイブスは決勝で東京ストーンズを27対20で下し、初優勝を果たした。", "ja")
    lost = analyse("東京ストーンズは決勝で北九州ブレイブスに20対27で敗れた。", "ja")
    assert victories(won) == ((0, 1),)
    assert victories(lost) == ((1, 0),)


def test_one_result_told_from_each_side_swaps_no_roles() -> None:
    won = analyse("北九州ブレイブスは決勝で東京ストーンズを27対20で下した。", "ja")
    lost = analyse("東京ストーンズは決勝で北九州ブレイブスに20対27で敗れた。", "ja")
    from factcheck.contradict.features import signals

    told = signals(PairContext(won, lost)).values
    assert told.get("converse") == 1.0 and not told.get("role_swap")
    swapped = signals(PairContext(won, analyse("東京ストーンズは決勝で北九州ブレイブスを27対20で下した。", "ja"))).values
    assert swapped.get("role_swap") == 1.0 and not swapped.get("converse")
