"""What two analyses share: word overlap, matched names, aligned figures and dates.

Every conflict kind asks the same questions first (are these two claims about
the same thing? which name of one is which name of the other? which figure
measures what the other figure measures?), so the answers live here once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factcheck.contradict import lexicon
from factcheck.contradict.analysis import (
    Analysis,
    Arg,
    DateValue,
    Figure,
    Name,
    Token,
    acronym_of,
    groups_of,
    names_match,
)

__all__ = [
    "PHYSICAL", "NameAlignment", "align_dates", "doer_changed", "names_swapped", "role_swap", "align_figures", "align_names", "content_overlap", "light_predicates",
    "similarity", "slipped",
]

_STRICT_GLOSS_WEIGHT = 0.5
_WIDE_WEIGHT = 0.6


def _token_hit(t: Token, keys: frozenset[str], wide: frozenset[str]) -> float:
    own = t.keys or frozenset({t.lemma})
    if own & keys:
        return 1.0
    if own & wide or t.wide & keys:
        return _WIDE_WEIGHT
    return 0.0


def content_overlap(a: Analysis, b: Analysis, *, strict: bool = False) -> float:
    """Share of a's content words (not names, not values) that b also has, weighted, in [0, 1].

    ``strict`` compares the words' own forms only (no dictionary glosses): for
    two claims of one language, where 会長 and 社長 must stay apart although
    both gloss as "president".
    """
    words = [t for t in a.tokens if t.kind in ("content", "pred")]
    if not words:
        return 0.0
    if strict:
        # Own forms first; a word that meets the other only through the dictionary (落下 ~ 落ちる)
        # counts for a little, so that 会長 and 社長 (both "president") stay mostly apart.
        return sum(1.0 if t.own & b.own else _STRICT_GLOSS_WEIGHT if (t.keys - t.own) & b.keys else 0.0
                   for t in words) / len(words)
    return sum(_token_hit(t, b.keys, b.wide) for t in words) / len(words)


def word_overlap(a: Analysis, b: Analysis) -> float:
    """The smaller of the two directions of :func:`content_overlap`, strict within one language."""
    strict = a.lang == b.lang
    return min(content_overlap(a, b, strict=strict), content_overlap(b, a, strict=strict))


def similarity(a: Analysis, b: Analysis) -> float:
    """Symmetric topical similarity: content words and names of both sides, in [0, 1]."""
    words = (content_overlap(a, b) + content_overlap(b, a)) / 2
    names = align_names(a, b)
    # A year both claims give ties them as a shared name does: "the 2026 Winter Olympics" /
    # "the 2026 Winter Games" speak of one edition even with no word in common.
    year = 1 if a.years & b.years else 0
    # So does one day both give (2 September / September 2): its words are the date's, not content.
    day = 1 if _days(a) & _days(b) else 0
    total_names = len(a.names) + len(b.names) + 2 * (year + day)
    if total_names == 0:
        return words
    name_score = 2 * (len(names.matched) + year + day) / total_names
    wa = sum(1 for t in a.tokens if t.kind in ("content", "pred")) + sum(1 for t in b.tokens if t.kind in ("content", "pred"))
    weight = total_names / (total_names + wa) if wa else 1.0
    weight = max(weight, 0.3)
    return (1 - weight) * words + weight * name_score


def month_and_day(value: str) -> tuple[str, str]:
    """The month and the day of a date value, each "" when not given: 2024-09-02 and --09-02 are
    ("09", "02"), 2024-09~late-month ("09", ""), 2024~q2 ("", "")."""
    value = value.partition("~")[0]
    if value[:4].isdigit():
        month, day = value[5:7], value[8:10]
    elif value.startswith("--"):
        month, day = value[2:4], value[5:7]
    else:
        return "", ""
    if not month.isdigit():
        return "", ""
    return month, day if day.isdigit() else ""


def _days(x: Analysis) -> frozenset[str]:
    """The month and day of each date given to the day (2024-09-02 and --09-02 both 09-02)."""
    return frozenset(f"{m}-{d}" for m, d in (month_and_day(e.value) for e in x.dates) if d)


@dataclass(frozen=True)
class NameAlignment:
    matched: tuple[tuple[Name, Name], ...]
    only_a: tuple[Name, ...]
    only_b: tuple[Name, ...]


def align_names(a: Analysis, b: Analysis) -> NameAlignment:
    # Best matches first, so "Inter Milan" takes "Inter" before the city "Milan" can.
    options = sorted(
        ((_name_score(x, y), i, j) for i, x in enumerate(a.names) for j, y in enumerate(b.names) if names_match(x, y)),
        reverse=True,
    )
    pairs: dict[int, int] = {}
    used: set[int] = set()

    def take(found: list[tuple[int, int]]) -> None:
        for i, j in found:  # one name of each claim to one of the other, first come first served
            if i not in pairs and j not in used:
                pairs[i] = j
                used.add(j)

    take([(i, j) for _, i, j in options])
    take(_read_short(a, b, set(pairs), used) + [(i, j) for j, i in _read_short(b, a, used, set(pairs))])
    # An acronym of one claim spelled out in the other, where the spelled-out name was read as
    # several ("US Patent" + "Trademark Office" = USPTO): the acronym takes all of them.
    a_spelled = _spelled_out(b, a.names, set(pairs), used)  # a's acronym -> b's names
    b_spelled = _spelled_out(a, b.names, used, set(pairs))  # b's acronym -> a's names
    for acronym, names in a_spelled.items():
        pairs[acronym] = names[0]
        used.update(names)
    taken_a = set(pairs) | {n for names in b_spelled.values() for n in names}
    for acronym, names in b_spelled.items():
        if names[0] not in pairs:
            pairs[names[0]] = acronym
        used.add(acronym)
    matched = [(a.names[i], b.names[j]) for i, j in sorted(pairs.items())]
    only_a = [x for i, x in enumerate(a.names) if i not in taken_a and not _plain_word(x, b)]
    only_b = [y for j, y in enumerate(b.names) if j not in used and not _plain_word(y, a)]
    # 上野 / 上野動物園: a place and the body named after it are not one name, nor rivals for one slot.
    nested = [(x, y) for x in only_a for y in only_b if _opens(x.text, y.text) or _opens(y.text, x.text)]
    return NameAlignment(tuple(matched), tuple(x for x in only_a if not any(x is n for n, _ in nested)),
                         tuple(y for y in only_b if not any(y is n for _, n in nested)))


def _opens(short: str, long_: str) -> bool:
    """A kanji name that opens a longer one: the place a body is named after (上野 / 上野動物園)."""
    return 2 <= len(short) < len(long_) and long_.startswith(short) and lexicon.ja_has_cjk(short)


_ACRONYM_NAME = re.compile(r"[A-Z][A-Z&]{2,7}")  # JR, US: two letters spell too much
_SPELLING_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*|&|,")
_SPELLING_LINKS = frozenset({"and", "of", "the", "for", "on", "in", "&", ",", "de", "du", "des", "la", "le", "der"})


def _spelled_out(other: Analysis, names: tuple[Name, ...], taken: set[int], taken_other: set[int]
                 ) -> dict[int, list[int]]:
    """For each unmatched acronym among ``names``, the unmatched names of ``other`` inside a span
    of ``other``'s text that spells it out (by the index of the acronym, the indexes of the names)."""
    out: dict[int, list[int]] = {}
    for i, n in enumerate(names):
        if i in taken or not _ACRONYM_NAME.fullmatch(n.text):
            continue
        for start, end in _expansions(n.text.replace("&", "").lower(), other.text):
            inside = [j for j, m in enumerate(other.names)
                      if j not in taken_other and start <= m.start < end]
            if inside:
                out[i] = inside
                break
    return out


