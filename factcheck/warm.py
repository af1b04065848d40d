"""Warm answers: `list`, `stats` and `search` from what the index kept, when
nothing they depend on changed, without loading the store, the model or a
single claim object; and `show` without refreshing the index.

The first `list`, `stats` or `search` after a change brings the rows up
to date (:mod:`factcheck.rows`: only the claims whose statuses or records
the change could touch are derived again, file by file) and answers from
them: ``warm_claims`` (corpus order, id, document, text, statuses, labels),
``warm_records`` (the JSON record as `list` prints it, indented: made
with the row, so that a `list` of 22,000 claims indents none when asked),
*lists* (``.factcheck/lists/``: for each status, and for every claim, the
answer of `list --status S --format json` (`list --format json`) as printed,
one file each, sent to stdout by the kernel; ``warm_runs`` says where each
claims file's records lie in them), ``warm_files`` (what each file's rows were made
from), with the claims counted per document and set of statuses, the
configuration's formats, the corpus's paths, and a *stamp* of what they
were made from.  A later command computes the stamp
again and, only when it is equal, answers from what was kept: ``list`` with
``--status``/``--doc`` as JSON, YAML, ids or its table, ``stats`` from the counts kept as its columns,
``search`` scoring only the rows holding the query as written (SQLite's
``instr`` finds them, in the files ``warm_chars`` says hold each of its characters); ``show`` takes the index's rows for its few files
without the refresh (a stat() and a row of every file).  Anything else
(another filter, an unknown status or document, which must fail as it
always did, a search with no literal hit) takes the usual path.

The stamp (:mod:`factcheck.stamp`, shared with the answers the console
script keeps, :mod:`factcheck.answers`) is a hash of factcheck's own code
(the index's fingerprint), the two configuration files, and every entry of
``claims/`` and ``references/`` with its size, modification time, inode and
mode: a stat() walk, no file read.  It is computed *before* the usual path reads anything, so a file
edited while that read runs makes the kept rows stale, never wrong.
Statuses and records depend on the claim and reference files and the
configuration only (not on the sources: `show` reads its source itself).

Like the rest of the index this is a cache: any error reading it (a damaged
database, a missing table, another format) means "not warm", and the usual
path then checks, rebuilds and keeps again.  A list file is sent only when
its size, modification time and inode are those the summary kept when it was
written, and it holds as many claims as the summary counts; else the
records are read apart, and the rows are marked stale so that the next
command writes every list file again (bytes changed in place with the time
set back are not seen, as a damaged blob inside the database is not).
"""

from __future__ import annotations

import codecs
import json
import os
from collections import namedtuple
from pathlib import Path

from factcheck import options
from factcheck import stamp as stamping

# typing and dataclasses are not imported: a first `stats --format json`
# answered by the console script without typer (factcheck.direct) has ~20 ms
# for all its work, and they cost half of it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterator, Sequence
    from typing import IO, Any
else:
    # The driver itself, the same connections and errors as the sqlite3
    # package's: the package adds DB-API adapters for dates, and importing
    # datetime for them was ~1.5 ms of every first answer (issue 9).
    try:
        import _sqlite3 as sqlite3
    except ImportError:  # pragma: no cover - an interpreter without CPython's driver module
        import sqlite3
    if not hasattr(sqlite3, "connect"):  # pragma: no cover - another build's driver: the package's then
        import sqlite3

# Where the index lives: the same names as factcheck.index (a test holds
# them equal), repeated here because importing it is what a warm answer avoids.
INDEX_DIR = ".factcheck"
INDEX_FILE = "index.sqlite"
FOLDERS, CONFIG_FILES, ROOT_ENV = stamping.FOLDERS, stamping.CONFIG_FILES, stamping.ROOT_ENV
NO_INDEX_ENV = "FACTCHECK_NO_INDEX"
# Bumped whenever the rows kept here change shape.
FORMAT = "13"
# The `list` formats answered from the rows.
RECORD_FORMATS = ("json", "yaml", "ids")

