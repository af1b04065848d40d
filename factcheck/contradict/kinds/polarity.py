"""polarity: one claim affirms what the other denies.

Two claims about the same thing (most of their words and all their names
shared) where one denies it (not, never, 〜なかった, 未確認) or states the
antonym of its predicate (rose / fell, 開業 / 廃止, accepted / refused,
可決 / 否決) and the other does not.  Negations that do not deny ("did not
deny", 否定しなかった, "no later than") are not counted, a negated antonym
agrees with the plain predicate ("did not fall" ~ "rose" is still a
conflict with "fell"), and claims dated at different times (not confirmed
in March, confirmed in June) do not conflict.  A halted service started
again conflicts with the halt said to last past the restart ("resumed on
3 March" / "as of 9 March, still suspended"), not with a halt that ended
before it.

PASS (consistent): "The regulator did not deny that the merger was approved." /
"The regulator acknowledged the merger had been approved."

FAIL (polarity): "The city council approved the stadium plan." /
"市議会はスタジアム計画を否決した。"
"""

from __future__ import annotations

import re
from functools import cache

from factcheck.contradict import lexicon
from factcheck.contradict.align import event_groups, similarity
from factcheck.contradict.analysis import (
    MONTH_NUMBER,
    NOT_DOWN,
    NOT_UP,
    Analysis,
    _cues,
    _governing_negation,
    _phrasal,
    governed,
    named_scales,
    pole_forms,
)
from factcheck.contradict.kinds import quantity as quantity_kind
from factcheck.contradict.kinds.date import dates_agree
from factcheck.contradict.model import Conflict, PairContext

_MIN_SIMILARITY = 0.5
_MIN_SIMILARITY_CROSS = 0.4
_MIN_SIMILARITY_POLES = 0.35


def _opposed_poles(a: Analysis, b: Analysis) -> tuple[int, int] | None:
    """A scale on which the two claims stand at opposite poles: all their predicates, or
    where one holds both poles (禁止する条例案を可決した), its head predicate.  On a directional
    scale a claim holds the moves it leaves open (up, down, flat: "did not rise" leaves down and
    flat, "held steady" flat), and two claims are opposed when they leave none in common."""
    for pa, pb in ((a.poles, b.poles), (a.head_poles, b.head_poles)):
        for scale, pole in pa:
            if pole in (0, 1) and (scale, 1 - pole) in pb and (scale, pole) not in pb and (scale, 1 - pole) not in pa:
                if pa is a.head_poles and (_both_dated_apart(a, scale) or _both_dated_apart(b, scale)):
                    continue  # "closed in 2021 and reopened the following year": both acts, in turn
                return scale, pole
    for scale in named_scales("directional_scales"):
        ma, mb = _moves(a, scale), _moves(b, scale)
        if ma and mb and not ma & mb and (ma | mb) - {"flat"}:
            return scale, 0 if "up" in ma else 1
    return None


def _both_dated_apart(x: Analysis, scale: int) -> bool:
    """The claim holds both poles of the scale and dates them apart: one act, then its undoing."""
    return (scale, 0) in x.poles and (scale, 1) in x.poles and len({d.value for d in x.dates}) >= 2


_MOVES = {0: frozenset({"up"}), 1: frozenset({"down"}), NOT_UP: frozenset({"down", "flat"}),
          NOT_DOWN: frozenset({"up", "flat"})}


def _moves(x: Analysis, scale: int) -> frozenset[str]:
    """The moves on a directional scale a claim leaves open; "unchanged" (据え置く) is flat.  None
    said: empty (the claim says nothing of the move).  A claim that says both ways says nothing."""
    said = [_MOVES[pole] for s, pole in x.poles if s == scale and pole in _MOVES]
    if any((s, 0) in x.poles for s in named_scales("change_scales")):
        said.append(frozenset({"flat"}))
    return frozenset.intersection(*said) if said else frozenset()