def _expansions(acronym: str, text: str) -> list[tuple[int, int]]:
    """Spans of capitalised words (links such as "and", "of" and commas between) whose letters
    spell ``acronym`` in order: every word gives its initial, and may give letters from within
    (Japan Aerospace eXploration Agency = JAXA, United Nations Children's Fund = UNICEF), the
    method of Schwartz and Hearst (2003) held to word initials."""
    words = [(m.group(), m.start(), m.end()) for m in _SPELLING_WORD.finditer(text)]
    spans = []
    for k, (w, start, _) in enumerate(words):
        if w[0].isupper() and w[0].lower() == acronym[0]:
            end = _spell(acronym, words, k, 0, 0)
            if end is not None:
                spans.append((start, end))
    return spans


def _spell(acronym: str, words: list[tuple[str, int, int]], k: int, done: int, content: int) -> int | None:
    """The end of a spelling of ``acronym[done:]`` from word ``k`` on, or None."""
    if k >= len(words):
        return None
    w, _, end = words[k]
    if w.lower() in _SPELLING_LINKS:
        return _spell(acronym, words, k + 1, done, content) if content else None
    if not w[0].isupper():
        return None
    # The word's initial, or the X of a word in ex- (Japan Aerospace eXploration Agency): the
    # convention acronyms follow; any other letter instead of an initial makes WHO spell WTO.
    initial = w[0].lower() == acronym[done]
    if not initial and not (content and acronym[done] == "x" and w.lower().startswith("ex")):
        return None
    rest = w[1:].lower() if initial else w[2:].lower()
    # Letters after the first it gives, in order within the word: fewest first, so that the
    # next word's initial is preferred (National Aeronautics and Space Administration).
    for extra in range(len(acronym) - done):
        taken, pos = acronym[done + 1: done + 1 + extra], 0
        for c in taken:
            pos = rest.find(c, pos) + 1
            if not pos:
                break
        else:
            reached = done + 1 + extra
            if reached == len(acronym):
                # The last letter is the last word's initial (Office, Agency, Fund): "Japan and
                # RussiA" spells no JRA.
                if content + 1 >= 2 and not extra and initial:
                    return end
                continue
            found = _spell(acronym, words, k + 1, reached, content + 1)
            if found is not None:
                return found
    return None


