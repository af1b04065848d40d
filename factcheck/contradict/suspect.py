"""Contradiction candidates become reviewable relations.

The detector (:func:`factcheck.contradict.candidates`) proposes pairs of
claims that look incompatible: of different documents, and with
``within=True`` also of one document.  Recording one adds an ``unreviewed``
contradicts relation to the first claim (``within_document: true`` when both
claims are of one document), which gives both claims the derived status
``suspected`` until a person sets the review to ``accepted`` (they are then
``contradicted``) or ``rejected``.  The relation's note names the kind and
the two aligned values, as written, that conflict.

A pair already joined by any relation, in either direction and in any review
state, is never proposed again: a rejection stays a rejection.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from factcheck.contradict import Candidate, candidates
from factcheck.model import Claim, ClaimFile, Relation
from factcheck.store import Corpus, read_claim_file, write_claim_file

__all__ = ["NOTE_PREFIX", "Suspicion", "record", "suspect"]

NOTE_PREFIX = "suspected by factcheck"


@dataclass(frozen=True)
class Suspicion:
    candidate: Candidate
    a: Claim
    b: Claim

    @property
    def note(self) -> str:
        v = self.candidate.verdict
        evidence = " vs ".join(v.evidence)
        return f"{NOTE_PREFIX}: {v.kind}" + (f" ({evidence})" if evidence else "")


def _related(corpus: Corpus) -> set[frozenset[str]]:
    return {frozenset((c.id, r.target)) for c in corpus.claims for r in c.relations}


def titles(corpus: Corpus) -> dict[str, str]:
    """Each document's title, which the scan reads for what the page is about."""
    return {d.id: d.title for d in corpus.documents.values() if d.title}


def suspect(corpus: Corpus, *, within: bool = False) -> list[Suspicion]:
    """New contradiction candidates: pairs not yet joined by any relation."""
    known = _related(corpus)
    out = []
    for cand in candidates(corpus.claims, within=within, titles=titles(corpus)):
        if frozenset((cand.a, cand.b)) in known:
            continue
        a, b = corpus.claim_by_id.get(cand.a), corpus.claim_by_id.get(cand.b)
        if a is not None and b is not None:
            out.append(Suspicion(cand, a, b))
    return out


def record(corpus: Corpus, suspicions: Sequence[Suspicion]) -> list[Path]:
    """Add an unreviewed contradicts relation for each suspicion; returns the files written.

    Each file is read again just before writing and only gains relations, so
    edits made since the corpus was loaded are kept.
    """
    file_of = {
        c.id: f.file for f in corpus.files if f.claims_file and f.file for c in f.claims_file.claims
    }
    by_path: dict[Path, list[Suspicion]] = {}
    for s in suspicions:
        if s.a.id in file_of:
            by_path.setdefault(file_of[s.a.id], []).append(s)
    written = []
    for path, items in sorted(by_path.items()):
        current = read_claim_file(path)
        adds: dict[str, list[Relation]] = {}
        for s in items:
            relation = Relation("contradicts", s.b.id, s.note, "unreviewed",
                                within_document=s.candidate.within_document)
            adds.setdefault(s.a.id, []).append(relation)
        claims = tuple(
            dataclasses.replace(c, relations=c.relations + tuple(adds[c.id])) if c.id in adds else c
            for c in current.claims
        )
        write_claim_file(path, ClaimFile(current.document, claims))
        written.append(path)
    return written