_TABLES = """
CREATE TABLE warm (name TEXT PRIMARY KEY, stamp TEXT NOT NULL, value TEXT NOT NULL);
CREATE TABLE warm_claims (
    n INTEGER PRIMARY KEY,      -- corpus order
    id TEXT NOT NULL,
    document TEXT NOT NULL,
    text TEXT NOT NULL,
    statuses TEXT NOT NULL,     -- in STATUSES order, space-separated
    labels TEXT NOT NULL        -- JSON list
);
-- Apart, so that a filter scans short rows and reads only the records it keeps.
CREATE TABLE warm_records (
    n INTEGER PRIMARY KEY,      -- warm_claims.n
    record BLOB NOT NULL        -- the claim's `list --format json` record as printed (indented, UTF-8)
);
-- Each claims file's run of records of one status (or of every claim, ALL) in
-- that status's list file (LISTS_DIR): `list --status S --format json` as printed, one
-- file sent whole (its records apart were a lookup each, scattered over every page
-- of warm_records: 22,000 of 100k claims read ~45 MB in ~45 ms, and read from rows
-- of runs, 13 MB still went through Python: Warm._listed).  A list file is the
-- runs in key order, as `list` prints a JSON list of their records.  A
-- change writes it again, the runs of the files it did not touch copied from the
-- last one where these rows say they lie (factcheck.rows).
CREATE TABLE warm_runs (
    status TEXT NOT NULL,       -- one of options.STATUSES, or ALL
    key INTEGER NOT NULL,       -- warm_files.key
    count INTEGER NOT NULL,     -- its records
    length INTEGER NOT NULL,    -- bytes of those records as printed (indented, UTF-8), joined by a comma and a line break
    PRIMARY KEY (status, key)
);
-- What `show` prints of a claim beside its record, kept with its row (Warm.shown).
CREATE TABLE warm_shown (
    n INTEGER PRIMARY KEY,      -- warm_claims.n
    shown BLOB                  -- JSON [[source, line, column, end_line, end_column], the JSON record's rest, the panels' record], or NULL
);
-- What the rows were made from, file by file (factcheck.rows keeps them up to date).
CREATE TABLE warm_files (
    path TEXT PRIMARY KEY,      -- root-relative, as the index's files table
    key INTEGER NOT NULL,       -- the file's claims are the rows n = key << POS_BITS | position
    sha256 TEXT NOT NULL,       -- the content its rows were derived from
    document TEXT,              -- JSON [id, title, language] of a claims file, else NULL
    groups TEXT NOT NULL,       -- JSON [[document, statuses, claims], ...] of its rows
    facts TEXT NOT NULL         -- JSON {"claims": ids, "references": ids, "targets": relation targets}
);
-- Each claim file's characters, for `search`: the claims holding a word as
-- written are in the files holding each of its characters, read alone (兵士
-- after 50,000 English claims was a scan of them all: see Warm._literal_rows).
CREATE TABLE warm_chars (
    key INTEGER PRIMARY KEY,    -- warm_files.key of a claims file with rows
    chars TEXT NOT NULL         -- every character of its rows' texts, once each, sorted
);
-- The filters of `list` and `search`: a document's claims found, not scanned for
-- (one document of 1,000 was a scan of 100k rows), and the claims of a status
-- by the few sets of statuses that hold it (see Warm._where).
CREATE INDEX warm_claims_document ON warm_claims(document, statuses);
CREATE INDEX warm_claims_statuses ON warm_claims(statuses);
-- `show ID`: a claim's row found by its id (only the first claim with an id has a row).
CREATE INDEX warm_claims_id ON warm_claims(id);
"""
# The lists' folder under INDEX_DIR, and the name of every claim's list in it (and in warm_runs).
LISTS_DIR = "lists"
ALL = "*"
# At most this many of a search word's characters are looked up in warm_chars.
_CHARS = 16
# n of a file's claim: its file's key above, its position in the file below
# (keys are spread over KEY_BITS so that a new file fits between two others).
POS_BITS = 24
KEY_BITS = 38


