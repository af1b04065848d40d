"""The evidence each kind sees in a pair, as numbers: what the learned combiner weighs.

The kind modules decide with hand-set vetoes ("another period excuses a
different figure"); on pairs nobody tuned them on, those vetoes were both
too strict (real conflicts vetoed) and too loose.  Here every signal the
kinds look at is measured without vetoing: whether two dates for one event
disagree and how surely they date one event, whether aligned figures are
incompatible and whether another period or a part/total would excuse them,
whether a name stands where the other claim has another, whether one side
denies what the other affirms.  ``combine`` weighs them with weights learned
from labelled pairs (``benchmarks/train_contradictions.py``).

Each signal keeps the two aligned values it rests on, so a verdict always
names its evidence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from factcheck.contradict import lexicon, parts
from factcheck.contradict.align import (
    OTHER_GROUPS,
    align_dates,
    content_overlap,
    different_qualifiers,
    same_dimension,
    slipped,
    word_overlap,
)
from factcheck.contradict.analysis import TIME_FOCUS, Analysis, Figure, Name, sorts_differ
from factcheck.contradict.kinds import KINDS
from factcheck.contradict.kinds import date as date_kind
from factcheck.contradict.kinds import entity as entity_kind
from factcheck.contradict.kinds import polarity as polarity_kind
from factcheck.contradict.kinds import quantity as quantity_kind
from factcheck.contradict.lexicon import fold
from factcheck.contradict.model import Conflict, Kind, PairContext

__all__ = ["Signals", "FEATURES", "PAIRED", "pair_name", "signals"]

# Most words in common, within one language; across two, the dictionary bridge finds fewer.
_SAME_SUBJECT_OVERLAP = {False: 0.5, True: 0.6}
_LOOSE_CROSS = 0.4  # mean overlap of two claims of two languages that may still be one subject
_CLOSE_FIGURES = 2.0  # figures this close may be one value misreported


@dataclass
class Signals:
    """Named feature values of one pair, and the evidence behind each kind's signal."""

    values: dict[str, float] = field(default_factory=dict)
    evidence: dict[Kind, Conflict] = field(default_factory=dict)
    # A name in common, or most content words: what a repository scan needs before two
    # claims can be about one fact (a river's source and a bridge's tower both have a height).
    same_subject: bool = False
    loose_subject: bool = False  # two languages, some words shared: one subject only if the figures allow
    named_apart: bool = False  # each claim names something the other does not, and they share no name
    shares_name: bool = False  # a name of one claim is a name of the other
    same_day: bool = False  # a date of each claim names one day (2 September / September 2)

    def vector(self) -> list[float]:
        return [self.values.get(name, 0.0) for name in FEATURES]


def _rules(ctx: PairContext, out: Signals) -> None:
    for name, check in KINDS.items():
        conflict = check(ctx)
        out.values[f"rule_{name}"] = conflict.score if conflict is not None else 0.0
        if conflict is not None:
            out.evidence[conflict.kind] = conflict


def _general(ctx: PairContext, out: Signals) -> None:
    v = out.values
    strict = not ctx.cross_language
    ab = content_overlap(ctx.a, ctx.b, strict=strict)
    ba = content_overlap(ctx.b, ctx.a, strict=strict)
    v["similarity"] = ctx.similarity
    v["overlap_min"] = min(ab, ba)
    v["overlap_max"] = max(ab, ba)
    v["word_overlap"] = word_overlap(ctx.a, ctx.b)
    v["cross_language"] = 1.0 if ctx.cross_language else 0.0
    # How many names the claims carry is no evidence by itself (people who write labelled pairs
    # put names in their conflicts); only names in aligned slots count, in _names.
    thin = min(_content_words(ctx.a), _content_words(ctx.b)) < 2  # "所在地 X" / "所在地 Y": one word says little
    # Two claims that each name something, and nothing in common, are about two things however
    # alike their words ("The Gorse Bridge opened in 1983" / "The Kestle Bridge opened in 2024").
    named_apart = not ctx.names.matched and bool(ctx.names.only_a) and bool(ctx.names.only_b)
    out.named_apart = named_apart
    out.shares_name = bool(ctx.names.matched)
    out.same_subject = bool(ctx.names.matched) or (
        v["overlap_min"] >= _SAME_SUBJECT_OVERLAP[ctx.cross_language] and not thin and not named_apart)
    if ctx.cross_language and not out.same_subject and not thin and not named_apart:
        # Across languages the dictionary bridge makes common words meet easily (高さ ~ height): without
        # a shared name, claims sharing only some words are one subject only if their figures could be
        # one value misreported (within a factor of two, or a slipped digit): see _figures.
        out.loose_subject = (v["overlap_min"] + v["overlap_max"]) / 2 >= _LOOSE_CROSS
    v["qualifiers_differ"] = 1.0 if different_qualifiers(ctx.a, ctx.b) else 0.0
    v["hedge_differs"] = 1.0 if ctx.a.hedged != ctx.b.hedged else 0.0
    v["additive"] = 1.0 if ctx.a.additive or ctx.b.additive else 0.0
    v["different_times"] = 1.0 if polarity_kind._different_times(ctx.a, ctx.b) else 0.0


