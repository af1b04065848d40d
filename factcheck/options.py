"""Values the command line offers before any library module is loaded: the
derived status names and search's defaults.

They sit apart from :mod:`factcheck.status` and :mod:`factcheck.search` (which
re-export them) because declaring the read commands' options must not import
the store, the model or rapidfuzz: a warm `list` or `stats` is otherwise mostly
imports (issue 9).
"""

from __future__ import annotations

# The derived statuses, in the order every output lists them.
STATUSES: tuple[str, ...] = (
    "sourced",
    "covered",
    "attributed",
    "unsourced",
    "disputed",
    "contradicted",
    "suspected",
    "weakly-sourced",
)

SEARCH_MIN_SCORE = 60.0
SEARCH_LIMIT = 20