def _poles_of_other_things(a: Analysis, b: Analysis, scale: int) -> bool:
    """The antonym predicates of the two claims act on things that share no word."""
    poles = _cues().poles

    def objects(x: Analysis) -> frozenset[str] | None:
        for f in x.frames:
            if any(sc == scale for form in (f.pred_text, *f.pred_own) for sc, _ in poles.get(form, ())):
                # The thing acted on: the object, or the topic of a passive (渡航は禁止されている).
                return f.objects | (f.agent.own if f.agent is not None else frozenset())
        return None

    oa, ob = objects(a), objects(b)
    if similarity(a, b) >= 0.5:
        return False  # claims this alike speak of one thing, whatever their objects are called
    return bool(oa) and bool(ob) and a.lang == b.lang and not (oa & ob)  # type: ignore[operator]


def opposed_stances(a: Analysis, b: Analysis) -> int | None:
    """One act affirmed by one claim and denied by the other, each saying it one way only:
    "listed on the Nasdaq" / "postponed its Nasdaq listing", 開業した / 開業を断念した.  The
    pole of ``a``'s stance (0: a affirms, 1: a denies), or None."""
    for key, pole in sorted(a.stances):
        if (key, 1 - pole) in b.stances and (key, 1 - pole) not in a.stances and (key, pole) not in b.stances:
            return pole
    return None


def _denies_shared(a: Analysis, b: Analysis) -> bool:
    """What the odd side denies stands in the other claim too: the words its negation governs,
    or what its negative predicate acts on (承認が見送られた / 承認を了承した).  Words of one
    event kind count as one (見つかった / 確認されなかった)."""
    if a.negations % 2 == b.negations % 2:
        # The difference is a negative-pole word: it denies only if it acts on what the other says.
        x, y = (a, b) if a.negative_poles % 2 else (b, a)
        return bool(x.refused & (y.keys | y.wide))
    x, y = (a, b) if a.negations % 2 else (b, a)
    if not x.negated:
        return True
    # "never materialised", 実現しなかった: denying that a thing happened denies any one-time act
    # the other claim says of it (opened, was completed).
    happened = bool(x.negated & _occurrence()) and bool(event_groups(y.preds))
    return bool(x.negated & (y.keys | y.wide)) or bool(event_groups(x.negated) & event_groups(y.preds)) or happened


@cache
def _occurrence() -> frozenset[str]:
    """Keys of the verbs that say only that something happened (materialise, 実現)."""
    return frozenset(w if lexicon.ja_has_cjk(w) else lexicon.stem(w) for w in lexicon.cues()["occurrence"])


def told_from_each_side(ctx: PairContext, poles: tuple[int, int] | None) -> bool:
    """Opposite poles of a relation with the roles swapped: "A beat B" / "B lost to A" say one thing;
    so does each claim making the other party the doer ("England lost the final to Spain", where
    Spain stands in no object slot).  A winner and loser swapped (victors) read each verb already:
    "Japan beat Mexico" / 日本はメキシコに敗れた is no telling from each side."""
    return poles is not None and (ctx.swap is not None or _doers_crossed(ctx)) and ctx.winner_swapped is None \
        and poles[0] in named_scales("converse_scales")


def _doers_crossed(ctx: PairContext) -> bool:
    """Each claim's doer is a party the other claim names but not as its doer: "Fortress bought
    Sogo" / "Seven & i sold Sogo to Fortress"; "A won the final" / "B lost the final to A"."""
    pairs = ctx.names.matched
    for mine, theirs, names in ((0, 1, ctx.b.names), (1, 0, ctx.a.names)):
        if not any(p[mine].role == "agent" and p[theirs].role != "agent" for p in pairs):
            continue
        paired = {id(p[theirs]) for p in pairs if p[mine].role == "agent"}
        if any(n.role == "agent" and id(n) not in paired for n in names):
            return True
    return False


def _ended_then_lasting(x: Analysis, y: Analysis) -> bool:
    """x ends a lasting state (closed, abolished) no later than y says the state still lasts."""
    lasting = named_scales("lasting_scales")
    if not any(s in lasting and p == 1 for s, p in x.poles) or not any(s in lasting and p == 0 for s, p in y.poles):
        return False
    dx = [d.value for d in x.dates if not d.value.startswith("--")]
    dy = [d.value for d in y.dates if not d.value.startswith("--")]
    return bool(dx and dy) and min(dy) >= max(dx)[:len(min(dy))]