def _content_words(x: Analysis) -> int:
    """Content words outside the claim's figures ("Length 58 km (36 mi)" has one: Length)."""
    inside = [(f.start, f.end) for f in x.figures]
    return sum(1 for t in x.tokens if t.kind in ("content", "pred")
               and not any(s <= t.start < e for s, e in inside) and not re.fullmatch(r"[a-z]{1,3}", t.text))


def _dates(ctx: PairContext, out: Signals) -> None:
    v = out.values
    a_dates = [d for d in ctx.a.dates if not d.reference]
    b_dates = [d for d in ctx.b.dates if not d.reference]
    pairs = [(x, y) for x in a_dates for y in b_dates]
    v["date_disagree"] = 1.0 if pairs and not any(date_kind.dates_agree(x.value, y.value) for x, y in pairs) else 0.0
    # A change and its undoing (closed / reopened, 通行止め / 開通): their dates are two events'.
    v["date_opposite_acts"] = v["date_disagree"] if date_kind.opposite_poles(ctx.a.head_poles, ctx.b.head_poles) else 0.0
    v["date_some_agree"] = 1.0 if any(date_kind.dates_agree(x.value, y.value) for x, y in pairs) else 0.0
    out.same_day = any(_day(x.value) and _day(y.value) and date_kind.dates_agree(x.value, y.value) for x, y in pairs)
    v["date_count"] = min(len(ctx.a.dates) + len(ctx.b.dates), 6) / 6
    # One part of a date miswritten (29 May 1453 / 29 May 1454, 1762 / 1726): two events
    # seldom share a day and a month, or a year's digits, so the dates are one event's.
    v["date_slip"] = 1.0 if any(date_kind.slipped(x.value, y.value) for x, y in pairs) else 0.0
    best: tuple[float, bool] | None = None
    measured = date_kind._period_clauses(ctx)
    for da, db, score in align_dates(ctx.a, ctx.b):
        if date_kind.dates_agree(da.value, db.value):
            continue
        if (da.clause, db.clause) in measured:
            v["date_of_figures"] = 1.0  # "sold 1.2 million in 2022" / "2.1 million in 2023": the figures' periods
            continue
        same = score > OTHER_GROUPS and date_kind.same_event(da, db, ctx, score)
        key = (score + (1.0 if same else 0.0), same)
        if best is None or key > best:
            best = key
            v["date_aligned"] = score
            v["date_other_groups"] = 1.0 if score <= OTHER_GROUPS else 0.0
            v["date_same_event"] = 1.0 if same else 0.0
            v["date_same_year"] = 1.0 if da.value[:4] == db.value[:4] else 0.0
            v["date_extra_words"] = _extra_words(ctx, da.clause, db.clause)
            if "date" not in out.evidence:
                out.evidence["date"] = Conflict("date", 0.5, da.text, db.text, "same event, different dates")
    if best is None and v["date_disagree"]:
        x, y = pairs[0]
        out.evidence.setdefault("date", Conflict("date", 0.5, x.text, y.text, "different dates"))


def _day(value: str) -> bool:
    """The date names a day: 2024-09-02, --09-02."""
    return bool(re.fullmatch(r"(?:\d{4}|-)-\d{2}-\d{2}", value))


