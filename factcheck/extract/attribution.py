"""In-text attribution: the source a sentence itself names.

    >>> find_attribution("According to Reuters, the port closed on Monday.", "en")
    Attribution(source='Reuters', cue='according to')
    >>> find_attribution("外務省によると、大使館は閉鎖された。", "ja").source
    '外務省'

Patterns are data (``vocab/attribution.yaml``).  A claim with an attribution
and no citation is ``attributed``, not ``unsourced``: the reader knows whom
to ask, though the page gives no reference.
"""

from __future__ import annotations

import re
from functools import cache

from factcheck import vocab
from factcheck.model import Attribution


@cache
def _patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    data = vocab.load("attribution")
    return {lang: tuple(re.compile(p) for p in data[lang]) for lang in ("en", "ja")}


@cache
def _refuse() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in vocab.load("attribution")["refuse"])


def find_attribution(text: str, lang: str) -> Attribution | None:
    """The first attribution in ``text`` (markers removed), or None."""
    for pattern in _patterns().get(lang if lang in ("en", "ja") else "en", ()):
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        source = (groups.get("source") or "").strip(" 、,\"“”'")
        cue = (groups.get("cue") or m.group(0)).strip()
        if source and any(r.fullmatch(source) for r in _refuse()):
            continue
        return Attribution(source=source, cue=cue.lower() if lang == "en" else cue)
    return None
