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

import re
from functools import cache

from factcheck.contradict import lexicon
from factcheck.contradict.align import content_overlap, different_qualifiers, event_groups
from factcheck.contradict.analysis import Analysis, Arg, Name, sorts_differ
from factcheck.contradict.kinds.date import dates_agree
from factcheck.contradict.kinds.polarity import _different_times, _opposed_poles
from factcheck.contradict.model import Conflict, Kind, PairContext

_MIN_WORDS = 0.6
_MIN_WORDS_CROSS = 0.45


def substitution(ctx: PairContext, *, roles: frozenset[str]) -> tuple[Name, Name] | None:
    """A name of a and a name of b, unmatched, standing in the same slot of otherwise matching claims."""
    only_a = [n for n in ctx.names.only_a if n.role in roles]
    only_b = [n for n in ctx.names.only_b if n.role in roles]
    if not only_a or not only_b:
        return None
    threshold = _MIN_WORDS_CROSS if ctx.cross_language else _MIN_WORDS
    if _different_times(ctx.a, ctx.b) or different_qualifiers(ctx.a, ctx.b):
        return None
    if (ctx.a.negations + ctx.a.negative_poles) % 2 != (ctx.b.negations + ctx.b.negative_poles) % 2 \
            or _opposed_poles(ctx.a, ctx.b) is not None:
        return None  # "not approved in Japan" / "approved in the US": not one claim with a name changed
    strict = not ctx.cross_language
    ab, ba = content_overlap(ctx.a, ctx.b, strict=strict), content_overlap(ctx.b, ctx.a, strict=strict)
    # The shorter claim said again inside the longer one, with one name changed; or
    # claims made mostly of names (held in Lisbon / took place in Warsaw) that share all but one.
    if max(ab, ba) < max(threshold, 0.7) and min(ab, ba) < threshold or min(ab, ba) < 0.25:
        return None
    for x in only_a:
        for y in only_b:
            # A place and a body fill no one slot: published in Japan / published by 新潮社.
            if (x.role == y.role or "other" in (x.role, y.role)) and not sorts_differ(x, y):
                return x, y
    return None


_AT_EN = re.compile(r"(?i)\b(?:in|at)\s+(?:the\s+)?$")
# プラハで, 香川県の水田に落下, 種子島宇宙センターから打ち上げ: a place, or a place inside it (の…).
_AT_JA = re.compile(r"(?:の[^、。はがをのにでと]{1,10}?){0,2}(?:で|にて|に(?!よ|対|つ|関|と)|から)")


def _venues(x: Analysis, names: list[Name]) -> list[Name]:
    """Names where something happens: "held in Reykjavik", "at Union Station", プラハで開催,
    "Porto will host", "hosted by Karatsu", 開催地は諏訪市."""
    out = []
    after_en, before_en, before_ja = _venue_words()
    for n in names:
        end = n.start + len(n.text)
        if _AT_EN.search(x.text[max(0, n.start - 8):n.start]) or _AT_JA.match(x.text, end) \
                or after_en.match(x.text, end) or before_en.search(x.text[max(0, n.start - 16):n.start]) \
                or before_ja.search(x.text[max(0, n.start - 12):n.start]):
            out.append(n)
    return out


@cache
def _venue_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = lexicon.cues()["venue_words"]

    def alts(key: str) -> str:
        return "|".join(map(re.escape, sorted(words[key], key=len, reverse=True)))

    return (re.compile(rf"\s+(?:{alts('en_after')})\b", re.IGNORECASE),
            re.compile(rf"\b(?:{alts('en_before')})\s+(?:the\s+)?$", re.IGNORECASE),
            # 開催地は、長野県の諏訪市: the place, perhaps inside a larger one (…の)
            re.compile(rf"(?:{alts('ja_before')})、?(?:[^、。]{{1,8}}の)?$"))


def venue_changed(ctx: PairContext) -> tuple[Name, Name] | None:
    """Claims about one named thing (or saying much the same) that place it in two places no
    name of the other claim covers: held in Reykjavik / takes place in Tromsø."""
    if not ctx.names.matched and ctx.similarity < 0.5:
        return None
    va, vb = _venues(ctx.a, list(ctx.names.only_a)), _venues(ctx.b, list(ctx.names.only_b))
    if not va or not vb or _dates_differ(ctx) or different_qualifiers(ctx.a, ctx.b):
        return None
    if (ctx.a.negations + ctx.a.negative_poles) % 2 != (ctx.b.negations + ctx.b.negative_poles) % 2:
        return None
    return va[0], vb[0]


def corrected(ctx: PairContext) -> tuple[str, str] | None:
    """One claim says "not X" (X ではなく Y) of what the other claim asserts."""
    for x, y in ((ctx.a, ctx.b), (ctx.b, ctx.a)):
        for phrase in x.corrected:
            if len(phrase) >= 2 and phrase in y.text:
                return (phrase, x.text[:60]) if x is ctx.b else (x.text[:60], phrase)
    return None


