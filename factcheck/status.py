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

``select()`` applies the filters of ``factcheck list`` and ``factcheck search``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from factcheck.errors import FileError, UsageError
from factcheck.model import NON_FACTUAL_KINDS, Claim, Document, Reference
from factcheck.reliability import Rating, ReliabilityTable, default_table
from factcheck.safety import clip
from factcheck.store import Corpus

STATUSES: tuple[str, ...] = (
    "sourced",
    "covered",
    "attributed",
    "unsourced",
    "disputed",
    "contradicted",
    "suspected",
    "weakly-sourced",
)
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
    table = table or default_table()
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


@dataclass(frozen=True)
class DocumentStats:
    """Counts for one document; ``document`` is empty for the totals."""

    document: str
    title: str
    language: str
    claims: int
    counts: dict[str, int]


def stats(corpus: Corpus, views: Mapping[str, ClaimView] | None = None) -> tuple[list[DocumentStats], DocumentStats]:
    """Claims and status counts per document (by id), and the totals."""
    views = views if views is not None else derive(corpus)
    all_views = list(views.values())
    by_doc: dict[str, list[ClaimView]] = {doc_id: [] for doc_id in corpus.documents}
    for v in all_views:
        by_doc.setdefault(v.claim.document, []).append(v)
    rows = []
    for doc_id, mine in sorted(by_doc.items()):
        doc = corpus.documents.get(doc_id)
        rows.append(DocumentStats(doc_id, doc.title if doc else "", doc.language if doc else "", len(mine), status_counts(mine)))
    return rows, DocumentStats("", "All documents", "", len(all_views), status_counts(all_views))


def statuses(corpus: Corpus) -> dict[str, frozenset[str]]:
    """Each claim id mapped to its statuses."""
    return {cid: view.statuses for cid, view in derive(corpus).items()}


def rate(ref: Reference, corpus: Corpus, *, table: ReliabilityTable | None = None) -> Rating | None:
    """A reference's reliability rating, following short-form ``see`` links."""
    return (table or default_table()).rate(ref, corpus.references)


# --- filters -------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_range(value: str) -> tuple[str, str]:
    """The first and last day an ISO 8601 (possibly partial) date stands for.

    >>> date_range("2024-02")
    ('2024-02-01', '2024-02-29')
    """
    m = _ISO.match(value.strip())
    if not m:
        raise UsageError(f"not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD): {clip(value)}")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise UsageError(f"no such month in {clip(value)}")
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    if not 1 <= day <= last:
        raise UsageError(f"no such day in {clip(value)}")
    return (f"{year:04d}-{month:02d}-{day:02d}",) * 2  # type: ignore[return-value]


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _strip_brackets(text: str) -> str:
    return _fold(text).strip().strip("[]").strip()


def _matches_dates(claim: Claim, since: tuple[str, str] | None, until: tuple[str, str] | None) -> bool:
    """Some date of the claim may fall in [since, until] (partial dates are ranges)."""
    for mention in claim.dates:
        try:
            first, last = date_range(mention.value)
        except UsageError:
            continue
        if since is not None and last < since[0]:
            continue
        if until is not None and first > until[1]:
            continue
        return True
    return False


def _cites(claim: Claim, wanted: str, references: Mapping[str, Reference]) -> bool:
    label = _strip_brackets(wanted)
    for ref_id in claim.cites:
        if ref_id == wanted:
            return True
        ref = references.get(ref_id)
        if ref is not None and ref.label is not None and _strip_brackets(ref.label) == label:
            return True
    return False


def _has_marker(claim: Claim, wanted: str) -> bool:
    folded = _strip_brackets(wanted)
    return any(d.kind == wanted or folded and folded in _strip_brackets(d.marker) for d in claim.disputes)


def select(
    corpus: Corpus,
    views: Mapping[str, ClaimView] | None = None,
    *,
    status: Iterable[str] = (),
    doc: Iterable[str] = (),
    section: str | None = None,
    cites: str | None = None,
    marker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    lang: str | None = None,
) -> list[ClaimView]:
    """The claims passing every filter given, in corpus order.

    ``status`` and ``doc`` match any of their values; ``section`` is a
    case-insensitive substring of the section heading; ``cites`` a reference
    id or inline label (``12`` or ``[12]``); ``marker`` a dispute kind or part
    of the raw marker text; ``since``/``until`` ISO dates, matched against the
    claim's normalized dates (a claim without dates never passes them);
    ``lang`` a language tag prefix of the claim's document.
    """
    views = views if views is not None else derive(corpus)
    wanted_status = set(status)
    unknown = wanted_status - set(STATUSES)
    if unknown:
        raise UsageError(f"unknown status {clip(sorted(unknown)[0])} (choose from {', '.join(STATUSES)})")
    docs = set(doc)
    missing = docs - set(corpus.documents)
    if missing:
        raise UsageError(f"no document {clip(sorted(missing)[0])} (known: {', '.join(sorted(corpus.documents)) or 'none'})")
    since_r = date_range(since) if since else None
    until_r = date_range(until) if until else None
    if since_r and until_r and since_r[0] > until_r[1]:
        # An empty window; partial dates ("2024") would still overlap both ends.
        raise UsageError(f"--since {since} is after --until {until}")
    section_f = _fold(section) if section else None
    lang_f = lang.lower() if lang else None
    out = []
    for view in views.values():
        claim = view.claim
        if wanted_status and not wanted_status & view.statuses:
            continue
        if docs and claim.document not in docs:
            continue
        if section_f is not None and section_f not in _fold(claim.section):
            continue
        if cites and not _cites(claim, cites, corpus.references):
            continue
        if marker and not _has_marker(claim, marker):
            continue
        if (since_r or until_r) and not _matches_dates(claim, since_r, until_r):
            continue
        if lang_f:
            language = (corpus.documents.get(claim.document) or Document("", "")).language.lower()
            if not (language == lang_f or language.startswith(lang_f + "-")):
                continue
        out.append(view)
    return out


