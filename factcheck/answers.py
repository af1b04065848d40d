"""Answers kept: the exact bytes a read command printed (`list`, `stats`,
`show ID`, `search QUERY`, any format), written again by the console script
before the command line interface loads, while nothing they were made from
changed (issue 9: a warm read command within 2x ``factcheck --version``;
importing typer, or rich, alone is more than that).

The usual path fills it.  When a plain command line (:mod:`factcheck.argv`)
finds no answer, the console script runs the typer command as always, with
stdout passed through a recorder, and keeps what it printed when it exits 0
and wrote nothing to stderr (a note, a progress bar).  The answer is filed
under the repository's stamp (:mod:`factcheck.stamp`) taken *before* the
command read anything, so a file edited meanwhile leaves it stale, never
wrong, and under a key of everything else its bytes depend on:

- the command line as written, the working folder and the repository's root;
- how the output is shown: whether stdin, stdout and stderr are terminals,
  the terminal's size, stdout's encoding, and the environment variables that
  rich, typer and factcheck read (``COLUMNS``, ``NO_COLOR``, ``FORCE_COLOR``,
  ``TERM``, ... : :data:`ENV`; a test holds this list to their sources);
- the interpreter (version, platform, its environment's prefix).

With it are kept the files it was made from besides the stamp's: the source
file `show` quotes, and the file of every library the command loaded (rich,
typer, rapidfuzz, PyYAML...; an upgrade changes how a table is drawn), and
rich's when a table was drawn without it (:mod:`factcheck.report.plain`); each
with its size, modification time, inode and mode, compared before serving.

So the bytes served are the bytes the usual path printed for the same
command, files, terminal and libraries, colour included: a terminal gets
the colours rich chose for it, a pipe or ``NO_COLOR`` gets none, because
those are part of the key.  Anything unusual goes the usual way: no answer
yet, another stamp, a changed dependency, a damaged or foreign answer file,
no index (``.factcheck/index.sqlite`` absent, or not a SQLite file),
``FACTCHECK_NO_INDEX``, shell completion, a platform other than POSIX (rich
draws through the console API on old Windows terminals).

Kept under ``.factcheck/answers/``, one file each, written atomically; those
of another stamp are removed when an answer is kept, and at most
:data:`MAX_ANSWERS` answers or :data:`MAX_BYTES` bytes stay.  Only ``os``,
``sys`` and the stamp's modules are imported to serve one.
"""

from __future__ import annotations

import os
import sys

from factcheck import stamp as stamping

TYPE_CHECKING = False  # typing itself is not imported: it costs a tenth of the budget
if TYPE_CHECKING:
    from typing import Any

    from factcheck.argv import Request

INDEX_DIR = ".factcheck"
INDEX_FILE = "index.sqlite"
FOLDER = "answers"
FORMAT = b"factcheck answer 1\n"
MAX_ANSWERS = 500
MAX_BYTES = 256 * 2**20
MAX_ANSWER = 64 * 2**20  # a larger output is printed, not kept
# A first answer made from the warm rows without typer (factcheck.direct)
# larger than this is kept the second time it is asked (a mark, an empty
# file, says it was asked): making it again costs little more than serving
# it, and writing the 13 MB of a `list --status disputed` at 10^5 claims was
# a fifth of the first answer (issue 9).
KEEP_LARGE_AGAIN = 2**20
_SQLITE = b"SQLite format 3\x00"

# Environment variables an answer's bytes may depend on: read by rich (width,
# colour, terminal, cell widths), typer and click, Python's stdio encoding,
# and factcheck.  An answer is kept per value of each (unset included).
ENV = (
    "COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "TERM", "COLORTERM",
    "JUPYTER_COLUMNS", "JUPYTER_LINES", "DATABRICKS_RUNTIME_VERSION", "UNICODE_VERSION",
    "TERMINAL_WIDTH", "PY_COLORS", "GITHUB_ACTIONS", "TYPER_USE_RICH", "_TYPER_FORCE_DISABLE_TERMINAL",
    "_TYPER_STANDARD_TRACEBACK", "TYPER_STANDARD_TRACEBACK", "PYDANTIC_DISABLE_PLUGINS", "XDG_CONFIG_HOME",
    "RAPIDFUZZ_IMPLEMENTATION",
    "PYTHONIOENCODING", "PYTHONUTF8", "PYTHONLEGACYWINDOWSSTDIO", "LANG", "LC_ALL", "LC_CTYPE",
    "FACTCHECK_ROOT", "FACTCHECK_DEBUG", "FACTCHECK_LOCK_WAIT",
)
# Set (to anything): no answer is served or kept.
FALL_THROUGH_ENV = ("FACTCHECK_NO_INDEX",)
# Shell completion (click's and typer's protocol variables).
FALL_THROUGH_PREFIXES = ("_FACTCHECK_COMPLETE", "_TYPER_COMPLETE", "COMP_WORDS", "COMP_CWORD")


