"""What rich would make of a stream it writes no style to, found without
importing rich (issue 9: a first `stats` or `search` table within 2x
``factcheck --version``, and importing rich alone is more than that).

rich writes plain text, no escape sequence at all, to a stream that is not a
terminal (a pipe, a file); its width is then ``COLUMNS``, or the size of
whichever of stdin, stdout and stderr is a terminal, or 80.  The table
renderers ask :func:`plain_width` first and, when it answers, write the
lines rich would write for text they can measure without rich (printable
ASCII: one cell a character, nothing to make visible); anything else is
rich's to draw.  Tests hold each answer to what rich does, environment by
environment (``tests/test_bare.py``).

Only ``os`` and ``sys`` are imported.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported at run time: see factcheck.direct
if TYPE_CHECKING:
    from typing import IO

# rich's order for the terminal size (rich.console._STD_STREAMS, POSIX).
_STD_STREAMS = (0, 1, 2)


def _digits(name: str) -> int | None:
    value = os.environ.get(name)
    return int(value) if value is not None and value.isdigit() else None


def _terminal(out: IO[str]) -> bool | None:
    """rich's ``Console.is_terminal`` for ``out`` (POSIX, not Jupyter or
    IDLE: None, unknown, otherwise)."""
    import builtins

    if sys.platform == "win32" or hasattr(builtins, "get_ipython"):
        return None  # legacy consoles and notebooks: rich's own rules
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return None
    tty_compatible = os.environ.get("TTY_COMPATIBLE", "")
    if tty_compatible in ("0", "1"):
        return tty_compatible == "1"
    force_color = os.environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color != ""
    isatty = getattr(out, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:
        return False


def plain_width(out: IO[str]) -> int | None:
    """The width a rich console on ``out`` (``report.table.console``) lays
    text out to when it writes no style (not a terminal); None when it would
    write styles, or when this cannot tell (rich then draws, as always)."""
    out = getattr(out, "rich_proxied_file", out)
    if _terminal(out) is not False:
        return None
    columns, lines = _digits("COLUMNS"), _digits("LINES")
    if columns is not None and lines is not None:
        return columns
    width = None
    for fd in _STD_STREAMS:
        try:
            width, _ = os.get_terminal_size(fd)
        except (AttributeError, ValueError, OSError):
            pass
        else:
            break
    if columns is not None:
        return columns
    return width or 80


def simple(text: str) -> bool:
    """Text rich measures as one cell a character and shows as it is
    (printable ASCII): what the plain writers measure without rich."""
    return text.isascii() and text.isprintable()


__all__ = ["plain_width", "simple"]
