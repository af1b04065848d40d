"""Reviewing relations between claims: accept or reject candidates, relate claims by hand.

A relation lives on one claim (``relations:`` of the claim it starts from)
and names the other as ``target``.  The contradiction detector records
candidates as ``review: unreviewed``; a person settles each one as
``accepted`` or ``rejected``, stamped with ``reviewed: YYYY-MM-DD``.
A rejected pair stays in the file, so the detector never proposes it again
(``suspect`` skips every pair already joined by a relation).

Every verdict is written at once, to the one file that holds the relation,
read again just before the write (edits made meanwhile are kept) and written
by targeted edits (comments and layout kept, see ``yamlpatch``).
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Literal

from factcheck.errors import FileError, UsageError
from factcheck.model import Claim, ClaimFile, Document, Relation, RelationType
from factcheck.paths import source_file
from factcheck.store import Corpus, read_claim_file, write_claim_file
from factcheck.yamlio import read_text

Verdict = Literal["accepted", "rejected"]
_Change = Callable[[Relation | None], Relation]
RELATION_TYPES: tuple[RelationType, ...] = ("contradicts", "supports", "duplicates")


@dataclass(frozen=True)
class Pending:
    """An unreviewed relation: the claim that holds it, the relation, the claim it names."""

    claim: Claim
    relation: Relation
    other: Claim | None


@dataclass(frozen=True)
class Written:
    """What a review command changed: the file, the relation as written, and whether
    the file kept its comments and layout."""

    path: Path
    holder: str
    relation: Relation
    created: bool
    layout_kept: bool


def today() -> str:
    return datetime.date.today().isoformat()


def pending(corpus: Corpus) -> list[Pending]:
    """Unreviewed relations in file order, each pair once."""
    seen: set[frozenset[str]] = set()
    out = []
    for claim in corpus.claims:
        for rel in claim.relations:
            pair = frozenset((claim.id, rel.target))
            if rel.review != "unreviewed" or pair in seen:
                continue
            seen.add(pair)
            out.append(Pending(claim, rel, corpus.claim_by_id.get(rel.target)))
    return out


def _file_of(corpus: Corpus, claim_id: str) -> Path:
    for f in corpus.files:
        if f.claims_file and f.file and any(c.id == claim_id for c in f.claims_file.claims):
            return f.file
    raise UsageError(f"no claim {claim_id!r} in the repository")


def _claim(corpus: Corpus, claim_id: str) -> Claim:
    claim = corpus.claim_by_id.get(claim_id)
    if claim is None:
        raise UsageError(f"no claim {claim_id!r} in the repository (see factcheck list, factcheck search)")
    return claim


def _find(corpus: Corpus, a: str, b: str) -> tuple[str, str] | None:
    """(holder, target) of the relation joining a and b, in either direction."""
    for holder, target in ((a, b), (b, a)):
        claim = corpus.claim_by_id.get(holder)
        if claim and any(r.target == target for r in claim.relations):
            return holder, target
    return None


def _merge_note(old: str, note: str | None) -> str:
    if not note:
        return old
    return f"{old}; {note}" if old else note


def _rewrite(path: Path, holder: str, target: str, change: _Change) -> Written:
    """Apply ``change`` to the relation holder -> target in the file as it is now."""
    current = read_claim_file(path)
    claims = list(current.claims)
    for i, c in enumerate(claims):
        if c.id != holder:
            continue
        rels = list(c.relations)
        j = next((k for k, r in enumerate(rels) if r.target == target), None)
        new_rel = change(rels[j] if j is not None else None)
        if j is None:
            rels.append(new_rel)
        else:
            rels[j] = new_rel
        claims[i] = dataclasses.replace(c, relations=tuple(rels))
        kept = write_claim_file(path, ClaimFile(current.document, tuple(claims)))
        return Written(path, holder, new_rel, j is None, kept)
    raise UsageError(f"{path}: claim {holder!r} is no longer in the file")


def set_review(
    corpus: Corpus, a: str, b: str, verdict: Verdict, *, note: str | None = None, date: str | None = None
) -> Written:
    """Accept or reject the relation joining claims ``a`` and ``b`` (either direction)."""
    _claim(corpus, a)
    found = _find(corpus, a, b)
    if found is None:
        raise UsageError(
            f"no relation joins {a} and {b}; record one with: factcheck relate {a} {b} --contradicts (or --supports, --duplicates)"
        )
    holder, target = found

    def change(rel: Relation | None) -> Relation:
        if rel is None:  # removed from the file since the corpus was read
            raise UsageError(f"no relation joins {a} and {b} any more; run factcheck review again")
        return dataclasses.replace(rel, review=verdict, reviewed=date or today(), note=_merge_note(rel.note, note))

    return _rewrite(_file_of(corpus, holder), holder, target, change)


def relate(
    corpus: Corpus, a: str, b: str, rtype: RelationType, *, note: str | None = None, date: str | None = None
) -> Written:
    """Record that claim ``a`` contradicts, supports or duplicates claim ``b``.

    A person saying so is a review: the relation is written ``accepted``.  When a
    relation already joins the pair (a candidate, or one the other way round),
    that one is updated rather than a second one added.
    """
    if rtype not in RELATION_TYPES:
        raise UsageError(f"unknown relation type {rtype!r}; use one of {', '.join(RELATION_TYPES)}")
    if a == b:
        raise UsageError(f"a claim cannot be related to itself ({a})")
    ca, cb = _claim(corpus, a), _claim(corpus, b)
    holder, target = _find(corpus, a, b) or (a, b)
    same_document = ca.document == cb.document

    def change(rel: Relation | None) -> Relation:
        base = rel or Relation(rtype, target)
        return dataclasses.replace(
            base,
            type=rtype,
            review="accepted",
            reviewed=date or today(),
            note=_merge_note(base.note, note),
            # Saying so by hand is what the contradicts-same-document rule asks for.
            within_document=base.within_document or (rtype == "contradicts" and same_document),
        )

    return _rewrite(_file_of(corpus, holder), holder, target, change)


# --- what the interactive review shows ------------------------------------------


@dataclass(frozen=True)
class Context:
    """A claim with what surrounds it in its source: text before and after on its lines."""

    before: str
    after: str


def source_context(root: Path, document: Document | None, claim: Claim, *, width: int = 120) -> Context:
    """Up to ``width`` characters of source before and after the claim, on its own lines."""
    if document is None:
        return Context("", "")
    try:
        lines = read_text(source_file(root, document.source)).split("\n")  # the one path rule
    except (OSError, FileError, UsageError):  # context is a courtesy; the anchored rule reports bad sources
        return Context("", "")
    span = claim.location
    if not (1 <= span.line <= len(lines) and 1 <= span.end_line <= len(lines)):
        return Context("", "")
    before = lines[span.line - 1][: span.column - 1].strip()
    after = lines[span.end_line - 1][span.end_column - 1 :].strip()
    if len(before) > width:
        before = "…" + before[-width:]
    if len(after) > width:
        after = after[:width] + "…"
    return Context(before, after)