def _still_denied(x: Analysis) -> bool:
    """The claim denies something and says so of now: "still hasn't been declared", まだ下りていない."""
    if not x.negations % 2:
        return False
    ja, en = _still_words()
    return any(w in x.text for w in ja) if x.lang == "ja" else en.search(x.text) is not None


@cache
def _still_words() -> tuple[tuple[str, ...], re.Pattern[str]]:
    words = lexicon.cues()["still"]
    return tuple(words["ja"]), re.compile(r"\b(?:" + "|".join(map(re.escape, words["en"])) + r")\b", re.IGNORECASE)


@cache
def _halt_words() -> dict[str, dict[str, re.Pattern[str]]]:
    data = lexicon.cues()["restarted_halts"]
    def pattern(words: list[str], lang: str) -> re.Pattern[str]:
        alts = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
        return re.compile(alts if lang == "ja" else r"\b(?:" + alts + ")", re.IGNORECASE)
    return {part: {lang: pattern(data[part][lang], lang) for lang in ("ja", "en")} for part in data}


def _said(x: Analysis, part: str) -> re.Match[str] | None:
    """The first word of ``part`` the claim says, unless a negation governs it ("has not resumed",
    まだ再開していない)."""
    tokens = list(x.tokens)
    for m in _halt_words()[part]["ja" if x.lang == "ja" else "en"].finditer(x.text):
        inside = [i for i, t in enumerate(tokens) if t.start < m.end() and m.start() < t.end]
        near = _NEGATED_AFTER_JA.match(x.text, m.end()) if x.lang == "ja" else _NEGATED_BEFORE_EN.search(
            x.text[max(0, m.start() - 30):m.start()])
        if near is None and not any(_governing_negation(tokens, i, x.lang) is not None for i in inside):
            return m
    return None


# A negation in the words right after a Japanese restart (解除されていない) or before an English one
# ("has not yet resumed"), where the parse may not tie it to the word.
_NEGATED_AFTER_JA = re.compile(r"[^、。]{0,8}?(?:ない|なかった|ず|ません)")
_NEGATED_BEFORE_EN = re.compile(r"(?i)\b(?:not|n't|never|no longer|yet to)\b(?:\s+\w+){0,2}\s*$")


def _comparable_dates(x: Analysis, y: Analysis) -> tuple[list[str], list[str]]:
    """The two claims' dates that can be ordered: with their years, or else both without."""
    for keep in (lambda v: not v.startswith("--"), lambda v: v.startswith("--")):
        dx, dy = [d.value for d in x.dates if keep(d.value)], [d.value for d in y.dates if keep(d.value)]
        if dx and dy:
            return dx, dy
    return [d.value for d in x.dates], [d.value for d in y.dates]


def restarted_yet_halted(x: Analysis, y: Analysis) -> tuple[str, str] | None:
    """x says a halted service started again; y, undenied, that the halt still held no earlier:
    "the ferry resumed on 4 July" / "as of mid-July the ferry remained suspended".  A halt that
    ended before the restart ("suspended in 2020" / "resumed in 2022") is no conflict."""
    restart, halt, lasting = _said(x, "restart"), _said(y, "halt"), _said(y, "lasting")
    if restart is None or halt is None or lasting is None:
        return None  # "has not resumed" agrees with the halt; "no longer suspended" with the restart
    dx, dy = _comparable_dates(x, y)
    if bool(dx) != bool(dy) or dx and dy and _halt_ended(y, dx, dy):
        return None  # one side undated, or the halt said to last only until before the restart
    return restart.group(0), halt.group(0)


_UNTIL = re.compile(r"(?i)\buntil\b|\btill\b|まで(?!に)")


def _halt_ended(y: Analysis, dx: list[str], dy: list[str]) -> bool:
    """y's halt is dated before x's restart, or lasts until the restart's date (a moratorium "in
    force until 2024" / "reopened in 2024")."""
    last, first = max(dy)[:len(min(dx))], min(dx)[:len(max(dy))]
    return last < first or last == first and _UNTIL.search(y.text) is not None


