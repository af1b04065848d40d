"""The evidence a pair offers, as numbers: what each kind found and what speaks against it.

Each conflict kind decides by rule (``kinds/``); the rules' own vetoes
(another period, another measure, a hedge, a different qualifier) are
evidence too, and how much each counts is not something to guess.  The
detector's final decision is a logistic model over these features, with
weights fitted on labelled pairs (``benchmarks/train_contradictions.py``)
and kept as data in ``weights.json`` beside this module.

Every feature is in [0, 1]; adding one means adding it here and refitting.
"""

from __future__ import annotations

from factcheck.contradict.align import align_dates, align_figures, content_overlap, different_qualifiers
from factcheck.contradict.kinds import KINDS
from factcheck.contradict.kinds.date import dates_agree
from factcheck.contradict.kinds.entity import corrected, other_agent, substitution
from factcheck.contradict.kinds.polarity import _different_times, _opposed_poles
from factcheck.contradict.kinds.quantity import _other_period, _same_measure, _slip, compatible
from factcheck.contradict.model import Conflict, PairContext

__all__ = ["FEATURES", "features"]

FEATURES = (
    "bias",
    "q_rule", "q_any", "q_same_period", "q_slip", "q_agree", "q_vetoed",
    "d_rule", "d_strong", "d_any", "d_agree", "d_reference",
    "p_rule", "p_parity", "p_opposed", "p_hedged",
    "e_rule", "e_substitution", "e_agent", "e_corrected", "e_unmatched",
    "a_rule",
    "similarity", "overlap_min", "overlap_max", "cross", "qualifiers", "times", "hedged",
)


def features(ctx: PairContext, found: dict[str, Conflict | None] | None = None) -> dict[str, float]:
    """The feature vector of one pair (``found``: the kinds' verdicts if already computed)."""
    a, b = ctx.a, ctx.b
    found = found if found is not None else {name: check(ctx) for name, check in KINDS.items()}
    f = dict.fromkeys(FEATURES, 0.0)
    f["bias"] = 1.0
    for name, key in (("quantity", "q_rule"), ("date", "d_rule"), ("polarity", "p_rule"),
                      ("entity", "e_rule"), ("attribution", "a_rule")):
        c = found.get(name)
        f[key] = c.score if c is not None else 0.0

    for fa, fb, score in align_figures(a, b):
        if compatible(fa, fb):
            f["q_agree"] = 1.0
            continue
        f["q_any"] = 1.0
        if not _other_period(fa, fb, a, b):
            f["q_same_period"] = 1.0
            if not _same_measure(fa, fb, score, ctx):
                f["q_vetoed"] = 1.0
        if _slip(fa, fb):
            f["q_slip"] = 1.0

    pairs = align_dates(a, b)
    for da, db, score in pairs:
        if dates_agree(da.value, db.value):
            f["d_agree"] = 1.0
        elif score >= 1.0:
            f["d_strong"] = 1.0
    plain_a = [d for d in a.dates if not d.reference and not d.qualifier]
    plain_b = [d for d in b.dates if not d.reference and not d.qualifier]
    if plain_a and plain_b and not any(dates_agree(x.value, y.value) for x in plain_a for y in plain_b):
        f["d_any"] = 1.0
    if any(d.reference for d in a.dates + b.dates):
        f["d_reference"] = 1.0

    parity_a = (a.negations + a.negative_poles) % 2
    parity_b = (b.negations + b.negative_poles) % 2
    f["p_parity"] = float(parity_a != parity_b)
    f["p_opposed"] = float(_opposed_poles(a, b) is not None)
    f["p_hedged"] = float(a.hedged != b.hedged)

    f["e_substitution"] = float(substitution(ctx, roles=frozenset({"agent", "patient", "other"})) is not None)
    f["e_agent"] = float(other_agent(ctx) is not None)
    f["e_corrected"] = float(corrected(ctx) is not None)
    f["e_unmatched"] = float(bool(ctx.names.only_a) and bool(ctx.names.only_b))

    strict = not ctx.cross_language
    ab, ba = content_overlap(a, b, strict=strict), content_overlap(b, a, strict=strict)
    f["similarity"] = min(ctx.similarity, 1.0)
    f["overlap_min"] = min(ab, ba)
    f["overlap_max"] = max(ab, ba)
    f["cross"] = float(ctx.cross_language)
    f["qualifiers"] = float(different_qualifiers(a, b))
    f["times"] = float(_different_times(a, b))
    f["hedged"] = float(a.hedged or b.hedged)
    return f
