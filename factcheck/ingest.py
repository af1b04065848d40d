"""Bringing a source document into a repository: copy it verbatim under
``sources/``, extract it, merge with the claims already reviewed, write the
claim and reference files as one transaction (``factcheck.lock``); the
caller holds the repository lock."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from factcheck.checks.date_format import problem_with as date_problem
from factcheck.errors import FileError, UsageError
from factcheck.extract import Extraction, claim_id, document_id_from_name, extract_text
from factcheck.extract.html import looks_like_html, read_html
from factcheck.extract.merge import MergeResult, merge_claims, merge_references
from factcheck.extract.parts import Page
from factcheck.extract.wikitext import looks_like_wikitext, read_wikitext
from factcheck.lock import commit
from factcheck.model import NON_FACTUAL_KINDS, Claim, ClaimFile, Document, Reference, ReferenceFile
from factcheck.reanchor import Reanchored, reanchor
from factcheck.safety import clip
from factcheck.store import (
    SOURCES_DIR,
    Repository,
    display_path,
    read_claim_file,
    read_reference_file,
    render_kept,
)
from factcheck.yamlio import cannot_write, read_text

DOCUMENT_KINDS = ("wikipedia", "news", "blog", "other")
SOURCE_FORMATS = ("auto", "text", "html", "wikitext")
_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".xhtml": "html", ".wiki": "wikitext",
                   ".wikitext": "wikitext", ".mediawiki": "wikitext"}
# The id names files (claims/<id>.yaml): "../x" once wrote both files to the
# same path outside claims/, the references overwriting the claims.
_DOC_ID = re.compile(r"^\w[\w.-]*$")


@dataclass(frozen=True)
class ExtractOptions:
    doc_id: str | None = None
    kind: str = "other"
    lang: str = "auto"
    title: str | None = None
    url: str | None = None
    retrieved: str | None = None
    source_format: str = "auto"
    # A revised version of the document: replace its source and re-anchor.
    update: bool = False
    # Document options the user gave (kind, title, url, retrieved, lang): they
    # update the document record on disk; defaults never do.
    given: frozenset[str] = frozenset()


@dataclass
class IngestResult:
    """What an extraction found and wrote (or, in a dry run, would write)."""

    extraction: Extraction
    claim_file: ClaimFile | None = None  # the files as written: the extraction merged with the review on disk
    reference_file: ReferenceFile | None = None
    claims_path: Path | None = None
    references_path: Path | None = None
    source_path: Path | None = None
    merge: MergeResult | None = None
    references_added: tuple[str, ...] = ()
    references_vanished: tuple[str, ...] = ()
    written: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    original_path: Path | None = None
    reanchored: Reanchored | None = None
    source_replaced: bool = False
    document_updated: tuple[str, ...] = ()  # document fields set from explicit options
    layout_lost: tuple[Path, ...] = ()  # files rewritten whole (comments could not be kept)


def check_options(options: ExtractOptions) -> None:
    """Refuse option values that ``validate`` would reject once written."""
    if options.kind not in DOCUMENT_KINDS:
        raise UsageError(f"unknown document kind {options.kind!r}; use one of {', '.join(DOCUMENT_KINDS)}")
    if options.source_format not in SOURCE_FORMATS:
        raise UsageError(f"unknown source format {options.source_format!r}; use one of {', '.join(SOURCE_FORMATS)}")
    if options.retrieved is not None and (why := date_problem(options.retrieved)):
        raise UsageError(f"--retrieved: {why}")
    if options.doc_id is not None and not _DOC_ID.match(options.doc_id):
        raise UsageError(
            f"bad document id {clip(options.doc_id)}: use letters, digits, '-', '_' and '.', starting with a letter or digit"
        )


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


def _place_source(
    repo: Repository, source: Path, doc_id: str, suffix: str | None = None, *, update: bool = False, current: str | None = None
) -> tuple[Path, str]:
    """Where the verbatim copy lives: the place the document's record names
    (``current``) when it has one, else sources/<id><suffix>.

    An existing different file at that place is overwritten only for ``update``.
    """
    resolved = source.resolve()
    if resolved.parent == repo.sources_dir.resolve():
        return resolved, f"{SOURCES_DIR}/{resolved.name}"
    rel = current or f"{SOURCES_DIR}/{doc_id}{suffix or source.suffix or '.txt'}"
    target = repo.root / rel
    if not target.resolve().is_relative_to(repo.sources_dir.resolve()):
        # The record names a place outside sources/ (the source-path rule says so):
        # never write there.
        raise UsageError(f"the document's source {rel!r} is not under {SOURCES_DIR}/; fix the document record first")
    if target.exists() and not update and _digest(target) != _digest(source):
        raise UsageError(
            f"{display_path(target)} already exists with different content; for a revised version of the "
            f"document add --update (claims follow their text, review work is kept), else pick another --id"
        )
    return target, rel


def _differs(target: Path, source: Path) -> bool:
    """Whether ``target`` exists as another file with other bytes than ``source``."""
    return target.exists() and target.resolve() != source.resolve() and _digest(target) != _digest(source)


_DOCUMENT_OPTIONS = {"kind": "kind", "title": "title", "url": "url", "retrieved": "retrieved", "lang": "language"}


def _document(old: Document | None, fresh: Document, given: frozenset[str]) -> tuple[Document, tuple[str, ...]]:
    """The record on disk wins (a reviewer's title or url), except for options
    the user gave on this run."""
    if old is None:
        return fresh, ()
    changes = {
        field_name: getattr(fresh, field_name)
        for option, field_name in _DOCUMENT_OPTIONS.items()
        if option in given and getattr(fresh, field_name) != getattr(old, field_name)
    }
    return (dataclasses.replace(old, **changes), tuple(changes)) if changes else (old, ())


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


def ingest(repo: Repository, source: Path, options: ExtractOptions, *, dry_run: bool = False) -> IngestResult:
    """Extract ``source`` into ``repo``, keeping review work already on disk.

    A dry run does everything but write: its result is what a real run
    would write, with ``written`` false."""
    check_options(options)
    doc_id = options.doc_id or document_id_from_name(source.stem)
    options = dataclasses.replace(options, doc_id=doc_id)
    claims_path = repo.claim_path(doc_id)
    refs_path = repo.reference_path(doc_id)
    old_claims = read_claim_file(claims_path) if claims_path.exists() else None
    old_refs = read_reference_file(refs_path) if refs_path.exists() else None
    if options.update and old_claims is None:
        raise UsageError(
            f"--update: there is no document {doc_id!r} yet ({display_path(claims_path)}); leave --update out for a first extraction"
        )
    old_doc = old_claims.document if old_claims else None
    text, page, fmt = read_page(source, options.source_format)
    if page is None:
        current = old_doc.source if old_doc and not old_doc.original else None
        target, rel = _place_source(repo, source, doc_id, update=options.update, current=current)
        original: Path | None = None
        replaced = _differs(target, source)
        fresh = _extract(text, None, options, doc_id, rel, None)
    else:
        # The original stays verbatim; claims anchor into the normalized text
        # beside it, which is derived and so rewritten on every extraction.
        current = old_doc.original if old_doc else None
        original, original_rel = _place_source(
            repo, source, doc_id, _original_suffix(source, fmt), update=options.update, current=current
        )
        target = original.with_suffix(".txt")
        rel = f"{SOURCES_DIR}/{target.name}"
        replaced = _differs(original, source)
        if not options.update:
            _check_derived_text(repo, doc_id, target, text, original_rel)
        fresh = _extract(text, page, options, doc_id, rel, original_rel)

    def new_id(n: int) -> str:
        return claim_id(doc_id, n)

    reanchored: Reanchored | None = None
    if options.update:
        assert old_claims is not None
        reanchored = reanchor(old_claims.claims, fresh.claims, text, new_id=new_id, date=datetime.date.today().isoformat())
        merged = MergeResult(
            claims=reanchored.claims,
            added=reanchored.added,
            kept=tuple(sorted(reanchored.unchanged + reanchored.moved + reanchored.changed)),
            vanished=reanchored.vanished,
            filled=(),
        )
    else:
        merged = merge_claims(old_claims.claims if old_claims else (), fresh.claims, new_id=new_id)
    refs, refs_added, refs_vanished = merge_references(old_refs.references if old_refs else (), fresh.references)
    document, document_updated = _document(old_doc, fresh.document, options.given)

    claim_file = ClaimFile(document, merged.claims)
    reference_file = ReferenceFile(doc_id, refs)
    lost: tuple[Path, ...] = ()
    if not dry_run:
        lost = _write(
            repo, source, (target, text, original), (claims_path, claim_file), (refs_path, reference_file), replace=replaced
        )
    return IngestResult(
        extraction=fresh,
        claim_file=claim_file,
        reference_file=reference_file,
        claims_path=claims_path,
        references_path=refs_path,
        source_path=target,
        merge=merged,
        references_added=refs_added,
        references_vanished=refs_vanished,
        written=not dry_run,
        counts=summarize(fresh, merged.claims, refs),
        original_path=original,
        reanchored=reanchored,
        source_replaced=replaced and not dry_run,
        document_updated=document_updated,
        layout_lost=lost,
    )


def _write(
    repo: Repository,
    source: Path,
    placed: tuple[Path, str, Path | None],
    claims: tuple[Path, ClaimFile],
    references: tuple[Path, ReferenceFile],
    *,
    replace: bool = False,
) -> tuple[Path, ...]:
    """The source (verbatim, and for a page its rendered text beside it; a
    revised one replaces the old), then the claim and reference files.
    Returns the files that had to be rewritten whole (comments lost)."""
    target, text, original = placed
    # One transaction (factcheck.lock.commit): the source copies, then the
    # references, then the claims, so that a kill between two renames leaves
    # claims whose source and cites exist.  The claim and reference files are
    # edited in place where they can be (``store.render_kept``: comments kept).
    try:
        writes: list[tuple[Path, bytes]] = []
        if original is not None:
            if not original.exists() or replace:
                writes.append((original, source.read_bytes()))
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                writes.append((target, text.encode("utf-8")))
        elif not target.exists() or replace:
            writes.append((target, source.read_bytes()))
        refs_text, refs_kept = render_kept(references[0], references[1], "references")
        claims_text, claims_kept = render_kept(claims[0], claims[1], "claims")
        writes.append((references[0], refs_text.encode("utf-8")))
        writes.append((claims[0], claims_text.encode("utf-8")))
        commit(repo.root, writes)
    except OSError as exc:
        raise cannot_write(Path(exc.filename) if exc.filename else target, exc) from None
    lost = [path for path, kept in ((claims[0], claims_kept), (references[0], refs_kept)) if not kept]
    return tuple(lost)
