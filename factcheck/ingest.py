"""Bringing a source document into a repository: copy it verbatim under
``sources/``, extract it, merge with the claims already reviewed, write the
claim and reference files atomically."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import FileError, UsageError
from factcheck.extract import Extraction, claim_id, document_id_from_name, extract_text
from factcheck.extract.merge import MergeResult, merge_claims, merge_references
from factcheck.model import NON_FACTUAL_KINDS, ClaimFile, ReferenceFile
from factcheck.store import SOURCES_DIR, Repository, read_claim_file, read_reference_file, write_claim_file, write_reference_file
from factcheck.yamlio import read_text

DOCUMENT_KINDS = ("wikipedia", "news", "blog", "other")


@dataclass(frozen=True)
class ExtractOptions:
    doc_id: str | None = None
    kind: str = "other"
    lang: str = "auto"
    title: str | None = None
    url: str | None = None
    retrieved: str | None = None


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


def read_source(path: Path) -> str:
    """A source document's text (UTF-8, BOM dropped, CRLF as LF), or a FileError."""
    if not path.is_file():
        raise FileError(str(path), "no such file")
    try:
        return read_text(path)
    except OSError as exc:
        raise FileError(str(path), f"cannot read: {exc.strerror or exc}") from None


def summarize(ex: Extraction) -> dict[str, int]:
    """The figures printed after an extraction."""
    factual = [c for c in ex.claims if c.kind not in NON_FACTUAL_KINDS]
    return {
        "claims": len(ex.claims),
        "cited": sum(1 for c in ex.claims if c.cites),
        "covered": sum(1 for c in factual if not c.cites and c.covered_by),
        "unsourced": sum(1 for c in factual if not c.cites and not c.covered_by),
        "non_factual": len(ex.claims) - len(factual),
        "disputed": sum(1 for c in ex.claims if c.disputes),
        "references": len(ex.references),
        "unknown_markers": len(ex.unknown_markers),
    }


def extract_file(source: Path, options: ExtractOptions, *, source_rel: str | None = None) -> Extraction:
    """Extract a file without touching any repository (``--dry-run``)."""
    if options.kind not in DOCUMENT_KINDS:
        raise UsageError(f"unknown document kind {options.kind!r}; use one of {', '.join(DOCUMENT_KINDS)}")
    text = read_source(source)
    doc_id = options.doc_id or document_id_from_name(source.stem)
    rel = source_rel or f"{SOURCES_DIR}/{doc_id}{source.suffix or '.txt'}"
    return extract_text(
        text,
        doc_id=doc_id,
        source=rel,
        kind=options.kind,
        lang=options.lang,
        title=options.title,
        url=options.url,
        retrieved=options.retrieved,
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _place_source(repo: Repository, source: Path, doc_id: str) -> tuple[Path, str]:
    """Where the verbatim copy lives; copy it there unless it already is.

    An existing different file at that place is never overwritten.
    """
    resolved = source.resolve()
    if resolved.parent == repo.sources_dir.resolve():
        return resolved, f"{SOURCES_DIR}/{resolved.name}"
    target = repo.sources_dir / f"{doc_id}{source.suffix or '.txt'}"
    if target.exists() and _digest(target) != _digest(source):
        raise UsageError(
            f"{target} already exists with different content; pick another --id or remove it first"
        )
    return target, f"{SOURCES_DIR}/{target.name}"


def ingest(repo: Repository, source: Path, options: ExtractOptions) -> IngestResult:
    """Extract ``source`` into ``repo``, keeping review work already on disk."""
    doc_id = options.doc_id or document_id_from_name(source.stem)
    options = ExtractOptions(**{**options.__dict__, "doc_id": doc_id})
    target, rel = _place_source(repo, source, doc_id)
    fresh = extract_file(source, options, source_rel=rel)

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

    if not target.exists():
        repo.sources_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    write_claim_file(claims_path, ClaimFile(document, merged.claims))
    write_reference_file(refs_path, ReferenceFile(doc_id, refs))
    return IngestResult(
        extraction=fresh,
        claims_path=claims_path,
        references_path=refs_path,
        source_path=target,
        merge=merged,
        references_added=refs_added,
        references_vanished=refs_vanished,
        written=True,
        counts=summarize(fresh),
    )
