"""The tables and panels of the read commands' first answers drawn without
rich, byte for byte as rich draws them: for a stream rich writes no style to
(a pipe, a file), and for a terminal, escape sequences included, in the
colour system rich detects there (see "styles" below and :func:`ink_for`)
(issue 9: a first warm `list`, `search`, `stats` or `show ID` within 2x
``factcheck --version``; importing rich alone is more than that).

rich stays the renderer of record.  This module lays out the few things
those answers print (a table of the ``SIMPLE_HEAD`` kind or a grid, a panel
that fits its text, a panel with a title across the width, lines of text)
with rich's own rules: the measuring of columns and their collapse to the
width, word wrapping and folding, justification, truncation with an
ellipsis, cropping.  Whatever it cannot be sure of raises :class:`Uncertain`
before anything is written, and rich draws instead:

- a stream whose encoding is not UTF-8 (rich draws ASCII boxes then), or
  that neither :func:`factcheck.report.bare.plain_width` (not a terminal) nor
  :func:`_terminal_ink` (a terminal) can tell the width of;
- a style whose codes are not in :data:`_COLOURS` and :data:`_ATTRIBUTES`;
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
same conditions (``tests/test_plain.py``).  Only ``bisect`` (for a character
not measured yet), ``os``, ``re`` and ``sys`` are imported.
"""

from __future__ import annotations

import os
import re
import sys

TYPE_CHECKING = False  # typing is not imported at run time: see factcheck.direct
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import IO, Any

    Span = tuple[int, int, str]  # a Text span: [start, end) in characters, a style's name
    Seg = tuple[str, tuple[str, ...]]  # a segment: its text, the names of the styles combined
    Styled = tuple[str, str, Sequence[Span]]  # a Text: its text, its own style, its spans

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
    from bisect import bisect_right  # a character not measured yet: an ASCII table never imports it

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
    if len(text) <= width and text.isascii() and text.isprintable():
        # One line that fits (most cells of a long table): nothing breaks, folds or is cut.
        if justify == "left":
            return [text + " " * (width - len(text))]
        if justify == "right":
            text = text.rstrip()
            return [" " * (width - len(text)) + text]
        if justify == "default":
            return [text]
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
    if text.isascii() and text.isprintable():  # one line, a cell a character
        words = text.split()
        return (max(map(len, words)) if words else len(text)), len(text)
    lines = text.splitlines()
    widest = max((cells(line) for line in lines), default=0)
    words = text.split()
    return (max(cells(word) for word in words) if words else widest), widest


def _simple(texts: Sequence[str]) -> bool:
    """Whether every one of ``texts`` is one line of printable ASCII (a cell a
    character), asked of them all at once."""
    joined = "".join(texts)
    return joined.isascii() and joined.isprintable()


def _widest(texts: Sequence[str]) -> tuple[int, int]:
    """The widest of ``texts``' :func:`measure`: (widest word, widest line)."""
    if _simple(texts):
        words = max(map(len, " ".join(texts).split()), default=0)
        blank = max(map(len, filter(str.isspace, texts)), default=0)  # a text of no word measures its length
        return max(words, blank), max(map(len, texts))
    measured = [measure(text) for text in texts]
    return max(min(low, high) for low, high in measured), max(high for _, high in measured)


def widest(texts: Sequence[str]) -> int:
    """The most cells any of ``texts`` takes as one line (Uncertain when not sure)."""
    if _simple(texts):
        return max(map(len, texts), default=0)
    return max((cells(check(text)) for text in texts), default=0)


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


def lines_of(text: str, width: int, ink: Ink | None = None, style: str = "", spans: Sequence[Span] = ()) -> str:
    """``console.print(Text(text, style=style, spans=spans))`` at ``width``, written in ``ink``."""
    if ink is not None and ink.system is not None:
        check(text)
        if "\n" not in text and cells(text) <= width:
            # One line that fits (each line of a narrow `stats`): nothing breaks,
            # strips, pads or is cut, so it is wrap_styled's one piece as it is.
            spans = _clip(spans, 0, len(text))
            return ink.line(_segments(text, [(0, len(text), style), *spans] if style else spans)) + "\n"
        return "".join(ink.line(_adjust(line, width, None)) + "\n" for line in wrap_styled(text, spans, width, base=style))
    return "".join(line + "\n" for line in wrap(check(text), width))