def _read_short(a: Analysis, b: Analysis, taken_a: set[int], taken_b: set[int]) -> list[tuple[int, int]]:
    """Unmatched names of a in Latin letters and unmatched Japanese names of b that begin one word of
    b's text, the word the dictionary gives for a's name: NYSE / ニューヨーク, read as a name short
    of ニューヨーク証券取引所 (by index in a, index in b)."""
    out: list[tuple[int, int]] = []
    # Japanese names of b left unmatched, first: most pairs have none, and then no dictionary lookup
    # is made (a scan compares each claim with many others).
    open_b = [(j, y) for j, y in enumerate(b.names) if j not in taken_b and lexicon.ja_has_cjk(y.text)]
    if not open_b:
        return out
    for i, x in enumerate(a.names):
        if i in taken_a or lexicon.ja_has_cjk(x.text):
            continue
        heads = [h for h in lexicon.ja_headwords(x.text.strip()) if lexicon.ja_has_cjk(h)]
        for j, y in open_b:
            if any(len(h) > len(y.text) and h.startswith(y.text) and b.text.startswith(h, y.start) for h in heads):
                out.append((i, j))
                break
    return out


def _name_score(x: Name, y: Name) -> float:
    if acronym_of(x, y):
        return 1.0  # BOAC is British Overseas Airways Corporation before British European Airways shares two words
    best = 0.0
    for fx in x.forms:
        for fy in y.forms:
            if fx | fy:
                best = max(best, len(fx & fy) / len(fx | fy))
    return best


_FROM_JA = ("から", "より")


def role_swap(a: Analysis, b: Analysis) -> tuple[str, str] | None:
    """Two phrases that are agent and patient in one claim and patient and agent in the other."""
    strict = a.lang == b.lang

    def slots(x: Analysis) -> list:
        return [g for g in x.args if g.role in ("agent", "patient") and not re.search(r"\d{4}|年|月", g.text)]

    def same(x, y) -> bool:  # type: ignore[no-untyped-def]
        kx, ky = (x.own, y.own) if strict else (x.keys, y.keys)
        return bool(kx & ky) and len(kx & ky) * 2 >= min(len(kx), len(ky))

    # The doer and the done-to of one predicate in each claim: an agent of one act and the
    # patient of another ("the glacier expanded", "images analysed by …") swap nothing.
    def pairs(x: Analysis) -> list[tuple[Arg, Arg]]:
        kept = {id(g) for g in slots(x)}
        out = [(f.agent, f.patient) for f in x.frames
               if f.agent is not None and f.patient is not None and id(f.agent) in kept and id(f.patient) in kept]
        if x.lang == "ja":
            # AはBからCを買収した: each phrase a particle marks between the doer and the act is
            # done to or with (from B, C), not only the nearest.
            for f in x.frames:
                if f.agent is None or id(f.agent) not in kept:
                    continue
                at = x.text.find(f.pred_text, f.agent.start)
                out += [(f.agent, g) for g in x.args if f.agent.start < g.start < at and g is not f.patient
                        and (g.role == "patient" and id(g) in kept or x.text.startswith(_FROM_JA, g.start + len(g.text)))]
        return out

    for x1, x2 in pairs(a):
        for y2, y1 in pairs(b):
            if same(x1, y1) and not same(x2, y1) and same(x2, y2) and not same(x1, y2):
                return x1.text, x2.text
    return None


