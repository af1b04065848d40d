"""A claim's paragraph in its source file, as ``factcheck show`` prints it:
the lines around the claim up to blank lines, split into the text before
the claim, the claim as it stands in the source, and the text after it
(where its markers are).

Kept apart from :mod:`factcheck.query` (which loads the store, PyYAML and
the model) so that a first warm ``show ID --format json``, answered from
the index's rows without typer (:mod:`factcheck.direct`), can cut the same
paragraph with the same code (issue 9: within 2x ``factcheck --version``).
Also home of :func:`read_text`, every reader's way to decode a text file
(``factcheck.yamlio`` gives it to the rest of the library).
"""

from __future__ import annotations

from pathlib import Path

from factcheck.errors import ClaimFileError, FileError, UsageError
from factcheck.paths import source_file
from factcheck.safety import clip

MAX_CONTEXT_LINES = 8


def read_text(path: str | Path) -> str:
    """A file's text: UTF-8 with or without BOM; CRLF turned into LF."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ClaimFileError(str(path), f"not UTF-8: byte 0x{raw[exc.start]:02x}", line, col) from None
    return text.replace("\r\n", "\n")


def paragraph(root: Path, source: str, line: int, column: int, end_line: int, end_column: int) -> tuple[int, str, str, str]:
    """The paragraph of the claim spanning ``line:column`` to
    ``end_line:end_column`` in the document's ``source`` (under ``root``):
    its first line, the text before the claim, the claim, the text after.
    Only the claim's own lines when that block is longer than
    ``MAX_CONTEXT_LINES``.  UsageError saying why when the source cannot
    be read or does not hold the span."""
    path = source_file(root, source)  # the one path rule: never a file outside the repository
    try:
        lines = read_text(path).split("\n")
    except OSError as exc:
        raise UsageError(f"source {clip(source)} cannot be read ({exc.strerror or exc})") from None
    except FileError as exc:
        raise UsageError(str(exc)) from None
    if not 1 <= line <= len(lines) or not 1 <= end_line <= len(lines):
        raise UsageError(f"{source}: claim location {line}:{column} is outside the file")
    first = line
    while first > 1 and lines[first - 2].strip():
        first -= 1
    last = end_line
    while last < len(lines) and lines[last].strip():
        last += 1
    if last - first + 1 > MAX_CONTEXT_LINES:
        # No blank lines between paragraphs (one paragraph a line, as pages
        # copied from a browser come): the claim's own lines are its paragraph.
        first, last = line, end_line
    para = lines[first - 1 : last]

    def offset(at_line: int, at_column: int) -> int:
        return sum(len(x) + 1 for x in para[: at_line - first]) + at_column - 1

    text = "\n".join(para)
    start = offset(line, column)
    end = offset(end_line, end_column)
    return first, text[:start], text[start:end], text[end:]


__all__ = ["MAX_CONTEXT_LINES", "read_text", "paragraph"]