# --- tables ----------------------------------------------------------------------------


class Column:
    """What a rich ``Table.add_column`` was given (plain values)."""

    def __init__(self, header: str, *, footer: str = "", justify: str = "left", no_wrap: bool = False,
                 overflow: str = "ellipsis", min_width: int | None = None, max_width: int | None = None,
                 style: str = "", header_base: str = "") -> None:
        self.header, self.footer, self.justify, self.no_wrap = header, footer, justify, no_wrap
        self.overflow, self.min_width, self.max_width = overflow, min_width, max_width
        self.cells: list[str] = []
        # For a terminal: the column's style, its header's Text style, and each
        # cell's Text style and spans (none unless given).
        self.style = style
        self.header_base = header_base
        self.bases: list[str] = []
        self.spans: list[Sequence[Span]] = []


def markup_free(text: str) -> str:
    """A plain string cell rich reads as markup: only when nothing in it can be a tag or an emoji code."""
    if "[" in text or ":" in text:
        raise Uncertain("markup")
    return text


def table(columns: Sequence[Column], width: int, *, box: bool = True, show_header: bool = True,
          show_footer: bool = False, collapse_padding: bool = False, ink: Ink | None = None) -> list[str]:
    """A rich ``Table`` (``SIMPLE_HEAD`` without its edge, or a grid when not
    ``box``; ``pad_edge=False``, padding (0, 1), not expanded) at ``width``:
    its lines, without their line ends, written in ``ink`` when it has styles."""
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
        # Each text once: the widest is the same, and a long table's counts repeat.
        return list(dict.fromkeys([*([column.header] if show_header else []), *column.cells,
                                   *([column.footer] if show_footer else [])]))

    def measure_column(i: int, column: Column, max_width: int) -> tuple[int, int]:
        if max_width < 1:
            return 0, 0
        left, right = pads(i)
        extra = left + right
        every = distinct[i]
        if not every:
            low, high = 1, max_width
        elif max_width - extra < 1:
            low, high = max_width, max_width
        else:
            # Measurement.get of each text, then of its padded cell, only ever
            # clamps a text's (widest word, widest line), which never exceeds
            # its widest line: the column's maximum is its widest texts' clamped.
            low, high = _widest(every)
            low, high = min(min(low, max_width) + extra, max_width), min(min(high, max_width) + extra, max_width)
        pad = padding_width(i)
        if column.min_width is not None:
            low, high = max(low, column.min_width + pad), max(high, column.min_width + pad)
        if column.max_width is not None:
            low, high = min(low, column.max_width + pad), min(high, column.max_width + pad)
        return low, high

    distinct = [texts(column) for column in columns]  # measured once more after a collapse
    for every in distinct:
        if not _simple(every):
            for text in every:
                check(text)
    extra_width = last if box else 0
    room = width - extra_width
    widths = [measure_column(i, c, room)[1] or 1 for i, c in enumerate(columns)]
    if sum(widths) > room:
        widths = _collapse(widths, [not c.no_wrap for c in columns], room)
        if sum(widths) > room:  # rich's last resort: every column reduced evenly
            widths = _ratio_reduce(sum(widths) - room, [1] * len(widths), widths, widths)
        widths = [measure_column(i, c, w)[1] or 0 for i, (c, w) in enumerate(zip(columns, widths, strict=True))]

    if ink is not None and ink.system is not None:
        return _styled_table(columns, widths, pads, width, ink, box=box, show_header=show_header, show_footer=show_footer)
    body = _body_lines(columns, widths, pads, " " if box else "")
    rows: list[list[tuple[str, str]]] = []  # each row: (text, 'header'|'cell'|'footer') per column
    if show_header:
        rows.append([(c.header, "header") for c in columns])
    if body is None:
        for r in range(len(columns[0].cells) if columns else 0):
            rows.append([(c.cells[r], "cell") for c in columns])
    if show_footer:
        rows.append([(c.footer, "footer") for c in columns])

    out: list[str] = []
    at = None  # where the body's lines go, when drawn at once: after the header's
    divider = " " if box else ""
    drawn: dict[tuple[str, int, int], list[str]] = {}  # a cell's lines by its text, column and width
    for index, row in enumerate(rows):
        if index == 1 and show_header:
            at = len(out)
        rendered: list[list[str]] = []
        for i, ((text, _), column, w) in enumerate(zip(row, columns, widths, strict=True)):
            left, right = pads(i)
            inner = w - left - right
            if inner < 1:
                raise Uncertain("no room")
            key = (text, i, inner)
            lines = drawn.get(key)
            if lines is None:
                lines = drawn[key] = [" " * left + line + " " * right for line in fitted(
                    wrap(text, inner, justify=column.justify, overflow=column.overflow, no_wrap=column.no_wrap), inner)]
            rendered.append(lines[:])
        height = max(len(lines) for lines in rendered)
        if height == 1 and not (box and show_footer and index == len(rows) - 1) and not (box and show_header and index == 0):
            out.append(divider.join(lines[0] for lines in rendered))  # a body row of one line (most of a long table)
            continue
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
    out = [_crop(line, width) if cells(line) > width else line for line in out]
    if body is not None:  # each of its lines is as wide as the table
        out[at if at is not None else (len(out) if show_header else 0):0] = (
            [_crop(line, width) for line in body] if sum(widths) + last * box > width else body)
    return out