def names_swapped(names: NameAlignment, a: Analysis | None = None, b: Analysis | None = None) -> tuple[str, str] | None:
    """Two aligned names, agent and patient in one claim and patient and agent in the other;
    given the analyses, of one act on each side ("shares of A jumped after B approved" puts
    A and B in two acts)."""
    for x1, y1 in names.matched:
        for x2, y2 in names.matched:
            if x1.role == "agent" and x2.role == "patient" and y1.role == "patient" and y2.role == "agent":
                if a is not None and b is not None and not (_one_act(a, x1, x2) and _one_act(b, y2, y1)):
                    continue
                return x1.text, x2.text
    return None


def _one_act(x: Analysis, agent: Name, patient: Name) -> bool:
    """The two names stand in the agent and the patient slot of one predicate."""
    def inside(arg: Arg | None, name: Name) -> bool:
        return arg is not None and arg.start <= name.start < arg.start + len(arg.text)

    return any(inside(f.agent, agent) and inside(f.patient, patient) for f in x.frames)


def doer_changed(a: Analysis, b: Analysis) -> tuple[str, str] | None:
    """Both claims name the same two parties, but each makes a different one the doer:
    北朝鮮が…承認した (ウクライナ mentioned) / ウクライナは…承認した (北朝鮮 mentioned)."""
    agents_a = [n for n in a.names if n.role == "agent"]
    agents_b = [n for n in b.names if n.role == "agent"]
    for x in agents_a:
        if any(names_match(x, n) for n in agents_b) or not any(names_match(x, n) for n in b.names):
            continue
        for y in agents_b:
            if any(names_match(y, n) for n in agents_a) or not any(names_match(y, n) for n in a.names):
                continue
            if any(_joined(b, n) for n in b.names if names_match(x, n)) or \
                    any(_joined(a, n) for n in a.names if names_match(y, n)):
                continue  # ロシアと北朝鮮は接近した: the other party joined to the doer acts with it
            return x.text, y.text
    return None


def _joined(x: Analysis, name: Name) -> bool:
    """A name joined to the next name by と / and (ロシアと北朝鮮は): two doers of one act, not a
    doer and what is done to (北朝鮮との関係 is no joining)."""
    end = name.start + len(name.text)
    link = re.match(r"と|\s+and\s+", x.text[end:end + 6])
    return link is not None and any(n.start == end + link.end() for n in x.names)


def _plain_word(name: Name, other: Analysis) -> bool:
    """A name the other claim has as an ordinary word (the Thames where テムズ川 was not tagged a name)."""
    for form in name.forms:
        distinctive = form & name.distinct
        if distinctive and distinctive <= other.keys:
            return True
    return False


@cache
def light_predicates() -> frozenset[str]:
    """Predicates that carry no event of their own (was, reached, reported, totalled)."""
    return frozenset(lexicon.stem(w) for w in lexicon.cues()["light_predicates"]["en"]) | frozenset(
        lexicon.cues()["light_predicates"]["ja"])


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / min(len(x), len(y))


def measure_similarity(fa: Figure, fb: Figure, *, strict: bool) -> float:
    """How surely two figures measure the same thing, from the words around them."""
    na, nb = (fa.near_own, fb.near_own) if strict else (fa.near, fb.near)
    ma, mb = (fa.measure_own, fb.measure_own) if strict else (fa.measure, fb.measure)
    near = 1.0 if (na & mb) or (nb & ma) else 0.0
    return max(near * 0.7 + 0.3 * _overlap(ma, mb), _overlap(ma, mb))


