"""Fuzzy search over claim text and reference titles, for Japanese and English.

Folding (both the query and the text): each character is NFKC-normalized
(full-width digits, letters and punctuation become ASCII; half-width katakana
become full-width), case-folded, numbers with kanji multipliers made plain
(``3万4000`` and ``3万4千`` become ``34000``; thousands separators vanish with
punctuation), katakana folded to hiragana (jaconv), and
whitespace and punctuation dropped except single spaces between words.  A map
from folded to original positions is kept so matches can be highlighted.

Score (0-100) of a text for a query is the best of three measures, each
suited to one kind of query:

- ``partial``: rapidfuzz ``partial_ratio`` - the query as a (nearly) exact
  substring, e.g. a fragment of a Japanese sentence, which has no spaces;
- ``tokens``: rapidfuzz ``token_set_ratio`` - English words in any order
  (only for queries of two words or more);
- ``ngram``: for paraphrased Japanese (only for queries with kana or kanji).  Both sides are reduced to their content
  characters (hiragana as written - particles, okurigana - and spaces
  removed; kana folded from katakana stay, so
  ``火災が発生し`` and ``大火災`` share ``火災``); the score is
  ``(2 * bigram coverage + character coverage) / 3`` where coverage is the
  share of the query's bigrams (characters) found in the text.

Hits below ``min_score`` are dropped; the rest are ranked by score, then by
corpus order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import namedtuple
from functools import lru_cache

import jaconv

from factcheck import options

# typing, dataclasses, factcheck.text (calendar, its vocabulary) and
# rapidfuzz (when no measure needs it: see Query.score) are not imported at run time: a first `search` answered by the console script
# (factcheck.direct) has ~20 ms for all its work, and they cost ~14 ms
# (issue 9).  The values are named tuples, declared typed for the type checker.
TYPE_CHECKING = False
if TYPE_CHECKING:  # only named: a warm search loads neither the store nor the model
    from collections.abc import Iterable
    from typing import Literal, NamedTuple

    from factcheck.model import Reference
    from factcheck.status import ClaimView
    from factcheck.store import Corpus

    Scope = Literal["claims", "references", "all"]

    class _Folded(NamedTuple):
        text: str
        origin: tuple[int, ...]

    class _Features(NamedTuple):
        text: str
        bigrams: frozenset[str]
        chars: frozenset[str]
        cjk: bool

    class _Score(NamedTuple):
        score: float
        partial: float
        tokens: float
        ngram: float
        spans: tuple[tuple[int, int], ...]

    class _Hit(NamedTuple):
        kind: Literal["claim", "reference"]
        id: str
        document: str
        text: str
        score: Score
        view: ClaimView | None = None
        reference: Reference | None = None

    class _SearchResult(NamedTuple):
        query: str
        hits: tuple[Hit, ...]
        nearest: Hit | None = None
else:
    _Folded = namedtuple("_Folded", "text origin")
    _Features = namedtuple("_Features", "text bigrams chars cjk")
    _Score = namedtuple("_Score", "score partial tokens ngram spans")
    _Hit = namedtuple("_Hit", "kind id document text score view reference", defaults=(None, None))
    _SearchResult = namedtuple("_SearchResult", "query hits nearest", defaults=(None,))

DEFAULT_MIN_SCORE = options.SEARCH_MIN_SCORE
DEFAULT_LIMIT = options.SEARCH_LIMIT


class Folded(_Folded):
    """Folded text with, for each of its characters, the index in the original."""

    __slots__ = ()


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PSZC"


def _fold_char(ch: str) -> tuple[tuple[str, bool, bool], ...]:
    """What one character of a text folds to: each character with whether
    it is punctuation (dropped) and whether it is a space (a word break)."""
    return tuple((c, _is_punct(c), c.isspace()) for c in jaconv.kata2hira(unicodedata.normalize("NFKC", ch).casefold()))


# Each character's folding, once per process: it depends on the character
# alone, and a first `search` folded its 20 texts character by character
# through three library calls each (5 of its ~20 ms, issue 9).
_CHARS: dict[str, tuple[tuple[str, bool, bool], ...]] = {}


@lru_cache(maxsize=65536)
def search_fold(text: str) -> Folded:
    """Text folded for matching, with its position map: what ``text.fold``
    does and more (kana, punctuation, kanji multipliers; see the module
    docstring), one character at a time so that matches map back."""
    out: list[str] = []
    origin: list[int] = []
    chars = _CHARS
    for i, ch in enumerate(text):
        folded = chars.get(ch)
        if folded is None:
            folded = chars[ch] = _fold_char(ch)
        for c, punct, space in folded:
            if punct:
                # Keep one space between words; drop other punctuation outright.
                if space and out and out[-1] != " ":
                    out.append(" ")
                    origin.append(i)
                continue
            out.append(c)
            origin.append(i)
    while out and out[-1] == " ":
        out.pop()
        origin.pop()
    return _fold_numbers(Folded("".join(out), tuple(origin)))


_KANJI_NUMBER = re.compile(r"\d+(?:[億万千百]\d*)+")


def _fold_numbers(folded: Folded) -> Folded:
    """Numbers written with digits and kanji multipliers become plain numbers,
    so ``３万４０００人``, ``3万4千人`` and ``34,000人`` all read ``34000人``."""
    text, origin = folded.text, list(folded.origin)
    out: list[str] = []
    where: list[int] = []
    pos = 0
    for m in _KANJI_NUMBER.finditer(text):
        out.append(text[pos : m.start()])
        where.extend(origin[pos : m.start()])
        from factcheck.text import read_numeral  # only for a number with a kanji multiplier

        digits = str(int(read_numeral(m.group()) or 0))
        out.append(digits)
        span = origin[m.start() : m.end()]
        where.extend(span[min(i, len(span) - 1)] if i < len(digits) - 1 else span[-1] for i in range(len(digits)))
        pos = m.end()
    if not out:
        return folded
    out.append(text[pos:])
    where.extend(origin[pos:])
    return Folded("".join(out), tuple(where))


def _is_hiragana(c: str) -> bool:
    return "\u3041" <= c <= "\u309f" or c == "ー"


def _is_katakana(c: str) -> bool:
    return "\u30a1" <= c <= "\u30ff" or "\uff66" <= c <= "\uff9f"


@lru_cache(maxsize=65536)
def _content(folded: Folded, original: str) -> tuple[str, tuple[int, ...]]:
    """Content characters: hiragana written as hiragana (particles, okurigana)
    dropped when the text has other letters (a query written all in kana keeps
    its kana), spaces dropped.  Kana folded from katakana stay: they spell
    names and loanwords (オースティン), the words a query is most about."""

    def particle(c: str, o: int) -> bool:
        return _is_hiragana(c) and not _is_katakana(original[o])

    has_other = any(c != " " and not particle(c, o) for c, o in zip(folded.text, folded.origin, strict=True))
    keep = [
        (c, o) for c, o in zip(folded.text, folded.origin, strict=True) if c != " " and not (has_other and particle(c, o))
    ]
    return "".join(c for c, _ in keep), tuple(o for _, o in keep)




def _has_cjk(text: str) -> bool:
    """Whether text has kana or CJK ideographs (scripts written without spaces)."""
    return any("\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


def _bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


class Features(_Features):
    """What the scores compare, for comparing many texts pairwise (see
    ``report.claims``): the folded text, content bigrams and characters."""

    __slots__ = ()


def features(text: str) -> Features:
    folded = search_fold(text)
    content, _ = _content(folded, text)
    return Features(folded.text, frozenset(_bigrams(content)), frozenset(content), _has_cjk(content))


class Score(_Score):
    """A text's score for a query (0-100), its three measures, and the spans
    it matched: [start, end) in the original text."""

    __slots__ = ()


class Query:
    """A folded query, reusable across many texts."""

    def __init__(self, text: str):
        self.raw = text
        self.folded = search_fold(text)
        self.content, _ = _content(self.folded, text)
        self.bigrams = set(_bigrams(self.content))
        self.chars = set(self.content)
        self.words = [w for w in self.folded.text.split(" ") if w]
        self.cjk = _has_cjk(self.content)
        if not self.folded.text:
            from factcheck.errors import UsageError

            raise UsageError("the search query is empty once punctuation and spaces are removed")

    def score(self, text: str) -> Score:
        target = search_fold(text)
        q, t = self.folded.text, target.text
        if not t:
            return Score(0.0, 0.0, 0.0, 0.0, ())
        at = _once(q, t) if len(self.words) <= 1 else -1
        if at >= 0:
            # The folded query stands in the text exactly once, and a query of
            # one word has no token measure: partial_ratio is 100, and its
            # alignment, a window scoring 100, is a window equal to the query:
            # this one.  What rapidfuzz would say, without importing it (~9 ms
            # of a first `search` answered by the console script, issue 9).
            partial, tokens = 100.0, 0.0
            aligned: tuple[int, int] | None = (at, at + len(q))
        else:
            from rapidfuzz import fuzz

            partial = fuzz.partial_ratio(q, t)
            # Word order only matters for queries of several words.
            tokens = fuzz.token_set_ratio(q, t) if len(self.words) > 1 else 0.0
            aligned = None
        content, corigin = _content(target, text)
        tgrams = _bigrams(content)
        ngram = 0.0
        if self.cjk:
            if self.bigrams:
                big = len(self.bigrams & set(tgrams)) / len(self.bigrams)
            else:
                big = 1.0 if self.content in content else 0.0
            chars = len(self.chars & set(content)) / len(self.chars) if self.chars else 0.0
            ngram = 100.0 * (2 * big + chars) / 3
        best = max(partial, tokens, ngram)
        spans: list[tuple[int, int]] = []
        if partial >= 90:
            if aligned is None:
                from rapidfuzz import fuzz

                al = fuzz.partial_ratio_alignment(q, t)
                if al is not None:
                    aligned = (al.dest_start, al.dest_end)
            if aligned is not None and aligned[1] > aligned[0]:
                spans.append((target.origin[aligned[0]], target.origin[aligned[1] - 1] + 1))
        if not spans:
            for word in self.words:
                if len(word) < 2 or _has_cjk(word) or word in _stopwords():
                    continue
                for m in re.finditer(re.escape(word), t):
                    spans.append((target.origin[m.start()], target.origin[m.end() - 1] + 1))
            for i, g in enumerate(tgrams):
                if g in self.bigrams and _has_cjk(g):
                    spans.append((corigin[i], corigin[i + 1] + 1))
        return Score(round(best, 1), round(partial, 1), round(tokens, 1), round(ngram, 1), _merge(spans))


def _once(q: str, t: str) -> int:
    """Where ``q`` (not empty) stands in ``t`` when it stands there exactly
    once, overlaps counted; else -1."""
    at = t.find(q)
    if at < 0 or t.find(q, at + 1) >= 0:
        return -1
    return at


def _stopwords() -> frozenset[str]:
    from factcheck.text import STOPWORDS  # the vocabulary is read on first use

    return STOPWORDS


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


class Hit(_Hit):
    """One search result: a claim or a reference, its text and score."""

    __slots__ = ()


def reference_text(ref: Reference) -> str:
    """What a reference is searched by: title, container, publisher, authors."""
    names = [n.literal or " ".join(x for x in (n.family, n.given) if x) for n in ref.author]
    parts = [ref.title, ref.container_title, ref.publisher, *names]
    return " / ".join(p for p in parts if p)


def search(
    corpus: Corpus,
    query: str,
    *,
    claims: Iterable[ClaimView] = (),
    scope: Scope = "claims",
    documents: Iterable[str] = (),
    limit: int | None = DEFAULT_LIMIT,
    min_score: float = DEFAULT_MIN_SCORE,
) -> list[Hit]:
    """Claims (from ``claims``, already filtered) and/or references matching
    ``query``, best first; ``documents`` restricts the references searched."""
    q = Query(query)
    hits: list[tuple[float, int, Hit]] = []
    order = 0
    if scope in ("claims", "all"):
        perfect = 0
        for view in claims:
            s = q.score(view.claim.text)
            if s.score >= min_score:
                hits.append((s.score, order, Hit("claim", view.id, view.claim.document, view.claim.text, s, view=view)))
                perfect += s.score >= 100.0
            order += 1
            if limit and perfect >= limit:
                # No score exceeds 100 and ties keep this order, so nothing
                # after (claims or references) can enter the first ``limit``:
                # a word found in thousands of claims scores only the first few.
                hits.sort(key=lambda h: (-h[0], h[1]))
                return [h for _, _, h in hits[:limit]]
    if scope in ("references", "all"):
        docs = set(documents)
        for ref in corpus.references.values():
            if docs and ref.document not in docs:
                continue
            text = reference_text(ref)
            s = q.score(text) if text else Score(0.0, 0.0, 0.0, 0.0, ())
            if s.score >= min_score:
                hits.append((s.score, order, Hit("reference", ref.id, ref.document, text, s, reference=ref)))
            order += 1
    hits.sort(key=lambda h: (-h[0], h[1]))
    ranked = [h for _, _, h in hits]
    return ranked[:limit] if limit else ranked


class SearchResult(_SearchResult):
    """The hits of one search, best first; when none passed ``min_score``, the
    best of those below it (a paraphrase with other words, 情報機関 for
    情報院, can score just under the bar)."""

    __slots__ = ()


def find(
    corpus: Corpus,
    query: str,
    *,
    claims: Iterable[ClaimView] = (),
    scope: Scope = "claims",
    documents: Iterable[str] = (),
    limit: int | None = DEFAULT_LIMIT,
    min_score: float = DEFAULT_MIN_SCORE,
    fuzzy: bool = False,
) -> SearchResult:
    """``search()``, with the nearest miss when nothing matched (``factcheck search``).

    Unless ``fuzzy``, claims holding ``query`` as written are the only ones
    scored when there are any: scoring is most of a search's time, and a
    word typed as it stands in the text (兵士, a name) is found literally.
    When no claim holds it (a paraphrase, other spacing, full-width digits),
    every claim is scored, as with ``fuzzy``."""
    claims = tuple(claims)
    if not fuzzy:
        needle = query.strip()
        literal = tuple(v for v in claims if needle and needle in v.claim.text)
        if literal:
            claims = literal
    documents = tuple(documents)
    hits = search(corpus, query, claims=claims, scope=scope, documents=documents, limit=limit, min_score=min_score)
    nearest = None
    if not hits and min_score > 0:
        near = search(corpus, query, claims=claims, scope=scope, documents=documents, limit=1, min_score=0)
        if near and near[0].score.score > 0:
            nearest = near[0]
    return SearchResult(query, tuple(hits), nearest)