def _body_lines(columns: Sequence[Column], widths: list[int], pads: Callable[[int], tuple[int, int]],
                divider: str) -> list[str] | None:
    """The body rows of :func:`table` as the row loop draws them when every
    cell is one line (most long tables: `stats` of 1,000 documents), each
    distinct text of a column drawn once and the rows joined at C speed (the
    loop cell by cell was most of a 1,000-row table, issue 9); None when a
    cell takes more lines (the loop draws them then)."""
    if not columns or not columns[0].cells:
        return []
    drawn: list[list[str]] = []
    for i, (column, w) in enumerate(zip(columns, widths, strict=True)):
        left, right = pads(i)
        inner = w - left - right
        if inner < 1:
            raise Uncertain("no room")
        distinct = list(dict.fromkeys(column.cells))
        if column.justify in ("left", "default", "right") and _simple(distinct) and max(map(len, distinct)) <= inner:
            # What wrap() and fitted() make of one fitting line of ASCII: padded to
            # the inner width (a right-justified one stripped first), formatted at once.
            right_justified = column.justify == "right"
            shape = " " * left + ("{:>%d}" if right_justified else "{:<%d}") % inner + " " * right
            one = dict(zip(distinct, map(shape.format, map(str.rstrip, distinct) if right_justified else distinct),
                           strict=True))
        else:
            one = {}
            for text in distinct:
                lines = fitted(wrap(text, inner, justify=column.justify, overflow=column.overflow, no_wrap=column.no_wrap),
                               inner)
                if len(lines) != 1:
                    return None
                one[text] = " " * left + lines[0] + " " * right
        drawn.append(list(map(one.__getitem__, column.cells)))
    return list(map(divider.join, zip(*drawn, strict=True)))