def other_agent(ctx: PairContext) -> tuple[str, str] | None:
    """The same act on the same thing by two different agents: XがZを承認した / YがZを承認した."""
    strict = not ctx.cross_language
    if _dates_differ(ctx) or _reported_act(ctx.a) or _reported_act(ctx.b):
        return None  # two acts of one kind at two times; or a doer read off a reporting verb
    for fa in ctx.a.frames:
        for fb in ctx.b.frames:
            if not ((fa.pred_own & fb.pred_own) if strict else (fa.pred & fb.pred)):
                continue
            if not (event_groups(fa.pred) & event_groups(fb.pred)) and not (fa.pred & ctx.a.credit_preds):
                continue  # two can export to each other; only a one-time act or a credit has one doer
            if fa.agent is None or fb.agent is None or _same_phrase(fa.agent, fb.agent, strict) \
                    or ctx.same_named(fa.agent, fb.agent):
                continue  # one doer, perhaps under two names (日銀 / 日本銀行)
            shared = fa.objects & fb.objects
            if not shared or len(shared) * 2 < min(len(fa.objects), len(fb.objects)):
                continue  # not done to the same thing
            if _same_phrase(fa.agent, fb.patient, strict) or _same_phrase(fb.agent, fa.patient, strict) \
                    or (fb.patient is not None and ctx.same_named(fa.agent, fb.patient)) \
                    or (fa.patient is not None and ctx.same_named(fa.patient, fb.agent)):
                continue  # one claim's doer is what the other's act is done to (X landed SLIM / SLIM landed)
            if not (_names_in(fa.agent.text, ctx.a) and _names_in(fb.agent.text, ctx.b)):
                continue  # only named agents: "the company" and "the firm" may be one
            return fa.agent.text, fb.agent.text
    return None


def _dates_differ(ctx: PairContext) -> bool:
    a_dates = [d.value for d in ctx.a.dates if not d.reference]
    b_dates = [d.value for d in ctx.b.dates if not d.reference]
    return bool(a_dates and b_dates) and not any(dates_agree(x, y) for x in a_dates for y in b_dates)


def _reported_act(x: Analysis) -> bool:
    """An English claim that reports another's act ("Calder announced that the TGA had approved it"):
    the doer before the reporting verb is not the act's."""
    return x.lang == "en" and bool(re.search(r"\b(?:said|says|announced|reported|confirmed|stated|disclosed)\b"
                                             r"(?:\s+\w+){0,6}?\s+that\b", x.text))


def _same_phrase(x: Arg | None, y: Arg | None, strict: bool) -> bool:
    if x is None or y is None:
        return False
    kx, ky = (x.own, y.own) if strict else (x.keys, y.keys)
    return bool(kx & ky)


def _names_in(text: str, x) -> bool:  # type: ignore[no-untyped-def]
    return any(n.text in text or text in n.text for n in x.names)


def check(ctx: PairContext) -> Conflict | None:
    swap = ctx.swap
    same_act = bool(ctx.a.preds & ctx.b.preds) or bool(ctx.a.poles & ctx.b.poles)  # 下す ~ 破る: both "win"
    # Only a one-time act (a win, a takeover) cannot run both ways; "X is stationed in Y"
    # and "Y in X" can both hold.
    one_time = bool(event_groups(ctx.a.preds) & event_groups(ctx.b.preds)) or bool(ctx.a.poles & ctx.b.poles)
    # A winner and a loser swapped (victors) are one contest whatever verbs tell it.
    if swap is not None and (ctx.winner_swapped is not None or same_act and one_time and _opposed_poles(ctx.a, ctx.b) is None):
        return Conflict("entity", 0.8, swap[0], swap[1], "roles swapped")
    fix = corrected(ctx)
    if fix is not None and not (ctx.a.credit_preds and ctx.b.credit_preds):
        return Conflict("entity", 0.75, fix[0], fix[1], "one claim corrects the other")
    if ctx.roles_differ:
        return None  # the director and the screenwriter of one film: two parts, two names
    agents = other_agent(ctx)
    if agents is not None and not different_qualifiers(ctx.a, ctx.b):
        kind: Kind = "attribution" if ctx.a.credit_preds and ctx.b.credit_preds else "entity"
        return Conflict(kind, 0.7, agents[0], agents[1], "the same act by different agents")
    venues = venue_changed(ctx)
    if venues is not None:
        return Conflict("entity", 0.75, venues[0].text, venues[1].text, "the same event in another place")
    sub = substitution(ctx, roles=frozenset({"agent", "patient", "other"}))
    if sub is None:
        return None
    x, y = sub
    return Conflict("entity", 0.6 + 0.3 * ctx.similarity, x.text, y.text, "different name in the same slot")
