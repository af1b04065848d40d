"""entity: the same role filled by two different names, or two names in swapped roles.

Two claims that say the same thing of their subject (most content words
shared) but put a different name in one slot (the winner, the capital, the
buyer, the place of an event) conflict; so do the same two names in swapped
roles of one predicate (A acquired B / B acquired A; AがBを破った /
BがAを破った).  Aliases are one name (the United States / USA / 米国,
World Health Organization / WHO) through the JMdict bridge and acronyms; a
different role word (capital vs largest city) makes a different claim.

PASS (consistent): "The summit was held in the United States." /
"首脳会議は米国で開かれた。"

FAIL (entity): "Osaka beat Kobe 3–1 in the final." / "Kobe beat Osaka 3–1 in the final."
"""

from __future__ import annotations

from factcheck.contradict.align import word_overlap
from factcheck.contradict.analysis import Name
from factcheck.contradict.kinds.polarity import _different_times, _opposed_poles
from factcheck.contradict.model import Conflict, PairContext

_MIN_WORDS = 0.6
_MIN_WORDS_CROSS = 0.45


def role_swap(ctx: PairContext) -> tuple[Name, Name] | None:
    """Two matched names whose agent/patient roles are exchanged under the same predicate."""
    pairs = [(x, y) for x, y in ctx.names.matched if {x.role, y.role} <= {"agent", "patient"}]
    if len(pairs) < 2 or _opposed_poles(ctx.a, ctx.b) is not None:
        return None
    if not (ctx.a.preds & ctx.b.preds):
        return None
    swapped = [(x, y) for x, y in pairs if x.role != y.role]
    if len(swapped) >= 2:
        return swapped[0]
    return None


def substitution(ctx: PairContext, *, roles: frozenset[str]) -> tuple[Name, Name] | None:
    """A name of a and a name of b, unmatched, standing in the same slot of otherwise matching claims."""
    only_a = [n for n in ctx.names.only_a if n.role in roles]
    only_b = [n for n in ctx.names.only_b if n.role in roles]
    if not only_a or not only_b:
        return None
    threshold = _MIN_WORDS_CROSS if ctx.cross_language else _MIN_WORDS
    if word_overlap(ctx.a, ctx.b) < threshold or _different_times(ctx.a, ctx.b):
        return None
    for x in only_a:
        for y in only_b:
            if x.role == y.role or "other" in (x.role, y.role):
                return x, y
    return None


def check(ctx: PairContext) -> Conflict | None:
    swap = role_swap(ctx)
    if swap is not None:
        x, y = swap
        return Conflict("entity", 0.8, f"{x.text} ({x.role})", f"{y.text} ({y.role})", "roles swapped")
    if ctx.a.credit_preds and ctx.b.credit_preds:
        return None  # the attribution kind judges credited acts
    sub = substitution(ctx, roles=frozenset({"agent", "patient", "other"}))
    if sub is None:
        return None
    x, y = sub
    return Conflict("entity", 0.6 + 0.3 * ctx.similarity, x.text, y.text, "different name in the same slot")
