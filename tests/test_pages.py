"""Saved pages and the gaps real copies expose: HTML and wikitext sources,
placeholder references, fragments, attribution, banners, option checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.extract import extract_text
from factcheck.extract.attribution import find_attribution
from factcheck.extract.html import looks_like_html, read_html
from factcheck.extract.wikitext import looks_like_wikitext, read_wikitext

runner = CliRunner()

NEWS_HTML = """<!doctype html><html lang="en"><head>
<title>Port strike ends after deal - The Daily Example</title>
<meta property="og:title" content="Port strike ends after pay deal">
<style>.x{color:red} /* The strike lasted 8 days. */</style>
<script>var claim = "The strike lasted 8 days.";</script></head>
<body>
<div id="cookie-banner"><p>We use cookies to improve this site.</p><button>Accept</button></div>
<nav><ul><li>World</li><li>Business</li></ul></nav>
<article>
<h1>Port strike ends after pay deal</h1>
<p class="byline">By Ann Lee</p>
<figure><img src="a.jpg"><figcaption>Dockworkers on the picket line on Monday.</figcaption></figure>
<p>The eight-day strike at Felixstowe ended on Friday after workers accepted a 9% rise.</p>
<p>According to Reuters, about 1,900 workers had walked out. The port handles almost half of the country's containers.</p>
<aside class="related"><p>Read next: shipping costs soar.</p></aside>
<figure><img src="b.jpg"><figcaption>Dockworkers on the picket line on Monday.</figcaption></figure>
</article>
<footer><p>Copyright 2024 The Daily Example.</p></footer>
</body></html>"""


def _claims(text: str, **kw: object) -> list:
    return list(extract_text(text, doc_id="d", source="sources/d.txt", **kw).claims)


def test_news_html_keeps_the_article_and_drops_the_furniture() -> None:
    page = read_html(NEWS_HTML)
    assert page.title == "Port strike ends after pay deal"  # og:title, not <title> with the site name
    assert "cookies" not in page.text and "World" not in page.text and "Copyright" not in page.text
    assert "strike lasted" not in page.text  # script and style text
    ex = extract_text(page.text, doc_id="d", source="sources/d.txt", page=page)
    texts = [c.text for c in ex.claims]
    assert texts == [
        "Dockworkers on the picket line on Monday.",  # the caption printed twice is one claim
        "The eight-day strike at Felixstowe ended on Friday after workers accepted a 9% rise.",
        "According to Reuters, about 1,900 workers had walked out.",
        "The port handles almost half of the country's containers.",
    ]
    assert ex.claims[2].attribution is not None and ex.claims[2].attribution.source == "Reuters"


def test_html_without_article_element_uses_the_densest_block() -> None:
    html = ("<html><body><div class='menu'><p>Home</p><p>About</p></div>"
            "<div class='content'><p>The museum opened in 1921 in the old mill.</p>"
            "<p>It holds about 4,000 objects from the region.</p></div>"
            "<div class='sidebar'><p>Popular now</p></div></body></html>")
    texts = [c.text for c in _claims(read_html(html).text)]
    assert texts == ["The museum opened in 1921 in the old mill.", "It holds about 4,000 objects from the region."]


def test_formats_are_told_by_content() -> None:
    assert looks_like_html(NEWS_HTML)
    assert not looks_like_html("It opened in 2019.[3]\n")
    assert looks_like_wikitext("== History ==\nIt opened.<ref>{{cite web|title=T}}</ref>\n[[A]] [[B]]\n")
    assert not looks_like_wikitext("History[edit]\nIt opened in 2019.[3]\n")


WIKI = """{{More citations needed|date=May 2024}}
{{Infobox settlement
| name = Kelmstow
| population = 18,402<ref name="ons">{{cite web |url=https://ons.example/k |title=Key Figures |publisher=Office for National Statistics |access-date=5 May 2023}}</ref>
}}
'''Kelmstow''' is a market town.<ref name="ons" /> The railway arrived in 1864.{{sfn|Hornby|1998|p=45}} It has a castle.{{citation needed|date=March 2021}}

== Bibliography ==
* {{cite book |last=Hornby |first=Peter |year=1998 |title=Kelmstow in Wartime |publisher=Avon Press}}
"""


def test_wikitext_refs_sfn_and_dated_templates() -> None:
    page = read_wikitext(WIKI)
    ex = extract_text(page.text, doc_id="k", source="sources/k.txt", page=page)
    assert ex.document.title == "Kelmstow"
    assert ex.document.banners == ("This article needs additional citations for verification.",)
    by_text = {c.text: c for c in ex.claims}
    assert by_text["population 18,402"].cites == ("k-ref-1",)
    assert by_text["Kelmstow is a market town."].cites == ("k-ref-1",)  # named re-use keeps its number
    assert by_text["The railway arrived in 1864."].cites == ("k-ref-2",)
    dispute = by_text["It has a castle."].disputes[0]
    assert (dispute.kind, dispute.date) == ("citation-needed", "2021-03")
    refs = {r.id: r for r in ex.references}
    assert refs["k-ref-1"].url == "https://ons.example/k" and refs["k-ref-1"].accessed == "2023-05-05"
    assert refs["k-ref-1"].publisher == "Office for National Statistics"
    assert refs["k-ref-2"].custom["see"] == "k-bib-1"  # the short form points at the book
    assert refs["k-bib-1"].title == "Kelmstow in Wartime" and refs["k-bib-1"].type == "book"


CUT = ("Kelm River\nThe Kelm is a river.[1] It is 42 km long.[2][3]\n"
       "History[edit]\nA mill stood on the river from 1250.[5] The mill burned in 1871 and was never rebu")


def test_cut_off_page_gets_placeholders_and_a_fragment() -> None:
    ex = extract_text(CUT, doc_id="c", source="sources/c.txt")
    assert ex.claims[-1].kind == "fragment"
    assert [r.label for r in ex.references if r.custom.get("unresolved")] == ["1", "2", "3", "5"]
    assert ex.warnings and "[1], [2], [3], [5]" in ex.warnings[0]
    assert ex.claims[2].section == "History"


@pytest.mark.parametrize(
    "text, lang, source",
    [
        ("According to Reuters, the port closed.", "en", "Reuters"),
        ("A ministry spokesperson told reporters that talks had stalled.", "en", "A ministry spokesperson"),
        ("He said he would resign.", "en", None),
        ("The station closed in 1963.", "en", None),
        ("外務省によると、大使館は閉鎖された。", "ja", "外務省"),
        ("防衛省は、ミサイルが発射されたと発表した。", "ja", "防衛省"),
        ("この木は樹齢600年と伝えられている。", "ja", None),
        ("ロシアは影響力を維持することで、自国の立場を強化しようとしています。", "ja", None),
        ("冷戦期には「同盟関係」とも言えるほど密接だった。", "ja", None),
        ("気象庁は「経験したことのない暴風になる」として警戒を呼びかけた。", "ja", "気象庁"),
    ],
)
def test_attribution(text: str, lang: str, source: str | None) -> None:
    found = find_attribution(text, lang)
    assert (found.source if found else None) == source


@pytest.mark.parametrize(
    "line",
    ["History\n[edit]\nIt opened in 1900.[1]\n", "History[edit]It opened in 1900.[1]\n", "History[edit]\nIt opened in 1900.[1] [edit]\n"],
)
def test_edit_residue_is_removed_and_the_section_kept(line: str) -> None:
    claims = _claims("Title\nFrom Wikipedia, the free encyclopedia\nLead text is here.[2]\n" + line)
    assert (claims[-1].text, claims[-1].section) == ("It opened in 1900.", "History")


def test_headingless_list_with_cite_errors() -> None:
    text = ("Harbor Lights\nThe festival began in 1998.[1] It draws 40,000 visitors.[2]\n\n"
            "  1. ^ \"Festival history\". Portmere Council. Retrieved 3 May 2021.\n"
            "  2. ^ a b Cite error: The named reference visitors was invoked but never defined (see the help page).\n")
    ex = extract_text(text, doc_id="h", source="sources/h.txt")
    assert [c.text for c in ex.claims] == ["The festival began in 1998.", "It draws 40,000 visitors."]
    refs = {r.label: r for r in ex.references}
    assert refs["1"].title == "Festival history"
    assert refs["2"].custom["broken"] is True and refs["2"].custom["name"] == "visitors"
    assert not ex.warnings


def test_chrome_lines_are_never_titles() -> None:
    ex = extract_text("Skip to main content\nContact form\nName *\nEmail *\nSend\nHarbor Lights Festival\n"
                      "The Harbor Lights Festival is held in Portmere.[1]\n", doc_id="h", source="sources/h.txt")
    assert ex.document.title == "Harbor Lights Festival"


# --- the command line ----------------------------------------------------------------


def test_extract_html_keeps_original_and_text_and_validates(tmp_path: Path) -> None:
    page = tmp_path / "in" / "port.html"
    page.parent.mkdir()
    page.write_text(NEWS_HTML, encoding="utf-8")
    repo = tmp_path / "repo"
    result = runner.invoke(app, ["extract", str(page), "--root", str(repo), "--kind", "news"])
    assert result.exit_code == 0, result.output
    assert (repo / "sources" / "port.html").read_text(encoding="utf-8") == NEWS_HTML
    assert (repo / "sources" / "port.txt").exists()
    claims = (repo / "claims" / "port.yaml").read_text(encoding="utf-8")
    assert "source: sources/port.txt" in claims and "original: sources/port.html" in claims
    checked = runner.invoke(app, ["validate", "--strict", "--root", str(repo)])
    assert checked.exit_code == 0, checked.output
    listed = runner.invoke(app, ["list", "--status", "attributed", "--format", "json", "--root", str(repo)])
    assert listed.exit_code == 0, listed.output
    assert [c["id"] for c in json.loads(listed.stdout)] == ["port-003"]


def test_extract_warns_about_labels_with_no_entry(tmp_path: Path) -> None:
    src = tmp_path / "cut.txt"
    src.write_text(CUT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(src), "--root", str(tmp_path / "repo")])
    assert result.exit_code == 0, result.output
    assert "warning: 4 cited labels with no reference entry" in result.output
    checked = runner.invoke(app, ["validate", "--strict", "--root", str(tmp_path / "repo")])
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize("value", ["yesterday", "2024-02-30", "2024/05/01"])
def test_retrieved_is_checked_like_validate_does(tmp_path: Path, value: str) -> None:
    src = tmp_path / "a.txt"
    src.write_text("It opened in 2019.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(src), "--retrieved", value, "--root", str(tmp_path / "repo")])
    assert result.exit_code == 2
    assert "--retrieved" in result.output
    assert not (tmp_path / "repo" / "claims").exists()


def test_banners_are_shown_by_show_and_report(tmp_path: Path) -> None:
    src = tmp_path / "v.txt"
    src.write_text("Marden\nFrom Wikipedia, the free encyclopedia\n"
                   "This article needs additional citations for verification.\n"
                   "Marden is a village in Cambridgeshire.[1]\nReferences\n^ \"Marden\". ONS. 2011.\n",
                   encoding="utf-8")
    repo = tmp_path / "repo"
    assert runner.invoke(app, ["extract", str(src), "--root", str(repo)]).exit_code == 0
    shown = runner.invoke(app, ["show", "v-001", "--format", "json", "--root", str(repo)])
    assert json.loads(shown.stdout)["banners"] == ["This article needs additional citations for verification."]
    report = runner.invoke(app, ["report", "--format", "markdown", "--root", str(repo)])
    assert "## Article banners" in report.stdout and "needs additional citations" in report.stdout


def test_a_page_never_overwrites_a_text_source_of_the_same_name(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    text, page = tmp_path / "port.txt", tmp_path / "port.html"
    text.write_text("The port closed in 2019.[1]\n", encoding="utf-8")
    page.write_text(NEWS_HTML, encoding="utf-8")
    assert runner.invoke(app, ["extract", str(text), "--root", str(repo)]).exit_code == 0
    result = runner.invoke(app, ["extract", str(page), "--root", str(repo)])
    assert result.exit_code == 2 and "pick another --id" in result.output
    assert (repo / "sources" / "port.txt").read_text(encoding="utf-8") == "The port closed in 2019.[1]\n"
    again = runner.invoke(app, ["extract", str(page), "--id", "port-page", "--root", str(repo)])
    assert again.exit_code == 0, again.output
    assert runner.invoke(app, ["extract", str(page), "--id", "port-page", "--root", str(repo)]).exit_code == 0


def test_current_mediawiki_markup() -> None:
    """Headings wrapped in div.mw-heading (edit link beside the h2, not in it),
    a message box banner, a dated dispute template and a notes group."""
    html = """<html lang="ja"><head><title>芦見大橋 - Wikipedia</title></head><body>
<h1 id="firstHeading">芦見大橋</h1><div id="mw-content-text"><div class="mw-parser-output">
<table class="box-出典の明記 plainlinks metadata ambox ambox-content"><tr><td class="mbox-text"><div class="mbox-text-span">この記事は<b>検証可能な参考文献や出典</b>が全く示されていないか、不十分です。出典を追加して記事の信頼性向上にご協力ください。</div></td></tr></table>
<p>芦見大橋は斜張橋である<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">&#91;1&#93;</a></sup>。1998年に開通した<sup class="noprint Inline-Template"><span>&#91;<i><a href="/wiki/Wikipedia:出典を明記する"><span title="出典が必要です（2024年5月）">要出典</span></a></i>&#93;</span></sup>。</p>
<div class="mw-heading mw-heading2"><h2 id="歴史">歴史</h2><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="#">編集</a><span class="mw-editsection-bracket">]</span></span></div>
<div class="thumb"><div class="thumbcaption">夜の芦見大橋</div></div>
<p>建設は1992年に始まった<sup class="reference"><a href="#cite_note-2">&#91;注 1&#93;</a></sup>。</p>
<div class="mw-heading mw-heading2"><h2 id="脚注">脚注</h2><span class="mw-editsection">[<a href="#">編集</a>]</span></div>
<ol class="references"><li id="cite_note-2"><span class="mw-cite-backlink"><a href="#">^</a></span> <span class="reference-text">着工式は同年4月。</span></li></ol>
<ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><a href="#">^</a></span> <span class="reference-text"><a class="external text" href="https://example.jp/a">「芦見大橋の概要」</a>芦見市。</span></li></ol>
</div></div></body></html>"""
    page = read_html(html)
    ex = extract_text(page.text, doc_id="b", source="sources/b.txt", page=page)
    assert ex.document.title == "芦見大橋" and ex.document.language == "ja"
    assert ex.document.banners and ex.document.banners[0].startswith("この記事は検証可能な参考文献や出典が全く示されていない")
    got = [(c.text, c.section, [r.split("-ref-")[1] for r in c.cites], [(d.kind, d.date) for d in c.disputes])
           for c in ex.claims]
    assert got == [
        ("芦見大橋は斜張橋である。", "", ["1"], []),
        ("1998年に開通した。", "", [], [("citation-needed", "2024-05")]),
        ("建設は1992年に始まった。", "歴史", ["注-1"], []),
    ]
    refs = {r.label: r for r in ex.references}
    assert refs["1"].url == "https://example.jp/a" and refs["注 1"].custom["raw"] == "着工式は同年4月。"


def test_japanese_headingless_list_with_arrows_and_a_cite_error() -> None:
    text = ("芦見大橋\n芦見大橋は斜張橋である[1]。1998年に開通した[2]。\n\n"
            "↑ 「芦見大橋の概要」芦見市、2020年4月1日。\n"
            "↑ 引用エラー: name=\"kaitsu\" の参照に対応するテキストがありません\n関連項目\n斜張橋の一覧\n")
    ex = extract_text(text, doc_id="j", source="sources/j.txt")
    assert [c.text for c in ex.claims] == ["芦見大橋は斜張橋である。", "1998年に開通した。"]
    refs = {r.label: r for r in ex.references}
    assert refs["1"].title == "芦見大橋の概要"
    assert refs["2"].custom == {"raw": refs["2"].custom["raw"], "broken": True, "name": "kaitsu"}


def test_a_missing_original_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(NEWS_HTML, encoding="utf-8")
    repo = tmp_path / "repo"
    assert runner.invoke(app, ["extract", str(page), "--root", str(repo)]).exit_code == 0
    (repo / "sources" / "p.html").unlink()
    checked = runner.invoke(app, ["validate", "--root", str(repo), "--format", "json"])
    assert checked.exit_code == 1
    assert "original: 'sources/p.html' does not exist" in checked.stdout


def test_blog_furniture_inside_the_post_is_dropped() -> None:
    html = ("<html><body><article><h1>Heat pumps in old houses</h1>"
            "<div class='entry-content'><p>Our 1920s house got a heat pump in 2023.</p>"
            "<p style='display:none'>Hidden text is not a claim.</p>"
            "<div class='sharedaddy sd-sharing-enabled'><p>Share this: Facebook.</p></div>"
            "<div id='jp-relatedposts'><p>Related: solar panels are cheap.</p></div>"
            "<ins class='adsbygoogle'>Buy now.</ins>"
            "<p>The bill fell by a third.</p></div>"
            "<div id='comments'><p>Great post, it saved me 40%.</p></div></article></body></html>")
    page = read_html(html)
    assert page.title == "Heat pumps in old houses"
    assert [c.text for c in _claims(page.text)] == ["Our 1920s house got a heat pump in 2023.", "The bill fell by a third."]


def test_list_defined_references_and_rendered_list_templates() -> None:
    page = read_wikitext(
        "{{Infobox settlement\n| name = Foo\n| languages = {{plainlist|\n* Japanese\n* Ainu\n}}\n}}\n"
        "Foo is a place.<ref name=a /> It is big.<ref name=b />\n\n== References ==\n"
        "{{reflist|refs=\n<ref name=a>{{cite web|title=Foo facts|url=https://x.example/foo}}</ref>\n"
        "<ref name=b>Smith 2016, p. 7.</ref>\n}}\n"
    )
    ex = extract_text(page.text, doc_id="f", source="sources/f.txt", page=page)
    assert [c.text for c in ex.claims] == ["languages Japanese, Ainu", "Foo is a place.", "It is big."]
    refs = {r.label: r for r in ex.references}
    assert (refs["1"].title, refs["1"].url) == ("Foo facts", "https://x.example/foo")
    assert refs["2"].custom.get("short") is True and not ex.warnings


def test_markdown_footnotes_on_a_blog_become_references_with_urls() -> None:
    html = """<html><head><meta property="og:title" content="Heat pumps in old houses"></head><body><article>
<p>Heat pumps cut heating bills by a third in our test.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref">1</a></sup></p>
<p>The grant is 7,500 pounds.<sup id="fnref:2"><a href="#fn:2" class="footnote-ref">2</a></sup></p>
<div class="footnotes"><hr><ol>
<li id="fn:1"><p>"Heat pump field trial". Energy Saving Trust. 2023. <a href="https://est.example/trial">https://est.example/trial</a> <a href="#fnref:1" class="footnote-backref">↩</a></p></li>
<li id="fn:2"><p><a href="https://gov.example/bus">"Boiler Upgrade Scheme"</a>. GOV.UK. Retrieved 1 May 2024. <a href="#fnref:2" class="footnote-backref">↩</a></p></li>
</ol></div></article></body></html>"""
    page = read_html(html)
    ex = extract_text(page.text, doc_id="b", source="sources/b.txt", page=page)
    assert [c.cites for c in ex.claims] == [("b-ref-1",), ("b-ref-2",)]
    refs = {r.label: r for r in ex.references}
    assert (refs["1"].title, refs["1"].url) == ("Heat pump field trial", "https://est.example/trial")
    assert (refs["2"].url, refs["2"].accessed) == ("https://gov.example/bus", "2024-05-01")
    assert "↩" not in page.text
