"""The tables and panels of the read commands' first answers drawn without
rich, byte for byte as rich draws them, for a stream rich writes no style to
(issue 9: a first warm `list`, `search`, `stats` or `show ID` within 2x
``factcheck --version``; importing rich alone is more than that).

rich stays the renderer of record.  This module lays out the few things
those answers print (a table of the ``SIMPLE_HEAD`` kind or a grid, a panel
that fits its text, a panel with a title across the width, lines of text)
with rich's own rules: the measuring of columns and their collapse to the
width, word wrapping and folding, justification, truncation with an
ellipsis, cropping.  Whatever it cannot be sure of raises :class:`Uncertain`
before anything is written, and rich draws instead:

- a stream rich would write styles to (a terminal, ``FORCE_COLOR``), or whose
  encoding is not UTF-8 (rich draws ASCII boxes then), or a width it cannot
  tell (:func:`factcheck.report.bare.plain_width`);
- a rich release other than the one these rules were read from
  (:data:`RICH`), or ``UNICODE_VERSION`` set (rich's cell widths follow it);
- a character whose width in cells is not certain (combining marks, emoji,
  joiners, variation selectors, anything outside :data:`_NARROW` and
  :data:`_WIDE`), a control character (rich shows a placeholder), a tab;
- markup or an emoji code in a plain string cell (rich would read it);
- a layout rich would squeeze by its last resort (a table wider than the
  terminal once its wrapping columns are collapsed), or too narrow to hold
  its padding.

Tests hold every answer to rich's, with rich drawing the same data in the
same conditions (``tests/test_plain.py``).  Only ``bisect``, ``os``, ``re`` and
``sys`` are imported.
"""

from __future__ import annotations

import os
import re
import sys
from bisect import bisect_right

TYPE_CHECKING = False  # typing is not imported at run time: see factcheck.direct
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import IO, Any

RICH = ("15.0.",)  # the rich releases whose layout this reproduces (tests compare with the installed one)


class Uncertain(Exception):
    """Something rich may draw otherwise: rich is to draw it."""


# --- cells -----------------------------------------------------------------------------

# Code points rich measures as one cell (rich.cells._SINGLE_CELL_UNICODE_RANGES and
# punctuation its table has at 1), and as two (East Asian wide); a test checks each one.
_NARROW = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2010, 0x2027), (0x2030, 0x205E),
           (0x2190, 0x21FF), (0x2500, 0x25FC), (0x2800, 0x28FF))
_WIDE = ((0x3000, 0x3029), (0x3030, 0x303E), (0x3041, 0x3096), (0x309B, 0x30FF), (0x3105, 0x312F),
         (0x3131, 0x3163), (0x3165, 0x318E), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3),
         (0xF900, 0xFA6D), (0xFA70, 0xFAD9), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6))
_WIDTHS: dict[str, int] = {}


# The ranges in order, as bounds to bisect: [low, high + 1) holds width cells.
_BOUNDS = sorted((low, high + 1, w) for ranges, w in ((_NARROW, 1), (_WIDE, 2)) for low, high in ranges)
_STARTS = [low for low, _, _ in _BOUNDS]


def _width(ch: str) -> int:
    known = _WIDTHS.get(ch)
    if known is not None:
        return known
    code = ord(ch)
    i = bisect_right(_STARTS, code) - 1
    if i >= 0 and code < _BOUNDS[i][1]:
        _WIDTHS[ch] = _BOUNDS[i][2]
        return _BOUNDS[i][2]
    raise Uncertain(f"width of U+{code:04X}")


def cells(text: str) -> int:
    """``text``'s width in terminal cells as rich measures it (Uncertain when not sure)."""
    if text.isascii() and text.isprintable():
        return len(text)
    known = _MEASURED.get(text)
    if known is not None:
        return known  # a cell's text is measured, then wrapped, then fitted: once is enough
    try:  # each character's width once, then summed at C speed (a claim is hundreds of characters)
        size = sum(map(_WIDTHS.__getitem__, text))
    except KeyError:
        for ch in set(text):
            _width(ch)  # known from now on, or Uncertain
        size = sum(map(_WIDTHS.__getitem__, text))
    if len(_MEASURED) > 8192:
        _MEASURED.clear()  # a long list's texts are each measured a few times, then never again
    _MEASURED[text] = size
    return size


_MEASURED: dict[str, int] = {}


