"""A dispute's ``kind`` must come from the dispute vocabulary.

The kinds are listed in ``factcheck/vocab/disputes.yaml`` (dubious, disputed,
citation-needed, better-source-needed, failed-verification, ...).

PASSING::

    disputes:
      - {marker: '[要出典]', kind: citation-needed}

FAILING (line 2: the kind is spelled differently)::

    disputes:
      - {marker: '[要出典]', kind: citation_needed}
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from factcheck import vocab
from factcheck.checks.base import Problem
from factcheck.checks.context import Context
from factcheck.safety import clip

ID = "dispute-kind"
SEVERITY = "error"
DEFAULTS: dict[str, Any] = {}
SCOPE = "file"  # its findings depend on one file (and its source) only


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    kinds = vocab.dispute_kinds()
    for item in ctx.claims:
        for j, dispute in item.entries("disputes"):
            kind = dispute.get("kind")
            if not isinstance(kind, str) or kind in kinds:
                continue
            from rapidfuzz import process  # only for a finding's hint

            best = process.extractOne(kind, sorted(kinds), score_cutoff=70)
            hint = f"; did you mean {clip(best[0])}?" if best else f" (known: {', '.join(sorted(kinds))})"
            line, col = item.where("disputes", j, "kind")
            yield Problem(item.file.path, line, col, f"unknown dispute kind {clip(kind)}{hint}")
