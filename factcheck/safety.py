"""Keeping data inert wherever it is shown, exported or quoted.

Claim files are data from anywhere (a copied web page, a contributor's edit),
so nothing in them may act when it is printed or exported: escape sequences
must not drive the terminal, right-to-left overrides must not reorder what a
reviewer reads, ``</script>`` must not end a script element, ``javascript:``
must not become a link, ``=HYPERLINK(...)`` must not become a spreadsheet
formula, and a 1 MB value must not become a 1 MB error message.

Every function here is pure and cheap; the reporters and the error funnel
call them at the point where text leaves the program.
"""

from __future__ import annotations

import json
import re

# typing is not imported at run time: `show`'s first answer without typer
# reads the source path rule through here (see factcheck.direct).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Characters that change how the rest of a line is displayed: embeddings,
# overrides and isolates of the Unicode bidirectional algorithm (the
# "Trojan Source" characters, CVE-2021-42574), plus the invisible marks.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _placeholder(code: int) -> str:
    # One character for one, so offsets into the text (highlighted search
    # matches, diff segments) and column widths stay right.
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400 CONTROL PICTURES: ␀ ␁ … ␛ …
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls and bidi controls: the replacement character


def _table(keep: str) -> dict[int, str]:
    codes = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *(ord(c) for c in BIDI_CONTROLS)]
    return {c: _placeholder(c) for c in codes if chr(c) not in keep}


_TERMINAL = _table(keep="\n\t")
_INLINE = _table(keep="")
_BIDI = {ord(c): _placeholder(ord(c)) for c in BIDI_CONTROLS}


def visible(text: str, *, lines: bool = True) -> str:
    """``text`` with every control character (C0, DEL, C1: ESC above all) and
    every bidi control shown as a visible placeholder; newlines and tabs are
    kept when ``lines`` is true."""
    return text.translate(_TERMINAL if lines else _INLINE)


def no_bidi(text: str) -> str:
    """``text`` with bidi overrides, embeddings and isolates shown as placeholders."""
    return text.translate(_BIDI)


MESSAGE_VALUE_LIMIT = 60


def clip(value: Any, limit: int = MESSAGE_VALUE_LIMIT) -> str:
    """A value as an error message quotes it: its repr (so control characters
    arrive escaped), cut to about ``limit`` characters."""
    if isinstance(value, str) and len(value) > limit * 4:
        value = value[: limit * 4]  # repr of a huge string only to cut it: cut first
    text = repr(value)
    if len(text) > limit:
        return f"{text[: limit - 1]}… ({_size(value)})"
    return text


def _size(value: Any) -> str:
    if isinstance(value, str):
        return "cut"
    try:
        return f"{len(value)} items"
    except TypeError:
        return "cut"


def cut(text: str, limit: int = 400) -> str:
    """A message or line cut to ``limit`` characters (the safety net under clip)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_WEB_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+$", re.IGNORECASE)


def safe_url(url: Any) -> str | None:
    """``url`` when it is an http(s) address that may become a link, else None:
    ``javascript:``, ``data:``, ``vbscript:``, relative paths and anything with
    spaces or control characters never become links."""
    if isinstance(url, str) and _WEB_URL.match(url.strip()):
        return url.strip()
    return None


def json_for_html(data: Any, **kwargs: Any) -> str:
    """JSON that stays inert inside an HTML ``<script>`` element: ``<``, ``>``
    and ``&`` escaped as ``\\u003c`` etc. (so ``</script>`` and ``<!--`` cannot
    appear), and U+2028/U+2029 escaped for old JavaScript parsers.  The result
    is still JSON that decodes to the same values."""
    text = json.dumps(data, ensure_ascii=False, **kwargs)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# OWASP CSV injection: a cell starting with one of these is read as a formula
# (or, for tab and CR, is trimmed by some spreadsheets and then read as one).
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str, *, raw: bool = False) -> str:
    """A CSV cell value that a spreadsheet shows as text, not as a formula:
    a leading ``'`` before any of ``= + - @ TAB CR`` (OWASP's advice).  ``raw``
    keeps the value as it is."""
    if not raw and value.startswith(CSV_FORMULA_STARTS):
        return "'" + value
    return value


def csv_line(cells: list[str]) -> str:
    """One RFC 4180 record ending in LF: a cell holding a comma, a quote, a CR
    or an LF is quoted (the csv module leaves a lone CR bare when lines end in
    LF, which splits the row in most readers)."""
    out = []
    for cell in cells:
        if any(ch in cell for ch in ',"\r\n'):
            cell = '"' + cell.replace('"', '""') + '"'
        out.append(cell)
    return ",".join(out) + "\n"
