"""The disputed-claims report: its data, and the json, markdown and html renderings."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck.query import select
from factcheck.report.claims import build_report
from factcheck.report.disputes import FORMATS
from factcheck.report.records import report_record
from factcheck.status import STATUSES
from factcheck.store import Corpus, Repository

REPO = Path(__file__).parent / "data" / "repo-small"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Repository(REPO).load()


def render(corpus: Corpus, fmt: str, **kw) -> str:
    out = io.StringIO()
    FORMATS[fmt](build_report(corpus, **kw), out)
    return out.getvalue()


def test_counts_agree_with_list(corpus: Corpus) -> None:
    data = json.loads(render(corpus, "json"))
    for doc in data["documents"]:
        assert doc["claims"] == len(select(corpus, doc=[doc["id"]]))
        for s in STATUSES:
            assert doc["counts"][s] == len(select(corpus, doc=[doc["id"]], status=[s])), (doc["id"], s)
    for s in STATUSES:
        assert data["totals"]["counts"][s] == len(select(corpus, status=[s]))


def test_disputed_claims_are_exactly_those_with_markers(corpus: Corpus) -> None:
    report = build_report(corpus)
    assert [e.claim.id for e in report.disputed] == [c.id for c in corpus.claims if c.disputes]
    wiki = next(e for e in report.disputed if e.claim.id == "ja-noto-5")
    assert [m.kind for m in wiki.markers] == ["unreliable-source"]
    assert wiki.references[0].rated_as == "Wikipedia" and wiki.references[0].unreliable


def test_contradictions_side_by_side_with_differences_marked(corpus: Corpus) -> None:
    report = build_report(corpus)
    pairs = [(c.review, c.left.id, c.right.id) for c in report.contradictions]
    assert pairs == [
        ("accepted", "en-noto-2", "ja-noto-2"),
        ("unreviewed", "en-noto-3", "ja-noto-3"),
        ("unreviewed", "ja-news-1", "ja-noto-2"),
    ]
    cross = report.contradictions[0]  # two languages: only the figures are marked
    assert [s.text for s in cross.left_segments if s.changed] == ["At least 260 people"]  # the value as the detector aligns it
    assert [s.text for s in cross.right_segments if s.changed] == ["245人"]
    same = report.contradictions[2]  # one language: a character diff
    assert "".join(s.text for s in same.left_segments) == corpus.claim_by_id["ja-news-1"].text
    assert [s.text for s in same.right_segments if s.changed] == ["245"]  # the whole number


def test_unsourced_grouped_by_document_and_section(corpus: Corpus) -> None:
    report = build_report(corpus)
    got = {(g.document, s.section): [c.id for c in s.claims] for g in report.unsourced for s in g.sections}
    assert got == {("en-noto", "Overview"): ["en-noto-3"], ("en-noto", "Damage"): ["en-noto-6"], ("ja-noto", "概要"): ["ja-noto-3"]}


def test_conflicting_figures(corpus: Corpus) -> None:
    figures = build_report(corpus).conflicting_figures
    # Which pairs, not their order: the order follows the learned scores, which move with each retraining.
    assert sorted((f.unit, f.left.claim.id, f.left.quantity, f.right.claim.id, f.right.quantity) for f in figures) == [
        # What the detector decides, for pairs no relation joins yet: "at least 260"
        # cannot be 241.  (241 vs 245 is already an unreviewed relation, so it is
        # in the contradictions section, not here.)  About 200 buildings burned in
        # all of Wajima cannot be fewer than the about 300 that burned around one
        # of its streets.  The same conflict across languages (en-noto-4 "about 200
        # buildings" / ja-news-2 約300棟) is a known miss since the retraining of
        # 2026-12-02: the scan model scores it 0.45, under its 0.5 bar (0.55 before).
        ("人", "en-noto-2", "At least 260 people", "ja-news-1", "241人"),
        ("棟", "ja-news-2", "約300棟", "ja-noto-6", "約200棟"),
    ]


def test_unreliable_references(corpus: Corpus) -> None:
    got = {u.reference.id: (u.reference.rating, u.cited_by) for u in build_report(corpus).unreliable_references}
    assert got == {
        "en-noto-r2": ("deprecated", ("en-noto-2",)),
        "en-noto-r3": ("deprecated", ("en-noto-4", "en-noto-5")),
        "ja-noto-r3": ("user-generated", ("ja-noto-4", "ja-noto-5")),
        "ja-noto-r4": ("tabloid", ("ja-noto-6",)),
    }


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_reports_are_deterministic_and_dated_only_on_request(corpus: Corpus, fmt: str) -> None:
    first = render(corpus, fmt)
    assert first == render(Repository(REPO).load(), fmt)
    assert "2026" not in first
    assert "1999-12-31" in render(corpus, fmt, date="1999-12-31")


def test_report_data_is_plain_json(corpus: Corpus) -> None:
    data = report_record(build_report(corpus))
    assert json.loads(json.dumps(data)) == data


def test_markdown_escapes_claim_text(corpus: Corpus) -> None:
    md = render(corpus, "markdown")
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "## Disputed claims (5)" in md
    assert "**245人**" in md and "**245**" in md


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def page(corpus: Corpus) -> tuple[str, _Page]:
    html = render(corpus, "html")
    parser = _Page()
    parser.feed(html)
    return html, parser


def test_html_shows_every_disputed_claim(corpus: Corpus, page) -> None:
    _, parser = page
    text = "".join(parser.text)
    for claim in corpus.claims:
        if claim.disputes:
            assert claim.text in text, claim.id
            for d in claim.disputes:
                assert d.marker in text


def test_html_escapes_claim_text(page) -> None:
    html, parser = page
    assert not [t for t, _ in parser.tags if t == "script"]
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_html_is_self_contained(page) -> None:
    html, parser = page
    for tag, attrs in parser.tags:
        if tag == "link" or (tag in ("script", "img", "iframe", "source", "video", "audio") and attrs.get("src")):
            pytest.fail(f"external asset: <{tag} {attrs}>")
    assert "@import" not in html and "url(" not in html
    assert "@media print" in html
    assert any(t == "svg" for t, _ in parser.tags)  # the status chart


def test_html_links_only_http_urls() -> None:
    from factcheck.report.disputes import _environment

    assert _environment().filters["safe_url"]("javascript:alert(1)") is None
    assert _environment().filters["safe_url"]("https://example.org/") == "https://example.org/"


def test_html_anchors_are_unique_and_cover_every_verdict(corpus: Corpus, page) -> None:
    from factcheck.export import claimreview

    _, parser = page
    anchors = [a["id"] for _, a in parser.tags if (a.get("id") or "").startswith("claim-")]
    assert len(anchors) == len(set(anchors))
    for review in claimreview(corpus)["@graph"]:
        assert f"claim-{review['identifier']}" in anchors


@pytest.mark.parametrize("metres, conflict", [(16000, True), (10000, False)])
def test_conflicting_figures_compare_related_units(metres: int, conflict: bool) -> None:
    from factcheck.model import Claim, Document, Quantity, Span

    c = Corpus(Path("."), [])
    claims = [
        Claim("a-1", "震源の深さは10kmだった。", Span(1, 1, 1, 2), quantities=(Quantity("10km", 10, "km"),), document="a"),
        Claim("b-1", f"震源の深さは{metres}mだった。", Span(1, 1, 1, 2), quantities=(Quantity(f"{metres}m", metres, "m"),), document="b"),
    ]
    for cl in claims:
        c.documents[cl.document] = Document(cl.document, "x", language="ja")
        c.claims.append(cl)
        c.claim_by_id[cl.id] = cl
    figures = build_report(c).conflicting_figures
    assert [(f.left.quantity, f.right.quantity) for f in figures] == ([("10km", f"{metres}m")] if conflict else [])


def test_report_walks_the_relations_once(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.report.claims as claims_module
    import factcheck.status as status_module

    calls = []
    real = status_module.contradiction_pairs

    def counting(c: Corpus):
        calls.append(1)
        return real(c)

    monkeypatch.setattr(status_module, "contradiction_pairs", counting)
    monkeypatch.setattr(claims_module, "contradiction_pairs", counting)
    claims_module.build_report(corpus)
    assert len(calls) == 1
