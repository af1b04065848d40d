from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.markers import strip_markers
from factcheck.extract.parts import Segmentation
from factcheck.extract.segment import classify_kind, detect_language, segment

DATA = Path(__file__).parent / "data" / "segment"
# The seed documents, as committed verbatim under sources/.
SOURCES = Path(__file__).resolve().parents[1] / "sources"


def sentences(text: str, lang: str) -> list[tuple[str, list[str], list[str]]]:
    """(text, cited labels, dispute kinds) per segment: one-line test cases."""
    return [
        (
            s.text,
            [m.label or "" for m in s.markers if m.kind in ("cite", "note")],
            [m.dispute_kind or "" for m in s.markers if m.kind in ("dispute", "unknown")],
        )
        for s in segment(text, lang).segments
    ]


def assert_offsets(text: str, result: Segmentation) -> None:
    for s in result.segments:
        assert s.text == strip_markers(text[s.start : s.end])
        for m in s.markers:
            assert text[m.start : m.end] == m.raw
            assert s.start <= m.start and m.end <= s.end


# ------------------------------------------------------------ Japanese seed lines


@pytest.mark.parametrize(
    "text, expect",
    [
        (
            "二国間関係は1992年1月9日に樹立された。[2]モスクワの北朝鮮大使館はウクライナにも駐在していた。",
            [("二国間関係は1992年1月9日に樹立された。", ["2"], []),
             ("モスクワの北朝鮮大使館はウクライナにも駐在していた。", [], [])],
        ),
        (
            "外交関係断絶に先立ち、北朝鮮に対する制裁措置により、他の政治的・経済的関係はすでに凍結されていた。 [9] [10]",
            [("外交関係断絶に先立ち、北朝鮮に対する制裁措置により、他の政治的・経済的関係はすでに凍結されていた。", ["9", "10"], [])],
        ),
        (
            "2017年、北朝鮮はクリミアをロシアの一部として承認した。[5] [6]これは北朝鮮とアメリカの二国間関係が緩和しつつある時期に起こったため、ウクライナは強く反応しなかった。[7]",
            [("2017年、北朝鮮はクリミアをロシアの一部として承認した。", ["5", "6"], []),
             ("これは北朝鮮とアメリカの二国間関係が緩和しつつある時期に起こったため、ウクライナは強く反応しなかった。", ["7"], [])],
        ),
        (
            "兵士たちが訓練場で制服や装備を受け取る様子が撮影され、追加の映像には彼らがロシアと中国の国境付近に到着する様子が映っていた。[12] [13] [疑わしい–議論する]",
            [("兵士たちが訓練場で制服や装備を受け取る様子が撮影され、追加の映像には彼らがロシアと中国の国境付近に到着する様子が映っていた。", ["12", "13"], ["dubious"])],
        ),
        (
            "10月23日、長官は確認した。[14] [疑わしい–議論する]大統領も述べた。[15] [疑わしい–議論する]",
            [("10月23日、長官は確認した。", ["14"], ["dubious"]), ("大統領も述べた。", ["15"], ["dubious"])],
        ),
        ("彼は「行く。戻る。」と言った。次だ。", [("彼は「行く。戻る。」と言った。", [], []), ("次だ。", [], [])]),
        ("調査(注。詳細は後述)を行った。", [("調査(注。詳細は後述)を行った。", [], [])]),
        ("本当か?そうだ!終わり。", [("本当か?", [], []), ("そうだ!", [], []), ("終わり。", [], [])]),
        ("数値は3.5%だった。[要出典]", [("数値は3.5%だった。", [], ["citation-needed"])]),
    ],
)
def test_japanese_sentences(text: str, expect: list[tuple[str, list[str], list[str]]]) -> None:
    assert sentences(text, "ja") == expect


# ------------------------------------------------------------ English


