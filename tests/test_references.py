"""Reference lists -> CSL Reference values: one-line entry cases, block
splitting, short-form resolution, and the Japanese seed end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from factcheck.extract.parts import Block
from factcheck.extract.references import (
    is_magazine,
    is_news_outlet,
    parse_entry,
    parse_names,
    parse_references,
    reference_id,
)
from factcheck.model import Name

# The seed article, as committed verbatim under sources/.
SEED = Path(__file__).resolve().parents[1] / "sources" / "wiki-ja-kp-ua-relations.txt"


def N(family: str | None = None, given: str | None = None, literal: str | None = None) -> Name:
    return Name(family=family, given=given, literal=literal)


def check_entry(raw: str, **expect: Any) -> None:
    """Assert the listed fields (CSL keys with '-' written '_'); ``custom``
    entries are checked one by one, absent fields must be absent."""
    got = parse_entry(raw)
    for key, want in expect.items():
        key = {"container_title": "container-title", "URL": "URL"}.get(key, key)
        if key == "custom":
            for ck, cv in want.items():
                assert got["custom"].get(ck) == cv, (ck, got["custom"])
        elif want is None:
            assert key not in got, (key, got.get(key))
        else:
            assert got.get(key) == want, (key, got.get(key), got)


# (entry, expected fields).  Seed forms first, then English browser copies,
# then Japanese Wikipedia's own (not machine-translated) forms.
ENTRY_CASES: list[tuple[str, dict[str, Any]]] = [
    (
        "- ^ ab 「ウクライナ外務省による朝鮮民主主義人民共和国との外交関係断絶に関する声明」ウクライナ外務省. 2022年7月13日.",
        dict(type="webpage", title="ウクライナ外務省による朝鮮民主主義人民共和国との外交関係断絶に関する声明",
             publisher="ウクライナ外務省", container_title=None, issued="2022-07-13", author=None),
    ),
    (
        "- ^ ワーツ、オ、インソン 2016、p. 7、9。",
        dict(type="document", issued="2016", page="7, 9", title=None,
             author=(N("ワーツ"), N("オ"), N("インソン")), custom={"short": True}),
    ),
    (
        "- ^ シュスター、サイモン (2018年2月1日). 「ウクライナの科学者は北朝鮮の核兵器を武装させたのか?」タイム誌.",
        dict(type="article-magazine", author=(N("シュスター", "サイモン"),), issued="2018-02-01",
             title="ウクライナの科学者は北朝鮮の核兵器を武装させたのか?", container_title="タイム誌"),
    ),
    (
        "- ^ Byrne, Leo (2017年10月12日). 「北朝鮮の地図帳はクリミアをロシアの一部として示している」. NK News .",
        dict(author=(N("Byrne", "Leo"),), issued="2017-10-12", container_title="NK News",
             type="article-newspaper"),
    ),
    (
        '- ^ "俄朝建交69周年,朝承认克里米亚姓"俄".中青在線. 2017-10-13. オリジナルから2022-09-28にアーカイブ。 2023-07-10閲覧。',
        dict(title='俄朝建交69周年,朝承认克里米亚姓"俄"', container_title="中青在線", issued="2017-10-13",
             accessed="2023-07-10", custom={"archive_date": "2022-09-28"}),
    ),
    (
        "- ^ “乌克兰と朝鲜断交!它们那これら说不得的恩怨”.乌有之乡。 2023-07-10 のオリジナルからアーカイブされました。2023-07-10に取得。",
        dict(title="乌克兰と朝鲜断交!它们那これら说不得的恩怨", container_title="乌有之乡", publisher=None,
             issued=None, accessed="2023-07-10", custom={"archive_date": "2023-07-10"}),
    ),
    (
        "- ^ “КНДР признала ДНР и ЛНР. В ответ Украина разорвала дипломатические отно程ения с Северной Корей”.メドゥーザ/タス。 2022年7月13日。",
        dict(title="КНДР признала ДНР и ЛНР. В ответ Украина разорвала дипломатические отно程ения с Северной Корей",
             container_title="メドゥーザ/タス", issued="2022-07-13"),
    ),
    (
        "- ^ 「ウクライナ、分離独立領土の承認をめぐり北朝鮮と国交を断絶」ラジオ・フリー・ヨーロッパ/ラジオ・リバティ2022年7月13日",
        dict(container_title="ラジオ・フリー・ヨーロッパ/ラジオ・リバティ", issued="2022-07-13",
             type="article-newspaper"),
    ),
    (
        "- ^ “Україна розриває дипломатичні відносини з КНДР – Ніколенко”. Радио Свобода。 2022年7月13日。",
        dict(title="Україна розриває дипломатичні відносини з КНДР – Ніколенко", container_title="Радио Свобода",
             issued="2022-07-13"),
    ),
    (
        "- ^ Kennedy, Isaac Yee, Victoria Butenko, Niamh (2024年10月19日). 「北朝鮮軍、ウクライナへの展開に先立ちロシアで装備を整えている模様」CNN . 2024年10月21日閲覧。",
        dict(author=(N(literal="Kennedy, Isaac Yee, Victoria Butenko, Niamh"),), issued="2024-10-19",
             accessed="2024-10-21", container_title="CNN", type="article-newspaper"),
    ),
    (
        "- ^ 「オースティン国防長官、北朝鮮がロシアに部隊を派遣したと確認」米国国防総省。2024年10月23日閲覧。",
        dict(publisher="米国国防総省", container_title=None, issued=None, accessed="2024-10-23", type="webpage"),
    ),
    (
        "- ^ マット・マーフィー (2024年10月29日). 「ウクライナ戦争:NATO、北朝鮮軍がロシアのクルスク地域に配備と発表」BBCニュース. 2024年10月29日閲覧。",
        dict(author=(N(literal="マット・マーフィー"),), container_title="BBCニュース", type="article-newspaper"),
    ),
    (
        "- ^ ミラー、クリストファー、セドン、マックス (2024年11月4日). 「ウクライナ、クルスクで北朝鮮軍を攻撃したと発表」フィナンシャル・タイムズ. 2024年11月5日閲覧。",
        dict(author=(N("ミラー", "クリストファー"), N("セドン", "マックス")), container_title="フィナンシャル・タイムズ"),
    ),
    (
        "- ^ ブレンダン・コール記者(シニアニュース)(2024年11月4日)。「捕虜となったロシア兵、北朝鮮軍が部隊に発砲したと証言」ニューズウィーク誌。 2024年11月5日閲覧。",
        dict(author=(N(literal="ブレンダン・コール"),), issued="2024-11-04", accessed="2024-11-05",
             container_title="ニューズウィーク誌", type="article-magazine"),
    ),
    (
        "- ^ 「ウクライナ軍、ロシアで初めて北朝鮮軍と交戦したと当局者が語る」AP通信2024年11月5日. 2024年11月5日閲覧。",
        dict(container_title="AP通信", issued="2024-11-05", accessed="2024-11-05", type="article-newspaper"),
    ),
    (
        "- ^ Yang, Heekyong; Smith, Josh (2025年3月1日). Anantharaman, Muralikumar; Nomiyama, Chizu (編). 「北朝鮮の高官がロシアのプーチン大統領と会談、KCNAが報道」ロイター. 2025年3月4日閲覧。",
        dict(author=(N("Yang", "Heekyong"), N("Smith", "Josh")),
             editor=(N("Anantharaman", "Muralikumar"), N("Nomiyama", "Chizu")),
             title="北朝鮮の高官がロシアのプーチン大統領と会談、KCNAが報道", container_title="ロイター",
             issued="2025-03-01", accessed="2025-03-04"),
    ),
    (
        "- ^ 「ウクライナ(UKR)と北朝鮮(PRK)の貿易」OEC。",
        dict(title="ウクライナ(UKR)と北朝鮮(PRK)の貿易", container_title="OEC", type="webpage", issued=None),
    ),
    (
        "- ワーツ、ダニエル、オー、JJ、インソン、キム (2016).「北朝鮮の外交関係」(PDF) . NCNK .",
        dict(type="report", issued="2016", title="北朝鮮の外交関係", publisher="NCNK", container_title=None,
             author=(N("ワーツ", "ダニエル"), N("オー", "JJ"), N("インソン", "キム")), custom={"format": "PDF"}),
    ),
    # English Wikipedia, copied from a browser.
    (
        '^ Jump up to: a b c Smith, John (12 March 2020). "North Korea sends troops". The Guardian. '
        "Archived from the original on 13 March 2020. Retrieved 5 May 2021.",
        dict(author=(N("Smith", "John"),), title="North Korea sends troops", container_title="The Guardian",
             issued="2020-03-12", accessed="2021-05-05", type="article-newspaper",
             custom={"archive_date": "2020-03-13", "raw": 'Smith, John (12 March 2020). "North Korea sends troops". '
                     "The Guardian. Archived from the original on 13 March 2020. Retrieved 5 May 2021."}),
    ),
    (
        '^ a b "North Korean troops in Russia". BBC News. 19 October 2024. Retrieved 21 October 2024.',
        dict(title="North Korean troops in Russia", container_title="BBC News", issued="2024-10-19",
             accessed="2024-10-21"),
    ),
    (
        '1. ^ Wertz, Daniel; Oh, JJ; Insung, Kim (2016). "DPRK Diplomatic Relations" (PDF). '
        "National Committee on North Korea. Retrieved 2023-07-10.",
        dict(type="report", issued="2016", accessed="2023-07-10", title="DPRK Diplomatic Relations",
             publisher="National Committee on North Korea", container_title=None,
             author=(N("Wertz", "Daniel"), N("Oh", "JJ"), N("Insung", "Kim"))),
    ),
    (
        '^ "Austin confirms North Korean troops in Russia". U.S. Department of Defense. October 23, 2024. '
        "Retrieved October 23, 2024.",
        dict(publisher="U.S. Department of Defense", container_title=None, issued="2024-10-23",
             accessed="2024-10-23", type="webpage"),
    ),
    (
        '^ Ivanov, Ivan (5 May 2021). "Заголовок" (in Russian). TASS. '
        "https://tass.ru/politika/123 Archived 6 May 2021 at the Wayback Machine.",
        dict(language="ru", container_title="TASS", URL="https://tass.ru/politika/123",
             custom={"archive_date": "2021-05-06"}, type="article-newspaper"),
    ),
    (
        "^ Lankov, Andrei (2013). The Real North Korea: Life and Politics in the Failed Stalinist Utopia. "
        "Oxford: Oxford University Press. ISBN 978-0-19-996429-1.",
        dict(type="book", title="The Real North Korea: Life and Politics in the Failed Stalinist Utopia",
             publisher="Oxford University Press", issued="2013", custom={"isbn": "978-0-19-996429-1"},
             container_title=None),
    ),
    ("^ Smith 2016, p. 7.", dict(type="document", author=(N("Smith"),), issued="2016", page="7")),
    ("^ Wertz, Oh & Insung 2016, p. 7.",
     dict(author=(N("Wertz"), N("Oh"), N("Insung")), issued="2016", page="7", custom={"short": True})),
    ("^ Smith (2016), pp. 7–9", dict(type="document", issued="2016", page="7–9")),
    ("^ Lankov 2013, pp. 45-47.", dict(type="document", issued="2013", page="45–47")),
    ("^ The figure excludes civilians.", dict(type="document", title=None, container_title=None, issued=None)),
    # Japanese Wikipedia's own renderings.
    (
        "^ a b “記事”. 朝日新聞デジタル. 朝日新聞社 (2022年7月14日). 2022年7月14日閲覧。",
        dict(title="記事", container_title="朝日新聞デジタル", publisher="朝日新聞社", issued="2022-07-14",
             accessed="2022-07-14", type="article-newspaper"),
    ),
    (
        "^ “北朝鮮、ウクライナと断交”. 日本経済新聞. (2022年7月14日). https://www.nikkei.com/article/DGXZQ 2022年7月14日閲覧。",
        dict(container_title="日本経済新聞", issued="2022-07-14", URL="https://www.nikkei.com/article/DGXZQ"),
    ),
    (
        "^ 外務省. “北朝鮮基礎データ”. 2024年10月21日閲覧。",
        dict(author=(N(literal="外務省"),), title="北朝鮮基礎データ", issued=None, accessed="2024-10-21"),
    ),
    (
        "^ 山田太郎「論文」『雑誌名』第12巻第3号、2016年、45-67頁。",
        dict(type="article-journal", title="論文", container_title="雑誌名", publisher=None, issued="2016",
             page="45–67"),
    ),
    (
        '^ "Title" (in Korean). Yonhap News Agency. 3 November 2024.',
        dict(language="ko", container_title="Yonhap News Agency", issued="2024-11-03", type="article-newspaper"),
    ),
    ("^ 朝日新聞 2002年9月18日", dict(container_title="朝日新聞", issued="2002-09-18", type="article-newspaper")),
    ("^ 外務省 2002年9月18日", dict(container_title=None, issued=None, type="document")),
    ("^ Founded in 2016.", dict(type="document", issued=None, author=None)),
    ("^ Smith et al. 2016, p. 4.", dict(type="document", author=(N("Smith"),), page="4")),
    ("^ 山田ら 2016、7頁。", dict(type="document", author=(N("山田"),), page="7")),
    (
        "^ 「北朝鮮兵、ロシアへ」『朝日新聞』2024年10月19日。2024年10月21日閲覧。",
        dict(title="北朝鮮兵、ロシアへ", container_title="朝日新聞", issued="2024-10-19", accessed="2024-10-21",
             type="article-newspaper"),
    ),
    (
        "^ 山田太郎『北朝鮮の外交』講談社、2016年、45頁。ISBN 978-4-06-123456-7。",
        dict(type="book", title="北朝鮮の外交", publisher="講談社", issued="2016", page="45",
             author=(N(literal="山田太郎"),)),
    ),
    (
        "^ a b c 「ロシア軍」 (ロシア語). タス通信. (2024年10月19日) https://tass.ru/x 2024年10月21日閲覧。",
        dict(title="ロシア軍", language="ru", URL="https://tass.ru/x", issued="2024-10-19",
             accessed="2024-10-21", custom={"raw": "「ロシア軍」 (ロシア語). タス通信. (2024年10月19日) "
                                                   "https://tass.ru/x 2024年10月21日閲覧。"}),
    ),
]


@pytest.mark.parametrize(("raw", "expect"), ENTRY_CASES, ids=[c[0][:40] for c in ENTRY_CASES])
def test_parse_entry(raw: str, expect: dict[str, Any]) -> None:
    check_entry(raw, **expect)


@pytest.mark.parametrize(
    ("raw", "stripped"),
    [
        ("- ^ ab 「x」CNN.", "「x」CNN."),
        ("^ a b c 「x」CNN.", "「x」CNN."),
        ("^ Jump up to: a b \"x\". CNN.", "\"x\". CNN."),
        ("1. ^ \"x\". CNN.", "\"x\". CNN."),
        ("^ 1.0 1.1 「x」CNN.", "「x」CNN."),
        ("^ a 「x」CNN.", "a 「x」CNN."),  # a single letter is not a back-link run
        ("^ Abe, Shinzo (2016). 「x」.", "Abe, Shinzo (2016). 「x」."),
    ],
)
def test_raw_drops_caret_and_backlinks(raw: str, stripped: str) -> None:
    assert parse_entry(raw)["custom"]["raw"] == stripped


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Byrne, Leo", (N("Byrne", "Leo"),)),
        ("Yang, Heekyong; Smith, Josh", (N("Yang", "Heekyong"), N("Smith", "Josh"))),
        ("シュスター、サイモン", (N("シュスター", "サイモン"),)),
        ("マット・マーフィー", (N(literal="マット・マーフィー"),)),
        ("Kennedy, Isaac Yee, Victoria Butenko, Niamh", (N(literal="Kennedy, Isaac Yee, Victoria Butenko, Niamh"),)),
        ("Reuters Staff", (N(literal="Reuters Staff"),)),
    ],
)
def test_parse_names(text: str, names: tuple[Name, ...]) -> None:
    assert parse_names(text) == names


@pytest.mark.parametrize(
    ("name", "news"),
    [("CNN", True), ("AP通信", True), ("タイム誌", True), ("The New York Times", True), ("NK News", True),
     ("APEC", False), ("OEC", False), ("ウクライナ外務省", False)],
)
def test_is_news_outlet(name: str, news: bool) -> None:
    assert is_news_outlet(name) is news


@pytest.mark.parametrize(
    "name, magazine",
    [("タイム誌", True), ("Time", True), ("ニューズウィーク誌", True), ("Newsweek", True), ("The Diplomat", True),
     ("The Times", False), ("タイムズ", False), ("キエフ・インディペンデント紙", False), ("CNN", False)],
)
def test_is_magazine(name: str, magazine: bool) -> None:
    assert is_magazine(name) is magazine


# --- blocks ------------------------------------------------------------------------


def refs_of(text: str, *roles: str) -> list:
    """Parse ``text`` whose parts are separated by lines "@@role"."""
    blocks = []
    parts = text.split("@@")
    out = parts[0]
    for part in parts[1:]:
        role, _, body = part.partition("\n")
        start = len(out)
        out += body
        blocks.append(Block(role, start, len(out), role))  # type: ignore[arg-type]
    return parse_references(out, blocks, "doc")


def test_labels_by_order_when_numbers_lost() -> None:
    refs = refs_of('@@references\n^ "A". CNN. 2020.\n^ a b "B". BBC News. 2021.\n^ Smith 2016, p. 3.\n')
    assert [r.label for r in refs] == ["1", "2", "3"]
    assert [r.id for r in refs] == ["doc-ref-1", "doc-ref-2", "doc-ref-3"]
    assert all(r.document == "doc" for r in refs)


def test_surviving_numbers_are_labels() -> None:
    refs = refs_of('@@references\n1. ^ "A". CNN.\n2. ^ "B". CNN.\n5. ^ "E". CNN.\n^ "F". CNN.\n')
    assert [r.label for r in refs] == ["1", "2", "5", "6"]


def test_notes_get_letters() -> None:
    refs = refs_of("@@notes\n^ The figure excludes civilians.\n^ Also called X.\n")
    assert [r.label for r in refs] == ["a", "b"]
    assert refs[0].id == reference_id("doc", "a") == "doc-ref-a"


def test_wrapped_entry_joins_lines() -> None:
    refs = refs_of('@@references\n^ Smith, John (12 March 2020). "A long\ntitle". The Guardian.\nRetrieved 5 May 2021.\n'
                   '^ "B". CNN.\n')
    assert len(refs) == 2
    assert refs[0].title == "A long title"
    assert refs[0].accessed == "2021-05-05"


def test_cs1_maint_noise_is_dropped_and_starts_next_entry() -> None:
    refs = refs_of(
        "@@references\n^ 「A」CNN . 2024年10月21日閲覧。\n"
        "{{cite web}}: CS1 maint: 複数の名前: 著者リスト (リンク) - ^ 「B」ロイター2024年10月19日\n"
    )
    assert [r.title for r in refs] == ["A", "B"]
    assert all("CS1" not in r.custom["raw"] and "cite web" not in r.custom["raw"] for r in refs)


def test_english_cs1_maint_noise() -> None:
    refs = refs_of('@@references\n^ "A". Reuters. 2024. {{cite news}}: CS1 maint: multiple names: authors list (link)\n')
    assert refs[0].custom["raw"] == '"A". Reuters. 2024.'


def test_entries_run_together_on_one_line() -> None:
    refs = refs_of('@@references\n^ "A". CNN. 2020. ^ "B". BBC News. 2021.\n')
    assert [r.title for r in refs] == ["A", "B"]


def test_short_forms_resolve_to_bibliography() -> None:
    refs = refs_of(
        "@@references\n^ Smith 2016, p. 7.\n^ Jones (2019), pp. 7–9\n^ Brown 2001, p. 1.\n^ スミス 2016, p. 2.\n"
        "@@bibliography\nSmith, John (2016). The Book. Penguin. ISBN 978-0-14-000000-0.\n"
        "Jones, Mary (2019). \"Paper\" (PDF). UN.\n"
        "Jonas, Peter (2019). Other Book. Penguin.\n"
    )
    by_label = {r.label: r for r in refs}
    assert by_label["1"].custom["see"] == "doc-bib-1"
    assert by_label["1"].page == "7"
    assert by_label["2"].custom["see"] == "doc-bib-2"  # fuzzy surname picks Jones over Jonas
    assert "see" not in by_label["3"].custom and by_label["3"].custom["short"] is True
    # Katakana vs Latin: no text match, but the only 2016 entry.
    assert by_label["4"].custom["see"] == "doc-bib-1"
    bib = [r for r in refs if r.label is None]
    assert [r.id for r in bib] == ["doc-bib-1", "doc-bib-2", "doc-bib-3"]


def test_sources_subheading_inside_references_block() -> None:
    refs = refs_of('@@references\n^ Smith 2016, p. 7.\n^ "B". CNN.\nSources\nSmith, John (2016). The Book. Penguin.\n')
    assert [r.label for r in refs] == ["1", "2", None]
    assert refs[0].custom["see"] == refs[2].id == "doc-bib-1"
    assert refs[1].title == "B"


def test_plain_list_without_carets() -> None:
    refs = refs_of('@@references\n- "A". CNN. 2020.\n- "B". BBC News. 2021.\n')
    assert [(r.label, r.title) for r in refs] == [("1", "A"), ("2", "B")]


def test_bibliography_skips_headings_and_joins_wrapped_items() -> None:
    refs = refs_of("@@bibliography\nBooks\n- Smith, John (2016). The Book.\n  Penguin.\n- Doe, Jane (2018). 『本』講談社.\n")
    assert [r.id for r in refs] == ["doc-bib-1", "doc-bib-2"]
    assert refs[0].publisher == "Penguin"


# --- the seed ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_refs() -> list:
    text = SEED.read_text(encoding="utf-8")
    first = text.index("参考文献\n") + len("参考文献\n")
    second = text.index("\n参考文献\n", first)
    blocks = [
        Block("参考文献", first, second, "references"),
        Block("参考文献", second + len("\n参考文献\n"), len(text), "bibliography"),
    ]
    return parse_references(text, blocks, "seed")


def test_seed_counts_and_labels(seed_refs: list) -> None:
    labelled = [r for r in seed_refs if r.label is not None]
    bib = [r for r in seed_refs if r.label is None]
    assert [r.label for r in labelled] == [str(n) for n in range(1, 23)]
    assert [r.id for r in bib] == ["seed-bib-1"]
    assert all(r.document == "seed" for r in seed_refs)


def test_seed_short_forms(seed_refs: list) -> None:
    by_label = {r.label: r for r in seed_refs}
    for label, page in (("2", "7, 9"), ("3", "7, 12")):
        ref = by_label[label]
        assert ref.type == "document"
        assert ref.custom["see"] == "seed-bib-1"
        assert ref.page == page


def test_seed_entry_11_and_cs1_noise(seed_refs: list) -> None:
    by_label = {r.label: r for r in seed_refs}
    ref = by_label["11"]
    assert ref.author == (N(literal="Kennedy, Isaac Yee, Victoria Butenko, Niamh"),)
    assert ref.title == "北朝鮮軍、ウクライナへの展開に先立ちロシアで装備を整えている模様"
    assert ref.issued == "2024-10-19"
    assert ref.accessed == "2024-10-21"
    assert ref.container_title == "CNN"
    assert by_label["12"].title == "ロシアに駐留する北朝鮮軍、ウクライナ戦争での戦闘準備を整えていると韓国が発表"
    assert by_label["12"].container_title == "ロイター"
    for r in seed_refs:
        assert "CS1" not in (r.title or "") and "CS1" not in r.custom["raw"]


def test_seed_bibliography_entry(seed_refs: list) -> None:
    bib = seed_refs[-1]
    assert bib.type == "report"
    assert bib.title == "北朝鮮の外交関係"
    assert bib.issued == "2016"
    assert bib.author[0] == N("ワーツ", "ダニエル")
    assert bib.custom["format"] == "PDF"


def test_grouped_notes_follow_the_prose_markers() -> None:
    refs = refs_of("本文。[注 1] 次。[注 2]\n@@notes\n^ 補足一。\n^ 補足二。\n")
    assert [r.label for r in refs] == ["注 1", "注 2"]


def test_year_suffix_and_cjk_surname_resolution() -> None:
    refs = refs_of(
        "@@references\n^ Smith 2016b, p. 1.\n^ 山田 2016, 7頁.\n"
        "@@bibliography\nSmith, John (2016a). First Book. Penguin.\nSmith, John (2016b). Second Book. Penguin.\n"
        "山田太郎『北朝鮮の外交』講談社、2016年。\n"
    )
    assert refs[0].custom == {"raw": "Smith 2016b, p. 1.", "short": True, "year_suffix": "b", "see": "doc-bib-2"}
    assert refs[1].custom["see"] == "doc-bib-3"
    assert refs[1].page == "7"


ENGLISH_PAGE = """\
Notes
^ The figure excludes civilians.
^ Also transliterated as Kyiv.
References
^ Jump up to: a b "North Korea–Ukraine relations". Ministry of Foreign Affairs of Ukraine. Archived from the original on 2 March 2022. Retrieved 13 July 2022.
^ Wertz, Oh & Insung 2016, p. 7.
^ Shuster, Simon (1 February 2018). "Did Ukrainian Scientists Arm North Korea's Nukes?". Time. Retrieved 21 October 2024.
^ Kennedy, Niamh; Yee, Isaac; Butenko, Victoria (19 October 2024). "North Korean troops
appear to be equipping in Russia ahead of deployment to Ukraine". CNN. Retrieved 21 October 2024.
{{cite web}}: CS1 maint: multiple names: authors list (link)
^ Jump up to: a b c Smith, J. (2019). "Title of paper". Journal of Asian Studies. 12 (3): 45–67. doi:10.1017/abc.2019.1.
Sources
Wertz, Daniel; Oh, JJ; Insung, Kim (2016). "DPRK Diplomatic Relations" (PDF). National Committee on North Korea.
Lankov, Andrei (2013). The Real North Korea. Oxford: Oxford University Press. ISBN 978-0-19-996429-1.
"""


def test_english_browser_copy() -> None:
    notes_start = ENGLISH_PAGE.index("^")
    refs_start = ENGLISH_PAGE.index("References\n") + len("References\n")
    src_start = ENGLISH_PAGE.index("Sources\n") + len("Sources\n")
    blocks = [
        Block("Notes", notes_start, refs_start - len("References\n"), "notes"),
        Block("References", refs_start, src_start - len("Sources\n"), "references"),
        Block("Sources", src_start, len(ENGLISH_PAGE), "bibliography"),
    ]
    refs = parse_references(ENGLISH_PAGE, blocks, "en")
    assert [r.label for r in refs] == ["a", "b", "1", "2", "3", "4", "5", None, None]
    by_label = {r.label: r for r in refs}
    assert by_label["2"].custom["see"] == "en-bib-1"
    assert by_label["4"].title == (
        "North Korean troops appear to be equipping in Russia ahead of deployment to Ukraine"
    )
    assert by_label["4"].author[0] == N("Kennedy", "Niamh")
    assert "CS1" not in by_label["4"].custom["raw"]
    assert by_label["5"].type == "article-journal"
    assert by_label["5"].page == "45–67"
    assert refs[-1].type == "book"


@pytest.mark.parametrize("roles", [("references", "bibliography"), ("bibliography", "bibliography"),
                                   ("references", "references")])
def test_seed_roles_decided_by_content(roles: tuple[str, str]) -> None:
    """Both seed sections are headed 参考文献: whatever role the segmenter
    guesses, the ^ list is numbered and the other is the bibliography."""
    text = SEED.read_text(encoding="utf-8")
    first = text.index("参考文献\n") + len("参考文献\n")
    second = text.index("\n参考文献\n", first)
    blocks = [Block("参考文献", first, second, roles[0]),  # type: ignore[arg-type]
              Block("参考文献", second + len("\n参考文献\n"), len(text), roles[1])]  # type: ignore[arg-type]
    refs = parse_references(text, blocks, "seed")
    assert [r.label for r in refs] == [str(n) for n in range(1, 23)] + [None]


def test_seed_overlapping_blocks_do_not_duplicate() -> None:
    text = SEED.read_text(encoding="utf-8")
    first = text.index("参考文献\n") + len("参考文献\n")
    second = text.index("\n参考文献\n", first)
    blocks = [Block("参考文献", first, len(text), "references"),
              Block("参考文献", second + len("\n参考文献\n"), len(text), "bibliography")]
    refs = parse_references(text, blocks, "seed")
    assert [r.label for r in refs] == [str(n) for n in range(1, 23)] + [None]
    # One block over both sections: the heading line splits them.
    refs = parse_references(text, blocks[:1], "seed")
    assert [r.label for r in refs] == [str(n) for n in range(1, 23)] + [None]


def test_plain_list_when_page_has_no_carets_stays_numbered() -> None:
    refs = refs_of('@@references\n"A". CNN. 2020.\n"B". BBC News. 2021.\n')
    assert [r.label for r in refs] == ["1", "2"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(
    ["^ ", "a b ", "ab ", "「", "」", "『", "』", '"', "“", "”", "(", ")", "2024年10月19日", "2016", "p. 7",
     "、", ". ", "。", "Smith, John", "ワーツ", "CNN", "閲覧", "Retrieved 5 May 2021", "(PDF)", "ISBN 978-0-19-996429-1",
     "{{cite web}}: CS1 maint: x (link)", "\n", "- ", "https://x.org/a", "(編)", "オリジナルから2022-09-28にアーカイブ"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_parse_never_raises(text: str) -> None:
    fields = parse_entry(text)
    assert "raw" in fields["custom"]
    refs = parse_references(text, [Block("x", 0, len(text), "references")], "d")
    assert all(r.id.startswith("d-") for r in refs)


@pytest.mark.parametrize(
    "text, labels",
    [
        # the only footnote list, headed 脚注/Notes, is the numbered reference list
        ("本文だ[1]。続きだ[2]。\n脚注[編集]\n^ a b 外務省「北朝鮮」\n^ 朝日新聞 2002年9月18日\n", ["1", "2"]),
        ("Foo is a village.[1] It has a church.[2]\nNotes[edit]\n^ Smith 2001, p. 5.\n^ Jones 1999, p. 7.\n"
         "References[edit]\nSmith, John (2001). Villages. London: Penguin.\n", ["1", "2"]),
        # notes cited apart keep their own labels
        ("本文だ[注 1]。続きだ[1]。\n注釈[編集]\n^ 補足。\n出典[編集]\n^ 外務省「北朝鮮」\n", ["注 1", "1"]),
        ("Foo is a village.[a] It has a church.[1]\nNotes[edit]\n^ Or a hamlet.\nReferences[edit]\n^ \"A\". B.\n", ["a", "1"]),
        ("Foo is a village.[a] It has a church.[1]\nExplanatory notes[edit]\n^ Or a hamlet.\nCitations[edit]\n^ \"A\". B.\n",
         ["a", "1"]),
        ("村である[注 1]。教会がある[1]。\n脚注・出典[編集]\n注釈\n^ 補足。\n出典\n^ 外務省「北朝鮮」\n", ["注 1", "1"]),
    ],
)
def test_a_lone_notes_list_is_the_reference_list(text: str, labels: list[str]) -> None:
    from factcheck.extract import extract_text

    ex = extract_text(text, doc_id="d", source="sources/d.txt")
    assert [r.label for r in ex.references if r.label] == labels