def _styled_table(columns: Sequence[Column], widths: list[int], pads: Callable[[int], tuple[int, int]], width: int,
                  ink: Ink, *, box: bool, show_header: bool, show_footer: bool) -> list[str]:
    """:func:`table`'s rows as rich writes them to a terminal (Table._render):
    a header and footer cell is in the table's header style (bold), a body
    cell in its column's; its padding, fill and blank lines in that style too."""
    last = len(columns) - 1
    # each row: per column (text, Text style, spans, cell style, kind)
    rows: list[list[tuple[str, str, Sequence[Span], str, str]]] = []
    # A body of unstyled cells is written as text (Console._render_buffer of
    # unstyled segments): the rows drawn at once when each is one line.
    plain_body = not any(c.style or any(c.bases) or any(map(len, c.spans)) for c in columns)
    body = _body_lines(columns, widths, pads, " " if box else "") if plain_body else None
    if show_header:
        rows.append([(c.header, c.header_base, (), "bold", "header") for c in columns])
    if body is None:
        for r in range(len(columns[0].cells) if columns else 0):
            rows.append([(c.cells[r], c.bases[r] if c.bases else "", c.spans[r] if c.spans else (), c.style, "cell")
                         for c in columns])
    if show_footer:
        rows.append([(c.footer, "", (), "bold", "footer") for c in columns])
    out: list[list[Seg]] = []
    at = None  # where the body's lines go, when drawn at once: after the header's
    divider: list[Seg] = [(" ", ())] if box else []
    drawn: dict[tuple[str, int, int], list[list[Seg]]] = {}  # an unstyled cell's lines by its text, column and width
    for index, row in enumerate(rows):
        if index == 1 and show_header:
            at = len(out)
        rendered: list[list[list[Seg]]] = []
        for i, ((text, base, spans, style, _), column, w) in enumerate(zip(row, columns, widths, strict=True)):
            left, right = pads(i)
            inner = w - left - right
            if inner < 1:
                raise Uncertain("no room")
            if not (style or base or spans):
                # Nothing styled in or around it: its segments' breaks do not show, so
                # the unstyled drawing stands (most cells of a long table).
                key = (text, i, inner)
                cached = drawn.get(key)
                if cached is None:
                    cached = drawn[key] = [[(" " * left + line + " " * right, ())] for line in fitted(
                        wrap(text, inner, justify=column.justify, overflow=column.overflow, no_wrap=column.no_wrap), inner)]
                rendered.append(cached[:])
                continue
            lines = wrap_styled(text, spans, inner, base=base, justify=column.justify, overflow=column.overflow,
                                no_wrap=column.no_wrap)
            rendered.append([_styled([*([(" " * left, ())] if left else []), *_adjust(line, inner, ()),
                                      *([(" " * right, ())] if right else [])], style) for line in lines])
        height = max(len(lines) for lines in rendered)
        if height == 1 and not (box and show_footer and index == len(rows) - 1) and not (box and show_header and index == 0):
            row_line = list(rendered[0][0])  # a body row of one line (most of a long table)
            for lines in rendered[1:]:
                row_line += divider
                row_line += lines[0]
            out.append(row_line)
            continue
        for lines, w, (_, _, _, style, kind) in zip(rendered, widths, row, strict=True):
            blank: list[list[Seg]] = [[(" " * w, (style,) if style else ())]] * (height - len(lines))
            lines[:] = blank + lines if kind == "header" else lines + blank
        if box and show_footer and index == len(rows) - 1:
            out.append([(" " * (sum(widths) + last), ())])
        for n in range(height):
            line: list[Seg] = []
            for i, lines in enumerate(rendered):
                if i:
                    line.extend(divider)
                line.extend(lines[n])
            out.append(line)
        if box and show_header and index == 0:
            out.append([("─" * (sum(widths) + last), ())])
    written = [ink.line(_adjust(line, width, None)) for line in out] if sum(widths) + (last if box else 0) > width else [
        ink.line(line) for line in out]  # every line is that wide: the console crops it, segment by segment
    if body is not None:
        # Unstyled, cropped segment by segment is cropped as one text (each as wide as the table).
        if sum(widths) + last * box > width:
            body = [_crop(line, width) for line in body]
        written[at if at is not None else (len(written) if show_header else 0):0] = body
    return written


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


def fit_panel(parts: Sequence[str | Styled], width: int, ink: Ink | None = None) -> str:
    """``Panel(Group(*Texts), box=ROUNDED, expand=False)`` at ``width``; a
    part is a plain string or (text, its Text style, its spans)."""
    if width < 6:
        raise Uncertain("narrow panel")
    texts = [p if isinstance(p, str) else p[0] for p in parts]
    widest = max((_get(check(p), width - 2)[1] for p in texts), default=0)
    inner = min(widest + 2, width - 2) - 2
    if ink is not None and ink.system is not None:
        # The box, the margins and the fill carry no style: only the texts' segments do.
        body = "".join(ink.line([("│ ", ()), *_adjust(line, inner, ()), (" │", ())]) + "\n"
                       for p in parts for line in _wrap_part(p, inner))
        return f"╭{'─' * (inner + 2)}╮\n{body}╰{'─' * (inner + 2)}╯\n"
    lines = [line for p in texts for line in fitted(wrap(p, inner), inner)]
    body = "".join(f"│ {line} │\n" for line in lines)
    return f"╭{'─' * (inner + 2)}╮\n{body}╰{'─' * (inner + 2)}╯\n"


