"""Which name a claim puts in which part (``factcheck.contradict.parts``), and one part given to two
names.  These readings do not go through the learned weights, so each checks one reading exactly.

The sentences were written for these tests, on subjects of no labelled pairs file.
"""

from __future__ import annotations

import pytest

from factcheck.contradict import analyse, lexicon
from factcheck.contradict.features import signals
from factcheck.contradict.model import PairContext
from factcheck.contradict.parts import parts, rebound


def _parts(text: str, lang: str) -> set[tuple[str, str]]:
    """(the part's first vocabulary word, the name) for each name given a part."""
    x = analyse(text, lang)
    lines = lexicon.cues()["credit_roles"]
    return {(lines[p][0], x.names[i].text) for p, i in parts(x)}


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # the part word before the name, joined by は (through a modifier), or after it as what it does
    ("合唱曲「潮騒」の作曲は桐谷ほのかで、編曲は長門修が担当した。", "ja",
     {("composer", "桐谷ほのか"), ("arranger", "長門修")}),
    ("主将はゴールキーパーの森下慎吾が務め、副将には沢村拓海が選ばれた。", "ja",
     {("captain", "森下慎吾"), ("deputy", "沢村拓海")}),
    ("調査団は上野真一教授が団長を務め、ミラ・ソーン氏が副団長として加わった。", "ja",
     {("leader", "上野真一"), ("deputy", "ミラ・ソーン")}),
    # a part that names the act (作詞を…が) wins over what the person is (プロデューサーの)
    ("校歌の作詞を音楽プロデューサーの浜田律が手がけた。", "ja", {("lyricist", "浜田律")}),
    # English: a title before the name, a participle with "by", an apposition, a verb after it
    ("The atlas was edited by Dr. Fiona Grieve and illustrated by Tomas Lindqvist.", "en",
     {("editor", "Fiona Grieve"), ("illustrator", "Tomas Lindqvist")}),
    ("Harrowgate will host the 2027 indoor rowing championships.", "en", {("host", "Harrowgate")}),
    ("The club named captain Dara Okafor for the new season.", "en", {("captain", "Dara Okafor")}),
    # the winner is who won, not the prize won
    ("Greta Moll won the Harbourside Sculpture Prize.", "en", {("winner", "Greta Moll")}),
])
def test_a_name_takes_the_part_written_next_to_it(text: str, lang: str, expected: set[tuple[str, str]]) -> None:
    assert _parts(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("The Danish director's film opened the festival.", "en"),  # a nationality before a noun
    ("放送局NRBの次期会長の人選が続いている。", "ja"),  # the body whose chair it is, joined by の
])
def test_a_word_of_a_part_beside_a_name_of_another_kind_gives_it_no_part(text: str, lang: str) -> None:
    assert _parts(text, lang) == set()


def _rebound(a: str, b: str, lang: str | None = None):  # type: ignore[no-untyped-def]
    x, y = analyse(a, lang), analyse(b, lang)
    return rebound(x, y, PairContext(x, y).names)


def test_swapped_parts_are_one_part_given_to_two_names() -> None:
    found = _rebound("組曲「北の灯」は作曲を桐谷ほのかが、編曲を長門修が担当した。",
                     "組曲「北の灯」の作曲者は長門修で、桐谷ほのかが編曲を手がけた。", "ja")
    assert found is not None and found.swapped
    assert {found.x.text, found.y.text} == {"桐谷ほのか", "長門修"}


def test_one_part_given_to_another_name_across_languages() -> None:
    found = _rebound("The 2027 indoor rowing championships will be hosted by Harrowgate.",
                     "2027年の室内ローイング選手権はブラムリーが開催地となる。")
    assert found is None or found.x.text == "Harrowgate"  # the Japanese side may give no part
    found = _rebound("Harrowgate will host the 2027 indoor rowing championships.",
                     "Bramley will host the 2027 indoor rowing championships.", "en")
    assert found is not None and (found.x.text, found.y.text) == ("Harrowgate", "Bramley")
    assert not found.swapped


@pytest.mark.parametrize(("a", "b"), [
    # the same name in the same part, one claim naming a second part besides
    ("合唱曲「潮騒」の作曲は桐谷ほのかが担当した。", "合唱曲「潮騒」は作曲を桐谷ほのか、編曲を長門修が手がけた。"),
    # two parts, two names, the same in both
    ("主将は森下慎吾が務め、副将には沢村拓海が選ばれた。", "副将は沢村拓海で、主将には森下慎吾が就いた。"),
    # a father and a son of one surname, each in one part
    ("大会では浅井剛が審査委員長を務め、息子の浅井陸が優勝した。", "優勝した浅井陸の父は、審査委員長を務めた浅井剛だった。"),
])
def test_one_name_in_each_part_is_no_rebound(a: str, b: str) -> None:
    assert _rebound(a, b, "ja") is None


def test_a_part_given_to_two_names_is_a_signal_with_its_evidence() -> None:
    a, b = analyse("主将は森下慎吾が務める。", "ja"), analyse("主将は沢村拓海が務める。", "ja")
    s = signals(PairContext(a, b))
    assert s.values["part_rebound"] == 1.0
    assert (s.evidence["entity"].a, s.evidence["entity"].b) in {("森下慎吾", "沢村拓海")}


def test_places_in_a_ranking_are_parts_and_a_swap_of_them_is_seen() -> None:
    a = analyse("2023年の全日本選手権男子シングルスは、北条拓真が優勝、2位には大阪の三好隼人が入った。", "ja")
    b = analyse("2023年の全日本選手権男子シングルスで優勝したのは三好隼人で、北条拓真は準優勝だった。", "ja")
    en_a = analyse("Norway's Eirik Dahl took gold in the men's sprint, with Finland's Juho Laine second.", "en")
    en_b = analyse("Juho Laine won the men's sprint, with Eirik Dahl finishing second.", "en")
    found = rebound(en_a, en_b, PairContext(en_a, en_b).names)
    assert found is not None and found.swapped
    assert {a.names[i].text for _, i in parts(a)} >= {"北条拓真", "三好隼人"}
    assert "大阪" not in {a.names[i].text for _, i in parts(a)}  # 大阪の三好: the place only qualifies the name
    assert {b.names[i].text for _, i in parts(b)} >= {"北条拓真"}