def check(text: str) -> str:
    """``text``, when every character has a certain width (newlines allowed: they break lines)."""
    for line in text.split("\n"):
        cells(line)
    return text


def _crop(text: str, total: int) -> str:
    """rich.cells.set_cell_size: cut or padded to ``total`` cells; a wide
    character cut in half becomes a space."""
    if text.isascii():
        return text + " " * (total - len(text)) if len(text) < total else text[:total]
    if total <= 0:
        return ""
    size = cells(text)
    if size <= total:
        return text + " " * (total - size)
    used = 0
    for i, ch in enumerate(text):
        w = _width(ch)
        if used + w > total:
            return text[:i] + " " * (total - used)
        used += w
    return text


def _chop(word: str, width: int) -> list[str]:
    """rich.cells.chop_cells: ``word`` folded into pieces of at most ``width`` cells."""
    lines: list[str] = []
    start, used = 0, 0
    for i, ch in enumerate(word):
        w = _width(ch) if not ch.isascii() else 1
        if used + w > width:
            lines.append(word[start:i])
            start, used = i, 0
        used += w
    if used:
        lines.append(word[start:])
    return lines


# --- text ------------------------------------------------------------------------------

_WORD = re.compile(r"\s*\S+\s*")
_TRAILING = re.compile(r"\s+$")


def _breaks(text: str, width: int, fold: bool) -> list[int]:
    """rich._wrap.divide_line: where ``text`` breaks to fit ``width``."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = cells(word.rstrip())
        if width - offset >= length:
            offset += cells(word)
        elif length > width:
            if fold:
                pieces = _chop(word, width)
                for n, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if n == len(pieces) - 1:
                        offset = cells(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = cells(word)
        elif offset and start:
            breaks.append(start)
            offset = cells(word)
    return breaks


def _truncate(line: str, width: int, overflow: str, *, pad: bool = False) -> str:
    """rich Text.truncate."""
    length = cells(line)
    if length > width:
        line = _crop(line, width - 1) + "…" if overflow == "ellipsis" else _crop(line, width)
    if pad and length < width:
        line += " " * (width - length)
    return line


def wrap(text: str, width: int, *, justify: str = "default", overflow: str = "fold", no_wrap: bool = False) -> list[str]:
    """rich Text.wrap: the lines of ``text`` at ``width`` cells."""
    if "\t" in text:
        raise Uncertain("tab")
    out: list[str] = []
    for line in text.split("\n"):
        if no_wrap:
            pieces = [line]
        else:
            bounds = [0, *_breaks(line, width, overflow == "fold"), len(line)]
            pieces = [line[a:b] for a, b in zip(bounds, bounds[1:], strict=False)] if len(bounds) > 2 else [line]
            # Text.rstrip_end: whitespace past ``width`` characters (not cells) goes.
            for i, piece in enumerate(pieces):
                if len(piece) > width:
                    trailing = _TRAILING.search(piece)
                    if trailing is not None:
                        pieces[i] = piece[: len(piece) - min(len(trailing.group(0)), len(piece) - width)]
        if justify == "left":
            pieces = [_truncate(p, width, overflow, pad=True) for p in pieces]
        elif justify == "right":
            pieces = [p.rstrip() for p in pieces]
            pieces = [_truncate(p, width, overflow) for p in pieces]
            pieces = [" " * (width - cells(p)) + p for p in pieces]
        elif justify != "default":
            raise Uncertain(f"justify {justify}")
        out.extend(_truncate(p, width, overflow) for p in pieces)
    return out


def fitted(lines: list[str], width: int) -> list[str]:
    """rich's render_lines(pad=True): each line cropped or padded to ``width`` cells."""
    return [_crop(line, width) for line in lines]


def measure(text: str) -> tuple[int, int]:
    """rich Text.__rich_measure__: (widest word, widest line) in cells."""
    lines = text.splitlines()
    widest = max((cells(line) for line in lines), default=0)
    words = text.split()
    return (max(cells(word) for word in words) if words else widest), widest


def _get(text: str, max_width: int) -> tuple[int, int]:
    """rich Measurement.get of a Text at ``max_width``."""
    if max_width < 1:
        return 0, 0
    low, high = measure(text)
    low = min(max(0, low), high)
    low, high = max(0, low), max(0, max(low, high))
    low, high = min(low, max_width), min(high, max_width)
    if high < 1:
        return 0, 0
    low = min(max(0, low), high)
    return max(0, low), max(0, max(low, high))


