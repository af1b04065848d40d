"""Fuzzy search: folding, Japanese fragments and paraphrases, full-width digits, English."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import UsageError
from factcheck.query import select
from factcheck.report.records import hit_record
from factcheck.search import Query, search, search_fold
from factcheck.status import derive
from factcheck.store import Corpus, Repository

REPO = Path(__file__).parent / "data" / "repo-small"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Repository(REPO).load()


def top(corpus: Corpus, query: str, **kw) -> list[str]:
    return [h.id for h in search(corpus, query, claims=derive(corpus).values(), **kw)]


@pytest.mark.parametrize(
    "raw, folded",
    [
        ("２４５人", "245人"),
        ("ＡＢＣ　ｄｅｆ", "abc def"),
        ("カタカナ", "かたかな"),
        ("ｶﾀｶﾅ", "かたかな"),  # half-width katakana
        ("約３万４０００人", "約34000人"),
        ("1億2000万円", "120000000円"),
        ("3万4千人", "34000人"),
        ("5千人と2百人", "5000人と200人"),
        ("10万", "100000"),
        ("34,000 people.", "34000 people"),
        ("「能登」、地震。", "能登地震"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert search_fold(raw).text == folded


def test_fold_keeps_a_map_to_the_original() -> None:
    f = search_fold("約３万４０００人")
    assert len(f.origin) == len(f.text) and f.origin[-1] == len("約３万４０００人") - 1


@pytest.mark.parametrize(
    "query, expected",
    [
        ("観測史上最大", "ja-noto-4"),  # a fragment of a sentence without spaces
        ("観測史上最大の地殻変動", "ja-noto-4"),  # fragment with a different particle
        ("輪島の大火災で200棟焼失", "ja-noto-6"),  # a paraphrase
        ("能登地方の地震", "ja-noto-1"),
        ("死者２４５人", "ja-noto-2"),  # full-width digits
        ("避難者３４０００人", "ja-noto-7"),  # full-width digits against 3万4000
        ("避難者3万4千人", "ja-noto-7"),
        ("ヒナンシャ", None),  # readings are not known: katakana does not find kanji
        ("Wajima fire buildings", "en-noto-4"),  # English words in another order
        ("focal depth", "en-noto-3"),
        ("earthquake 2024", "en-noto-1"),
    ],
)
def test_search_finds(corpus: Corpus, query: str, expected: str | None) -> None:
    found = top(corpus, query, limit=3)
    if expected is None:
        assert found == []
    else:
        assert found and found[0] == expected, found


def test_mixed_query(corpus: Corpus) -> None:
    assert top(corpus, "能登 earthquake 2024", min_score=50, limit=5)[:1] in (["en-noto-1"], ["ja-noto-1"])


def test_references_are_searched_by_title_and_publisher(corpus: Corpus) -> None:
    assert top(corpus, "Reuters", scope="references")[:1] == ["en-noto-r1"]
    assert top(corpus, "東京スポーツ", scope="references")[:1] == ["ja-noto-r4"]
    assert "ja-noto-r4" not in top(corpus, "東京スポーツ", scope="claims")


def test_results_are_ranked_limited_and_thresholded(corpus: Corpus) -> None:
    hits = search(corpus, "地震", claims=derive(corpus).values(), limit=0, min_score=0)
    scores = [h.score.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert len(search(corpus, "地震", claims=derive(corpus).values(), limit=2, min_score=0)) == 2
    assert all(h.score.score >= 90 for h in search(corpus, "地震", claims=derive(corpus).values(), min_score=90))


def test_filters_apply_before_searching(corpus: Corpus) -> None:
    only_en = select(corpus, lang="en")
    assert all(h.document == "en-noto" for h in search(corpus, "200", claims=only_en, min_score=0, limit=0))


def test_highlight_spans_point_at_the_matched_text(corpus: Corpus) -> None:
    hit = search(corpus, "死者２４５人", claims=derive(corpus).values(), limit=1)[0]
    assert any("245" in hit.text[a:b] or "死者" in hit.text[a:b] for a, b in hit.score.spans)
    hit = search(corpus, "Wajima fire", claims=derive(corpus).values(), limit=1)[0]
    assert {hit.text[a:b] for a, b in hit.score.spans} >= {"Wajima", "fire"}
    record = hit_record(hit)
    assert record["id"] == "en-noto-4" and record["statuses"] == ["covered"]


def test_empty_query_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        Query(" 、。 ")


def test_katakana_words_count_in_a_paraphrase() -> None:
    # Katakana fold to hiragana, but are names and loanwords, not particles:
    # "オースティン 確認" once scored 100 on every sentence with 確認.
    q = Query("オースティン 確認")
    austin = "10月23日、ロイド・オースティン米国防長官はロシア国内に北朝鮮軍が存在することを確認し、"
    other = "これまでに、匿名の情報はありますが、公式な確認はありません。"
    assert q.score(austin).score >= 90
    assert q.score(other).score < 60


def test_claims_holding_the_query_as_written_are_the_only_ones_scored(corpus: Corpus) -> None:
    from factcheck.search import find

    views = tuple(derive(corpus).values())
    word = next(w for w in ("地震", "火災", "死者") if any(w in v.claim.text for v in views))
    holding = {v.id for v in views if word in v.claim.text}
    literal = find(corpus, word, claims=views, limit=None, min_score=0)
    fuzzy = find(corpus, word, claims=views, limit=None, min_score=0, fuzzy=True)
    assert {h.id for h in literal.hits} == holding
    assert {h.id for h in fuzzy.hits} > holding  # the scorer also finds claims sharing a part of the word
    # Nothing holds a paraphrase as written: every claim is scored, as with --fuzzy.
    paraphrase = find(corpus, "輪島の大火災で200棟焼失", claims=views, limit=None)
    assert paraphrase.hits and paraphrase.hits == find(corpus, "輪島の大火災で200棟焼失", claims=views, limit=None, fuzzy=True).hits


def _scores_through_rapidfuzz(monkeypatch: pytest.MonkeyPatch, query: Query, texts: list[str]) -> list[object]:
    import factcheck.search as searching

    with monkeypatch.context() as m:
        m.setattr(searching, "_once", lambda q, t: -1)  # every measure by rapidfuzz, as before
        return [query.score(t) for t in texts]


def test_a_query_standing_once_in_the_text_scores_as_rapidfuzz_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without rapidfuzz for a one-word query found once (issue 9): the same
    Score (measures and highlighted span) as rapidfuzz's, over texts where it
    stands once, twice, overlapping, at either end, as the whole text, in
    long texts and as a needle longer than 64 characters (rapidfuzz's other
    algorithm); and for queries of two words, always through rapidfuzz."""
    import random

    rng = random.Random(9)
    alphabet = "兵士のが軍人aab ｱイ、。1万2千"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 90))) for _ in range(400)]
    queries = ["兵士", "兵", "aa", "ab", "アイ", "ｱｲ", "軍人の兵士", "1万", "aab", "x", "兵士" * 40, "a" * 70]
    texts += ["兵士", "兵士兵士", "the 兵士 stands", "aaa", "兵士" * 40 + "x", "x" + "a" * 70, "A" * 70, "ａａｂ"]
    fast = 0
    for raw in queries:
        q = Query(raw)
        expected = _scores_through_rapidfuzz(monkeypatch, q, texts)
        got = [q.score(t) for t in texts]
        assert got == expected, raw
        fast += sum(1 for t in texts if len(q.words) <= 1 and search_fold(t).text.count(q.folded.text) == 1)
    assert fast > 100  # the path without rapidfuzz was taken


