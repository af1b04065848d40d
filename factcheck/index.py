"""The incremental index: what was read from each claim and reference file,
kept in an embedded SQLite database under ``.factcheck/`` so that a command
re-reads only the files that changed since the last one.

The index is a cache, never the source of truth: it is rebuilt from the files
whenever it is missing, corrupt, written by another version of factcheck or
its format, and any file whose size, modification time, inode or content hash
differs from what was recorded is read again.  The folder carries its own
``.gitignore`` so it never reaches a commit.

Per file it keeps: the content hash, the values as read with the position of
every node (what the single-file rules read), the schema findings, the
findings of the rules that look at one file only (keyed also by the state of
the document's source file), the facts the cross-file rules ask in SQL
(:mod:`factcheck.facts`: ids, cites, relation targets with their positions;
also what `show ID` follows to gather the few files its answer depends on),
the model objects the read commands use, and the claim texts in an FTS5
trigram table for literal search (:meth:`Index.claim_ids_matching`; after a
cold start, filled when first searched).

A refresh made for `validate` stores no model objects (building and pickling
them was a sixth of a cold run); the first read command builds the missing
ones from the stored values.

Reading many changed files at once (a cold start) is spread over a process
pool, one worker per core.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sqlite3
import stat
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from factcheck import facts
from factcheck.errors import ClaimFileError
from factcheck.model import Finding
from factcheck.schema import keep_compiled_in
from factcheck.store import YAML_SUFFIXES, Corpus, FileKind, LoadedFile, Repository, build_models, load_file
from factcheck.warm import code_fingerprint
from factcheck.yamlio import Located

INDEX_DIR = ".factcheck"
INDEX_FILE = "index.sqlite"
# Bumped whenever what is stored changes shape; an index of another format
# (or written by another factcheck version) is rebuilt, never read.
FORMAT = "11"
NO_INDEX_ENV = "FACTCHECK_NO_INDEX"
# Below this many files to read, a process pool costs more than it saves.
_PARALLEL_FROM = 48
# In meta while the search table is left empty (see Index._build).
_SEARCH_UNBUILT = ("search", "unbuilt")
# From this many files to read into an empty index (a cold start), it is
# built at once (Index._build).
_BULK_FROM = 1

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY,          -- relative to the repository root, with /
    kind TEXT NOT NULL,             -- claims | references
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,         -- with size and mtime: a file renamed over another (an editor's atomic save) is seen
    sha256 TEXT NOT NULL,
    shown TEXT NOT NULL,            -- the display path the blobs were made with
    facts_sha TEXT NOT NULL,        -- sha256 of its rows in the facts tables (what cross-file rules read)
    -- The small columns first: SQLite reaches a column stored after a large
    -- blob by walking the blob's overflow pages (reading every file's
    -- findings behind its values was ~0.1 s of a warm validate at 10^5 claims).
    built INTEGER NOT NULL,         -- 1: model is what building gave; 0: not built yet
    suppresses INTEGER NOT NULL,    -- 1: some entry has a suppress: key
    source TEXT,                    -- the document's source path (claims files)
    source_state TEXT,              -- size:mtime of that source when findings were made
    problems BLOB NOT NULL,         -- marshal: why it could not be read, schema findings
    findings BLOB,                  -- marshal: findings of the single-file rules, or NULL
    anchors BLOB NOT NULL,          -- marshal: the entries' anchors (baseline.Anchor fields)
    model BLOB,                     -- pickle: the ClaimFile or ReferenceFile, or NULL
    loaded BLOB NOT NULL            -- marshal: values and node positions (what rules read)
);
-- Covering indexes for the scans every command makes of every file's small
-- columns: a row of files spans its own pages (its blobs), so a scan of the
-- table reads 10^3 pages where these read a few dozen (~10 ms of a warm
-- validate at 10^5 claims).
CREATE INDEX files_state ON files(path, kind, size, mtime_ns, sha256, shown, inode, facts_sha);
CREATE INDEX files_listing ON files(path, kind, shown, problems);
CREATE INDEX files_found ON files(path, source, source_state, findings);
CREATE INDEX files_suppressing ON files(suppresses, path);
CREATE TABLE claims (
    id TEXT NOT NULL,
    path TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
    document TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX claims_id ON claims(id);
CREATE INDEX claims_path ON claims(path);
CREATE VIRTUAL TABLE claims_fts USING fts5(id UNINDEXED, text, tokenize='trigram');
-- The contradiction detector's candidates, keyed by a hash of what they were
-- computed from (every factual claim's id, document and text): a claim edit
-- changes the key, and only the latest result is kept.
CREATE TABLE candidates (key TEXT PRIMARY KEY, blob BLOB NOT NULL);
-- The cross-file rules' last findings (only the latest: context is a hash of
-- the rules and their options; version changes with every write), each with
-- its owner keys, and the journal of the files whose facts were replaced
-- since: their keys as they were (factcheck.checks.crossfile asks the rules
-- again about those keys only).
CREATE TABLE crossfile (context TEXT PRIMARY KEY, version INTEGER NOT NULL, blob BLOB NOT NULL);
CREATE TABLE crossjournal (
    n INTEGER PRIMARY KEY, path TEXT NOT NULL,
    facts_sha TEXT, shown TEXT, kind TEXT,  -- as they were; NULL: the file was new
    broken INTEGER NOT NULL, keys BLOB NOT NULL  -- marshal: facts.keys as they were
);
-- What a read command derives from the whole repository (stats, list's
-- records, the report), keyed by every file's content hash, the state of
-- every document's source and the configuration: kept while nothing changed.
CREATE TABLE derived (name TEXT PRIMARY KEY, key TEXT NOT NULL, blob BLOB NOT NULL);
""" + facts.SCHEMA


