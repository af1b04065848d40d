"""Derived statuses, filters, reliability ratings and the show detail."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from factcheck.errors import FactcheckError, UsageError
from factcheck.model import Claim, Document, Reference, Relation, Span
from factcheck.query import date_range, detail, select
from factcheck.reliability import ReliabilityTable, default_table, host_of
from factcheck.status import STATUSES, derive, statuses
from factcheck.store import Corpus, Repository

REPO = Path(__file__).parent / "data" / "repo-small"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    c = Repository(REPO).load()
    c.raise_if_broken()
    return c


def ids(views) -> list[str]:
    return [v.id for v in views]


@pytest.mark.parametrize(
    "claim, expected",
    [
        ("ja-noto-1", {"sourced"}),
        ("ja-noto-2", {"sourced", "contradicted", "suspected"}),  # accepted with en, unreviewed with ja-news
        ("ja-noto-3", {"unsourced", "disputed", "suspected"}),  # relation recorded on en-noto-3 only
        ("ja-noto-4", {"covered", "disputed"}),
        ("ja-noto-5", {"sourced", "disputed", "weakly-sourced"}),  # cites Wikipedia
        ("ja-noto-6", {"sourced", "weakly-sourced"}),  # cites a tabloid
        ("ja-noto-7", {"sourced"}),
        ("ja-noto-8", set()),  # a question: never unsourced
        ("en-noto-2", {"sourced", "contradicted", "weakly-sourced"}),  # relation recorded on ja-noto-2 only
        ("en-noto-4", {"covered"}),
        ("en-noto-6", {"unsourced", "disputed"}),
        ("en-noto-7", set()),  # an opinion
        ("ja-news-1", {"sourced", "suspected"}),
    ],
)
def test_statuses_of_the_fixture(corpus: Corpus, claim: str, expected: set[str]) -> None:
    assert statuses(corpus)[claim] == frozenset(expected)


def _corpus(claims: list[Claim], refs: list[Reference] = ()) -> Corpus:  # type: ignore[assignment]
    c = Corpus(Path("."), [])
    for doc in sorted({cl.document for cl in claims}):
        c.documents[doc] = Document(doc, f"sources/{doc}.txt", language="en")
    c.claims.extend(claims)
    c.references.update({r.id: r for r in refs})
    c.claim_by_id.update({cl.id: cl for cl in claims})
    return c


def _claim(cid: str, doc: str, **kw) -> Claim:
    return Claim(cid, "text", Span(1, 1, 1, 5), document=doc, **kw)


@pytest.mark.parametrize(
    "a_review, b_review, expected",
    [
        ("accepted", None, {"contradicted"}),
        (None, "accepted", {"contradicted"}),
        ("unreviewed", None, {"suspected"}),
        ("rejected", None, set()),
        ("unreviewed", "rejected", set()),  # the decision wins over the candidate
        ("rejected", "accepted", {"contradicted"}),
    ],
)
def test_relations_are_symmetric_and_decisions_win(a_review, b_review, expected) -> None:
    a_rel = (Relation("contradicts", "b", review=a_review),) if a_review else ()
    b_rel = (Relation("contradicts", "a", review=b_review),) if b_review else ()
    c = _corpus([_claim("a", "d1", kind="opinion", relations=a_rel), _claim("b", "d2", kind="opinion", relations=b_rel)])
    got = statuses(c)
    assert got["a"] == got["b"] == frozenset(expected)


def test_contradiction_within_one_document_needs_the_flag() -> None:
    plain = _corpus([_claim("a", "d", kind="meta", relations=(Relation("contradicts", "b", review="accepted"),)), _claim("b", "d", kind="meta")])
    assert statuses(plain)["a"] == frozenset()
    flagged = _corpus([_claim("a", "d", kind="meta", relations=(Relation("contradicts", "b", review="accepted", within_document=True),)), _claim("b", "d", kind="meta")])
    assert statuses(flagged)["b"] == {"contradicted"}


def test_weakly_sourced_needs_every_cited_reference_unreliable() -> None:
    wiki = Reference("w", url="https://en.wikipedia.org/wiki/X")
    reuters = Reference("r", container_title="Reuters")
    short = Reference("s", custom={"see": "w"})  # a short-form citation of the Wikipedia entry
    c = _corpus([_claim("a", "d", cites=("w",)), _claim("b", "d", cites=("w", "r")), _claim("c", "d", cites=("s",))], [wiki, reuters, short])
    got = statuses(c)
    assert "weakly-sourced" in got["a"] and "weakly-sourced" not in got["b"] and "weakly-sourced" in got["c"]


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"status": ["disputed"]}, ["en-noto-3", "en-noto-6", "ja-noto-3", "ja-noto-4", "ja-noto-5"]),
        ({"status": ["covered", "contradicted"]}, ["en-noto-2", "en-noto-4", "ja-noto-2", "ja-noto-4"]),
        ({"doc": ["ja-news"]}, ["ja-news-1", "ja-news-2"]),
        ({"section": "damage", "status": ["unsourced"]}, ["en-noto-6"]),
        ({"section": "被害", "lang": "ja"}, ["ja-noto-6", "ja-noto-7", "ja-noto-8"]),
        ({"cites": "ja-noto-r3"}, ["ja-noto-5"]),
        ({"cites": "[4]"}, ["ja-noto-6"]),
        ({"cites": "3"}, ["en-noto-5", "ja-noto-5"]),
        ({"marker": "dubious"}, ["en-noto-3", "ja-noto-4"]),
        ({"marker": "要出典"}, ["ja-noto-3"]),
        ({"marker": "[citation needed]"}, ["en-noto-6"]),
        ({"since": "2024-01-01", "until": "2024-01"}, ["en-noto-1", "ja-noto-1"]),
        ({"since": "2024-01-02"}, []),
        ({"until": "2023"}, []),
        ({"lang": "en", "status": ["weakly-sourced"]}, ["en-noto-2", "en-noto-5"]),
    ],
)
def test_select(corpus: Corpus, filters: dict, expected: list[str]) -> None:
    assert ids(select(corpus, **filters)) == expected


@pytest.mark.parametrize(
    "filters",
    [{"status": ["bogus"]}, {"doc": ["nope"]}, {"since": "2024-13"}, {"until": "yesterday"}, {"since": "2024-11", "until": "2024-10"}],
)
def test_select_rejects_bad_filters(corpus: Corpus, filters: dict) -> None:
    with pytest.raises(UsageError):
        select(corpus, **filters)


def test_date_range_of_partial_dates() -> None:
    assert date_range("2024") == ("2024-01-01", "2024-12-31")
    assert date_range("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_range("2023-02-28") == ("2023-02-28", "2023-02-28")


def test_every_status_is_known_and_ordered(corpus: Corpus) -> None:
    for view in derive(corpus).values():
        assert view.statuses <= set(STATUSES)
        assert list(view.ordered_statuses()) == [s for s in STATUSES if s in view.statuses]


@pytest.mark.parametrize(
    "url, names, source, unreliable",
    [
        ("https://ja.wikipedia.org/wiki/X", (), "Wikipedia", True),
        ("https://www.dailymail.co.uk/news/1", (), "Daily Mail", True),
        (None, ("ＲＴ",), "RT (state media)", True),  # NFKC: full-width letters
        (None, ("東京スポーツ",), "東京スポーツ", True),
        ("https://www.reuters.com/x", (), "Reuters", False),
        ("https://www.pref.ishikawa.lg.jp/x", (), "Japanese prefectures (lg.jp)", False),
        (None, ("The Sunday Times",), None, None),  # exact names only: not The Sun
        ("https://example.org/", ("Some Blog",), None, None),
    ],
)
def test_reliability_table(url, names, source, unreliable) -> None:
    rating = default_table().rate_fields(url=url, names=names)
    assert (rating.source if rating else None) == source
    assert (rating.unreliable if rating else None) == unreliable


def test_reliability_table_rejects_unknown_keys() -> None:
    with pytest.raises(FactcheckError, match="unknown key 'domain'"):
        ReliabilityTable({"ratings": {"ok": {}}, "sources": [{"name": "X", "rating": "ok", "domain": ["x.com"]}]})
    with pytest.raises(FactcheckError, match="unknown rating"):
        ReliabilityTable({"ratings": {"ok": {}}, "sources": [{"name": "X", "rating": "bad"}]})


def test_host_of() -> None:
    assert host_of("https://WWW.Example.COM:8080/a") == "example.com"
    assert host_of("not a url") == ""


def test_detail_reads_the_source_context_with_markers(corpus: Corpus) -> None:
    d = detail(corpus, "ja-noto-3")
    assert d.context is not None
    assert d.context.claim == "震源の深さは約16kmであった"
    assert d.context.after.startswith("[要出典]")
    assert "死者は245人に上った。[2]" in d.context.before
    assert [r.target for r in d.relations] == ["en-noto-3"] and d.relations[0].direction == "incoming"


def test_detail_of_an_unknown_claim_suggests_close_ids(corpus: Corpus) -> None:
    with pytest.raises(UsageError, match="did you mean .*ja-noto-3"):
        detail(corpus, "noto-3")


def test_detail_survives_a_missing_source(corpus: Corpus) -> None:
    c = Corpus(corpus.root, corpus.files)
    c.documents["ja-news"] = dataclasses.replace(c.documents["ja-news"], source="sources/missing.txt")
    d = detail(c, "ja-news-1")
    assert d.context is None and "does not exist" in d.context_problem


def test_context_of_one_paragraph_a_line_is_the_claims_own_line(tmp_path: Path) -> None:
    lines = [f"Paragraph {i} says something.[{i}]" for i in range(1, 20)]
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "d.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    claim = Claim("d-1", "Paragraph 5 says something.", Span(5, 1, 5, 28), document="d")
    c = Corpus(tmp_path, [])
    c.documents["d"] = Document("d", "sources/d.txt")
    c.claims.append(claim)
    c.claim_by_id["d-1"] = claim
    ctx = detail(c, "d-1").context
    assert ctx is not None and (ctx.before, ctx.claim, ctx.after) == ("", "Paragraph 5 says something.", "[5]")
