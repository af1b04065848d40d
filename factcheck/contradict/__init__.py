"""Contradictions between claims: an analysis step, candidate blocking, one module per kind.

:func:`compare` reads two claims (Japanese, English or one of each) and says
whether they cannot both be true, which kind of conflict it is and which two
aligned values (as written) conflict.  It never guesses from wording alone:
each kind needs the two claims to be about the same thing *and* a value,
name or polarity that differs where they align.

- ``analysis``: claim text -> words as keys (SudachiPy, lemminflect, the
  JMdict bridge), figures aligned to what they measure, dates to the events
  they date, names in their slots, polarity and hedges.
- ``align``: what two analyses share (words, names, figures, dates).
- ``kinds/``: ``quantity``, ``date``, ``attribution``, ``entity``,
  ``polarity`` (each with a passing and a failing example in its docstring).
- ``features``: every kind's signals as numbers, without vetoes, each with
  the two aligned values it rests on; ``combine`` weighs them with weights
  learned from labelled pairs (``combiner.yaml``).
- ``blocking``: an IDF-weighted inverted index proposes the pairs worth
  comparing; there is no all-pairs loop.
- ``suspect``: candidates become reviewable ``contradicts`` relations.

PASS (consistent): "北浜トンネルの全長は5,382メートルである。" /
"北浜トンネルは長さ約5.4kmのトンネルだ。"

FAIL (contradiction, kind date): "The bridge opened on 5 April 1998." /
"The bridge was opened in April 2001."
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from factcheck.contradict.analysis import Analysis, analyse, detect_lang
from factcheck.contradict.blocking import block, document_topics
from factcheck.contradict.combine import Topic, decide
from factcheck.contradict.features import signals
from factcheck.contradict.model import NO_CONFLICT, PairContext, Verdict
from factcheck.model import Claim

__all__ = [
    "Analysis", "Candidate", "Verdict", "analyse", "candidates", "compare", "compare_analyses", "detect_lang",
]

@dataclass(frozen=True)
class Candidate:
    """A proposed contradiction between two claims."""

    a: str
    b: str
    verdict: Verdict
    within_document: bool = False


def _one_topic(topics: dict[str, frozenset[str]], x: str, y: str) -> Topic:
    """Whether two documents are about one thing: "page" for two claims of one page (a page
    names many things), None when a page names nothing to tell."""
    if x == y:
        return "page"
    if not topics[x] or not topics[y]:
        return None
    return "one" if topics[x] & topics[y] else "two"


def compare_analyses(x: Analysis, y: Analysis, *, scan: bool = False, topic: Topic = None) -> Verdict:
    """:func:`compare` on claims already read with :func:`analyse`.

    Every kind's signals are measured (``features``) and weighed by the
    learned combiner (``combine``); the verdict's score is its probability
    and its evidence the two aligned values of the kind that weighs most.
    ``scan`` asks for the higher bar of a repository scan (see ``combine.decide``);
    ``topic`` says whether the two claims' documents are about one thing (see ``combine.decide``).
    """
    # The signals are not all symmetric (which side's names are "only a"); reading every pair
    # in one canonical order makes compare(a, b) and compare(b, a) one verdict.
    swapped = (x.text, x.lang) > (y.text, y.lang)
    first, second = (y, x) if swapped else (x, y)
    p, conflict = decide(signals(PairContext(first, second)), scan=scan, topic=topic)
    if conflict is None:
        return Verdict(False, round(p, 3))
    evidence = conflict.evidence[::-1] if swapped else conflict.evidence
    return Verdict(True, round(p, 3), conflict.kind, evidence, conflict.why)


def compare(a: str, b: str, *, lang_a: str | None = None, lang_b: str | None = None) -> Verdict:
    """Whether claim texts ``a`` and ``b`` cannot both be true (see the module docstring)."""
    return compare_analyses(analyse(a, lang_a), analyse(b, lang_b))


def candidates(claims: Sequence[Claim], *, within: bool = False,
               titles: Mapping[str, str] | None = None) -> list[Candidate]:
    """Contradiction candidates among factual claims (across documents; also within one with
    ``within``).  ``titles``: each document's title, which names what its page is about."""
    facts = [c for c in claims if c.kind == "fact"]
    read = [analyse(c.text) for c in facts]
    docs = [c.document for c in facts]
    topics = document_topics(read, docs, {d: analyse(t) for d, t in (titles or {}).items() if t})
    out: list[Candidate] = []
    for i, j, _ in block(read, docs, within=within, topics=topics):
        topic = _one_topic(topics, docs[i], docs[j])
        if topic == "page" and facts[i].section and facts[j].section and facts[i].section != facts[j].section:
            topic = None  # two sections of one page (History / Equipment) mostly describe two things
        verdict = compare_analyses(read[i], read[j], scan=True, topic=topic)
        if verdict.contradiction:
            out.append(Candidate(facts[i].id, facts[j].id, verdict, docs[i] == docs[j]))
    out.sort(key=lambda c: (-c.verdict.score, c.a, c.b))
    return out


__all__ += ["NO_CONFLICT"]