def _extra_words(ctx: PairContext, clause_a: int, clause_b: int) -> float:
    """Words one value's clause has that the other claim lacks: "the Asian branch was founded",
    "the metropolitan area had": a narrower or other thing measured or dated."""
    strict = not ctx.cross_language

    def extra(x: Analysis, clause: int, y: Analysis) -> int:
        other = y.own if strict else (y.keys | y.wide)
        words = [t for t in x.tokens if t.clause == clause and t.kind == "content"]
        return sum(1 for t in words if not ((t.own if strict else t.keys) & other))

    return min(max(extra(ctx.a, clause_a, ctx.b), extra(ctx.b, clause_b, ctx.a)), 3) / 3


def _close(fa: Figure, fb: Figure) -> bool:
    x, y = abs(fa.high if math.isfinite(fa.high) else fa.low), abs(fb.high if math.isfinite(fb.high) else fb.low)
    return min(x, y) > 0 and max(x, y) <= min(x, y) * _CLOSE_FIGURES


def _figures(ctx: PairContext, out: Signals) -> None:
    v = out.values
    a, b = ctx.a, ctx.b
    swapped = ctx.swap is not None
    best = -1.0
    moved = polarity_kind.figure_moved_apart(ctx)
    if moved is not None:
        # One figure, moved up in one claim and down in the other: "fell 5%" / 5%上昇した.
        v["figure_moves_apart"] = 1.0
        out.evidence.setdefault("polarity", Conflict("polarity", 0.5, *moved, "one figure, moved opposite ways"))
    for fa, fb, score in ctx.figures:
        if quantity_kind.compatible(fa, fb):
            v["figure_agree"] = 1.0
            if _far_inside_bound(fa, fb) and quantity_kind._same_measure(fa, fb, score, ctx):
                # "gusts of up to 94 mph" / "peaked at 74 mph", 最大136万件 / 約13万6000件: a bound is
                # most often the value itself (the peak, the capacity), so a value far inside it
                # may be another report of that one value.
                v["figure_far_inside_bound"] = 1.0
                out.evidence.setdefault("quantity", Conflict("quantity", 0.5, fa.text, fb.text, "a value far inside the other's bound"))
            continue
        same = quantity_kind._same_measure(fa, fb, score, ctx)
        period = quantity_kind._other_period(fa, fb, a, b)
        whole = (fa.total != fb.total and (fa.high >= fb.low if fa.total else fb.high >= fa.low)) or (
            fa.part != fb.part and (fb.high >= fa.low if fa.part else fa.high >= fb.low))
        rank = score + (1.0 if same else 0.0) - (0.5 if period else 0.0) - (0.5 if whole else 0.0)
        if rank <= best:
            continue
        best = rank
        v["figure_incompatible"] = 1.0
        v["figure_measure"] = min(score, 1.0)
        v["figure_same_measure"] = 1.0 if same else 0.0
        v["figure_other_period"] = 1.0 if period else 0.0
        v["figure_part_whole"] = 1.0 if whole else 0.0
        v["figure_other_measure"] = 1.0 if quantity_kind._other_measure(fa, fb, ctx) else 0.0
        # A slip (lost decimal point, transposed digits) only of one measure at one time.
        v["figure_slip"] = 1.0 if same and not period and slipped(fa, fb) else 0.0
        sole = all(sum(same_dimension(f.base, g.base) for f in x.figures) == 1 for g, x in ((fa, a), (fb, b)))
        # The same digits as the only figure of their dimension on each side (seats 2,265 / a
        # capacity of 2,625), whatever words measure them and whatever else is dated apart.
        v["figure_slip_sole"] = 1.0 if sole and slipped(fa, fb) else 0.0
        v["figure_approximate"] = 1.0 if fa.approximate or fb.approximate or fa.bounded or fb.bounded else 0.0
        v["figure_role_swap"] = 1.0 if swapped else 0.0
        v["figure_extra_words"] = _extra_words(ctx, fa.clause, fb.clause)
        v["figure_derived"] = 1.0 if quantity_kind.derived(fa, fb, a, b) else 0.0
        # Each the only figure of its dimension in its claim (one mass, one length): whatever
        # words stand beside them, most likely the one measure both claims give.
        v["figure_sole"] = 1.0 if sole else 0.0
        if "quantity" not in out.evidence:
            out.evidence["quantity"] = Conflict("quantity", 0.5, fa.text, fb.text, "incompatible figures")
        if out.loose_subject and (slipped(fa, fb) or _close(fa, fb)):
            out.same_subject = True


