"""Output meant for a person: rendered once, then paged when it would scroll.

As git does: the pager is ``$PAGER`` (else ``less``), only when stdout is a
terminal and the text is taller than the screen, and ``LESS=FRX`` unless
the user set ``LESS`` (colours pass through, short output does not clear
the screen).  ``--no-pager`` prints straight through.
"""

from __future__ import annotations

import io
import os
import pydoc
import shutil
import sys
from typing import IO, Callable


class _Screen(io.StringIO):
    """A buffer that renders as the terminal it stands for would (colour on)."""

    def isatty(self) -> bool:
        return True


def show(render: Callable[[IO[str]], None], *, pager: bool = True) -> None:
    """Render with ``render(out)``, then page it or print it."""
    if not sys.stdout.isatty():
        render(sys.stdout)
        sys.stdout.flush()
        return
    buffer = _Screen()
    render(buffer)
    text = buffer.getvalue()
    if pager and sys.stdin.isatty() and text.count("\n") >= shutil.get_terminal_size().lines:
        os.environ.setdefault("LESS", "FRX")
        pydoc.pager(text)
        return
    sys.stdout.write(text)
    sys.stdout.flush()