def restarted_after_halt(x: Analysis, y: Analysis) -> bool:
    """x says a halted act started again; y says it halted, no later than the restart and not
    said to last past it: "brewing paused January to March 2023" / "brewing resumed in April
    2023" tell one story in two periods."""
    if _said(x, "restart") is None or _said(y, "halt") is None or _said(y, "lasting") is not None:
        return False
    if _halt_words()["restart"]["ja" if y.lang == "ja" else "en"].search(y.text):
        return False  # y speaks of the restart too (to date it, or to deny it): no halt alone
    dx, dy = _comparable_dates(x, y)
    return bool(dx) and bool(dy) and _halt_ended(y, dx, dy)


def _different_times(a: Analysis, b: Analysis) -> bool:
    if _ended_then_lasting(a, b) or _ended_then_lasting(b, a):
        return False
    if _still_denied(a) or _still_denied(b):
        return False  # a state said to hold still denies an earlier event, whatever its date
    da = [d.value for d in a.dates]
    db = [d.value for d in b.dates]
    if (da and not db and _other_season(b, a)) or (db and not da and _other_season(a, b)):
        return True  # "from 26 June to 15 October" / "in winter"
    agreeing = [(x, y) for x in da for y in db if dates_agree(x, y)]
    if agreeing and _moving(a, b) and all(_part_and_whole(x, y) for x, y in agreeing):
        return True  # fell in the first half of 2024, rose over 2024: two spans of change
    if not da or not db or agreeing:
        return False
    # "Confirmed in September" and "as of December, not confirmed": the later state
    # denies what the earlier event did, so the times do not excuse them.
    for x, y in ((a, b), (b, a)):
        later = [d for d in y.dates if d.reference]
        if later and (y.negations % 2) and all(max(d.value for d in later) >= e.value for e in x.dates):
            return False
    return True


def _other_season(x: Analysis, y: Analysis) -> bool:
    """x names a period word, other than the month y's dates fall in ("the May election" / "in
    May's election" name one month)."""
    months = {m[1] for d in y.dates if (m := _MONTH_OF.match(d.value))}
    return any(f"{MONTH_NUMBER.get(w, 0):02d}" not in months for w in x.seasons)


_MONTH_OF = re.compile(r"(?:\d{4}|-)-(\d{2})")


def _part_and_whole(x: str, y: str) -> bool:
    """One date a part of the other's bare year: 2024~h1 / 2024, 2024-03 / 2024."""
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return len(short) == 4 and long_ != short and long_.startswith(short)


_COMPARED = re.compile(r"前年|前期|前月|同期|比|year earlier|previous year|year before|a year ago|prior year|"
                       r"last year|previous quarter", re.I)


def _moving(a: Analysis, b: Analysis) -> bool:
    """Both claims say a value rose or fell against an earlier one (前年を下回った / 前年を上回り):
    a change holds over a span, and two spans differ."""
    directional = named_scales("directional_scales")
    return all(any(scale in directional for scale, _ in x.poles) for x in (a, b)) \
        and any(_COMPARED.search(x.text) for x in (a, b))