def tables() -> list[str]:
    """The statements making the warm tables (factcheck.rows writes them)."""
    return [s for s in _TABLES.split(";") if s.strip()]


def code_fingerprint() -> str:
    """The version and the state of factcheck's own files (see :mod:`factcheck.stamp`)."""
    return stamping.code_fingerprint()


def locate(root: Path | None) -> Path | None:
    """The repository's root as ``Repository.locate`` finds it, or None when
    it would fail (the usual path then says why)."""
    found = stamping.locate(str(root) if root is not None else None)
    return Path(found) if found is not None else None


def stamp(root: Path) -> str:
    """What the kept rows were made from, by stat() alone (:func:`factcheck.stamp.stamp`)."""
    return f"{FORMAT}:{stamping.stamp(str(root))}"


def _database(root: Path) -> sqlite3.Connection | None:
    path = root / INDEX_DIR / INDEX_FILE
    if os.environ.get(NO_INDEX_ENV) or not path.is_file():
        return None
    return sqlite3.connect(path, timeout=5, isolation_level=None)


def pretty_record(record: Any) -> str:
    """One record as ``json.dumps(records, ensure_ascii=False, indent=2)``
    writes an element of a list (JSON strings hold no raw line break, so every
    line break is the layout's), through ``report.records.dumps`` (the same
    bytes, faster)."""
    from factcheck.report.records import dumps

    return "  " + dumps(record).replace("\n", "\n  ")


def pretty_list(parts: Sequence[str]) -> str:
    """What ``report.records.write_json`` writes for the list of the records
    whose :func:`pretty_record` are ``parts``."""
    return "[\n" + ",\n".join(parts) + "\n]\n" if parts else "[]\n"


def write_pretty(parts: Sequence[str], out: IO[str]) -> None:
    out.write(pretty_list(parts))


def _raw_utf8(out: IO[str]) -> Any:
    """The bytes stream below ``out`` when writing UTF-8 bytes there is the same as writing
    their text to ``out`` (UTF-8, no line-end translation); else None."""
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None) or ""
    try:
        utf8 = codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        utf8 = False
    return buffer if buffer is not None and utf8 and os.linesep == "\n" else None


def _write_utf8(out: IO[str], data: bytes | list[bytes]) -> None:
    """``out.write(data.decode())`` (``data``: bytes, or a list of chunks
    written in turn), straight to the bytes below when they would be the
    same (a UTF-8 stream that does not translate line ends): decoding and
    encoding again 10^7 bytes was half of a warm `list`."""
    buffer = _raw_utf8(out)
    if buffer is not None:
        out.flush()
        if isinstance(data, list):
            buffer.writelines(data)
        else:
            buffer.write(data)
        buffer.flush()
    else:
        out.write((b"".join(data) if isinstance(data, list) else data).decode())


# --- answering -------------------------------------------------------------------


if TYPE_CHECKING:
    from typing import NamedTuple

    class _KeptClaim(NamedTuple):
        id: str
        document: str
        text: str

    class _KeptView(NamedTuple):
        claim: KeptClaim
        statuses: frozenset[str]
        labels: tuple[str, ...]
else:
    _KeptClaim = namedtuple("_KeptClaim", "id document text")
    _KeptView = namedtuple("_KeptView", "claim statuses labels")


class KeptClaim(_KeptClaim):
    """What search reads of a claim (its ``claim`` attribute stands for the model's)."""

    __slots__ = ()


class KeptView(_KeptView):
    """A claim's statuses and labels as kept: what search, its reporters and
    `list`'s table read of a ``status.ClaimView``."""

    __slots__ = ()

    @property
    def id(self) -> str:
        return self.claim.id

    def ordered_statuses(self) -> tuple[str, ...]:
        return tuple(s for s in options.STATUSES if s in self.statuses)


