"""The warm rows (:mod:`factcheck.warm`) kept up to date file by file: after
a change, only the claims whose statuses or records the change could touch
are derived again (issue 9: the first `list` after one file changed cost
what a cold one did).

What a claim's row (``status.derive`` and the record ``list`` prints)
depends on:

- its own file (its fields, its document id);
- whether it comes first with its id (a later claim with the same id has no row);
- each reference it cites: the first one with that id (its label, its
  rating), and the first one with the id its ``custom.see`` names (the
  rating of a short form);
- the ``contradicts`` relations recorded on claims with its id and on
  claims whose relations target its id; the first claim with each id at
  either end (its document says whether the relation crosses documents);
- the configuration (the reliability table) and factcheck's own code: a
  change to either derives every row again (the code's is the index's own
  fingerprint: a new index, no rows).

So when files change (read again, added, removed), with IDS the claim ids
they define, REFS the reference ids they define and TARGETS the targets of
their relations, each before and after the change, the claims derived again
are those of: the changed claim files; the files defining an id in IDS or
TARGETS; the files defining the id of a claim whose relations target an id
in IDS (a relation on a later claim with a taken id counts for the first
one); the files citing a reference in REFS, or one whose ``custom.see`` is
in REFS.  A status depends
on facts, never on another status, so it goes no further.  Those claims are
derived over just the files their answers read (:meth:`_Update.reads`), in
corpus order, so that "first" means what it means over the whole corpus.
When most files are touched, or nothing was kept, every row is made anew.

The facts come from the index's tables (:mod:`factcheck.facts`) for the
files as they are now, and from ``warm_files.facts`` for the files as they
were when their rows were made; ``warm_files.sha256`` says which changed.

The list files (``.factcheck/lists/``: `list --status S --format json` and
`list --format json` as printed, see :mod:`factcheck.warm`) are written
again when a change touches their claims, under new names: the runs of the
files derived again from their rows, the others copied by the kernel from
the last list file, where ``warm_runs`` said they lay.  A list file that is
not as the summary says it was written (gone, cut, rewritten), or rows of
runs that do not count what the files' rows count, are not trusted: every
list is written again from the records (``warm_records``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

from factcheck import options, warm
from factcheck.answers import send
from factcheck.index import Index, IndexUnavailable, relpath
from factcheck.query import ClaimDetail, cited, related, relations_into
from factcheck.status import ClaimView, derive
from factcheck.store import Corpus, LoadedFile, Repository
from factcheck.yamlio import gc_paused

# Above this share of the claim files to derive again, every row is made anew
# (one pass over the corpus beats many small deletes and inserts).
_ALL_FROM = 0.5
_KEYS = 1 << warm.KEY_BITS
_SHOWN = "rows_shown"  # the temporary table of warm_shown's rows being made
_MAX_POS = 1 << warm.POS_BITS

Record = Callable[[ClaimView], dict[str, Any]]
Shown = Callable[[ClaimDetail, dict[str, dict[int, Any]]], list[Any]]


def up_to_date(repo: Repository, record: Record, shown: Shown) -> warm.Warm | None:
    """The warm rows of ``repo``, brought up to date with its files and
    open; ``record`` makes a claim's `list` record, ``shown`` what `show`
    prints of it beside that record and its source context, in JSON and as
    panels (given the references' parts made so far).  None without a usable
    index (``FACTCHECK_NO_INDEX``, a folder that cannot be written, a busy
    index): the caller derives from the files then.  A broken file raises
    as it does for every read command (``Corpus.raise_if_broken``)."""
    stamped = warm.stamp_before(repo.root)  # before anything is read: a later edit makes the rows stale, never wrong
    if stamped is None:
        return None
    idx = Index(repo)
    try:
        refreshed = idx.refresh(values=False)
    except IndexUnavailable:
        return None
    try:
        Corpus(repo.root, refreshed.files).raise_if_broken()
        db = idx.open()
        # Deferred: what is read is one snapshot, and the write lock is taken
        # only to write what was derived (deriving every row of 10^5 claims
        # takes seconds; other commands should not wait for it).  Another
        # command writing meanwhile makes the first write fail: the caller
        # then derives from the files.
        db.execute("BEGIN")
        try:
            value = _Update(db, idx, repo, refreshed.files, record, shown).run(stamped[1])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    except (sqlite3.OperationalError, _TooMany, KeyError):  # busy, read-only, a file of 2^24 claims, files changing meanwhile
        idx.close()
        return None
    except BaseException:
        idx.close()
        raise
    idx._db = None  # the connection is the Warm's now
    return warm.Warm(repo.root, db, value)


def _busy(exc: sqlite3.OperationalError) -> bool:
    """Whether the index was busy (locked, or written since this transaction's snapshot)."""
    return getattr(exc, "sqlite_errorname", "").startswith("SQLITE_BUSY") or "locked" in str(exc)


class _TooMany(Exception):
    """More claims in one file than a row key has room for."""


def config_key(repo: Repository) -> str:
    return hashlib.sha256(repr(repo.config).encode()).hexdigest()


def _temp(db: sqlite3.Connection, name: str, values: Iterable[str]) -> str:
    """A temporary one-column table holding ``values`` (for joins); its name."""
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (v TEXT PRIMARY KEY)")
    db.execute(f"DELETE FROM temp.{name}")
    db.executemany(f"INSERT OR IGNORE INTO temp.{name} VALUES (?)", ((v,) for v in values))
    return f"temp.{name}"


def _column(db: sqlite3.Connection, sql: str, *params: Any) -> set[str]:
    return {r[0] for r in db.execute(sql, params)}


class _Update:
    """One bringing up to date, inside the caller's write transaction."""

    def __init__(self, db: sqlite3.Connection, idx: Index, repo: Repository, files: list[LoadedFile], record: Record, shown: Shown):
        self.db, self.idx, self.repo, self.record, self.shown = db, idx, repo, record, shown
        self.files = files
        self.order = [relpath(f, repo.root) for f in files]  # corpus order
        self.by_path = dict(zip(self.order, files, strict=True))
        self.current = {p: (kind, sha) for p, kind, sha in db.execute("SELECT path, kind, sha256 FROM files")}
        self.config = config_key(repo)
        self.built: list[tuple[bytes | None, str]] = []  # models built from stored values, kept at the end
        # For the list files (_lists): the summary as it was kept (its lists), the rows
        # derived now by key, the keys whose rows were made again or dropped (None:
        # all of them), and warm_runs as it was before (where the last lists lay).
        self.before: dict[str, Any] = {}
        self.made: dict[int, _Made] = {}
        self.touched: set[int] | None = set()
        self.old_runs: dict[str, list[tuple[int, int, int]]] | None = None

    # -- deciding

    def run(self, stamp: str) -> dict[str, Any]:
        kept = self._kept()
        if kept is None:
            return self._all(stamp)
        old_keys, old_shas, old_facts = kept
        changed = {p for p in self.order if old_shas.get(p) != self.current[p][1]}
        removed = set(old_keys) - set(self.order)
        if not changed and not removed:
            return self._finish(stamp)
        try:
            if not self._some(changed, removed, old_keys, old_facts):
                return self._all(stamp)
        except sqlite3.OperationalError as exc:
            if _busy(exc):  # another command wrote meanwhile: nothing to make anew
                raise
            return self._all(stamp)  # damaged warm rows: made anew
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            return self._all(stamp)
        return self._finish(stamp)

    def _some(self, changed: set[str], removed: set[str], old_keys: dict[str, int], old_facts: dict[str, str]) -> bool:
        """Derive again the rows the change touches; False when it is cheaper
        (or only possible) to make every row anew."""
        keys = _keys(self.order, {p: k for p, k in old_keys.items() if p not in removed})  # kept files keep theirs
        claim_files = [p for p in self.order if self.current[p][0] == "claims"]
        affected = self.affected(changed, removed, old_facts)
        if keys is None or len(affected) > _ALL_FROM * max(1, len(claim_files)):
            return False
        made = self._derive(self.reads(affected), affected, keys)
        touched = changed | set(affected)
        facts = self._facts(touched)
        self.old_runs = self._runs()
        self.made = {m.key: m for m in made.values()}
        self.touched = {old_keys[p] for p in removed} | {keys[p] for p in affected} | {old_keys[p] for p in affected if p in old_keys}
        for p in removed:  # the first write
            self._drop_rows(old_keys[p])
            self.db.execute("DELETE FROM warm_files WHERE path = ?", (p,))
        for p in affected:
            if p in old_keys:
                self._drop_rows(old_keys[p])
        self._write_rows(made)
        self.db.executemany("INSERT OR REPLACE INTO warm_files VALUES (?, ?, ?, ?, ?, ?)",
                            [self._file_row(p, keys[p], made.get(p), facts[p]) for p in touched])
        return True

    def _kept(self) -> tuple[dict[str, int], dict[str, str], dict[str, str]] | None:
        """(key, sha256, facts) of each file as its rows were made, or None
        when there are no rows to build on (none yet, another shape, another
        configuration, anything unreadable)."""
        try:
            row = self.db.execute("SELECT value FROM warm WHERE name = 'list'").fetchone()
            value = json.loads(row[0]) if row is not None else None
            if not isinstance(value, dict) or value.get("format") != warm.FORMAT or value.get("config") != self.config:
                return None
            self.before = value
            keys, shas, facts = {}, {}, {}
            for p, key, sha, found in self.db.execute("SELECT path, key, sha256, facts FROM warm_files"):
                keys[p], shas[p], facts[p] = int(key), str(sha), str(found)
            return keys, shas, facts
        except (sqlite3.Error, ValueError, TypeError):
            return None

    def affected(self, changed: set[str], removed: set[str], old_facts: dict[str, str]) -> list[str]:
        """The claim files whose rows must be derived again (see the module docstring), in corpus order."""
        db = self.db
        ids: set[str] = set()
        refs: set[str] = set()
        targets: set[str] = set()
        for p in changed | removed:
            if p in old_facts:
                before = json.loads(old_facts[p])
                ids.update(before["claims"])
                refs.update(before["references"])
                targets.update(before["targets"])
        now = self._facts(changed)
        for p in changed:
            ids.update(now[p]["claims"])
            refs.update(now[p]["references"])
            targets.update(now[p]["targets"])
        t_ids = _temp(db, "rows_ids", ids | targets)
        t_refs = _temp(db, "rows_refs", refs)
        shorts = _column(db, "SELECT s.id FROM cites x JOIN items s ON s.path = x.path AND s.pos = x.pos AND s.kind = 'references'"
                             f" WHERE x.key = 'custom.see' AND x.ref IN {t_refs}")
        t_refs = _temp(db, "rows_refs", refs | shorts)
        found = {p for p in changed if self.current.get(p, ("",))[0] == "claims"}
        found |= _column(db, f"SELECT path FROM items WHERE kind = 'claims' AND id IN {t_ids}")
        t_ids = _temp(db, "rows_ids", ids)
        # Claims whose relations target IDS, and the first claim with each of their ids
        # (a relation counts from any claim with the id: a later one relates the first).
        sources = _column(db, "SELECT i.id FROM relations r JOIN items i ON i.path = r.path AND i.pos = r.pos AND i.kind = 'claims'"
                              f" WHERE r.target IN {t_ids}")
        found |= _column(db, f"SELECT path FROM items WHERE kind = 'claims' AND id IN {_temp(db, 'rows_sources', sources)}")
        found |= _column(db, f"SELECT path FROM cites WHERE key != 'custom.see' AND ref IN {t_refs}")
        return [p for p in self.order if p in found and self.current[p][0] == "claims"]

    def reads(self, affected: Sequence[str]) -> list[str]:
        """The files the answers for the claims of ``affected`` read, in corpus order."""
        db = self.db
        t_paths = _temp(db, "rows_paths", affected)
        mine = _column(db, f"SELECT id FROM items WHERE kind = 'claims' AND path IN {t_paths}")
        t_mine = _temp(db, "rows_mine", mine)
        # Claims at either end of a relation with one of them, each known by its
        # first claim; a relation counts from any claim with the id (a later one too).
        ends = mine | _column(db, "SELECT r.target FROM items i JOIN relations r ON r.path = i.path AND r.pos = i.pos"
                                  f" WHERE i.kind = 'claims' AND i.id IN {t_mine}")
        ends |= _column(db, "SELECT i.id FROM relations r JOIN items i ON i.path = r.path AND i.pos = r.pos AND i.kind = 'claims'"
                            f" WHERE r.target IN {t_mine}")
        t_ends = _temp(db, "rows_ends", ends)
        needed = set(affected)
        needed |= _column(db, f"SELECT path FROM items WHERE kind = 'claims' AND id IN {t_ends}")
        needed |= _column(db, f"SELECT path FROM relations WHERE target IN {t_mine}")
        # The references cited, and the full forms their short forms name.
        cited = _column(db, f"SELECT ref FROM cites WHERE key != 'custom.see' AND path IN {t_paths}")
        t_cited = _temp(db, "rows_cited", cited)
        cited |= _column(db, "SELECT x.ref FROM items s JOIN cites x ON x.path = s.path AND x.pos = s.pos AND x.key = 'custom.see'"
                             f" WHERE s.kind = 'references' AND s.id IN {t_cited}")
        t_cited = _temp(db, "rows_cited", cited)
        needed |= _column(db, f"SELECT path FROM items WHERE kind = 'references' AND id IN {t_cited}")
        return [p for p in self.order if p in needed]

    # -- deriving

    def _derive(self, reads: Sequence[str], rows_of: Collection[str], keys: dict[str, int]) -> dict[str, _Made]:
        """Each file of ``rows_of``'s rows, derived over the files ``reads`` (corpus order)."""
        files = [self.by_path[p] for p in reads]
        self.built += self.idx.attach_models(files, keep=False)  # kept in _finish: no write before the end
        # No cyclic collection while the rows are made: they form no cycles, and each
        # collection walks every object alive (10^5 claims' models), for nothing to free.
        with gc_paused():
            corpus = Corpus(self.repo.root, files, table=self.repo.config.table)
            views = derive(corpus)
            into = relations_into(corpus)
            entries: dict[str, dict[int, Any]] = {}  # a reference's parts in `show`, made once (shown)
            # What `show` reads of each claim (~700 bytes at 10^5 claims) goes to a
            # temporary table as it is made, not held until the end with the rows
            # (a temporary table takes no lock on the index: the write is still the end's).
            self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_SHOWN} (n INTEGER PRIMARY KEY, shown BLOB)")
            self.db.execute(f"DELETE FROM temp.{_SHOWN}")
            made: dict[str, _Made] = {}
            for p in rows_of:
                claims_file = self.by_path[p].claims_file
                if claims_file is None:
                    continue
                if len(claims_file.claims) >= _MAX_POS:
                    raise _TooMany(p)
                document = claims_file.document
                m = made[p] = _Made(keys[p], document.id, document.title, document.language)
                base = keys[p] << warm.POS_BITS
                for pos, claim in enumerate(claims_file.claims):
                    view = views.get(claim.id)
                    if view is not None and view.claim is claim:  # else a claim before it has its id
                        # `show` reads its claim's document, which is its own file's
                        # when no other claims file has its id (warm.Warm.shown).
                        detail = ClaimDetail(view, document, None, "", cited(corpus, claim), related(corpus, claim, into))
                        m.add(base | pos, view, self.record(view), self.shown(detail, entries), document.source)
                self.db.executemany(f"INSERT INTO temp.{_SHOWN} VALUES (?, ?)", m.shown)
                m.shown.clear()
        return made

    def _all(self, stamp: str) -> dict[str, Any]:
        """Every row made anew."""
        db = self.db
        step = _KEYS // (len(self.order) + 1)
        keys = {p: (i + 1) * step for i, p in enumerate(self.order)}
        claim_files = [p for p in self.order if self.current[p][0] == "claims"]
        made = self._derive(self.order, claim_files, keys)
        facts = self._facts(set(self.order))
        self.made, self.touched, self.old_runs = {m.key: m for m in made.values()}, None, None
        for table in ("warm", "warm_claims", "warm_records", "warm_runs", "warm_shown", "warm_chars", "warm_pretty", "warm_files"):  # warm_pretty: an older index's
            db.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in warm.tables():
            db.execute(statement)
        self._write_rows(made)
        db.executemany("INSERT INTO warm_files VALUES (?, ?, ?, ?, ?, ?)",
                       [self._file_row(p, keys[p], made.get(p), facts[p]) for p in self.order])
        return self._finish(stamp)

    # -- writing

    def _drop_rows(self, key: int) -> None:
        first, last = key << warm.POS_BITS, ((key + 1) << warm.POS_BITS) - 1
        self.db.execute("DELETE FROM warm_claims WHERE n BETWEEN ? AND ?", (first, last))
        self.db.execute("DELETE FROM warm_records WHERE n BETWEEN ? AND ?", (first, last))
        self.db.execute("DELETE FROM warm_shown WHERE n BETWEEN ? AND ?", (first, last))
        # By (status, key): the table's own index finds them.
        self.db.execute(f"DELETE FROM warm_runs WHERE status IN ({', '.join('?' for _ in _LISTS)}) AND key = ?",
                        (*_LISTS, key))
        self.db.execute("DELETE FROM warm_chars WHERE key = ?", (key,))

    def _write_rows(self, made: dict[str, _Made]) -> None:
        self.db.executemany("INSERT INTO warm_claims VALUES (?, ?, ?, ?, ?, ?)", (r for m in made.values() for r in m.claims))
        self.db.executemany("INSERT INTO warm_records VALUES (?, ?)", (r for m in made.values() for r in m.records))
        # Where each file's runs lie in the list files (written by _lists).
        self.db.executemany("INSERT INTO warm_runs VALUES (?, ?, ?, ?)", sorted(
            (status, m.key, len(records), _joined(records)) for m in made.values() for status, records in m.runs.items()))
        self.db.execute(f"INSERT INTO warm_shown SELECT n, shown FROM temp.{_SHOWN}")  # made with the rows (_derive)
        self.db.execute(f"DELETE FROM temp.{_SHOWN}")
        # Each file's characters (warm.Warm._literal_rows), from the texts just kept.
        self.db.executemany("INSERT OR REPLACE INTO warm_chars VALUES (?, ?)",
                            ((m.claims[0][0] >> warm.POS_BITS, "".join(sorted({c for r in m.claims for c in r[3]})))
                             for m in made.values() if m.claims))

    def _file_row(self, p: str, key: int, made: _Made | None, found: dict[str, list[str]]) -> tuple[Any, ...]:
        document = json.dumps([made.document, made.title, made.language], ensure_ascii=False) if made else None
        groups = json.dumps([[d, s, n] for (d, s), n in made.groups.items()] if made else [], ensure_ascii=False)
        return (p, key, self.current[p][1], document, groups, json.dumps(found, ensure_ascii=False))

    def _facts(self, paths: Collection[str]) -> dict[str, dict[str, list[str]]]:
        """What other files' rows may depend on, per file as the index has it now."""
        out: dict[str, dict[str, list[str]]] = {p: {"claims": [], "references": [], "targets": []} for p in paths}
        where = "" if len(paths) == len(self.order) else f" WHERE path IN {_temp(self.db, 'rows_paths', paths)}"
        for p, kind, ident in self.db.execute(f"SELECT path, kind, id FROM items{where} ORDER BY path, pos"):
            if p in out:
                out[p]["claims" if kind == "claims" else "references"].append(ident)
        for p, target in self.db.execute(f"SELECT path, target FROM relations{where} ORDER BY path, pos, j"):
            if p in out:
                out[p]["targets"].append(target)
        return out

    def _finish(self, stamp: str) -> dict[str, Any]:
        """The summary rows (documents, stats, formats, paths) from the files' rows, under ``stamp``:
        each file's counts summed (a change re-derives only its files' rows, and their counts with them)."""
        from factcheck.tally import count_groups, tally_counts

        db = self.db
        documents: dict[str, list[Any]] = {}
        shared: set[str] = set()
        groups: Counter[tuple[str, str]] = Counter()
        runs: Counter[str] = Counter()  # the claims with each status (and all of them): what its list holds (warm.Warm._listed)
        for document, counted in db.execute("SELECT document, groups FROM warm_files ORDER BY key"):
            if document is not None:
                doc_id, title, language = json.loads(document)
                if doc_id in documents:
                    shared.add(doc_id)
                documents.setdefault(doc_id, [title, language])
            for d, s, n in json.loads(counted):
                groups[d, s] += n
                runs[warm.ALL] += n
                for one in s.split():
                    runs[one] += n
        value: dict[str, Any] = {
            "formats": dict(self.repo.config.format),
            "format": warm.FORMAT,
            "config": self.config,
            # Document ids more than one claims file gives: `show` of their
            # claims is not answered from the rows (see warm.Warm.shown).
            "shared": sorted(shared),
            "runs": dict(sorted(runs.items())),
        }
        # Apart, each read only by the answers that need it (see warm.PARTS).
        parts: dict[str, Any] = {
            "documents": documents,
            "stats": tally_counts({d: (title, language) for d, (title, language) in documents.items()},
                                  count_groups((d, s.split(), n) for (d, s), n in groups.items())).as_kept(),
            "paths": sorted(self.order),
            "sets": sorted({s for _, s in groups}),
        }
        db.executemany("INSERT OR REPLACE INTO warm VALUES (?, ?, ?)",
                       [("list", stamp, json.dumps(value, ensure_ascii=False)),
                        *((name, stamp, json.dumps(part, ensure_ascii=False)) for name, part in parts.items())])
        # Written with the index's write lock held (taken by the write above): no other
        # command writes list files meanwhile, so every other one there is stale.
        value["lists"] = self._lists(runs)
        db.execute("UPDATE warm SET value = ? WHERE name = 'list'", (json.dumps(value, ensure_ascii=False),))
        db.executemany("UPDATE files SET model = ?, built = 1 WHERE path = ?", self.built)
        return {**value, **parts}

    # -- the list files

    def _runs(self) -> dict[str, list[tuple[int, int, int]]]:
        """warm_runs: each list's (key, count, length), in key order (the order of its file)."""
        found: dict[str, list[tuple[int, int, int]]] = {}
        for which, key, count, length in self.db.execute("SELECT status, key, count, length FROM warm_runs ORDER BY status, key"):
            found.setdefault(which, []).append((key, count, length))
        return found

    def _lists(self, runs: Counter[str]) -> dict[str, list[Any]]:
        """Each list file, as the rows are now (kept, or written again from the
        rows made now and the last list files); ``runs``: how many claims each
        holds.  What the summary says of them (warm.Warm._listed): {list:
        [name, size, modification time, inode, claims]}; none when the folder
        cannot be written (`list` reads the records apart then)."""
        folder = os.path.join(self.repo.root, warm.INDEX_DIR, warm.LISTS_DIR)
        try:
            os.makedirs(folder, exist_ok=True)
            try:
                current: dict[str, list[tuple[int, int, int]]] | None = self._runs()
            except sqlite3.OperationalError as exc:
                if _busy(exc):
                    raise
                current = None
            lists = self._lists_from_runs(folder, current, runs) if current is not None else None
            if lists is None:  # rows of runs or list files not to be trusted: all of them from the records
                lists = self._lists_from_records(folder, runs)
            _prune_lists(folder, {entry[0] for entry in lists.values()})
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                raise
            return {}  # damaged rows: no list (`list` reads the records apart; a change makes every row anew)
        except (OSError, sqlite3.Error, TypeError, ValueError):  # a folder that cannot be written, damaged rows
            return {}
        return lists

    def _lists_from_runs(self, folder: str, current: dict[str, list[tuple[int, int, int]]],
                         runs: Counter[str]) -> dict[str, list[Any]] | None:
        """The list files from the runs; None when one cannot be made so."""
        before = self.before.get("lists")
        before = before if isinstance(before, dict) else {}
        # Where the last list files' runs lay: before this change's writes, or (no change) now.
        laid = self.old_runs if self.old_runs is not None else current if self.touched == set() else {}
        lists: dict[str, list[Any]] = {}
        opened: list[int] = []
        try:
            for which in _LISTS:
                rows = current.get(which, [])
                if sum(count for _, count, _ in rows) != runs.get(which, 0):
                    return None
                old = before.get(which)
                fd = _open_list(folder, old)
                if fd is not None:
                    opened.append(fd)
                untouched = self.touched is not None and not self.touched & {k for k, _, _ in (*rows, *laid.get(which, ()))}
                if untouched and fd is not None and old is not None and old[4] == runs.get(which, 0):
                    lists[which] = list(old)
                    continue
                pieces: list[list[bytes] | tuple[int, int]] = []
                at, where = 2, {}  # the last file's runs: key -> (offset, length)
                for key, _, length in laid.get(which, ()):
                    where[key] = (at, length)
                    at += length + 2
                for key, count, length in rows:
                    made = self.made.get(key)
                    if made is not None and len(made.runs.get(which, ())) == count:
                        pieces.append(made.runs[which])
                    elif made is None and fd is not None and where.get(key, (0, -1))[1] == length:
                        start = where[key][0]
                        last = pieces[-1] if pieces else None
                        if isinstance(last, tuple) and last[0] + last[1] + 2 == start:
                            # Next to the last one in the last file too: one copy (with the ",\n" between).
                            pieces[-1] = (last[0], last[1] + 2 + length)
                        else:
                            pieces.append((start, length))
                    else:
                        return None
                lists[which] = _write_list(folder, which, pieces, fd, runs.get(which, 0))
        finally:
            for fd in opened:
                os.close(fd)
        return lists

    def _lists_from_records(self, folder: str, runs: Counter[str]) -> dict[str, list[Any]]:
        """Every list file, and warm_runs, made again from the records kept
        (each file's as printed, in corpus order)."""
        made: dict[str, dict[int, list[bytes]]] = {which: {} for which in _LISTS}
        for n, statuses, record in self.db.execute(
                "SELECT c.n, c.statuses, r.record FROM warm_claims c JOIN warm_records r ON r.n = c.n ORDER BY c.n"):
            key = n >> warm.POS_BITS
            for which in (warm.ALL, *statuses.split()):
                if which in made:
                    made[which].setdefault(key, []).append(bytes(record))
        self.db.execute("DROP TABLE IF EXISTS warm_runs")
        (statement,) = [t for t in warm.tables() if "CREATE TABLE warm_runs (" in t]
        self.db.execute(statement)
        self.db.executemany("INSERT INTO warm_runs VALUES (?, ?, ?, ?)",
                            [(which, key, len(records), _joined(records)) for which, by_key in made.items() for key, records in by_key.items()])
        lists: dict[str, list[Any]] = {}
        for which, by_key in made.items():
            if sum(map(len, by_key.values())) == runs.get(which, 0):  # else none: the records apart are read
                lists[which] = _write_list(folder, which, [by_key[key] for key in sorted(by_key)], None, runs.get(which, 0))
        return lists


class _Made:
    """One claim file's rows, as derived."""

    def __init__(self, key: int, document: str, title: str, language: str):
        self.key, self.document, self.title, self.language = key, document, title, language
        self.claims: list[tuple[Any, ...]] = []
        self.records: list[tuple[int, bytes]] = []
        self.runs: dict[str, list[bytes]] = {}  # status (or warm.ALL) -> its claims' records, in file order (warm_runs)
        self.shown: list[tuple[int, bytes | None]] = []  # until _Update._derive moves them to its table
        self.groups: Counter[tuple[str, str]] = Counter()

    def add(self, n: int, view: ClaimView, record: dict[str, Any], parts: list[Any], source: str) -> None:
        statuses = " ".join(s for s in options.STATUSES if s in view.statuses)
        labels = json.dumps(record.get("labels", []), ensure_ascii=False)
        self.claims.append((n, view.id, view.claim.document, record.get("text", ""), statuses, labels))
        printed = warm.pretty_record(record).encode()  # as `list --format json` prints it
        self.records.append((n, printed))
        self.runs.setdefault(warm.ALL, []).append(printed)
        for status in statuses.split():
            self.runs.setdefault(status, []).append(printed)
        # What `show` reads: where the claim stands in its source, the rest of its record, its panels'.
        span = view.claim.location
        place = [source, span.line, span.column, span.end_line, span.end_column]
        try:
            shown: bytes | None = json.dumps([place, *parts], ensure_ascii=False, separators=(",", ":")).encode()
        except (TypeError, ValueError):  # a value JSON cannot hold: `show` answers from the files
            shown = None
        self.shown.append((n, shown))
        self.groups[view.claim.document, statuses] += 1


# The list files: one per status, and one of every claim.
_LISTS = (*options.STATUSES, warm.ALL)


def _joined(records: Sequence[bytes]) -> int:
    """The length of ``records`` joined by a comma and a line break."""
    return sum(map(len, records)) + 2 * (len(records) - 1) if records else 0


def _open_list(folder: str, entry: Any) -> int | None:
    """The list file the summary's ``entry`` names, open, when it is as it was written; else None."""
    try:
        name, size, mtime, inode, _ = entry
        if not warm._plain_name(name):
            return None
        fd = os.open(os.path.join(folder, name), os.O_RDONLY)
    except (TypeError, ValueError, OSError):
        return None
    try:
        st = os.fstat(fd)
        if (st.st_size, st.st_mtime_ns, st.st_ino) == (size, mtime, inode):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def _write_list(folder: str, which: str, pieces: Sequence[list[bytes] | tuple[int, int]], old: int | None, count: int) -> list[Any]:
    """Write a list file of ``pieces`` (runs of records as printed, or
    (offset, length) of a run in the list file ``old``), atomically under a new
    name; what the summary says of it."""
    name = f"{'all' if which == warm.ALL else which}-{os.urandom(8).hex()}.json"
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    expected = 3 if not pieces else 5 + 2 * (len(pieces) - 1)
    with open(tmp, "wb") as f:
        if not pieces:
            f.write(b"[]\n")
        for i, piece in enumerate(pieces):
            f.write(b",\n" if i else b"[\n")
            if isinstance(piece, tuple):
                assert old is not None
                send(f, old, *piece)  # by the kernel, file to file
                expected += piece[1]
            else:
                f.write(b",\n".join(piece))
                expected += _joined(piece)
        if pieces:
            f.write(b"\n]\n")
    path = os.path.join(folder, name)
    os.replace(tmp, path)
    st = os.stat(path)
    if st.st_size != expected:  # pragma: no cover - a list file cut while it was copied
        raise OSError(f"{path}: {st.st_size} bytes written, {expected} expected")
    return [name, st.st_size, st.st_mtime_ns, st.st_ino, count]


def _prune_lists(folder: str, keep: Collection[str]) -> None:
    """Remove the list files no summary names any more (and any left half-written)."""
    with os.scandir(folder) as entries:
        for e in entries:
            if e.name not in keep:
                try:
                    os.unlink(e.path)
                except OSError:
                    pass


def _keys(order: Sequence[str], kept: dict[str, int]) -> dict[str, int] | None:
    """A key for every file in ``order``: the kept ones keep theirs, a new
    file gets one between its neighbours'; None when they do not fit (the
    kept keys out of order, no room left): every row is made anew then."""
    keys: dict[str, int] = {}
    low = 0
    pending: list[str] = []

    def place(high: int) -> bool:
        if pending and high - low <= len(pending):
            return False
        for j, p in enumerate(pending):
            keys[p] = low + (high - low) * (j + 1) // (len(pending) + 1)
        pending.clear()
        return True

    for p in order:
        key = kept.get(p)
        if key is None:
            pending.append(p)
            continue
        if key <= low or not place(key):
            return None
        keys[p] = low = key
    return keys if place(_KEYS) else None


__all__ = ["up_to_date", "config_key"]
