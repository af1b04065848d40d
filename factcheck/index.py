"""The incremental index: what was read from each claim and reference file,
kept in an embedded SQLite database under ``.factcheck/`` so that a command
re-reads only the files that changed since the last one.

The index is a cache, never the source of truth: it is rebuilt from the files
whenever it is missing, corrupt, written by another version of factcheck or
its format, and any file whose size, modification time or content hash
differs from what was recorded is read again.  The folder carries its own
``.gitignore`` so it never reaches a commit.

Per file it keeps: the content hash, the values as read with the position of
every node (what the rules read), the schema findings, the model objects
(what the read commands use), the findings of the rules that look at one
file only (keyed also by the state of the document's source file), the
cross-file links (relations, cites, reference ids: what `show ID` needs to
gather the few files its answer depends on), and the claim texts in an FTS5
trigram table for literal search (:meth:`Index.claim_ids_matching`; the
fuzzy `search` command still scores every claim).

Reading many changed files at once (a cold start) is spread over a process
pool, one worker per core.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck import __version__
from factcheck.errors import ClaimFileError
from factcheck.model import Finding
from factcheck.store import Corpus, FileKind, LoadedFile, Repository, display_path, load_file
from factcheck.yamlio import Located

INDEX_DIR = ".factcheck"
INDEX_FILE = "index.sqlite"
# Bumped whenever what is stored changes shape; an index of another format
# (or written by another factcheck version) is rebuilt, never read.
FORMAT = "5"
NO_INDEX_ENV = "FACTCHECK_NO_INDEX"
# Below this many files to read, a process pool costs more than it saves.
_PARALLEL_FROM = 48

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY,          -- relative to the repository root, with /
    kind TEXT NOT NULL,             -- claims | references
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    shown TEXT NOT NULL,            -- the display path the blobs were made with
    loaded BLOB NOT NULL,           -- marshal: values and node positions (what rules read)
    problems BLOB NOT NULL,         -- marshal: why it could not be read, schema findings
    model BLOB,                     -- pickle: the ClaimFile or ReferenceFile, or NULL
    source TEXT,                    -- the document's source path (claims files)
    source_state TEXT,              -- size:mtime of that source when findings were made
    findings BLOB                   -- marshal: findings of the single-file rules, or NULL
);
CREATE TABLE claims (
    id TEXT NOT NULL,
    path TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
    document TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX claims_id ON claims(id);
CREATE INDEX claims_path ON claims(path);
-- Cross-file links, to gather the few files one claim's answer depends on.
CREATE TABLE links (
    path TEXT NOT NULL,             -- the file the link is written in
    source TEXT NOT NULL,           -- a claim id (or a reference id, for custom.see)
    target TEXT NOT NULL,           -- a claim id (relations) or a reference id (cites, covered_by, see)
    kind TEXT NOT NULL              -- relation | cite
);
CREATE INDEX links_source ON links(source);
CREATE INDEX links_target ON links(target);
CREATE INDEX links_path ON links(path);
CREATE TABLE refs (id TEXT NOT NULL, path TEXT NOT NULL);
CREATE INDEX refs_id ON refs(id);
CREATE INDEX refs_path ON refs(path);
CREATE VIRTUAL TABLE claims_fts USING fts5(id UNINDEXED, text, tokenize='trigram');
"""


class IndexUnavailable(Exception):
    """The index cannot be used here (read-only folder, no FTS5 ...): read the files."""