def test_a_query_of_two_words_or_found_twice_is_scored_by_rapidfuzz(monkeypatch: pytest.MonkeyPatch) -> None:
    q = Query("hello world")
    texts = ["hello world", "say hello world twice: hello world", "world hello"]
    assert [q.score(t) for t in texts] == _scores_through_rapidfuzz(monkeypatch, q, texts)
    assert Query("aa").score("xaaay") == _scores_through_rapidfuzz(monkeypatch, Query("aa"), ["xaaay"])[0]


def test_folding_a_character_once_folds_as_each_time() -> None:
    """search_fold reads each character's folding from a per-process table:
    the same text and map as folding every character anew (the code before it)."""
    import random
    import unicodedata

    import jaconv

    import factcheck.search as searching

    def anew(text: str) -> tuple[str, tuple[int, ...]]:
        out: list[str] = []
        origin: list[int] = []
        for i, ch in enumerate(text):
            for c in jaconv.kata2hira(unicodedata.normalize("NFKC", ch).casefold()):
                if unicodedata.category(c)[0] in "PSZC":
                    if c.isspace() and out and out[-1] != " ":
                        out.append(" ")
                        origin.append(i)
                    continue
                out.append(c)
                origin.append(i)
        while out and out[-1] == " ":
            out.pop()
            origin.pop()
        return "".join(out), tuple(origin)

    rng = random.Random(9)
    pool = [chr(c) for c in (*range(0x20, 0x250), *range(0x2000, 0x2100), *range(0x3000, 0x3100), *range(0xFF00, 0xFFF0), 0x337B, 0x1E9E, 0xFB01)]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for text in texts:
        # Numbers with kanji multipliers are folded after this (_fold_numbers): compare before it.
        got = searching.search_fold.__wrapped__(text) if not searching._KANJI_NUMBER.search(anew(text)[0]) else None
        if got is not None:
            assert (got.text, got.origin) == anew(text), repr(text)
    assert len(searching._CHARS) > 1000  # the table was used