@pytest.mark.parametrize(
    "text, expect",
    [
        ("It opened in 2019.[3][4] It closed in 2020.", [("It opened in 2019.", ["3", "4"], []), ("It closed in 2020.", [], [])]),
        ("Mr. Smith met Dr. Jones. They talked.", [("Mr. Smith met Dr. Jones.", [], []), ("They talked.", [], [])]),
        ("The U.S. Army left. It rained.", [("The U.S. Army left.", [], []), ("It rained.", [], [])]),
        ("Fruit, e.g. apples, grew 3.5 percent.", [("Fruit, e.g. apples, grew 3.5 percent.", [], [])]),
        ("J. R. R. Tolkien wrote it. Fine.", [("J. R. R. Tolkien wrote it.", [], []), ("Fine.", [], [])]),
        ("It began in Jan. 1991 at No. 5 Main St. in town.", [("It began in Jan. 1991 at No. 5 Main St. in town.", [], [])]),
        ('He said "stop." Then left.[1]', [('He said "stop."', [], []), ("Then left.", ["1"], [])]),
        ("It was here.[citation needed] Next.", [("It was here.", [], ["citation-needed"]), ("Next.", [], [])]),
        ("Claim.[1][dubious – discuss] Other.[2]:14", [("Claim.", ["1"], ["dubious"]), ("Other.", ["2"], [])]),
        ("Closed.[6][a] Was it?", [("Closed.", ["6", "a"], []), ("Was it?", [], [])]),
    ],
)
def test_english_sentences(text: str, expect: list[tuple[str, list[str], list[str]]]) -> None:
    assert sentences(text, "en") == expect


@pytest.mark.parametrize(
    "text, kind",
    [
        ("なぜ今、ロシアは北朝鮮に接近しているのでしょうか。", "question"),
        ("本記事では、両国の関係をわかりやすく解説します。", "meta"),
        ("この記事では、各視点からこの複雑なテーマに迫ります。", "meta"),
        ("両国の動向を読み解いていきましょう。", "meta"),
        ("体制の維持を巡る引き分け状態といえるでしょう。", "opinion"),
        ("2017年、北朝鮮はクリミアを承認した。", "fact"),
        # the writer's hedged forecasts and evaluations (blog seed, hand review)
        ("限られた協力体制を維持する可能性が高いです。", "opinion"),
        ("「グレーゾーン貿易」が鍵を握ると考えられます。", "opinion"),
        ("渡航を考える場合は、慎重な判断が求められます。", "opinion"),
        ("実質的な戦力補完と捉えるべき動きと言えます。", "opinion"),
        ("信頼関係の構築が必要となるでしょう。", "opinion"),
        # ... but not a report of someone's hedge, nor a conditional fact
        ("NISは、ウクライナに配備される可能性があると主張していた。", "fact"),
        ("これが確認されれば、初の外国軍介入となる。", "fact"),
        ("In this article we look at the war.", "meta"),
        ("Let's look at the history.", "meta"),
        ("Was this the end?", "question"),
        ("The border is 17 km long.", "fact"),
        ("Here's everything you need to know about heat pumps.", "meta"),
        ("Thanks for reading!", "meta"),
        ("Let us know in the comments what you think.", "meta"),
        ("Personally, I love them.", "opinion"),
        ("I'd recommend a south-facing roof.", "opinion"),
        ("We think prices will fall.", "opinion"),
        ("You should get a quote first.", "opinion"),
        ("Published in 1990, the book sold well.", "fact"),
        ("Analysts think prices will fall.", "fact"),
    ],
)
def test_kinds(text: str, kind: str) -> None:
    assert classify_kind(text) == kind
    lang = detect_language(text)
    seg = segment(f"{'前文。' if lang == 'ja' else 'Lead.'} {text}", lang).segments[1]
    assert seg.kind == kind


# ------------------------------------------------------------ lines and sections