def _schema_parts() -> tuple[list[str], list[str]]:
    """The schema's statements: those making tables, and those making the secondary indexes."""
    tables: list[str] = []
    indexes: list[str] = []
    statement = ""
    for part in _SCHEMA.split(";"):
        statement += part + ";"
        if sqlite3.complete_statement(statement):  # not a semicolon inside a comment
            code = [line for line in statement.strip(" \n;").splitlines() if not line.lstrip().startswith("--")]
            if code:
                (indexes if code[0].startswith("CREATE INDEX") else tables).append(statement)
            statement = ""
    return tables, indexes


def _sweep(folder: Path) -> None:
    """Remove the half-built indexes of killed builds (``index.sqlite.PID.tmp``
    of a process no longer running)."""
    for tmp in folder.glob(f"{INDEX_FILE}.*.tmp"):
        pid = tmp.name[len(INDEX_FILE) + 1 : -len(".tmp")]
        if pid.isdigit() and int(pid) != os.getpid():
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                tmp.unlink(missing_ok=True)
            except OSError:  # running, under another user: not ours to remove
                pass


class IndexUnavailable(Exception):
    """The index cannot be used here (read-only folder, no FTS5 ...): read the files."""


class IndexBusy(IndexUnavailable):
    """Another process held the index's write lock for longer than the wait
    (``BUSY_TIMEOUT``): the files are read without the index this time.  A
    locked database is not a damaged one: it is left as it is."""


# Seconds to wait for another command's write to the index before reading
# the files without it.
BUSY_TIMEOUT = 30.0


def busy(exc: BaseException) -> bool:
    """Whether ``exc`` says the database was locked by another connection
    (or written since this one's snapshot), not that it is damaged."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    return getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def _busy_error(path: Path) -> IndexBusy:
    return IndexBusy(
        f"the index {path} stayed locked by another factcheck command for {BUSY_TIMEOUT:g} s;"
        " read the files without it this time"
    )


def _fingerprint() -> str:
    """The version and the state of factcheck's own files: an index made by
    other code (rules, vocabularies, the reader) is not trusted."""
    return code_fingerprint()


def enabled() -> bool:
    return not os.environ.get(NO_INDEX_ENV)


# --- encoding a read file ----------------------------------------------------------


class _LazyLocated(Located):
    """Values read at once; node positions decoded only when a finding needs
    one (most files of a warm run have none, and positions are half the bytes)."""

    def __init__(self, path: str, data: Any, positions: bytes):
        self.path = path
        self.data = data
        self._positions = positions
        self._tables: tuple[dict[Any, Any], dict[Any, Any]] | None = None

    def _decoded(self) -> tuple[dict[Any, Any], dict[Any, Any]]:
        if self._tables is None:
            self._tables = marshal.loads(self._positions)
        return self._tables

    @property
    def values(self) -> dict[Any, Any]:
        return self._decoded()[0]

    @values.setter
    def values(self, table: dict[Any, Any]) -> None:
        self._tables = (table, self._decoded()[1])

    @property
    def keys(self) -> dict[Any, Any]:
        return self._decoded()[1]

    @keys.setter
    def keys(self, table: dict[Any, Any]) -> None:
        self._tables = (self._decoded()[0], table)


def _encode(f: LoadedFile) -> tuple[bytes, bytes]:
    """(values with positions, problems) of a file, without paths: those are
    stamped when decoded, relative to the working folder then."""
    loc = f.located
    error = (f.error.message, f.error.line, f.error.column) if f.error else None
    schema = [(x.line, x.column, x.severity, x.rule, x.message, x.kind) for x in f.schema_errors]
    located = (loc.data, marshal.dumps((loc.values, loc.keys))) if loc is not None else None
    return marshal.dumps(located), marshal.dumps((error, schema))


# Most files have no findings and no problems: their blobs are compared, not
# decoded.  marshal flags an object referenced more than once, so an empty list
# has two encodings (both listed; any other bytes are decoded).
_NONE_FOUND = frozenset({marshal.dumps([]), (lambda empty: marshal.dumps(empty))([])})
_NO_PROBLEMS = frozenset({marshal.dumps((None, [])), (lambda empty: marshal.dumps((None, empty)))([])})


class _IndexedFile(LoadedFile):
    """A file as the index gives it: its ``file`` a Path only when asked
    (making 10^3 Paths was a tenth of a warm refresh)."""

    _file: Path | str | None

    @property
    def file(self) -> Path | None:
        if isinstance(self._file, str):
            self._file = Path(self._file)
        return self._file

    @file.setter
    def file(self, value: Path | str | None) -> None:
        self._file = value


def _decode(blob: bytes | None, problems: bytes, shown: str, kind: FileKind, file: Path | str) -> LoadedFile:
    """A file as read; without ``blob`` (the read commands), no values."""
    error, schema = (None, ()) if problems in _NO_PROBLEMS else marshal.loads(problems)
    loaded = _IndexedFile(shown, kind, file=file)  # type: ignore[arg-type]  # a str: made a Path when asked
    located = marshal.loads(blob) if blob is not None else None
    if located is not None:
        loaded.located = _LazyLocated(shown, located[0], located[1])
    if error is not None:
        loaded.error = ClaimFileError(shown, *error)
    loaded.schema_errors = [Finding(shown, *x) for x in schema]
    return loaded


def _model_of(f: LoadedFile) -> Any:
    return f.claims_file if f.kind == "claims" else f.references_file


def _source_of(f: LoadedFile) -> str | None:
    data = f.located.data if f.located is not None else None
    doc = data.get("document") if isinstance(data, dict) and f.kind == "claims" else None
    source = doc.get("source") if isinstance(doc, dict) else None
    return source if isinstance(source, str) else None


# (path, root-relative path, kind, display path, build models (else: make the
# single-file rules' findings), repository root)
_Job = tuple[str, str, FileKind, str, bool, str]


def _claim_rows(f: LoadedFile, document: str | None) -> list[tuple[str, str, str]]:
    """(id, document, text) of each claim entry with a string id and text."""
    data = f.located.data if f.located is not None else None
    entries = data.get("claims") if isinstance(data, dict) and f.kind == "claims" else None
    if not isinstance(entries, list) or document is None:
        return []
    return [
        (e["id"], document, e["text"])
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("id"), str) and isinstance(e.get("text"), str)
    ]


def _read(job: _Job) -> tuple[str, tuple[bytes, bytes], bytes | None, str | None, facts.FileFacts, list[tuple[str, str, str]], Any]:
    """Read one file (in a worker process or not): its encoded parts; the
    model objects when ``build``, else the single-file rules' findings (with
    the state of the source they were made against)."""
    path, rel, kind, shown, build, root = job
    keep_compiled_in(Path(root) / INDEX_DIR)  # the schema's compiled check is kept beside the index
    f = load_file(Path(path), kind, shown_as=shown, build=build)
    rules = None
    if not build:
        from factcheck.checks.runner import FileRules  # the rules read the store: not at import

        rules = FileRules(f, Path(root))  # started first: a large file's helper runs while the rest is done
    model = _model_of(f)
    blob = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL) if model else None
    found = facts.extract(f)
    source = _source_of(f)
    encoded = _encode(f)
    checked: tuple[str | None, Any] | None = None
    if rules is not None:
        state = _state(Path(root) / source) if source else None
        if rules.forked:  # (only ever in the main process) collected once the file's rows are written
            rules.run_here()
            checked = (state, rules)
        else:
            checked = (state, marshal.dumps(rules.findings()))
    return rel, encoded, blob, source, found, _claim_rows(f, found.fdoc[2]), checked


# --- the database ------------------------------------------------------------------


def _state(path: Path | str) -> str:
    """A file's size and modification time, or 'missing'."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):  # a source path with NUL, too long: as good as missing
        return "missing"
    return f"{st.st_size}:{st.st_mtime_ns}"