_FAR_INSIDE = 0.85  # a value below 85% of an upper bound (or above 1/0.85 of a lower one)


def _far_inside_bound(fa: Figure, fb: Figure) -> bool:
    """One figure a one-sided bound ("up to 94 mph", 最大136万件, "more than 3,000"), the other a
    value well inside it, far from its written end."""
    for bound, value in ((fa, fb), (fb, fa)):
        if value.bounded or not bound.bounded or value.low <= 0:
            continue
        if bound.low == float("-inf") and bound.high > 0 and value.high < bound.high * _FAR_INSIDE:
            return True
        if bound.high == float("inf") and bound.low > 0 and value.low > bound.low / _FAR_INSIDE:
            return True
    return False


_CONTEXT = 3  # content words each side of a name that say which slot it fills


def _context(name: Name, x: Analysis, strict: bool) -> frozenset[str]:
    """The words around a name in its clause: 首都は[キャンベラ], [Canberra] is the capital."""
    words = [t for t in x.tokens if t.clause == name.clause and t.kind in ("content", "pred")]
    before = [t for t in words if t.end <= name.start][-_CONTEXT:]
    after = [t for t in words if t.start > name.start][:_CONTEXT]
    return frozenset(k for t in before + after for k in (t.own if strict else t.keys))


def _slot_overlap(x: Name, y: Name, ctx: PairContext) -> float:
    strict = not ctx.cross_language
    cx, cy = _context(x, ctx.a, strict), _context(y, ctx.b, strict)
    if not cx or not cy:
        return 0.0
    return len(cx & cy) / min(len(cx), len(cy))


def _names(ctx: PairContext, out: Signals) -> None:
    v = out.values
    # Who reports a claim ("according to Reuters" / "AP reported") is no slot of it: two sources of
    # one report are no substitution (the attribution kind weighs who is credited with what).
    only_a = tuple(n for n in ctx.names.only_a if n.role != "source")
    only_b = tuple(n for n in ctx.names.only_b if n.role != "source")
    if only_a and only_b:
        v["name_substitution"] = 1.0
        v["roles_differ"] = 1.0 if ctx.roles_differ else 0.0
        v["name_context"] = max(_slot_overlap(x, y, ctx) for x in only_a for y in only_b)
        shared_pred = bool(ctx.a.preds & ctx.b.preds) if not ctx.cross_language else bool(
            ctx.a.preds & (ctx.b.preds | ctx.b.wide))
        v["name_same_act"] = 1.0 if shared_pred and any(
            x.role == y.role != "other" for x in only_a for y in only_b) else 0.0
        # Two names of different sorts (a place, a body) are two slots, not one slot filled twice.
        alike = [(x, y) for x in only_a for y in only_b if not sorts_differ(x, y)]
        v["name_sorts_differ"] = 0.0 if alike else 1.0
        # A name in Latin letters against one in Japanese script may be one name the bridge cannot
        # spell (Kitako Reds / 北港レッズ): weaker evidence than two names of one script.
        v["names_other_script"] = 1.0 if all(lexicon.ja_has_cjk(x.text) != lexicon.ja_has_cjk(y.text)
                                             for x in only_a for y in only_b) else 0.0
        pair = next(((x, y) for x, y in alike if x.role == y.role), alike[0] if alike else (only_a[0], only_b[0]))
        v["name_same_slot"] = 1.0 if pair[0].role == pair[1].role else 0.0
        # Two people, two places, two bodies: a slot the two names surely share; a name of unknown
        # sort may be a modifier of the claim's subject (Swiss, Nature, UTC) rather than its filler.
        v["name_sorts_same"] = 1.0 if pair[0].sort is not None and pair[0].sort == pair[1].sort else 0.0
        out.evidence.setdefault("entity", Conflict("entity", 0.5, pair[0].text, pair[1].text,
                                                   "different name in the same slot"))
    swap = ctx.swap
    if polarity_kind.told_from_each_side(ctx, polarity_kind._opposed_poles(ctx.a, ctx.b)):
        v["converse"] = 1.0  # "A beat B" / "B lost to A": swapped roles of opposite verbs say one thing
        swap = None
    v["role_swap"] = 1.0 if swap is not None else 0.0
    if swap is not None:
        out.evidence.setdefault("entity", Conflict("entity", 0.5, swap[0], swap[1], "roles swapped"))
    other = parts.rebound(ctx.a, ctx.b, ctx.names)
    if other is not None:
        v["part_rebound"] = 1.0
        v["part_swapped"] = 1.0 if other.swapped else 0.0
        out.evidence.setdefault("entity", Conflict("entity", 0.5, other.x.text, other.y.text, "one part, two names"))
    v["corrected"] = 1.0 if entity_kind.corrected(ctx) is not None else 0.0
    agents = entity_kind.other_agent(ctx)
    v["other_agent"] = 1.0 if agents is not None else 0.0
    if agents is not None:
        out.evidence.setdefault("entity", Conflict("entity", 0.5, agents[0], agents[1], "different agents"))
    v["credit_both"] = 1.0 if ctx.a.credit_preds and ctx.b.credit_preds else 0.0
    v["credit_any"] = 1.0 if ctx.a.credit_preds or ctx.b.credit_preds else 0.0
    v["quotes_both"] = 1.0 if ctx.a.quotes and ctx.b.quotes else 0.0


