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

import re
from typing import Sequence

from rapidfuzz import fuzz

from factcheck.contradict.align import content_overlap
from factcheck.contradict.analysis import QUOTE, Analysis, Name, names_match
from factcheck.contradict.kinds.entity import corrected
from factcheck.contradict.lexicon import fold
from factcheck.contradict.model import Conflict, PairContext

_MIN_WORDS = 0.35
_SAME_QUOTE = 90  # rapidfuzz ratio of two quotations of one statement ("It has exceeded…," / "has exceeded…")
_ROLES = frozenset({"agent", "other"})


def _shared_quote(ctx: PairContext) -> str | None:
    """The same quoted words in both claims (a statement, a slogan, a title line)."""
    for qa in ctx.a.quotes:
        for qb in ctx.b.quotes:
            if fuzz.ratio(qa, qb) >= _SAME_QUOTE:
                return qa
    return None


def _speakers(names: Sequence[Name], quote: str) -> list[Name]:
    """Who a quotation is credited to: a name outside it, a doer first; else the name a speech
    verb reports it from ("said head keeper Laura Whitfield"), which is the speaker here."""
    outside = [n for n in names if n.text.lower() not in quote]
    return [n for n in outside if n.role != "source"] or outside


# What follows a statement's closing mark (「…」と語った, "'…,' she said"), not a title's (『…』は刊行された).
_STATEMENT_AFTER = re.compile(r"^\s*(?:と|って|,|，|、)")


def _stated(x: Analysis, quote: str) -> bool:
    """The quoted words are a statement someone made, not the title of a work: a quotative
    particle or a comma follows them, or they end in one inside the marks."""
    for m in QUOTE.finditer(x.text):
        inner = next(g for g in m.groups() if g)
        if fuzz.ratio(fold(inner).strip(" ,.。、"), quote) >= _SAME_QUOTE:
            return bool(_STATEMENT_AFTER.match(x.text[m.end():]) or inner.rstrip()[-1:] in ",.，。、!?！？")
    return False


_POSSESSIVE_GAP = re.compile(r"['’]s?\s+")


def _other_maker(ctx: PairContext) -> tuple[str, str] | None:
    """One named work under two owners' names: Stravinsky's The Rite of Spring / Debussy's The
    Rite of Spring (the names align on the work; the possessors differ)."""
    for x, y in ctx.names.matched:
        ox, oy = _owner(ctx.a, x), _owner(ctx.b, y)
        if ox is not None and oy is not None and not names_match(ox, oy):
            return f"{ox.text}'s {x.text}", f"{oy.text}'s {y.text}"
    return None


def _owner(x: Analysis, work: Name) -> Name | None:
    """The name whose possessive stands right before ``work`` (Stravinsky's | The Rite of Spring)."""
    for n in x.names:
        if _POSSESSIVE_GAP.fullmatch(x.text[n.start + len(n.text):work.start]):
            return n
    return None


def check(ctx: PairContext) -> Conflict | None:
    a, b = ctx.a, ctx.b
    quote = _shared_quote(ctx)
    if quote is not None and (not ctx.roles_differ or _stated(a, quote) or _stated(b, quote)):
        # One quotation, two speakers: who said it is the claim, whatever parts the two play
        # ("said the conductor" / "said the composer": one of them did not say it).
        speakers_a, speakers_b = _speakers(ctx.names.only_a, quote), _speakers(ctx.names.only_b, quote)
        if speakers_a and speakers_b:
            return Conflict("attribution", 0.8, speakers_a[0].text, speakers_b[0].text,
                            "the same quotation credited to different speakers")
    makers = _other_maker(ctx)
    if makers is not None:
        return Conflict("attribution", 0.75, makers[0], makers[1], "the same work credited to two makers")
    if not (a.credit_preds and b.credit_preds) or ctx.roles_differ:
        return None  # the author and the illustrator of one book: two parts, two people
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
