"""Bringing a source document into a repository: copy it verbatim under
``sources/``, extract it, merge with the claims already reviewed, write the
claim and reference files as one transaction (``factcheck.lock``); the
caller holds the repository lock."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from factcheck.checks.date_format import problem_with as date_problem
from factcheck.errors import FileError, UsageError
from factcheck.extract import Extraction, claim_id, document_id_from_name, extract_text
from factcheck.extract.html import looks_like_html, read_html
from factcheck.extract.parts import Page
from factcheck.extract.wikitext import looks_like_wikitext, read_wikitext
from factcheck.extract.merge import MergeResult, merge_claims, merge_references
from factcheck.lock import commit
from factcheck.model import NON_FACTUAL_KINDS, Claim, ClaimFile, Reference, ReferenceFile
from factcheck.store import SOURCES_DIR, Repository, read_claim_file, read_reference_file, render_claim_file, render_reference_file
from factcheck.yamlio import read_text

DOCUMENT_KINDS = ("wikipedia", "news", "blog", "other")
SOURCE_FORMATS = ("auto", "text", "html", "wikitext")
_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".xhtml": "html", ".wiki": "wikitext",
                   ".wikitext": "wikitext", ".mediawiki": "wikitext"}


@dataclass(frozen=True)
class ExtractOptions:
    doc_id: str | None = None
    kind: str = "other"
    lang: str = "auto"
    title: str | None = None
    url: str | None = None
    retrieved: str | None = None
    source_format: str = "auto"


@dataclass
class IngestResult:
    extraction: Extraction
    claims_path: Path | None = None
    references_path: Path | None = None
    source_path: Path | None = None
    merge: MergeResult | None = None
    references_added: tuple[str, ...] = ()
    references_vanished: tuple[str, ...] = ()
    written: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    original_path: Path | None = None


def check_options(options: ExtractOptions) -> None:
    """Refuse option values that ``validate`` would reject once written."""
    if options.kind not in DOCUMENT_KINDS:
        raise UsageError(f"unknown document kind {options.kind!r}; use one of {', '.join(DOCUMENT_KINDS)}")
    if options.source_format not in SOURCE_FORMATS:
        raise UsageError(f"unknown source format {options.source_format!r}; use one of {', '.join(SOURCE_FORMATS)}")
    if options.retrieved is not None and (why := date_problem(options.retrieved)):
        raise UsageError(f"--retrieved: {why}")


def detect_format(path: Path, text: str) -> str:
    """text, html or wikitext: by content first (a saved page is often
    named .txt), then by the file's suffix."""
    if looks_like_html(text):
        return "html"
    if looks_like_wikitext(text):
        return "wikitext"
    return _SUFFIX_FORMATS.get(path.suffix.lower(), "text")


def read_page(source: Path, source_format: str = "auto") -> tuple[str, Page | None, str]:
    """The text claims anchor into, the page read from HTML or wikitext
    (None for plain text) and the format used."""
    raw = read_source(source)
    fmt = detect_format(source, raw) if source_format == "auto" else source_format
    if fmt == "html":
        page = read_html(raw)
    elif fmt == "wikitext":
        page = read_wikitext(raw)
    else:
        return raw, None, "text"
    return page.text, page, fmt


def read_source(path: Path) -> str:
    """A source document's text (UTF-8, BOM dropped, CRLF as LF), or a FileError."""
    if not path.is_file():
        raise FileError(str(path), "no such file")
    try:
        return read_text(path)
    except OSError as exc:
        raise FileError(str(path), f"cannot read: {exc.strerror or exc}") from None


def summarize(ex: Extraction, claims: Sequence[Claim] | None = None,
              references: Sequence[Reference] | None = None) -> dict[str, int]:
    """The figures printed after an extraction: of the merged file when
    ``claims``/``references`` are given, else of the fresh extraction."""
    claims = ex.claims if claims is None else claims
    references = ex.references if references is None else references
    factual = [c for c in claims if c.kind not in NON_FACTUAL_KINDS]
    uncited = [c for c in factual if not c.cites and not c.covered_by]
    return {
        "claims": len(claims),
        "cited": sum(1 for c in claims if c.cites),
        "covered": sum(1 for c in factual if not c.cites and c.covered_by),
        "attributed": sum(1 for c in uncited if c.attribution is not None),
        "unsourced": sum(1 for c in uncited if c.attribution is None),
        "non_factual": len(claims) - len(factual),
        "disputed": sum(1 for c in claims if c.disputes),
        "references": len(references),
        "unresolved": sum(1 for r in references if r.custom.get("unresolved")),
        "broken": sum(1 for r in references if r.custom.get("broken")),
        "unknown_markers": len(ex.unknown_markers),
    }


