"""The file must match the JSON Schema of its kind: types, required and unknown fields.

The schema is generated from the data model (``factcheck schema claims``);
the store validates each file against it and locates every violation at the
offending node.  Unknown fields are reported at their key.

PASSING::

    document: {id: doc, source: sources/doc.txt}
    claims:
      - id: doc-1
        text: It opened in 2019.
        location: {line: 1, column: 1, end_line: 1, end_column: 19}

FAILING (line 5: ``cite`` is not a field; it is ``cites``)::

    document: {id: doc, source: sources/doc.txt}
    claims:
      - id: doc-1
        text: It opened in 2019.
        cite: [doc-r1]
        location: {line: 1, column: 1, end_line: 1, end_column: 19}
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from factcheck.checks.base import Problem
from factcheck.checks.context import Context

ID = "schema"
SEVERITY = "error"
DEFAULTS: dict[str, Any] = {}
SCOPE = "file"  # its findings depend on one file (and its source) only


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    for f in ctx.corpus.files:
        for finding in f.schema_errors:
            yield Problem(finding.path, finding.line, finding.column, finding.message, finding.kind)