def _view(cid: str, document: str, text: str, statuses: str, labels: str, *, sets: dict[str, frozenset[str]] | None = None) -> KeptView:
    """A row as a :class:`KeptView`; ``sets``: the statuses' sets made so far (a few over thousands of rows)."""
    found = sets.get(statuses) if sets is not None else None
    if found is None:
        found = frozenset(statuses.split())
        if sets is not None:
            sets[statuses] = found
    return KeptView(KeptClaim(cid, document, text), found, tuple(json.loads(labels)) if labels != "[]" else ())


def _json_list(items: list[bytes]) -> list[bytes]:
    """Printed JSON items (records, or runs of them) as the chunks of the
    list `list --format json` prints: "[", the items apart, "]"."""
    if not items:
        return [b"[]\n"]
    chunks = [b",\n"] * (2 * len(items) + 1)
    chunks[0], chunks[-1] = b"[\n", b"\n]\n"
    chunks[1::2] = items
    return chunks


class KeptFile:
    """A list file (``LISTS_DIR``) opened and found as its rows made it: its
    descriptor (closed with the :class:`Warm` that opened it) and its size."""

    __slots__ = ("fd", "size")

    def __init__(self, fd: int, size: int) -> None:
        self.fd, self.size = fd, size


class KeptListing:
    """A `list` in a record format as read from the rows (text, or UTF-8
    bytes of JSON, whole, as chunks to write in turn, or a list file)."""

    __slots__ = ("kept", "output")

    def __init__(self, kept: Warm, output: str | bytes | list[bytes] | KeptFile) -> None:
        self.kept, self.output = kept, output


def write_records(listing: KeptListing, out: IO[str]) -> None:
    """Write a :class:`KeptListing`."""
    if isinstance(listing.output, KeptFile):
        _write_file(out, listing.output)
    elif isinstance(listing.output, (bytes, list)):
        _write_utf8(out, listing.output)
    else:
        out.write(listing.output)


def _write_file(out: IO[str], kept: KeptFile) -> None:
    """A list file to ``out``, as ``_write_utf8`` would write its bytes: sent
    by the kernel when ``out`` is a process's stdout on a file or a pipe (13 MB
    through Python bytes was as long as the rest of a first answer), through
    a recorder's ``send_file`` (:mod:`factcheck.answers`, which keeps what it
    sends), else read and written."""
    from factcheck.answers import read_range, send

    buffer = _raw_utf8(out)
    if buffer is None:
        out.write(read_range(kept.fd, 0, kept.size).decode())
        return
    out.flush()
    sender = getattr(buffer, "send_file", None)
    if sender is not None:
        sender(kept.fd, 0, kept.size)
    else:
        send(buffer, kept.fd, 0, kept.size)


# The summary's parts kept in rows of their own beside the 'list' row, under
# its stamp: each answer decodes only those it reads (`stats` its columns
# alone, `search` none; 0.37 MB of JSON at 1,000 documents was a tenth of a
# first `stats --format json`).
PARTS = ("documents", "stats", "paths", "sets")


