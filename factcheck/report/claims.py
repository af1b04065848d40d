"""The disputed-claims report: built once as plain values, then rendered.

``build_report(corpus)`` gathers what an editor acts on, in a stable order
(documents by id, claims in file and source order), with no timestamp unless
one is given:

- ``documents``: per document, its number of claims and of each status;
- ``disputed``: claims with dispute markers, their markers and cited references;
- ``contradictions``: contradicted (accepted) and suspected (unreviewed) pairs,
  side by side, with the conflicting parts marked: a character diff when the
  two texts are alike (same language), else the two values the contradiction
  detector aligns;
- ``unsourced``: unsourced factual claims by document and section;
- ``conflicting_figures``: what the contradiction detector
  (``factcheck.contradict``) decides is one measure given two incompatible
  values in claims of different documents, for pairs no relation joins yet
  (a reviewed pair is in ``contradictions`` or was rejected), surest first,
  each claim in at most three pairs;
- ``unreliable_references``: references cited by some claim and rated
  unreliable in the reliability table.

Its renderings (json, markdown, html) are in ``report.disputes``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from factcheck import vocab
from factcheck.contradict import Candidate, candidates, compare
from factcheck.contradict.suspect import titles
from factcheck.errors import UsageError
from factcheck.model import Claim, Quantity, Reference
from factcheck.query import date_range, source_context
from factcheck.status import STATUSES, ClaimView, contradiction_pairs, derive, stats
from factcheck.store import Corpus

DIFF_MIN_RATIO = 0.3
MAX_FIGURES_PER_CLAIM = 3


@dataclass(frozen=True)
class ClaimEntry:
    id: str
    document: str
    section: str
    kind: str
    text: str
    statuses: tuple[str, ...]
    labels: tuple[str, ...]
    language: str = ""


@dataclass(frozen=True)
class ReferenceEntry:
    id: str
    document: str
    label: str | None
    title: str | None
    container_title: str | None
    publisher: str | None
    authors: tuple[str, ...]
    issued: str | None
    url: str | None
    rating: str | None
    rated_as: str | None
    unreliable: bool


@dataclass(frozen=True)
class DocumentSummary:
    id: str
    title: str
    language: str
    claims: int
    counts: dict[str, int]


@dataclass(frozen=True)
class Marker:
    marker: str
    kind: str
    meaning: str


@dataclass(frozen=True)
class DisputedEntry:
    claim: ClaimEntry
    markers: tuple[Marker, ...]
    references: tuple[ReferenceEntry, ...]


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


@dataclass(frozen=True)
class ContradictionEntry:
    review: str  # accepted (contradicted) or unreviewed (suspected)
    note: str
    left: ClaimEntry
    right: ClaimEntry
    left_segments: tuple[Segment, ...]
    right_segments: tuple[Segment, ...]
    differences: tuple[str, ...]


@dataclass(frozen=True)
class SectionGroup:
    section: str
    claims: tuple[ClaimEntry, ...]


@dataclass(frozen=True)
class UnsourcedGroup:
    document: str
    sections: tuple[SectionGroup, ...]


@dataclass(frozen=True)
class FigureEntry:
    claim: ClaimEntry
    quantity: str
    value: float | None


@dataclass(frozen=True)
class ConflictingFigure:
    unit: str
    similarity: float
    left: FigureEntry
    right: FigureEntry


@dataclass(frozen=True)
class UnreliableReference:
    reference: ReferenceEntry
    cited_by: tuple[str, ...]


@dataclass(frozen=True)
class SourceLine:
    """Where a claim stands in its source: the claim as written there and the
    rest of its line (its markers and citations), for a reader to check."""

    path: str
    line: int
    said: str
    after: str


@dataclass(frozen=True)
class ClaimsReport:
    title: str
    date: str | None
    statuses: tuple[str, ...]
    documents: tuple[DocumentSummary, ...]
    totals: DocumentSummary
    disputed: tuple[DisputedEntry, ...]
    contradictions: tuple[ContradictionEntry, ...]
    unsourced: tuple[UnsourcedGroup, ...]
    conflicting_figures: tuple[ConflictingFigure, ...]
    unreliable_references: tuple[UnreliableReference, ...]
    # article-level maintenance banners, per document: (document id, banners)
    banners: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Disputed and contradicted claims' places in their sources, by claim id.
    sources: dict[str, SourceLine] = field(default_factory=dict)


# --- building -------------------------------------------------------------------


def _claim_entry(view: ClaimView, corpus: Corpus) -> ClaimEntry:
    c = view.claim
    doc = corpus.documents.get(c.document)
    return ClaimEntry(
        c.id, c.document, c.section, c.kind, c.text, view.ordered_statuses(), view.labels, doc.language if doc else ""
    )


def _name(n: Any) -> str:
    """A name as read: "Jane Smith", but "山田太郎" (family first, no space)."""
    if n.literal:
        return str(n.literal)
    if n.family and any(ord(ch) > 0x2E7F for ch in n.family):
        return f"{n.family}{n.given or ''}"
    return " ".join(x for x in (n.given, n.family) if x)


def reference_entry(ref: Reference, corpus: Corpus) -> ReferenceEntry:
    rating = corpus.table.rate(ref, corpus.references)
    return ReferenceEntry(
        ref.id,
        ref.document,
        ref.label,
        ref.title,
        ref.container_title,
        ref.publisher,
        tuple(_name(n) for n in ref.author),
        ref.issued,
        ref.url,
        rating.rating if rating else None,
        rating.source if rating else None,
        bool(rating and rating.unreliable),
    )


def _missing_reference(ref_id: str) -> ReferenceEntry:
    return ReferenceEntry(ref_id, "", None, "(unknown reference)", None, None, (), None, None, None, None, False)




def _mention_spans(claim: Claim, texts: list[str]) -> list[tuple[int, int]]:
    spans = []
    for t in texts:
        i = claim.text.find(t) if t else -1
        if i >= 0:
            spans.append((i, i + len(t)))
    return sorted(spans)


def _segments(text: str, spans: list[tuple[int, int]]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    pos = 0
    for start, end in spans:
        if start < pos:
            continue
        if start > pos:
            out.append(Segment(text[pos:start], False))
        out.append(Segment(text[start:end], True))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:], False))
    return tuple(out)


def _differences(a: Claim, b: Claim) -> tuple[list[str], list[str], list[str]]:
    """What conflicts, as the detector aligns it: (descriptions, a's texts, b's texts)."""
    verdict = compare(a.text, b.text)
    if not verdict.contradiction or len(verdict.evidence) != 2:
        return [], [], []
    left, right = verdict.evidence
    return [f"{verdict.kind}: {left} vs {right}"], [left], [right]


def _diff_segments(a: Claim, b: Claim, a_marks: list[str], b_marks: list[str]) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    matcher = difflib.SequenceMatcher(None, a.text, b.text, autojunk=False)
    if matcher.ratio() < DIFF_MIN_RATIO:
        # Unlike texts (often two languages): a character diff marks everything.
        return _segments(a.text, _mention_spans(a, a_marks)), _segments(b.text, _mention_spans(b, b_marks))
    a_mask = [False] * len(a.text)
    b_mask = [False] * len(b.text)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            a_mask[i1:i2] = [True] * (i2 - i1)
            b_mask[j1:j2] = [True] * (j2 - j1)
    return _mask_segments(a.text, _whole_numbers(a.text, a_mask)), _mask_segments(b.text, _whole_numbers(b.text, b_mask))


_NUMBER = re.compile(r"[0-9０-９]+(?:[,.，．][0-9０-９]+)*")


def _whole_numbers(text: str, mask: list[bool]) -> list[bool]:
    """A number differing in one digit (241 vs 245) is marked whole."""
    for m in _NUMBER.finditer(text):
        if any(mask[m.start() : m.end()]):
            mask[m.start() : m.end()] = [True] * (m.end() - m.start())
    return mask


def _mask_segments(text: str, mask: list[bool]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or mask[i] != mask[start]:
            out.append(Segment(text[start:i], mask[start]))
            start = i
    return tuple(out)


def _conflicting_figures(
    corpus: Corpus, views: Mapping[str, ClaimView], pairs: Mapping[tuple[str, str], tuple[str, str]],
    find: Callable[..., Sequence[Candidate]],
) -> list[ConflictingFigure]:
    found: list[ConflictingFigure] = []
    shown: dict[str, int] = {}
    for cand in find([v.claim for v in views.values()], titles=titles(corpus)):
        if cand.verdict.kind != "quantity" or tuple(sorted((cand.a, cand.b))) in pairs:
            continue
        # A claim shows in at most MAX_FIGURES_PER_CLAIM pairs, so one much-repeated
        # figure cannot flood the report.
        if shown.get(cand.a, 0) >= MAX_FIGURES_PER_CLAIM or shown.get(cand.b, 0) >= MAX_FIGURES_PER_CLAIM:
            continue
        shown[cand.a] = shown.get(cand.a, 0) + 1
        shown[cand.b] = shown.get(cand.b, 0) + 1
        ca, cb = views[cand.a].claim, views[cand.b].claim
        qa, qb = cand.verdict.evidence
        found.append(ConflictingFigure(
            _unit_of(ca, qa), round(cand.verdict.score * 100, 1),
            FigureEntry(_claim_entry(views[ca.id], corpus), qa, _value_of(ca, qa)),
            FigureEntry(_claim_entry(views[cb.id], corpus), qb, _value_of(cb, qb)),
        ))
    return found


def _quantity_of(claim: Claim, written: str) -> Quantity | None:
    """The claim's stored quantity the detector's evidence names ("At least 260 people" -> 260 people)."""
    return next((q for q in claim.quantities if q.text == written), None) or next(
        (q for q in claim.quantities if q.text in written or written in q.text), None)


def _unit_of(claim: Claim, written: str) -> str:
    q = _quantity_of(claim, written)
    return (q.unit or "") if q else ""


def _value_of(claim: Claim, written: str) -> float | None:
    q = _quantity_of(claim, written)
    return q.value if q else None


def build_report(
    corpus: Corpus,
    *,
    views: Mapping[str, ClaimView] | None = None,
    title: str = "Disputed claims",
    date: str | None = None,
    find: Callable[..., Sequence[Candidate]] = candidates,
) -> ClaimsReport:
    """The report data for a whole corpus, in a stable order.  ``find`` is
    the contradiction detector's candidate scan, or a cache of it
    (``factcheck.index.cached_candidates``): the scan is most of a report's time."""
    if date:
        date_range(date)  # as export's --date: ISO 8601, so reports sort and diff
    # Walked once: derive(), the contradictions and the figures all need them.
    pairs = contradiction_pairs(corpus)
    views = views if views is not None else derive(corpus, pairs=pairs)
    all_views = list(views.values())
    counted = stats(corpus, views)
    doc_ids = [r.document for r in counted.documents]
    documents = [DocumentSummary(r.document, r.title, r.language, r.claims, r.counts) for r in counted.documents]
    totals = DocumentSummary("", counted.total.title, "", counted.total.claims, counted.total.counts)

    meanings = vocab.load("disputes").get("kinds", {})
    disputed = []
    for v in all_views:
        if "disputed" not in v.statuses:
            continue
        refs = tuple(
            reference_entry(corpus.references[r], corpus) if r in corpus.references else _missing_reference(r)
            for r in (*v.claim.cites, *v.claim.covered_by)
        )
        markers = tuple(Marker(d.marker, d.kind, str(meanings.get(d.kind, ""))) for d in v.claim.disputes)
        disputed.append(DisputedEntry(_claim_entry(v, corpus), markers, refs))

    contradictions = []
    order = {cid: i for i, cid in enumerate(views)}
    for (a_id, b_id), (review, note) in sorted(
        pairs.items(), key=lambda kv: (order.get(kv[0][0], 0), order.get(kv[0][1], 0))
    ):
        if review == "rejected" or a_id not in views or b_id not in views:
            continue
        if order[a_id] > order[b_id]:
            a_id, b_id = b_id, a_id
        a, b = views[a_id].claim, views[b_id].claim
        notes, a_marks, b_marks = _differences(a, b)
        left, right = _diff_segments(a, b, a_marks, b_marks)
        contradictions.append(
            ContradictionEntry(review, note, _claim_entry(views[a_id], corpus), _claim_entry(views[b_id], corpus), left, right, tuple(notes))
        )
    contradictions.sort(key=lambda e: (0 if e.review == "accepted" else 1, order[e.left.id], order[e.right.id]))

    unsourced = []
    for doc_id in doc_ids:
        sections: dict[str, list[ClaimEntry]] = {}
        for v in all_views:
            if v.claim.document == doc_id and "unsourced" in v.statuses:
                sections.setdefault(v.claim.section, []).append(_claim_entry(v, corpus))
        if sections:
            unsourced.append(UnsourcedGroup(doc_id, tuple(SectionGroup(s, tuple(c)) for s, c in sections.items())))

    cited_by: dict[str, list[str]] = {}
    for v in all_views:
        for r in dict.fromkeys((*v.claim.cites, *v.claim.covered_by)):
            cited_by.setdefault(r, []).append(v.claim.id)
    unreliable = []
    for ref_id in sorted(cited_by, key=lambda r: (corpus.references[r].document, r) if r in corpus.references else ("", r)):
        ref = corpus.references.get(ref_id)
        if ref is None:
            continue
        entry = reference_entry(ref, corpus)
        if entry.unreliable:
            unreliable.append(UnreliableReference(entry, tuple(cited_by[ref_id])))

    shown = [d.claim.id for d in disputed] + [c.id for e in contradictions for c in (e.left, e.right)]
    return ClaimsReport(
        title,
        date,
        STATUSES,
        tuple(documents),
        totals,
        tuple(disputed),
        tuple(contradictions),
        tuple(unsourced),
        tuple(_conflicting_figures(corpus, views, pairs, find)),
        tuple(unreliable),
        tuple((d, corpus.documents[d].banners) for d in doc_ids if d in corpus.documents and corpus.documents[d].banners),
        _source_lines(corpus, shown),
    )


def _source_lines(corpus: Corpus, claim_ids: list[str]) -> dict[str, SourceLine]:
    """Each claim's place in its source; a claim whose source is missing or
    moved is left out (that is validate's to report, not the report's)."""
    found = {}
    for claim_id in dict.fromkeys(claim_ids):
        claim = corpus.claim_by_id.get(claim_id)
        document = corpus.documents.get(claim.document) if claim else None
        if claim is None or document is None:
            continue
        try:
            ctx = source_context(corpus.root, document, claim)
        except UsageError:
            continue
        after = ctx.after.split("\n", 1)[0]
        found[claim_id] = SourceLine(ctx.path, claim.location.line, " ".join(ctx.claim.split()), after)
    return found
