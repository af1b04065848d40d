"""Extraction: a source document's text becomes a Document, Claims and References.

    page.html --html.read_html-->  Page (browser-copy-shaped text + URLs, dates, banners)
    page.wiki --wikitext.read_wikitext--> Page (text + citation-template fields)
    text -> segment (sentences, markers, sections, reference-list blocks)
         -> references (the reference list, CSL fields; a Page's fields win;
            a placeholder for each cited label with no entry)
         -> claims (cites, disputes, paragraph coverage, attribution, dates,
            quantities; a cut-off last sentence is a fragment)

``extract_text`` is pure: it reads no file and writes none.  ``merge`` folds a
fresh extraction into the claims a reviewer has already edited.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, replace
from dataclasses import fields as dc_fields
from typing import Any, Sequence

from factcheck.extract.attribution import find_attribution
from factcheck.extract.dates import DateContext, find_dates
from factcheck.extract.parts import Marker, Page, Segment, Segmentation
from factcheck.extract.quantities import find_quantities
from factcheck.extract.references import parse_references, placeholder_reference, reference_id
from factcheck.extract.segment import detect_language, segment
from factcheck.model import NON_FACTUAL_KINDS, Claim, Dispute, Document, Reference, Span
from factcheck.schema import field_key

__all__ = ["Extraction", "extract_text", "claim_id", "document_id_from_name"]


@dataclass(frozen=True)
class Extraction:
    """What one run of the extractor found in one document."""

    document: Document
    claims: tuple[Claim, ...]
    references: tuple[Reference, ...]
    unknown_markers: tuple[Marker, ...] = ()
    warnings: tuple[str, ...] = ()  # what a person should know: labels with no entry, ...


def claim_id(doc_id: str, n: int) -> str:
    """The id of the n-th claim (1-based) first extracted from a document."""
    return f"{doc_id}-{n:03d}"


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def document_id_from_name(name: str) -> str:
    """A document id from a file name: lower-case ASCII letters, digits and dashes."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))  # é -> e
    slug = _SLUG_DROP.sub("-", bare.lower()).strip("-")
    return slug or "document"


class _Lines:
    """Offsets in a text to 1-based line and column (code points)."""

    def __init__(self, text: str):
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def span(self, start: int, end: int) -> Span:
        line, col = self.at(start)
        end_line, end_col = self.at(max(start, end - 1))
        return Span(line, col, end_line, end_col + 1)


def _cited_labels(seg: Segment) -> list[str]:
    labels: list[str] = []
    for m in seg.markers:
        if m.kind in ("cite", "note") and m.label and m.label not in labels:
            labels.append(m.label)
    return labels