_FORMER_APART = 0.5
_SAME_VALUE = 0.25
_SAME_DIGITS = 0.15


def slipped(fa: Figure, fb: Figure) -> bool:
    """Same digits, other magnitude or order: a lost decimal point or transposed digits ($35 / $53)."""
    if not fa.digits or not fb.digits:
        return False  # a number in words ("twelve") has no decimal point to lose
    return fa.digits == fb.digits or (len(fa.digits) >= 2 and sorted(fa.digits) == sorted(fb.digits))


def align_figures(a: Analysis, b: Analysis) -> list[tuple[Figure, Figure, float]]:
    """One-to-one pairs of figures with the same dimension, best measure match first."""
    options = []
    for i, fa in enumerate(a.figures):
        for j, fb in enumerate(b.figures):
            if not same_dimension(fa.base, fb.base):
                continue
            score = measure_similarity(fa, fb, strict=a.lang == b.lang)
            if fa.former != fb.former:
                score -= _FORMER_APART  # a change's first value is a value that no longer holds
            if fa.low == fb.low and fa.high == fb.high:
                score += _SAME_VALUE  # one value written in both: most likely one measure
            elif slipped(fa, fb):
                score += _SAME_DIGITS  # 4.7% / 47%, 1,370 / 1,730: one value, a digit slipped
            if fa.total and fb.total:
                score += 0.2  # 計107人 / 合わせて170人: the two totals measure one thing
            options.append((score, i, j))
    options.sort(key=lambda o: (-o[0], abs(o[1] - o[2])))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for score, i, j in options:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append((a.figures[i], b.figures[j], score))
    return out


PHYSICAL = frozenset({"m", "m2", "m3", "kg", "s", "%", "pt", "km/h", "W", "Wh", "bbl", "degree", "°C", "倍", "歳",
                       "USD", "JPY", "EUR", "GBP", "KRW", "RUB", "CNY"})


def same_dimension(x: str, y: str) -> bool:
    """Same base unit; a bare number ("#noun") also measures what a counter of the other side counts."""
    if x == y or {x, y} == {"degree", "°C"}:  # 40.9度 in a weather report is °C
        return True
    if x.startswith("#") and y.startswith("#"):
        return True  # two bare numbers: what they count is for the words around them to say
    bare, other = (x, y) if x.startswith("#") else (y, x)
    return bare.startswith("#") and other not in PHYSICAL


OTHER_GROUPS = 0.1  # the alignment score of dates whose predicates fall in different event groups


def align_dates(a: Analysis, b: Analysis) -> list[tuple[DateValue, DateValue, float]]:
    """Pairs of event dates (not reference times) that date one event, with how surely.

    1.0: their predicates share a key or an event group (opened ~ 開業 ~
    inaugurated).  0.5: predicates the groups do not place, on claims that
    otherwise agree (the kind decides with the similarity).  Dates of two
    different groups (announced / completed) are never paired.
    """
    out = []
    for da in a.dates:
        for db in b.dates:
            if da.reference or db.reference or da.qualifier or db.qualifier:
                continue
            if not da.event or not db.event:
                # "…のは2014年11月だった", "approval came in November": a date whose event
                # the sentence names elsewhere, dating what the other claim dates (or, on both
                # sides, "決勝は5月10日だった": only claims that otherwise say the same).
                out.append((da, db, 0.25))
                continue
            ga, gb = event_groups(da.event), event_groups(db.event)
            if _last_verb_ja(a, da) & _last_verb_ja(b, db):
                # One Japanese verb ends both dated clauses (進水した / 進水し): one act, whatever
                # else either clause holds (建造した船が…進水した).
                out.append((da, db, 1.0))
            elif ga and gb and not ga & gb:
                # Placed in two groups, whatever gloss they share: 着工 / 竣工 both gloss "construction".
                out.append((da, db, OTHER_GROUPS))
            elif da.event & db.event or ga & gb:
                out.append((da, db, 1.0))
            else:
                out.append((da, db, 0.5))
    return out


