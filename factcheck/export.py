"""Exports for other tools: schema.org ClaimReview, CSL-JSON, CSV.

ClaimReview (JSON-LD, ``{"@context": "https://schema.org", "@graph": [...]}``)
is written only for claims that have a *verdict*, which we define as:

- an accepted ``contradicts`` relation (status ``contradicted``):
  ``alternateName`` "Contradicted by another source", the explanation naming
  the contradicting claims and their documents;
- otherwise dispute markers (status ``disputed``): ``alternateName``
  "Disputed: <kind>" for the first marker's kind (e.g. "Disputed: dubious"),
  the explanation listing every marker as written and what its kind means.

Unreviewed contradiction candidates (``suspected``) and weak sourcing are
not verdicts and are not exported.  No numeric ``ratingValue`` is given:
our verdicts are not on a scale.  ``datePublished`` appears only when given.

CSL-JSON (for Zotero, pandoc/citeproc): the references, with ``issued`` and
``accessed`` as ``{"date-parts": [[y, m, d]]}`` (partial dates keep fewer
parts; anything else becomes ``{"raw": ...}``), names as CSL name objects,
and what CSL has no field for - our inline ``label``, the document id and
``custom`` - moved into ``note`` as ``key: value`` lines.

CSV: one row per claim, lists joined with ``; ``.

The formats themselves are written by ``factcheck.report.exports``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import IO, Any, Iterable, Mapping, Sequence

from factcheck import vocab
from factcheck.errors import UsageError
from factcheck.model import Name, Reference
from factcheck.query import date_range
from factcheck.safety import clip, csv_cell, csv_line, safe_url
from factcheck.status import STATUSES, ClaimView, derive
from factcheck.store import Corpus
from factcheck.text import DateError, PartialDate

CONTRADICTED = "Contradicted by another source"

# --- ClaimReview ---------------------------------------------------------------


def verdict(view: ClaimView, corpus: Corpus) -> tuple[str, str] | None:
    """A claim's verdict as (alternateName, ratingExplanation), or None."""
    claim = view.claim
    accepted = [link for link in view.contradictions if link.review == "accepted"]
    if accepted:
        others = []
        for link in accepted:
            other = corpus.claim_by_id.get(link.other)
            doc = corpus.documents.get(other.document) if other else None
            where = f"{doc.title or doc.id}" if doc else (other.document if other else "")
            others.append(f"{link.other} ({where}): {other.text if other else ''}".strip())
        return CONTRADICTED, "Contradicted by " + "; ".join(others)
    if claim.disputes:
        meanings = vocab.load("disputes").get("kinds", {})
        kind = claim.disputes[0].kind
        explanation = "; ".join(
            f"{d.marker}: {meanings.get(d.kind, d.kind)}" for d in claim.disputes
        )
        return f"Disputed: {kind}", "Marked in the source: " + explanation
    return None


def claimreview(
    corpus: Corpus,
    views: Mapping[str, ClaimView] | None = None,
    *,
    author: str | None = None,
    date: str | None = None,
    url_base: str | None = None,
) -> dict[str, Any]:
    """schema.org ClaimReview JSON-LD for every claim with a verdict;
    ``url_base`` (e.g. the published report's address) gives each review a
    ``url`` of ``<url_base>#claim-<id>``, the anchors of the HTML report."""
    if date:
        date_range(date)  # schema.org wants ISO 8601: reject "yesterday" before writing
    if url_base and not safe_url(url_base):
        raise UsageError(f"--url-base {clip(url_base)} is not an http(s) address")
    views = views if views is not None else derive(corpus)
    graph = []
    for view in views.values():
        found = verdict(view, corpus)
        if found is None:
            continue
        name, explanation = found
        claim = view.claim
        doc = corpus.documents.get(claim.document)
        appearance: dict[str, Any] = {"@type": "CreativeWork", "name": (doc.title or doc.id) if doc else claim.document}
        if doc and safe_url(doc.url):
            appearance["url"] = safe_url(doc.url)  # javascript: and the like are dropped
        item: dict[str, Any] = {"@type": "Claim", "identifier": claim.id, "appearance": appearance}
        review: dict[str, Any] = {
            "@type": "ClaimReview",
            "identifier": claim.id,
            "claimReviewed": claim.text,
            "itemReviewed": item,
            "reviewRating": {"@type": "Rating", "alternateName": name, "ratingExplanation": explanation},
        }
        if doc and doc.language:
            review["inLanguage"] = doc.language
        if author:
            review["author"] = {"@type": "Organization", "name": author}
        if date:
            review["datePublished"] = date
        if url_base:
            review["url"] = f"{url_base}#claim-{claim.id}"
        graph.append(review)
    return {"@context": "https://schema.org", "@graph": graph}