def _wrap_part(part: str | Styled, width: int) -> list[list[Seg]]:
    if isinstance(part, str):
        return wrap_styled(part, (), width)
    text, base, spans = part
    return wrap_styled(text, spans, width, base=base)


def titled_panel(title: str, text: str | Styled, width: int, ink: Ink | None = None) -> str:
    """``Panel(Text, title=Text(title), title_align="left", box=SQUARE)`` across ``width``
    (an unstyled title: its line carries no style)."""
    if width < 6 or "\n" in title:
        raise Uncertain("title")
    title = f" {title} "  # Panel._title pads it
    inner = width - 4
    if cells(check(title)) > inner:
        title = _crop(title, inner)  # Panel's align_text: truncated (folded: no ellipsis)
    top = "┌─" + title + "─" * (inner - cells(title)) + "─┐\n"
    if ink is not None and ink.system is not None:
        check(text if isinstance(text, str) else text[0])
        body = "".join(ink.line([("│ ", ()), *_adjust(line, inner, ()), (" │", ())]) + "\n"
                       for line in _wrap_part(text, inner))
        return f"{top}{body}└{'─' * (width - 2)}┘\n"
    text = text if isinstance(text, str) else text[0]
    body = "".join(f"│ {line} │\n" for line in fitted(wrap(check(text), inner), inner))
    return f"{top}{body}└{'─' * (width - 2)}┘\n"


# --- styles ------------------------------------------------------------------------------
#
# On a terminal rich writes each segment of a line as ``ESC[<codes>m text ESC[0m``
# (plain text when its style has no codes): the bytes depend on where the
# segments break, not only on the styles, so what follows keeps rich's own
# segments: a Text's are cut at every boundary of its spans (rich Text.render),
# a table cell's padding, fill and blank lines are segments of the cell's
# style (Padding, render_lines, Segment.set_shape), a box's lines and
# dividers carry no style.  A styled line is a list of (text, styles): the
# names combined in order, later colours winning (rich Style.__add__).

# SGR codes of the attributes, in the order rich writes them (Style._make_ansi_codes).
_ATTRIBUTES = {"bold": 1, "dim": 2, "italic": 3, "underline": 4, "reverse": 7}
# Foreground colours by colour system ("standard", "256", "truecolor"): rich's
# standard colours stay as they are; dark_orange (256-colour 208) is downgraded
# to the nearest standard one on a standard terminal.  A test holds each to rich.
_COLOURS = {
    "red": ("31", "31", "31"), "green": ("32", "32", "32"), "yellow": ("33", "33", "33"), "blue": ("34", "34", "34"),
    "magenta": ("35", "35", "35"), "cyan": ("36", "36", "36"), "dark_orange": ("91", "38;5;208", "38;5;208"),
}
SYSTEMS = ("standard", "256", "truecolor")


class Ink:
    """How a console writes styles: its colour system (None: no styles at
    all), and whether ``NO_COLOR`` drops the colours (attributes stay)."""

    def __init__(self, system: str | None, no_color: bool = False) -> None:
        self.system, self.no_color = system, no_color
        self._codes: dict[tuple[str, ...], str] = {}

    def codes(self, styles: tuple[str, ...]) -> str:
        """The SGR codes of ``styles`` combined (Uncertain for a name not known here)."""
        known = self._codes.get(styles)
        if known is not None:
            return known
        attributes: set[int] = set()
        colour = None
        for style in styles:
            for word in style.split():
                if word in _ATTRIBUTES:
                    attributes.add(_ATTRIBUTES[word])
                elif word in _COLOURS:
                    colour = word
                elif word != "none":
                    raise Uncertain(f"style {word}")
        parts = [str(a) for a in sorted(attributes)]
        if colour is not None and not self.no_color and self.system is not None:
            parts.append(_COLOURS[colour][SYSTEMS.index(self.system)])
        self._codes[styles] = code = ";".join(parts)
        return code

    def line(self, segments: Sequence[tuple[str, tuple[str, ...]]]) -> str:
        """rich Console._render_buffer of one line's segments."""
        if self.system is None:
            return "".join(text for text, _ in segments)
        out = []
        for text, styles in segments:
            code = self.codes(styles) if styles and text else ""
            out.append(f"\x1b[{code}m{text}\x1b[0m" if code else text)
        return "".join(out)