def lines_of(text: str, width: int) -> str:
    """``console.print(Text(text))`` at ``width``."""
    return "".join(line + "\n" for line in wrap(check(text), width))


# --- tables ----------------------------------------------------------------------------


class Column:
    """What a rich ``Table.add_column`` was given (plain values)."""

    def __init__(self, header: str, *, footer: str = "", justify: str = "left", no_wrap: bool = False,
                 overflow: str = "ellipsis", min_width: int | None = None, max_width: int | None = None) -> None:
        self.header, self.footer, self.justify, self.no_wrap = header, footer, justify, no_wrap
        self.overflow, self.min_width, self.max_width = overflow, min_width, max_width
        self.cells: list[str] = []


def markup_free(text: str) -> str:
    """A plain string cell rich reads as markup: only when nothing in it can be a tag or an emoji code."""
    if "[" in text or ":" in text:
        raise Uncertain("markup")
    return text


def table(columns: Sequence[Column], width: int, *, box: bool = True, show_header: bool = True,
          show_footer: bool = False, collapse_padding: bool = False) -> list[str]:
    """A rich ``Table`` (``SIMPLE_HEAD`` without its edge, or a grid when not
    ``box``; ``pad_edge=False``, padding (0, 1), not expanded) at ``width``:
    its lines, without their line ends."""
    last = len(columns) - 1

    def pads(i: int) -> tuple[int, int]:  # Table._get_cells's left and right padding of a column
        left, right = 1, 1
        if collapse_padding and i:
            left = 0
        return (0 if i == 0 else left), (0 if i == last else right)

    def padding_width(i: int) -> int:  # Table._get_padding_width
        left, right = (0, 1) if collapse_padding else (1, 1)
        return (0 if i == 0 else left) + (0 if i == last else right)

    def texts(column: Column) -> list[str]:
        return [*([column.header] if show_header else []), *column.cells, *([column.footer] if show_footer else [])]

    def measure_column(i: int, column: Column, max_width: int) -> tuple[int, int]:
        if max_width < 1:
            return 0, 0
        left, right = pads(i)
        extra = left + right
        lows, highs = [], []
        for text in texts(column):
            if max_width - extra < 1:
                low, high = max_width, max_width
            else:
                low, high = _get(text, max_width)
                low, high = min(low + extra, max_width), min(high + extra, max_width)
            if high < 1:  # Measurement.get of the padded cell
                low, high = 0, 0
            lows.append(low)
            highs.append(high)
        low, high = (max(lows) if lows else 1), (max(highs) if highs else max_width)
        low, high = min(low, max_width), min(high, max_width)
        pad = padding_width(i)
        if column.min_width is not None:
            low, high = max(low, column.min_width + pad), max(high, column.min_width + pad)
        if column.max_width is not None:
            low, high = min(low, column.max_width + pad), min(high, column.max_width + pad)
        return low, high

    for column in columns:
        for text in texts(column):
            check(text)
    extra_width = last if box else 0
    room = width - extra_width
    widths = [measure_column(i, c, room)[1] or 1 for i, c in enumerate(columns)]
    if sum(widths) > room:
        widths = _collapse(widths, [not c.no_wrap for c in columns], room)
        if sum(widths) > room:  # rich's last resort: every column reduced evenly
            widths = _ratio_reduce(sum(widths) - room, [1] * len(widths), widths, widths)
        widths = [measure_column(i, c, w)[1] or 0 for i, (c, w) in enumerate(zip(columns, widths, strict=True))]

    rows: list[list[tuple[str, str]]] = []  # each row: (text, 'header'|'cell'|'footer') per column
    if show_header:
        rows.append([(c.header, "header") for c in columns])
    for r in range(len(columns[0].cells) if columns else 0):
        rows.append([(c.cells[r], "cell") for c in columns])
    if show_footer:
        rows.append([(c.footer, "footer") for c in columns])

    out: list[str] = []
    divider = " " if box else ""
    for index, row in enumerate(rows):
        rendered: list[list[str]] = []
        for i, ((text, _), column, w) in enumerate(zip(row, columns, widths, strict=True)):
            left, right = pads(i)
            inner = w - left - right
            if inner < 1:
                raise Uncertain("no room")
            lines = fitted(wrap(text, inner, justify=column.justify, overflow=column.overflow,
                                no_wrap=column.no_wrap), inner)
            rendered.append([" " * left + line + " " * right for line in lines])
        height = max(len(lines) for lines in rendered)
        for lines, w, (_, kind) in zip(rendered, widths, row, strict=True):
            blank = [" " * w] * (height - len(lines))
            lines[:] = blank + lines if kind == "header" else lines + blank
        if box and show_footer and index == len(rows) - 1:
            out.append(" " * (sum(widths) + last))  # SIMPLE_HEAD's foot row: blank
        for n in range(height):
            out.append(divider.join(lines[n] for lines in rendered))
        if box and show_header and index == 0:
            out.append("─" * (sum(widths) + last))
    # Measured again after the collapse, columns may be wider than the room
    # (a minimum width): the console crops each line to its width.
    return [_crop(line, width) if cells(line) > width else line for line in out]


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """rich Table._collapse_widths: the widest wrapping columns narrowed first."""
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, ok in zip(widths, wrapable, strict=True) if ok)
            second = max(w if ok and w != widest else 0 for w, ok in zip(widths, wrapable, strict=True))
            difference = widest - second
            ratios = [1 if (w == widest and ok) else 0 for w, ok in zip(widths, wrapable, strict=True)]
            if not any(ratios) or not difference:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """rich._ratio.ratio_reduce."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(most, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


# --- panels ----------------------------------------------------------------------------


def fit_panel(parts: Sequence[str], width: int) -> str:
    """``Panel(Group(*Texts), box=ROUNDED, expand=False)`` at ``width``."""
    if width < 6:
        raise Uncertain("narrow panel")
    widest = max((_get(check(p), width - 2)[1] for p in parts), default=0)
    inner = min(widest + 2, width - 2) - 2
    lines = [line for p in parts for line in fitted(wrap(p, inner), inner)]
    body = "".join(f"│ {line} │\n" for line in lines)
    return f"╭{'─' * (inner + 2)}╮\n{body}╰{'─' * (inner + 2)}╯\n"


def titled_panel(title: str, text: str, width: int) -> str:
    """``Panel(Text, title=Text(title), title_align="left", box=SQUARE)`` across ``width``."""
    if width < 6 or "\n" in title:
        raise Uncertain("title")
    title = f" {title} "  # Panel._title pads it
    inner = width - 4
    if cells(check(title)) > inner:
        title = _crop(title, inner)  # Panel's align_text: truncated (folded: no ellipsis)
    top = "┌─" + title + "─" * (inner - cells(title)) + "─┐\n"
    body = "".join(f"│ {line} │\n" for line in fitted(wrap(check(text), inner), inner))
    return f"{top}{body}└{'─' * (width - 2)}┘\n"


# --- when ------------------------------------------------------------------------------


def _rich_release() -> str | None:
    """The version of the rich that ``import rich`` would load, read from its
    distribution's folder name beside it, or None."""
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isfile(os.path.join(folder, "rich", "__init__.py")):
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            return None
        found = [n[5:-10] for n in names if n.startswith("rich-") and n.endswith(".dist-info")]
        if len(found) == 1:
            RELIED_ON[:] = [os.path.join(folder, "rich", "__init__.py")]
            return found[0]
        return None
    return None


