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

from rapidfuzz import fuzz

from factcheck.checks import Problem
from factcheck.safety import clip

ID = "near-duplicate"
SEVERITY = "warning"
DEFAULTS: dict[str, Any] = {"threshold": 95.0}


def check(ctx: Any, options: Mapping[str, Any]) -> Iterator[Problem]:
    threshold = float(options["threshold"])
    by_document: dict[str, list[tuple[Any, str]]] = defaultdict(list)
    for item in ctx.claims:
        text = item.data.get("text")
        if isinstance(text, str) and item.id is not None and text.strip():
            by_document[item.document].append((item, " ".join(unicodedata.normalize("NFKC", text).split())))
    for entries in by_document.values():
        for k, (item, text) in enumerate(entries):
            for earlier, earlier_text in entries[:k]:
                if earlier.id == item.id:
                    continue  # the same id twice is unique-id's finding
                # Quick length bound first: ratio cannot reach the threshold otherwise.
                total = len(text) + len(earlier_text)
                if total and 200 * min(len(text), len(earlier_text)) / total < threshold:
                    continue
                score = fuzz.ratio(text, earlier_text, score_cutoff=threshold)
                if score:
                    line, col = item.where()
                    first_line = earlier.where()[0]
                    yield Problem(
                        item.file.path, line, col,
                        f"nearly the same text as {clip(earlier.id)} (line {first_line}, similarity {score:.0f})",
                    )
                    break