@pytest.mark.parametrize(
    "text, expect",
    [
        # (section, paragraph, infobox, text)
        ("北朝鮮 |\nウクライナ |\n|---|---|\n本文だ。[1]", [("", 0, False, "本文だ。")]),
        ("| 面積 | 746 km2 [3] |\n本文だ。", [("infobox", 0, True, "面積 | 746 km2"), ("", 1, False, "本文だ。")]),
        ("人口 19万人 (2008年[4][5])\n本文だ。", [("infobox", 0, True, "人口 19万人 (2008年)"), ("", 1, False, "本文だ。")]),
        ("| Established | 1991[2] |\nText here.", [("infobox", 0, True, "Established | 1991"), ("", 1, False, "Text here.")]),
        ("前文だ。\n歴史\n一文目。二文目。\n三文目。", [("", 0, False, "前文だ。"), ("歴史", 1, False, "一文目。"),
                                             ("歴史", 1, False, "二文目。"), ("歴史", 2, False, "三文目。")]),
        ("Lead.\n\nHistory[edit]\nOne. Two.", [("", 0, False, "Lead."), ("History", 1, False, "One."), ("History", 1, False, "Two.")]),
        ("前文。\n\n見出し?副題\n\n見出し?副題/\n\n本文。", [("", 0, False, "前文。"), ("見出し?副題", 1, False, "本文。")]),
        ("前文。\n\n・一つ目。二つ目。\n・三つ目", [("", 0, False, "前文。"), ("", 1, False, "一つ目。"),
                                         ("", 1, False, "二つ目。"), ("", 2, False, "三つ目")]),
        ("Lead.\n- First point.\n* Second point.", [("", 0, False, "Lead."), ("", 1, False, "First point."), ("", 2, False, "Second point.")]),
        ("\ufeff本文。\r\n\r\n次。\u3000続き。", [("", 0, False, "本文。"), ("", 1, False, "次。"), ("", 1, False, "続き。")]),
    ],
)
def test_lines(text: str, expect: list[tuple[str, int, bool, str]]) -> None:
    result = segment(text, detect_language(text))
    assert [(s.section, s.paragraph, s.infobox, s.text) for s in result.segments] == expect
    assert_offsets(text, result)


@pytest.mark.parametrize(
    "line",
    [
        "Jump to content",
        "コンテンツにスキップ",
        "From Wikipedia, the free encyclopedia",
        "出典: フリー百科事典『ウィキペディア（Wikipedia）』",
        "Coordinates: 39°01′N 125°45′E",
        "39°01′N 125°45′E",
        "コメント",
        "タイトルとURLをコピーしました",
        "Uncategorized",
        "カテゴリ: 北朝鮮の国際関係",
        "Categories: Bilateral relations of North Korea",
        'Retrieved from "https://en.wikipedia.org/w/index.php?title=X"',
        "This page was last edited on 1 March 2025, at 10:00 (UTC).",
        "move to sidebar",
        "For the village in Norfolk, see Kelmstow St Mary.",
        "この項目では、条約について説明しています。",
        "Posted on March 14, 2024 by Sarah Whitfield",
        "5 min read",
        "Join 2,341 other subscribers",
        "Photo by Jane Roe on Unsplash",
        "Last updated on May 3, 2024.",
        "Share on Facebook",
        "Filed under: Energy",
        "Main article: History of Kelmstow",
        "Further information: Beeching cuts",
        "詳細は「日朝関係史」を参照",
        "「日朝平壌宣言」も参照",
        "Look up treaty in Wiktionary, the free dictionary.",
        "Your email address will not be published. Required fields are marked *",
        "2031年3月2日 カテゴリ：鉄道・バス ｜ のりもの手帖",
        "12 May 2031 · Category: Transport",
    ],
)
def test_boilerplate_is_not_a_claim(line: str) -> None:
    text = f"前文だ。\n{line}\n後文だ。"
    assert [s.text for s in segment(text, "ja").segments] == ["前文だ。", "後文だ。"]


@pytest.mark.parametrize(
    "banner",
    [
        "This article needs additional citations for verification. Please help improve this article by adding citations to reliable sources.",
        "この記事は検証可能な参考文献や出典が全く示されていないか、不十分です。",
    ],
)
def test_banners(banner: str) -> None:
    result = segment(f"Title\n{banner}\n本文だ。 Body.", detect_language(banner))
    assert result.banners == (banner,)
    assert all("citations" not in s.text and "参考文献" not in s.text for s in result.segments)


# ------------------------------------------------------------ whole documents


def test_seed_article() -> None:
    text = (SOURCES / "wiki-ja-kp-ua-relations.txt").read_text(encoding="utf-8")
    result = segment(text, detect_language(text))
    assert detect_language(text) == "ja"
    assert_offsets(text, result)
    by_text = {s.text: s for s in result.segments}
    first = by_text["二国間関係は1992年1月9日に樹立された。"]
    second = by_text["モスクワの北朝鮮大使館はウクライナにも駐在していた。"]
    assert [m.label for m in first.markers] == ["2"] and not second.markers
    assert first.section == "歴史" and first.paragraph == second.paragraph
    disputed = [s for s in result.segments if any(m.kind == "dispute" for m in s.markers)]
    assert [[m.label for m in s.markers if m.kind == "cite"] for s in disputed] == [["12", "13"], ["14"], ["15"], ["16", "17"]]
    assert {s.section for s in result.segments} == {"", "歴史", "ロシア・ウクライナ戦争", "ロシアによるウクライナ侵攻", "貿易"}
    assert not any("^" in s.text or "ワーツ" in s.text for s in result.segments)
    assert [(b.heading, b.role) for b in result.blocks] == [
        ("参照", "see-also"), ("参考文献", "references"), ("参考文献", "bibliography")]
    refs = result.blocks[1]
    assert text[refs.start : refs.end].startswith("- ^ ab") and text[refs.start : refs.end].endswith("OEC。")
    assert text[result.blocks[2].start :].startswith("- ワーツ")
    assert len(result.segments) == 24
    assert result.unknown_markers == ()