# --- plain values ----------------------------------------------------------------


def claim_record(view: ClaimView) -> dict[str, Any]:
    """A claim as plain JSON values, with its derived statuses and cited labels."""
    from factcheck.store import to_json

    record: dict[str, Any] = {"id": view.claim.id, "document": view.claim.document}
    record.update({k: v for k, v in to_json(view.claim).items() if k != "id"})
    record["statuses"] = list(view.ordered_statuses())
    record["labels"] = list(view.labels)
    return record


# --- one claim in full (factcheck show) -----------------------------------------


@dataclass(frozen=True)
class SourceContext:
    """The paragraph a claim stands in, split around the claim."""

    path: str
    line: int
    before: str
    claim: str
    after: str


@dataclass(frozen=True)
class RelatedClaim:
    type: str
    review: str
    note: str
    direction: str  # "outgoing" (recorded on this claim) or "incoming"
    claim: Claim | None
    target: str


@dataclass(frozen=True)
class ClaimDetail:
    """Everything ``factcheck show`` prints about one claim."""

    view: ClaimView
    document: Document | None
    context: SourceContext | None
    context_problem: str
    references: tuple[tuple[str, Reference | None, Rating | None], ...]
    relations: tuple[RelatedClaim, ...]


MAX_CONTEXT_LINES = 8


def source_context(root: Path, document: Document, claim: Claim) -> SourceContext:
    """The claim's paragraph from its source file (the lines around it up to
    blank lines; only its own lines when that block is longer than
    ``MAX_CONTEXT_LINES``), split into the text before the claim, the claim as it stands
    in the source, and the text after it (where its markers are)."""
    from factcheck.paths import source_file
    from factcheck.yamlio import read_text

    path = source_file(root, document.source)  # never a file outside the repository
    try:
        lines = read_text(path).split("\n")
    except OSError as exc:
        raise UsageError(f"source {clip(document.source)} cannot be read ({exc.strerror or exc})") from None
    except FileError as exc:
        raise UsageError(str(exc)) from None
    span = claim.location
    if not 1 <= span.line <= len(lines) or not 1 <= span.end_line <= len(lines):
        raise UsageError(f"{document.source}: claim location {span.line}:{span.column} is outside the file")
    first = span.line
    while first > 1 and lines[first - 2].strip():
        first -= 1
    last = span.end_line
    while last < len(lines) and lines[last].strip():
        last += 1
    if last - first + 1 > MAX_CONTEXT_LINES:
        # No blank lines between paragraphs (one paragraph a line, as pages
        # copied from a browser come): the claim's own lines are its paragraph.
        first, last = span.line, span.end_line
    para = lines[first - 1 : last]

    def offset(line: int, column: int) -> int:
        return sum(len(x) + 1 for x in para[: line - first]) + column - 1

    text = "\n".join(para)
    start = offset(span.line, span.column)
    end = offset(span.end_line, span.end_column)
    return SourceContext(document.source, first, text[:start], text[start:end], text[end:])


def detail(corpus: Corpus, claim_id: str, views: Mapping[str, ClaimView] | None = None) -> ClaimDetail:
    """One claim with its source context, statuses, references and relations."""
    views = views if views is not None else derive(corpus)
    if claim_id not in views:
        close = sorted(c for c in views if claim_id.lower() in c.lower())[:5]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise UsageError(f"no claim with id {clip(claim_id)}{hint}")
    view = views[claim_id]
    claim = view.claim
    document = corpus.documents.get(claim.document)
    context, problem = None, ""
    if document is not None:
        try:
            context = source_context(corpus.root, document, claim)
        except UsageError as exc:
            problem = str(exc)
    refs = []
    for ref_id in (*claim.cites, *claim.covered_by):
        ref = corpus.references.get(ref_id)
        refs.append((ref_id, ref, rate(ref, corpus) if ref is not None else None))
    related = [
        RelatedClaim(r.type, r.review, r.note, "outgoing", corpus.claim_by_id.get(r.target), r.target)
        for r in claim.relations
    ]
    for other in corpus.claims:
        for r in other.relations:
            if r.target == claim.id and other.id != claim.id:
                related.append(RelatedClaim(r.type, r.review, r.note, "incoming", other, other.id))
    return ClaimDetail(view, document, context, problem, tuple(refs), tuple(related))
