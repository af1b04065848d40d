"""What the cross-file rules need from each file, as rows of the index's tables.

The rules that span files (unique ids, cites that resolve, relation targets
that exist, references somebody cites ...) need only a few facts per claim:
its id, what it cites, what its relations point at, where each of those
stands in its file.  :func:`extract` takes them from one file's values when
the index reads it, following exactly what the rules' ``check`` reads through
:class:`~factcheck.checks.context.Context` (well-formed entries only, ids
that are strings, the document id or the file's stem); the rules' ``check_index``
then ask the tables in SQL, so a warm ``validate`` never decodes the values
of files that did not change.

Tables (every row carries the root-relative ``path`` of its file):

=============  ==============================================================
``fdocs``      one row a file: its stem, document id (as Context tells it:
               NULL when the file's values are not a mapping), the written
               document id and its position, and whether its entries could
               not be read (``broken``: the cross-file rules stay quiet about
               ids that might live there)
``items``      each claim or reference entry with a string id: kind, entry
               index, id, document, position of the id
``cites``      each string of a claim's ``cites``/``covered_by`` and each
               reference's ``custom.see``: entry index, document, key, list
               index, the id cited, its position
``relations``  each well-formed relation with a string target: entry index,
               document, list index, target, type, whether within_document
               is true, the position of the relation and of its target
``mentions``   every string under a claim's non-prose fields (and each
               ``custom.see``), once a file: what ``unused-reference`` counts
               as a citation
=============  ==============================================================

Plus, per file, its entries' anchors (start line, id, ``suppress:`` names and
their positions) for the suppressions, as a blob on the ``files`` row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from factcheck.checks.unused_reference import PROSE as _PROSE  # what it does not read as a citation
from factcheck.checks.unused_reference import add_strings
from factcheck.store import LoadedFile
from factcheck.yamlio import Located

SCHEMA = """
CREATE TABLE fdocs (
    path TEXT PRIMARY KEY, kind TEXT NOT NULL, stem TEXT NOT NULL,
    document TEXT, written TEXT, line INTEGER, col INTEGER, broken INTEGER NOT NULL
);
CREATE INDEX fdocs_written ON fdocs(written);
CREATE TABLE items (
    path TEXT NOT NULL, kind TEXT NOT NULL, pos INTEGER NOT NULL, id TEXT NOT NULL,
    document TEXT NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL
);
CREATE INDEX items_id ON items(id, kind);
CREATE INDEX items_path ON items(path, pos);
CREATE TABLE cites (
    path TEXT NOT NULL, pos INTEGER NOT NULL, document TEXT NOT NULL, key TEXT NOT NULL,
    j INTEGER NOT NULL, ref TEXT NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL
);
CREATE INDEX cites_ref ON cites(ref);
CREATE INDEX cites_path ON cites(path, pos);
CREATE INDEX cites_document ON cites(document);
CREATE TABLE relations (
    path TEXT NOT NULL, pos INTEGER NOT NULL, document TEXT NOT NULL, j INTEGER NOT NULL,
    target TEXT NOT NULL, type TEXT, within INTEGER NOT NULL,
    line INTEGER NOT NULL, col INTEGER NOT NULL, tline INTEGER NOT NULL, tcol INTEGER NOT NULL
);
CREATE INDEX relations_target ON relations(target);
CREATE INDEX relations_path ON relations(path, pos);
CREATE TABLE mentions (path TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX mentions_value ON mentions(value);
CREATE INDEX mentions_path ON mentions(path);
"""

TABLES = ("fdocs", "items", "cites", "relations", "mentions")


class FileFacts(NamedTuple):
    """One file's rows, without its path (stamped when stored)."""

    fdoc: tuple[Any, ...]
    items: list[tuple[Any, ...]]
    cites: list[tuple[Any, ...]]
    relations: list[tuple[Any, ...]]
    mentions: list[str]
    anchors: list[tuple[int, str, tuple[str, ...], tuple[tuple[str, int, int], ...]]]


def extract(f: LoadedFile) -> FileFacts:
    """The facts of one file as read (see the module docstring)."""
    stem = Path(f.path).stem
    loc: Located | None = f.located
    data = loc.data if loc is not None else None
    if loc is None or not isinstance(data, dict):
        return FileFacts((f.kind, stem, None, None, None, None, 1), [], [], [], [], [])
    broken = int(not isinstance(data.get(f.kind, []), list))
    if f.kind == "claims":
        doc = data.get("document")
        written = doc.get("id") if isinstance(doc, dict) else None
        where = loc.where(("document", "id"))
    else:
        written = data.get("document")
        where = loc.where(("document",))
    written = written if isinstance(written, str) else None
    document = written if written is not None else stem
    fdoc = (f.kind, stem, document, written, *where, broken)
    entries = data.get(f.kind)
    items: list[tuple[Any, ...]] = []
    cites: list[tuple[Any, ...]] = []
    relations: list[tuple[Any, ...]] = []
    mentioned: set[str] = set()
    anchors = []
    if isinstance(entries, list):
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            base = (f.kind, i)
            ident = entry.get("id")
            ident = ident if isinstance(ident, str) else None
            if ident is not None:
                items.append((f.kind, i, ident, document, *loc.where((*base, "id"))))
            suppress = entry.get("suppress")
            names = [(j, r) for j, r in enumerate(suppress) if isinstance(r, str)] if isinstance(suppress, list) else []
            places = tuple((r, *loc.where((*base, "suppress", j))) for j, r in names)
            anchors.append((loc.where(base)[0], ident or "", tuple(r for _, r in names), places))
            if f.kind == "claims":
                for key in ("cites", "covered_by"):
                    refs = entry.get(key)
                    if isinstance(refs, list):
                        for j, ref in enumerate(refs):
                            if isinstance(ref, str):
                                cites.append((i, document, key, j, ref, *loc.where((*base, key, j))))
                rels = entry.get("relations")
                if isinstance(rels, list):
                    for j, rel in enumerate(rels):
                        target = rel.get("target") if isinstance(rel, dict) else None
                        if isinstance(target, str):
                            kind = rel.get("type")
                            relations.append((
                                i, document, j, target, kind if isinstance(kind, str) else None,
                                int(rel.get("within_document") is True),
                                *loc.where((*base, "relations", j)), *loc.where((*base, "relations", j, "target")),
                            ))
                for key, value in entry.items():
                    if key not in _PROSE:
                        add_strings(value, mentioned)
            else:
                custom = entry.get("custom")
                see = custom.get("see") if isinstance(custom, dict) else None
                if isinstance(see, str):
                    cites.append((i, document, "custom.see", 0, see, *loc.where((*base, "custom", "see"))))
                    mentioned.add(see)
    anchors.sort(key=lambda a: a[0])
    return FileFacts(fdoc, items, cites, relations, sorted(mentioned), anchors)


def store(db: sqlite3.Connection, rel: str, facts: FileFacts) -> None:
    """Write one file's rows (its old ones already forgotten)."""
    db.execute("INSERT INTO fdocs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (rel, *facts.fdoc))
    db.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?)", [(rel, *r) for r in facts.items])
    db.executemany("INSERT INTO cites VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [(rel, *r) for r in facts.cites])
    db.executemany("INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [(rel, *r) for r in facts.relations])
    db.executemany("INSERT INTO mentions VALUES (?, ?)", [(rel, v) for v in facts.mentions])


def forget(db: sqlite3.Connection, rel: str) -> None:
    for table in TABLES:
        db.execute(f"DELETE FROM {table} WHERE path = ?", (rel,))


# Every string of a file's rows that a cross-file finding elsewhere can hang
# on: its ids, what it cites, its relations' targets, its document (as
# written and as told), what it mentions.
_KEYS = """
SELECT id FROM items WHERE path = :p UNION SELECT ref FROM cites WHERE path = :p
UNION SELECT document FROM cites WHERE path = :p
UNION SELECT target FROM relations WHERE path = :p UNION SELECT document FROM relations WHERE path = :p
UNION SELECT document FROM items WHERE path = :p
UNION SELECT written FROM fdocs WHERE path = :p AND written IS NOT NULL
UNION SELECT document FROM fdocs WHERE path = :p AND document IS NOT NULL
UNION SELECT value FROM mentions WHERE path = :p
"""


def keys(db: sqlite3.Connection, rel: str) -> list[str]:
    """The strings of one file's rows a cross-file finding can depend on (see _KEYS)."""
    return sorted(r[0] for r in db.execute(_KEYS, {"p": rel}))


# --- what the rules ask ----------------------------------------------------------------


class Unscoped(Exception):
    """A rule cannot answer for the touched keys alone this time (see
    Tables.scope): it is asked about everything instead."""


@dataclass
class Tables:
    """The facts tables of an up-to-date index, for the rules' ``check_index``.

    ``corpus`` (a temporary table: path, n, shown) holds the files in the
    order the rules would meet them, and the path each finding names.

    Scoped (``scoped``): a rule's ``owned`` then answers only for the rows
    whose owner keys are among the touched ones (the temporary table
    ``touched``: every key of every file changed since its findings were
    kept, before and after; see factcheck.checks.crossfile); ``kinds`` are
    those files' kinds (before and after), ``kept_tags`` the owner tags of the
    rule's kept findings."""

    db: sqlite3.Connection
    scoped: bool = False
    kinds: frozenset[str] = frozenset()
    kept_tags: frozenset[str] = frozenset()

    def within(self, *columns: str) -> str:
        """An SQL condition to AND onto a rule's query: scoped, that one of
        ``columns`` holds a touched key; else none (always true)."""
        if not self.scoped:
            return "1"
        return "(" + " OR ".join(f"{c} IN temp.touched" for c in columns) + ")"

    def rows(self, sql: str, *params: Any) -> Iterator[Any]:
        return iter(self.db.execute(sql, params))

    def unreadable_stems(self, kind: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT stem FROM fdocs WHERE broken AND kind = ?", (kind,))}

    def maybe_in_unreadable(self, stems: set[str], ident: str, document: str | None = None) -> bool:
        """As Context.maybe_in_unreadable, over ``stems`` (unreadable_stems)."""
        if document is not None and document in stems:
            return True
        return any(ident == s or ident.startswith(s + "-") or ident.startswith(s + "_") for s in stems)

    def ids(self, kind: str) -> list[str]:
        """The ids of ``kind``'s entries, each once, in corpus order."""
        seen: dict[str, None] = {}
        for (ident,) in self.db.execute(
            "SELECT i.id FROM items i JOIN corpus c ON c.path = i.path WHERE i.kind = ? ORDER BY c.n, i.pos", (kind,)
        ):
            seen.setdefault(ident, None)
        return list(seen)


def open_tables(db: sqlite3.Connection, order: list[tuple[str, str]]) -> Tables:
    """The tables, with ``corpus`` filled from ``order`` ((path, shown) in corpus order)."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS corpus (path TEXT PRIMARY KEY, n INTEGER NOT NULL, shown TEXT NOT NULL)")
    db.execute("DELETE FROM temp.corpus")
    db.executemany("INSERT INTO temp.corpus VALUES (?, ?, ?)", [(p, n, s) for n, (p, s) in enumerate(order)])
    return Tables(db)


def touch(db: sqlite3.Connection, touched: set[str]) -> None:
    """Fill the temporary table ``touched`` (see Tables.within)."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS touched (v TEXT PRIMARY KEY)")
    db.execute("DELETE FROM temp.touched")
    db.executemany("INSERT INTO temp.touched VALUES (?)", ((v,) for v in touched))


__all__ = ["SCHEMA", "TABLES", "FileFacts", "Tables", "Unscoped", "extract", "store", "forget", "keys", "open_tables", "touch"]
