"""What the rich renderings for the terminal share (the ``table`` format of
``list``, ``search``, ``show``, ``stats`` and ``contradictions``).

Each renderer is handed the text stream it writes to and prints through
:func:`console`: no colour when the stream is not a terminal or when
``NO_COLOR`` is set.  Claim text is always wrapped in ``report.terminal.Text`` (rich Text, inert)
(never parsed as markup), so brackets in claims such as ``[要出典]`` print
as written.  Column widths are measured in terminal cells, so Japanese (two
cells a character) lines up.
"""

from __future__ import annotations

import os
from typing import IO, Any, Iterable

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment

from factcheck.report.styles import status_spans
from factcheck.report.terminal import Text
from factcheck.safety import visible

TEXT_CELLS = 56


def shorten(text: str, cells: int = TEXT_CELLS) -> str:
    """Text cut to at most ``cells`` terminal cells, with an ellipsis when cut."""
    text = " ".join(text.split())
    if cell_len(text) <= cells:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def status_text(statuses: Iterable[str]) -> Text:
    value, spans = status_spans(statuses)
    text = Text(value)
    for start, end, style in spans:
        text.stylize(style, start, end)
    return text


def widest(header: str, cells: Iterable[str]) -> int:
    return max([cell_len(header), *(cell_len(c) for c in cells)])


class _Console(Console):
    def render(self, renderable: Any, options: Any = None) -> Any:
        # Data reaches the terminal only through here: escape sequences (ESC,
        # C1 controls) and bidi overrides in claim text become visible
        # placeholders instead of driving the terminal or reordering the line.
        for segment in super().render(renderable, options):
            if segment.control is None and segment.text:
                clean = visible(segment.text)
                if clean != segment.text:
                    segment = Segment(clean, segment.style, segment.control)
            yield segment

    def on_broken_pipe(self) -> None:
        # rich would exit 1 itself; the reader leaving is the CLI's to judge.
        self.quiet = True
        raise BrokenPipeError


def console(out: IO[str] | None = None, *, stderr: bool = False) -> Console:
    """A rich console on ``out`` (default: stdout, or stderr) that writes
    plain text when it is not a terminal or when NO_COLOR is set."""
    no_color = bool(os.environ.get("NO_COLOR"))
    return _Console(file=out, stderr=stderr, no_color=no_color, highlight=False, soft_wrap=stderr)
