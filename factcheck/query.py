"""Reading the claims: select them by the filters of ``factcheck list`` and
``factcheck search``, and gather one claim in full with its source context
for ``factcheck show``.  Statuses themselves are derived in ``factcheck.status``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from factcheck import vocab
from factcheck.errors import UsageError
from factcheck.model import Claim, Document, Reference, Relation
from factcheck.reliability import Rating
from factcheck.safety import clip
from factcheck.sourcetext import MAX_CONTEXT_LINES as MAX_CONTEXT_LINES
from factcheck.sourcetext import paragraph
from factcheck.status import STATUSES, ClaimView, derive, rate
from factcheck.store import Corpus
from factcheck.suggest import did_you_mean
from factcheck.text import DateError, PartialDate, fold

# --- filters -------------------------------------------------------------------

def date_range(value: str) -> tuple[str, str]:
    """The first and last day a (possibly partial) ISO 8601 date stands for,
    or UsageError.

    >>> date_range("2024-02")
    ('2024-02-01', '2024-02-29')
    """
    try:
        date = PartialDate.parse(value.strip())
    except DateError as exc:
        raise UsageError(f"{clip(value)} {exc}") from None
    return date.first(), date.last()


def _strip_brackets(text: str) -> str:
    return fold(text).strip().strip("[]").strip()


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


def check_values(corpus: Corpus, *, cites: str | None = None, marker: str | None = None, lang: str | None = None) -> None:
    """UsageError, with the nearest known values, for a filter value no claim
    could ever match: an unknown reference, dispute marker or language."""
    if cites:
        label = _strip_brackets(cites)
        known = {r.id for r in corpus.references.values()}
        labels = {_strip_brackets(r.label) for r in corpus.references.values() if r.label}
        if cites not in known and label not in labels:
            hint = did_you_mean(cites, known) or " (give a reference id or an inline label such as 12 or [12])"
            raise UsageError(f"--cites {cites}: no reference has this id or label{hint}")
    if marker:
        kinds = set(vocab.dispute_kinds())
        texts = {d.marker for c in corpus.claims for d in c.disputes}
        folded = _strip_brackets(marker)
        if marker not in kinds and not any(folded and folded in _strip_brackets(t) for t in texts):
            hint = did_you_mean(marker, kinds | texts) or f" (dispute kinds: {', '.join(sorted(kinds))})"
            raise UsageError(f"--marker {marker}: no dispute kind or marker text like it{hint}")
    if lang:
        languages = {d.language.lower() for d in corpus.documents.values() if d.language}
        wanted = lang.lower()
        if not any(x == wanted or x.startswith(wanted + "-") for x in languages):
            listed = ", ".join(sorted(languages)) or "none"
            raise UsageError(f"--lang {lang}: no document is in this language (languages: {listed})")


@dataclass(frozen=True)
class Listed:
    """Every claim's statuses, without the claim objects (kept in the index
    while no file changes; `list` and `stats` answer from it): the documents
    (id -> title, language) and per claim, in corpus order, (id, document, statuses)."""

    documents: dict[str, tuple[str, str]]
    rows: tuple[tuple[str, str, frozenset[str]], ...]


def listed(corpus: Corpus, views: Mapping[str, ClaimView] | None = None) -> Listed:
    views = views if views is not None else derive(corpus)
    documents = {doc_id: (d.title, d.language) for doc_id, d in corpus.documents.items()}
    return Listed(documents, tuple((v.id, v.claim.document, v.statuses) for v in views.values()))


def _status_and_doc(status: Iterable[str], doc: Iterable[str],
                    documents: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    """The ``--status`` and ``--doc`` values asked for, each one known (else a usage error)."""
    wanted_status = {s.lower() for s in status}
    unknown = wanted_status - set(STATUSES)
    if unknown:
        bad = sorted(unknown)[0]
        raise UsageError(f"unknown status {clip(bad)}{did_you_mean(bad, STATUSES)} (choose from {', '.join(STATUSES)})")
    docs = set(doc)
    missing = docs - set(documents)
    if missing:
        bad = sorted(missing)[0]
        known = ", ".join(sorted(documents)) or "none"
        raise UsageError(f"no document {clip(bad)}{did_you_mean(bad, documents)} (known: {known})")
    return wanted_status, docs


def select_listed(listed: Listed, *, status: Iterable[str] = (), doc: Iterable[str] = ()) -> list[int]:
    """:func:`select` with only ``status`` and ``doc`` given, over a
    :class:`Listed`: the positions of the claims passing, the same errors."""
    wanted_status, docs = _status_and_doc(status, doc, listed.documents)
    return [
        n
        for n, (_, document, statuses) in enumerate(listed.rows)
        if (not wanted_status or wanted_status & statuses) and (not docs or document in docs)
    ]


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
    wanted_status, docs = _status_and_doc(status, doc, corpus.documents)
    # A value that can match nothing is a typo, not an empty answer (as --doc).
    check_values(corpus, cites=cites, marker=marker, lang=lang)
    since_r = date_range(since) if since else None
    until_r = date_range(until) if until else None
    if since_r and until_r and since_r[0] > until_r[1]:
        # An empty window; partial dates ("2024") would still overlap both ends.
        raise UsageError(f"--since {since} is after --until {until}")
    section_f = fold(section) if section else None
    lang_f = lang.lower() if lang else None
    out = []
    for view in views.values():
        claim = view.claim
        if wanted_status and not wanted_status & view.statuses:
            continue
        if docs and claim.document not in docs:
            continue
        if section_f is not None and section_f not in fold(claim.section):
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


def source_context(root: Path, document: Document, claim: Claim) -> SourceContext:
    """The claim's paragraph from its source file (:func:`factcheck.sourcetext.paragraph`)."""
    span = claim.location
    first, before, text, after = paragraph(root, document.source, span.line, span.column, span.end_line, span.end_column)
    return SourceContext(document.source, first, before, text, after)


