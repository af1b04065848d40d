"""Dates must be ISO 8601 calendar dates, partial ones allowed: 2024, 2024-10, 2024-10-23.

Checked: a claim's ``dates[].value`` and ``disputes[].date``, a reference's ``issued`` and
``accessed``, a document's ``retrieved``, a relation's ``reviewed``.  The date must exist: 2024-02-30
and 2024-13 are refused.  Quote full dates in YAML (``'2024-10-23'``).

PASSING::

    dates:
      - {text: 2024年10月, value: '2024-10'}

FAILING (line 2: February has no 30th)::

    dates:
      - {text: 2月30日, value: '2024-02-30'}
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from factcheck.checks.base import Problem
from factcheck.checks.context import Context
from factcheck.safety import clip
from factcheck.text import DateError, PartialDate

ID = "date-format"
SEVERITY = "error"
DEFAULTS: dict[str, Any] = {}
SCOPE = "file"  # its findings depend on one file (and its source) only

def problem_with(value: str) -> str | None:
    """Why ``value`` is not a valid partial ISO 8601 date, or None."""
    try:
        PartialDate.parse(value)
    except DateError as exc:
        return f"{clip(value)} {exc}"
    return None


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    for f in ctx.readable("claims"):
        doc = ctx.document_of(f)
        value = doc.get("retrieved") if doc else None
        if isinstance(value, str) and (why := problem_with(value)):
            line, col = ctx.located(f).where(("document", "retrieved"))
            yield Problem(f.path, line, col, f"document.retrieved: {why}")
    for item in ctx.claims:
        for j, dispute in item.entries("disputes"):
            value = dispute.get("date")
            if isinstance(value, str) and (why := problem_with(value)):
                line, col = item.where("disputes", j, "date")
                yield Problem(item.file.path, line, col, f"disputes[{j}].date: {why}")
        for j, mention in item.entries("dates"):
            value = mention.get("value")
            if isinstance(value, str) and (why := problem_with(value)):
                line, col = item.where("dates", j, "value")
                yield Problem(item.file.path, line, col, f"dates[{j}].value: {why}")
        for j, relation in item.entries("relations"):
            value = relation.get("reviewed")
            if isinstance(value, str) and (why := problem_with(value)):
                line, col = item.where("relations", j, "reviewed")
                yield Problem(item.file.path, line, col, f"relations[{j}].reviewed: {why}")
    for item in ctx.references:
        for key in ("issued", "accessed"):
            value = item.data.get(key)
            if isinstance(value, str) and (why := problem_with(value)):
                line, col = item.where(key)
                yield Problem(item.file.path, line, col, f"{key}: {why}")
