"""One lock per repository, taken by every command that writes to it, and the
transaction that writes one document's files together.

The lock is like git's ``index.lock`` in purpose (one writer at a time; a
second one waits briefly and then fails with a clear message) but held with
``flock`` on a lock file, so a writer killed with ``kill -9`` releases it
with its process: no stale lock to remove by hand.

A document's source copy, claims and references are written as one
transaction: every new file goes to a temporary file beside its target and
is flushed to disk first; then a journal (``.factcheck.journal``) lists the
renames to make, the renames run, and the journal is removed.  A writer
killed during the renames leaves the journal: the next writing command
completes the renames (roll forward; every temporary file is complete
before the journal exists), and ``validate`` meanwhile names the interrupted
transaction.  The renames run in the order that keeps the repository
sound even so: the source copy, the references (a merge only adds
references), then the claims.

Temporary files left by a killed writer are removed at the start of the next
writing command.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Iterator, Sequence

from factcheck.errors import FactcheckError

try:  # POSIX only: without fcntl (Windows) writers run unlocked, as before issue 12
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".factcheck.lock"
JOURNAL_NAME = ".factcheck.journal"
DEFAULT_WAIT = 10.0  # seconds: long enough for another writer to finish an extraction
WAIT_ENV = "FACTCHECK_LOCK_WAIT"
# Our temporary files: ".<target name>.<random>.tmp" (yamlio.atomic_write and
# Transaction), nothing else.
_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")
WRITTEN_FOLDERS = ("claims", "references", "sources")


class RepositoryLocked(FactcheckError):
    """Another command is writing to the repository."""


def _acquire(path: Path, wait: float) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    delay = 0.01
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                os.close(fd)
                raise
        if time.monotonic() >= deadline:
            os.close(fd)
            raise RepositoryLocked(
                f"{path.parent}: another factcheck command is writing to this repository "
                f"(waited {wait:g} s for {LOCK_NAME}); try again when it has finished"
            )
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


@contextlib.contextmanager
def repository_lock(root: Path, *, wait: float | None = None) -> Iterator[None]:
    """Hold the repository's write lock (waiting up to ``wait`` seconds, default
    FACTCHECK_LOCK_WAIT or 10); then finish an interrupted transaction and
    clear the temp files a killed writer left."""
    if wait is None:
        try:
            wait = float(os.environ.get(WAIT_ENV, DEFAULT_WAIT))
        except ValueError:
            wait = DEFAULT_WAIT
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    path = root / LOCK_NAME
    if fcntl is None:  # pragma: no cover - Windows: no lock (see the import)
        recover(root)
        clean_temp_files(root)
        yield
        return
    try:
        fd = _acquire(path, wait)
    except OSError as exc:
        raise RepositoryLocked(f"{path}: cannot lock the repository ({exc.strerror or exc})") from None
    try:
        recover(root)
        clean_temp_files(root)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def clean_temp_files(root: Path) -> list[Path]:
    """Remove the temporary files a killed writer left behind (only ours)."""
    removed = []
    for folder in WRITTEN_FOLDERS:
        d = Path(root) / folder
        if not d.is_dir():
            continue
        for p in d.iterdir():
            if _TEMP.match(p.name) and p.is_file():
                with contextlib.suppress(OSError):
                    p.unlink()
                    removed.append(p)
    return removed


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (the directory entry is data too)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a directory; the rename still stands
    finally:
        os.close(fd)


def _temp_beside(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(tmp, mode)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def commit(root: Path, writes: Sequence[tuple[Path, bytes]]) -> None:
    """Write each (target, bytes) under ``root`` as one transaction: all
    temporary files first (flushed to disk), the journal, the renames in the
    order given, the folders synced, the journal removed.  A failure before
    the journal is written changes nothing; after it, ``recover`` finishes."""
    root = Path(root)
    temps: list[tuple[Path, Path]] = []
    try:
        for target, data in writes:
            temps.append((_temp_beside(Path(target), data), Path(target)))
    except BaseException:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise
    journal = root / JOURNAL_NAME
    entries = [[os.path.relpath(tmp, root), os.path.relpath(target, root)] for tmp, target in temps]
    journal_tmp = _temp_beside(journal, (json.dumps(entries, ensure_ascii=False) + "\n").encode("utf-8"))
    os.replace(journal_tmp, journal)
    fsync_dir(root)
    _replay(root, temps)
    journal.unlink(missing_ok=True)
    fsync_dir(root)


def _replay(root: Path, temps: Sequence[tuple[Path, Path]]) -> None:
    for tmp, target in temps:
        if tmp.exists():
            os.replace(tmp, target)
    for folder in dict.fromkeys(target.parent for _, target in temps):
        fsync_dir(folder)


def interrupted(root: Path) -> Path | None:
    """The journal of a transaction a killed writer left unfinished, if any."""
    journal = Path(root) / JOURNAL_NAME
    return journal if journal.exists() else None


def recover(root: Path) -> bool:
    """Finish a transaction a killed writer left (its temporary files are
    complete); True when there was one.  Called under the lock."""
    journal = interrupted(root)
    if journal is None:
        return False
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))
        temps = [(root / tmp, root / target) for tmp, target in entries]
    except (OSError, ValueError, TypeError) as exc:
        raise FactcheckError(f"{journal}: unreadable journal of an interrupted write ({exc}); remove it and re-run") from None
    for tmp, target in temps:
        # Only renames inside the repository's own folders: the journal is data too.
        if tmp.parent.resolve() != target.parent.resolve() or target.parent.name not in WRITTEN_FOLDERS:
            raise FactcheckError(f"{journal}: names a file outside the repository's folders; remove it")
    _replay(root, temps)
    journal.unlink(missing_ok=True)
    fsync_dir(root)
    return True