def _clip(spans: Sequence[Span], start: int, end: int) -> list[Span]:
    """Text.divide's spans of [start, end), moved to start at 0 (empty ones go)."""
    return [(max(a, start) - start, min(b, end) - start, st) for a, b, st in spans if min(b, end) > max(a, start)]


def _trim(spans: list[Span], length: int) -> list[Span]:
    """Text._trim_spans / right_crop: spans cut at ``length``."""
    return [(a, min(b, length), st) for a, b, st in spans if a < length]


def _truncate_styled(line: str, spans: list[Span], width: int, overflow: str, *, pad: bool = False) -> tuple[str, list[Span]]:
    """rich Text.truncate, spans kept."""
    length = cells(line)
    if length > width:
        new = _crop(line, width - 1) + "…" if overflow == "ellipsis" else _crop(line, width)
        if new != line:
            if len(new) < len(line):
                spans = _trim(spans, len(new))
            line = new
    if pad and length < width:
        line += " " * (width - length)
    return line, spans


def wrap_styled(text: str, spans: Sequence[Span], width: int, *, base: str = "", justify: str = "default",
                overflow: str = "fold", no_wrap: bool = False) -> list[list[Seg]]:
    """rich Text(text, style=base, spans).__rich_console__ at ``width``: each
    line's segments (Text.wrap, then Text("\\n").join, then Text.render)."""
    if "\t" in text:
        raise Uncertain("tab")
    out: list[list[Seg]] = []
    starts = [0]
    for n, ch in enumerate(text):
        if ch == "\n":
            starts.append(n + 1)
    bounds = [(a, (starts[i + 1] - 1 if i + 1 < len(starts) else len(text))) for i, a in enumerate(starts)]
    for a, b in bounds:
        line, line_spans = text[a:b], _clip(spans, a, b)
        if no_wrap:
            pieces = [(line, line_spans)]
        else:
            cuts = [0, *_breaks(line, width, overflow == "fold"), len(line)]
            pieces = [(line[x:y], _clip(line_spans, x, y)) for x, y in zip(cuts, cuts[1:], strict=False)] if len(cuts) > 2 else [(line, line_spans)]
            for i, (piece, piece_spans) in enumerate(pieces):
                if len(piece) > width:  # Text.rstrip_end
                    trailing = _TRAILING.search(piece)
                    if trailing is not None:
                        cut = len(piece) - min(len(trailing.group(0)), len(piece) - width)
                        pieces[i] = (piece[:cut], _trim(piece_spans, cut))
        if justify == "left":
            pieces = [_truncate_styled(p, s, width, overflow, pad=True) for p, s in pieces]
        elif justify == "right":
            right = []
            for p, s in pieces:
                stripped = p.rstrip()
                if len(stripped) < len(p):
                    s = _trim(s, len(stripped))
                p, s = _truncate_styled(stripped, s, width, overflow)
                shift = width - cells(p)
                right.append((" " * shift + p, [(x + shift, y + shift, st) for x, y, st in s]))
            pieces = right
        elif justify != "default":
            raise Uncertain(f"justify {justify}")
        for p, s in pieces:
            p, s = _truncate_styled(p, s, width, overflow)
            if base:
                s = [(0, len(p), base), *s]  # Text.join: the line's own style first
            out.append(_segments(p, s))
    return out