def extract_file(source: Path, options: ExtractOptions, *, source_rel: str | None = None,
                 original_rel: str | None = None) -> Extraction:
    """Extract a file without touching any repository (``--dry-run``)."""
    check_options(options)
    text, page, fmt = read_page(source, options.source_format)
    doc_id = options.doc_id or document_id_from_name(source.stem)
    if page is not None:
        rel = source_rel or f"{SOURCES_DIR}/{doc_id}.txt"
        original_rel = original_rel or f"{SOURCES_DIR}/{doc_id}{_original_suffix(source, fmt)}"
    else:
        rel = source_rel or f"{SOURCES_DIR}/{doc_id}{source.suffix or '.txt'}"
        original_rel = None
    return _extract(text, page, options, doc_id, rel, original_rel)


def _extract(text: str, page: Page | None, options: ExtractOptions, doc_id: str, rel: str,
             original_rel: str | None) -> Extraction:
    return extract_text(
        text,
        page=page,
        original=original_rel,
        doc_id=doc_id,
        source=rel,
        kind=options.kind,
        lang=options.lang,
        title=options.title,
        url=options.url,
        retrieved=options.retrieved,
    )


def _original_suffix(source: Path, fmt: str) -> str:
    """The suffix an HTML or wikitext original keeps under sources/: never
    ``.txt``, which names the normalized text beside it."""
    suffix = source.suffix.lower()
    return source.suffix if suffix in _SUFFIX_FORMATS else {"html": ".html", "wikitext": ".wiki"}[fmt]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _place_source(repo: Repository, source: Path, doc_id: str, suffix: str | None = None) -> tuple[Path, str]:
    """Where the verbatim copy lives; copy it there unless it already is.

    An existing different file at that place is never overwritten.
    """
    resolved = source.resolve()
    if resolved.parent == repo.sources_dir.resolve():
        return resolved, f"{SOURCES_DIR}/{resolved.name}"
    target = repo.sources_dir / f"{doc_id}{suffix or source.suffix or '.txt'}"
    if target.exists() and _digest(target) != _digest(source):
        raise UsageError(
            f"{target} already exists with different content; pick another --id or remove it first"
        )
    return target, f"{SOURCES_DIR}/{target.name}"


def _check_derived_text(repo: Repository, doc_id: str, target: Path, text: str, original_rel: str) -> None:
    """The rendered text of a page may replace only an earlier rendering of
    the same page, never a verbatim text source that happens to share its name."""
    if not target.exists() or target.read_text(encoding="utf-8") == text:
        return
    claims_path = repo.claim_path(doc_id)
    old = read_claim_file(claims_path) if claims_path.exists() else None
    if old is None or old.document.original != original_rel:
        raise UsageError(
            f"{target} already exists and is not the rendered text of {original_rel}; "
            "pick another --id or remove it first"
        )


def ingest(repo: Repository, source: Path, options: ExtractOptions) -> IngestResult:
    """Extract ``source`` into ``repo``, keeping review work already on disk."""
    check_options(options)
    doc_id = options.doc_id or document_id_from_name(source.stem)
    options = ExtractOptions(**{**options.__dict__, "doc_id": doc_id})
    text, page, fmt = read_page(source, options.source_format)
    if page is None:
        target, rel = _place_source(repo, source, doc_id)
        original: Path | None = None
        fresh = _extract(text, None, options, doc_id, rel, None)
    else:
        # The original stays verbatim; claims anchor into the normalized text
        # beside it, which is derived and so rewritten on every extraction.
        original, original_rel = _place_source(repo, source, doc_id, _original_suffix(source, fmt))
        target = original.with_suffix(".txt")
        rel = f"{SOURCES_DIR}/{target.name}"
        _check_derived_text(repo, doc_id, target, text, original_rel)
        fresh = _extract(text, page, options, doc_id, rel, original_rel)

    claims_path = repo.claim_path(doc_id)
    refs_path = repo.reference_path(doc_id)
    old_claims = read_claim_file(claims_path) if claims_path.exists() else None
    old_refs = read_reference_file(refs_path) if refs_path.exists() else None

    merged = merge_claims(
        old_claims.claims if old_claims else (), fresh.claims, new_id=lambda n: claim_id(doc_id, n)
    )
    refs, refs_added, refs_vanished = merge_references(old_refs.references if old_refs else (), fresh.references)
    # The document record on disk may carry a reviewer's title or url: keep it.
    document = old_claims.document if old_claims else fresh.document

    # One transaction (factcheck.lock.commit): the source copies, then the
    # references, then the claims, so that a kill between two renames leaves
    # claims whose source and cites exist.
    writes: list[tuple[Path, bytes]] = []
    if original is not None:
        if not original.exists():
            writes.append((original, source.read_bytes()))
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            writes.append((target, text.encode("utf-8")))
    elif not target.exists():
        writes.append((target, source.read_bytes()))
    writes.append((refs_path, render_reference_file(ReferenceFile(doc_id, refs)).encode("utf-8")))
    writes.append((claims_path, render_claim_file(ClaimFile(document, merged.claims)).encode("utf-8")))
    commit(repo.root, writes)
    return IngestResult(
        extraction=fresh,
        claims_path=claims_path,
        references_path=refs_path,
        source_path=target,
        merge=merged,
        references_added=refs_added,
        references_vanished=refs_vanished,
        written=True,
        counts=summarize(fresh, merged.claims, refs),
        original_path=original,
    )
