"""attribution: one statement, work or finding credited to two different agents.

When both claims credit an act that has one author (said, wrote, composed,
discovered, designed, 発表, 作曲, 発見; or name its author: composer, 作者,
原作者) and say the same of it, a different agent on each side conflicts.
Sources that only *report* a fact ("according to Reuters", 〜によると, "AP
reported") are not agents: two outlets reporting one figure agree.

PASS (consistent): "According to Reuters, the plant will close in May." /
"AP reported that the plant will close in May."

FAIL (attribution): "The theorem was first proved by Sato in 1961." /
"The theorem was first proved by Ito in 1961."
"""

from __future__ import annotations

from factcheck.contradict.align import content_overlap
from factcheck.contradict.kinds.entity import corrected
from factcheck.contradict.model import Conflict, PairContext

_MIN_WORDS = 0.35
_ROLES = frozenset({"agent", "other"})


def check(ctx: PairContext) -> Conflict | None:
    a, b = ctx.a, ctx.b
    if not (a.credit_preds and b.credit_preds):
        return None
    fix = corrected(ctx)
    if fix is not None:
        return Conflict("attribution", 0.8, fix[0], fix[1], "one claim corrects the other's attribution")
    only_a = [n for n in ctx.names.only_a if n.role in _ROLES]
    only_b = [n for n in ctx.names.only_b if n.role in _ROLES]
    if not only_a or not only_b:
        return None
    words = (content_overlap(a, b) + content_overlap(b, a)) / 2
    if words < _MIN_WORDS:
        return None
    x = next((n for n in only_a if n.role == "agent"), only_a[0])
    y = next((n for n in only_b if n.role == "agent"), only_b[0])
    return Conflict("attribution", 0.6 + 0.3 * min(words, 1.0), x.text, y.text, "credited to different agents")