class Warm:
    """The kept rows of one repository, fresh (see :func:`open_warm`)."""

    def __init__(self, root: Path, db: sqlite3.Connection, value: dict[str, Any], *, parts: dict[str, str] | None = None):
        self.root = root
        self.db = db
        self.formats: dict[str, str] = value["formats"]
        self._value = value
        self._parts = parts or {}  # the summary's parts as read with it, decoded on first use
        self._opened: list[int] = []  # list files opened for an answer (closed with the rows)

    def _part(self, name: str) -> Any:
        found = self._value.get(name)
        if found is None:
            found = self._value[name] = json.loads(self._parts[name])
        return found

    @property
    def documents(self) -> dict[str, list[str]]:
        """Document id -> [title, language]."""
        return self._part("documents")

    @property
    def stats(self) -> list[Any]:
        """The answer of `stats` as columns (``tally.Stats.as_kept``), summed from the files' rows when they were kept."""
        return self._part("stats")

    @property
    def sets(self) -> list[str]:
        """Every set of statuses a claim has, as the rows write it (space-separated)."""
        return self._part("sets")

    @property
    def paths(self) -> list[str]:
        """The corpus's files, root-relative."""
        return self._part("paths")

    def close(self) -> None:
        self.db.close()
        for fd in self._opened:
            os.close(fd)
        self._opened.clear()

    def format_for(self, command: str) -> str | None:
        """The configuration's default ``--format`` for a command (as ``Config.format_for``)."""
        return self.formats.get(command)

    def _where(self, status: Sequence[str], doc: Sequence[str]) -> tuple[str, list[Any]] | None:
        """SQL for ``--status`` (any) and ``--doc`` (any); None when a value is
        unknown (the usual path then fails with its message)."""
        wanted = {s.lower() for s in status}
        try:
            if not wanted <= set(options.STATUSES) or (doc and not set(doc) <= set(self.documents)):
                return None
            # The sets of statuses holding any of them (a handful): the index finds their claims.
            held = [s for s in self.sets if not wanted.isdisjoint(s.split())] if wanted else []
        except ValueError:  # a damaged part: the usual path
            return None
        clauses, args = [], []
        if wanted:
            clauses.append(f"statuses IN ({', '.join('?' for _ in held)})")
            args += held
        if doc:
            clauses.append(f"document IN ({', '.join('?' for _ in set(doc))})")
            args += sorted(set(doc))
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), args

    def list_records(self, fmt: str, status: Sequence[str], doc: Sequence[str]) -> KeptListing | None:
        """``list`` in a record format (json, yaml, ids) from the kept rows,
        read now and written by :func:`write_records`; None when they cannot
        answer."""
        try:
            return self._list_records(fmt, status, doc)
        except (sqlite3.Error, ValueError):  # damaged rows: the usual path rebuilds
            return None

    def _list_records(self, fmt: str, status: Sequence[str], doc: Sequence[str]) -> KeptListing | None:
        where = self._where(status, doc)
        if where is None:
            return None
        sql, args = where
        if fmt == "ids":
            return KeptListing(self, "".join(r[0] + "\n" for r in self.db.execute(f"SELECT id FROM warm_claims{sql} ORDER BY n", args)))
        wanted = {s.lower() for s in status}
        if fmt == "json" and not doc and len(wanted) <= 1:
            listed = self._listed(wanted.pop() if wanted else ALL)
            if listed is not None:
                return KeptListing(self, listed)
        chosen = f"SELECT n FROM warm_claims{sql}"
        if fmt == "yaml":
            from factcheck.yamlio import dump

            records = [json.loads(r[0]) for r in self.db.execute(f"SELECT record FROM warm_records WHERE n IN ({chosen}) ORDER BY n", args)]
            return KeptListing(self, dump(records) if records else "[]\n")
        # Read by rowid in order from the sorted list of the chosen n; kept
        # as printed (indenting 22,000 records when asked was 0.8 s).
        rows = self.db.execute(f"SELECT record FROM warm_records WHERE n IN ({chosen}) ORDER BY n", args).fetchall()
        # Joined once: 14 MB copied once, not three times.
        return KeptListing(self, b"".join(_json_list([record for (record,) in rows])))

    def _listed(self, which: str) -> KeptFile | None:
        """`list --status S --format json` (``which``: S) or `list --format
        json` (``which``: ALL), every document, as printed: its list file,
        opened, or None when it cannot be trusted to say it (the caller reads
        the records apart): no list file kept, one not as its rows made it
        (its size, modification time or inode: written again, truncated,
        replaced or gone), or not holding as many claims as the summary
        counts with that status."""
        try:
            entry = self._value["lists"][which]
        except (KeyError, TypeError):  # none kept (a folder that could not be written)
            return None
        try:
            name, size, mtime, inode, count = entry
            if count != self._value["runs"].get(which, 0) or not _plain_name(name):
                raise ValueError(name)
            fd = os.open(os.path.join(self.root, INDEX_DIR, LISTS_DIR, name), os.O_RDONLY)
        except (KeyError, TypeError, ValueError, AttributeError, OSError):
            self._distrust()
            return None
        try:
            st = os.fstat(fd)
            if (st.st_size, st.st_mtime_ns, st.st_ino) == (size, mtime, inode):
                self._opened.append(fd)
                return KeptFile(fd, size)
        except OSError:
            pass
        os.close(fd)
        self._distrust()
        return None

    def _distrust(self) -> None:
        """The rows are not fresh any more: the next command brings them up to
        date, and writes the list files again (:mod:`factcheck.rows`); best
        effort (a busy or read-only index: the records are read apart until then)."""
        try:
            self.db.execute("UPDATE warm SET stamp = '' WHERE name = 'list'")
        except sqlite3.Error:
            pass

    def tally(self) -> Any:
        """``tally.tally`` over the kept rows (``factcheck stats``): the
        columns kept with them, read as they are (no record per document,
        nothing counted).  None when they cannot be read (a damaged part: the
        caller makes the summary again)."""
        from factcheck.tally import from_columns

        try:
            return from_columns(*self.stats)
        except (ValueError, TypeError, KeyError):
            return None

    def views(self, status: Sequence[str], doc: Sequence[str]) -> list[KeptView] | None:
        """The claims passing ``--status``/``--doc`` as :class:`KeptView`, in
        corpus order (what `list`'s table shows of them); None when a value is
        unknown or the rows cannot be read."""
        where = self._where(status, doc)
        if where is None:
            return None
        sql, args = where
        try:
            rows = self.db.execute(f"SELECT id, document, text, statuses, labels FROM warm_claims{sql} ORDER BY n", args).fetchall()
            sets: dict[str, frozenset[str]] = {}
            return [_view(*row, sets=sets) for row in rows]
        except (sqlite3.Error, ValueError):  # damaged rows: the usual path rebuilds
            return None

    def literal_views(self, needle: str, status: Sequence[str], doc: Sequence[str]) -> Iterator[KeptView] | None:
        """The claims :meth:`literal` finds, read from the rows one by one as
        they are taken (a search stops at its limit of perfect scores: a word
        in 4,000 claims reads the first few dozen); None when a filter value is
        unknown.  Errors reading the rows are the caller's."""
        where = self._where(status, doc)
        if where is None or not needle:
            return None
        sets: dict[str, frozenset[str]] = {}
        return (_view(*row, sets=sets) for row in self._literal_rows(needle, *where))

    def _literal_rows(self, needle: str, sql: str, args: list[Any]) -> Iterator[tuple[Any, ...]]:
        """The rows passing ``sql`` whose text holds ``needle``, in corpus
        order: read only in the files holding each of its characters (a text
        holding the needle holds them all), a run of such files at a time."""
        chars = sorted(set(needle))[:_CHARS]  # fewer characters: more files, the same rows
        held = " AND ".join("instr(chars, ?) > 0" for _ in chars)
        runs: list[list[int]] = []  # [first key, last key] of files in a row that hold them all
        previous = False
        for key, holds in self.db.execute(f"SELECT key, {held} FROM warm_chars ORDER BY key", chars):
            if holds:
                if previous:
                    runs[-1][1] = key
                else:
                    runs.append([key, key])
            previous = bool(holds)
        sql = (sql + " AND" if sql else " WHERE") + " n BETWEEN ? AND ? AND instr(text, ?) > 0"
        for first, last in runs:
            rows = self.db.execute(f"SELECT id, document, text, statuses, labels FROM warm_claims{sql} ORDER BY n",
                                   [*args, first << POS_BITS, ((last + 1) << POS_BITS) - 1, needle])
            yield from (row for row in rows if needle in row[2])  # instr finds at least these

    def shown(self, claim_id: str) -> tuple[dict[str, Any], list[Any], dict[str, Any], dict[str, Any]] | None:
        """What `show ID` prints of the claim ``claim_id`` beside its source
        context, as kept with its row: its `list` record, where it stands
        (``[source, line, column, end_line, end_column]``), the rest of the
        JSON record (``report.records.detail_rest``) and the panels' record
        (``report.detail.panel_record``).  None when the rows cannot
        say it for certain: no claim has this id (the usual path says so),
        another claims file gives its document id too (`show` reads the first
        file's document, and a row is made with its own file's), nothing was
        kept for it, the rows cannot be read."""
        try:
            found = self.db.execute(
                "SELECT c.document, r.record, s.shown FROM warm_claims c JOIN warm_records r ON r.n = c.n"
                " JOIN warm_shown s ON s.n = c.n WHERE c.id = ?", (claim_id,)).fetchall()
            if len(found) != 1:
                return None
            document, record, shown = found[0]
            if shown is None or document in self._value["shared"]:
                return None
            place, rest, panels = json.loads(shown)
            return json.loads(record), place, rest, panels
        except (sqlite3.Error, ValueError, TypeError, KeyError):  # damaged rows: the usual path
            return None

    def literal(self, needle: str, status: Sequence[str], doc: Sequence[str]) -> list[KeptView] | None:
        """The claims passing ``--status``/``--doc`` whose text holds ``needle``
        as written, in corpus order: what ``search.find`` scores when there are
        any.  None when there are none (every claim is scored then) or a filter
        value is unknown: the usual path answers."""
        where = self._where(status, doc)
        if where is None or not needle:
            return None
        try:
            sets: dict[str, frozenset[str]] = {}
            found = [_view(*row, sets=sets) for row in self._literal_rows(needle, *where)]
        except (sqlite3.Error, ValueError):  # damaged rows: the usual path rebuilds
            return None
        return found or None


