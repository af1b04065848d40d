"""Two claims of one document should not say nearly the same thing (warning).

Texts are compared after NFKC normalization with rapidfuzz's ``ratio``; a
score at or above ``threshold`` (default 95) is reported at the later claim.
Usually the same sentence was extracted twice under different ids.

PASSING::

    - {id: doc-1, text: The bridge opened in 2019., ...}
    - {id: doc-2, text: The bridge closed in 2023., ...}

FAILING (line 2: the same sentence, one character apart)::

    - {id: doc-1, text: The bridge opened in 2019., ...}
    - {id: doc-2, text: The bridge opened in 2019, ...}
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from typing import Any, Iterator, Mapping

from rapidfuzz import fuzz, process

from factcheck.checks.base import Problem
from factcheck.checks.context import Context

ID = "near-duplicate"
SEVERITY = "warning"
DEFAULTS: dict[str, Any] = {"threshold": 95.0}
SCOPE = "file"  # its findings depend on one file (and its source) only


def check(ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]:
    threshold = float(options["threshold"])
    by_document: dict[str, list[tuple[Any, str]]] = defaultdict(list)
    for item in ctx.claims:
        text = item.data.get("text")
        if isinstance(text, str) and item.id is not None and text.strip():
            by_document[item.document].append((item, " ".join(unicodedata.normalize("NFKC", text).split())))
    for entries in by_document.values():
        texts = [text for _, text in entries]
        for k, (item, text) in enumerate(entries):
            if not k:
                continue
            # One C call compares a claim with every earlier one (rapidfuzz
            # skips pairs whose lengths rule the threshold out); a Python loop
            # over the pairs was most of validate's rule time (issue 9).
            matches = process.extract(text, texts[:k], scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
            for _, score, j in sorted(matches, key=lambda m: m[2]):
                earlier = entries[j][0]
                if earlier.id == item.id or not score:
                    continue  # the same id twice is unique-id's finding
                line, col = item.where()
                first_line = earlier.where()[0]
                yield Problem(
                    item.file.path, line, col,
                    f"nearly the same text as {earlier.id!r} (line {first_line}, similarity {score:.0f})",
                )
                break