def test_seed_blog() -> None:
    text = (SOURCES / "blog-ja-ru-kp-relations.txt").read_text(encoding="utf-8")
    result = segment(text, "ja")
    assert_offsets(text, result)
    assert result.title == "ロシアと北朝鮮の関係とは?軍事・経済連携の実態を探る"
    texts = [s.text for s in result.segments]
    for furniture in ("Uncategorized", "コメント", "タイトルとURLをコピーしました", "ロシアと北朝鮮の関係の歴史とその背景/"):
        assert furniture not in texts
    assert not any(t.startswith("ロシアが朝鮮を狙った理由は何ですか?") for t in texts)
    sections = {s.section for s in result.segments}
    assert "ロシアが朝鮮を狙った理由は何ですか?過去の展開を解説" in sections
    assert "ロシア 北朝鮮 国境における貿易の実態と課題とは?" in sections
    assert not any(s.endswith("/") for s in sections)
    kinds = {s.text: s.kind for s in result.segments}
    assert kinds["なぜ今、ロシアは北朝鮮に接近しているのでしょうか。"] == "question"
    assert kinds["国際ニュースの裏側を深掘りしたい方に、必見の内容です。"] == "meta"
    assert kinds["1950年6月25日に始まった朝鮮戦争は、北朝鮮が南進したことで勃発しました。"] == "fact"
    bullets = [s for s in result.segments if s.section == "まとめ・結論"][:3]
    assert bullets[0].text.startswith("ロシアと北朝鮮の関係は旧ソ連時代から") and not bullets[0].text.startswith("・")
    assert len({s.paragraph for s in bullets}) == 3
    assert not any(s.markers for s in result.segments) and result.blocks == ()


def test_english_wikipedia_copy() -> None:
    text = (DATA / "en_wikipedia_copy.txt").read_text(encoding="utf-8")
    assert detect_language(text) == "en"
    result = segment(text, "en")
    assert_offsets(text, result)
    assert result.title == "North Korea–Ukraine relations"
    assert len(result.banners) == 1 and result.banners[0].startswith("This article needs additional citations")
    got = [(s.section, s.text, [m.label for m in s.markers if m.label],
            [m.dispute_kind for m in s.markers if m.dispute_kind]) for s in result.segments]
    assert got == [
        ("infobox", "Established | 9 January 1992", ["2"], []),
        ("infobox", "Suspended | 13 July 2022", ["1"], []),
        ("infobox", "Population 19 million (2008)", ["4", "5"], []),
        ("", "North Korea–Ukraine relations are the bilateral relations between North Korea and Ukraine.", [], []),
        ("", "Relations were suspended in July 2022.", ["1"], []),
        ("", "Ukraine has an embassy in Beijing.", [], ["citation-needed"]),
        ("History", "Diplomatic relations were established on 9 January 1992.", ["2"], []),
        ("History", "Mr. Kim Il Sung's government recognized Ukraine's independence in Dec. 1991.", [], []),
        ("History", "The U.S. State Department noted the move.", ["3", "4"], []),
        ("History", "Trade grew by 3.5 percent in 1995, according to J. R. R. Smith.", ["5"], []),
        ("History", "In 1998, North Korea closed its embassy in Kyiv due to budget cuts.", ["6", "a"], []),
        ("History", "Was this the end?", [], []),
        ("History", "Analysts disagreed.", [], ["dubious"]),
        ("Russo-Ukrainian War", "In 2017, North Korea recognized Crimea as part of Russia.", ["7"], []),
        ("Russo-Ukrainian War", "Ukraine did not react strongly.", ["8"], ["failed-verification"]),
        ("Russo-Ukrainian War", 'Officials said "the decision was expected."', [], []),
        ("Russo-Ukrainian War", "The ministry gave no details.", ["9"], []),
        ("Russo-Ukrainian War", "In October 2024, the U.S. confirmed the presence of North Korean troops in Russia.",
         ["10", "11"], ["unreliable-source"]),
        ("Russo-Ukrainian War", 'Some observers called it a "turning point".', ["12"], ["unknown"]),
        ("Trade", "In 2020, Ukraine exported $7,710 to North Korea, e.g. polyacetal.", ["13"], []),
    ]
    assert result.segments[9].markers[0].page == "23"
    assert [m.raw for m in result.unknown_markers] == ["[foo bar?]"]
    assert [(b.heading, b.role) for b in result.blocks] == [
        ("See also", "see-also"), ("Notes", "notes"), ("References", "references"), ("Bibliography", "bibliography")]
    assert text[result.blocks[-1].start : result.blocks[-1].end].endswith("NCNK.")  # the footer is not in it
    assert len({s.paragraph for s in result.segments if s.section == "History"}) == 2