def _last_verb_ja(x: Analysis, d: DateValue) -> frozenset[str]:
    """The Japanese words of the last predicate of a date's clause (the act the clause ends on)."""
    if x.lang != "ja":
        return frozenset()
    preds = [t for t in x.tokens if t.clause == d.clause and t.kind == "pred" and t.start >= d.end]
    if not preds:  # 昭和63年3月、…が進水し: a date set off by a comma dates the clause after it
        preds = [t for t in x.tokens if t.clause == d.clause + 1 and t.kind == "pred"]
    return frozenset(k for k in preds[-1].keys if lexicon.ja_has_cjk(k)) if preds else frozenset()


def event_groups(keys: frozenset[str]) -> frozenset[int]:
    """The event groups of a predicate's keys.  A Japanese word the groups list is placed by
    itself, not by its dictionary glosses (着工 and 竣工 both gloss "construction")."""
    return groups_of(keys)


@cache
def _contrast_index() -> dict[str, tuple[int, int]]:
    """Each qualifier word -> (its contrast set, its sense in the set)."""
    out: dict[str, tuple[int, int]] = {}
    for i, senses in enumerate(lexicon.cues()["contrast_sets"]):
        for j, members in enumerate(senses):
            for m in members:
                out[str(m).lower()] = (i, j)
    return out


def _contrast(t: Token) -> tuple[int, int] | None:
    index = _contrast_index()
    for form in (t.text.lower(), t.lemma.lower()):
        if form in index:
            return index[form]
    return None


@cache
def role_index() -> dict[str, int]:
    """Each word of the vocabulary's ``credit_roles`` (and its stem) -> the line (part) it is on."""
    out: dict[str, int] = {}
    for i, words in enumerate(lexicon.cues()["credit_roles"]):
        for w in words:
            out[w] = i
            if not lexicon.ja_has_cjk(w):
                out[lexicon.stem(w)] = i
    return out


def credit_roles(x: Analysis) -> frozenset[int]:
    """The parts in one work or body a claim names: author, illustrator, director, chair."""
    index = role_index()
    return frozenset(index[f] for t in x.tokens if t.kind in ("content", "pred", "name")
                     for f in (t.text, t.lemma, t.lemma.lower(), lexicon.stem(t.lemma.lower())) if f in index)


def different_roles(a: Analysis, b: Analysis) -> bool:
    """Each claim credits a part the other does not name: 文を担当 / 絵を手がけた, director / screenwriter."""
    ra, rb = credit_roles(a), credit_roles(b)
    return bool(ra) and bool(rb) and not ra & rb


def different_qualifiers(a: Analysis, b: Analysis) -> bool:
    """The same head qualified by two members of one contrast set: 男子の部 / 女子の部, first / second drug."""
    if a.ordinals and b.ordinals and not a.ordinals & b.ordinals:
        return True  # 第3回 / 第4回, the 2nd / the 3rd: two editions of a series
    qa = {d.value for d in a.dates if d.qualifier}
    qb = {d.value for d in b.dates if d.qualifier}
    if qa and qb and not qa & qb:
        return True  # 2024年のオリンピック / 2028年のオリンピック: two editions
    strict = a.lang == b.lang

    def qualified(x: Analysis) -> list[tuple[int, int, Token]]:
        toks = [t for t in x.tokens if t.kind in ("content", "pred", "name", "func")]
        out = []
        for i, q in enumerate(toks):
            found = _contrast(q)
            if found is None:
                continue
            heads = [h for h in toks[i + 1:i + 4] if h.kind in ("content", "pred", "name")][:1]
            if heads:
                out.append((found[0], found[1], heads[0]))
        return out

    def keys(t: Token) -> frozenset[str]:
        return t.own if strict else t.keys

    def senses(found: list[tuple[int, int, Token]], group: int, head: Token) -> set[int]:
        return {s for g, s, h in found if g == group and keys(h) & keys(head)}

    in_a, in_b = qualified(a), qualified(b)
    for ga, sa, ha in in_a:
        for gb, sb, hb in in_b:
            if ga != gb or sa == sb or not keys(ha) & keys(hb):
                continue
            # Two claims that each name both (the land and the sea border) compare them one by one.
            if not senses(in_a, ga, hb) & senses(in_b, gb, ha):
                return True
    return False
