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
    from typing import Any, NamedTuple

    class _DocumentStats(NamedTuple):
        document: str
        title: str
        language: str
        claims: int
        counts: dict[str, int]

    class _Stats(NamedTuple):
        statuses: tuple[str, ...]
        ids: Sequence[str]
        titles: Sequence[str]
        languages: Sequence[str]
        claims: Sequence[int]
        columns: Sequence[Sequence[int]]
        total: DocumentStats
else:
    _DocumentStats = namedtuple("_DocumentStats", "document title language claims counts")
    _Stats = namedtuple("_Stats", "statuses ids titles languages claims columns total")


class DocumentStats(_DocumentStats):
    """Counts for one document (``counts``: status -> claims); ``document`` is empty for the totals."""

    __slots__ = ()


class Stats(_Stats):
    """Claims and status counts per document, column by column, and the
    totals (``factcheck stats``): the documents' ``ids`` in order, with their
    ``titles``, ``languages`` and ``claims``, and one column of counts per
    status of ``statuses`` (``columns``).

    Columns, not a record per document: a warm `stats` reads them as the
    index keeps them and draws its table a column at a time, with no object
    made per document (issue 9: building 1,000 records was ~2.5 ms of a
    first answer's ~20 ms).  :attr:`documents` gives the records for those who read them."""

    __slots__ = ()

    @property
    def documents(self) -> tuple[DocumentStats, ...]:
        """One record per document, in order."""
        statuses = self.statuses
        return tuple(DocumentStats(doc_id, title, language, claims, dict(zip(statuses, counts, strict=True)))
                     for doc_id, title, language, claims, *counts
                     in zip(self.ids, self.titles, self.languages, self.claims, *self.columns, strict=True))

    def as_kept(self) -> list[Any]:
        """The columns as the index keeps them (JSON): :func:`from_columns` reads them back."""
        return [list(self.ids), list(self.titles), list(self.languages), list(self.claims), [list(c) for c in self.columns]]


def from_columns(ids: Sequence[str], titles: Sequence[str], languages: Sequence[str], claims: Sequence[int],
                 columns: Sequence[Sequence[int]]) -> Stats:
    """The :class:`Stats` of these columns, its totals summed (ValueError or
    TypeError when they are not columns of counts of :data:`STATUSES`)."""
    if len(columns) != len(STATUSES) or any(len(c) != len(ids) for c in (titles, languages, claims, *columns)):
        raise ValueError(f"{len(columns)} columns of counts for {len(STATUSES)} statuses, or columns of other lengths")
    every = [sum(column) for column in (claims, *columns)]
    total = DocumentStats("", "All documents", "", every[0], dict(zip(STATUSES, every[1:], strict=True)))
    return Stats(STATUSES, ids, titles, languages, claims, columns, total)


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
    ids = sorted(documents.keys() | counted.keys())
    rows = [counted.get(doc_id, zero) for doc_id in ids]
    for doc_id, row in zip(ids, rows, strict=True):
        if len(row) != width:
            raise ValueError(f"{doc_id}: {len(row)} counts for {width} columns")
    named = [documents.get(doc_id, ("", "")) for doc_id in ids]
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]
    return from_columns(ids, [title for title, _ in named], [language for _, language in named], columns[0], columns[1:])