# ------------------------------------------------------------ properties

_ALPHABET = st.sampled_from(list("ab .。!?「」()[]［］\"“”|\t\n\r\u3000\u00a0\ufeff12要出典citation needed^-・*注") +
                            ["[1]", "[a]", "[要出典]", "[citation needed]", "[疑わしい–議論する]", "[edit]", "[1]:23", "\n\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join), st.sampled_from(["ja", "en"]))
def test_segment_never_crashes_and_offsets_hold(text: str, lang: str) -> None:
    result = segment(text, lang)
    assert_offsets(text, result)
    for b in result.blocks:
        assert 0 <= b.start <= b.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["ja", "en"]))
def test_segment_arbitrary_text(text: str, lang: str) -> None:
    assert_offsets(text, segment(text, lang))


def test_japanese_wikipedia_copy() -> None:
    text = (DATA / "ja_wikipedia_copy.txt").read_text(encoding="utf-8")
    result = segment(text, detect_language(text))
    assert_offsets(text, result)
    assert result.title == "日朝関係"
    assert result.banners == ("この記事は検証可能な参考文献や出典が全く示されていないか、不十分です。",)
    got = [(s.section, s.text, [m.label for m in s.markers if m.label],
            [m.dispute_kind for m in s.markers if m.dispute_kind]) for s in result.segments if not s.infobox]
    assert got == [
        ("", "日朝関係（にっちょうかんけい）は、日本と朝鮮民主主義人民共和国の関係である。", ["1"], []),
        ("", "両国の間に国交はない。", ["注 1"], []),
        ("概要", "2002年に首脳会談が行われた。", ["2", "3"], []),
        ("概要", "その際「拉致問題は解決済み。」と主張した。", [], ["citation-needed"]),
        ("概要", "会談は平壌で開かれた。", ["4"], []),
        ("冷戦期", "1959年、在日朝鮮人の帰還事業が始まった。", ["5"], []),
        ("冷戦期", "約9万人が渡航したとされる。", [], ["verification-needed"]),
        ("冷戦期", "1965年の日韓基本条約は北朝鮮の反発を招いた。", [], ["original-research"]),
    ]
    assert ("infobox", "首都 平壌") in [(s.section, s.text) for s in result.segments if s.infobox]
    assert not any("概要" == s.text or s.text.startswith("2.1") for s in result.segments)
    roles = [(b.heading, b.role) for b in result.blocks]
    assert roles == [("脚注", "notes"), ("注釈", "notes"), ("出典", "references"), ("参考文献", "bibliography"),
                     ("関連項目", "see-also"), ("外部リンク", "other")]
    assert "カテゴリ" not in text[result.blocks[-1].start : result.blocks[-1].end]


def test_hard_wrapped_english() -> None:
    text = ("The embassy in Kyiv was closed in 1998 because the\n"
            "budget was cut sharply after the collapse of the\n"
            "Eastern Bloc.[3] Trade continued at a low level\n"
            "for years.\n\nA second paragraph starts here.\n")
    result = segment(text, "en")
    assert_offsets(text, result)
    assert [(s.paragraph, s.text) for s in result.segments] == [
        (0, "The embassy in Kyiv was closed in 1998 because the budget was cut sharply after the collapse of the Eastern Bloc."),
        (0, "Trade continued at a low level for years."),
        (1, "A second paragraph starts here."),
    ]