def _usable() -> bool:
    if os.name != "posix":
        return False
    return not any(name in FALL_THROUGH_ENV or name.startswith(FALL_THROUGH_PREFIXES) for name in os.environ)


def _terminal() -> str:
    """How output would be shown: what rich reads of the process (the
    streams' terminal state and encoding, the terminal's size, tried on
    stdin, stdout and stderr in turn as rich does)."""
    parts = []
    for name in ("stdin", "stdout", "stderr"):
        stream = getattr(sys, name)
        try:
            tty = bool(stream.isatty())
        except (AttributeError, ValueError):
            tty = None
        parts.append(f"{name}:{tty}:{getattr(stream, 'encoding', None)}:{getattr(stream, 'errors', None)}")
    for fd in (0, 1, 2):
        try:
            size = os.get_terminal_size(fd)
        except (AttributeError, ValueError, OSError):
            parts.append("-")
        else:
            parts.append(f"{size.columns}x{size.lines}")
    return "\x1f".join(parts)


def key(request: Request, root: str) -> str:
    """Everything an answer's bytes depend on besides its stamp and its files (see the module docstring)."""
    env = [f"{name}={os.environ[name]!r}" if name in os.environ else f"{name}-" for name in ENV]
    parts = [
        FORMAT.decode(), sys.version, sys.platform, sys.prefix, sys.base_prefix, os.getcwd(), root,
        "\x1f".join(request.words), "\x1f".join(env), _terminal(),
    ]
    return stamping.sha256("\x1e".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _folder(root: str) -> str | None:
    """The answers' folder when the index is there (a SQLite file), else None."""
    index = os.path.join(root, INDEX_DIR)
    try:
        with open(os.path.join(index, INDEX_FILE), "rb") as f:
            if f.read(len(_SQLITE)) != _SQLITE:
                return None
    except OSError:
        return None
    return os.path.join(index, FOLDER)


def _name(stamp: str, answer_key: str) -> str:
    return f"{stamp[:32]}-{answer_key[:32]}"


# --- serving -------------------------------------------------------------------------


class Asked:
    """A plain command line asked now: its repository, that repository's
    stamp (taken before anything is read) and the answer's key."""

    __slots__ = ("request", "root", "stamp", "key")

    def __init__(self, request: Request, root: str, stamp: str, answer_key: str) -> None:
        self.request, self.root, self.stamp, self.key = request, root, stamp, answer_key


def ask(request: Request) -> Asked | None:
    """``request`` as it stands now; None when no answer is served or kept
    for it (see the module docstring: the usual path then runs as always)."""
    if not _usable() or sys.stdout is None:
        return None
    root = stamping.locate(request.root)
    if root is None:
        return None
    return Asked(request, root, stamping.stamp(root), key(request, root))


def _open(asked: Asked) -> tuple[Any, int, int] | None:
    """The answer file kept for ``asked`` when it holds now, with where its
    output starts and how long it is; else None."""
    folder = _folder(asked.root)
    if folder is None:
        return None
    try:
        f = open(os.path.join(folder, _name(asked.stamp, asked.key)), "rb")
    except OSError:
        return None
    try:
        where = _header(f.read(_HEAD))
        if where is not None and os.fstat(f.fileno()).st_size == where[0] + where[1]:
            return f, where[0], where[1]
    except (OSError, ValueError):
        pass
    f.close()
    return None


_HEAD = 1 << 16  # an answer's header is a few lines: one per file it was made from


def _header(data: bytes) -> tuple[int, int] | None:
    """Where an answer file's output starts and its length, when every file
    it was made from is as it was then (None otherwise, or when it is not an answer file)."""
    if not data.startswith(FORMAT):
        return None
    try:
        at = len(FORMAT)
        end = data.index(b"\n", at)
        for _ in range(int(data[at:end])):
            at, end = end + 1, data.index(b"\n", end + 1)
            sig, _, where = data[at:end].decode("ascii").partition(" ")
            if stamping.signature(os.fsdecode(bytes.fromhex(where))) != sig:
                return None
        at, end = end + 1, data.index(b"\n", end + 1)
        return end + 1, int(data[at:end])
    except (ValueError, UnicodeDecodeError):
        return None


def serve(asked: Asked) -> bool:
    """Write the kept answer to stdout; False (nothing written) when there is none that holds."""
    found = _open(asked)
    if found is None:
        return False
    f, offset, size = found
    try:
        with f:
            _copy(f, offset, size)
    except BrokenPipeError:
        # As the usual path: the reader leaving (`| head`) is not a failure.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return True


def _copy(f: Any, offset: int, size: int) -> None:
    """``size`` bytes of ``f`` from ``offset`` to stdout (see :func:`send`;
    a 14 MB `list --format json` read and sliced was 15 ms)."""
    out = sys.stdout
    out.flush()
    send(out.buffer, f.fileno(), offset, size)


_CHUNK = 1 << 23  # what a copy through Python reads at a time


def send_fd(out: int, fd: int, offset: int, size: int) -> int:
    """Copy up to ``size`` bytes of the file ``fd`` from ``offset`` to the
    descriptor ``out`` by the kernel (sendfile); how many it copied: fewer
    when it cannot (another platform, a kind of file it does not send to),
    the caller copies the rest."""
    sent = 0
    if not hasattr(os, "sendfile"):
        return 0
    try:
        while sent < size:
            n = os.sendfile(out, fd, offset + sent, size - sent)
            if n == 0:
                break
            sent += n
    except BrokenPipeError:
        raise
    except OSError:  # not to this kind of file: the rest through Python
        pass
    return sent


def read_range(fd: int, offset: int, size: int) -> bytes:
    """``size`` bytes of the file ``fd`` from ``offset``; OSError when it is shorter (cut meanwhile)."""
    data = os.pread(fd, size, offset)
    while len(data) < size:
        more = os.pread(fd, size - len(data), offset + len(data))
        if not more:
            raise OSError(f"a file kept under {INDEX_DIR} was cut while it was read")
        data += more
    return data


def send(buffer: Any, fd: int, offset: int, size: int) -> None:
    """``size`` bytes of the file ``fd`` from ``offset`` to the binary stream
    ``buffer``: by the kernel when it is a process's own stream on a file
    descriptor (a plain ``BufferedWriter``, or its ``FileIO`` when Python
    runs unbuffered: nothing else sees or keeps what goes by), else through Python."""
    import io

    buffer.flush()
    sent = 0
    if type(buffer) in (io.BufferedWriter, io.FileIO):
        try:
            target = buffer.fileno()
        except (OSError, ValueError):
            pass
        else:
            sent = send_fd(target, fd, offset, size)
    while sent < size:
        chunk = read_range(fd, offset + sent, min(_CHUNK, size - sent))
        buffer.write(chunk)
        sent += len(chunk)
    buffer.flush()


# --- keeping ---------------------------------------------------------------------------


def _libraries() -> list[str]:
    """The file of every top-level module loaded from outside the standard
    library and factcheck (rich, typer, rapidfuzz...): their versions shape the output."""
    stdlib = os.path.dirname(os.__file__) + os.sep
    package = os.path.dirname(stamping.__file__) + os.sep
    files = set()
    for name, module in list(sys.modules.items()):
        where = getattr(module, "__file__", None)
        if "." in name or not isinstance(where, str) or where.startswith(package):
            continue
        if not where.startswith(stdlib) or "-packages" + os.sep in where:
            files.add(where)
    # A table drawn without rich (factcheck.report.plain) depends on rich all the
    # same: it draws only for the release it reads rich's rules from.
    plain = sys.modules.get("factcheck.report.plain")
    files.update(getattr(plain, "RELIED_ON", ()))
    return sorted(files)


def _show_sources(root: str, claim_id: str) -> list[str] | None:
    """The source files `show ID` quotes, as the index has them (the
    document of every claims file holding the id, and of every claims file
    giving one of their document ids: `show` reads the first such file's),
    or None when it cannot tell."""
    from pathlib import Path

    from factcheck.warm import sqlite3  # the driver alone (see factcheck.warm)

    try:
        db = sqlite3.connect(Path(root, INDEX_DIR, INDEX_FILE).as_uri() + "?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return None
    try:
        rows = db.execute(
            "SELECT f.source FROM claims c JOIN files f ON f.path = c.path WHERE c.id = ?"
            " UNION SELECT f.source FROM fdocs d JOIN files f ON f.path = d.path WHERE d.kind = 'claims'"
            " AND d.document IN (SELECT document FROM items WHERE kind = 'claims' AND id = ?)", (claim_id, claim_id)
        ).fetchall()
    except sqlite3.Error:
        return None
    finally:
        db.close()
    if not rows:
        return None
    return sorted(os.path.join(root, source) for (source,) in rows if isinstance(source, str))


class _Region:
    """A part of a file sent through a :class:`_Tee`, kept by reference (its
    own descriptor: the file may be replaced meanwhile) until the answer is kept."""

    __slots__ = ("fd", "offset", "size")

    def __init__(self, fd: int, offset: int, size: int) -> None:
        self.fd, self.offset, self.size = os.dup(fd), offset, size

    def __len__(self) -> int:
        return self.size

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class _Tee:
    """A raw stream writing through to another binary stream, keeping a copy."""

    def __init__(self, target: Any, recording: Recording, kept: list[bytes | _Region] | None) -> None:
        self.target, self.recording, self.kept = target, recording, kept

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.writelines([chunk])
        return len(chunk)

    def writelines(self, chunks: list[bytes]) -> None:
        """Write ``chunks`` (bytes) at once and keep them as they are: a
        `list` of 13 MB from the warm rows went through one write, one flush
        and one copy per chunk, and was joined once more to be kept (~20 ms
        of a first answer)."""
        if self.kept is None and any(chunks):
            self.recording.noted = True
        try:
            self.target.writelines(chunks)
            self.target.flush()
        except BrokenPipeError:
            self.recording.broken = True
            raise
        if self.kept is not None:
            self.kept.extend(chunks)

    def send_file(self, fd: int, offset: int, size: int) -> None:
        """Send a part of a file through (by the kernel where :func:`send`
        can), keeping it by reference: a `list` from its list file
        (factcheck.warm) never goes through Python bytes."""
        if self.kept is None and size:
            self.recording.noted = True
        try:
            send(self.target, fd, offset, size)
        except BrokenPipeError:
            self.recording.broken = True
            raise
        if self.kept is not None:
            self.kept.append(_Region(fd, offset, size))

    def isatty(self) -> bool:
        return bool(self.target.isatty())

    def fileno(self) -> int:
        return int(self.target.fileno())


def _teed(stream: Any, tee: _Tee) -> Any:
    """A text stream like ``stream`` (encoding, errors, buffering, terminal
    or not) whose bytes go through ``tee``."""
    import io

    class Raw(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data: Any) -> int:
            return tee.write(data)

        def isatty(self) -> bool:
            return tee.isatty()

        def fileno(self) -> int:
            return tee.fileno()

    class Buffered(io.BufferedWriter):
        def writelines(self, chunks: Any) -> None:
            # Chunks of bytes handed on whole (factcheck.warm writes a kept `list` so).
            chunks = [c if type(c) is bytes else bytes(c) for c in chunks]
            self.flush()
            tee.writelines(chunks)

        def send_file(self, fd: int, offset: int, size: int) -> None:
            self.flush()
            tee.send_file(fd, offset, size)

    return io.TextIOWrapper(
        Buffered(Raw()), encoding=stream.encoding, errors=stream.errors, newline="\n",
        line_buffering=stream.line_buffering, write_through=getattr(stream, "write_through", False),
    )


class Recording:
    """The usual path's run of a plain command line, keeping what it prints
    (see the module docstring): ``with recording: cli.main()``."""

    def __init__(self, asked: Asked, before: list[tuple[str, str]]) -> None:
        self.request, self.root, self.stamp, self.key = asked.request, asked.root, asked.stamp, asked.key
        self.before = before
        self.out: list[bytes | _Region] = []
        self.noted = False  # something went to stderr
        self.broken = False  # stdout's reader left
        self.direct = False  # answered from the warm rows without typer (see KEEP_LARGE_AGAIN)
        self._saved: tuple[Any, Any] | None = None

    def __enter__(self) -> Recording:
        self._saved = (sys.stdout, sys.stderr)
        sys.stdout = _teed(sys.stdout, _Tee(sys.stdout.buffer, self, self.out))
        sys.stderr = _teed(sys.stderr, _Tee(sys.stderr.buffer, self, None))
        return self

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        assert self._saved is not None
        ok = kind is None or (kind is SystemExit and exc.code in (0, None))
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                ok = False
        sys.stdout, sys.stderr = self._saved
        try:
            if ok and not self.noted and not self.broken:
                self.keep()
        finally:
            for chunk in self.out:
                if isinstance(chunk, _Region):
                    chunk.close()

    def keep(self) -> None:
        """File what was printed (best effort: a read-only or full disk keeps nothing)."""
        size = sum(map(len, self.out))  # not joined: written in turn (a 13 MB `list` copied once less)
        folder = _folder(self.root)
        if folder is None or size > MAX_ANSWER:
            return
        deps = list(self.before)
        if self.request.command == "show":
            # Its source is read by `show` alone: it must be the one stat'ed before the run.
            if self.request.argument is None or _show_sources(self.root, self.request.argument) != [p for p, _ in self.before]:
                return
        deps += [(path, stamping.signature(path)) for path in _libraries()]
        head = [FORMAT, b"%d\n" % len(deps)]
        head += [f"{sig} {os.fsencode(path).hex()}\n".encode("ascii") for path, sig in deps]
        head.append(b"%d\n" % size)
        name = _name(self.stamp, self.key)
        try:
            os.makedirs(folder, exist_ok=True)
            if self.direct and size > KEEP_LARGE_AGAIN and not _asked_before(os.path.join(folder, name + _ASKED)):
                return
            tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as f:
                f.write(b"".join(head))
                for chunk in self.out:  # not joined to the head nor to itself: a 13 MB `list` copied once
                    if isinstance(chunk, _Region):  # a part of a file: copied by the kernel
                        f.flush()
                        send(f, chunk.fd, chunk.offset, chunk.size)
                    else:
                        f.write(chunk)
            os.replace(tmp, os.path.join(folder, name))
            _prune(folder, self.stamp[:32])
        except OSError:
            return


_ASKED = ".asked"  # beside an answer's name: it was asked once (Recording.keep)


def _asked_before(mark: str) -> bool:
    """Whether ``mark`` was there; it is made when it was not."""
    try:
        os.close(os.open(mark, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
    except FileExistsError:
        return True
    return False


def _prune(folder: str, current: str) -> None:
    """Remove the answers of another stamp (they can never hold again) and
    the oldest beyond the limits, and temporary files of writers gone."""
    kept = []
    with os.scandir(folder) as entries:
        for e in entries:
            try:
                if e.name.startswith("."):
                    pid = e.name.rsplit(".", 2)[-2]
                    if pid.isdigit() and not _running(int(pid)):
                        os.unlink(e.path)
                elif not e.name.startswith(current + "-"):
                    os.unlink(e.path)
                else:
                    st = e.stat()
                    kept.append((st.st_mtime_ns, st.st_size, e.path))
            except OSError:
                continue
    kept.sort(reverse=True)
    total = 0
    for n, (_, size, path) in enumerate(kept):
        total += size
        if n >= MAX_ANSWERS or total > MAX_BYTES:
            try:
                os.unlink(path)
            except OSError:
                pass


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def record(asked: Asked) -> Recording | None:
    """A recorder for the usual path's run of the command line ``asked``
    (its stamp was taken before the run reads anything); None when its
    answer would not be kept (see the module docstring)."""
    if not hasattr(sys.stdout, "buffer") or not hasattr(sys.stderr, "buffer"):
        return None
    before: list[tuple[str, str]] = []
    if asked.request.command == "show":
        sources = _show_sources(asked.root, asked.request.argument or "")
        if sources is None:
            return None  # an index that cannot tell yet: the next run keeps it
        before = [(path, stamping.signature(path)) for path in sources]
    return Recording(asked, before)


__all__ = ["ENV", "FALL_THROUGH_ENV", "Asked", "Recording", "ask", "serve", "record", "key"]
