""""Did you mean ...?" for ids, rule names and option values (rapidfuzz)."""

from __future__ import annotations

from typing import Iterable

# Below this WRatio score a guess misleads more than it helps.
MIN_SCORE = 75.0


def closest(word: str, choices: Iterable[str], *, limit: int = 3) -> list[str]:
    """The choices nearest to ``word``, best first (case-insensitive)."""
    # Here, not at import: only an error asks, and every command imports this module.
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import DamerauLevenshtein

    pool = list(dict.fromkeys(choices))
    if not word or not pool:
        return []
    folded = {c.casefold(): c for c in pool}
    key = word.casefold()
    # Typing slips in short words (dco for doc) score low on similarity but are
    # one or two edits away: those come first.
    slips = process.extract(
        key, list(folded), scorer=DamerauLevenshtein.distance, limit=limit, score_cutoff=1 + len(key) // 6
    )
    found = process.extract(key, list(folded), scorer=fuzz.WRatio, limit=limit, score_cutoff=MIN_SCORE)
    ordered = [m for m, _s, _i in sorted(slips, key=lambda x: x[1])] + [m for m, _s, _i in found]
    return [folded[m] for m in dict.fromkeys(ordered)][:limit]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean X?)`` or ``""``: a suffix for an error message."""
    found = closest(word, choices)
    if not found:
        return ""
    return f" (did you mean {' or '.join(repr(f) for f in found)}?)"
