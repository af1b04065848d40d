"""The file must be well-formed YAML that factcheck accepts.

Besides plain syntax errors this refuses what hand-edited files should not
hold: duplicate keys, anchors and aliases, non-string keys, more than one
document, an empty file, text that is not UTF-8.  A file with a syntax error
gets exactly this one finding; no other rule looks inside it.

PASSING::

    document: {id: doc, source: sources/doc.txt}
    claims: []

FAILING (line 2: the flow mapping is never closed)::

    document: {id: doc, source: sources/doc.txt}
    claims: [{id: doc-1, text: x
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

import yaml

from factcheck.checks.base import Problem
from factcheck.checks.context import Context
from factcheck.errors import FileError
from factcheck.yamlio import read_text

ID = "syntax"
SEVERITY = "error"
DEFAULTS: dict[str, Any] = {}
SCOPE = "file"  # its findings depend on one file (and its source) only


def _opened_at(path: str, line: int) -> tuple[int, int, str] | None:
    """Where an unclosed quote or bracket opened, when the parser only noticed
    later (often at the end of the file): that is where the fault is."""
    quoted = None  # the last quoted scalar before the error that ran over more than one line
    try:
        for token in yaml.scan(read_text(path), Loader=yaml.SafeLoader):
            if token.start_mark.line + 1 > line:
                break
            if getattr(token, "style", None) in ("'", '"') and token.start_mark.line < token.end_mark.line:
                quoted = token
    except (OSError, FileError, yaml.YAMLError, ValueError, RecursionError):
        pass
    try:
        for _ in yaml.parse(read_text(path), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            pass
    except yaml.MarkedYAMLError as exc:
        unclosed = (exc.problem or "").startswith("found unexpected end of stream") or (exc.context or "").startswith(
            "while parsing a flow"
        )
        mark = exc.context_mark
        if unclosed and mark is not None and mark.line + 1 < line:
            return mark.line + 1, mark.column + 1, f"it is never closed (the parser gave up at line {line})"
        # An unclosed quote swallows the lines after it up to the next quote
        # mark, so the parser stumbles where that quote was meant to open.
        if quoted is not None and quoted.end_mark.line + 1 == line:
            return (
                quoted.start_mark.line + 1,
                quoted.start_mark.column + 1,
                f"the quote opened here runs on to line {quoted.end_mark.line + 1} (is it never closed?)",
            )
    except (OSError, FileError, yaml.YAMLError, ValueError, RecursionError):
        pass
    return None


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    for f in ctx.corpus.files:
        if f.error is None:
            continue
        line, col, message = f.error.line or 1, f.error.column or 1, f.error.message
        opened = _opened_at(f.path, line) if f.error.line else None
        if opened:
            line, col, note = opened
            message += f"; {note}"
        yield Problem(f.path, line, col, message)
