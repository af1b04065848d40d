"""Parts people play: which name a claim puts in which part of one work, body or event.

"作曲は松永、編曲は福島" and "作曲者は福島で、松永が編曲を担当した" name the same two people in
the same two parts, swapped; "the architect was Iwata" and "designed by Matsuura" fill one part
with two names.  A part is one line of the vocabulary's ``credit_roles`` (author, composer,
captain, deputy, buyer...); a name takes the part whose word is written next to it:

- Japanese: the part word before the name, joined by は, には, を or の, perhaps through one
  modifier (作曲者は福島, 主将はスクラムハーフの宮本, 作曲を音楽プロデューサーの芦田が); or after
  it, in the same clause, as what the name does or is (三浦教授が隊長を務め, ラーセン氏が副隊長
  として, 坂口翔を主将に指名, 芦田涼が作詞し, 青木涼子ディレクター).
- English: the part word before the name (captain Sakaguchi, the author is Reeve), a participle
  with "by" (written by Natarajan, hosted by Almaty), or after the name as its apposition or
  what it serves as, or does (Reeve, the former chief, is the author; Holm as chair; Almaty
  will host).

PASS (one part, one name): "作曲は松永紗希、編曲は福島哲也が手がけた。" /
"The score was composed by Saki Matsunaga."

FAIL (a part given to another name): "The captain is Sho Sakaguchi." /
"主将は宮本大樹が務める。"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from factcheck.contradict import lexicon
from factcheck.contradict.align import NameAlignment, names_match, role_index
from factcheck.contradict.analysis import Analysis, Name
from factcheck.contradict.lexicon import en_lemmas

# Titles and particles that may stand between a Japanese name and the part word after it; a gap
# of other words only after a particle (松永が管弦楽版への編曲を担当), never straight after the
# name (NRBの次期会長: the body whose chair it is).
_JA_AFTER = r"(?:氏|さん|選手|教授|准教授|博士|監督|社長|会長)?(?:(?:が|は|を|も)[^、。「」『』]{0,8}?)?"
_JA_AFTER_END = r"(?:者|家)?(?:を務め|をつとめ|として|に就任|に指名|に選ば|に起用|を担当|を担|に|で|だ|、|。|を|し|する|した)"
_JA_BEFORE = r"(?:者|家)?(?:は|には|を|の|:|：)、?(?:[^、。「」『』はがを]{1,14}の)?$"
# What follows an English name and leads to its part: an apposition (", the former chief,"), a
# frame (as, serving as, is the), or the verb of what it does (will host, wrote).
_EN_APPOSITION = re.compile(r",\s+")
_EN_FRAME = re.compile(r"\s+(?:as|serving as|will serve as|served as|acted as|will act as|act as|is the|was the|"
                       r"became the|becomes the|will be the|was named|is named|named|will become)\s+")
# A place in a ranking, won or reached: "took gold", "finished second", "came third".
_EN_PLACE = re.compile(r"\s+(?:took|taking|claimed|earned|won|finished|finishing|came|coming|placed|placing|was|is)\s+(?:the\s+)?(?=[a-z])")
_EN_VERB = re.compile(r"\s+(?:will\s+|has\s+|had\s+)?(?=[a-z])")
_EN_BEFORE = re.compile(r"\b([A-Za-z-]+)\s+(?:by\s+)?(?:the\s+)?(?:(?:Dr|Mr|Ms|Mrs|Prof|Professor|Sir)\.?\s+)?$")
_EN_TOPIC = re.compile(r"\bthe\s+([A-Za-z-]+)\s+(?:is|was|will be)\s+$")


@cache
def _ja_words() -> re.Pattern[str]:
    words = sorted((w for w in role_index() if lexicon.ja_has_cjk(w) or not w.isascii()), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def _part_en(word: str, pos: str) -> int | None:
    """The part an English word names as a noun (captain, director) or a verb (hosted, wrote)."""
    lemmas = en_lemmas(word.lower()).get(pos, ())
    if not lemmas:
        return None
    index = role_index()
    return next((index[f] for f in (word.lower(), *lemmas[:1]) if f in index), None)


def _ja_part(text: str, name: Name, others: list[int]) -> int | None:
    """The part word next to a Japanese name: one that names the part (作曲者は福島, 福島が編曲を
    担当) before one that says what the person is (俳優の佐伯), the nearer first."""
    s, e = name.start, name.start + len(name.text)
    found: list[tuple[int, int, int]] = []  # (weak, distance, part)
    after = text[e:e + 24]
    for m in _ja_words().finditer(after):
        if any(e <= o < e + m.start() for o in others) or re.search(r"[、。]", after[:m.start()]):
            break  # another name, or the clause ends, before the word: it is not this name's part
        if re.fullmatch(_JA_AFTER, after[:m.start()]) and re.match(_JA_AFTER_END, after[m.end():] or "。"):
            found.append((0, m.start(), role_index()[m.group()]))
            break
    before = text[max(0, s - 30):s]
    if text.startswith("の", e) and e + 1 in others:
        before = ""  # ベルギーのマルテンス: the part word before is the person's, not the country's
    for m in _ja_words().finditer(before):
        joint = re.match(_JA_BEFORE, before[m.end():])
        if joint and not any(s - len(before) + m.end() <= o < s and not _modifies(text, o, s) for o in others):
            weak = joint.group().lstrip("者家").startswith("の")
            found.append((int(weak), len(before) - m.end(), role_index()[m.group()]))
    return min(found)[2] if found else None


def _modifies(text: str, other: int, name: int) -> bool:
    """The other name, joined by の straight before this one, only qualifies it (ベルギーのマルテンス)."""
    return text.startswith("の", name - 1) and not re.search(r"[、。はがを]", text[other:name - 1])


def _en_part(text: str, name: Name, others: list[int]) -> int | None:
    """The part word next to an English name, the nearer first."""
    s, e = name.start, name.start + len(name.text)
    found: list[tuple[int, int]] = []  # (distance, part)
    before = text[max(0, s - 40):s]
    for rx in (_EN_BEFORE, _EN_TOPIC):
        m = rx.search(before)
        # captain Sakaguchi, the author is Reeve: a noun; hosted by Almaty: a verb with "by"
        # (won the Nordhavn prize: the prize won is no part).
        pos = "VERB" if m and re.search(r"\sby\s", before[m.end(1):] + " ") else "NOUN"
        if m and (part := _part_en(m.group(1), pos)) is not None:
            found.append((len(before) - m.end(1), part))
    after = text[e:e + 60]
    stop = min((o for o in others if o > e), default=len(text)) - e
    for lead, words, pos in ((_EN_APPOSITION, 6, "NOUN"), (_EN_FRAME, 4, "NOUN"), (_EN_PLACE, 1, "NOUN"),
                             (_EN_VERB, 1, "VERB")):
        m = lead.match(after)
        if m is None:
            continue
        if lead is _EN_PLACE and _part_en(after[m.end():].split(" ", 1)[0].strip(",.;"), "NOUN") is None:
            continue  # "won the final": the verb's own part, read next
        # The first part word of the apposition (up to its comma), of the frame, or the verb itself.
        for word in list(re.finditer(r"[A-Za-z-]+|[,.;]", after[m.end():max(m.end(), stop)]))[:words]:
            if word.group() in ",.;":
                break
            if (part := _part_en(word.group(), pos)) is not None:
                found.append((m.end() + word.start(), part))
                break
        break
    return min(found)[1] if found else None


def parts(x: Analysis) -> tuple[tuple[int, int], ...]:
    """(part, index of the name in ``x.names``) for each name a part word is written next to."""
    return _parts(x.text, x.lang, x.names)


@lru_cache(maxsize=1 << 18)  # once per claim: a scan compares each claim with many others
def _parts(text: str, lang: str, names: tuple[Name, ...]) -> tuple[tuple[int, int], ...]:
    out = []
    for i, name in enumerate(names):
        others = [n.start for j, n in enumerate(names) if j != i]
        found = _ja_part(text, name, others) if lang == "ja" else _en_part(text, name, others)
        if found is not None:
            out.append((found, i))
    return tuple(out)


@dataclass(frozen=True)
class Rebound:
    """One part filled by a name of ``a`` and another name of ``b``."""

    part: int
    x: Name
    y: Name
    swapped: bool  # the name of one claim's part plays another part in the other claim


def rebound(a: Analysis, b: Analysis, names: NameAlignment) -> Rebound | None:
    """A part each claim gives to a name the other claim's name for that part is not: the captain
    is Sakaguchi / the captain is Miyamoto.  Swapped when a's name for the part holds another part
    in b, or b's in a (captain Sakaguchi, deputy Miyamoto / captain Miyamoto, deputy Sakaguchi)."""
    if not a.names or not b.names:
        return None
    pa, pb = parts(a), parts(b)
    if not pa or not pb:
        return None
    to_b = {a.names.index(x): b.names.index(y) for x, y in names.matched}
    to_a = {j: i for i, j in to_b.items()}
    part_a = {i: p for p, i in pa}
    part_b = {j: p for p, j in pb}
    for part in sorted({p for p, _ in pa} & {p for p, _ in pb}):
        xs = [i for p, i in pa if p == part]
        ys = [j for p, j in pb if p == part]
        if any(to_b.get(i) in ys or names_match(a.names[i], b.names[j]) for i in xs for j in ys):
            continue  # one name holds the part in both claims (perhaps beside another)
        swapped = any(part_b.get(to_b.get(i, -1), part) != part for i in xs) or any(
            part_a.get(to_a.get(j, -1), part) != part for j in ys)
        return Rebound(part, a.names[xs[0]], b.names[ys[0]], swapped)
    return None