def _fingerprint() -> str:
    """The version and the state of factcheck's own files: an index made by
    other code (rules, vocabularies, the reader) is not trusted."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for p in sorted(package.rglob("*")):
        if p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts:
            st = p.stat()
            h.update(f"{p.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


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


def _decode(blob: bytes | None, problems: bytes, shown: str, kind: FileKind, file: Path) -> LoadedFile:
    """A file as read; without ``blob`` (the read commands), no values."""
    error, schema = marshal.loads(problems)
    loaded = LoadedFile(shown, kind, file=file)
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


def _read(job: tuple[str, str, FileKind, str]) -> tuple[str, tuple[bytes, bytes], bytes | None, str | None, Any]:
    """Read one file (in a worker process or not): its encoded parts."""
    path, rel, kind, shown = job
    f = load_file(Path(path), kind, shown_as=shown)
    model = _model_of(f)
    claims: list[tuple[str, str, str]] = []
    links: list[tuple[str, str, str]] = []
    refs: list[str] = []
    if model is not None and f.kind == "claims":
        for c in model.claims:
            claims.append((c.id, c.document, c.text))
            links += [(c.id, r.target, "relation") for r in c.relations]
            links += [(c.id, ref, "cite") for ref in (*c.cites, *c.covered_by)]
    elif model is not None:
        for r in model.references:
            refs.append(r.id)
            see = r.custom.get("see") if isinstance(r.custom, dict) else None
            if isinstance(see, str):
                links.append((r.id, see, "cite"))
    blob = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL) if model else None
    return rel, _encode(f), blob, _source_of(f), (claims, links, refs)


# --- the database ------------------------------------------------------------------


def _state(path: Path) -> str:
    """A file's size and modification time, or 'missing'."""
    try:
        st = path.stat()
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

    # -- opening, checking, rebuilding

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
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
        except sqlite3.DatabaseError:
            # Not a database, a half-written one, missing tables: never trusted.
            if db is not None:
                db.close()  # its locks would stall the rebuild
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

    def refresh(self, extra: Sequence[tuple[Path, FileKind]] = (), *, values: bool = True) -> Refreshed:
        """Bring the index up to date with the files; return every file as read
        (``values=False``: without the values and positions the rules read)."""
        try:
            return self._refresh(extra, values)
        except (sqlite3.DatabaseError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            # Corruption found mid-way (a damaged page, a truncated blob):
            # start again from the files.
            self.close()
            self.path.unlink(missing_ok=True)
            return self._refresh(extra, values)

    def _refresh(self, extra: Sequence[tuple[Path, FileKind]], values: bool) -> Refreshed:
        db = self.open()
        root = self.repo.root
        wanted: dict[str, tuple[Path, FileKind]] = {}
        for path, kind in [*self.repo.all_paths(), *extra]:
            try:
                rel = path.resolve().relative_to(root).as_posix()
            except ValueError:
                raise IndexUnavailable(f"{path} is outside the repository") from None
            wanted.setdefault(rel, (path, kind))
        rows = {r[0]: r[1:] for r in db.execute("SELECT path, kind, size, mtime_ns, sha256, shown FROM files")}
        to_read: list[tuple[str, str, FileKind, str]] = []
        touched: list[tuple[int, int, str]] = []
        for rel, (path, kind) in wanted.items():
            shown = display_path(path)
            row = rows.get(rel)
            try:
                st = path.stat()
            except OSError:
                st = None
            if row is not None and st is not None and row[0] == kind and row[4] == shown:
                if (row[1], row[2]) == (st.st_size, st.st_mtime_ns):
                    continue
                # Touched but maybe not changed (a checkout, a save without edits).
                if _sha(path) == row[3]:
                    touched.append((st.st_size, st.st_mtime_ns, rel))
                    continue
            to_read.append((str(path), rel, kind, shown))
        removed = [rel for rel in rows if rel not in wanted]
        results = self._read_all(to_read)
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", touched)
            for rel in removed:
                self._forget(rel)
                db.execute("DELETE FROM files WHERE path = ?", (rel,))
            for (file, rel, kind, shown), (_, loaded, model, source, (claims, links, refs)) in zip(to_read, results, strict=True):
                p = Path(file)
                try:
                    st = p.stat()
                    size, mtime, sha = st.st_size, st.st_mtime_ns, _sha(p)
                except OSError:
                    size, mtime, sha = -1, -1, ""  # unreadable: read again next time
                self._forget(rel)
                db.execute(
                    "INSERT OR REPLACE INTO files (path, kind, size, mtime_ns, sha256, shown, loaded, problems, model,"
                    " source, source_state, findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
                    (rel, kind, size, mtime, sha, shown, *loaded, model, source),
                )
                db.executemany("INSERT INTO claims (id, path, document, text) VALUES (?, ?, ?, ?)",
                               [(cid, rel, doc, text) for cid, doc, text in claims])
                db.execute("INSERT INTO claims_fts (rowid, id, text) SELECT rowid, id, text FROM claims WHERE path = ?", (rel,))
                db.executemany("INSERT INTO links VALUES (?, ?, ?, ?)", [(rel, *link) for link in links])
                db.executemany("INSERT INTO refs VALUES (?, ?)", [(ident, rel) for ident in refs])
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        files = self._files(wanted, values)
        return Refreshed(files, {r[1] for r in to_read} | set(removed), self)

    def _forget(self, rel: str) -> None:
        """Drop what the index derived from one file (before reading it again)."""
        assert self._db is not None
        self._db.execute("DELETE FROM claims_fts WHERE rowid IN (SELECT rowid FROM claims WHERE path = ?)", (rel,))
        for table in ("claims", "links", "refs"):
            self._db.execute(f"DELETE FROM {table} WHERE path = ?", (rel,))

    def _read_all(self, jobs: list[tuple[str, str, FileKind, str]]) -> Iterator[Any]:
        """Each job's result in order, as it comes: stored and dropped one by
        one, so a cold start never holds every file's bytes at once."""
        workers = min(os.cpu_count() or 1, 8)
        if len(jobs) < _PARALLEL_FROM or workers < 2:
            yield from map(_read, jobs)
            return
        with ProcessPoolExecutor(workers) as pool:
            yield from pool.map(_read, jobs, chunksize=max(1, min(64, len(jobs) // (workers * 4))))

    def _files(self, wanted: dict[str, tuple[Path, FileKind]], values: bool) -> list[LoadedFile]:
        assert self._db is not None
        out = []
        column = "loaded" if values else "NULL"
        for rel, kind, shown, blob, problems in self._db.execute(f"SELECT path, kind, shown, {column}, problems FROM files"):
            if rel in wanted:
                out.append(_decode(blob, problems, shown, kind, wanted[rel][0].resolve()))
        order = {rel: i for i, rel in enumerate(wanted)}
        out.sort(key=lambda f: order[Path(f.file).relative_to(self.repo.root).as_posix()])  # type: ignore[arg-type]
        return out

    # -- models for the read commands

    def attach_models(self, files: list[LoadedFile]) -> None:
        """Fill in each file's model objects from the index."""
        assert self._db is not None
        by_rel = {relpath(f, self.repo.root): f for f in files}
        rows = self._db.execute("SELECT path, model FROM files WHERE model IS NOT NULL") if len(by_rel) > 50 else (
            self._db.execute("SELECT path, model FROM files WHERE model IS NOT NULL AND path = ?", (rel,)).fetchone()
            for rel in by_rel
        )
        for row in rows:
            if row is None or row[0] not in by_rel:
                continue
            rel, model = row
            f = by_rel[rel]
            built = pickle.loads(model)
            if f.kind == "claims":
                f.claims_file = built
            else:
                f.references_file = built

    def files_for_claim(self, claim_id: str) -> set[str] | None:
        """The files one claim's full answer (statuses, references, related
        claims) depends on: its own, those of claims related to it either way,
        and the reference files of what it cites (with their short-form
        targets).  None when no claim has that id."""
        assert self._db is not None
        db = self._db
        own = {r[0] for r in db.execute("SELECT path FROM claims WHERE id = ?", (claim_id,))}
        if not own:
            return None
        related = {r[0] for r in db.execute(
            "SELECT path FROM links WHERE kind = 'relation' AND target = ?"
            " UNION SELECT c.path FROM links l JOIN claims c ON c.id = l.target"
            " WHERE l.kind = 'relation' AND l.source = ?", (claim_id, claim_id))}
        cited = {r[0] for r in db.execute(
            "WITH RECURSIVE cited(id) AS (SELECT target FROM links WHERE kind = 'cite' AND source = ?"
            " UNION SELECT l.target FROM links l JOIN cited ON l.source = cited.id WHERE l.kind = 'cite')"
            " SELECT r.path FROM refs r JOIN cited ON r.id = cited.id", (claim_id,))}
        return own | related | cited

    # -- single-file findings

    def cached_findings(self) -> dict[str, tuple[str | None, str | None, list[tuple[Any, ...]] | None]]:
        """Per root-relative path: (source, source state then, findings or None)."""
        assert self._db is not None
        out = {}
        for rel, source, state, blob in self._db.execute("SELECT path, source, source_state, findings FROM files"):
            out[rel] = (source, state, marshal.loads(blob) if blob is not None else None)
        return out

    def store_findings(self, rows: Iterable[tuple[str, str | None, list[tuple[Any, ...]]]]) -> None:
        assert self._db is not None
        self._db.execute("BEGIN IMMEDIATE")
        self._db.executemany(
            "UPDATE files SET source_state = ?, findings = ? WHERE path = ?",
            [(state, marshal.dumps(findings), rel) for rel, state, findings in rows],
        )
        self._db.execute("COMMIT")

    def source_state(self, source: str | None) -> str | None:
        return _state(self.repo.root / source) if source else None

    # -- search

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
            sql = ("SELECT c.id FROM claims_fts f JOIN claims c ON c.rowid = f.rowid"
                   " WHERE claims_fts MATCH ? ORDER BY c.path, c.rowid")
            return [r[0] for r in self._db.execute(sql, (phrase,))]
        sql = "SELECT id FROM claims WHERE instr(text, ?) > 0 ORDER BY path, rowid"
        return [r[0] for r in self._db.execute(sql, (text,))]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def relpath(f: LoadedFile, root: Path) -> str:
    return Path(f.file).relative_to(root).as_posix()  # type: ignore[arg-type]


def load(repo: Repository, extra: Sequence[tuple[Path, FileKind]] = (), *, build: bool = True) -> tuple[Corpus, Refreshed | None]:
    """The repository's files as read, through the index when it can be used
    (else straight from the files): with ``build``, the model objects the read
    commands use (from the index, without the values the rules read); without
    it, the values only."""
    if enabled():
        try:
            refreshed = Index(repo).refresh(extra, values=not build)
        except IndexUnavailable:
            refreshed = None
        if refreshed is not None:
            if build:
                refreshed.index.attach_models(refreshed.files)
                refreshed.index.close()  # the read commands need nothing more from it
            return Corpus(repo.root, refreshed.files, table=repo.config.table), refreshed
    return repo.load(extra, build=build), None


def load_for_claim(repo: Repository, claim_id: str) -> Corpus:
    """Just the files one claim's answer needs (see Index.files_for_claim),
    or every file when the index cannot tell (no index, an unknown id: the
    error then suggests ids from the whole repository)."""
    if enabled():
        try:
            idx = Index(repo)
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


__all__ = ["Index", "IndexUnavailable", "Refreshed", "load", "load_for_claim", "enabled", "relpath", "INDEX_DIR"]
