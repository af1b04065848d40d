"""Who beat whom: the winner and the loser a claim names in one contest.

"Brazil beat Argentina 2-1" and "Argentina edged Brazil 2-1", "青嶺大学が東央大学を破り" and
"東央大学が青嶺大学に勝った" name the same two sides with the winner swapped.  A claim names a
winner and a loser where two of its names stand on either side of a verb of victory or defeat
(the vocabulary's ``contests``), with nothing but a few words between them:

- English: ``A beat / defeated / edged … B`` and ``A won …, beating B`` (A won); ``A lost to /
  fell to / was beaten by B`` (B won).
- Japanese: ``AがBを破り / 下し / 抑えて`` (A won); ``AがBに敗れ / 屈し`` (B won);
  ``AがBに勝ち`` (A won).

PASS (one winner): "Corran United beat Ellisford Town 2-1." / "Ellisford Town lost 2-1 to
Corran United."

FAIL (the winner swapped): "Corran United beat Ellisford Town 2-1." / "Ellisford Town beat
Corran United 2-1."
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from factcheck.contradict import lexicon
from factcheck.contradict.align import names_match, role_index
from factcheck.contradict.analysis import Analysis, Name
from factcheck.contradict.parts import parts

_GAP = 48  # at most this many characters between the two sides
_EN_BEFORE_LOSER = r"(?:\s+(?:the|hosts|visitors|visiting|champions?|defending|holders?|challengers?|rivals?|favou?rites?)\b)*\s*$"


@cache
def _ja_gap(relation: str) -> re.Pattern[str]:
    """What stands between the first side and the second in Japanese: its case particle, after a
    title perhaps (ラオ氏が, 琴若関は); a payer ordered to pay is also marked に対し (Aに対し、Bへ)."""
    titles = sorted(lexicon.cues().get("name_suffixes_ja", ()), key=len, reverse=True)
    marks = "が|は" if relation == "contests" else "が|は|に対し|に対して"
    tail = "" if relation == "contests" else r"(?:、?[^、。がはを]{0,8}の)?"
    where = r"(?:、?[^、。がはをに]{1,10}(?:で|において|にて)、?)?"  # 決勝で, 3回戦で: where the contest was
    return re.compile(r"^(?:" + "|".join(map(re.escape, titles)) + rf")?(?:{marks}){where}{tail}$")


# After the second Japanese side: the particles that join it to the verb when the first side won
# or gave (AがBを破り, AがBへ支払う) and when it lost or received (AがBに敗れ, AがBから受け取る).
_JA_JOINS = {"contests": ("(?:を|に対し|相手に)?", "に"), "transfers": ("(?:へ|に)", "から")}


@cache
def _patterns(relation: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """English: the words between winner and loser, between loser and winner, and a participle of
    victory straight before the loser (A won the final, beating B); Japanese: what follows the
    second side when the first won (AがBを破り) and when it lost (AがBに敗れ).  A transfer reads
    the same, the giver as the winner (A paid B, AがBへ支払う / B was paid by A, BがAから受け取る)."""
    words = lexicon.cues()[relation]

    def alternation(key: str, lang: str) -> str:
        found = words.get(key, {}).get(lang, ())
        return "|".join(sorted(map(re.escape, found), key=len, reverse=True)) or "(?!)"

    won_en, lost_en, beating = alternation("won", "en"), alternation("lost", "en"), alternation("beating", "en")
    won_join, lost_join = _JA_JOINS[relation]
    return (re.compile(rf"^(?:'s?\s+[\w-]+\s+)?[^.;,]{{0,30}}?\b(?:{won_en})\b{_EN_BEFORE_LOSER}", re.I),
            re.compile(rf"^(?:'s?\s+[\w-]+\s+)?[^.;,]{{0,30}}?\b(?:{lost_en})\b{_EN_BEFORE_LOSER}", re.I),
            re.compile(rf",\s*(?:{beating})\b{_EN_BEFORE_LOSER}", re.I),
            re.compile(rf"^{won_join}[^、。]{{0,14}}?(?:{alternation('won', 'ja')})"),
            re.compile(rf"^{lost_join}[^、。]{{0,14}}?(?:{alternation('lost', 'ja')})"))


def victories(x: Analysis) -> tuple[tuple[int, int], ...]:
    """(winner, loser) as indexes into ``x.names`` for each contest the claim names."""
    return _victories(x.text, x.lang, x.names, "contests")


def transfers(x: Analysis) -> tuple[tuple[int, int], ...]:
    """(giver, receiver) as indexes into ``x.names`` for each payment, loan or gift the claim names."""
    return _victories(x.text, x.lang, x.names, "transfers")


@lru_cache(maxsize=1 << 18)  # once per claim: a scan compares each claim with many others
def _victories(text: str, lang: str, names: tuple[Name, ...], relation: str) -> tuple[tuple[int, int], ...]:
    if len(names) < 2:
        return ()
    won_en, lost_en, beating, won_ja, lost_ja = _patterns(relation)
    out: list[tuple[int, int]] = []
    for i, a in enumerate(names):
        end_a = a.start + len(a.text)
        nxt = next((j for j in range(i + 1, len(names)) if names[j].start >= end_a), None)
        if nxt is None:
            continue
        gap = text[end_a:names[nxt].start]
        owner_end = names[nxt].start + len(names[nxt].text)
        owned = next((j for j in range(nxt + 1, len(names)) if text[owner_end:names[j].start] in ("'s ", "’s ", "の")), None)
        if owned is not None:
            nxt = owned  # "beat Ireland's Cara Doyle", ベルギーのマルテンス: the side is the person, not the country
        b = names[nxt]
        if lang != "ja":
            gap = re.sub(r"\s+\d+\s*[–-]\s*\d+", "", gap)  # "lost 2-1 to": the score says nothing of who won
        if len(gap) > _GAP:
            continue
        if lang == "ja":
            after = text[b.start + len(b.text):b.start + len(b.text) + 20]
            if not _ja_gap(relation).match(gap):
                continue
            if won_ja.match(after):
                out.append((i, nxt))
            elif lost_ja.match(after):
                out.append((nxt, i))
        elif won_en.match(gap):
            out.append((i, nxt))
        elif lost_en.match(gap):
            out.append((nxt, i))
        elif beating.search(gap) and i != 0:
            out.append((0, nxt))  # "A won the final in Lohja, beating B": the subject won
    return tuple(out)


def _sides(x: Analysis) -> tuple[list[Name], list[Name]]:
    """The names a claim makes winners and those it makes losers: by the verb between two names,
    or by the place in a ranking written next to one (Xが優勝, "with Y second", 2位にはZ)."""
    index = role_index()
    first, behind = index["winner"], {index["runner-up"], index["third"]}
    beaten, placed = victories(x), parts(x)
    winners = [x.names[w] for w, _ in beaten] + [x.names[i] for p, i in placed if p == first]
    losers = [x.names[lo] for _, lo in beaten] + [x.names[i] for p, i in placed if p in behind]
    return winners, losers


def winner_swapped(a: Analysis, b: Analysis) -> tuple[Name, Name] | None:
    """A side that wins in one claim and loses in the other to a side that lost in the first
    (where the first names one): the two winners, or None.  "A beat B" / "B won, A second" swap
    them as "B beat A" does; "A beat B" / "B beat C" are two contests.  A payer and a payee
    swapped are read the same way (A was ordered to pay B / B to pay A)."""
    if len(a.names) < 2 or len(b.names) < 2:
        return None
    for (wa, la), (wb, lb) in ((_sides(a), _sides(b)), (_givers(a), _givers(b))):
        found = _crossed(wa, la, wb, lb)
        if found:
            return found
        found = _crossed(wb, lb, wa, la)
        if found:
            return found[1], found[0]
    return None


def _givers(x: Analysis) -> tuple[list[Name], list[Name]]:
    """The names a claim makes payers, lenders or donors, and those it makes their receivers."""
    given = transfers(x)
    return [x.names[g] for g, _ in given], [x.names[r] for _, r in given]


def _crossed(wx: list[Name], lx: list[Name], wy: list[Name], ly: list[Name]) -> tuple[Name, Name] | None:
    """A winner of x that y makes a loser, beaten in y by a side x made a loser (or named no
    loser at all): (x's winner, y's winner)."""
    for x in wx:
        if not any(names_match(x, lost) for lost in ly) or any(names_match(x, w) for w in wy):
            continue
        for y in wy:
            if not lx or any(names_match(y, lost) for lost in lx):
                return x, y
    return None
