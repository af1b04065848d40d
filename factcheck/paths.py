"""The one rule for a document's ``source`` path, shared by every command
that reads sources (``validate``, ``show``, ``report``, ``export``, the
``anchored`` rule): a relative path to a regular file inside the repository,
after symbolic links are followed.  A source outside the repository is
never opened, so a claim file from elsewhere cannot make factcheck print
``/etc/passwd``.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

from factcheck.errors import UsageError
from factcheck.safety import clip

# Longer than any file system allows in one path (PATH_MAX is 4096 on Linux).
MAX_SOURCE_LENGTH = 1024


def source_problem(root: Path, source: str) -> str | None:
    """Why ``source`` is not a usable source path under ``root``, or None."""
    shown = clip(source)
    if not source.strip():
        return "source is empty"
    if len(source) > MAX_SOURCE_LENGTH:
        return f"source {shown} is longer than {MAX_SOURCE_LENGTH} characters"
    if "\0" in source:
        return f"source {shown} contains a NUL character"
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in source):
        return f"source {shown} is not valid Unicode"
    if PurePosixPath(source).is_absolute() or PureWindowsPath(source).is_absolute() or PureWindowsPath(source).drive:
        return f"source {shown} is an absolute path; give it relative to the repository root"
    try:
        root = root.resolve()
        target = (root / source).resolve()
        if target != root and root not in target.parents:
            return f"source {shown} leads outside the repository"
        if not target.exists():
            return f"source {shown} does not exist"
        if not target.is_file():
            return f"source {shown} is not a file"
    except (OSError, ValueError, RuntimeError) as exc:
        # ENAMETOOLONG, ELOOP, a name the file system refuses: a bad path, not our crash.
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        return f"source {shown} cannot be used ({reason})"
    if not os.access(target, os.R_OK):
        return f"source {shown} is not readable"
    return None


def source_file(root: Path, source: str) -> Path:
    """The file ``source`` names inside ``root``, or UsageError saying why not."""
    problem = source_problem(root, source)
    if problem:
        raise UsageError(problem)
    return (root / source).resolve()