def check(ctx: PairContext) -> Conflict | None:
    a, b = ctx.a, ctx.b
    threshold = _MIN_SIMILARITY_CROSS if ctx.cross_language else _MIN_SIMILARITY
    if _opposed_poles(a, b) is not None:
        threshold = _MIN_SIMILARITY_POLES  # an antonym pair is evidence of its own
    if ctx.similarity < threshold or ctx.names.only_a and ctx.names.only_b:
        return None
    for x, y in ((a, b), (b, a)):
        halted = restarted_yet_halted(x, y)
        if halted is not None:
            ev_x, ev_y = halted
            return Conflict("polarity", 0.55 + 0.4 * min(ctx.similarity, 1.0), *((ev_x, ev_y) if x is a else (ev_y, ev_x)),
                            "started again, yet still halted")
    if _different_times(a, b):
        return None
    moved = figure_moved_apart(ctx)
    if moved is not None:
        return Conflict("polarity", 0.55 + 0.4 * min(ctx.similarity, 1.0), *moved, "one figure, moved opposite ways")
    # A claim's polarity: its free negations plus its negative-pole predicates
    # (banned, rejected, fell, 禁止), so "banned" agrees with "cannot" and
    # "did not approve" with "rejected".
    # Opposite poles of one scale (approved / rejected, rose / fell) decide first;
    # otherwise a claim's polarity is its free negations plus its negative-pole
    # predicates, so "banned" agrees with "cannot".
    parity_a = (a.negations + a.negative_poles) % 2
    parity_b = (b.negations + b.negative_poles) % 2
    poles = _opposed_poles(a, b)
    if poles is not None:
        if told_from_each_side(ctx, poles):
            return None  # "A beat B" and "B lost to A" say one thing
        if _poles_of_other_things(a, b, poles[0]):
            return None  # "did not recognise the state" / "travel is banned": opposite verbs, other objects
        parity_a, parity_b = (0, 1) if poles[1] == 0 else (1, 0)
    elif parity_a == parity_b or not _denies_shared(a, b):
        stance = opposed_stances(a, b)
        if stance is None:
            return None  # what one side negates is not said by the other ("did not miss" / "converted")
        # One act said and denied, whatever else each claim denies (開業を断念し、開業時期は未定).
        parity_a, parity_b = stance, 1 - stance
    odd = a if parity_a else b
    if odd.hedged:
        return None  # a hedged denial ("may not have been caused by") does not deny
    if _limited_denial(odd):
        return None  # 雪像コンテストのみが中止された: only a part was called off, the rest went ahead
    sure = 0.55 + 0.4 * min(ctx.similarity, 1.0) - (0.15 if a.hedged != b.hedged else 0.0)
    if poles is not None:
        why = "antonym predicates"
        ev_a, ev_b = _pole_word(a, poles[0]), _pole_word(b, poles[0])
    else:
        why = "one side denies"
        ev_a, ev_b = denial_evidence(a, b, parity_a, parity_b)
    return Conflict("polarity", sure, ev_a, ev_b, why)


def figure_moved_apart(ctx: PairContext) -> tuple[str, str] | None:
    """One figure, moved up in one claim and down in the other ("rose 7.4%" / "fell 7.4%", 2.1%増加 /
    2.1%下回り), whatever else each claim says moved: the figures align it to one measure."""
    for fa, fb, _ in ctx.figures:
        if fa.move * fb.move < 0 and quantity_kind.compatible(fa, fb) \
                and not quantity_kind._other_period(fa, fb, ctx.a, ctx.b):
            return fa.text, fb.text
    return None


@cache
def _limited() -> dict[str, re.Pattern[str]]:
    """A limiter, its part, then the denial: ja …のみが中止, en "only … were dropped"."""
    words = lexicon.cues()["limiters"]
    ja = "|".join(map(re.escape, words["ja"]))
    en = "|".join(map(re.escape, words["en"]))
    return {"ja": re.compile(rf"(?:{ja})(?:が|は|を|も)?[^。、0-9０-９]{{0,6}}$"),
            "en": re.compile(rf"(?i)\b(?:{en})\s+(?!\d)[^.;:,]{{0,40}}\s(?:was|were|is|are|had been|have been|has been)\s+$")}


def _limited_denial(x: Analysis) -> bool:
    """The claim's denial or negative-pole word is said of a part it singles out ("only the food
    stalls were dropped", 雪像コンテストのみが中止された): the claim affirms the rest."""
    limited = _limited()["ja" if x.lang == "ja" else "en"]
    poles = _cues().poles
    for t in x.tokens:
        negative = t.kind == "neg" or any(p == 1 for form in pole_forms(t) for _, p in poles.get(form, ()))
        if negative and limited.search(x.text[max(0, t.start - 48):t.start]):
            return True
    return False


_MAX_EVIDENCE = 40  # characters of a denial and the words it governs, shown as one value