# The files an answer drawn here depends on (factcheck.answers keeps them with it):
# rich's, whose release decided that this module may draw.
RELIED_ON: list[str] = []


def width_for(out: IO[str]) -> int | None:
    """The width to draw at for ``out`` when this module draws exactly what
    rich would (see the module docstring), or None: rich is to draw."""
    from factcheck.report.bare import plain_width

    width = plain_width(out)
    if width is None or "UNICODE_VERSION" in os.environ:
        return None
    target = getattr(out, "rich_proxied_file", out)
    encoding = (getattr(target, "encoding", "utf-8") or "utf-8").lower()
    if not encoding.startswith("utf"):
        return None  # rich draws ASCII boxes
    release = _rich_release()
    if release is None or not release.startswith(RICH):
        return None
    return width


def draw(out: IO[str], make: Callable[..., str], *args: Any) -> bool:
    """Write what ``make(*args, width)`` draws to ``out``, when this module
    may draw for it and is certain; False, with nothing written, when rich is to."""
    width = width_for(out)
    if width is None:
        return False
    try:
        text = make(*args, width)
    except Uncertain:
        return False
    out.write(text)
    return True


__all__ = ["Uncertain", "Column", "cells", "check", "wrap", "table", "fit_panel", "titled_panel", "lines_of",
           "width_for", "draw", "RELIED_ON", "RICH"]
