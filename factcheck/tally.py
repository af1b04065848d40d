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
    from collections.abc import Iterable, Mapping, Sequence
    from typing import NamedTuple

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


def tally_groups(documents: Mapping[str, tuple[str, str]], groups: Iterable[tuple[str, Iterable[str], int]]) -> Stats:
    """:func:`tally` from (document, statuses, how many claims have both): a
    warm `stats` counts the kept rows grouped in SQL, not one by one."""
    return tally_counts(documents, count_groups(groups))


def count_groups(groups: Iterable[tuple[str, Iterable[str], int]]) -> dict[str, list[int]]:
    """document -> [claims, then the claims of each status in STATUSES order]
    from (document, statuses, claims) groups: what the index keeps per
    document for `stats` (:mod:`factcheck.rows`)."""
    at = {s: i for i, s in enumerate(STATUSES, 1)}
    by_doc: dict[str, list[int]] = {}
    for document, statuses, n in groups:
        mine = by_doc.get(document)
        if mine is None:
            mine = by_doc[document] = [0] * (len(STATUSES) + 1)
        mine[0] += n
        for s in statuses:
            mine[at[s]] += n  # a status not in STATUSES is a KeyError, as it always was
    return by_doc


def tally_counts(documents: Mapping[str, tuple[str, str]], counted: Mapping[str, Sequence[int]]) -> Stats:
    """:func:`tally` from :func:`count_groups`: every document (those with no
    claim count zero), by id, and the totals."""
    width = len(STATUSES) + 1
    zero = [0] * width
    rows = []
    for doc_id in sorted(documents.keys() | counted.keys()):
        row = counted.get(doc_id, zero)
        if len(row) != width:
            raise ValueError(f"{doc_id}: {len(row)} counts for {width} columns")
        title, language = documents.get(doc_id, ("", ""))
        rows.append(DocumentStats(doc_id, title, language, row[0], dict(zip(STATUSES, row[1:], strict=True))))
    every = [sum(column) for column in zip(*(counted.get(r.document, zero) for r in rows), strict=True)] if rows else zero
    total = DocumentStats("", "All documents", "", every[0], dict(zip(STATUSES, every[1:], strict=True)))
    return Stats(STATUSES, tuple(rows), total)