def denial_evidence(a: Analysis, b: Analysis, parity_a: int, parity_b: int) -> tuple[str, str]:
    """What one side denies and the words of the other that say it: ("not been granted",
    "granted"), each as written in its claim; when the two cannot be aligned, each claim's
    opening words marked negated or affirmed."""
    odd, even = (a, b) if parity_a else (b, a)
    found = _denied_and_said(odd, even)
    if found is None:
        # Not one word denied and said: each claim's own polar words (入賞を逃し / 受賞した),
        # as written; a claim with none is named by its opening words, marked.
        denied, said = _negative_words(odd), _head_predicate(even)
        if denied is None or said is None:
            return (("negated: " if parity_a else "affirmed: ") + a.text[:60],
                    ("negated: " if parity_b else "affirmed: ") + b.text[:60])
        found = denied, said
    denied, said = found
    return (denied, said) if odd is a else (said, denied)


def _negative_words(x: Analysis) -> str | None:
    """The first negation with the word it governs, or else the first word on a negative pole."""
    tokens = list(x.tokens)
    for i, t in enumerate(tokens):
        if t.kind == "neg":
            span = [tokens[j] for j in governed(tokens, i, x.lang)] + [t]
            lo, hi = min(u.start for u in span), max(u.end for u in span)
            if hi - lo <= _MAX_EVIDENCE:
                return x.text[lo:hi]
    poles = _cues().poles
    for t in tokens:
        if t.kind in ("pred", "content") and any(pole == 1 for form in pole_forms(t) for _, pole in poles.get(form, ())):
            return t.text
    return None


def _head_predicate(x: Analysis) -> str | None:
    """The claim's main verb as written: in Japanese the last, in English the first."""
    preds = [t for t in x.tokens if t.kind == "pred"]
    if not preds:
        return None
    return (preds[-1] if x.lang == "ja" else preds[0]).text


def _denied_and_said(odd: Analysis, even: Analysis) -> tuple[str, str] | None:
    tokens = list(odd.tokens)
    for i, t in enumerate(tokens):
        if t.kind != "neg":
            continue
        for j in governed(tokens, i, odd.lang):
            u = tokens[j]
            keys = u.keys or {u.lemma}
            said = [w for w in even.tokens if w.kind in ("pred", "content") and (w.keys or {w.lemma}) & keys]
            lo, hi = min(t.start, u.start), max(t.end, u.end)
            if said and hi - lo <= _MAX_EVIDENCE:
                best = min(said, key=lambda w: w.kind != "pred")  # a predicate before a noun
                return odd.text[lo:hi], even.text[best.start:best.end]
    return None


def _pole_word(x: Analysis, scale: int) -> str:
    """The words that put the claim on the scale, with the negation that flips them: "called off",
    "had not been confirmed", "against buying"."""
    found = pole_at(x, scale)
    if found is None:
        return x.text[:40]
    i, phrasal = found
    tokens = x.tokens
    word = x.text[tokens[i].start:tokens[i + 1].end] if phrasal else tokens[i].text  # "called off", "went ahead"
    return _with_negation(x, i, word)


def pole_at(x: Analysis, scale: int) -> tuple[int, bool] | None:
    """The token that puts the claim on the scale, and whether it is a phrasal verb's first word."""
    poles = _cues().poles
    tokens = list(x.tokens)
    # A move is opposed by "unchanged" too (rose / held steady): look for that word after the scale's own.
    scales = (scale, *named_scales("change_scales")) if scale in named_scales("directional_scales") else (scale,)
    for wanted in scales:
        for i, t in enumerate(tokens):
            phrasal = _phrasal(tokens, i, x.lang)
            if phrasal in poles and any(s == wanted for s, _ in poles[phrasal]):
                return i, True
            for form in pole_forms(t):
                if any(s == wanted for s, _ in poles.get(form, ())):
                    return i, False
    return None


def _with_negation(x: Analysis, i: int, word: str) -> str:
    """``word`` (the pole word at token ``i``) widened to the negation that governs it."""
    neg = _governing_negation(list(x.tokens), i, x.lang)
    if neg is None:
        return word
    lo = min(x.tokens[neg].start, x.tokens[i].start)
    end = max(x.tokens[neg].end, x.tokens[i].start + len(word))
    return x.text[lo:end] if end - lo <= 40 else word