def _coverage(segments: Sequence[Segment], cites: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Wikipedia's convention: a citation at the end of a paragraph covers the
    uncited sentences before it in that paragraph.

    A dispute marker ("[citation needed]", "[要検証]") sits where a footnote
    would: it closes the run, so the sentence it tags (and those before it)
    are not covered by a citation further on."""
    covered: list[tuple[str, ...]] = [()] * len(segments)
    pending: list[int] = []
    for i, seg in enumerate(segments):
        if pending and segments[pending[0]].paragraph != seg.paragraph:
            pending = []
        if seg.infobox:
            continue
        if cites[i]:
            for j in pending:
                covered[j] = cites[i]
            pending = []
        elif any(m.kind in ("dispute", "unknown") for m in seg.markers):
            pending = []
        elif seg.kind not in NON_FACTUAL_KINDS:
            pending.append(i)
    return covered


def extract_text(
    text: str,
    *,
    doc_id: str,
    source: str,
    kind: str = "other",
    lang: str = "auto",
    title: str | None = None,
    url: str | None = None,
    retrieved: str | None = None,
    page: Page | None = None,
    original: str | None = None,
) -> Extraction:
    """Extract a document's claims and references from its text.

    ``text`` should be the file's text with a BOM removed and CRLF turned into
    LF (``yamlio.read_text``), so that locations agree with what the
    validator reads.  ``page`` is what an HTML or wikitext reader knew
    beyond ``text`` (which is then ``page.text``): reference URLs and CSL
    fields, dispute dates, banners, the title.
    """
    if lang == "auto":
        language = page.language if page is not None and page.language else detect_language(text)
    else:
        language = lang
    seg: Segmentation = segment(text, language)
    references = tuple(parse_references(text, seg.blocks, doc_id))
    if page is not None:
        references = _with_page_fields(references, page)
    known = {r.label: r.id for r in references if r.label}
    lines = _Lines(text)

    segments = _drop_repeats(seg.segments)
    references, warnings = _with_placeholders(references, segments, doc_id)
    known = {r.label: r.id for r in references if r.label}
    cites = [tuple(known[label] for label in _cited_labels(s)) for s in segments]
    covered = _coverage(segments, cites)
    fragment = _cut_off_tail(text, segments)
    dispute_dates = _dispute_dates(segments, page)
    context = DateContext()
    claims = []
    for n, (s, cited, cover) in enumerate(zip(segments, cites, covered, strict=True), start=1):
        dates, next_context = find_dates(s.text, None if s.infobox else context)
        if not s.infobox:
            context = next_context
        claims.append(
            Claim(
                id=claim_id(doc_id, n),
                text=s.text,
                location=lines.span(s.start, s.end),
                section=s.section,
                kind="fragment" if n - 1 == fragment else s.kind,
                cites=cited,
                covered_by=cover,
                disputes=tuple(
                    Dispute(m.raw, m.dispute_kind or "unknown", m.date or dispute_dates.get(m.start))
                    for m in s.markers if m.kind in ("dispute", "unknown")
                ),
                attribution=None if s.infobox else find_attribution(s.text, language),
                dates=tuple(dates),
                quantities=tuple(find_quantities(s.text)),
                document=doc_id,
            )
        )
    document = Document(
        id=doc_id,
        source=source,
        original=original,
        title=title or (page.title if page is not None else None) or seg.title or doc_id,
        kind=kind,  # type: ignore[arg-type]
        language=language,
        url=url,
        retrieved=retrieved,
        banners=tuple(dict.fromkeys(seg.banners + (page.banners if page is not None else ()))),
    )
    return Extraction(document, tuple(claims), references, seg.unknown_markers, warnings)


def _merge_fields(ref: Reference, fields: dict[str, object]) -> Reference:
    """``ref`` with the fields a page's structure gave (they win: a URL from an
    href or a title from {{cite web}} is surer than one read from text)."""
    by_key = {field_key(f): f.name for f in dc_fields(Reference)}
    if "type" in fields:
        # a citation template's fields describe the whole work: they replace
        # what was read from its rendered text (which stays in custom.raw)
        ref = Reference(id=ref.id, label=ref.label, custom={"raw": ref.custom.get("raw", "")} if ref.custom.get("raw") else {},
                        document=ref.document)
    changes: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "custom" and isinstance(value, dict):
            changes["custom"] = {**ref.custom, **value}
        elif key in by_key and value not in (None, "", ()):
            changes[by_key[key]] = value
    return replace(ref, **changes) if changes else ref


def _with_page_fields(references: tuple[Reference, ...], page: Page) -> tuple[Reference, ...]:
    bib = iter(page.bibliography_fields)
    out = []
    for ref in references:
        if ref.label is not None and ref.label in page.reference_fields:
            ref = _merge_fields(ref, page.reference_fields[ref.label])
        elif ref.label is None:
            extra = next(bib, None)
            if extra:
                ref = _merge_fields(ref, extra)
        out.append(ref)
    return tuple(out)


def _dispute_dates(segments: Sequence[Segment], page: Page | None) -> dict[int, str]:
    """Offset of a dispute marker -> the date its template carried: the
    page's dated markers matched in order to the markers of the text."""
    if page is None or not page.dispute_dates:
        return {}
    wanted = list(page.dispute_dates)
    out: dict[int, str] = {}
    markers = [m for s in segments for m in s.markers if m.kind in ("dispute", "unknown")]
    k = 0
    for shown, date in wanted:
        for j in range(k, len(markers)):
            if markers[j].raw == shown:
                out[markers[j].start] = date
                k = j + 1
                break
    return out


def _with_placeholders(
    references: tuple[Reference, ...], segments: Sequence[Segment], doc_id: str
) -> tuple[tuple[Reference, ...], tuple[str, ...]]:
    """The references plus a placeholder for each label cited with no entry,
    and the warning that names those labels."""
    known = {r.label for r in references if r.label}
    taken = {r.id for r in references}
    missing: list[str] = []
    for s in segments:
        for label in _cited_labels(s):
            if label not in known and label not in missing and reference_id(doc_id, label) not in taken:
                missing.append(label)
    if not missing:
        return references, ()
    added = tuple(placeholder_reference(doc_id, label) for label in missing)
    shown = ", ".join(f"[{label}]" for label in missing)
    warning = (
        f"{len(missing)} cited label{'s' if len(missing) > 1 else ''} with no reference entry "
        f"(recorded as unresolved placeholders): {shown}"
    )
    return references + added, (warning,)


_FOLD_WS = re.compile(r"\s+")


def _drop_repeats(segments: Sequence[Segment]) -> tuple[Segment, ...]:
    """Each statement once: a photo caption a news page prints twice (under
    the picture and in the gallery) is one claim, not two.  A repeat that
    cites something the first did not is kept: it adds a source."""
    seen: dict[str, set[str]] = {}
    out: list[Segment] = []
    for s in segments:
        key = _FOLD_WS.sub(" ", s.text).strip().casefold()
        labels = set(_cited_labels(s))
        if key in seen and labels <= seen[key]:
            continue
        seen.setdefault(key, set()).update(labels)
        out.append(s)
    return tuple(out)


_SENTENCE_END = re.compile(r"[。．.!?！？…」』\"”’)）:：]\s*$")


def _cut_off_tail(text: str, segments: Sequence[Segment]) -> int | None:
    """The index of the last segment when the copy stops inside it: the page
    was cut off mid-sentence, so what is left states nothing whole."""
    prose = [i for i, s in enumerate(segments) if not s.infobox]
    if not prose:
        return None
    last = segments[prose[-1]]
    if text[last.end :].strip() or _SENTENCE_END.search(last.text):
        return None
    return prose[-1]