def _segments(line: str, spans: Sequence[Span]) -> list[Seg]:
    """rich Text.render of one line: cut at every span boundary, each piece
    styled by the spans over it, in their order."""
    spans = [span for span in spans if span[1] > span[0]]  # an empty one rich keeps only at an end, where it cuts nothing
    if not spans:
        return [(line, ())] if line else []
    points = sorted({0, len(line), *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    return [(line[x:y], tuple(st for a, b, st in spans if a <= x and b >= y)) for x, y in zip(points, points[1:], strict=False)
            if y > x]


def _seg_cells(line: Sequence[Seg]) -> int:
    return sum(cells(text) for text, _ in line)


def _adjust(line: list[Seg], width: int, pad: tuple[str, ...] | None) -> list[Seg]:
    """rich Segment.adjust_line_length: padded (``pad``: the fill's styles; None: not) or cropped."""
    size = _seg_cells(line)
    if size < width:
        return [*line, (" " * (width - size), pad)] if pad is not None else line
    if size > width:
        out, used = [], 0
        for text, styles in line:
            w = cells(text)
            if used + w < width:
                out.append((text, styles))
                used += w
            else:
                out.append((_crop(text, width - used), styles))
                break
        return out
    return line


def _styled(seg: Sequence[Seg], style: str) -> list[Seg]:
    """rich Segment.apply_style: ``style`` under each segment's own."""
    if not style:
        return list(seg)
    return [(text, (style, *styles)) for text, styles in seg]


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


def _terminal_ink(out: IO[str]) -> tuple[int, Ink] | None:
    """For a stream rich takes for a terminal (a tty, ``FORCE_COLOR``,
    ``TTY_COMPATIBLE=1``): the width and colour system rich picks there
    (Console.size, Console._detect_color_system, ``NO_COLOR``); None otherwise."""
    from factcheck.report.bare import _terminal

    target = getattr(out, "rich_proxied_file", out)
    if _terminal(target) is not True:
        return None
    environ = os.environ
    columns, lines = environ.get("COLUMNS", ""), environ.get("LINES", "")
    dumb = environ.get("TERM", "").lower() in ("dumb", "unknown")
    if columns.isdigit() and lines.isdigit():
        width = int(columns)
    elif dumb:
        width = 80
    else:
        size = None
        for fd in (0, 1, 2):
            try:
                size = os.get_terminal_size(fd)[0]
            except (AttributeError, ValueError, OSError):
                pass
            else:
                break
        width = (int(columns) if columns.isdigit() else size) or 80
    if dumb:
        system = None
    elif environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        system = "truecolor"
    else:
        colours = environ.get("TERM", "").strip().lower().rpartition("-")[2]
        system = "256" if colours in ("kitty", "256color") else "standard"
    return width, Ink(system, environ.get("NO_COLOR", "") != "")


def width_for(out: IO[str]) -> int | None:
    """The width to draw at for ``out`` when this module draws exactly what
    rich would (see the module docstring), or None: rich is to draw."""
    found = ink_for(out)
    return None if found is None else found[0]


def ink_for(out: IO[str]) -> tuple[int, Ink | None] | None:
    """The width to draw at for ``out``, and how styles are written there
    (None: not a terminal, no styles), when this module draws exactly what
    rich would; None: rich is to draw."""
    from factcheck.report.bare import plain_width

    if "UNICODE_VERSION" in os.environ:
        return None
    width = plain_width(out)
    ink: Ink | None = None
    if width is None:
        found = _terminal_ink(out)
        if found is None:
            return None
        width, ink = found
    target = getattr(out, "rich_proxied_file", out)
    encoding = (getattr(target, "encoding", "utf-8") or "utf-8").lower()
    if not encoding.startswith("utf"):
        return None  # rich draws ASCII boxes
    release = _rich_release()
    if release is None or not release.startswith(RICH):
        return None
    return width, ink


def draw(out: IO[str], make: Callable[..., str], *args: Any) -> bool:
    """Write what ``make(*args, width, ink)`` draws to ``out``, when this module
    may draw for it and is certain; False, with nothing written, when rich is to."""
    found = ink_for(out)
    if found is None:
        return False
    try:
        text = make(*args, *found)
    except Uncertain:
        return False
    out.write(text)
    return True


__all__ = ["Uncertain", "Column", "cells", "check", "wrap", "table", "fit_panel", "titled_panel", "lines_of",
           "width_for", "ink_for", "draw", "RELIED_ON", "RICH", "Ink", "SYSTEMS", "wrap_styled", "widest"]