def relations_into(corpus: Corpus) -> dict[str, list[tuple[Claim, Relation]]]:
    """Per target id, the relations recorded on claims, each with the claim
    recording it, in corpus order (a claim's incoming relations)."""
    into: dict[str, list[tuple[Claim, Relation]]] = {}
    for other in corpus.claims:
        for r in other.relations:
            into.setdefault(r.target, []).append((other, r))
    return into


def cited(corpus: Corpus, claim: Claim) -> tuple[tuple[str, Reference | None, Rating | None], ...]:
    """The references a claim cites or is covered by, each with its rating (None: no such reference)."""
    refs = []
    for ref_id in (*claim.cites, *claim.covered_by):
        ref = corpus.references.get(ref_id)
        refs.append((ref_id, ref, rate(ref, corpus) if ref is not None else None))
    return tuple(refs)


def related(corpus: Corpus, claim: Claim, into: Mapping[str, list[tuple[Claim, Relation]]]) -> tuple[RelatedClaim, ...]:
    """A claim's relations, recorded on it and on other claims targeting it
    (``into``: :func:`relations_into` of ``corpus``)."""
    found = [
        RelatedClaim(r.type, r.review, r.note, "outgoing", corpus.claim_by_id.get(r.target), r.target)
        for r in claim.relations
    ]
    for other, r in into.get(claim.id, ()):
        if other.id != claim.id:
            found.append(RelatedClaim(r.type, r.review, r.note, "incoming", other, other.id))
    return tuple(found)


def detail(corpus: Corpus, claim_id: str, views: Mapping[str, ClaimView] | None = None) -> ClaimDetail:
    """One claim with its source context, statuses, references and relations."""
    views = views if views is not None else derive(corpus)
    if claim_id not in views:
        raise UsageError(f"no claim with id {clip(claim_id)}{did_you_mean(claim_id, views)}")
    view = views[claim_id]
    claim = view.claim
    document = corpus.documents.get(claim.document)
    context, problem = None, ""
    if document is not None:
        try:
            context = source_context(corpus.root, document, claim)
        except UsageError as exc:
            problem = str(exc)
    return ClaimDetail(view, document, context, problem, cited(corpus, claim), related(corpus, claim, relations_into(corpus)))
