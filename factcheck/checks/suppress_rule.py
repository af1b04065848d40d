"""A ``suppress:`` entry must name a rule, and accept something (warning).

``suppress: [rule-id]`` on a claim or reference accepts that rule's findings
on it (see ``factcheck/baseline.py``).  A misspelt id would silently
suppress nothing, so it is reported, with the nearest rule id as a hint; so
is a suppression that no longer accepts any finding of a rule that ran (as
ruff's unused ``noqa``), since it would hide the next real one.  The runner
reports the second kind, as only it knows which findings were accepted.

PASSING::

    - id: doc-4
      text: The bridge is 300 m long!
      suppress: [near-duplicate]

FAILING (line 3: no rule is called near-dupe)::

    - id: doc-4
      text: The bridge is 300 m long!
      suppress: [near-dupe]
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from factcheck.checks.base import Problem
from factcheck.checks.context import Context
from factcheck.suggest import did_you_mean

ID = "suppress-rule"
SEVERITY = "warning"
SCOPE = "file"  # its findings depend on one entry only (and the rule registry)
DEFAULTS: dict[str, Any] = {}


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    from factcheck.checks import RULES  # the registry holds this module: read it when running

    for item in (*ctx.claims, *ctx.references):
        names = item.data.get("suppress")
        if not isinstance(names, list):
            continue
        for j, name in enumerate(names):
            if isinstance(name, str) and name not in RULES:
                line, col = item.where("suppress", j)
                hint = did_you_mean(name, RULES) or f" (known: {', '.join(RULES)})"
                yield Problem(item.file.path, line, col, f"unknown rule {name!r}{hint}")