def test_one_line_per_paragraph_is_not_joined() -> None:
    text = "First line ends here.\nSecond line without a period cites a source[2]\nThird line."
    assert [s.paragraph for s in segment(text, "en").segments] == [0, 1, 2]


@pytest.mark.parametrize(
    "footer",
    ["12 thoughts on “Why heat pumps win”", "Leave a Reply Cancel reply", "3件のコメント", "5 Comments on this post"],
)
def test_a_comment_area_ends_the_article(footer: str) -> None:
    text = f"Title\nThe body states a fact.\n{footer}\nMark T.\nGreat article, thanks! We had ours fitted.\n"
    assert [s.text for s in segment(text, "en").segments] == ["The body states a fact."]


@pytest.mark.parametrize(
    "text, title",
    [
        ("Jump to content\nMain menu\nKelmstow\nCoordinates: 52°14′N 1°36′W\nFrom Wikipedia, the free encyclopedia\nKelmstow is a town.\n", "Kelmstow"),
        ("メインメニューを開く\n日露和親条約\n出典: フリー百科事典『ウィキペディア（Wikipedia）』\n本文だ。\n", "日露和親条約"),
        ("Skip to content\nAbout\nWhy Heat Pumps Win\nPosted on March 14, 2024 by Sarah\nBody text.\n", "Why Heat Pumps Win"),
    ],
)
def test_title_is_the_line_above_the_tagline_or_byline(text: str, title: str) -> None:
    assert segment(text).title == title


def test_a_table_of_contents_above_the_article_opens_no_source_list() -> None:
    text = ("Contents hide\n(Top)\nHistory\nNotes\nReferences\nKelmstow\nFrom Wikipedia, the free encyclopedia\n"
            "Kelmstow is a town.[1]\nHistory[edit]\nIt grew.[2]\nReferences[edit]\n^ \"A\". B.\n^ \"C\". D.\n")
    result = segment(text, "en")
    assert [s.text for s in result.segments] == ["Kelmstow is a town.", "It grew."]
    assert [b.heading for b in result.blocks] == ["References"]


def test_an_edit_marked_section_after_the_lists_is_prose_again() -> None:
    text = "Body.[1]\nReferences[edit]\n^ \"A\". B.\nLegacy[edit]\nIt is remembered.\n"
    assert [s.text for s in segment(text, "en").segments] == ["Body.", "It is remembered."]


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement · Scroll to continue",
        "1 of 3 Dockworkers picket outside the port, August 21, 2022. REUTERS/Toby Melville",
        "A protester holds a sign in Washington. (AP Photo/Evan Vucci)",
        "Associated Press writer Jill Lawless contributed to this report.",
        "Read more:",
    ],
)
def test_news_furniture_is_not_a_claim(line: str) -> None:
    assert [s.text for s in segment(f"First fact.\n{line}\nSecond fact.\n", "en").segments] == ["First fact.", "Second fact."]


def test_a_wire_credit_line_ends_the_story() -> None:
    text = "The port closed.\nReporting by Jane Doe; Editing by Susan Fenton\nSign up here for our newsletter. It is free.\n"
    assert [s.text for s in segment(text, "en").segments] == ["The port closed."]


def test_a_table_of_contents_after_the_lead_opens_no_source_list() -> None:
    text = ("日朝関係は複雑である[1]。\n目次\n概要\n脚注\n出典\n概要[編集]\n会談が行われた[2]。\n"
            "脚注[編集]\n^ 外務省「北朝鮮」\n^ 朝日新聞 2002年9月18日\n")
    result = segment(text, "ja")
    assert [s.text for s in result.segments] == ["日朝関係は複雑である。", "会談が行われた。"]
    assert [b.heading for b in result.blocks] == ["脚注"]


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("Yahoo!ニュースが報じた[3]。すごい!次は東京だ。\n", ["Yahoo!ニュースが報じた。", "すごい!", "次は東京だ。"]),
        ("Yahoo! JAPANが報じた。本当?嘘だ。\n", ["Yahoo! JAPANが報じた。", "本当?", "嘘だ。"]),
    ],
)
def test_a_latin_name_with_an_exclamation_mark_in_japanese(text: str, sentences: list[str]) -> None:
    assert [s.text for s in segment(text, "ja").segments] == sentences