def _plain_name(name: Any) -> bool:
    """Whether ``name`` names a file in the lists' folder itself."""
    return isinstance(name, str) and bool(name) and not name.startswith(".") and os.path.basename(name) == name


def open_warm(root: Path | None, *, stamped: str | None = None) -> Warm | None:
    """The kept rows when they are fresh for the repository at ``root``
    (``--root``; else as ``Repository.locate`` finds it), else None.
    ``stamped``: ``factcheck.stamp.stamp`` of that repository, taken by the
    caller before anything was read (the console script's, for its answer)."""
    found = locate(root)
    if found is None:
        return None
    db = None
    try:
        db = _database(found)
        if db is None:
            return None
        # The summary and its parts in one statement (one snapshot of the
        # database): read now, each part decoded only when an answer reads it.
        rows = {name: (kept, value) for name, kept, value in db.execute(
            f"SELECT name, stamp, value FROM warm WHERE name IN ('list', {', '.join(repr(p) for p in PARTS)})")}
        want = f"{FORMAT}:{stamped}" if stamped is not None else stamp(found)
        if len(rows) != len(PARTS) + 1 or any(kept != want for kept, _ in rows.values()):
            db.close()
            return None
        return Warm(found, db, json.loads(rows["list"][1]), parts={name: rows[name][1] for name in PARTS})
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        if db is not None:
            db.close()
        return None


def stamp_before(root: Path | None) -> tuple[Path, str] | None:
    """The stamp to keep rows under, taken before the usual path reads the files."""
    found = locate(root)
    if found is None or os.environ.get(NO_INDEX_ENV):
        return None
    return found, stamp(found)


__all__ = ["Warm", "KeptView", "KeptListing", "KeptFile", "write_records", "open_warm", "stamp_before", "tables", "stamp", "locate", "code_fingerprint", "pretty_record", "pretty_list"]