# --- CSL-JSON ------------------------------------------------------------------

def csl_date(value: str) -> dict[str, Any]:
    """An ISO 8601 (possibly partial) date as a CSL date object."""
    try:
        return {"date-parts": [list(PartialDate.parse(value.strip()).parts())]}
    except DateError:
        return {"raw": value}


def csl_name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    return {k: v for k, v in (("family", name.family), ("given", name.given)) if v}


def _note_value(value: Any) -> str:
    if isinstance(value, str):
        return " ".join(value.split())
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def csl_item(ref: Reference) -> dict[str, Any]:
    """One reference as a CSL-JSON item."""
    item: dict[str, Any] = {"id": ref.id, "type": ref.type}
    if ref.title:
        item["title"] = ref.title
    if ref.author:
        item["author"] = [csl_name(n) for n in ref.author]
    if ref.editor:
        item["editor"] = [csl_name(n) for n in ref.editor]
    for key, value in (
        ("container-title", ref.container_title),
        ("publisher", ref.publisher),
        ("URL", safe_url(ref.url)),  # only web addresses: pandoc makes it a link
        ("page", ref.page),
        ("language", ref.language),
    ):
        if value:
            item[key] = value
    if ref.issued:
        item["issued"] = csl_date(ref.issued)
    if ref.accessed:
        item["accessed"] = csl_date(ref.accessed)
    note = []
    if ref.label:
        note.append(f"label: {ref.label}")
    if ref.document:
        note.append(f"document: {ref.document}")
    note += [f"{k}: {_note_value(v)}" for k, v in sorted(ref.custom.items())]
    if note:
        item["note"] = "\n".join(note)
    return item


def csl_json(corpus: Corpus, *, documents: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Every reference (of the given documents, or all) as CSL-JSON, by document then id."""
    docs = set(documents)
    refs = sorted(corpus.references.values(), key=lambda r: (r.document, r.id))
    return [csl_item(r) for r in refs if not docs or r.document in docs]


# --- CSV -----------------------------------------------------------------------

CSV_COLUMNS = (
    "id", "document", "section", "kind", "statuses", "cites", "labels", "covered_by",
    "markers", "dispute_kinds", "dates", "quantities", "line", "text",
)


def claim_row(view: ClaimView) -> dict[str, str]:
    c = view.claim
    return {
        "id": c.id,
        "document": c.document,
        "section": c.section,
        "kind": c.kind,
        "statuses": "; ".join(s for s in STATUSES if s in view.statuses),
        "cites": "; ".join(c.cites),
        "labels": "; ".join(view.labels),
        "covered_by": "; ".join(c.covered_by),
        "markers": "; ".join(d.marker for d in c.disputes),
        "dispute_kinds": "; ".join(d.kind for d in c.disputes),
        "dates": "; ".join(d.value for d in c.dates),
        "quantities": "; ".join(
            f"{q.value:g} {q.unit or ''}".strip() if q.value is not None else q.text for q in c.quantities
        ),
        "line": str(c.location.line),
        "text": c.text,
    }


# --- what the formats are written from -------------------------------------------


@dataclass(frozen=True)
class Export:
    """What ``factcheck export`` writes, in any of its formats (``report.exports``):
    the corpus, each claim's statuses, and ClaimReview's options."""

    corpus: Corpus
    views: Mapping[str, ClaimView]
    author: str | None = None
    date: str | None = None
    url_base: str | None = None
    csv_raw: bool = False  # CSV cells as stored (default: formula-safe)


def prepare(
    corpus: Corpus,
    *,
    author: str | None = None,
    date: str | None = None,
    url_base: str | None = None,
    csv_raw: bool = False,
) -> Export:
    """The export of ``corpus``; UsageError for a ``date`` that is not ISO 8601
    (schema.org wants one: "yesterday" is rejected before anything is written)."""
    if date:
        date_range(date)
    if url_base and not safe_url(url_base):
        raise UsageError(f"--url-base {clip(url_base)} is not an http(s) address")
    return Export(corpus, derive(corpus), author, date, url_base, csv_raw)


def write_claims_csv(views: Sequence[ClaimView] | Iterable[ClaimView], stream: IO[str], *, raw: bool = False) -> None:
    """Claims as CSV with a header row (RFC 4180 quoting, LF line ends).

    A cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``,
    ``@``, tab, CR first) gets a leading ``'``, unless ``raw``."""
    stream.write(csv_line(list(CSV_COLUMNS)))
    for view in views:
        row = claim_row(view)
        stream.write(csv_line([csv_cell(row[c], raw=raw) for c in CSV_COLUMNS]))

