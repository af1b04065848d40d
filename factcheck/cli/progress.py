"""Progress bars for long work: on stderr, only when it is a terminal.

Never when stderr is piped or redirected (logs stay clean), never with
``--quiet``, never on a dumb terminal (``TERM=dumb``), and not before the
work has taken a moment: quick runs print nothing extra.
The library reports progress through a plain ``callback(done, total)``;
only this module knows about rich's bars.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

# rich is imported once a bar is drawn: a quick run (validate after one file
# changed, a hook on one commit) never draws one and should not pay for it.

Callback = Callable[[int, int], None]


def wanted(*, quiet: bool = False) -> bool:
    """Whether a bar may be drawn: stderr is a terminal and nobody asked for quiet."""
    return not quiet and sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


# Work done within this many seconds shows no bar at all (no flicker on small repositories).
DELAY = 0.8


@contextmanager
def bar(description: str, *, quiet: bool = False) -> Iterator[Callback | None]:
    """A ``callback(done, total)`` drawing a transient bar with an ETA once the
    work has taken DELAY seconds, or None when no bar may be drawn."""
    if not wanted(quiet=quiet):
        yield None
        return
    started = time.monotonic()
    shown: list[tuple[Progress, TaskID]] = []

    def update(done: int, total: int) -> None:
        if not shown:
            if time.monotonic() - started < DELAY:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            console = Console(stderr=True, no_color=bool(os.environ.get("NO_COLOR")))
            progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            progress.start()
            shown.append((progress, progress.add_task(description, total=total)))
        progress, task = shown[0]
        progress.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if shown:
            shown[0][0].stop()