@dataclass
class Refreshed:
    """What one refresh found: every file as read, and which were read again."""

    files: list[LoadedFile]
    changed: set[str]  # root-relative paths read again this time (or removed)
    index: Index


class Index:
    """The index of one repository."""

    def __init__(self, repo: Repository):
        self.repo = repo
        self.folder = repo.root / INDEX_DIR
        self.path = self.folder / INDEX_FILE
        self._db: sqlite3.Connection | None = None
        self._with_suppress: set[str] | None = None
        self._rels: dict[int, str] = {}  # id of a file given by _files -> its root-relative path

    # -- opening, checking, rebuilding

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        return db

    def _fresh(self) -> sqlite3.Connection:
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        db = self._connect()
        db.executescript("BEGIN;" + _SCHEMA + "COMMIT;")
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", FORMAT), ("code", _fingerprint())])
        return db

    def open(self) -> sqlite3.Connection:
        """The database, rebuilt when missing, unreadable or of another format."""
        if self._db is not None:
            return self._db
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# factcheck's index: a cache rebuilt from the files at any time.\n*\n")
        except OSError as exc:
            raise IndexUnavailable(f"cannot write {self.folder}: {exc.strerror or exc}") from None
        db = None
        try:
            db = self._connect()
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("format") != FORMAT or meta.get("code") != _fingerprint():
                db.close()
                db = self._fresh()
        except sqlite3.DatabaseError as exc:
            if db is not None:
                db.close()  # its locks would stall the rebuild
            if busy(exc):  # another command is writing it: not damaged, not ours to remove
                raise _busy_error(self.path) from None
            # Not a database, a half-written one, missing tables: never trusted.
            try:
                db = self._fresh()
            except sqlite3.Error as exc:
                raise IndexUnavailable(f"cannot build {self.path}: {exc}") from None
        self._db = db
        return db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- refreshing

    def refresh(self, extra: Sequence[tuple[Path, FileKind]] = (), *, values: bool = True, models: bool = True) -> Refreshed:
        """Bring the index up to date with the files; return every file as read
        (``values=False``: without the values and positions the rules read;
        ``models=False``: the files read again get no model objects stored)."""
        try:
            return self._refresh(extra, values, models)
        except (sqlite3.DatabaseError, EOFError, ValueError, TypeError, pickle.UnpicklingError) as exc:
            self.close()
            if busy(exc):
                # "database is locked" is an OperationalError, a DatabaseError:
                # another command held the write lock past the wait.  Its work
                # is sound; removing the file under it would lose it.
                raise _busy_error(self.path) from None
            # Corruption found mid-way (a damaged page, a truncated blob):
            # start again from the files.
            self.path.unlink(missing_ok=True)
            return self._refresh(extra, values, models)

    def _refresh(self, extra: Sequence[tuple[Path, FileKind]], values: bool, models: bool) -> Refreshed:
        db = self.open()
        root = self.repo.root
        wanted: dict[str, tuple[str, FileKind]] = {}
        shown_as: dict[str, str] = {}
        names = _Names(root)
        stats: dict[str, os.stat_result | None] = {}
        for path, kind in [*_listed(self.repo), *((str(p), k) for p, k in extra)]:
            real, st = names.real_and_stat(path)
            if not real.startswith(names.root):
                raise IndexUnavailable(f"{path} is outside the repository")
            rel = real[len(names.root):].replace(os.sep, "/")
            if rel not in wanted:
                wanted[rel] = (real, kind)
                shown_as[rel] = names.shown(path, real)
                stats[rel] = st
        rows = {r[0]: r[1:] for r in db.execute("SELECT path, kind, size, mtime_ns, sha256, shown, inode, facts_sha FROM files")}
        to_read: list[_Job] = []
        touched: list[tuple[int, int, int, str]] = []
        for rel, (path, kind) in wanted.items():
            shown = shown_as[rel]
            row = rows.get(rel)
            st = stats[rel]
            if st is None:  # a link (followed), or gone
                try:
                    st = os.stat(path)
                except OSError:
                    st = None
            if row is not None and st is not None and row[0] == kind and row[4] == shown:
                if (row[1], row[2], row[5]) == (st.st_size, st.st_mtime_ns, st.st_ino):
                    continue
                # Touched but maybe not changed (a checkout, a save without edits).
                if _sha(path) == row[3]:
                    touched.append((st.st_size, st.st_mtime_ns, st.st_ino, rel))
                    continue
            to_read.append((path, rel, kind, shown, models, str(root)))
        removed = [rel for rel in rows if rel not in wanted]
        results = self._read_all(to_read)
        if not rows and len(to_read) >= _BULK_FROM:
            self._build(to_read, results, models)  # an empty index: a cold start
        elif to_read or removed or touched:  # (nothing to write: no write lock to wait for)
            db.execute("BEGIN IMMEDIATE")
            try:
                searchable = not self._search_unbuilt()
                db.executemany("UPDATE files SET size = ?, mtime_ns = ?, inode = ? WHERE path = ?", touched)
                self._journal(db, [*removed, *(job[1] for job in to_read)], rows)
                for rel in removed:
                    self._forget(rel)
                    db.execute("DELETE FROM files WHERE path = ?", (rel,))
                later: list[tuple[str, Any]] = []
                for job, result in zip(to_read, results, strict=True):
                    self._forget(job[1])
                    self._store(db, job, result, models, later)
                    if searchable:  # else made whole, from the claims table, when first searched
                        db.execute("INSERT INTO claims_fts (rowid, id, text) SELECT rowid, id, text FROM claims WHERE path = ?", (job[1],))
                self._collect(db, later)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        files = self._files(wanted, values)
        return Refreshed(files, {r[1] for r in to_read} | set(removed), self)

    @staticmethod
    def _store(db: sqlite3.Connection, job: _Job, result: Any, models: bool, later: list[tuple[str, Any]]) -> None:
        """Write what reading one file gave (its old rows already forgotten),
        but its search rows; findings still being made by a helper process
        are added to ``later`` (see _collect)."""
        file, rel, kind, shown, *_ = job
        _, loaded, model, source, found, claims, checked = result
        if checked is not None and not isinstance(checked[1], bytes):
            later.append((rel, checked[1]))
            checked = (checked[0], None)
        p = Path(file)
        try:
            st = p.stat()
            size, mtime, inode, sha = st.st_size, st.st_mtime_ns, st.st_ino, _sha(p)
        except OSError:
            size, mtime, inode, sha = -1, -1, -1, ""  # unreadable: read again next time
        facts_sha = hashlib.sha256(marshal.dumps(tuple(found[:5]))).hexdigest()  # all but the anchors
        db.execute(
            "INSERT OR REPLACE INTO files (path, kind, size, mtime_ns, inode, sha256, shown, facts_sha, loaded, problems, model,"
            " built, anchors, suppresses, source, source_state, findings)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rel, kind, size, mtime, inode, sha, shown, facts_sha, *loaded, model, int(models), marshal.dumps(found.anchors),
             int(any(a[3] for a in found.anchors)), source, *(checked or (None, None))),
        )
        db.executemany("INSERT INTO claims (id, path, document, text) VALUES (?, ?, ?, ?)",
                       [(cid, rel, doc, text) for cid, doc, text in claims])
        facts.store(db, rel, found)

    @staticmethod
    def _journal(db: sqlite3.Connection, paths: Iterable[str], rows: dict[str, tuple[Any, ...]]) -> None:
        """Note each file about to be read again or forgotten, with its facts'
        keys as they are (before its rows are replaced), for the cross-file
        findings kept (see the crossjournal table).  A journal longer than
        the files are many is dropped with the findings: made anew next time."""
        for rel in paths:
            row = rows.get(rel)
            if row is None:
                db.execute("INSERT INTO crossjournal (path, broken, keys) VALUES (?, 0, ?)", (rel, marshal.dumps([])))
                continue
            broken = db.execute("SELECT broken FROM fdocs WHERE path = ?", (rel,)).fetchone()
            db.execute(
                "INSERT INTO crossjournal (path, facts_sha, shown, kind, broken, keys) VALUES (?, ?, ?, ?, ?, ?)",
                (rel, row[6], row[4], row[0], int(bool(broken and broken[0])), marshal.dumps(facts.keys(db, rel))),
            )
        if db.execute("SELECT count(*) > max(1000, 2 * (SELECT count(*) FROM files)) FROM crossjournal").fetchone()[0]:
            db.execute("DELETE FROM crossjournal")
            db.execute("DELETE FROM crossfile")

    @staticmethod
    def _collect(db: sqlite3.Connection, later: list[tuple[str, Any]]) -> None:
        """The findings a helper process was making, once the rest is written."""
        for rel, rules in later:
            db.execute("UPDATE files SET findings = ? WHERE path = ?", (marshal.dumps(rules.findings()), rel))

    def _build(self, jobs: list[_Job], results: Iterable[Any], models: bool) -> None:
        """Fill an empty index at once (a cold start: every file read).

        It is a cache, so it is built as a cache is: into a file of its own
        with no journal and no syncing (a kill leaves only that file, which
        the next command removes), secondary indexes made after the rows
        (one sort each, not a B-tree insertion per row), the search table
        left for the first search; then moved over the old index.  At 10^5
        claims this took the main process's writing from ~24 s to ~2 s:
        rows inserted one by one into a WAL-journalled database kept
        spilling its page cache."""
        self.close()
        _sweep(self.folder)
        tmp = self.path.with_name(f"{INDEX_FILE}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        try:
            self._build_into(tmp, jobs, results, models)
        except BaseException as exc:
            tmp.unlink(missing_ok=True)
            if isinstance(exc, sqlite3.Error):  # disk full, ...: the files are read without an index
                raise IndexUnavailable(f"cannot build {self.path}: {exc}") from None
            raise
        try:
            for suffix in ("-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            os.replace(tmp, self.path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise IndexUnavailable(f"cannot write {self.path}: {exc.strerror or exc}") from None
        self._db = self._connect()

    @staticmethod
    def _build_into(tmp: Path, jobs: list[_Job], results: Iterable[Any], models: bool) -> None:
        db = sqlite3.connect(tmp, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            tables, indexes = _schema_parts()
            db.execute("BEGIN")
            for statement in tables:
                db.execute(statement)
            later: list[tuple[str, Any]] = []
            for job, result in zip(jobs, results, strict=True):
                Index._store(db, job, result, models, later)
            for statement in indexes:
                db.execute(statement)
            Index._collect(db, later)
            # The search table is left empty, made when first searched (_search_table):
            # filling it was the largest part of writing (200,000 claims: 5 s).
            db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", FORMAT), ("code", _fingerprint()), _SEARCH_UNBUILT])
            db.execute("COMMIT")
            db.execute("PRAGMA journal_mode=WAL")  # as every other connection opens it
        finally:
            db.close()

    def _forget(self, rel: str) -> None:
        """Drop what the index derived from one file (before reading it again)."""
        assert self._db is not None
        self._db.execute("DELETE FROM claims_fts WHERE rowid IN (SELECT rowid FROM claims WHERE path = ?)", (rel,))
        self._db.execute("DELETE FROM claims WHERE path = ?", (rel,))
        facts.forget(self._db, rel)

    def _read_all(self, jobs: list[_Job]) -> Iterator[Any]:
        """Each job's result in order, as it comes: stored and dropped one by
        one, so a cold start never holds every file's bytes at once."""
        workers = min(os.cpu_count() or 1, 8)
        if len(jobs) < _PARALLEL_FROM or workers < 2:
            yield from map(_read, jobs)
            return
        from concurrent.futures import ProcessPoolExecutor  # (and logging): only for many files

        with ProcessPoolExecutor(workers) as pool:
            yield from pool.map(_read, jobs, chunksize=max(1, min(64, len(jobs) // (workers * 4))))

    def _files(self, wanted: dict[str, tuple[str, FileKind]], values: bool) -> list[LoadedFile]:
        assert self._db is not None
        column = "loaded" if values else "NULL"
        order = {rel: i for i, rel in enumerate(wanted)}
        found: list[tuple[int, LoadedFile]] = []
        for rel, kind, shown, blob, problems in self._db.execute(f"SELECT path, kind, shown, {column}, problems FROM files"):
            if rel in wanted:
                loaded = _decode(blob, problems, shown, kind, wanted[rel][0])
                self._rels[id(loaded)] = rel
                found.append((order[rel], loaded))
        found.sort(key=lambda x: x[0])
        return [f for _, f in found]

    def rel(self, f: LoadedFile) -> str:
        """``relpath(f)``: known for the files this index gave (10^3 files,
        several times a command)."""
        known = self._rels.get(id(f))
        return known if known is not None else relpath(f, self.repo.root)

    # -- models for the read commands

    def attach_models(self, files: list[LoadedFile], *, keep: bool = True) -> list[tuple[bytes | None, str]]:
        """Fill in each file's model objects from the index; those a refresh
        for `validate` left unbuilt are built now from the stored values, and
        kept (unless not ``keep``: a caller reading inside its own transaction
        keeps them itself).  Returns the (model, path) built."""
        assert self._db is not None
        by_rel = {relpath(f, self.repo.root): f for f in files}
        sql = "SELECT path, model, built, loaded FROM files"
        rows = self._db.execute(sql) if len(by_rel) > 50 else (
            self._db.execute(sql + " WHERE path = ?", (rel,)).fetchone() for rel in by_rel
        )
        fresh: list[tuple[bytes | None, str]] = []
        for row in rows:
            if row is None or row[0] not in by_rel:
                continue
            rel, model, built, blob = row
            f = by_rel[rel]
            if not built:
                bare = _decode(blob, marshal.dumps((None, [])), f.path, f.kind, Path(f.file or ""))
                bare.schema_errors, bare.error = f.schema_errors, f.error
                build_models(bare)
                f.claims_file, f.references_file = bare.claims_file, bare.references_file
                made = _model_of(f)
                fresh.append((pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL) if made else None, rel))
            elif model is not None:
                if f.kind == "claims":
                    f.claims_file = pickle.loads(model)
                else:
                    f.references_file = pickle.loads(model)
        if fresh and keep:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany("UPDATE files SET model = ?, built = 1 WHERE path = ?", fresh)
                self._db.execute("COMMIT")
            except sqlite3.OperationalError:  # busy or read-only: built again next time
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
        return fresh

    # -- what validate reads

    def tables(self, files: Sequence[LoadedFile]) -> facts.Tables:
        """The facts tables, their corpus being ``files`` in this order."""
        assert self._db is not None
        return facts.open_tables(self._db, [(self.rel(f), f.path) for f in files])

    def kept_cross(self) -> tuple[str, int, list[tuple[Any, ...]]] | None:
        """The cross-file findings kept: (context, version, entries), or None."""
        assert self._db is not None
        row = self._db.execute("SELECT context, version, blob FROM crossfile").fetchone()
        return (row[0], row[1], marshal.loads(row[2])) if row is not None else None

    def cross_journal(self) -> list[tuple[Any, ...]]:
        """(n, path, facts_sha, shown, kind, broken, keys) of every file whose
        facts were replaced since the cross-file findings were kept, oldest first."""
        assert self._db is not None
        return [(*r[:6], marshal.loads(r[6])) for r in self._db.execute(
            "SELECT n, path, facts_sha, shown, kind, broken, keys FROM crossjournal ORDER BY n")]

    def keep_cross(self, context: str, seen: int | None, entries: list[tuple[Any, ...]], upto: int) -> bool:
        """Keep ``entries`` as the cross-file findings of the files as they are
        now, and drop the journal up to ``upto`` (what they took in), unless
        another command kept others since this one read version ``seen``
        (None: none were kept).  Best effort: False when not kept."""
        assert self._db is not None
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute("SELECT version FROM crossfile").fetchone()
                if (row[0] if row is not None else None) != seen:
                    db.execute("ROLLBACK")
                    return False
                db.execute("DELETE FROM crossfile")
                db.execute("INSERT INTO crossfile VALUES (?, ?, ?)", (context, (seen or 0) + 1, marshal.dumps(entries)))
                db.execute("DELETE FROM crossjournal WHERE n <= ?", (upto,))
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError:  # busy or read-only: asked again next time
            return False
        return True

    def attach_values(self, files: Sequence[LoadedFile]) -> None:
        """Fill in the values and positions of ``files`` (a refresh made without them)."""
        assert self._db is not None
        for f in files:
            row = self._db.execute("SELECT loaded FROM files WHERE path = ?", (self.rel(f),)).fetchone()
            located = marshal.loads(row[0]) if row is not None else None
            if located is not None:
                f.located = _LazyLocated(f.path, located[0], located[1])

    def anchors(self, files: Sequence[LoadedFile], shown: Iterable[str]) -> dict[str, list[Any]]:
        """baseline.anchors for the files named ``shown`` and every file with a ``suppress:`` key."""
        from factcheck.baseline import Anchor

        assert self._db is not None
        wanted = set(shown)
        out: dict[str, list[Any]] = {}
        for f in files:
            if f.path not in wanted and not self._suppressing(f):
                continue
            row = self._db.execute("SELECT anchors FROM files WHERE path = ?", (self.rel(f),)).fetchone()
            if row is not None and (found := marshal.loads(row[0])):
                out[f.path] = [Anchor(line, ident, frozenset(names), places) for line, ident, names, places in found]
        return out

    def _suppressing(self, f: LoadedFile) -> bool:
        if self._with_suppress is None:
            assert self._db is not None
            self._with_suppress = {r[0] for r in self._db.execute("SELECT path FROM files WHERE suppresses")}
        return self.rel(f) in self._with_suppress

    def files_for_claim(self, claim_id: str) -> set[str] | None:
        """The files one claim's full answer (statuses, references, related
        claims, document) depends on: its own, those of claims related to it
        either way, the claims files giving its document id, and the
        reference files of what it cites (with their short-form targets).
        None when no claim has that id."""
        assert self._db is not None
        db = self._db
        own = {r[0] for r in db.execute("SELECT path FROM items WHERE kind = 'claims' AND id = ?", (claim_id,))}
        if not own:
            return None
        # A relation or cite row belongs to the entry at (path, pos) of its file.
        related = {r[0] for r in db.execute(
            "SELECT path FROM relations WHERE target = ?"
            " UNION SELECT t.path FROM items s JOIN relations r ON r.path = s.path AND r.pos = s.pos"
            " JOIN items t ON t.id = r.target AND t.kind = 'claims'"
            " WHERE s.kind = 'claims' AND s.id = ?", (claim_id, claim_id))}
        # The claims files giving its document's id: `show` reads the first one's
        # document (its source, its banners), whichever file the claim is in.
        documents = {r[0] for r in db.execute(
            "SELECT path FROM fdocs WHERE kind = 'claims'"
            " AND document IN (SELECT document FROM items WHERE kind = 'claims' AND id = ?)", (claim_id,))}
        cited = {r[0] for r in db.execute(
            "WITH RECURSIVE cited(id) AS ("
            " SELECT x.ref FROM items s JOIN cites x ON x.path = s.path AND x.pos = s.pos"
            "  WHERE s.kind = 'claims' AND s.id = ? AND x.key != 'custom.see'"
            " UNION SELECT x.ref FROM cited JOIN items s ON s.id = cited.id AND s.kind = 'references'"
            "  JOIN cites x ON x.path = s.path AND x.pos = s.pos AND x.key = 'custom.see')"
            " SELECT i.path FROM items i JOIN cited ON i.id = cited.id AND i.kind = 'references'", (claim_id,))}
        return own | related | documents | cited

    # -- single-file findings

    def cached_findings(self) -> dict[str, tuple[str | None, str | None, list[tuple[Any, ...]] | None]]:
        """Per root-relative path: (source, source state then, findings or None)."""
        assert self._db is not None
        out = {}
        for rel, source, state, blob in self._db.execute("SELECT path, source, source_state, findings FROM files"):
            out[rel] = (source, state, None if blob is None else [] if blob in _NONE_FOUND else marshal.loads(blob))
        return out

    def store_findings(self, rows: Iterable[tuple[str, str | None, list[tuple[Any, ...]]]]) -> None:
        """Keep the single-file rules' findings. Best effort: busy or
        read-only, they are made again next time."""
        assert self._db is not None
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(
                "UPDATE files SET source_state = ?, findings = ? WHERE path = ?",
                [(state, marshal.dumps(findings), rel) for rel, state, findings in rows],
            )
            self._db.execute("COMMIT")
        except sqlite3.OperationalError:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")

    def source_state(self, source: str | None) -> str | None:
        # (os.path.join, not Path: once per claims file, 10^3 a command)
        return _state(os.path.join(self.repo.root, source)) if source else None

    # -- search

    def _search_unbuilt(self) -> bool:
        assert self._db is not None
        return self._db.execute("SELECT 1 FROM meta WHERE key = ? AND value = ?", _SEARCH_UNBUILT).fetchone() is not None

    def _search_table(self) -> str:
        """The trigram table, filled from the claims table first if a cold
        start left it empty; where it cannot be written (busy, read-only),
        a temporary one filled alike."""
        assert self._db is not None
        db = self._db
        if not self._search_unbuilt():
            return "claims_fts"
        fill = "INSERT INTO {}(rowid, id, text) SELECT rowid, id, text FROM claims ORDER BY rowid"
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                if self._search_unbuilt():  # not made meanwhile by another command
                    db.execute("DELETE FROM claims_fts")
                    db.execute(fill.format("claims_fts"))
                    db.execute("DELETE FROM meta WHERE key = ?", _SEARCH_UNBUILT[:1])
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError:
            db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search USING fts5(id UNINDEXED, text, tokenize='trigram')")
            if db.execute("SELECT count(*) FROM temp.search").fetchone()[0] == 0:
                db.execute(fill.format("temp.search"))
            return "temp.search"
        return "claims_fts"

    def claim_ids_matching(self, text: str) -> list[str]:
        """Ids of claims whose text holds ``text`` literally, in file order.

        The trigram tokenizer answers queries of three characters or more
        from its index; a shorter one (兵士, 死者: most Japanese words are one
        or two characters) has no trigram to look up, so it falls back to a
        scan of the claims table, still without reading any file."""
        assert self._db is not None
        if not text:
            return []
        if len(text) >= 3:
            phrase = '"' + text.replace('"', '""') + '"'
            table = self._search_table()
            sql = (f"SELECT c.id FROM {table} f JOIN claims c ON c.rowid = f.rowid"
                   f" WHERE {table.split('.')[-1]} MATCH ? ORDER BY c.path, c.rowid")
            return [r[0] for r in self._db.execute(sql, (phrase,))]
        sql = "SELECT id FROM claims WHERE instr(text, ?) > 0 ORDER BY path, rowid"
        return [r[0] for r in self._db.execute(sql, (text,))]


def _sha(path: Path | str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def _listed(repo: Repository) -> list[tuple[str, FileKind]]:
    """``repo.all_paths()`` as strings (10^3 files: no Path made for each)."""
    if repo.config.exclude:
        return [(str(p), kind) for p, kind in repo.all_paths()]
    out: list[tuple[str, FileKind]] = []
    for kind, folder in (("claims", repo.claims_dir), ("references", repo.references_dir)):
        where = str(folder)
        if not os.path.isdir(where):
            continue
        with os.scandir(where) as entries:
            names = sorted(e.name for e in entries if not e.name.startswith(".") and os.path.splitext(e.name)[1] in YAML_SUFFIXES)
        out += [(where + os.sep + name, cast(FileKind, kind)) for name in names]
    return out


class _Names:
    """Real paths and display paths of many files under one root, resolving
    each folder once (pathlib's resolve per file was a third of a warm run)."""

    def __init__(self, root: Path):
        self.root = str(root) + os.sep
        self.cwd = str(Path.cwd().resolve()) + os.sep
        self._folders: dict[str, str] = {}

    def real(self, path: Path) -> str:
        """What ``path.resolve()`` gives, as a string."""
        return self.real_and_stat(path)[0]

    def real_and_stat(self, path: Path | str) -> tuple[str, os.stat_result | None]:
        """``real(path)``, with the file's stat() when one lstat() tells it
        (not a link; None otherwise): one system call a file, not two."""
        text = os.path.abspath(path)
        try:
            st: os.stat_result | None = os.lstat(text)
        except (OSError, ValueError):
            st = None
        if st is None or stat.S_ISLNK(st.st_mode):
            return (str(Path(text).resolve()) if st is not None else self._in_folder(text)), None
        return self._in_folder(text), st

    def _in_folder(self, text: str) -> str:
        folder, name = os.path.split(text)
        if folder not in self._folders:
            self._folders[folder] = str(Path(folder).resolve())
        return os.path.join(self._folders[folder], name)

    def shown(self, path: Path | str, real: str) -> str:
        """What ``display_path(path)`` gives: relative to the working folder when inside it."""
        return real[len(self.cwd):] if real.startswith(self.cwd) else str(path)


def relpath(f: LoadedFile, root: Path) -> str:
    """A file's path relative to the repository root, with /."""
    text, prefix = str(f.file), str(root) + os.sep
    if text.startswith(prefix):
        return text[len(prefix):].replace(os.sep, "/")
    return Path(text).relative_to(root).as_posix()


def load(
    repo: Repository,
    extra: Sequence[tuple[Path, FileKind]] = (),
    *,
    build: bool = True,
    values: bool = True,
    notice: Callable[[str], None] | None = None,
) -> tuple[Corpus, Refreshed | None]:
    """The repository's files as read, through the index when it can be used
    (else straight from the files): with ``build``, the model objects the read
    commands use (from the index, without the values the rules read); without
    it, the values only, or (``values=False``, through the index only) neither:
    `validate` then asks the index's tables and fetches the values it needs.
    ``notice(message)`` hears why the index was passed over when another
    command kept it locked."""
    if enabled():
        try:
            refreshed = Index(repo).refresh(extra, values=values and not build, models=build)
        except IndexUnavailable as exc:
            if notice is not None and isinstance(exc, IndexBusy):
                notice(str(exc))
            refreshed = None
        if refreshed is not None:
            if build:
                refreshed.index.attach_models(refreshed.files)
                refreshed.index.close()  # the read commands need nothing more from it
                return Corpus(repo.root, refreshed.files, table=repo.config.table), refreshed
            # validate's rules rate no reference: the table (a YAML vocabulary) is read if ever asked.
            return Corpus(repo.root, refreshed.files, table=cast(Any, _LazyTable(lambda: repo.config.table))), refreshed
    return repo.load(extra, build=build), None


class _LazyTable:
    """A reliability table made when first used."""

    def __init__(self, make: Callable[[], Any]):
        self._make = make
        self._table: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._table is None:
            self._table = self._make()
        return getattr(self._table, name)


def derived(repo: Repository, names: Sequence[str], compute: Callable[[Corpus], tuple[Any, ...]]) -> tuple[Any, ...]:
    """``compute(corpus)`` over sound input (the first broken file raises, as
    ``Corpus.raise_if_broken``): one value per name, each kept in the index
    under its name while no file, no source (the report quotes them) and not
    the configuration changed.  A warm `stats` unpickles no claim, a warm
    `report` compares no pair.  Values computed together are stored
    together (`list` keeps the statuses `stats` reads)."""
    if enabled():
        try:
            idx = Index(repo)
            refreshed = idx.refresh(values=False)
        except IndexUnavailable:
            pass
        else:
            try:
                Corpus(repo.root, refreshed.files).raise_if_broken()
                db = idx.open()
                h = hashlib.sha256(f"{repo.config!r}\x1e".encode())
                for rel, sha, source in db.execute("SELECT path, sha256, source FROM files ORDER BY path"):
                    h.update(f"{rel}\x1f{sha}\x1f{idx.source_state(source)}\x1e".encode())
                key = h.hexdigest()
                rows = [db.execute("SELECT blob FROM derived WHERE name = ? AND key = ?", (n, key)).fetchone() for n in names]
                if all(row is not None for row in rows):
                    return tuple(pickle.loads(row[0]) for row in rows)
                idx.attach_models(refreshed.files)
                values = compute(Corpus(repo.root, refreshed.files, table=repo.config.table))
                try:
                    db.execute("BEGIN IMMEDIATE")
                    db.executemany("INSERT OR REPLACE INTO derived VALUES (?, ?, ?)",
                                   [(n, key, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for n, v in zip(names, values, strict=True)])
                    db.execute("COMMIT")
                except sqlite3.OperationalError:  # busy or read-only: computed again next time
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                return values
            finally:
                idx.close()
    corpus = repo.load()
    corpus.raise_if_broken()
    return compute(corpus)


def cached_candidates(repo: Repository) -> Callable[..., list[Any]]:
    """``factcheck.contradict.candidates`` through the index: answered from the
    last scan over the same claims (same ids, documents, kinds and texts; the
    detector's own code is in the index's fingerprint), else scanned and kept.
    Without a usable index, the plain scan."""
    from factcheck.contradict import candidates

    def find(claims: Sequence[Any], titles: Mapping[str, str] | None = None) -> list[Any]:
        if not enabled():
            return candidates(claims, titles=titles)
        h = hashlib.sha256()
        for c in claims:
            h.update(f"{c.id}\x1f{c.document}\x1f{c.kind}\x1f{c.text}\x1e".encode())
        for doc, title in sorted((titles or {}).items()):
            h.update(f"{doc}\x1f{title}\x1d".encode())  # a title tells the scan a page's topic
        key = h.hexdigest()
        idx = Index(repo)
        try:
            db = idx.open()
            row = db.execute("SELECT blob FROM candidates WHERE key = ?", (key,)).fetchone()
            if row is not None:
                return pickle.loads(row[0])
        except (IndexUnavailable, sqlite3.Error, pickle.UnpicklingError, EOFError):
            idx.close()
            return candidates(claims, titles=titles)
        found = candidates(claims, titles=titles)
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM candidates")
            db.execute("INSERT INTO candidates VALUES (?, ?)", (key, pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)))
            db.execute("COMMIT")
        except sqlite3.Error:  # busy or read-only: scanned again next time
            if db.in_transaction:
                db.execute("ROLLBACK")
        finally:
            idx.close()
        return found

    return find


def _unchanged_files_for_claim(idx: Index, claim_id: str, corpus: Collection[str]) -> list[LoadedFile] | None:
    """The files of :meth:`Index.files_for_claim` straight from the index,
    in corpus order (claims, then references, each by name), without the
    refresh: for a caller that knows no file of ``corpus`` (root-relative
    paths) changed (``factcheck.warm``'s stamp).  None when the index cannot
    tell, or names a file outside ``corpus`` (one validate was given)."""
    idx.open()
    needed = idx.files_for_claim(claim_id)
    if needed is None or not needed <= set(corpus):
        return None
    assert idx._db is not None
    marks = ", ".join("?" for _ in needed)
    rows = idx._db.execute(f"SELECT path, kind, shown, problems FROM files WHERE path IN ({marks})", sorted(needed)).fetchall()
    if len(rows) != len(needed):
        return None
    rows.sort(key=lambda r: (r[1] != "claims", r[0]))
    return [_decode(None, problems, shown, kind, idx.repo.root / rel) for rel, kind, shown, problems in rows]


def load_for_claim(repo: Repository, claim_id: str, *, unchanged: Collection[str] | None = None) -> Corpus:
    """Just the files one claim's answer needs (see Index.files_for_claim),
    or every file when the index cannot tell (no index, an unknown id: the
    error then suggests ids from the whole repository).  ``unchanged``: the
    corpus's files (root-relative), which the caller checked did not change
    since the index was refreshed (a warm stamp): the refresh, a stat() and a
    row of every file, is skipped."""
    if enabled():
        try:
            idx = Index(repo)
            if unchanged is not None:
                files = _unchanged_files_for_claim(idx, claim_id, unchanged)
                if files is not None:
                    idx.attach_models(files)
                    idx.close()
                    return Corpus(repo.root, files, table=repo.config.table)
            refreshed = idx.refresh(values=False)
            needed = idx.files_for_claim(claim_id)
        except IndexUnavailable:
            needed = None
        else:
            # A broken file anywhere: the whole corpus, so the caller stops at
            # the first one exactly as it would without the index.
            if needed is not None and all(f.ok for f in refreshed.files):
                files = [f for f in refreshed.files if relpath(f, repo.root) in needed]
            else:
                files = refreshed.files
            idx.attach_models(files)
            idx.close()
            return Corpus(repo.root, files, table=repo.config.table)
    return repo.load()


__all__ = ["Index", "IndexBusy", "IndexUnavailable", "BUSY_TIMEOUT", "busy", "Refreshed", "load", "load_for_claim", "cached_candidates", "derived", "enabled", "relpath", "INDEX_DIR"]
