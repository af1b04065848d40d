"""A claim must be anchored: its text stands in the source file at its location.

The ``location`` span (1-based lines and columns in code points,
``end_column`` one past the last character) must lie inside the document's
source file, and the text there must equal the claim's ``text`` once inline
markers ([12], [要出典], [citation needed]) are removed and runs of
whitespace collapsed.  The source is read as UTF-8 with any BOM dropped and
CRLF taken as LF.  A wrong location (outside the file, elsewhere, or wider
than the text) is reported at ``location``; a text found nowhere in the source
is reported at ``text``.

PASSING (sources/doc.txt is ``It opened in 2019.[3] It closed.``)::

    - id: doc-1
      text: It opened in 2019.
      location: {line: 1, column: 1, end_line: 1, end_column: 19}

A claim marked ``revision: vanished`` (its text was cut from a revised
source) is not checked: its location is where it stood in the old version.
When the text stands elsewhere, the message says where, and
``factcheck validate --fix`` moves the location there.

FAILING (line 2: the source says 2019)::

    - id: doc-1
      text: It opened in 2018.
      location: {line: 1, column: 1, end_line: 1, end_column: 19}
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from factcheck.checks.base import Problem
from factcheck.checks.context import Context
from factcheck.checks.source_path import problem_with as source_problem
from factcheck.errors import FileError
from factcheck.safety import clip
from factcheck.yamlio import read_text

ID = "anchored"
SEVERITY = "error"
DEFAULTS: dict[str, Any] = {}
SCOPE = "file"  # its findings depend on one file (and its source) only

_SPAN_KEYS = ("line", "column", "end_line", "end_column")


def _slice(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> str | None:
    """The source text of a span, or None when the span is not inside the text."""
    if min(line, column, end_line, end_column) < 1 or end_line > len(lines) or line > end_line:
        return None
    if column > len(lines[line - 1]) + 1 or end_column > len(lines[end_line - 1]) + 1:
        return None
    if line == end_line:
        return None if end_column < column else lines[line - 1][column - 1 : end_column - 1]
    middle = lines[line : end_line - 1]
    return "\n".join([lines[line - 1][column - 1 :], *middle, lines[end_line - 1][: end_column - 1]])


def _preview(s: str, limit: int = 60) -> str:
    s = " ".join(s.split())
    return repr(s if len(s) <= limit else s[: limit - 1] + "…")


def _where_now(indexes: dict[str, Any], source: str, text: str, claim_text: str, values: list[Any]) -> str:
    """Where a claim's text now stands, as line:col-line:col (nearest its old place)."""
    from factcheck.model import Span
    from factcheck.reanchor import SourceIndex

    if source not in indexes:
        indexes[source] = SourceIndex(text)
    span = indexes[source].locate(claim_text, near=Span(*values))
    return "?" if span is None else f"{span.line}:{span.column}-{span.end_line}:{span.end_column}"


class _Source:
    """A source text as the rule reads it: its lines, and (made only when a
    claim does not match where it says) the whole text with markers stripped."""

    def __init__(self, text: str):
        self.text = text
        self.lines = text.split("\n")
        self._stripped: str | None = None

    @property
    def stripped(self) -> str:
        if self._stripped is None:
            self._stripped = _strip(self.text)
        return self._stripped


def _strip(text: str) -> str:
    # Imported when first needed: the extraction package is large, and a
    # claim whose span reads its text exactly needs no marker work at all.
    from factcheck.extract.markers import strip_markers

    return strip_markers(text)


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    sources: dict[str, _Source | None] = {}
    indexes: dict[str, Any] = {}
    by_file: dict[int, list[Any]] = {}
    for item in ctx.claims:
        by_file.setdefault(id(item.file), []).append(item)
    for f in ctx.readable("claims"):
        doc = ctx.document_of(f)
        source = doc.get("source") if doc else None
        # A bad source path is source-path's finding; nothing can be anchored in it.
        if not isinstance(source, str) or source_problem(ctx.root, source):
            continue
        if source not in sources:
            try:
                sources[source] = _Source(read_text(ctx.root / source))
            except (OSError, FileError):
                sources[source] = None
        loaded = sources[source]
        if loaded is None:
            line, col = ctx.located(f).where(("document", "source"))
            yield Problem(f.path, line, col, f"source {clip(source)} cannot be read as UTF-8 text")
            continue
        lines = loaded.lines
        for item in by_file.get(id(f), ()):
            if item.data.get("revision") == "vanished":
                continue  # no longer in the revised source: its location is where it stood before
            text, span = item.data.get("text"), item.data.get("location")
            if not isinstance(text, str) or not isinstance(span, dict):
                continue
            values = [span.get(k) for k in _SPAN_KEYS]
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                continue
            found = _slice(lines, *values)  # type: ignore[arg-type]  # all ints, checked above
            if found == text:
                continue  # stripped alike, so equal stripped: the usual case, no marker work
            where = "{}:{}-{}:{}".format(*values)
            want = _strip(text)
            if found is None:
                line, col = item.where("location", key=True)
                moved = ""
                if want and want in loaded.stripped:
                    now = _where_now(indexes, source, loaded.text, text, values)
                    moved = f"; the text stands at {now} (factcheck validate --fix moves it)"
                yield Problem(f.path, line, col, f"location {where} is outside {source} ({len(lines)} lines){moved}")
                continue
            got = _strip(found)
            if got == want:
                continue
            if want and want in got:
                # Either the text was cut short or the span is too wide; say which
                # mismatch it is rather than "elsewhere", and point at the span.
                line, col = item.where("location", key=True)
                yield Problem(f.path, line, col, f"the location spans more than the text; at {where} it reads {_preview(got)}")
            elif want and want in loaded.stripped:
                line, col = item.where("location", key=True)
                now = _where_now(indexes, source, loaded.text, text, values)
                yield Problem(
                    f.path, line, col,
                    f"the text stands elsewhere in {source}, at {now} (factcheck validate --fix moves it); "
                    f"at {where} it reads {_preview(got)}",
                )
            else:
                line, col = item.where("text", key=True)
                yield Problem(f.path, line, col, f"the text is not in {source}; at {where} it reads {_preview(got)}")
