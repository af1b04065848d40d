"""Claims counted per document and status (``factcheck stats``), from
(document, statuses) pairs: no claim object, no store.

Apart from :mod:`factcheck.status` (which re-exports it) so that a warm
`stats` counts what the index kept without loading the model (issue 9).
"""

from __future__ import annotations

from collections import namedtuple

from factcheck.options import STATUSES

# typing and dataclasses are not imported (a tenth of a first `stats
# --format json` each; see factcheck.direct): the values are named tuples,
# declared typed for the type checker only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any, NamedTuple

    class _DocumentStats(NamedTuple):
        document: str
        title: str
        language: str
        claims: int
        counts: dict[str, int]

    class _Stats(NamedTuple):
        statuses: tuple[str, ...]
        documents: tuple[DocumentStats, ...]
        total: DocumentStats
else:
    _DocumentStats = namedtuple("_DocumentStats", "document title language claims counts")
    _Stats = namedtuple("_Stats", "statuses documents total")


class DocumentStats(_DocumentStats):
    """Counts for one document (``counts``: status -> claims); ``document`` is empty for the totals."""

    __slots__ = ()


class Stats(_Stats):
    """Claims and status counts per document (by id), and the totals (``factcheck stats``)."""

    __slots__ = ()


def tally(documents: Mapping[str, tuple[str, str]], claims: Iterable[tuple[str, frozenset[str]]]) -> Stats:
    """:func:`factcheck.status.stats` from the documents (id -> title, language) and each
    claim's (document, statuses): what the index keeps, without claim objects."""
    return tally_groups(documents, ((document, statuses, 1) for document, statuses in claims))


def tally_groups(documents: Mapping[str, tuple[str, str]], groups: Iterable[tuple[str, frozenset[str], int]]) -> Stats:
    """:func:`tally` from (document, statuses, how many claims have both): a
    warm `stats` counts the kept rows grouped in SQL, not one by one."""
    zero = dict.fromkeys(STATUSES, 0)
    # document -> [claims, counts]; counted in one pass (a tenth of a first
    # `stats --format json` of 1,000 documents was two).
    by_doc: dict[str, list[Any]] = {doc_id: [0, zero.copy()] for doc_id in documents}
    for document, statuses, n in groups:
        mine = by_doc.get(document)
        if mine is None:
            mine = by_doc[document] = [0, zero.copy()]
        mine[0] += n
        counts = mine[1]
        for s in statuses:
            counts[s] += n  # a status not in STATUSES is a KeyError, as it always was
    rows = []
    total, every = 0, zero.copy()
    for doc_id, (claims, counts) in sorted(by_doc.items()):
        title, language = documents.get(doc_id, ("", ""))
        rows.append(DocumentStats(doc_id, title, language, claims, counts))
        total += claims
        for s, n in counts.items():
            every[s] += n
    return Stats(STATUSES, tuple(rows), DocumentStats("", "All documents", "", total, every))
