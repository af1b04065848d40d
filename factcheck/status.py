"""Each claim's statuses, derived from its fields in one place (never stored).

========================  =====================================================
status                    when a claim carries it
========================  =====================================================
``sourced``               it cites at least one reference
``covered``               it cites nothing but ``covered_by`` names a reference
                          cited later in its paragraph
``attributed``            it cites nothing and is not covered, but its own text
                          names its source ("according to Reuters", "…によると")
``unsourced``             a factual claim (kind ``fact``) with neither (nor an attribution)
``disputed``              it carries at least one dispute marker
``contradicted``          an *accepted* ``contradicts`` relation joins it to a
                          claim of another document (or of the same document
                          when the relation says ``within_document``)
``suspected``             a ``contradicts`` relation still ``unreviewed``
``weakly-sourced``        it cites references, and every one of them is rated
                          unreliable in ``vocab/reliability.yaml``
========================  =====================================================

A claim can carry several.  Relations are symmetric: one recorded on either
claim counts for both.  When the two claims record the same pair with
different review states, the decision wins over the candidate: accepted over
rejected over unreviewed.

Selecting and filtering claims, and reading a claim's source, are in
``factcheck.query``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping

from factcheck import options
from factcheck.model import NON_FACTUAL_KINDS, Claim, Reference
from factcheck.tally import DocumentStats, Stats, tally, tally_groups  # noqa: F401  (re-exported)

if TYPE_CHECKING:  # only named: the store and the reliability table (YAML) are not loaded for `stats`
    from factcheck.reliability import Rating, ReliabilityTable
    from factcheck.store import Corpus

STATUSES = options.STATUSES  # the vocabulary lives where the CLI can read it cheaply
_REVIEW_RANK = {"accepted": 2, "rejected": 1, "unreviewed": 0}


@dataclass(frozen=True)
class Link:
    """A contradiction joining this claim to another, seen from this claim."""

    other: str
    review: str
    note: str = ""


@dataclass(frozen=True)
class ClaimView:
    """A claim with what is derived from it: its statuses and cited labels."""

    claim: Claim
    statuses: frozenset[str]
    labels: tuple[str, ...]
    contradictions: tuple[Link, ...] = ()

    @property
    def id(self) -> str:
        return self.claim.id

    def ordered_statuses(self) -> tuple[str, ...]:
        """The statuses in the canonical order of ``STATUSES``."""
        return tuple(s for s in STATUSES if s in self.statuses)


def label_of(ref_id: str, references: Mapping[str, Reference]) -> str:
    """How a citation is shown: its inline label in brackets, else its id."""
    ref = references.get(ref_id)
    return f"[{ref.label}]" if ref is not None and ref.label else ref_id


def contradiction_pairs(corpus: Corpus) -> dict[tuple[str, str], tuple[str, str]]:
    """Every contradiction between two known claims, keyed by the sorted id pair,
    with its review state and note, recorded on either claim."""
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    for claim in corpus.claims:
        for rel in claim.relations:
            if rel.type != "contradicts" or rel.target not in corpus.claim_by_id or rel.target == claim.id:
                continue
            other = corpus.claim_by_id[rel.target]
            if other.document == claim.document and not rel.within_document:
                continue
            key = (claim.id, rel.target) if claim.id < rel.target else (rel.target, claim.id)
            prev = pairs.get(key)
            if prev is None or _REVIEW_RANK[rel.review] > _REVIEW_RANK[prev[0]]:
                pairs[key] = (rel.review, rel.note or (prev[1] if prev else ""))
    return pairs


def derive(
    corpus: Corpus,
    *,
    table: ReliabilityTable | None = None,
    pairs: Mapping[tuple[str, str], tuple[str, str]] | None = None,
) -> dict[str, ClaimView]:
    """Every claim's view, in corpus order, keyed by claim id; ``pairs`` is
    ``contradiction_pairs(corpus)`` when the caller needs it too."""
    table = table or corpus.table
    pairs = pairs if pairs is not None else contradiction_pairs(corpus)
    links: dict[str, list[Link]] = {}
    for (a, b), (review, note) in sorted(pairs.items()):
        if review == "rejected":
            continue
        links.setdefault(a, []).append(Link(b, review, note))
        links.setdefault(b, []).append(Link(a, review, note))
    views: dict[str, ClaimView] = {}
    for claim in corpus.claims:
        if claim.id in views:
            continue
        found: set[str] = set()
        if claim.cites:
            found.add("sourced")
            rated = [
                table.rate(corpus.references[r], corpus.references) if r in corpus.references else None
                for r in claim.cites
            ]
            if all(r is not None and r.unreliable for r in rated):
                found.add("weakly-sourced")
        elif claim.covered_by:
            found.add("covered")
        elif claim.attribution is not None and claim.kind not in NON_FACTUAL_KINDS:
            found.add("attributed")
        elif claim.kind not in NON_FACTUAL_KINDS:
            found.add("unsourced")
        if claim.disputes:
            found.add("disputed")
        mine = tuple(links.get(claim.id, ()))
        if any(link.review == "accepted" for link in mine):
            found.add("contradicted")
        if any(link.review == "unreviewed" for link in mine):
            found.add("suspected")
        labels = tuple(label_of(r, corpus.references) for r in claim.cites)
        views[claim.id] = ClaimView(claim, frozenset(found), labels, mine)
    return views


def status_counts(views: Iterable[ClaimView]) -> dict[str, int]:
    """How many of the claims carry each status (a claim counts once per status)."""
    counts = dict.fromkeys(STATUSES, 0)
    for view in views:
        for s in view.statuses:
            counts[s] += 1
    return counts


def stats(corpus: Corpus, views: Mapping[str, ClaimView] | None = None) -> Stats:
    """Claims and status counts per document (by id), and the totals."""
    views = views if views is not None else derive(corpus)
    documents = {doc_id: (d.title, d.language) for doc_id, d in corpus.documents.items()}
    return tally(documents, [(v.claim.document, v.statuses) for v in views.values()])


def statuses(corpus: Corpus) -> dict[str, frozenset[str]]:
    """Each claim id mapped to its statuses."""
    return {cid: view.statuses for cid, view in derive(corpus).items()}


def rate(ref: Reference, corpus: Corpus, *, table: ReliabilityTable | None = None) -> Rating | None:
    """A reference's reliability rating, following short-form ``see`` links."""
    return (table or corpus.table).rate(ref, corpus.references)
