"""What a repository's derived answers are made from, by stat() alone: the
*stamp* under which the index keeps rows (:mod:`factcheck.warm`) and printed
answers (:mod:`factcheck.answers`).

The stamp is a hash of factcheck's own code (every ``.py`` and ``.yaml`` file
of the package with its size, modification time and inode), the two
configuration files, and every entry of ``claims/`` and ``references/`` with
its size, modification time, inode and mode: no file is read.  Statuses,
records, search hits and stats depend on those files only (not on the
sources: `show` says what it read of them, see ``answers``).

It imports only ``os`` and a SHA-256: the console script computes it before
the command line interface loads, and a warm answer has ~20 ms for all of its
work (issue 9: warm read commands within 2x ``factcheck --version``).
"""

from __future__ import annotations

import os

from factcheck import __version__

try:  # the interpreter's own SHA-256: importing hashlib loads OpenSSL (~2.5 ms)
    from _sha256 import sha256  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.12+ names it _sha2; same digest
    from hashlib import sha256

# The same names as factcheck.store and factcheck.config (a test holds them
# equal), repeated here because importing those modules is what a warm
# answer avoids.
FOLDERS = ("claims", "references")
CONFIG_FILES = (".factcheck.yaml", "pyproject.toml")
ROOT_ENV = "FACTCHECK_ROOT"
_PACKAGE = os.path.dirname(os.path.realpath(__file__))
# os.stat(name, dir_fd=...) where the platform has it: no path to resolve a
# second time for each of 2,000 files.
_DIR_FD = os.stat in os.supports_dir_fd and os.listdir in os.supports_fd


def code_fingerprint() -> str:
    """The version and the state of factcheck's own files: an index or an
    answer made by other code (rules, vocabularies, renderers) is not trusted."""
    found: list[str] = []
    pending = [""]
    while pending:
        rel = pending.pop()
        with os.scandir(os.path.join(_PACKAGE, rel)) as entries:
            for e in entries:
                if e.is_dir(follow_symlinks=False):
                    if e.name != "__pycache__":
                        pending.append(f"{rel}{e.name}/")
                elif e.name.endswith((".py", ".yaml")):
                    st = e.stat()
                    found.append(f"{rel}{e.name}:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}\n")
    found.sort()
    return sha256(f"{__version__}\n{''.join(found)}".encode("utf-8", "surrogateescape")).hexdigest()


def locate(root: str | None) -> str | None:
    """The repository's root as ``Repository.locate`` finds it (``--root``,
    else ``$FACTCHECK_ROOT``, else the nearest folder at or above the working
    folder holding claims/ or references/), resolved; None when it would
    fail (the usual path then says why)."""
    given = root or os.environ.get(ROOT_ENV) or None
    if given is not None:
        if not os.path.isdir(given) or not any(os.path.isdir(os.path.join(given, f)) for f in FOLDERS):
            return None
        return os.path.realpath(given)
    here = os.path.realpath(os.getcwd())
    while True:
        if any(os.path.isdir(os.path.join(here, f)) for f in FOLDERS):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def signature(path: str, *, dir_fd: int | None = None) -> str:
    """A file's size, modification time, inode and mode ("missing" when it
    cannot be stat'ed): a file rewritten, or renamed over (an editor's atomic
    save, same size and time), has another."""
    try:
        st = os.stat(path, dir_fd=dir_fd)
    except (OSError, ValueError):
        return "missing"
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{st.st_mode}"


def stamp(root: str) -> str:
    """What the repository at ``root`` is now, for what derives from it (see the module docstring)."""
    parts = [code_fingerprint()]
    parts += [f"{name}\x1f{signature(os.path.join(root, name))}" for name in CONFIG_FILES]
    for folder in FOLDERS:
        parts += _folder(os.path.join(root, folder), folder)
    return sha256("\x1e".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _folder(where: str, folder: str) -> list[str]:
    if not _DIR_FD:
        try:
            names = sorted(os.listdir(where))
        except OSError:
            return [f"{folder}\x1fmissing"]
        return [f"{folder}/{name}\x1f{signature(os.path.join(where, name))}" for name in names]
    try:
        fd = os.open(where, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return [f"{folder}\x1fmissing"]
    try:
        names = sorted(os.listdir(fd))
        # signature() inline: a call and a string less per file (~0.3 ms of ~7 ms at 2,000 files).
        found = []
        for name in names:
            try:
                st = os.stat(name, dir_fd=fd)
            except (OSError, ValueError):
                found.append(f"{folder}/{name}\x1fmissing")
            else:
                found.append(f"{folder}/{name}\x1f{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{st.st_mode}")
        return found
    finally:
        os.close(fd)


__all__ = ["FOLDERS", "CONFIG_FILES", "ROOT_ENV", "code_fingerprint", "locate", "signature", "stamp"]