def _share(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def _focus(ctx: PairContext, out: Signals) -> None:
    """A cleft's answer (発見したのは X だ) against the other claim's answer or doers: another X is
    another answer to one question."""
    strict = not ctx.cross_language
    for x, y in ((ctx.a, ctx.b), (ctx.b, ctx.a)):
        if x.focus is None:
            continue
        if TIME_FOCUS.search(x.focus.text):
            _time_focus(ctx, x, y, out)
            return
        mine = x.focus.own if strict else x.focus.keys
        theirs = [y.focus] if y.focus is not None else [g for g in y.args if g.role == "agent"]
        if not theirs:
            continue
        best = max(theirs, key=lambda g: _share(mine, g.own if strict else g.keys))
        if _share(mine, best.own if strict else best.keys) >= 0.5:
            out.values["focus_same"] = 1.0
            return
        out.values["focus_differs"] = 1.0
        kind: Kind = "attribution" if x.credit_preds or y.credit_preds else "entity"
        fa, fb = (x.focus.text, best.text) if x is ctx.a else (best.text, x.focus.text)
        out.evidence.setdefault(kind, Conflict(kind, 0.5, fa, fb, "another answer to the same question"))
        return


def _time_focus(ctx: PairContext, x: Analysis, y: Analysis, out: Signals) -> None:
    """A cleft whose answer is a time (始めたのは昭和4年のことだ, "It was in 1953 that"): the same
    answer when a date of the other claim agrees with it, another when the other's dates all differ."""
    assert x.focus is not None
    start, end = x.focus.start, x.focus.start + len(x.focus.text)
    mine = [d for d in x.dates if start <= d.start < end]
    theirs = [d for d in y.dates if not d.reference]
    if not mine or not theirs:
        return
    if any(date_kind.dates_agree(d.value, e.value) for d in mine for e in theirs):
        out.values["focus_same"] = 1.0
        return
    out.values["focus_differs"] = 1.0
    fa, fb = (mine[0].text, theirs[0].text) if x is ctx.a else (theirs[0].text, mine[0].text)
    out.evidence.setdefault("date", Conflict("date", 0.5, fa, fb, "another answer to the same question"))


def _polarity(ctx: PairContext, out: Signals) -> None:
    v = out.values
    a, b = ctx.a, ctx.b
    parity_a = (a.negations + a.negative_poles) % 2
    parity_b = (b.negations + b.negative_poles) % 2
    v["negation_differs"] = 1.0 if a.negations % 2 != b.negations % 2 else 0.0
    v["parity_differs"] = 1.0 if parity_a != parity_b else 0.0
    poles = polarity_kind._opposed_poles(a, b)
    if polarity_kind.told_from_each_side(ctx, poles):
        poles = None  # "A beat B" / "B lost to A": opposite verbs, swapped roles, one fact
    v["poles_opposed"] = 1.0 if poles is not None else 0.0
    v["denies_shared"] = 1.0 if parity_a != parity_b and polarity_kind._denies_shared(a, b) else 0.0
    odd = a if parity_a else b
    v["denial_hedged"] = 1.0 if parity_a != parity_b and odd.hedged else 0.0
    v["restarted_halted"] = 1.0 if (polarity_kind.restarted_yet_halted(a, b)
                                    or polarity_kind.restarted_yet_halted(b, a)) else 0.0
    v["restarted_after"] = 1.0 if (polarity_kind.restarted_after_halt(a, b)
                                   or polarity_kind.restarted_after_halt(b, a)) else 0.0
    stance = polarity_kind.opposed_stances(a, b)
    v["stance_opposed"] = 1.0 if stance is not None else 0.0
    if stance is not None and parity_a == parity_b:
        parity_a, parity_b = stance, 1 - stance  # one act said and denied, whatever else each denies
        odd = a if parity_a else b
    if poles is not None:
        v["poles_local"] = _pole_context_overlap(ctx, poles[0])
        out.evidence.setdefault("polarity", Conflict(
            "polarity", 0.5, polarity_kind._pole_word(a, poles[0]), polarity_kind._pole_word(b, poles[0]),
            "antonym predicates"))
    elif parity_a != parity_b and not _modal_denial(odd):
        ev_a, ev_b = polarity_kind.denial_evidence(a, b, parity_a, parity_b)
        out.evidence.setdefault("polarity", Conflict("polarity", 0.5, ev_a, ev_b, "one side denies"))


def _clause_words(x: Analysis, i: int, strict: bool) -> tuple[frozenset[str], frozenset[int]]:
    """The content words of token ``i``'s clause, and the positions of the names in it."""
    clause = x.tokens[i].clause
    words = frozenset(k for t in x.tokens if t.clause == clause and t.kind == "content" and t is not x.tokens[i]
                      for k in (t.own if strict else t.keys))
    names = frozenset(n.start for n in x.names if n.clause == clause)
    return words, names


def _pole_context_overlap(ctx: PairContext, scale: int) -> float:
    """How much the clauses of two opposed predicates share (their doer, their object): "regulators
    approved the deal" / "regulators blocked the combination" oppose one act, even inside claims
    that say much else; "closed the mine" / "opened a museum" do not."""
    at_a, at_b = polarity_kind.pole_at(ctx.a, scale), polarity_kind.pole_at(ctx.b, scale)
    if at_a is None or at_b is None:
        return 0.0
    strict = not ctx.cross_language
    (wa, na), (wb, nb) = _clause_words(ctx.a, at_a[0], strict), _clause_words(ctx.b, at_b[0], strict)
    shared_names = sum(1 for x, y in ctx.names.matched if x.start in na and y.start in nb)
    shared = len(wa & wb) + shared_names
    least = min(len(wa) + len(na), len(wb) + len(nb))
    return min(1.0, shared / least) if least else 0.0


def _modal_denial(x: Analysis) -> bool:
    """The claim's denial is only said to be possible: "may not have been", 起きないかもしれない."""
    cues = lexicon.cues()["modal_denial"]
    folded = fold(x.text).lower()
    return any(w in folded for w in cues["ja" if x.lang == "ja" else "en"])


def _interactions(ctx: PairContext, out: Signals) -> None:
    """Products the linear combiner cannot form itself: a signal counts for more on claims about one thing."""
    v = out.values
    sim = v["similarity"]
    v["date_x_similarity"] = v["date_disagree"] * sim
    v["date_event_x_similarity"] = v.get("date_same_event", 0.0) * sim
    v["figure_x_measure"] = v.get("figure_incompatible", 0.0) * v.get("figure_same_measure", 0.0) * (
        1.0 - v.get("figure_other_period", 0.0))
    v["name_x_overlap"] = v.get("name_substitution", 0.0) * v["overlap_min"]
    v["name_context_x_similarity"] = v.get("name_context", 0.0) * sim
    # A name changed while others stay: Kobe beat *Osaka* / Kobe beat *Nara*.
    v["name_x_matched"] = v.get("name_substitution", 0.0) * min(len(ctx.names.matched), 3) / 3
    v["parity_x_similarity"] = v["parity_differs"] * sim
    v["poles_x_similarity"] = v["poles_opposed"] * sim
    # Closed in 1967, reopened in 2009: opposite states at two different times both hold.
    v["poles_x_other_times"] = v["poles_opposed"] * v["different_times"]
    v["parity_x_other_times"] = v["parity_differs"] * v["different_times"]
    v["credit_x_names"] = v["credit_both"] * v.get("name_substitution", 0.0)
    # Tokyo 35.2°C / Osaka 37.1°C: values of two different subjects.
    v["figure_x_names"] = v.get("figure_incompatible", 0.0) * v.get("name_substitution", 0.0)
    v["date_x_names"] = v["date_disagree"] * v.get("name_substitution", 0.0)
    v["focus_x_similarity"] = v.get("focus_differs", 0.0) * sim
    # Kobe beat Osaka / Osaka beat Kobe: a swap between claims that otherwise say the same.
    v["swap_x_overlap"] = v.get("role_swap", 0.0) * v["overlap_min"]
    # Across two languages the dictionary bridge finds fewer shared words, so the same evidence
    # comes with lower overlaps: its own weights.
    cross = v["cross_language"]
    v["date_x_cross"] = v["date_disagree"] * cross
    v["names_x_cross"] = v.get("name_substitution", 0.0) * cross
    v["figure_x_cross"] = v.get("figure_incompatible", 0.0) * cross
    v["parity_x_cross"] = v["parity_differs"] * cross
    v["rule_x_cross"] = max(v[f"rule_{k}"] for k in _KINDS) * cross


_KINDS = ("quantity", "date", "attribution", "entity", "polarity")
_STEPS = (_rules, _general, _dates, _figures, _names, _focus, _polarity, _interactions)

FEATURES: tuple[str, ...] = (
    *(f"rule_{k}" for k in _KINDS),
    "similarity", "overlap_min", "overlap_max", "word_overlap", "cross_language", "qualifiers_differ", "hedge_differs", "different_times",
    "additive",
    "date_disagree", "date_opposite_acts", "date_slip", "date_of_figures", "date_some_agree", "date_count", "date_aligned", "date_other_groups", "date_same_event", "date_same_year", "date_extra_words",
    "figure_agree", "figure_incompatible", "figure_measure", "figure_same_measure", "figure_other_period",
    "figure_part_whole", "figure_other_measure", "figure_slip", "figure_slip_sole", "figure_far_inside_bound", "figure_approximate", "figure_role_swap", "figure_extra_words", "figure_moves_apart", "figure_sole",
    "figure_derived",
    "name_substitution", "name_same_slot", "name_sorts_differ", "name_context", "name_same_act", "role_swap", "converse", "corrected", "other_agent", "credit_both", "credit_any",
    "roles_differ", "part_rebound", "part_swapped", "names_other_script", "name_sorts_same",
    "quotes_both",
    "negation_differs", "parity_differs", "poles_opposed", "poles_local", "denies_shared", "denial_hedged", "restarted_halted", "restarted_after",
    "stance_opposed",
    "date_x_similarity", "date_event_x_similarity", "figure_x_measure", "name_x_overlap", "name_context_x_similarity", "name_x_matched",
    "parity_x_similarity", "poles_x_similarity", "poles_x_other_times", "parity_x_other_times", "credit_x_names", "figure_x_names", "date_x_names",
    "focus_differs", "focus_same", "focus_x_similarity", "swap_x_overlap",
    "date_x_cross", "names_x_cross", "figure_x_cross", "parity_x_cross", "rule_x_cross",
)


# The signals whose products two by two the combiner also weighs (combine.probability): which
# evidence counts depends on what else holds (a figure agreeing beside one that does not, a date
# apart between claims that name one thing).  The hand-made products above ("_x_") are left out.
PAIRED: tuple[str, ...] = tuple(f for f in FEATURES if "_x_" not in f)


def pair_name(x: str, y: str) -> str:
    """The name of the product of two signals in ``combiner.yaml``, in :data:`PAIRED` order."""
    return f"{x}*{y}"


def signals(ctx: PairContext) -> Signals:
    """Every feature of the pair, with the evidence of each kind that showed a signal."""
    out = Signals()
    for step in _STEPS:
        step(ctx, out)
    return out
