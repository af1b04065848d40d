"""Claims counted per document and status (``factcheck stats``), from
(document, statuses) pairs: no claim object, no store.

Apart from :mod:`factcheck.status` (which re-exports it) so that a warm
`stats` counts what the index kept without loading the model (issue 9).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from factcheck.options import STATUSES


@dataclass(frozen=True)
class DocumentStats:
    """Counts for one document; ``document`` is empty for the totals."""

    document: str
    title: str
    language: str
    claims: int
    counts: dict[str, int]


@dataclass(frozen=True)
class Stats:
    """Claims and status counts per document (by id), and the totals (``factcheck stats``)."""

    statuses: tuple[str, ...]
    documents: tuple[DocumentStats, ...]
    total: DocumentStats


def tally(documents: Mapping[str, tuple[str, str]], claims: Iterable[tuple[str, frozenset[str]]]) -> Stats:
    """:func:`factcheck.status.stats` from the documents (id -> title, language) and each
    claim's (document, statuses): what the index keeps, without claim objects."""
    return tally_groups(documents, ((document, statuses, 1) for document, statuses in claims))


def tally_groups(documents: Mapping[str, tuple[str, str]], groups: Iterable[tuple[str, frozenset[str], int]]) -> Stats:
    """:func:`tally` from (document, statuses, how many claims have both): a
    warm `stats` counts the kept rows grouped in SQL, not one by one."""
    by_doc: dict[str, list[tuple[frozenset[str], int]]] = {doc_id: [] for doc_id in documents}
    every: list[tuple[frozenset[str], int]] = []
    for document, statuses, n in groups:
        by_doc.setdefault(document, []).append((statuses, n))
        every.append((statuses, n))
    rows = []
    for doc_id, mine in sorted(by_doc.items()):
        title, language = documents.get(doc_id, ("", ""))
        rows.append(DocumentStats(doc_id, title, language, sum(n for _, n in mine), _counts(mine)))
    total = DocumentStats("", "All documents", "", sum(n for _, n in every), _counts(every))
    return Stats(STATUSES, tuple(rows), total)


def _counts(statuses: Iterable[tuple[frozenset[str], int]]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for found, n in statuses:
        for s in found:
            counts[s] += n
    return counts
