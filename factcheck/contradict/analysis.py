"""Claim text -> :class:`Analysis`: words as keys, aligned figures and dates, names in their slots, polarity.

The analysis is the only place that reads text.  The conflict kinds compare
analyses and never look at strings again, so one claim is analysed once per
run however many candidates it meets.

- **Words** become :class:`Token` s with *keys*: the lemma (English, by
  lemminflect) or normalized form (Japanese, by SudachiPy), Snowball stems, and
  for Japanese words the stems of their English JMdict glosses, so a Japanese
  and an English claim about one thing share keys.  ``wide`` keys add
  synonyms reached through the dictionary (founded ~ established); they count
  for less.
- **Figures** keep the words of their clause as the *measure* they quantify
  (land border, troops sent, operating profit), the years that date them and
  the period words beside them (quarter, 上半期).
- **Dates** keep the predicates of their clause as the *event* they date
  (opened, 開業, merged); "as of" dates are marked as reference times.
- **Names** (proper nouns) keep their slot: agent (subject, "by X", Xが/Xは),
  patient (object, Xを/Xに), source ("according to X", Xによると) or other.
- **Polarity**: negations of the main predicate (not counting "did not deny",
  否定しなかった and other non-denials), hedges, and antonym poles.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Literal

import jaconv
from rapidfuzz import fuzz

from factcheck import vocab
from factcheck.contradict import lexicon
from factcheck.contradict.lexicon import en_lemmas, fold, stem
from factcheck.extract.dates import ERA_NAMES, DateContext, find_dates, kanji_int
from factcheck.extract.quantities import bounds_in_base, find_quantities
from factcheck.model import DateMention, Quantity
from factcheck.text import MONTHS

__all__ = ["Analysis", "DateValue", "Figure", "Name", "Token", "analyse", "detect_lang"]

TokenKind = Literal["content", "pred", "name", "func", "num", "neg", "punct"]
Role = Literal["agent", "patient", "source", "other"]


@dataclass(frozen=True)
class Token:
    text: str
    lemma: str
    kind: TokenKind
    start: int
    end: int
    clause: int
    keys: frozenset[str] = frozenset()
    wide: frozenset[str] = frozenset()
    norm: frozenset[str] = frozenset()  # the word's own forms, without dictionary glosses

    @property
    def own(self) -> frozenset[str]:
        return self.norm or self.keys


@dataclass(frozen=True)
class Name:
    """A proper noun and the forms it matches (each a set of stems), in its slot."""

    text: str
    forms: tuple[frozenset[str], ...]
    acronyms: frozenset[str]
    distinct: frozenset[str]  # stems of its words that are no ordinary English word (Nile, not river)
    role: Role
    start: int
    clause: int
    sort: str | None = None  # person, place or body, when its title or head noun tells


@dataclass(frozen=True)
class Arg:
    """A noun phrase in a slot of the main predicate: who did it (agent), to whom or what (patient)."""

    text: str
    keys: frozenset[str]
    own: frozenset[str]
    role: Role
    start: int


@dataclass(frozen=True)
class Frame:
    """One predicate with the phrases in its slots: who (agent) did what (pred) to what (patient)."""

    pred: frozenset[str]
    pred_own: frozenset[str]
    pred_text: str
    agent: Arg | None
    patient: Arg | None
    objects: frozenset[str] = frozenset()  # own keys of every word of what the act is done to


@dataclass(frozen=True)
class Figure:
    text: str
    low: float
    high: float
    base: str
    approximate: bool
    bounded: bool
    digits: str
    start: int
    end: int
    clause: int
    measure: frozenset[str]  # keys of the words this figure measures
    near: frozenset[str]  # keys of the words right beside it (the counter noun, the measured noun)
    measure_own: frozenset[str]  # the same without glosses, for claims of one language
    near_own: frozenset[str]
    near_text: str  # the words beside it as written (営業利益, land border)
    near_wide: frozenset[str]  # their synonyms through the dictionary (coastline ~ shoreline)
    total: bool
    part: bool  # a part of a whole: 湖岸線のうち…60km, "of which 14.5 mi"
    periods: frozenset[str]
    step: float  # half the last written digit, in base units: 17.3 km -> 50 m
    preds: frozenset[str]  # keys of the predicates of its clause (sent, trained)
    former: bool = False  # the first value of a change: 84,000 in "from 84,000 kW to 92,000 kW"
    move: int = 0  # +1 when its own predicate says it rose (fell 5% / 5%上昇), -1 fell, 0 neither


@dataclass(frozen=True)
class DateValue:
    text: str
    value: str  # ISO 8601, possibly partial
    start: int
    end: int
    clause: int
    event: frozenset[str]  # keys of the predicates it dates
    reference: bool  # "as of" / 時点: a reference time, not an event date
    qualifier: bool = False  # names an edition: 2028年のオリンピック, "the 2031 summit"


@dataclass(frozen=True)
class Analysis:
    text: str
    lang: str
    tokens: tuple[Token, ...]
    names: tuple[Name, ...]
    args: tuple[Arg, ...]
    frames: tuple[Frame, ...]
    corrected: tuple[str, ...]  # what the claim says is *not* so: "X ではなく Y", "not X but Y"
    quotes: tuple[str, ...]  # quoted words, folded: a statement someone is credited with
    seasons: frozenset[str]  # period words anywhere in the claim (winter, 冬の間, the first quarter)
    figures: tuple[Figure, ...]
    dates: tuple[DateValue, ...]
    negations: int
    negated: frozenset[str]  # keys of the words the negations apply to
    denials: tuple[frozenset[str], ...]  # those keys negation by negation, for the free ones
    negative_poles: int  # predicates on the negative pole of a scale (banned, rejected, fell, 禁止)
    refused: frozenset[str]  # keys of what those negative predicates act on (承認が見送られた -> 承認)
    ordinals: frozenset[str]  # editions and ranks that pick one of a series: 第3回, 2nd, No. 4
    hedged: bool
    additive: bool  # "Reuters also reported", ロイター通信も報じた: one more voice, not another answer
    poles: frozenset[tuple[int, int]]  # (antonym scale, pole) of the predicates
    head_poles: frozenset[tuple[int, int]]  # those of the head predicate (Japanese: the last); else = poles
    preds: frozenset[str]  # keys of the predicates
    credit_preds: frozenset[str]  # predicates that credit one agent (wrote, discovered, said)
    reporting: bool  # has a reporting frame ("according to X")
    keys: frozenset[str] = field(default=frozenset())  # every content key (for similarity and blocking)
    wide: frozenset[str] = field(default=frozenset())
    own: frozenset[str] = field(default=frozenset())  # content keys without glosses
    # The answer a cleft sentence gives (…したのは X だ, "It was X that …"): X as an argument phrase
    focus: Arg | None = None
    # Words a negating prefix makes (不起訴, 非公開) counted among the negations, with the keys they deny
    prefixed: tuple[tuple[str, frozenset[str]], ...] = ()
    # Each act the claim names (a predicate or an event noun), by key, affirmed (0) or denied (1):
    # 開業を断念 denies the opening, "did not deny the report" affirms the report.
    stances: frozenset[tuple[str, int]] = frozenset()

    @property
    def years(self) -> frozenset[str]:
        return frozenset(d.value[:4] for d in self.dates)


def detect_lang(text: str) -> str:
    """``ja`` when the text has kana or kanji, else ``en``."""
    return "ja" if lexicon.ja_has_cjk(text) else "en"


# --- cue tables ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Cues:
    neg_en: frozenset[str]
    neg_verbs_en: frozenset[str]
    neg_aux_ja: frozenset[str]
    neg_words_ja: frozenset[str]
    neg_prefixes_ja: frozenset[str]
    decision_nouns_ja: frozenset[str]
    non_denial_en: tuple[str, ...]
    non_denial_ja: tuple[str, ...]
    non_denial_ja_rx: re.Pattern[str]  # a negation that is what a denial verb denies
    non_denial_en_rx: re.Pattern[str]  # a superlative said as a negation: "no park predates it"
    hedges_en: frozenset[str]
    hedges_ja: tuple[str, ...]
    poles: dict[str, set[tuple[int, int]]]
    reporting_en: frozenset[str]
    reporting_ja: frozenset[str]
    credit: frozenset[str]
    periods_en: frozenset[str]
    periods_ja: tuple[str, ...]
    period_same_en: dict[str, str]  # monthly -> month: one period named two ways
    totals_en: frozenset[str]
    totals_ja: tuple[str, ...]
    reference_en: tuple[str, ...]
    reference_ja: tuple[str, ...]


@cache
def _cues() -> _Cues:
    c = lexicon.cues()
    poles: dict[str, set[tuple[int, int]]] = {}
    for scale, sides in enumerate(c["antonyms"]):
        for pole, words in enumerate(sides):
            for w in words:
                poles.setdefault(w, set()).add((scale, pole))
                if not lexicon.ja_has_cjk(w):
                    poles.setdefault(stem(w), set()).add((scale, pole))
    credit = set(c["credit"]["ja"]) | {stem(w) for w in c["credit"]["en"]} | set(c["credit_nouns"]["ja"]) | {
        stem(w) for w in c["credit_nouns"]["en"]}
    return _Cues(
        neg_en=frozenset(c["negation"]["en"]),
        neg_verbs_en=frozenset(c["negation"]["en_verbs"]),
        neg_aux_ja=frozenset(c["negation"]["ja_aux"]),
        neg_words_ja=frozenset(c["negation"]["ja_words"]),
        neg_prefixes_ja=frozenset(c["negation"]["ja_prefixes"]),
        decision_nouns_ja=frozenset(c["negation"]["ja_decision_nouns"]),
        non_denial_en=tuple(c["non_denial"]["en"]),
        non_denial_ja=tuple(c["non_denial"]["ja"]),
        non_denial_ja_rx=re.compile("|".join(c["non_denial"]["ja_patterns"])),
        non_denial_en_rx=re.compile("|".join(c["non_denial"]["en_patterns"])),
        hedges_en=frozenset(c["hedges"]["en"]),
        hedges_ja=tuple(c["hedges"]["ja"]),
        poles=poles,
        reporting_en=frozenset(stem(w) for w in c["reporting"]["en"]),
        reporting_ja=frozenset(c["reporting"]["ja"]),
        credit=frozenset(credit),
        periods_en=frozenset(c["periods"]["en"]),
        periods_ja=tuple(c["periods"]["ja"]),
        period_same_en=dict(c["periods"].get("same_en", {})),
        totals_en=frozenset(c["totals"]["en"]),
        totals_ja=tuple(c["totals"]["ja"]),
        reference_en=tuple(c["reference_time"]["en"]),
        reference_ja=tuple(c["reference_time"]["ja"]),
    )


# --- tokenizing -----------------------------------------------------------------------

_EN_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’\-\.&]*[A-Za-z\u00c0-\u024f]|[A-Za-z\u00c0-\u024f]|\d+(?:[,\.]\d+)*|[^\s]")
_CLAUSE_EN = frozenset({",", ";", ":", "(", ")", "—", "–", "."})
_CLAUSE_JA = frozenset({"、", "。", "，", "；", "：", "（", "）", "(", ")", ",", ";"})
_JA_FUNC_POS = frozenset({"助詞", "助動詞", "補助記号", "記号", "空白", "接続詞", "感動詞", "接頭辞", "代名詞", "連体詞"})
_JA_LIGHT_VERBS = frozenset({"為る", "する", "成る", "なる", "有る", "ある", "居る", "いる", "れる", "られる", "せる", "させる",
                             "行う", "因る", "よる", "於く", "おく", "見る", "言う", "いう", "出来る", "できる", "云う", "来る"})
_TITLES = frozenset({"Dr", "Mr", "Mrs", "Ms", "Prof", "Sir", "Dame", "St", "Gen", "Col", "Capt", "Lt", "Sen", "Rep",
                     "Gov", "Pres", "Rev", "Fr", "Mt"})
_NAME_LINKS = frozenset({"of", "the", "de", "du", "von", "van", "der", "and", "&", "for", "la", "le", "del", "da"})


def _ja_content_keys(norm: str) -> tuple[frozenset[str], frozenset[str]]:
    keys = {norm}
    glosses = lexicon.gloss_keys(norm)
    if len(norm) >= 3:
        # 参加者 also says 参加, 陸上国境 also 国境: the short units of a compound are its keys too.
        parts = lexicon.ja_parts(norm)
        for k, part in enumerate(parts):
            if k and parts[k - 1] in _cues().neg_prefixes_ja:
                continue  # 不登校児童 is not about 登校
            if len(part) >= 2:
                keys.add(part)
                if not glosses:
                    glosses |= lexicon.gloss_keys(part)
    return frozenset(keys), frozenset(glosses)


@lru_cache(maxsize=131072)
def _en_word(word: str, at_start: bool) -> tuple[str, TokenKind, frozenset[str], frozenset[str]]:
    low = word.lower()
    cues = _cues()
    if low in cues.neg_en or low.endswith("n't"):
        return low, "neg", frozenset(), frozenset()
    verb_lemmas = en_lemmas(low).get("VERB", ())
    if verb_lemmas and verb_lemmas[0] in cues.neg_verbs_en:
        return verb_lemmas[0], "neg", frozenset(), frozenset()
    if low in lexicon.stopwords_en():
        return low, "func", frozenset(), frozenset()
    lemmas = en_lemmas(low)
    if "AUX" in lemmas or any(v in lexicon.stopwords_en() for vs in lemmas.values() for v in vs):
        return low, "func", frozenset(), frozenset()
    verb = "VERB" in lemmas
    if verb:
        lemma = lemmas["VERB"][0]
    elif "NOUN" in lemmas:
        lemma = lemmas["NOUN"][0]
    elif "ADJ" in lemmas:
        lemma = lemmas["ADJ"][0]
    else:
        lemma = low
    if lemma in lexicon.stopwords_en():
        return lemma, "func", frozenset(), frozenset()
    keys = frozenset({stem(lemma), stem(low)} | lexicon.event_stems(low) | lexicon.event_stems(lemma))
    wide = lexicon.en_bridge(lemma, verb) | (lexicon.en_bridge(lemmas["NOUN"][0], False) if "NOUN" in lemmas else frozenset())
    # "building", "opening": a noun when the word has a noun reading; "opened", "built": a verb.
    gerund_noun = low.endswith(("ing", "s")) and "NOUN" in lemmas and not low.endswith("ss")
    kind: TokenKind = "pred" if verb and not gerund_noun and (
        low.endswith(("ed", "en")) or lemma != low or "NOUN" not in lemmas) else "content"
    return lemma, kind, keys, wide - keys


_CALENDAR = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                       "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                       "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                       "nov", "dec"})


_POSSESSIVE = re.compile(r"['’]s?$")


def _headed_run(words: Sequence[re.Match[str]], k: int) -> bool:
    """The capitalised words from ``k`` on end in a noun that heads names of bodies and places
    (Authority, Administration, Company): "Food and Drug Administration" is one name."""
    last = None
    while k < len(words) and words[k].group()[:1].isupper() and words[k].group().isalpha():
        last = words[k].group()
        k += 1
    return last is not None and stem(last.lower()) in _name_heads()


def _is_name_word(word: str, at_start: bool) -> bool:
    low = word.lower()
    if not word[0].isupper() or low.rstrip(".") in _CALENDAR:
        return False
    if word.isupper() and len(word) >= 2:
        return True  # an acronym: WHO, NASA, TSE
    if word.lower() in lexicon.stopwords_en() or word.lower() in _cues().neg_en:
        return False
    if not at_start:
        return True
    if low in _FRONT_WORDS or low in _number_words():
        return False  # "Despite Toyota's bid", "Five years after Rio": capitalised by their place
    # Sentence-initial: a name only if it is no common word ("The", "In", "Shares"), no compound
    # of common words ("Follow-up") and no plural of people by trade ("Volcanologists").
    if "-" in low and all(en_lemmas(part) for part in low.split("-") if part):
        return False
    return not en_lemmas(low) and not low.endswith(_TRADE_PLURALS)


@cache
def _number_words() -> frozenset[str]:
    return frozenset(w for w in vocab.load("units")["en_words"] if " " not in w)


_TRADE_PLURALS = ("ists", "ers", "ians", "ors")
_PLACE_MODIFIER = re.compile(r"([A-Z][\w.]*)-(?:based|born|listed|owned|headquartered|registered|run|led|made|bred)")


@cache
def _person_titles() -> frozenset[str]:
    return frozenset(lexicon.cues().get("person_titles", {}).get("en", ()))


def _person_title(word: str) -> bool:
    """A word that stands before a person's name as a role (Producer, Captain, Historian)."""
    low = word.lower()
    return low in _person_titles() or bool(re.search(r"(?:[^aeiou]er|tor|ist|ian|man|woman)s?$", low))


# Conjunctions that open a clause of its own when a subject and a finite verb follow them.
_SUBORDINATORS = frozenset({"after", "before", "when", "because", "although", "though", "whereas", "while",
                            "once", "unless", "until", "since"})
_SUBORDINATE_CLAUSE = re.compile(
    r"\s+(?:(?:the|a|an|its|their|his|her)\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2}?\s+"
    r"(?:\w+ed|was|were|had|has|won|lost|took|made|said|sold|bought|began|came|went|left|fell|rose|grew|became|"
    r"ran|gave|held|met|paid|put|set|shut|cut|hit|led|built|found|told|saw|drew|broke|chose|wrote|beat)\b")


def _tokens_en(text: str) -> list[Token]:
    out: list[Token] = []
    clause = 0
    words = list(_EN_TOKEN.finditer(text))
    i = 0
    at_start = True
    while i < len(words):
        m = words[i]
        w = m.group()
        if w.endswith(".") and len(w) > 1 and not re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,3}\.", w):
            w = w[:-1]
        nxt_word = next((x.group() for x in words[i + 1:i + 3] if x.group() != "."), "")
        if w.rstrip(".") in _TITLES and nxt_word[:1].isupper():
            i += 1  # "Dr." before a name is not a name of its own, nor a clause end
            if i < len(words) and words[i].group() == ".":
                i += 1
            at_start = False
            continue
        if w in _CLAUSE_EN or (len(w) == 1 and not w.isalnum()):
            out.append(Token(w, w, "punct", m.start(), m.end(), clause))
            if w in _CLAUSE_EN:
                clause += 1
            i += 1
            continue
        if w.lower() in _SUBORDINATORS and _SUBORDINATE_CLAUSE.match(text, m.end()):
            clause += 1  # "jumped after the FDA approved it": the FDA is the doer of the next act only
        elif w.lower() == "that" and out and out[-1].text.lower() in ("and", "but"):
            clause += 1  # "said all 460 staff would stay and that the factory would grow by 2027": two reports
        if w[0].isdigit():
            w = w.rstrip(",.")
            out.append(Token(w, w, "num", m.start(), m.start() + len(w), clause))
            at_start = False
            i += 1
            continue
        next_cap = i + 1 < len(words) and words[i + 1].group()[:1].isupper()
        if at_start and next_cap and en_lemmas(w.lower()) and not w.isupper() and _person_title(w) \
                and not _headed_run(words, i):
            # "Producer Jonah Reed", "Captain Sam Ellis": an ordinary word capitalized by its place
            # (but "Star Alliance", "General Motors": a name whose head is a body's).
            lemma, kind, keys, wide = _en_word(w, at_start)
            out.append(Token(w, lemma, kind, m.start(), m.start() + len(w), clause, keys, wide))
            at_start = False
            i += 1
            continue
        based = _PLACE_MODIFIER.fullmatch(w)
        if based is not None:
            # "the Rome-based Food and Agriculture Organization": the place is a name of its own,
            # the name it describes starts after it.
            out.append(Token(based.group(1), based.group(1).lower(), "name", m.start(), m.start() + len(based.group(1)), clause))
            at_start = False
            i += 1
            continue
        # A common word capitalised inside a sentence before a name starts it: New Zealand, The Hague.
        starts_name = not at_start and next_cap and w[:1].isupper() and w.isalpha()
        if _is_name_word(w, at_start) or starts_name or (at_start and next_cap and w[0].isupper()
                                                         and w.lower() not in lexicon.stopwords_en()
                                                         and w.lower() not in _FRONT_WORDS):
            j = i + 1
            end = m.start() + len(w)
            while j < len(words) and not _POSSESSIVE.search(text[m.start():end]):
                nxt = words[j].group().rstrip(".")
                if nxt in ("'", "’") and text[m.start():end].endswith("s") and j + 1 < len(words) \
                        and words[j + 1].group()[:1].isupper() and words[j].start() == end:
                    j += 1  # "Tokachi Beekeepers' Cooperative", "the Farmers' Union": a plural owner inside a name
                elif nxt and nxt[0].isupper() and nxt[0].isalpha() and nxt.lower() not in _CALENDAR:
                    end = words[j].start() + len(nxt)
                    j += 1
                elif nxt.lower() in _NAME_LINKS and j + 1 < len(words) and words[j + 1].group()[:1].isupper() \
                        and (nxt.lower() not in ("and", "&")
                             or (_headed_run(words, j + 1) and not text[m.start():end].isupper())):
                    j += 1  # "Bank of England"; "Competition and Markets Authority" (not "Brazil and Argentina")
                elif nxt.lower() in ("of", "for") and j + 2 < len(words) and words[j + 1].group() == "the" \
                        and words[j + 2].group()[:1].isupper():
                    j += 2  # "the University of the Ryukyus", "Institute for the Study of …"
                else:
                    break
            # "Tenkosha's console", "JAXA's SLIM": the owner is the name; what it owns, another.
            owner = _POSSESSIVE.search(text[m.start():end])
            if owner is not None:
                end = m.start() + owner.start()
            name = text[m.start():end]
            out.append(Token(name, name.lower(), "name", m.start(), end, clause))
            at_start = False
            i = j
            continue
        lemma, kind, keys, wide = _en_word(w, at_start)
        out.append(Token(w, lemma, kind, m.start(), m.start() + len(w), clause, keys, wide))
        at_start = False
        i += 1
    return _negating_infinitives(_phrasal_verbs(_verbs_after_modals(_verbs_between_names(_nouns_after_nouns(out)))))


@cache
def _phrasal_table() -> dict[str, tuple[str, ...]]:
    return {str(k): tuple(map(str, v)) for k, v in lexicon.cues()["phrasal_verbs"].items()}


@cache
def _phrasal_particles() -> frozenset[str]:
    return frozenset(k.split()[-1] for k in _phrasal_table())


def _phrasal_verbs(tokens: list[Token]) -> list[Token]:
    """"came out", "took over": a verb and its particle act as the single verb they mean, so the
    act is a predicate with that verb's keys (a release, an acquisition) beside its own."""
    table = _phrasal_table()
    particles = _phrasal_particles()
    out = list(tokens)
    for i, t in enumerate(out[:-1]):
        if out[i + 1].text.lower() not in particles or t.kind not in ("pred", "content", "func") \
                or not t.text.isalpha():
            continue  # most words have no particle after them: no lemma look-up for them
        verbs = en_lemmas(t.text.lower()).get("VERB", ())
        meant = table.get(f"{verbs[0]} {out[i + 1].text.lower()}") if verbs else None
        if meant:
            keys = frozenset(stem(v) for v in (verbs[0], *meant)) | frozenset(
                k for v in meant for k in lexicon.event_stems(v))
            out[i] = Token(t.text, verbs[0], "pred", t.start, t.end, t.clause, t.keys | keys, t.wide)
    return out


def _phrasal_at(tokens: Sequence[Token], i: int) -> bool:
    """Token ``i`` is the verb of a phrasal verb the table lists ("came" in "came out")."""
    return i + 1 < len(tokens) and f"{tokens[i].lemma} {tokens[i + 1].text.lower()}" in _phrasal_table()


def _negating_infinitives(tokens: list[Token]) -> list[Token]:
    """"declined to approve", "refused to sign": the first verb negates the second, like "failed to"."""
    verbs = frozenset(lexicon.cues()["negation"].get("en_verbs_to", ()))
    against = frozenset(lexicon.cues()["negation"].get("en_verbs_against", ()))
    out = list(tokens)
    for i, t in enumerate(out[:-1]):
        if t.kind in ("pred", "content") and t.lemma in verbs and _to_follows(out, i):
            out[i] = Token(t.text, t.lemma, "neg", t.start, t.end, t.clause)
        elif t.kind in ("pred", "content") and t.lemma in against:
            k = _against_follows(out, i)
            if k is not None:
                u = out[k]  # "decided against buying", "voted 9-6 against adopting": the act is denied
                out[k] = Token(u.text, "not", "neg", u.start, u.end, u.clause)
    return out


_AGAINST_REACH = 4  # words a tally or an adverb may put between "voted" and "against" ("voted 9-6 against")


def _against_follows(tokens: list[Token], i: int) -> int | None:
    """The index of "against" after the verb at ``i``, straight after it or past a tally or an
    adverb ("voted 9-6 against", "decided unanimously against"), not past another verb."""
    for k in range(i + 1, min(len(tokens), i + 2 + _AGAINST_REACH)):
        u = tokens[k]
        if u.text.lower() == "against":
            # "two voted against, so the motion passed": against nothing named, no act denied
            after = tokens[k + 1] if k + 1 < len(tokens) else None
            return k if after is not None and after.kind not in ("punct", "neg") else None
        if u.kind in ("pred", "neg", "name") or u.text in (",", ".", ";"):
            return None
    return None


_INFINITIVE_REACH = 5  # words a time or place may put between "declined" and "to" ("declined in June 2023 to")


def _to_follows(tokens: list[Token], i: int) -> bool:
    """"to" after the verb at ``i``, straight after it or past a phrase of no verb."""
    for u in tokens[i + 1:i + 2 + _INFINITIVE_REACH]:
        if u.text.lower() == "to":
            return True
        if u.kind in ("pred", "neg", "punct"):
            return False
    return False


def _nouns_after_nouns(tokens: list[Token]) -> list[Token]:
    """"the shingles shot came": a word with a noun reading, right after a noun, is a noun."""
    out = list(tokens)
    for i in range(1, len(out)):
        t, prev = out[i], out[i - 1]
        if t.kind == "pred" and prev.kind in ("content",) and prev.end + 1 >= t.start \
                and "NOUN" in en_lemmas(t.text.lower()) and not t.text.lower().endswith("ed"):
            out[i] = Token(t.text, en_lemmas(t.text.lower())["NOUN"][0], "content", t.start, t.end, t.clause,
                           t.keys, t.wide, t.norm)
    return out


_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z\-\.&']*")
_MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must", "did", "does",
                     "do"})
_BETWEEN_MODAL_AND_VERB = frozenset({"not", "also", "still", "soon", "then", "never", "only", "now", "finally",
                                     "eventually", "later", "no", "longer", "first"})


def _verbs_after_modals(tokens: list[Token]) -> list[Token]:
    """"will switch off 3G", "did not return": a word that can be a verb, in its bare form after a
    modal, is the predicate, though it also reads as a noun (switch, return)."""
    out = list(tokens)
    for i in range(1, len(out)):
        t = out[i]
        low = t.text.lower()
        if t.kind != "content" or "VERB" not in en_lemmas(low) or en_lemmas(low)["VERB"][0] != low:
            continue
        j = i - 1
        while j > 0 and (out[j].kind == "neg" or out[j].text.lower() in _BETWEEN_MODAL_AND_VERB):
            j -= 1
        if out[j].text.lower() not in _MODALS:
            continue
        out[i] = Token(t.text, low, "pred", t.start, t.end, t.clause, t.keys, t.wide, t.norm)
    return out


def _verbs_between_names(tokens: list[Token]) -> list[Token]:
    """"Osaka beat Kobe": a word that can be a verb, right after a name and before a name or
    article, with no other predicate in its clause, is the predicate."""
    out = list(tokens)
    for i in range(1, len(out) - 1):
        t = out[i]
        if t.kind != "content" or "VERB" not in en_lemmas(t.text.lower()):
            continue
        if out[i - 1].kind != "name" or not (out[i + 1].kind == "name" or out[i + 1].lemma in ("the", "a", "an")):
            continue
        if any(u.kind == "pred" and u.clause == t.clause for u in out):
            continue
        out[i] = Token(t.text, en_lemmas(t.text.lower())["VERB"][0], "pred", t.start, t.end, t.clause, t.keys, t.wide,
                       t.norm)
    return out


_COMMA_JA = frozenset("、，,")


def _ends_clause(m) -> bool:  # type: ignore[no-untyped-def]
    """A comma after this morpheme closes a clause, except after a particle that marks a phrase
    of the clause still to come (同社は、 / 管理会社によると、 / 東京から、), whose verb follows; a
    date or a noun before a comma (2023年9月7日、) and で (copula or case) keep closing it."""
    return not (m.pos[0] == "助詞" and m.pos[1] in ("係助詞", "格助詞") and m.surface != "で")


def _tokens_ja(text: str) -> list[Token]:
    out: list[Token] = []
    clause = 0
    cues = _cues()
    morphs = lexicon.ja_morphs(text)
    skip_to = -1
    for i, m in enumerate(morphs):
        pos0, pos1 = m.pos[0], m.pos[1]
        if pos0 == "空白" and 0 < i < len(morphs) - 1 and _LATIN_WORD.fullmatch(morphs[i - 1].surface) \
                and _LATIN_WORD.fullmatch(morphs[i + 1].surface):
            continue  # 「Yashima Books」: the space is inside one Latin name
        if pos0 == "補助記号" or pos0 == "空白":
            out.append(Token(m.surface, m.norm, "punct", m.start, m.end, clause))
            if m.surface in _CLAUSE_JA and (m.surface not in _COMMA_JA or i == 0 or _ends_clause(morphs[i - 1])):
                clause += 1
            continue
        if _LATIN_WORD.fullmatch(m.surface):
            # A Latin word inside a Japanese sentence (NASA, iPhone): treat as English.
            _, latin_kind, keys, wide = _en_word(m.surface, False)
            latin_kind = "name" if _is_name_word(m.surface, False) else latin_kind
            out.append(Token(m.surface, m.surface.lower(), latin_kind, m.start, m.end, clause, keys, wide))
            continue
        if pos0 == "助動詞" and m.lemma in cues.neg_aux_ja:
            out.append(Token(m.surface, m.lemma, "neg", m.start, m.end, clause))
            continue
        denied = _prefix_negated(morphs, i)
        if denied is not None:
            # 不承認, 非公開, 未確認 (one noun to the dictionary): "not" + the act, as 承認しない.
            word, end, norm = denied
            out.append(Token(m.surface[0], m.surface[0], "neg", m.start, m.start + 1, clause))
            out.append(_ja_word(word, norm, "pred", m.start + 1, end, clause, norm))
            skip_to = end
            continue
        if m.start < skip_to:
            continue
        if m.norm in cues.neg_words_ja or (pos0 == "接頭辞" and m.surface in cues.neg_prefixes_ja):
            out.append(Token(m.surface, m.norm, "neg", m.start, m.end, clause))
            continue
        if pos1 == "数詞":
            out.append(Token(m.surface, m.norm, "num", m.start, m.end, clause))
            continue
        if pos0 in _JA_FUNC_POS or (pos1 == "非自立可能" and not _main_verb(morphs, i)) \
                or m.norm in _JA_LIGHT_VERBS or pos0 == "接尾辞":
            out.append(Token(m.surface, m.norm, "func", m.start, m.end, clause))
            continue
        surface, norm, start = m.surface, m.norm, m.start
        if pos1 == "固有名詞" and not _numeral_glued(morphs, i):
            kind: TokenKind = "name"
            if i and morphs[i - 1].surface == "新" and morphs[i - 1].pos[0] == "接頭辞" and out \
                    and out[-1].start == morphs[i - 1].start:
                # 新 + 大阪: the place 新大阪, as 新大阪駅 is one word to the dictionary.
                out.pop()
                surface, norm, start = "新" + m.surface, "新" + m.norm, morphs[i - 1].start
        elif pos0 == "動詞" or pos0 == "形容詞" or (m.pos[2] == "サ変可能" and not _argument(text, m.end)) \
                or (pos0 == "名詞" and i + 1 < len(morphs) and morphs[i + 1].norm == "為る"):
            # 開庁し, 竣工した: a noun the dictionary does not mark as verbal, used with する, is the verb.
            kind = "pred"
        elif _office_name(m.surface):
            kind = "name"  # 国土交通省, 警察庁: one word to the dictionary, the name of one office
        else:
            kind = "content"
        out.append(_ja_word(surface, norm, kind, start, m.end, clause, m.norm))
    return _idioms_ja(text, _titled_names(_body_names(_merge_ja_names(_compound_glosses(out)))))


def _office_name(word: str) -> bool:
    """A dictionary word naming one government office: a head (省, 庁) after a stem of two or more
    characters that is no generic word (省庁, 各省, 同庁 name none)."""
    heads, generic = _office_heads()
    return any(word.endswith(h) and len(word) - len(h) >= 2 for h in heads) and not word.startswith(generic)


@cache
def _office_heads() -> tuple[tuple[str, ...], tuple[str, ...]]:
    cues = lexicon.cues()["office_heads_ja"]
    return tuple(cues["heads"]), tuple(cues["generic"])


def _ja_word(surface: str, lemma: str, kind: TokenKind, start: int, end: int, clause: int, keyed: str) -> Token:
    """A Japanese content token, its keys those of the dictionary form ``keyed`` (with glosses)."""
    keys, wide = _ja_content_keys(keyed)
    return Token(surface, lemma, kind, start, end, clause, keys | wide, frozenset(), keys)


def _compound_glosses(tokens: list[Token]) -> list[Token]:
    """Two nouns the dictionary knows as one word (首脳 + 会議 = "summit", 記者 + 会見 = "press
    conference") also carry that word's English keys, which neither half has alone."""
    out = list(tokens)
    for i in range(len(out) - 1):
        t, u = out[i], out[i + 1]
        if t.kind not in ("content", "pred") or u.kind not in ("content", "pred") or t.end != u.start:
            continue
        glosses = lexicon.gloss_keys(t.lemma + u.lemma)
        if glosses:
            out[i] = replace(t, keys=t.keys | glosses)
            out[i + 1] = replace(out[i + 1], keys=out[i + 1].keys | glosses)
    return out


def _prefix_negated(morphs: Sequence[lexicon.Morph], i: int) -> tuple[str, int, str] | None:
    """A noun made of a negating prefix and a verbal noun (不起訴, 未承認; 不承 + 認 as the
    dictionary cuts 不承認 in a sentence) that says the clause's act: the verbal noun's surface,
    where it ends, its norm.  As a modifier (無投票当選, 不登校児童) it names a kind of thing."""
    m = morphs[i]
    if m.pos[0] != "名詞" or len(m.surface) < 2 or m.surface[0] not in _cues().neg_prefixes_ja:
        return None
    j, end, word = i + 1, m.end, m.surface[1:]
    if j < len(morphs) and morphs[j].pos[0] == "接尾辞" and morphs[j].start == m.end:
        j, end, word = j + 1, morphs[j].end, word + morphs[j].surface
    if len(word) < 2 or not _heads_clause(morphs, j):
        return None
    norm = lexicon.ja_verbal_noun(word)
    return (word, end, norm) if norm is not None else None


def _heads_clause(morphs: Sequence[lexicon.Morph], j: int) -> bool:
    """Whether the word before ``morphs[j]`` is the clause's act: 不合格だった, 不承認とした,
    不起訴処分となった, 非公開に決まった, or the sentence's last word."""
    if j < len(morphs) and morphs[j].norm in _cues().decision_nouns_ja:
        j += 1
    if j >= len(morphs) or morphs[j].pos[0] in ("補助記号", "助動詞", "動詞"):
        return True
    return morphs[j].surface in ("と", "に") and j + 1 < len(morphs) and morphs[j + 1].pos[0] == "動詞"


_KATAKANA = re.compile(r"[\u30a0-\u30ffー・]+")
_LATIN_KANA = re.compile(r"[A-Za-z]{1,6}[\u30a0-\u30ffー]+")  # JPモルガン: letters said as letters, then katakana
_JA_ARG_PARTICLES = ("を", "が", "は", "の", "も", "へ", "と", "や", "で")


def _numeral_glued(morphs: Sequence[lexicon.Morph], i: int) -> bool:
    """A place name the dictionary reads into a figure: 千本 in 2万5千本 (25,000 of them)."""
    return i > 0 and morphs[i].surface[0] in "十百千万億兆" and morphs[i - 1].pos[1] == "数詞" \
        and morphs[i - 1].end == morphs[i].start


def _main_verb(morphs: Sequence[lexicon.Morph], i: int) -> bool:
    """A verb the dictionary marks as auxiliary-capable (続く, 続ける) used as the clause's own verb,
    after its subject or object (営業を続けている, 運行が続く), not after another verb (走り続ける);
    only a verb of lasting, the one such verb whose pole matters here (営業を続けている against
    営業を終了した)."""
    m = morphs[i]
    lasting = named_scales("lasting_scales")
    return m.pos[0] == "動詞" and i > 0 and morphs[i - 1].surface in ("を", "が", "は", "も") \
        and any(scale in lasting for scale, _ in _cues().poles.get(m.norm, ()))


def _argument(text: str, end: int) -> bool:
    """A verbal noun used as a noun (運行を停止 - 運行 is what stopped), not as the predicate."""
    return text[end:end + 1] in _JA_ARG_PARTICLES


_KANJI_SUFFIX = re.compile(r"[\u3400-\u9fff々ヶ]+")


@cache
def _body_heads_ja() -> tuple[str, ...]:
    """Nouns that head the name of a Japanese body (大学, 研究所, 協会), the longest first."""
    words = lexicon.cues().get("name_sorts", {}).get("body", {}).get("ja", ())
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _generic_modifiers_ja() -> tuple[str, ...]:
    return tuple(lexicon.cues().get("generic_modifiers", {}).get("ja", ()))


def _body_names(tokens: list[Token]) -> list[Token]:
    """A run of nouns ending in a body's head noun is that body's name: 北斗 + 大学, 日本 + 港湾 +
    協会, 北陵 + 館 (the dictionary knows the parts, not the invented whole).  A run opened by a
    word any body may bear (民間, 大手, 県立) names a kind of body, not one."""
    heads = _body_heads_ja()
    generic = _generic_modifiers_ja()
    opening = tuple(w for w in generic if len(w) >= 2)  # one character opens a run only as a word (市, not 市川)
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and _in_body_name(tokens[j]) and (j == i or tokens[j].start == tokens[j - 1].end):
            j += 1
        run = tokens[i:j]
        text = "".join(t.text for t in run)
        if run and (run[0].text in generic or text.startswith(opening)):
            out.extend(run)  # 民間気象会社, 研究グループ: a kind of body
            i = j
            continue
        # A run holding a name already (日本 + 港湾協会, ノルドヴィック + 再保険) keeps it: the name
        # is what other claims and other languages match.  One dictionary word (財務省) stays a word.
        if len(run) >= 2 and run[0].kind != "func" and (text.endswith(heads) and any(
                text.endswith(h) and len(text) > len(h) for h in heads) or _school_short(run)) and _one_body(run):
            out.append(_one_name(run))
            i = j
            continue
        out.append(tokens[i])
        i += 1
    return out


_SCHOOL_SHORT = frozenset("高大中小")  # 北陵高, 青葉大: a school named short, the suffix its own morpheme


def _school_short(run: list[Token]) -> bool:
    return run[-1].kind == "func" and run[-1].text in _SCHOOL_SHORT and run[-2].kind in ("content", "name")


def _one_name(run: list[Token]) -> Token:
    """Adjacent tokens joined into one name token, with the keys of all of them."""
    first, last = run[0], run[-1]
    return Token("".join(t.text for t in run), "".join(t.lemma for t in run), "name", first.start, last.end,
                 first.clause, frozenset(k for t in run for k in t.keys), frozenset(k for t in run for k in t.wide),
                 frozenset(k for t in run for k in t.norm))


def _one_body(run: list[Token]) -> bool:
    """A run of nouns that names one body: no name inside it, or one name at its start that the
    nouns after it make a body's name (北陸 + 先端総合大学, 大和 + 重機: the body, not the place)."""
    names = [k for k, t in enumerate(run) if t.kind == "name"]
    return not names or names == [0]


@cache
def _idiom_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """All idioms in one alternation (one scan of a claim, not one per idiom), and the act of each."""
    acts: dict[str, str] = dict(lexicon.cues().get("idioms_ja", {}))
    words = sorted(acts, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)) if words else "(?!)"), acts


def _idioms_ja(text: str, tokens: list[Token]) -> list[Token]:
    """An idiom's verb said as the act it means: 歴史に幕を下ろした is 終了した, 白紙に戻された
    撤回された; its noun (幕, 白紙) names nothing the claim is about."""
    rx, acts = _idiom_pattern()
    out = list(tokens)
    for m in rx.finditer(text):
        act = acts[m.group()]
        inside = [i for i, t in enumerate(out) if m.start() <= t.start < m.end()]
        verbs = [i for i in inside if out[i].kind == "pred"]
        if not verbs:
            continue
        v = out[verbs[-1]]
        out[verbs[-1]] = _ja_word(v.text, act, "pred", v.start, v.end, v.clause, act)
        for i in inside:
            if out[i].kind == "content":
                out[i] = Token(out[i].text, out[i].lemma, "func", out[i].start, out[i].end, out[i].clause)
    return out


_TITLED_REACH = 4  # words of a name written after a title and a middle dot


@cache
def _titles_ja() -> frozenset[str]:
    return frozenset(lexicon.cues().get("name_suffixes_ja", ()))


def _titled_names(tokens: list[Token]) -> list[Token]:
    """The words after a title and a middle dot are a person's name, known to the dictionary or
    not: 大関・琴若, 関脇・若嵐, 投手・佐伯 (sports and news write the rank before the name)."""
    titles = _titles_ja()
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        out.append(tokens[i])
        if tokens[i].text in titles and i + 2 < len(tokens) and tokens[i + 1].text == "・":
            j = i + 2
            while j < len(tokens) and j - i - 2 < _TITLED_REACH and tokens[j].kind in ("content", "name", "pred") \
                    and _KANJI_OR_KANA.fullmatch(tokens[j].text) and (j == i + 2 or tokens[j].start == tokens[j - 1].end):
                j += 1
            run = tokens[i + 2:j]
            if run and not (len(run) == 1 and run[0].kind == "name") and 2 <= sum(len(t.text) for t in run) <= 6:
                out.append(tokens[i + 1])
                out.append(_one_name(run))
                i = j
                continue
        i += 1
    return out


_KANJI_OR_KANA = re.compile(r"[\u3400-\u9fff々ヶ\u3040-\u30ffー]+")


def _in_body_name(t: Token) -> bool:
    """A token a Japanese body's name may hold: a noun, a name, a kanji suffix (館), not a particle."""
    if t.kind in ("content", "name", "pred", "func"):
        return bool(_KANJI_SUFFIX.fullmatch(t.text) or (t.kind != "func" and _KATAKANA.fullmatch(t.text)))
    return False


def _merge_ja_names(tokens: list[Token]) -> list[Token]:
    """Join the pieces of one name: アオバ + システム, ガリレオ・ガリレイ, メコン + 川.

    A katakana word the dictionary does not know is a name (invented company
    and product names are written so); a katakana word or a one-character
    noun straight after a name belongs to it.
    """
    out: list[Token] = []
    for t in tokens:
        prev = out[-1] if out else None
        if prev is not None and t.kind == "content" and prev.kind in ("content", "name") and t.start == prev.end \
                and _KATAKANA.fullmatch(t.text) and _KATAKANA.fullmatch(prev.text):
            # スカイ + ノード: one katakana word split by the dictionary; a name when the whole is no word.
            whole = prev.text + t.text
            kind: TokenKind = "name" if prev.kind == "name" or not lexicon.gloss_keys(whole) else "content"
            out[-1] = Token(whole, prev.lemma + t.lemma, kind, prev.start, t.end, prev.clause,
                            prev.keys | t.keys, prev.wide, prev.norm | t.norm)
            continue
        if t.kind == "content" and _KATAKANA.fullmatch(t.text) and not lexicon.gloss_keys(t.lemma):
            t = Token(t.text, t.lemma, "name", t.start, t.end, t.clause, t.keys, t.wide, t.norm)
        if prev is not None and prev.kind == "content" and t.start == prev.end and t.text in dict(_short_suffixes()) \
                and not prev.text.isascii():
            # ミナトHD: a word of the dictionary before a company suffix written short is the company's name.
            out[-1] = Token(prev.text + t.text, prev.lemma + t.lemma, "name", prev.start, t.end, prev.clause,
                            prev.keys | t.keys, prev.wide, prev.norm | t.norm)
            continue
        glue = prev is not None and prev.kind == "name" and t.start == prev.end and (
            (t.kind in ("content", "name") and _KATAKANA.fullmatch(t.text) and _KATAKANA.fullmatch(prev.text))
            or (prev.text.endswith("・") and t.kind != "punct" and _KATAKANA.fullmatch(t.text))  # ピュー・リサーチ
            or (t.kind == "content" and len(t.text) == 1 and not t.text.isdigit())
            or t.kind == "name" and t.text not in _titles_ja())  # ダイモンCEO: a name and its title
        if prev is not None and prev.kind == "name" and t.kind == "name" and t.text in _titles_ja():
            out.append(Token(t.text, t.lemma, "func", t.start, t.end, t.clause))
            continue
        if glue and prev is not None:
            out[-1] = Token(prev.text + t.text, prev.lemma + t.lemma, "name", prev.start, t.end, prev.clause,
                            prev.keys | t.keys, prev.wide, prev.norm | t.norm)
            continue
        if prev is not None and prev.kind == "name" and t.kind == "name" and t.start == prev.end + 1 \
                and _LATIN_WORD.fullmatch(prev.text.split(" ")[-1]) and _LATIN_WORD.fullmatch(t.text):
            # 「Yashima Books」: Latin words a space apart in a Japanese sentence are one name.
            out[-1] = Token(prev.text + " " + t.text, prev.lemma + " " + t.lemma, "name", prev.start, t.end,
                            prev.clause, prev.keys | t.keys, prev.wide | t.wide, prev.norm | t.norm)
            continue
        if t.text == "・" and prev is not None and prev.kind == "name" and _KATAKANA.fullmatch(
                re.sub(r"^[A-Za-z]{1,6}", "", prev.text)):
            # ガリレオ・ガリレイ is one name; 東京・銀座 lists two places.
            out[-1] = Token(prev.text + t.text, prev.lemma + t.lemma, "name", prev.start, t.end, prev.clause,
                            prev.keys, prev.wide)
            continue
        out.append(t)
    return out


# --- names ------------------------------------------------------------------------------

_STEMS = re.compile(r"[A-Za-z\u00c0-\u024f]+")


_MIXED_ACRONYM = re.compile(r"(?:[A-Z][a-z]?){1,5}[A-Z]")
# SkyTeam, WhiteWave: words run together under one capital each, which katakana writes as the
# words (スカイチーム: sky, team).  Only between words of three letters or more (not McDonald).
_CAMEL_JOINT = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z]{2})")


def _forms(surface: str, lang_ja: bool) -> tuple[tuple[frozenset[str], ...], frozenset[str], frozenset[str]]:
    surface = re.sub(r"['’]s?$", "", surface)  # United's, Reuters' -> United, Reuters
    renderings: list[str] = [surface]
    whole: tuple[str, ...] = ()
    if lang_ja:
        whole = tuple(lexicon.name_glosses(surface))
        renderings += list(whole)
        parts = lexicon.ja_parts(surface)
        if not whole and len(parts) > 1:
            # 北浜トンネル -> "Kitahama tunnel": each part's first rendering, in order.
            renderings.append(" ".join((lexicon.name_glosses(p) or (p,))[0] for p in parts))
            # 日本取引所グループ -> "Japan exchange group": the longest dictionary words, in order.
            said = lexicon.word_by_word(surface)
            if said is not None and len(said.split()) > 1:
                renderings.append(said)
    forms: list[frozenset[str]] = []
    acronyms: set[str] = set()
    distinct: set[str] = set()
    for i, r in enumerate(renderings):
        if i:
            r = r.replace("・", " ")  # a gloss that kept the katakana dot: "oscar ・ niemeyer"
        folded = fold(r)
        if lexicon.ja_has_cjk(r):
            forms.append(frozenset({folded}))
            distinct.add(folded)
            continue
        r = "".join(c for c in unicodedata.normalize("NFKD", r) if not unicodedata.combining(c))
        outer = re.sub(r"\([^)]*\)", " ", r)
        glossed = i > 0 and lang_ja
        if glossed:
            # ...but an acronym there is: "Japanese Aerospace Exploration Agency (JAXA)".
            acronyms.update(a.lower() for a in re.findall(r"\(([A-Z][A-Z0-9&]{1,9})\)", r))
        if glossed and _descriptive(outer):
            continue  # "Kabuki-za theater in Tokyo": a dictionary's description, not the name
        # A gloss's parentheses explain it ("Saga Prefecture (Kyushu)"): the region is not the name.
        variants = {outer} if glossed else {outer, r.replace("(", " ").replace(")", " "), _CAMEL_JOINT.sub(" ", outer)}
        for variant in variants:
            words = [w for w in _STEMS.findall(variant) if w.lower() not in _NAME_LINKS and w.lower() != "s"]
            if not words:
                continue
            forms.append(frozenset(stem(w) for w in words))
            distinct.update(stem(w) for w in words if not _ordinary(w))
            # Saga / Shiga Prefecture are no "SP"; "All Nippon Airways" is ANA.
            if len(words) >= (3 if glossed else 2):
                acronyms.add("".join(w[0] for w in words).lower())
            owner = re.match(r"\S+['’]s\s+", variant)
            if owner is not None and not glossed:
                # "Australia's Therapeutic Goods Administration" is also the TGA.
                rest = [w for w in _STEMS.findall(variant[owner.end():]) if w.lower() not in _NAME_LINKS]
                if len(rest) >= 2:
                    acronyms.add("".join(w[0] for w in rest).lower())
            if len(words) == 1 and words[0].isupper() and len(words[0]) >= 2:
                acronyms.add(words[0].lower())
            elif len(words) == 1 and _MIXED_ACRONYM.fullmatch(words[0]):
                # BoA is "boa" and, its small words left out as in any acronym, "ba" (Bank of Aldmark).
                acronyms |= {words[0].lower(), "".join(c for c in words[0] if c.isupper()).lower()}
    # A katakana name with a kanji word glued to it (ハルワース社, メコン川) sounds like its katakana.
    kana = _KANA_WITH_SUFFIX.fullmatch(surface) if lang_ja else None
    spoken = kana.group(1) if kana else surface
    if lang_ja and _kana_spelled(spoken):
        # A katakana name is also compared by its sound: ハレ ~ Hallé, ヴェロ ~ Velo,
        # each part of ハンス・ケラー ~ Hans Keller.
        pieces = [p for p in spoken.split("・") if p]
        sounds = frozenset("~" + _sound(jaconv.kata2alphabet(p)) for p in pieces)
        forms.append(sounds)
        distinct |= sounds
        forms.append(frozenset("^" + _skeleton(jaconv.kata2alphabet(p)) for p in pieces))
        if kana:
            forms.append(frozenset({fold(spoken)}))  # ルーブル美術館: the dictionary spells the Louvre ルーブル
    elif lang_ja:
        forms.append(_read_aloud(surface))
        # 港北 -> JMnedict "Kouhoku": compared by sound with "Kohoku".  Only a gloss of the whole
        # name: a word of one part's gloss (日本 of 日本港湾協会: Japan) would make every name with
        # that part one name (日本銀行, 東日本高速道路).
        for r in renderings[1:1 + len(whole)]:
            if _descriptive(re.sub(r"\([^)]*\)", " ", r)):
                continue  # 関東: "region consisting of Tokyo and …" does not make it Tokyo
            for w in _STEMS.findall(re.sub(r"\([^)]*\)", " ", r)):
                if w[:1].isupper() and not _ordinary(w):  # Kajima, not Corporation
                    sound = "~" + _sound(w)
                    forms.append(frozenset({sound}))
                    distinct.add(sound)
    if not lexicon.ja_has_cjk(surface):
        # Thailand is also タイ, NYSE ニューヨーク証券取引所: the Japanese spellings the dictionary
        # gives the English name meet a Japanese name's own surface.
        for head in lexicon.ja_headwords(surface.strip()):
            forms.append(frozenset({fold(head)}))
            bare = re.sub(r"^(?:株式会社|有限会社)|(?:株式会社|有限会社)$", "", head)
            if bare != head and len(bare) >= 2:
                forms.append(frozenset({fold(bare)}))  # NTT: 日本電信電話株式会社, said 日本電信電話
            if len(head) >= 3 and head[-1] in "語人":
                # Dutch is オランダ語 and Thai タイ人: the adjective of a people names its country.
                forms.append(frozenset({fold(head[:-1])}))
    if not lang_ja or not lexicon.ja_has_cjk(surface):
        words = [w for w in _STEMS.findall(surface) if w.lower() not in _NAME_LINKS]
        for w in words:
            if not _ordinary(w):
                sound = "~" + _sound(w)
                forms.append(frozenset({sound}))
                distinct.add(sound)
        own = [w for w in words if not _ordinary(w)]
        if own:
            forms.append(frozenset("^" + _skeleton(w) for w in own))
            if len(words) > len(own):
                # Sutter Creek, Bayside Liner: katakana writes the dictionary words too (サッタークリーク).
                forms.append(frozenset({"^" + _skeleton("".join(words))}))
        elif len(words) >= 2:
            # Cedar Creek, Grand Ring: a name of dictionary words is written in katakana whole (セダークリーク).
            # ニンバス・クラウド: or word by word, where a dot parts the katakana words.
            forms.append(frozenset({"^" + _skeleton("".join(words))} | {"^" + _skeleton(w) for w in words}))
        if words:
            # Romanised Japanese (Shin-Osaka, Amami Oshima, Nagaoka): each word and the whole said as one.
            spelled = {_romaji(w) for w in own} | {_romaji("".join(words))}
            forms.append(frozenset("≈" + k for k in spelled if len(k) >= 4))
    return tuple(dict.fromkeys(map(_short_vowels, forms))), frozenset(acronyms), _short_vowels(frozenset(distinct))


def _short_vowels(words: frozenset[str]) -> frozenset[str]:
    """Katakana words without their long-vowel marks: フェアーヘブン (the dictionary) and フェアヘブン
    (a newspaper) spell one name."""
    return frozenset(w.replace("ー", "") if "ー" in w and _KATAKANA.fullmatch(w) else w for w in words)


_KIND_CHARACTERS = frozenset("町村市区郡県都府州川山島湖寺社駅港橋城")  # what a Japanese place or body is


def _read_aloud(surface: str) -> frozenset[str]:
    """Romanised keys (≈) of a kanji name as the dictionary reads it: the whole (霧ノ峰:
    Kirinomine), the whole without a one-character suffix (白鷺川: Shirasagi), each part of two
    characters or more (長岡誠一: Nagaoka, Seiichi).  Only a name in Latin letters is compared
    with them, and only spelled the same (by these keys Sakura is no Sakurai, 中岡 no Nagaoka)."""
    parts = [(w, jaconv.kata2alphabet(r)) for w, r in lexicon.ja_readings(surface) if r and r != w]
    if not parts:
        return frozenset()
    keys = {"".join(r for _, r in parts)} | {r for w, r in parts if len(w) >= 2}
    # 錦織圭 is Kei Nishikori: a name part has the readings the name dictionary lists, not only the
    # one the analyser picks (ニシキオリ).
    keys |= {r.lower() for w, _ in parts if len(w) >= 2 for r in lexicon.ne_readings(w) if r.isalpha()}
    if len(parts) > 1 and len(parts[-1][0]) == 1:
        keys.add("".join(r for _, r in parts[:-1]))
    elif len(parts) == 1 and len(surface) >= 3 and surface[-1] in _KIND_CHARACTERS:
        # Read as one word (北沢町: Kitazawamachi), the name is still Kitazawa Town.
        keys.add("".join(jaconv.kata2alphabet(r) for w, r in lexicon.ja_readings(surface[:-1]) if r and r != w))
    head = next((h for h in _body_heads_ja() if surface.endswith(h) and len(surface) > len(h)), None)
    if head is not None:
        # 南銀行 is Minami Bank: the name without the noun that heads it, read aloud.
        keys.add("".join(jaconv.kata2alphabet(r) for w, r in lexicon.ja_readings(surface[:-len(head)]) if r and r != w))
    stem = surface[:-len(head)] if head is not None else surface[:-1] if surface[-1] in _KIND_CHARACTERS else ""
    if len(stem) >= 2:
        # 豊島酒造 is Toyoshima Brewery, 吉根川 the Yoshine: a name has more readings than the one
        # the analyser picks; the name dictionary lists them (Toshima, Teshima, Toyoshima).
        keys |= {r.lower() for r in lexicon.name_glosses(stem)[:_READINGS] if r.isalpha()}
    return frozenset("≈" + k for k in map(_romaji, keys) if len(k) >= 4)


_READINGS = 6  # readings of a name's stem taken from the name dictionary


def _romaji(text: str) -> str:
    """One spelling of a romanised Japanese word, whichever convention wrote it: Ōsaka, Oosaka,
    Ohsaka and Osaka are all "osaka"; Shimbashi is "shinbashi"."""
    t = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if c.isascii() and c.isalpha())
    t = re.sub(r"oh(?![aeiou])", "o", t)
    t = t.replace("ou", "o").replace("oo", "o").replace("uu", "u").replace("aa", "a")
    return re.sub(r"m(?=[bp])", "n", t)


def _read_alike(x: Name, y: Name) -> bool:
    """A kanji name and a Latin one spelled as the kanji are read: Nagaoka Seiichi ~ 長岡誠一,
    Shin-Osaka ~ 新大阪, Aoyama Prefectural Library ~ 青山."""
    if not (lexicon.ja_has_cjk(x.text) and _STEMS.search(y.text) and not lexicon.ja_has_cjk(y.text)):
        return False
    read = {w for f in x.forms for w in f if w.startswith("≈")}
    return bool(read & {w for f in y.forms for w in f if w.startswith("≈")})


# ハルワース社, ノルドヴィック再保険, タカシロHD: a katakana name and the generic words after it.
_KANA_WITH_SUFFIX = re.compile(r"([\u30a0-\u30ffー・]{2,})(?:[\u4e00-\u9fff]{1,6}|[A-Z]{2,4})")


def _descriptive(gloss: str) -> bool:
    """A dictionary's description of a name rather than a rendering of it: "theater in Tokyo",
    not "Bank of Japan" (every word but the links capitalised: a name's own words)."""
    words = _STEMS.findall(gloss)
    if words and len(words) <= _LONGEST_TITLED and all(w[:1].isupper() for w in words if w.lower() not in _NAME_LINKS):
        return False  # "New Kansai International Airport", "Bank of Japan": a name in every word
    return len(words) > 3 or bool(re.search(r"\b(?:in|of|at|on|near)\b", gloss))


_LONGEST_TITLED = 8  # words of the longest gloss read as a name because every word is capitalised


def _sound(text: str) -> str:
    """A rough phonetic key shared by a katakana name and its Latin spelling (r/l, v/b, long vowels)."""
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(c for c in t if c.isalpha() or c == " ")
    t = t.replace("l", "r").replace("v", "b").replace("-", "")
    t = re.sub(r"c(?=[eiy])", "s", t.replace("ck", "k")).replace("c", "k")  # Cedar: セダー, Carrow: キャロウ
    t = re.sub(r"ou|oo|oh(?![aeiou])", "o", t).replace("uu", "u").replace("ei", "e")
    t = re.sub(r"(?<=[bcdfghjkmnpqrstwxz])u\b|(?<=[bcdfghjkmnpqrstwxz])o\b", "", t)  # ヴェロ -> bero, ホルン -> horun
    t = re.sub(r"([a-z])\1+", r"\1", t)
    t = re.sub(r"m(?=[bp])", "n", t)  # katakana writes the m of Nimbus, Olympus as ン: ニンバス
    t = t.replace("fu", "hu")  # フ is both: Uhuru ウフル, Fuji フジ
    # A Japanese name's consonants voice in compounds and vary by reading (浜戸: Hamato / Hamado,
    # 中島: Nakashima / Nakajima): the key keeps the place of a consonant, not its voicing.
    t = t.replace("sh", "s").translate(_UNVOICED)
    return t.replace(" ", "")


_UNVOICED = str.maketrans({"d": "t", "g": "k", "z": "s", "j": "s"})


def _ordinary(word: str) -> bool:
    """An ordinary English word (river, university, exchange), not a name's own word."""
    if word.isupper() and len(word) > 1:
        return False
    return word.lower() in lexicon.stopwords_en() or bool(en_lemmas(word.lower()))


def _prefix_same(x: str, y: str) -> bool:
    """Asia ~ Asian, Canad ~ Canadian: one stem begins the other, and is most of it."""
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return len(short) >= 4 and long_.startswith(short) and len(short) * 10 >= len(long_) * 6


def _sounds_alike(u: str, v: str) -> bool:
    """Two sound keys of one name (~hare ~ ~hare, ~amerika ~ ~america); short keys must agree
    more closely, or ~saga and ~shiga, two prefectures, would be one."""
    return fuzz.ratio(u, v) >= (88 if min(len(u), len(v)) <= 6 else 75)


_SKELETON_FOLD = str.maketrans({"c": "k", "q": "k", "x": "k", "g": "k", "l": "r", "v": "b", "d": "t", "z": "s",
                                "j": "s"})


@cache
def _skeleton(word: str) -> str:
    """The consonants a name keeps when written in katakana: Carrowmore and キャロウモア (kyaroumoa)
    are both k-r-m, Hallworth and ハルワース h-r-s.  English spelling drops in katakana a
    silent final e and gh, and often an r after a vowel (-more: モア, -worth: ワース, but
    Norcom: ノルコム); katakana adds vowels after every consonant.  So only the consonants
    are compared, folded by place; the key lists both readings of such an r ("krm|krmr")."""
    s = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if c.isascii() and c.isalpha())
    s = re.sub(r"c(?=[eiy])", "s", s)  # a soft c is said s: Cedar, Alice
    s = re.sub(r"^x", "s", s).replace("x", "ks")  # Xiao シャオ, Medix メディクス
    for spelled, said in (("dge", "j"), ("dg", "j"), ("sch", "sh"), ("gh", ""), ("tch", "ch"), ("th", "s"), ("ph", "f"), ("ck", "k"), ("tion", "son"),
                          ("sh", "s"), ("ch", "k")):
        s = s.replace(spelled, said)
    s = re.sub(r"e$", "", s).replace("fu", "hu")  # フ is both: Uhuru ウフル
    s = re.sub(r"m(?=[bp])", "n", s)
    s = re.sub(r"h(?![aeiou])|(?<=[^aeiou])h", "", s)
    variants = {s, re.sub(r"(?<=[aeiou])r(?=[^aeiou]|$)", "", s)}
    # An h between vowels is often silent: Lyneham ライナム, Durham ダラム.
    variants |= {re.sub(r"(?<=[aeiouy])h(?=[aeiou])", "", v) for v in variants}
    keys = {re.sub(r"([a-z])\1+", r"\1", re.sub(r"[aeiouyw]", "", v.translate(_SKELETON_FOLD))) for v in variants}
    return "|".join(sorted(keys))


def _skeletons_alike(u: str, v: str, least: int = 3) -> bool:
    """Two skeleton keys (^krm|krmr) sharing a reading of three consonants or more."""
    return any(len(k) >= least for k in set(u[1:].split("|")) & set(v[1:].split("|")))


def _kana_spelled(text: str) -> bool:
    """Katakana, its words parted by dots (ハンス・ケラー), a word perhaps opened by letters (JPモルガン)."""
    return bool(_KATAKANA.fullmatch(text.replace("・", ""))
                or all(_LATIN_KANA.fullmatch(p) or _KATAKANA.fullmatch(p) for p in text.split("・") if p))


def _spoken_in_kana(text: str) -> bool:
    """A name katakana spells out, perhaps with generic words after it (ノルドヴィック再保険, タカシロHD)."""
    return _kana_spelled(text) or bool(_KANA_WITH_SUFFIX.fullmatch(text))


def _transliterated(x: Name, y: Name) -> bool:
    """One name written in katakana, the other in Latin letters: the pair a skeleton may join."""
    kana = _spoken_in_kana(x.text), _spoken_in_kana(y.text)
    latin = _STEMS.search(x.text) is not None, _STEMS.search(y.text) is not None
    return bool(kana[0] and latin[1] or kana[1] and latin[0])


# WHO, S&P, U.N.; and written with the small words of the name (BoA, DoJ: Bank of A…, Department of J…).
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.]{1,9}|(?:[A-Z][a-z]?){1,5}[A-Z]")
_KANJI = re.compile(r"[\u4e00-\u9fff]")


_DEMONYM_ENDINGS = ("n", "an", "ian", "ean", "ese", "ish", "i")


def _demonym(place: str, people: str) -> bool:
    """A place's adjective names it: Chile / Chilean, Kenya / Kenyan, Italy / Italian, China / Chinese.
    The place keeps all but at most its last letter; Austria is no Australian."""
    if not (place.isalpha() and people.isalpha() and place[:1].isupper()) or len(place) < 4:
        return False
    for keep in (len(place), len(place) - 1):
        if people.startswith(place[:keep]) and people[keep:] in _DEMONYM_ENDINGS:
            return True
    return False


def acronym_of(x: Name, y: Name) -> bool:
    """One name is the other's acronym (WHO ~ World Health Organization, BoA ~ Bank of Aldmark,
    USA ~ United States, its last word left unsaid); two names that only share their initials
    (Gorse Bridge / Glen Bridge) are two names."""
    return bool((x.acronyms & y.acronyms and (_ACRONYM.fullmatch(x.text) or _ACRONYM.fullmatch(y.text)))
                or x.acronyms & {w for f in y.forms for w in f} or y.acronyms & {w for f in x.forms for w in f}
                or _one_word_more(x, y) or _one_word_more(y, x) or _one_letter_less(x, y) or _one_letter_less(y, x))


def _one_letter_less(short: Name, long_: Name) -> bool:
    """An acronym that leaves out one initial of the other name's words: JEITA for Japan
    Electronics and Information Technology Industries Association (JEITIA)."""
    if not _ACRONYM.fullmatch(short.text) or not short.text.isupper() or len(short.text) < 4:
        return False
    spelled = short.text.lower()
    return any(len(a) == len(spelled) + 1 and a[0] == spelled[0] and _subsequence(spelled, a) for a in long_.acronyms)


def _subsequence(short: str, long_: str) -> bool:
    """Each character of ``short`` in ``long_``, in order (the iterator is consumed)."""
    rest = iter(long_)
    return all(c in rest for c in short)


def _one_word_more(short: Name, long_: Name) -> bool:
    """An acronym with one more letter than the other name's initials, which open it: USA / United States."""
    if not _ACRONYM.fullmatch(short.text) or not short.text.isupper():
        return False
    spelled = short.text.lower()
    return any(len(a) >= 2 and len(spelled) == len(a) + 1 and spelled.startswith(a) for a in long_.acronyms
               if " " in long_.text)


def names_match(x: Name, y: Name) -> bool:
    """Two names for one thing: a shared distinctive word (Nile ~ Nile River), a contained form, or an acronym.

    Ordinary nouns in names (university, city, stock exchange) do not make
    two names one: 駒澤大学 and 創価大学, Tokyo and New York Stock Exchange differ.
    """
    if acronym_of(x, y) or _demonym(x.text, y.text) or _demonym(y.text, x.text):
        return True
    if _kanji_short_form(x.text, y.text) or _kanji_short_form(y.text, x.text):
        return True
    if _brand(x.text) is not None and _brand(x.text) == _brand(y.text):
        return True
    if _read_alike(x, y) or _read_alike(y, x):
        return True
    kanji_both = bool(_KANJI.search(x.text) and _KANJI.search(y.text))
    for fx in x.forms:
        for fy in y.forms:
            if kanji_both and fx == fy and len(fx) == 1 and next(iter(fx)).startswith("~"):
                continue  # 日本航空 / 日本銀行: one word of their glosses (Japan) sounds alike, two bodies
            if fx == fy or _contained(fx, fy):
                return True
            sx = [w for w in fx if w.startswith("~") and len(w) > 3]
            sy = [w for w in fy if w.startswith("~") and len(w) > 3]
            if sx and sy and all(any(_sounds_alike(u, v) for v in sy) for u in (sx if len(sx) <= len(sy) else sy)
                                 ) and len(sx) <= len(sy) or sx and sy and all(
                    any(_sounds_alike(u, v) for u in sx) for v in sy):
                return True
            kx = [w for w in fx if w.startswith("^")]
            ky = [w for w in fy if w.startswith("^")]
            if kx and ky and _transliterated(x, y):
                short, long_ = (kx, ky) if len(kx) <= len(ky) else (ky, kx)
                if all(any(_skeletons_alike(u, v) for v in long_) for u in short):
                    return True
                if len(short) >= 2 and all(any(_skeletons_alike(u, v, 2) for v in long_) for u in short):
                    return True  # James O'Connor ジェームズ・オコナー: short words, but each of them
            common = fx & fy | {w for w in fx for v in fy if w != v and _prefix_same(w, v)}
            if not common or kanji_both:
                # Two kanji names sharing a gloss word (日本 of 日本港湾協会 and 日本銀行, 北海道 of
                # 北海道新聞 and 北海道銀行) are two bodies named after one place; a short form of one
                # is the other's by its characters (_kanji_short_form), or its gloss is all of the other's.
                continue
            dx = {w for w in fx if w in x.distinct or any(_prefix_same(w, v) for v in x.distinct)}
            dy = {w for w in fy if w in y.distinct or any(_prefix_same(w, v) for v in y.distinct)}
            common_y = fy & fx | {v for v in fy for w in fx if w != v and _prefix_same(w, v)}
            if common & dx and common_y & dy and (
                    len(common & dx) * 2 >= len(dx) or len(common_y & dy) * 2 >= len(dy)):
                return True
    return _word_of(x, y) or _word_of(y, x)


@cache
def _name_heads() -> frozenset[str]:
    return frozenset(stem(w) for w in lexicon.cues().get("name_heads", {}).get("en", ()))


def _plain_forms(x: Name) -> list[frozenset[str]]:
    return [f for f in x.forms if f and not any(w[:1] in "~^≈" for w in f)]


def _word_of(short: Name, long_: Name) -> bool:
    """A one-word name that is a word of a longer name and not the noun heading it: Musk for Elon
    Musk, ジョブズ (job) for Steve Jobs, Kestrel for Kestrel Airlines; Systems is no short form
    of Meridian Systems, nor Republic of the Republic of China.  A dictionary word may be a
    name's own word (musk, kestrel): what it stands beside decides, not the dictionary."""
    if " " in short.text.strip():
        return False
    words = {w for f in _plain_forms(short) if len(f) == 1 for w in f if len(w) >= 3}
    heads = _name_heads()
    return any(w in f and w not in heads for f in _plain_forms(long_) if 2 <= len(f) <= 4 for w in words)


_CJK_NAME = re.compile(r"[\u3400-\u9fff々ヶ]+")


_LATIN_PREFIX = re.compile(r"[A-Z]{2,4}(?=[\u3400-\u9fff々ヶ])")


@cache
def _short_suffixes() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(lexicon.cues().get("short_suffixes_ja", {}).items(), key=lambda kv: -len(kv[0])))


def _expand_short_suffix(name: str) -> str:
    """A company's name with its written-short suffix in full and without middle dots: イオリHD and
    イオリ・ホールディングス are both イオリホールディングス."""
    name = name.replace("・", "")
    for short, full in _short_suffixes():
        if name.endswith(short) and len(name) > len(short) and not name[-len(short) - 1].isascii():
            return name[: -len(short)] + full
    return name


_BRAND = re.compile(r"[\u30a0-\u30ffー]{2,}|[A-Za-z]{2,}")


@lru_cache(maxsize=65536)
def _brand(name: str) -> str | None:
    """A company's own name without the nouns heading it: アサヒグループHD, アサヒグループ and アサヒ
    are all アサヒ.  Only a katakana or Latin stem: 日本航空 and 日本銀行 share no brand."""
    if not lexicon.ja_has_cjk(name) and not _KATAKANA.search(name):
        return None
    rest = _expand_short_suffix(name)
    while True:
        head = next((h for h in _body_heads_ja() if rest.endswith(h) and len(rest) > len(h)), None)
        if head is None:
            break
        rest = rest[: -len(head)]
    if rest != name.replace("・", "") and _BRAND.fullmatch(rest):
        return rest
    return name.replace("・", "") if _KATAKANA.fullmatch(name) else None


def _kanji_short_form(short: str, long_: str) -> bool:
    """A Japanese name and its short form: the place without its prefecture (えびの市 / 宮崎県えびの市),
    the name without its kind (港北 / 港北区), a company suffix written short (イオリHD), a Latin
    acronym for the words left out (JR東日本 / 東日本旅客鉄道), or an abbreviation that keeps the
    first character and skips others in order (理研 / 理化学研究所, 東大 / 東京大学).  A
    contiguous head is another thing: 東京 / 東京大学."""
    short, long_ = _expand_short_suffix(short), _expand_short_suffix(long_)
    if short == long_:
        return True
    if len(short) < 2 or len(short) >= len(long_):
        return False
    latin = _LATIN_PREFIX.match(short)
    if latin and _CJK_NAME.fullmatch(long_) and _CJK_NAME.fullmatch(short[latin.end():]):
        # JR東日本 / 東日本旅客鉄道, JA全農 / 全国農業協同組合連合会: a Latin acronym stands for the words
        # the kanji after it leave out, so those kanji, in order, are the long name's.
        rest = iter(long_)
        return short[latin.end()] == long_[0] and all(c in rest for c in short[latin.end():])
    if long_.endswith(short) and re.search(r"[都道府県市町村区郡]$", long_[: -len(short)]):
        return True
    if len(long_) == len(short) + 1 and long_.startswith(short) and long_[-1] in _KIND_CHARACTERS:
        return True  # 新大阪駅 / 新大阪, 港北区 / 港北: a place or body named with or without its kind
    if not (_CJK_NAME.fullmatch(short) and _CJK_NAME.fullmatch(long_)) or short[0] != long_[0] or short in long_:
        return False
    if len(long_) < 2 * len(short) and not (len(short) >= 5 and len(long_) >= len(short) + 3 and short[-1] == long_[-1]):
        # A long name's short form may keep more than half of it when it is long and keeps the
        # head (損保料率機構 / 損害保険料率算出機構); a short one that keeps more (東京銀行 /
        # 東京都民銀行) is another body's name.
        return False
    return _subsequence(short, long_)


def _contained(fx: frozenset[str], fy: frozenset[str]) -> bool:
    """A name of two or more words inside a longer one: Ninth Symphony ~ Beethoven's Ninth Symphony."""
    short, long_ = (fx, fy) if len(fx) <= len(fy) else (fy, fx)
    return len(short) >= 2 and short < long_ and not any(w.startswith("~") for w in short)


_JA_AGENT = ("が", "は", "によって", "により", "では", "も")
_JA_PATIENT = ("を", "に", "と", "から", "へ")
_JA_SOURCE = ("によると", "によれば", "の発表", "の報道", "の調べ", "の調査")


@cache
def _ja_name_suffix() -> re.Pattern[str]:
    words = sorted(lexicon.cues().get("name_suffixes_ja", ()), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")") if words else re.compile("(?!)")


_JA_ASIDE = re.compile(r"[（(][^（）()]{1,20}[）)]")  # 北陵館（石川）が: the prefecture said in passing


@cache
def _sort_heads() -> tuple[tuple[str, str], ...]:
    """(head, sort) pairs of every language, the longest head first (鉄道 before 道)."""
    data = lexicon.cues().get("name_sorts", {})
    pairs = {(w.lower(), sort) for sort, langs in data.items() for words in langs.values() for w in words}
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def _sort_heads_ja() -> tuple[tuple[str, str], ...]:
    return tuple((h, sort) for h, sort in _sort_heads() if lexicon.ja_has_cjk(h))


@cache
def _head_words_ja() -> tuple[str, ...]:
    return tuple(h for h, _ in _sort_heads_ja())


@cache
def _sort_heads_en() -> dict[str, str]:
    return {h: sort for h, sort in reversed(_sort_heads()) if h.isascii()}


_PERSON_BEFORE = re.compile(r"(?i)\b(?:mr|mrs|ms|dr|prof|sir|dame)\.?\s+$")


def _name_sort(text: str, start: int, end: int) -> str | None:
    """Person, place or body, as the name's own head noun (Kestrel Airlines, 吉根川, 北陵館), a
    title beside it (Judge Peter Cole, 石田氏) or the dictionary (人名, 地名) tells; else None."""
    surface = text[start:end]
    if lexicon.ja_has_cjk(surface) or _KATAKANA.fullmatch(surface.replace("・", "")):
        aside = _JA_ASIDE.match(text, end)
        suffix = _ja_name_suffix().match(text, aside.end() if aside else end)
        if suffix is not None and suffix.group() not in ("ら",):
            return "person"
        heads_ja = _sort_heads_ja()
        if surface.endswith(_head_words_ja()):
            for head, sort in heads_ja:
                if surface.endswith(head) and len(surface) > len(head):
                    return sort
        parts = [m.pos[2] for m in lexicon.ja_morphs(surface) if len(m.pos) > 2 and m.pos[1] == "固有名詞"]
        if "人名" in parts:
            return "person"
        return "place" if parts and all(p == "地名" for p in parts) else None
    words = [w.lower() for w in _STEMS.findall(surface)]
    if not words:
        return None
    heads = _sort_heads_en()
    if words[-1] in heads and len(words) > 1:
        return heads[words[-1]]
    if words[0] in ("mount", "lake", "river", "cape", "isle") and len(words) > 1:
        return "place"
    before = text[max(0, start - 30):start]
    title = re.search(r"([A-Za-z]+)\s+$", before)
    # "Judge Peter Cole" read as one name is a person's, but not "Star Alliance": a body's head noun ends it.
    if _PERSON_BEFORE.search(before) or (title is not None and title.group(1).lower() in _person_titles()) \
            or (len(words) > 1 and words[0] in _person_titles() and stem(words[-1]) not in _name_heads()):
        return "person"
    # "Sarah Okafor, curator of Asian art": a title in apposition after the name.
    apposed = re.match(r",\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\w-]+\s+){0,2}?([A-Za-z]+)\b", text[end:end + 48])
    if apposed is not None and apposed.group(1).lower() in _person_titles():
        return "person"
    return lexicon.en_name_sort(surface.strip())


def sorts_differ(x: Name, y: Name) -> bool:
    """Both names' sorts are known and differ: a place and a body fill no one slot."""
    return x.sort is not None and y.sort is not None and x.sort != y.sort


def _after_ja(text: str, end: int, width: int) -> str:
    """The text after a Japanese word, past an aside in brackets and an honorific or title
    (石田氏が -> が, 北陵館（石川）が -> が)."""
    aside = _JA_ASIDE.match(text, end)
    end = aside.end() if aside else end
    while text.startswith(("」", "』", "”"), end):
        end += 1  # 「港北ブルーイング」が: the quoted name, then its case
    m = _ja_name_suffix().match(text, end)
    return text[m.end() if m else end:(m.end() if m else end) + width]


def _event_head(tokens: Sequence[Token], name: Token, arg: Arg) -> bool:
    """The phrase's head after the name is an event noun (ノーベル文学賞受賞は): the phrase
    names an act, and the name only what the act concerns."""
    end = arg.start + len(arg.text)
    after = [u for u in tokens if name.end <= u.start < end and u.kind in ("content", "pred")]
    return bool(after) and _eventive(after[-1])


def _role_ja(text: str, end: int) -> Role:
    after = _after_ja(text, end, 6)
    if after.startswith(_JA_SOURCE) or re.match(r"(?:通信|新聞|紙|テレビ)?(?:は|が)?(?:[^。、]{0,8})?(?:報じ|伝え)", after):
        return "source"
    if after.startswith(_JA_AGENT):
        return "agent"
    if after.startswith(_JA_PATIENT):
        return "patient"
    return "other"


def _name(text: str, t: Token, lang: str, tokens: Sequence[Token], args: Sequence[Arg], first_pred: int | None) -> Name:
    """The name token ``t`` is, with its forms, its slot in the claim and its sort."""
    role = _role_ja(text, t.end) if lang == "ja" else _role_en(text, t.start, t.end, first_pred)
    if _cleft_ja(text, t.start, t.end) if lang == "ja" else _cleft_en(text, t.start, t.end):
        return _named(text, t, lang, "agent")  # "it was WWF that issued the warning": the doer, focused
    if role != "source":
        arg = next((g for g in args if g.start <= t.start < g.start + len(g.text)), None)
        if arg is not None:
            # A name that only qualifies the phrase's head (ノーベル文学賞受賞は: the award's
            # winning is the topic) plays no part in the act; the head names the doer.
            role = arg.role if lang != "ja" or not _event_head(tokens, t, arg) else "other"
        if lang != "ja" and _in_fronted_phrase(text, t.start):
            role = "other"  # "After a takeover fight against the Agnellis, …": no slot of the main act
        elif lang != "ja" and text[t.end:t.end + 1] in ("'", "’"):
            role = "other"  # "Australia's regulator": the owner qualifies the doer, it is not the doer
        elif lang != "ja" and _modifies_noun(text, t, tokens):
            role = "other"  # "the UK competition regulator", "Swiss collector": the name qualifies the doer
    return _named(text, t, lang, role)


_FRONT_WORDS = ("after", "before", "following", "despite", "during", "amid", "amidst", "unlike", "like", "with",
                "without", "under", "since", "until", "through", "throughout", "among", "alongside", "against", "beyond")
_FRONTED = re.compile(rf"(?i)({'|'.join(_FRONT_WORDS)})\b[^,;:]*,")


def _in_fronted_phrase(text: str, start: int) -> bool:
    """An English name inside a phrase put before the sentence's subject ("After a 1992 takeover
    fight against the Agnellis, …"; "Unlike Boeing, …"): it qualifies the sentence and fills no
    slot of its act.  A fronted clause (after Apple bought Beats, …) has a doer of its own."""
    m = _FRONTED.match(text)
    if m is None or start >= m.end():
        return False
    return not (m.group(1).lower() in _SUBORDINATORS and _SUBORDINATE_CLAUSE.match(text, m.end(1)))


def _named(text: str, t: Token, lang: str, role: Role) -> Name:
    forms, acronyms, distinct = _forms(t.text, lang == "ja")
    return Name(t.text, forms, acronyms, distinct, role, t.start, t.clause, _name_sort(text, t.start, t.end))


_CLEFT_BEFORE = re.compile(r"\bit\s+(?:was|is|had\s+been|will\s+be)\s+(?:the\s+|an?\s+)?(?:(?:dr|mr|mrs|ms|prof|sir)\.?\s+)?$", re.I)
_CLEFT_AFTER = re.compile(r"(?:['’]s)?(?:\s+[\w-]+){0,3}?\s*,?\s+(?:that|who)\b", re.I)


_CLEFT_JA_AFTER = re.compile(r"(?:氏|さん|選手|容疑者)?(?:だっ|であっ|だ|で|である)")


def _cleft_ja(text: str, start: int, end: int) -> bool:
    """The name is the focus of a cleft: 更新を呼びかけたのは警察庁だった, 制したのは北陵高で: the
    doer of the act before のは."""
    return text[max(0, start - 2):start] == "のは" and bool(_CLEFT_JA_AFTER.match(text, end))


def _cleft_en(text: str, start: int, end: int) -> bool:
    """The name is the focus of a cleft: "it was WWF Indonesia's director who warned", "it is
    Gartner that publishes the figure": the doer of what follows, not an object of "was"."""
    return bool(_CLEFT_BEFORE.search(text[max(0, start - 24):start])) and bool(_CLEFT_AFTER.match(text, end))


def _modifies_noun(text: str, t: Token, tokens: Sequence[Token]) -> bool:
    """An English name straight before a common noun of its phrase ("UK regulator", "Swiss
    collector"): a noun adjunct, not the phrase's head."""
    nxt = next((u for u in tokens if u.start >= t.end), None)
    return nxt is not None and nxt.kind == "content" and nxt.text[:1].islower() and text[t.end:nxt.start] == " "


def with_first_word_named(x: Analysis, other: Analysis) -> Analysis:
    """``x`` with its first word taken as a name when the other claim writes that word as one
    inside a sentence ("Python 3.0 was released…" / "…the incompatible Python 3.0 came out"):
    at the start of an English sentence a capital says nothing, and a name that is also a word
    of the dictionary (Python, Shell, Amazon) is read there as the word."""
    if x.lang != "en" or not x.tokens or any(n.start == x.tokens[0].start for n in x.names):
        return x
    first = x.tokens[0]
    if first.kind not in ("content", "pred") or not first.text[:1].isupper() \
            or not any(n.text.split()[0] == first.text for n in other.names):
        return x
    token = Token(first.text, first.text.lower(), "name", first.start, first.end, first.clause)
    tokens = (token, *x.tokens[1:])
    first_pred = next((t.start for t in tokens if t.kind == "pred"), None)
    return replace(x, tokens=tokens, names=(_name(x.text, token, x.lang, tokens, x.args, first_pred), *x.names))


def _role_en(text: str, start: int, end: int, first_pred: int | None) -> Role:
    before = text[max(0, start - 20):start].lower()
    if re.search(r"(?:according to|cited by|citing|reported by|per|told)\s+(?:the\s+)?$", before):
        return "source"
    before = re.sub(r"(?:dr|mr|mrs|ms|prof|sir)\.?\s*$", "", before)
    after = text[end:end + 30].lower()
    if re.match(r"\s*(?:reported|said in a report|told reporters|reports)", after):
        return "source"
    if re.search(r"\bby\s+(?:the\s+)?$", before):
        return "agent"
    if first_pred is None:
        return "other"
    return "agent" if start < first_pred else "patient"


# --- values -------------------------------------------------------------------------------

_DIGITS = re.compile(r"\d")


def _digits(text: str) -> str:
    core = fold(text)
    found = "".join(_DIGITS.findall(core))
    if not found:
        return ""  # "twelve": no digits written; _step reads its precision from the value
    return found.lstrip("0").rstrip("0") or "0"


def _clause_of(tokens: list[Token], pos: int) -> int:
    for t in tokens:
        if t.start <= pos < max(t.end, t.start + 1):
            return t.clause
        if t.start > pos:
            return t.clause
    return tokens[-1].clause if tokens else 0


def _keys_of(tokens: list[Token], *, own: bool = False) -> frozenset[str]:
    out: set[str] = set()
    for t in tokens:
        if t.kind in ("content", "pred", "name"):
            out |= (t.own if own else t.keys) or {t.lemma}
    return frozenset(out)


def _figures(text: str, tokens: list[Token], dates: list[tuple[int, int]], lang: str) -> list[Figure]:
    cues = _cues()
    out: list[Figure] = []
    cursor = 0
    folded = fold(text)
    for q in _with_bare_decimals(text, find_quantities(text, counts=lang != "ja")):
        start = text.find(q.text, cursor)
        if start < 0:
            start = text.find(q.text)
        if start < 0:
            continue
        end = start + len(q.text)
        cursor = end
        if any(s <= start < e for s, e in dates):
            continue
        low, high, base = bounds_in_base(q)
        if base is None:
            # A bare number: its counter is the noun after it (5,000 acres of farmland).
            nxt = [t for t in tokens if t.start >= end and t.kind in ("content", "pred", "name")][:1]
            base = "#" + (nxt[0].lemma if nxt else "")
        if low is None and high is None:
            continue
        lo = low if low is not None else float("-inf")
        hi = high if high is not None else float("inf")
        clause = _clause_of(tokens, start)
        same = [t for t in tokens if t.clause == clause and not (start <= t.start < end)]
        measure = _keys_of(same)
        measure_own = _keys_of(same, own=True)
        idx = [i for i, t in enumerate(tokens) if t.start >= end]
        near_tokens = [t for t in tokens[idx[0]:idx[0] + 2] if t.kind == "content"] if idx else []
        # The noun a count is written with is what it counts: "74 branches" / "a network of 47 branches".
        if lang != "ja" and lexicon.ja_has_cjk(base):  # a count (its base is a counter: 店, 人), not a unit
            near_tokens = [t for t in tokens if start <= t.start < end and t.kind == "content"] + near_tokens
        before = _last_chunk([t for t in tokens if t.end <= start and t.clause == clause])
        # A verb of change or measure (rose to, reached) says what happened to the figure, not what
        # it measures: "profit rose to £412m" and "revenue rose to £4.82bn" measure two things.
        before = [t for t in before if not _change_verb(t)]
        near = _keys_of(near_tokens + before)
        near_own = _keys_of(near_tokens + before, own=True)
        window = folded[max(0, start - 12):end + 12]
        total = any(w in window for w in cues.totals_ja) or folded[max(0, start - 2):start].rstrip().endswith("計") \
            if lang == "ja" else bool(set(re.findall(r"[a-z]+", window)) & cues.totals_en)
        clause_start = min((t.start for t in tokens if t.clause == clause), default=start)
        clause_end = max((t.end for t in tokens if t.clause == clause), default=end)
        periods = _period_words(text[clause_start:clause_end], start - clause_start, end - clause_start, lang)
        step = _step(q.value if q.value is not None else (q.low or q.high), lo if math.isfinite(lo) else hi,
                     _digits(q.text))
        # The figure's own predicate: after it in Japanese (…に達する), before it in English (reached …).
        if lang == "ja":
            own_preds = [t for t in same if t.kind == "pred" and t.start >= end and not _light(t)][:1]
            if not own_preds:
                # 販売台数, 生産量, 輸出額: the verbal noun inside the measure's compound
                own_preds = [t for t in _compound_before(same, start) if t.kind == "pred" and not _light(t)][-1:]
        else:
            own_preds = [t for t in same if t.kind == "pred" and t.end <= start and not _light(t)][-1:]
        preds = frozenset(k for t in own_preds for k in t.keys)
        out.append(Figure(
            text=q.text, low=lo, high=hi, base=base, approximate=q.approximate,
            measure_own=measure_own, near_own=near_own, near_text="".join(t.text for t in near_tokens + before),
            near_wide=frozenset(k for t in near_tokens + before for k in t.wide),
            bounded=(low is None) != (high is None) or (q.low is not None and q.high is None and q.value is not None),
            digits=_digits(q.text), start=start, end=end, clause=clause, measure=measure, near=near,
            total=total, periods=periods, step=step, preds=preds, move=_move(tokens, start, end, lang),
            part=_part_marked(text[:end] if lang == "ja" else text[clause_start:clause_end], lang),
        ))
    if lang != "ja":
        out = sorted(out + _bare_change_values(text, out), key=lambda f: f.start)
    return _mark_former(text, out)


# A decimal written with no unit (合計特殊出生率は1.26, "a ratio of 1.8", an index of 104.2): a rate or
# index, measured by the words around it.  A time (2:05.11) or a price ($1.20) is no bare decimal.
_BARE_DECIMAL = re.compile(r"(?<![\d.,:/$€£¥#A-Za-z_-])\d{1,4}\.\d{1,3}(?![\d.,:]|\s*[%％]|[A-Za-z0-9_\u30a0-\u30ff\u3400-\u9fff])")
BARE = "#."  # the unit of a bare decimal
_CHANGE_END = re.compile(r"\b(?:from|to|against|versus|vs\.?|compared (?:with|to))\s+$", re.IGNORECASE)


def _fractions(text: str) -> list[tuple[int, Quantity]]:
    """Fractions of a whole as shares in percent: "more than half of", "roughly a quarter of",
    "two-thirds of", 4分の1, 半数: a share two claims may give of one whole (more than half of
    the world's supply / roughly a quarter of it)."""
    data = lexicon.cues()["fractions"]
    out = []
    for m in _fraction_pattern().finditer(text):
        if m.group("ja_den"):
            den, num = int(fold(m.group("ja_den"))), int(fold(m.group("ja_num")))
            share = 100.0 * num / den if den else None
        else:
            word = (m.group("word") or m.group("half") or m.group("jaword") or "").lower()
            count = data["counts"].get((m.group("count") or "a").lower(), 1)
            share = data["en"].get(word) or data["ja"].get(word)
            share = share * count if share is not None else None
        if share is None or share > 100:
            continue
        hedge = (m.group("hedge") or "").lower()
        bound = "min" if m.group("jaword") in data["ja_min"] else data["bounds"].get(hedge)
        low, high = (share, None) if bound == "min" else (None, share) if bound == "max" else (None, None)
        out.append((m.start(), Quantity(text=m.group().strip(), value=share, unit="%", low=low, high=high, approximate=True)))
    return out


@cache
def _fraction_pattern() -> re.Pattern[str]:
    data = lexicon.cues()["fractions"]
    hedges = "|".join(sorted(map(re.escape, data["bounds"]), key=len, reverse=True))
    words = "|".join(sorted(map(re.escape, data["en"]), key=len, reverse=True))
    counts = "|".join(sorted(map(re.escape, data["counts"]), key=len, reverse=True))
    ja = "|".join(sorted(map(re.escape, data["ja"]), key=len, reverse=True))
    # "the first half of 2023", "the fourth quarter of 2023", "nine quarters of decline": parts of a
    # period, not shares.  A share is counted (a quarter, two-thirds) or is a half no ordinal precedes.
    return re.compile(
        rf"(?i)(?<![\w-])(?:(?P<hedge>{hedges})\s+)?"
        rf"(?:(?P<count>{counts})[\s-]+(?P<word>{words})|(?<!first )(?<!second )(?<!the )(?<!latter )(?<!last )(?P<half>half))"
        rf"\s+of\b(?!\s+an?\s+(?:hour|century|mile|second|minute))"
        rf"|(?P<ja_den>[0-9０-９]+)分の(?P<ja_num>[0-9０-９]+)(?!\d)|(?P<jaword>{ja})(?=[^\w]|[をがはのにで])")


def _with_bare_decimals(text: str, found: list[Quantity]) -> list[Quantity]:
    """The quantities found, with the bare decimals between them and fractions as shares, in the
    order of the text."""
    placed: list[tuple[int, Quantity]] = []
    cursor = 0
    for q in found:
        at = text.find(q.text, cursor)
        at = text.find(q.text) if at < 0 else at
        placed.append((at, q))
        cursor = at + len(q.text) if at >= 0 else cursor
    for at, q in _fractions(text):
        # "two-thirds of": the fraction, not the number word inside it.
        placed = [(a, p) for a, p in placed if not (at <= a and a + len(p.text) <= at + len(q.text))]
        if not any(a < at + len(q.text) and at < a + len(p.text) for a, p in placed if a >= 0):
            placed.append((at, q))
    taken = [(at, at + len(q.text)) for at, q in placed if at >= 0]
    for m in _BARE_DECIMAL.finditer(text):
        if any(a < m.start() for a, _ in taken) and _CHANGE_END.search(text, 0, m.start()):
            continue  # "$4.2 billion, up from 3.9": 3.9 billion, its unit left to the figure before
        if not any(a < m.end() and m.start() < b for a, b in taken):
            placed.append((m.start(), Quantity(text=m.group(), value=float(m.group()), unit=BARE)))
    return [q for _, q in sorted(placed, key=lambda p: p[0])]


# "528 aircraft in 2023, up from 480", "rose to 3,200 from 2,800": the number a change started
# from, written bare, counts what the figure before it counts.
_BARE_FROM = re.compile(r"\b(?:from|compared with|compared to|against|versus|vs\.?)\s+(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
                        r"(?![\d,.]*\s*(?:%|percent|per\b|million|billion|trillion|thousand|bn\b|mn\b|m\b|k\b|[$€£¥]))")
_WRITTEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _bare_change_values(text: str, figures: list[Figure]) -> list[Figure]:
    out = []
    for m in _BARE_FROM.finditer(text):
        start, end = m.start(1), m.end(1)
        if any(f.start <= start < f.end for f in figures):
            continue
        before = [f for f in figures if f.end <= start][-1:]
        written = _WRITTEN.search(before[0].text) if before else None
        if not before or written is None or not math.isfinite(before[0].low) or before[0].low != before[0].high:
            continue
        shown = float(written.group().replace(",", ""))
        if shown <= 0 or before[0].low != shown:
            continue  # "$4.2 billion, up from 3.9": a bare number in a scaled unit is left unread
        value = float(m.group(1).replace(",", ""))
        out.append(replace(before[0], text=m.group(1), low=value, high=value, start=start, end=end,
                           digits=_digits(m.group(1)), approximate=False, bounded=False, move=0, former=True,
                           step=_step(value, value, _digits(m.group(1)))))
    return out


def _move(tokens: list[Token], start: int, end: int, lang: str) -> int:
    """The direction the word beside a figure moves it: up (+1), down (-1) or neither (0): the
    word before it in English ("fell 5%", "rose by 5%"), after it in Japanese (5%上昇, 5%の減少)."""
    if lang == "ja":
        after = [t for t in tokens if t.start >= end]
        while after and after[0].kind == "func" and after[0].text in ("の", "も"):
            after = after[1:]
        beside = after[:1]
    else:
        before = [t for t in tokens if t.end <= start]
        while before and before[-1].kind == "func" and before[-1].text.lower() in ("by", "to", "some", "about", "nearly", "almost"):
            before = before[:-1]
        beside = before[-1:]
    directional = named_scales("directional_scales")
    poles = {p for t in beside if t.kind in ("pred", "content") for form in pole_forms(t) for p in _cues().poles.get(form, ())}
    up = any((s, 0) in poles for s in directional)
    down = any((s, 1) in poles for s in directional)
    return 1 if up and not down else -1 if down and not up else 0


# The gap between a change's two values: 84,000kWから92,000kWに, from 1.2 million to 1.5 million.
_FROM_JA = re.compile(r"\s*(?:から|より)\s*$")
_FROM_EN = re.compile(r"(?i)\bfrom\s*$")
_TO_EN = re.compile(r"(?i)^\s*to\s*$")


def _mark_former(text: str, figures: list[Figure]) -> list[Figure]:
    """The first value of a change, which the claim says no longer holds: compared only with
    another claim's first value, never with a value that holds now."""
    out = list(figures)
    for k, (f, g) in enumerate(zip(figures, figures[1:], strict=False)):
        if f.base != g.base:
            continue
        gap = text[f.end:g.start]
        if _FROM_JA.match(gap) or (_TO_EN.match(gap) and _FROM_EN.search(text[max(0, f.start - 8):f.start])):
            out[k] = replace(f, former=True)
    return out


def _change_verb(t: Token) -> bool:
    """A light verb as used (rose, reached, 達した), even where it could be read as a noun (rose)."""
    if t.kind == "pred":
        return _light(t)
    if t.kind != "content" or lexicon.ja_has_cjk(t.text):
        return False
    verbs = en_lemmas(t.text.lower()).get("VERB", ())
    return bool(verbs) and verbs[0] != t.text.lower() and stem(verbs[0]) in _light_words()


def _part_marked(clause: str, lang: str) -> bool:
    cues = lexicon.cues()["totals"]
    folded = fold(clause)
    if lang == "ja":
        return any(w in folded for w in cues["part_ja"])
    return any(re.search(rf"\b{re.escape(w)}\b", folded) for w in cues["part_en"])


def _compound_before(tokens: list[Token], start: int) -> list[Token]:
    out: list[Token] = []
    for t in reversed([t for t in tokens if t.end <= start]):
        if t.kind in ("content", "pred") and (not out or out[0].start - t.end <= 1):
            out.insert(0, t)
        elif t.kind == "func" and not out:
            continue  # 販売台数は 1123万台: skip the particle before the figure
        else:
            break
    return out


def _last_chunk(tokens: list[Token]) -> list[Token]:
    """The last run of adjacent nouns before a figure: 営業利益 in 営業利益は1240億円, "land border"."""
    out: list[Token] = []
    for t in reversed(tokens):
        if t.kind in ("content", "pred") and (not out or out[0].start - t.end <= 1):
            out.insert(0, t)
        elif out:
            break
    return [t for t in out if t.kind == "content"]  # a verb beside a figure names no measure


def _step(written: float | None, base_value: float, digits: str) -> float:
    if not written or not math.isfinite(base_value):
        return 0.0
    if not digits and float(written).is_integer():
        digits = str(int(abs(written))).rstrip("0") or "0"  # "twelve" is as exact as 12; "twenty" as 20
    factor = base_value / written
    exponent = math.floor(math.log10(abs(written))) - max(len(digits), 1) + 1
    return abs(10.0 ** exponent / 2 * factor)


_QUARTER = re.compile(r"\b(?:q([1-4])|([1-4])q|(first|second|third|fourth)[- ]quarter)\b|第([1-4一二三四])四半期")
_QUARTER_WORDS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "一": "1", "二": "2", "三": "3", "四": "4"}
_HALF = re.compile(r"\b(first|second)[- ]half\b|\bh([12])\b|(上半期|上期|下半期|下期)")
_HALF_WORDS = {"first": "1", "second": "2", "上半期": "1", "上期": "1", "下半期": "2", "下期": "2"}


def _period_words(text: str, start: int, end: int, lang: str) -> frozenset[str]:
    """The period a figure is for, normalized: quarter and half numbers, full year, month."""
    window = fold(text[max(0, start - 40):end + 15])
    found: set[str] = set()
    for m in _QUARTER.finditer(window):
        g = next(x for x in m.groups() if x)
        found.add("q" + _QUARTER_WORDS.get(g, g))
    for m in _HALF.finditer(window):
        g = next(x for x in m.groups() if x)
        found.add("h" + _HALF_WORDS.get(g, g))
    if re.search(r"通期|full[- ]year|annual", window):
        found.add("year")
    if not found:
        cues = _cues()
        if lang == "ja" or lexicon.ja_has_cjk(window):
            # Whole words only: 秋田 is a place, not autumn; 前期比 compares with the last period.
            morphs = lexicon.ja_morphs(re.sub(r"前(?:年|期)(?:同期)?比", "、", window))
            words = {m.surface for m in morphs} | {x.surface + y.surface for x, y in zip(morphs, morphs[1:], strict=False)}
            found = {w for w in cues.periods_ja if w in words and w not in ("月", "年度", "月期", "四半期")}
        else:
            found = set(re.findall(r"[a-z0-9]+", window)) & (cues.periods_en - {"quarter", "half"})
            found = {cues.period_same_en.get(w, w) for w in found}
    return frozenset(found)


_RELATIVE = re.compile(r"前|昨|去|previous|prior|earlier|last|ago", re.I)  # a date read relative to another
_FOLLOWING_SEASON = re.compile(r"翌(?:春|夏|秋|冬)")
_SEASONS_JA = {"春": "spring", "夏": "summer", "秋": "autumn", "冬": "winter"}
_FOLLOWING = re.compile(r"^(?:翌|同|その翌)年")  # a year counted from the one named before it: 翌年, 同年
# 前年度比, 前年から, 前年を上回る, 前年度の4分の1, 前年の2倍 / 約8割: what a figure is measured against.
_COMPARISON_BASE = re.compile(r"(?:度|期)?(?:同期)?(?:比|対比|と比べ|に比べ|から|を[^、。]{0,12}?(?:上回|下回)"
                              r"|の(?:約|およそ)?[0-9０-９一二三四五六七八九十]+(?:分の|倍|割))")
# "from a year earlier", "than the year before", "up 8% on the previous year".
_COMPARISON_BASE_EN = re.compile(r"(?:from|than|over|versus|vs\.?|compared (?:with|to)|(?:%|percent|per cent)\s+on)"
                                 r"\s+(?:the\s+)?$", re.I)


# 24年3月期, 23年度: a business year written with two digits (2024年3月期 elsewhere).
_TWO_DIGIT_YEAR = re.compile(
    r"(?:(?<![0-9０-９])(?P<first>[0-9０-９]{4})[/／]|(?<![0-9０-９/／]))([0-9０-９]{2})年(?:([0-9０-９]{1,2})月(?=期)|(?=度))")


def _two_digit_years(text: str, found: list[DateMention]) -> list[DateMention]:
    """The dates the extractor reads, and the fiscal years and periods written with two digits
    (24年3月期 is 2024-03; a two-digit year from 50 on is of the 1900s; 2023/24年度 is the year
    from 2023), in text order."""
    extra = []
    for m in _TWO_DIGIT_YEAR.finditer(text):
        year = int(unicodedata.normalize("NFKC", m.group(2)))
        year += 2000 if year < 50 else 1900
        if m.group("first"):
            year = int(unicodedata.normalize("NFKC", m.group("first")))  # 2023/24年度: the year it starts in
        month = m.group(3)
        value = f"{year}-{int(unicodedata.normalize('NFKC', month)):02d}" if month else str(year)
        extra.append((m.start(), DateMention(m.group(0), value)))
    if not extra:
        return found
    placed = []
    cursor = 0
    for d in found:
        at = text.find(d.text, cursor)
        placed.append((at if at >= 0 else cursor, d))
        cursor = at + len(d.text) if at >= 0 else cursor
    return [d for _, d in sorted(placed + extra, key=lambda p: p[0])]


def _dates(text: str, tokens: list[Token], lang: str) -> tuple[list[DateValue], list[tuple[int, int]]]:
    cues = _cues()
    # A year-less date (12月7日, March 3) is kept as --MM-DD: it still conflicts with
    # another day of the same month.  The sentinel year stands for "not given".
    found, _ = find_dates(text, DateContext(_NO_YEAR))
    found = _two_digit_years(text, found)
    mentions, spans = [], []
    cursor = 0
    year: int | None = None  # the last year the claim names, which 翌年 and 前年 count from
    for m in found:
        start = text.find(m.text, cursor)
        if start < 0:
            continue
        cursor = start + len(m.text)
        value = "--" + m.value[5:] if m.value.startswith(str(_NO_YEAR)) else m.value
        relative = not value.startswith("--") and value != "--" and abs(int(value[:4]) - _NO_YEAR) <= 10
        if relative and year is not None and _FOLLOWING.search(m.text):
            # 大正12年…翌年: the year after the one the claim named (1924), as English "the following year" reads.
            value = f"{year + int(value[:4]) - _NO_YEAR:04d}{value[4:]}"
        elif value == "--" or relative:
            continue  # 前年, 翌年 of no year: a year relative to nothing
        if not value.startswith("--") and value[:4].isdigit():
            year = int(value[:4])
        if _RELATIVE.search(m.text) and (
                _COMPARISON_BASE.match(text, start + len(m.text)) or _COMPARISON_BASE_EN.search(text[:start])):
            continue  # 前年度比18%増, "from a year earlier": the base of a comparison, not a date of the claim
        mentions.append(DateMention(m.text, value))
        spans.append((start, start + len(m.text)))
    for extra, (s, e) in _periods_as_dates(text, spans):
        mentions.append(extra)
        spans.append((s, e))
    for season in _FOLLOWING_SEASON.finditer(text):
        # 2024年秋に…、翌春に: the spring of the year after the one named before it.
        years_before = [v.value for v, (s, e) in zip(mentions, spans, strict=True) if e <= season.start() and v.value[:4].isdigit()]
        if years_before and not any(s <= season.start() < e for s, e in spans):
            mentions.append(DateMention(season.group(), f"{int(years_before[-1][:4]) + 1:04d}~{_SEASONS_JA[season.group()[-1]]}"))
            spans.append((season.start(), season.end()))
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    mentions, spans = [mentions[i] for i in order], [spans[i] for i in order]
    out: list[DateValue] = []
    # "came out", "took over": a light verb with its particle names an act, which a date dates.
    preds = [t for i, t in enumerate(tokens) if t.kind == "pred" and (not _light(t, dates=True) or _phrasal_at(tokens, i))]
    for mention, (s, e) in zip(mentions, spans, strict=True):
        clause = _clause_of(tokens, s)
        # …保持者のキプトゥムは2024年2月11日、…死去した: a Japanese date that ends its clause dates
        # the act after the comma, not a word before it in its own clause.
        event = set() if lang == "ja" and _DATE_ENDS_CLAUSE_JA.match(text, e) else {
            k for t in preds if t.clause == clause and not _dated_later(tokens, t, s) for k in _event_keys(t, tokens)}
        # The noun a date qualifies names its event too: 公開日は…, "release date", "its opening on …".
        beside = [t for t in tokens if t.kind == "content" and _eventive(t) and 0 <= s - t.end <= 5]
        event |= {k for t in beside for k in t.keys}
        if not event:
            # Japanese puts the predicate last, after a comma: 2001年4月、…開業した; a date
            # before the first of two joined clauses (令和6年1月、Aが開庁し、Bが移った) dates both.
            # A verb that names the noun after it (見つけた新彗星) is no act of this clause.
            after_it = [t for t in preds if t.start >= e and not (lang == "ja" and _attributive(tokens, tokens.index(t)))]
            later = after_it[:1] + after_it[-1:] if lang == "ja" else preds[:1]
            event = {k for t in later for k in _event_keys(t, tokens)}
            # The event may be the doer itself: "On 14 March, an eruption sent ash…", 噴火が発生した.
            event |= {k for t in _event_subjects(text, tokens, e) for k in t.keys}
        if not event and lang == "ja" and "のは" in text[:s]:
            # A cleft: 公認されたのは、享保15年のことである dates the act before のは.
            cleft = [t for t in preds if t.end <= text.rfind("のは", 0, s) + 1][-1:]
            event = {k for t in cleft for k in _event_keys(t, tokens)}
        after = fold(text[e:e + 6])
        before = fold(text[max(0, s - 16):s])
        # A part of the year may stand between the date and its marker: 2020年夏以降, 2023年秋から.
        after_part = re.sub(r"^の?(?:春|夏|秋|冬|初め|初頭|前半|後半|半ば|上旬|中旬|下旬|上期|下期)", "", after)
        reference = after.lstrip("の").startswith(cues.reference_ja) or after_part.startswith(cues.reference_ja) \
            or any(before.rstrip().endswith(r) for r in cues.reference_en)
        if reference and (after.startswith("から") or after_part.startswith("から") or before.rstrip().endswith("from")) \
                and _placed(event) \
                and not _HABITUAL.search(text):
            # 7月1日から施行, "from 1 April the fare rose": the act starts then ("2023年からは毎年"
            # starts a habit, a state).
            reference = False
        # 1925年生まれ, 2001年開業, 昭和28年の設立: an event noun written right after the date.
        gap = 1 if after.startswith("の") else 0
        right = [t for t in tokens if t.start == e + gap and t.kind in ("content", "pred")]
        eventive = [t for t in right if t.kind == "pred" or _eventive(t)]
        event |= {k for t in eventive for k in t.keys}
        # Written straight before another noun, a year picks an edition or a period
        # of it (2028年のオリンピック, 2019年シーズン, 平成30年度, "the 2031 summit").
        if lang == "ja":
            refines = bool(right) and any(w in right[0].text for w in _cues().periods_ja)  # 令和4年の秋
            formal = bool(right) and right[0].text in _FORMAL_NOUNS  # 享保15年のことである
            qualifier = len(mention.value) == 4 and (bool(right) and not eventive and not refines and not formal
                                                      or after.startswith("度") and not re.match(r"度(?:中|内|に)", after))
        else:
            qualifier = len(mention.value) == 4 and bool(re.match(r"\s+[A-Za-z]", text[e:e + 2])) and not re.match(
                r"\s+(?:and|to|or|when|after|before|until|with|as|in|at|on|for|by|from|but|while)\b", text[e:e + 8])
        value = mention.value
        part = _year_part(text, s, e) if len(value) == 4 and value[0] != "-" else \
            _month_part(text, s, e) if len(value) == 7 or (len(value) == 4 and value[0] == "-") else ""
        if _lunisolar(mention):
            part = "lunar"
        out.append(DateValue(mention.text, value + (f"~{part}" if part else ""), s, e, clause,
                             frozenset(event), reference, qualifier and not reference and not part))
    return _span_bounds(text, _one_date_per_day(text, out), tokens), spans


_DATE_ENDS_CLAUSE_JA = re.compile(r"(?:に|には|にも|ごろ|頃)?[、，,]")
_GREGORIAN_SINCE = 1873  # Japan counted months by the moon until 明治5年12月2日


def _lunisolar(mention: DateMention) -> bool:
    """An era date with a month from before 1873 (天正10年6月2日): its month and day are of
    the lunisolar calendar, so its Western form falls weeks later (21 June 1582)."""
    value = mention.value
    return len(value) >= 7 and value[:4].isdigit() and int(value[:4]) < _GREGORIAN_SINCE \
        and any(era in mention.text for era in ERA_NAMES)


_RESTATED = re.compile(r"[\s)）]*(?:[(（][^()（）]{0,12}[)）])?[\s、,]*")


def _one_date_per_day(text: str, dates: list[DateValue]) -> list[DateValue]:
    """A year that a bracketed restatement and then its month or day follow is one date with
    them: 1923年（大正12年）2月12日 is 12 February 1923, not also "1923" twice (which would agree
    with any other day of that year)."""
    out: list[DateValue] = []
    begins: dict[int, int] = {}  # a date's index -> where the year that it continues was written
    for i, d in enumerate(dates):
        whole = next((j for j in range(i + 1, min(i + 3, len(dates)))
                      if dates[j].value.startswith(d.value + "-") and _RESTATED.fullmatch(text, d.end, dates[j].start)),
                     None) if len(d.value) == 4 and d.value.isdigit() else None
        if whole is not None:
            begins.setdefault(whole, begins.get(i, d.start))
            continue
        start = begins.get(i, d.start)
        out.append(replace(d, text=text[start:d.end], start=start) if start != d.start else d)
    return out


_HABITUAL = re.compile(r"毎年|毎月|毎週|毎日|例年|定期的|(?i:\b(?:every|each|annually|yearly|monthly|weekly)\b)")


def _placed(event: set[str]) -> bool:
    """Some key names a one-time act the event groups list (open, enact, suspend...)."""
    index = lexicon.event_group_index()
    return any(k in index for k in event)


def _event_subjects(text: str, tokens: list[Token], after: int) -> list[Token]:
    """Event nouns that are the subject of what follows a leading date: "an explosive eruption"
    before the first verb, 噴火 before が."""
    rest = [t for t in tokens if t.start >= after]
    first_pred = next((i for i, t in enumerate(rest) if t.kind == "pred"), len(rest))
    if lexicon.ja_has_cjk(text):
        return [t for t in rest if t.kind == "content" and _eventive(t) and text[t.end:t.end + 1] == "が"]
    return [t for t in rest[:first_pred] if t.kind == "content" and _eventive(t)]


# Nouns with no content of their own: a year before them names no edition of anything.
_FORMAL_NOUNS = frozenset({"こと", "事", "ころ", "頃", "とき", "時", "もの", "ところ", "うち"})

_SPAN_GAP = re.compile(r"\s*(?:to|till|until|through|[–—\-～〜~])\s*", re.I)


def _span_bounds(text: str, dates: list[DateValue], tokens: list[Token]) -> list[DateValue]:
    """Both ends of a span ("from 12 April to 8 September", 2024-07-20～2024-09-29) bound a
    state, as "from" and まで alone do: neither is the date of an event."""
    out = list(dates)
    for i in range(1, len(out)):
        first, second = out[i - 1], out[i]
        gap = text[first.end:second.start]
        between = re.search(r"(?i)\bbetween\s+$", text[:first.start]) and re.fullmatch(r"\s*and\s*", gap)
        if _SPAN_GAP.fullmatch(gap) and _lifespan(text, first, second, tokens):
            # 武満徹（1930年10月8日 - 1996年2月2日）, "Ada Lovelace (10 December 1815 – 27 November
            # 1852)": the encyclopedia's life dates after a name are a birth and a death.
            born, died = _life_events()
            out[i - 1] = replace(first, event=born, reference=False, qualifier=False)
            out[i] = replace(second, event=died, reference=False, qualifier=False)
        elif (_SPAN_GAP.fullmatch(gap) or between) and _days_apart(first.value, second.value) <= _SHORT_SPAN_DAYS:
            # "on the night of 2–3 December 1984", 7月12〜13日: one event over a night or a few days,
            # dated at the precision both ends share (its month); a state's span lasts longer.
            out[i - 1] = replace(first, text=text[first.start:second.end], value=first.value[:7] if first.value[:7] == second.value[:7] else first.value[:4],
                                 end=second.end)
            out[i] = replace(second, reference=True, qualifier=False)
        elif _SPAN_GAP.fullmatch(gap) or between:
            out[i - 1] = replace(first, reference=True, qualifier=False)
            out[i] = replace(second, reference=True, qualifier=False)
    return [d for d in out if not (d.reference and any(o.start < d.start and o.end >= d.end for o in out))]


_SHORT_SPAN_DAYS = 7
FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")  # a date value that names a day of a known year


def _days_apart(x: str, y: str) -> int:
    """Days between two full dates (2024-07-12, 2024-07-13); a large number for anything coarser."""
    if not (FULL_DATE.fullmatch(x) and FULL_DATE.fullmatch(y)):
        return 10**6
    try:
        return abs((datetime.date.fromisoformat(y) - datetime.date.fromisoformat(x)).days)
    except ValueError:
        return 10**6


def _lifespan(text: str, first: DateValue, second: DateValue, tokens: list[Token]) -> bool:
    """Two dated years in brackets straight after a name."""
    opened = _LIFESPAN_OPEN.search(text[:first.start])
    if opened is None or not _LIFESPAN_CLOSE.match(text, second.end):
        return False
    if first.value.startswith("--") or second.value.startswith("--"):
        return False
    paren = text.rfind("(", 0, first.start) if "(" in opened.group() else text.rfind("（", 0, first.start)
    return any(t.kind == "name" and text[t.end:paren].strip() == "" for t in tokens)


_LIFESPAN_OPEN = re.compile(r"\S\s*[(（]\s*(?:born\s+|b\.\s*)?$")
_LIFESPAN_CLOSE = re.compile(r"\s*[)）]")


@cache
def _life_events() -> tuple[frozenset[str], frozenset[str]]:
    """The event keys of a birth and of a death: the event groups of "bear" and "die"."""
    index = lexicon.event_group_index()

    def group_of(word: str) -> frozenset[str]:
        return frozenset(k for k, groups in index.items() if groups & index[stem(word)])

    return group_of("bear"), group_of("die")


# "the 2023/24 financial year", "the 2022/23 season": one year that straddles two, read as
# the fiscal year it starts (April to March, as 2023年度).
_SPLIT_YEAR = re.compile(r"\b((?:19|20)\d{2})/(\d{2})\b")
# FY2022: the date reader takes no year glued to letters.
_FISCAL_YEAR = re.compile(r"\bFY\s?((?:19|20)\d{2}|\d{2})\b")
# Decades (the 1990s, 1990年代) and English months named without a year ("closed last
# March", "in October"): the date reader leaves them out, as a claim's date they are too
# vague, but two of them still tell one event's dates apart (the 1990s / 2003; March / October).
_DECADE = re.compile(r"(?<![\d.,])(1\d|20)(\d)0(?:s\b|'s\b|年代)")
_BARE_MONTH = re.compile(
    r"(?i)\b(?:in|last|this|next|early|late|mid-?|since|until|by|during|through|throughout|from|between)\s+(?:(?:early|late|mid-?)\s*)?"
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"(?!\s*(?:\d|of\s+\d|,\s*\d))")
# The second month of a bare range: "between March and July", "from May to September".
_MONTH_RANGE_END = re.compile(
    r"(?i)\b(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\s*(?:to|and|through|until|till|-|–|—)\s*(?:(?:early|late|mid-?)\s*)?"
    r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"(?!\s*(?:\d|of\s+\d|,\s*\d))")
MONTH_NUMBER = {name.lower(): n for name, n in MONTHS.items()}


def _periods_as_dates(text: str, taken: list[tuple[int, int]]) -> list[tuple[DateMention, tuple[int, int]]]:
    out: list[tuple[DateMention, tuple[int, int]]] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for m in _FISCAL_YEAR.finditer(text):
        if free(m.start(1), m.end(1)):
            year = int(m[1]) if len(m[1]) == 4 else 2000 + int(m[1])  # the part reader marks it fiscal
            out.append((DateMention(m[1], str(year)), (m.start(1), m.end(1))))
    for m in _SPLIT_YEAR.finditer(text):
        if free(m.start(), m.end()):
            out.append((DateMention(m.group(), m[1]), (m.start(), m.end())))  # the part reader marks it fiscal
    for m in _DECADE.finditer(text):
        if free(m.start(), m.end()):
            out.append((DateMention(m.group(), f"{m[1]}{m[2]}0s"), (m.start(), m.end())))
    bare = list(_BARE_MONTH.finditer(text))
    ends = [m for m in _MONTH_RANGE_END.finditer(text) if any(m.start() < b.end("mon") <= m.start("mon") for b in bare)]
    for m in [*bare, *ends]:
        if free(m.start("mon"), m.end("mon")):
            value = f"--{MONTH_NUMBER[m['mon'].lower()]:02d}"
            out.append((DateMention(m["mon"], value), (m.start("mon"), m.end("mon"))))
            taken = [*taken, (m.start("mon"), m.end("mon"))]
    return out


@cache
def _year_part_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    parts = lexicon.cues()["year_parts"]
    words = {**{w.lower(): p for w, p in parts["en"].items()}, **parts["ja"]}
    en = "|".join(sorted((re.escape(w).replace("\\ ", r"\s+") for w in parts["en"]), key=len, reverse=True))
    ja = "|".join(sorted(map(re.escape, parts["ja"]), key=len, reverse=True))
    before = re.compile(rf"(?i)\b(?P<w>{en})(?:\s+|-)(?:of\s+)?(?:(?:the\s+)?fiscal(?:\s+year)?\s+|FY\s?)?$")
    after = re.compile(rf"^(?:年)?(?:度)?(?:の)?\s*(?P<w>{ja})|^\s+(?P<q>[QH][1-4])\b")
    return before, after, words


def _year_part(text: str, start: int, end: int) -> str:
    """The part of the year a year's mention is narrowed to: spring, q3, late (or ""), prefixed
    ``fiscal`` for a fiscal year (2024年度上期, "Q1 FY2025"), whose months no calendar tells."""
    before, after, words = _year_part_patterns()
    m = before.search(text[max(0, start - 40):start]) or after.match(text[end:end + 10])
    part = ""
    if m is not None:
        word = m.group("w") or m.groupdict().get("q") or ""
        part = words.get(re.sub(r"\s+", " ", word.lower()), words.get(word, ""))
    fiscal = "年度" in text[start:end + 1] or bool(_SPLIT_YEAR.fullmatch(text, start, end)) or bool(
        re.search(r"(?i)(?:fiscal(?:\s+year)?|FY)\s?$", text[max(0, start - 20):start]))
    if fiscal:
        return f"fiscal-{part}" if part else "fiscal"
    return part


@cache
def _month_part_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    parts = lexicon.cues()["year_parts"]
    en, ja = parts["month_en"], parts["month_ja"]
    before = re.compile(rf"(?i)\b(?P<w>{'|'.join(en)})(?:-|\s+)(?:of\s+)?$")
    after = re.compile(rf"^(?:の)?(?P<w>{'|'.join(sorted(ja, key=len, reverse=True))})")
    return before, after, {**{w.lower(): p for w, p in en.items()}, **ja}


def _month_part(text: str, start: int, end: int) -> str:
    """The part of the month a month's mention is narrowed to: 3月上旬, "late March" (or "")."""
    before, after, words = _month_part_patterns()
    m = before.search(text[max(0, start - 12):start]) or after.match(text[end:end + 4])
    return words.get(m["w"].lower(), words.get(m["w"], "")) if m else ""


@cache
def _light_words() -> frozenset[str]:
    data = lexicon.cues()["light_predicates"]
    return frozenset(stem(w) for w in data["en"]) | frozenset(data["ja"])


@cache
def _aspectual() -> frozenset[str]:
    data = lexicon.cues()["aspectual"]
    return frozenset(stem(w) for w in data["en"]) | frozenset(data["ja"])


def _event_keys(t: Token, tokens: list[Token]) -> frozenset[str]:
    """The keys of the event a predicate names: its own, or for "began X" / "Xを開始" the noun X's."""
    if t.lemma not in _aspectual() and stem(t.lemma) not in _aspectual():
        return t.keys
    i = tokens.index(t)
    if lexicon.ja_has_cjk(t.text):
        near = [u for u in tokens[max(0, i - 3):i] if u.kind in ("content", "pred")][-1:]
    else:
        # The head of the noun phrase after it: "gave the world premiere" -> premiere.
        run: list[Token] = []
        for u in tokens[i + 1:i + 6]:
            if u.kind in ("content", "pred"):
                run.append(u)
            elif run or u.kind not in ("func",):
                break
        near = run[-1:] or [u for u in tokens[max(0, i - 2):i] if u.kind in ("content", "pred")][-1:]
    return frozenset(k for u in near for k in u.keys) or t.keys


@cache
def _later_words() -> frozenset[str]:
    return frozenset(lexicon.cues()["later"]["en"])


def _dated_later(tokens: list[Token], t: Token, date_start: int) -> bool:
    """An English verb after the date with a time of its own ("closed on 1 January 2022 and
    reopened 18 months later"): the date is not its date."""
    if t.start < date_start or lexicon.ja_has_cjk(t.text):
        return False
    i = tokens.index(t)
    return any(u.text.lower() in _later_words() for u in tokens[max(0, i - 1):i + 6])


def _light(t: Token, *, dates: bool = False) -> bool:
    """A predicate with no event or measure of its own (was, reached, 達する).

    For dates, reporting verbs are events ("announced on 3 May"), so only
    the copulas and verbs of measure count as light.
    """
    words = _light_words()
    if dates and (t.lemma in _DATE_EVENTS or stem(t.lemma) in _DATE_EVENTS):
        return False
    return t.lemma in words or stem(t.lemma) in words


# Within the years the date reader accepts (1-2999), a leap year (2月29日 stays a date), and
# none a claim names: a date read with it has no year of its own.
_NO_YEAR = 2996
# Reporting verbs, and "held" (an event held in 2001), date an act though they are light elsewhere.
_DATE_EVENTS = frozenset({"announc", "report", "record", "confirm", "hold", "發表", "発表", "報告", "記録", "確認", "推定"})


def _eventive(t: Token) -> bool:
    """A noun that names an event: 公開 in 公開日, "opening", "launch" (it has a verb behind it)."""
    if lexicon.ja_has_cjk(t.text):
        return any(len(p) >= 2 and lexicon.ja_morphs(p)[:1] and lexicon.ja_morphs(p)[0].pos[2] == "サ変可能"
                   for p in {t.lemma, *lexicon.ja_parts(t.lemma)})
    return lexicon.verb_of(t.text) is not None


def _negations(text: str, tokens: list[Token], lang: str, consumed: frozenset[int] = frozenset()) -> int:
    cues = _cues()
    count = sum(1 for i, t in enumerate(tokens) if t.kind == "neg" and i not in consumed)
    folded = fold(text)
    patterns = cues.non_denial_ja if lang == "ja" else cues.non_denial_en
    spaced = re.sub(r"\b(?:did|does|do|has|have|had|was|were|is|are|could|would|can|will)\s+", "", folded)
    spaced = spaced.replace("n't", " not")
    for p in patterns:
        if p in spaced or p in folded:
            count -= 1
    count -= len((cues.non_denial_ja_rx if lang == "ja" else cues.non_denial_en_rx).findall(folded))
    return max(count, 0)


_ORDINAL = re.compile(r"第\s*([0-9一二三四五六七八九十百]+)\s*(?:回|期|代|号|次|弾|戦|世代|作)"
                      r"|\b(\d+)(?:st|nd|rd|th)\b|\bno\.\s*(\d+)|([0-9一二三四五六七八九十]+)(?:代目|番目|回目|期目)"
                      r"|(初代|最初の|first|second|third|fourth|fifth)")
_ORDINAL_WORDS = {"初代": "1", "最初の": "1", "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5"}


def _ordinals(text: str) -> frozenset[str]:
    out = set()
    for m in _ORDINAL.finditer(fold(text)):
        g = next(g for g in m.groups() if g)
        n = _ORDINAL_WORDS.get(g) or (g if g.isdigit() else str(kanji_int(g) or g))
        out.add(n)
    return frozenset(out)


_SUBORDINATORS_EN = frozenset({"where", "which", "who", "whose", "whom", "when", "since", "after", "before", "because",
                               "although", "though", "while", "whereas", "unless", "until"})


def _subordinate(tokens: list[Token], lang: str) -> frozenset[int]:
    """English negations in a later clause that a relative or subordinating word opens ("the
    orchid, which had not been seen since 1951"): they deny the aside, not what the claim says."""
    if lang == "ja":
        return frozenset()
    opened: set[int] = set()
    seen: set[int] = set()
    for t in tokens:
        if t.kind == "punct" or t.clause in seen:
            continue
        seen.add(t.clause)
        if t.clause > 0 and t.text.lower() in _SUBORDINATORS_EN:
            opened.add(t.clause)
    return frozenset(i for i, t in enumerate(tokens) if t.kind == "neg" and t.clause in opened)


def _reasons(tokens: list[Token], lang: str) -> frozenset[int]:
    """Japanese negations that end a clause of reason (完了していないため, 届かなかったので): they
    say why, and deny nothing the claim asserts."""
    if lang != "ja":
        return frozenset()
    out = set()
    for i, t in enumerate(tokens):
        if t.kind != "neg":
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].kind == "func" and tokens[j].lemma in ("た", "の", "だ") \
                and tokens[j].text != "で":
            j += 1
        if j < len(tokens) and (tokens[j].text in ("ため", "ので", "から") or tokens[j].text == "で" and tokens[j - 1].text == "の"):
            out.add(i)
    return frozenset(out)


_NEGATED_NEGATION = frozenset({"わけ", "訳", "こと", "事", "もの", "物", "の"})


def _denials(tokens: list[Token], lang: str, consumed: frozenset[int]) -> tuple[frozenset[str], ...]:
    """The keys each free negation governs, one set per negation."""
    # A negation of a formal noun (…ないわけではない, ないことはない) denies the negation before
    # it: it governs no word of its own, and always counts.
    return tuple(frozenset(k for j in governed(tokens, i, lang) if tokens[j].text not in _NEGATED_NEGATION
                           for k in (tokens[j].keys or {tokens[j].lemma}))
                 for i, t in enumerate(tokens) if t.kind == "neg" and i not in consumed)


def _negated(tokens: list[Token], lang: str, consumed: frozenset[int] = frozenset()) -> frozenset[str]:
    """Keys of what each negation denies: the predicate before ない, the words after "not"."""
    out: set[str] = set()
    for i, t in enumerate(tokens):
        if t.kind != "neg" or i in consumed:
            continue
        for j in governed(tokens, i, lang):
            out |= tokens[j].keys or {tokens[j].lemma}
    return frozenset(out)


def governed(tokens: Sequence[Token], i: int, lang: str) -> list[int]:
    """The tokens the negation at ``i`` denies: the predicate before ない, the words after "not"."""
    t = tokens[i]
    words = ("pred", "content")
    if lang == "ja" and t.lemma in _cues().neg_aux_ja:
        doing = [j for j in range(max(0, i - 3), i) if tokens[j].lemma in _aspectual()][-1:]
        done = [k for j in doing for k in _object_of_doing(tokens, j)]
        last = [j for j in range(max(0, i - 4), i) if tokens[j].kind in words][-1:]
        return done + [j for j in last if j in doing] if done else last
    if lang == "ja":
        # 否定/否認 deny the words before them (関与を否定); 未 the word after (未確認).
        if t.text in _cues().neg_prefixes_ja:
            return [j for j in range(i + 1, min(len(tokens), i + 2)) if tokens[j].kind in words]
        return [j for j in range(max(0, i - 3), i) if tokens[j].kind in words][-1:]
    out = [j for j in range(i + 1, min(len(tokens), i + 5)) if tokens[j].kind in (*words, "name")][:2]
    if t.lemma in ("no", "nothing", "none") and i and tokens[i - 1].kind == "pred":
        out.append(i - 1)  # "found no sign of ice" denies the finding
    return out


def _object_of_doing(tokens: Sequence[Token], k: int) -> list[int]:
    """The noun a Japanese verb that only does an act (行う, 実施する) takes as its object:
    値上げを来春まで行わない denies the 値上げ."""
    for j in range(k - 1, max(0, k - _JA_ENDINGS_REACH), -1):
        if tokens[j].kind in ("punct", "pred"):
            return []
        if tokens[j].text in ("を", "は", "も") and tokens[j - 1].kind == "content":
            return [j - 1]
    return []


def _additive(tokens: list[Token], lang: str) -> bool:
    """The claim adds its source or doer to another's: "the Census Bureau also estimates",
    米国勢調査局の推計でも, ロイター通信も報じた.  In Japanese the particle も after a name or a
    noun of a source; a figure's も (1万人も, as many as) is emphasis, not addition."""
    words = lexicon.cues()["additive"]
    if lang != "ja":
        return any(t.text.lower() in words["en"] for t in tokens)
    for i, t in enumerate(tokens):
        before = i - 1 if i and tokens[i - 1].text != "で" else i - 2  # 推計でも: で and も are two tokens
        if t.text in words["ja"] and before >= 0 and tokens[before].kind in ("name", "content"):
            return True
    return False


def _hedged(text: str, tokens: list[Token], lang: str) -> bool:
    cues = _cues()
    if any(h in text for h in cues.hedges_ja) or re.search(r"(?:ではない|じゃない)か", text):
        return True
    # Whole words, not stems: "reportedly" hedges, "reported" does not; the month May does not.
    return any((t.lemma.lower() in cues.hedges_en or t.text.lower() in cues.hedges_en)
               and not _month_may(tokens, i)
               for i, t in enumerate(tokens) if t.kind in ("content", "pred", "func"))


def _month_may(tokens: list[Token], i: int) -> bool:
    """"in May 2024", "on 3 May": the month, not the modal verb."""
    if tokens[i].text != "May":
        return False
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    before = tokens[i - 1] if i > 0 else None
    return (after is None or after.kind in ("num", "punct")) or (
        before is not None and (before.kind == "num" or before.lemma in ("in", "on", "of", "since", "until", "by", "last", "next", "this", "early", "late", "mid")))


@cache
def named_scales(key: str) -> frozenset[int]:
    """The antonym scales a vocabulary list names by a word of each one's first pole
    (``change_scales``, ``lasting_scales``, ``converse_scales``)."""
    poles = _cues().poles
    return frozenset(scale for word in lexicon.cues()[key] for scale, pole in poles.get(word, ()) if pole == 0)


@cache
def _not_poles() -> frozenset[str]:
    return frozenset(lexicon.cues()["not_poles"])


def pole_forms(t: Token) -> tuple[str, ...]:
    """The forms of a word looked up in the antonym scales."""
    if t.lemma.lower() in _not_poles():
        return ()  # "the competition authority": its stem meets authorize, but it names no act
    forms: tuple[str, ...] = (t.lemma, stem(t.lemma), t.text)
    if t.kind == "content" and t.text.isascii():
        # "sales rose 6%": a verb form the tagger took for a noun (the rose) still moves a scale;
        # so does an event noun through its verb ("no significant reduction" ~ reduce).
        forms += tuple(en_lemmas(t.text.lower()).get("VERB", ())[:1])
        verb = lexicon.verb_of(t.text)
        if verb is not None:
            forms += (verb, stem(verb))
    return forms


_Poles = frozenset[tuple[int, int]]


@cache
def _denying_prefixes_en() -> tuple[str, ...]:
    return tuple(lexicon.cues()["negation"]["en_prefixes"])


def denied_root(word: str) -> str | None:
    """The word an English negating prefix denies (unsound -> sound, non-binding -> binding), or
    None when the word bears no such prefix."""
    low = word.lower()
    if not low.startswith(_denying_prefixes_en()):
        return None
    for prefix in _denying_prefixes_en():
        low = low.removeprefix(prefix)
    return low.lstrip("-")


@cache
def _verb_poles() -> dict[str, tuple[str, ...]]:
    """Negating verbs whose bare use is a pole, each with the scale words whose poles it takes."""
    return {k: tuple(v) for k, v in lexicon.cues()["negation"].get("en_verb_poles", {}).items()}


def _poles(tokens: list[Token], lang: str) -> tuple[_Poles, frozenset[int], _Poles, int]:
    """Antonym poles of the predicates, each flipped when a negation governs it ("not approved" is
    "rejected"; on a directional scale "did not rise" is "not up", see :func:`denied`).

    Also returns the indexes of the negations so consumed, which no longer count as free
    negations, the poles of the head predicate (in Japanese the last one: 禁止する条例案を
    可決した passed the ordinance; elsewhere all of them), and how many negative-pole words the
    claim asserts rather than uses to name a thing (死んだ鶏から検出した: the dead birds are no
    denial).
    """
    cues = _cues()
    out: set[tuple[int, int]] = set()
    used: set[int] = set()
    head: set[tuple[int, int]] = set()
    asserted: set[tuple[int, int]] = set()
    shared: list[set[int]] = []  # the scales of each word, which count as one negative word
    first: set[tuple[int, int]] = set()  # English: the poles of the first verb that has any
    for i, t in enumerate(tokens):
        if t.kind == "neg" and t.lemma in _verb_poles() and not (i + 1 < len(tokens) and tokens[i + 1].lemma == "to"):
            # "the launch failed" is the failure pole; only "failed to X" negates X.
            out |= {sp for word in _verb_poles()[t.lemma] for sp in cues.poles.get(word, set())}
            used.add(i)
            continue
        if t.kind not in ("pred", "content") or _period_end(tokens, i, lang) or _qualifier(tokens, i) \
                or _names_a_time(tokens, i, lang) or (lang == "en" and _prenominal(tokens, i)):
            continue
        found: set[tuple[int, int]] = set()
        phrasal = _phrasal(tokens, i, lang)
        # "took part": the phrase if the scales list it, else the verb and the single verbs it means.
        for form in (phrasal,) if phrasal in cues.poles else (*_phrasal_table().get(phrasal, ()), *pole_forms(t)):
            found |= cues.poles.get(form, set())
        root = denied_root(t.text) if not found and lang == "en" else None
        if root is not None:
            # unsuccessful, nonprofit...: the pole of the word without its negating prefix, flipped.
            flipped = {(sc, 1 - po) for form in (root, stem(root)) for sc, po in cues.poles.get(form, set())}
            out |= flipped
            continue
        if not found:
            continue
        neg = _governing_negation(tokens, i, lang)
        if neg is not None:
            used.add(neg)
            found = {denied(scale, pole) for scale, pole in found}
        if _forgone(tokens, i, lang):
            found = {(scale, 1 - pole) for scale, pole in found}
        out |= found
        if not (lang == "ja" and _attributive(tokens, i)):
            asserted |= found
            shared.append({scale for scale, _ in found})
        if t.kind == "pred":
            head = found
            if not first and not _framed_or_relative(tokens, i):
                first = found
    directions = _figure_directions(tokens, lang)
    out |= directions
    # The head: in Japanese the last verb (禁止する条例案を可決した); in English the first verb with a
    # pole (approved the project, dismissing the objections; rejected the recommendation to cut).
    head = head if lang == "ja" else first
    return (frozenset(out), frozenset(used), frozenset(head or out),
            _negative_words(asserted | directions, shared))


_BEFORE_NOUN_PHRASE = frozenset({"a", "an", "the", "of", "in", "with", "by", "amid", "after", "despite", "on",
                                 "from", "to", "for", "its", "their", "his", "her", "our", "and"})


def _prenominal(tokens: list[Token], i: int) -> bool:
    """An English participle in -ing before its noun at the start of a noun phrase ("Soaring fuel
    costs have kept boats in port", "amid falling demand"): it describes the thing, the claim
    asserts something else of it."""
    t = tokens[i]
    if not t.text.lower().endswith("ing") or i + 1 >= len(tokens) or tokens[i + 1].kind not in ("content", "name"):
        return False
    return i == 0 or tokens[i - 1].kind == "punct" or tokens[i - 1].text.lower() in _BEFORE_NOUN_PHRASE


def _negative_words(asserted: set[tuple[int, int]], shared: list[set[int]]) -> int:
    """How many negative-pole words a claim asserts, the scales one word stands on counted once:
    中止 is both "closed" and "called off", and is no double negative."""
    # A change ("renamed"), a move ("fell") or one side of a relation ("sold", "lost") is no
    # denial: only the poles that undo or refuse an act count.
    neutral = named_scales("change_scales") | named_scales("directional_scales") | named_scales("converse_scales")
    groups = [{s} for s in sorted({s for s, pole in asserted if pole == 1} - neutral)]
    for scales in shared:
        joined = [g for g in groups if g & scales]
        if len(joined) > 1:
            groups = [g for g in groups if not g & scales] + [set().union(*joined)]
    return len(groups)


def _framed_or_relative(tokens: list[Token], i: int) -> bool:
    """An English verb that frames a clause ("confirmed that", "agreed that") or stands in a
    relative clause ("which had been closed"): not the act the claim is about."""
    after = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
    before = {u.text.lower() for u in tokens[max(0, i - 4):i]}
    return after == "that" or bool(before & {"which", "who", "whose"})


# Endings a Japanese verb may take and still modify the noun after it (死んだ鶏, 廃止された路線).
_ATTRIBUTIVE_ENDINGS = frozenset({"た", "だ", "為る", "れる", "られる", "せる", "させる"})


def _attributive(tokens: list[Token], i: int) -> bool:
    """A Japanese verb in the past that names the noun straight after it (死んだ鶏, 廃止された路線):
    a relative clause.  In the present it more often says what the noun holds (棄却する決定)."""
    j = i + 1
    while j < len(tokens) and tokens[j].kind == "func" and tokens[j].lemma in _ATTRIBUTIVE_ENDINGS:
        j += 1
    if tokens[j - 1].lemma not in ("た", "だ"):
        return False
    if j + 1 < len(tokens) and tokens[j].kind == "func" and _KANJI_PREFIX.fullmatch(tokens[j].text):
        j += 1  # 見つけた新彗星: a prefix (新, 旧, 全) opens the noun
    return j < len(tokens) and tokens[j].kind in ("content", "name") and tokens[j].lemma not in _FORMAL_NOUNS_JA


_KANJI_PREFIX = re.compile(r"[\u4e00-\u9fff]")


# Nouns that make a clause a noun (延期することが決まった) rather than name a thing.
_FORMAL_NOUNS_JA = frozenset({"事", "こと", "物", "もの", "所", "ところ", "旨", "の"})


NOT_UP, NOT_DOWN = 2, 3  # the poles of a denied move on a directional scale ("did not rise")


def denied(scale: int, pole: int) -> tuple[int, int]:
    """The pole a negation leaves: the other pole of an either-or scale (not approved is
    rejected), "not up" / "not down" on a directional one (not risen is fallen or unchanged)."""
    if scale in named_scales("directional_scales") and pole in (0, 1):
        return scale, NOT_UP if pole == 0 else NOT_DOWN
    return scale, 1 - pole if pole in (0, 1) else pole


@cache
def _contrast_words() -> frozenset[str]:
    return frozenset(str(m).lower() for senses in lexicon.cues()["contrast_sets"] for members in senses for m in members)


def _qualifier(tokens: list[Token], i: int) -> bool:
    """A word of a contrast set naming which one of a pair a noun is ("the opening ceremony",
    "the closing ceremony"): it picks an event, it does not open or close anything."""
    t = tokens[i]
    return t.text.lower() in _contrast_words() and i + 1 < len(tokens) and tokens[i + 1].kind in ("content", "name")


# Words after an act that make it a point in time (開始後, 閉鎖前, 開業以来): the act dates what
# the claim says, it is not what the claim says.
_TIME_AFTER_ACT_JA = frozenset({"後", "前", "以来", "以降", "当時", "直後", "直前"})


def _names_a_time(tokens: list[Token], i: int, lang: str) -> bool:
    """制度開始後初めて: the start only dates the first time; it is no claim that something started."""
    return lang == "ja" and i + 1 < len(tokens) and tokens[i + 1].text in _TIME_AFTER_ACT_JA


def _period_end(tokens: list[Token], i: int, lang: str) -> bool:
    """"The year ending March 2023", "the quarter ended 30 June": an end that names where a period
    stops, which closes nothing."""
    if lang != "en" or tokens[i].lemma.lower() != "end":
        return False
    words = lexicon.cues()["period_ends_en"]
    months = lexicon.cues()["periods"]["en"]
    before = tokens[i - 1].lemma.lower() if i else ""
    after = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
    return before in words or after in months or after[:1].isdigit()


def _figure_directions(tokens: list[Token], lang: str) -> set[tuple[int, int]]:
    """The poles of direction words beside a figure: "down 4.1 percent", "4.1% higher", 4.1%安."""
    data = lexicon.cues()
    words: dict[str, str] = data["figure_directions"]["ja" if lang == "ja" else "en"]
    units = set(data["figure_direction_units"])
    poles = _cues().poles
    out: set[tuple[int, int]] = set()
    for i, t in enumerate(tokens):
        if t.kind != "num":
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].text.lower() in units:
            j += 1
        near = ([tokens[i - 1]] if i and lang != "ja" else []) + ([tokens[j]] if j < len(tokens) and j > i + 1 else [])
        for u in near:
            verb = words.get(u.text if lang == "ja" else u.text.lower())
            if verb is not None:
                out |= poles.get(verb, set())
    return out


_PARTICLES = frozenset({"down", "off", "out", "back", "up", "away", "ahead"})


def _phrasal(tokens: list[Token], i: int, lang: str) -> str:
    """A verb with its particle, which the antonym table may list whole: "vote down", "lay off"."""
    if lang != "en" or i + 1 >= len(tokens):
        return ""
    phrase = f"{tokens[i].lemma} {tokens[i + 1].text.lower()}"
    return phrase if tokens[i + 1].text.lower() in _PARTICLES or phrase in _phrasal_table() else ""


@cache
def _forgo_words() -> frozenset[str]:
    data = lexicon.cues()["forgo"]
    return frozenset(data["ja"]) | frozenset(stem(w) for w in data["en"]) | frozenset(data["en"])


@cache
def _plan_nouns() -> frozenset[str]:
    return frozenset(lexicon.cues()["plan_nouns"]["ja"])


def _forgone(tokens: list[Token], i: int, lang: str) -> bool:
    """The act at ``i`` is called off by a verb next to it: 引き上げを見送った, "shelved plans to raise"."""
    words = _forgo_words()
    if tokens[i].lemma in words or stem(tokens[i].lemma) in words:
        return False
    if lang == "ja":
        # 閉鎖計画を撤回: the plan of an act called off calls off the act.
        plans = _plan_nouns()
        near = [u for u in tokens[i + 1:i + 5] if u.kind in ("pred", "content") and u.lemma not in plans][:1]
    else:
        near = [u for u in tokens[max(0, i - 4):i] if u.kind in ("pred", "content")][-2:]
    return any(u.lemma in words or stem(u.lemma) in words for u in near)


# Verbs of becoming: a negation after them denies the state they lead into (赤字にならなかった).
_CHANGE_OF_STATE_JA = frozenset({"成る", "なる", "転落", "転じる", "陥る", "至る"})

_SCOPE_BREAKS = frozenset({"but", "and", "while", "whereas", "although", "though", "because", "when", "after",
                           "before", "since", "which", "who", "that"})


def _refused(tokens: list[Token], lang: str) -> frozenset[str]:
    """What a negative-pole predicate acts on: the noun before it in Japanese, after it in English."""
    cues = _cues()
    out: set[str] = set()
    for i, t in enumerate(tokens):
        if t.kind not in ("pred", "content"):
            continue
        poles = {p for form in pole_forms(t) for _, p in cues.poles.get(form, set())}
        if _governing_negation(tokens, i, lang) is not None:
            poles = {1 - p for p in poles}  # 有意差は認められなかった: a denied acceptance refuses too
        if 1 not in poles:
            continue
        if lang == "ja":
            near = [u for u in tokens[max(0, i - 3):i] if u.kind in ("content", "pred", "name")][-1:]
        else:
            near = [u for u in tokens[i + 1:i + 4] if u.kind in ("content", "pred", "name")][:2]
        out |= {k for u in near for k in (u.keys or {u.lemma})}
    return frozenset(out)


_JA_ENDINGS_REACH = 8


def _governing_negation(tokens: list[Token], i: int, lang: str) -> int | None:
    if lang == "ja":
        # Past the endings between (解除されていない: さ, れ, て, い), up to the next word.
        for j in range(i + 1, min(len(tokens), i + _JA_ENDINGS_REACH)):
            if tokens[j].kind == "neg" and (tokens[j].lemma in _cues().neg_aux_ja
                                            or tokens[j].lemma == "無い" and tokens[j - 1].text in ("は", "も")):
                return j  # …しない; …することはない (the act made a noun by こと, then denied)
            if tokens[j].kind == "neg" and tokens[j - 1].text == "を" and tokens[j].lemma in _cues().neg_words_ja:
                return j  # 減益を免れた, 関与を否定した: a verb that denies its object
            if tokens[j].kind == "pred" and tokens[j].lemma in _CHANGE_OF_STATE_JA:
                continue  # 赤字に転落しなかった: the negation reaches the state, not only the change
            if tokens[j].kind == "content" and tokens[j].text in ("こと", "事"):
                continue  # 前年を下回ることはなかった: the act made a noun, then denied
            if tokens[j].kind in ("pred", "content", "punct", "name"):
                break
        return _negated_doing(tokens, i)
    # English: a negation governs the verb after it and that verb's object
    # ("failed to win shareholder approval" denies the approval too).
    seen_pred = False
    for j in range(i - 1, max(-1, i - 7), -1):
        t = tokens[j]
        if t.kind == "neg":
            # "not only won … but also", "have not ruled out failure": no denial of what follows.
            return None if _non_denial_en_at(tokens, j) else j
        if t.kind == "punct" or t.lemma in _SCOPE_BREAKS:
            return None
        if t.kind == "pred":
            if seen_pred or _negative_pole(tokens, j):
                # "have not ruled out mechanical failure": the failure stays a possible one.
                return None
            seen_pred = True
    return None


def _negated_doing(tokens: list[Token], i: int) -> int | None:
    """値上げを来春まで行わない: an act named by a noun, the object of a verb that only does it
    (行う, 実施する, 開始する), is denied with that verb."""
    if tokens[i].kind != "content" or i + 1 >= len(tokens) or tokens[i + 1].text not in ("を", "は", "も"):
        return None
    for k in range(i + 2, min(len(tokens), i + _JA_ENDINGS_REACH + 2)):
        if tokens[k].kind == "punct":
            return None
        if tokens[k].lemma in _aspectual():
            return _governing_negation(tokens, k, "ja")
        if tokens[k].kind == "pred":
            return None
    return None


_NOT_ONLY = ("not only", "not just", "not merely", "not simply")


def _non_denial_en_at(tokens: list[Token], j: int) -> bool:
    said = " ".join(t.text.lower() for t in tokens[j:j + 3])
    return said.startswith(_NOT_ONLY)


def _negative_pole(tokens: list[Token], j: int) -> bool:
    """A verb of refusal or undoing (rule out, deny, reject): a negation of it leaves its object as is."""
    forms = (_phrasal(tokens, j, "en"), *pole_forms(tokens[j]))
    return any(pole == 1 for form in forms for _, pole in _cues().poles.get(form, ()))


_JA_CASE = {"が": "agent", "は": "agent", "も": "agent", "では": "agent", "を": "patient", "に": "patient",
            "へ": "patient", "によって": "agent", "により": "agent"}
_BE = frozenset({"is", "was", "were", "are", "been", "be", "being"})


def _chunks(tokens: list[Token]) -> list[tuple[int, int]]:
    """Runs of nouns and names (index ranges), the phrases that fill slots."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if tokens[i].kind in ("content", "name"):
            j = i
            while j + 1 < len(tokens) and tokens[j + 1].kind in ("content", "name", "num") \
                    and tokens[j + 1].start - tokens[j].end <= 1:
                j += 1
            while j > i and tokens[j].kind == "num":
                j -= 1  # "Kobe 3-1": the score is not part of the name
            out.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return out


def _word_keys(t: Token) -> frozenset[str]:
    """A Latin name's words one by one (Sable Esports ~ Esports), else its whole form."""
    words = _STEMS.findall(t.lemma)
    return frozenset(stem(w) for w in words) if len(words) > 1 else frozenset({t.lemma})


def _subordinate_preds(tokens: list[Token]) -> dict[int, int]:
    """Each English clause opened by a subordinator (after, when, because), with the index of
    its first predicate."""
    out: dict[int, int] = {}
    opened = {t.clause for k, t in enumerate(tokens)
              if t.lemma in _SUBORDINATORS and (k == 0 or tokens[k - 1].clause != t.clause)}
    for k, t in enumerate(tokens):
        if t.clause in opened and t.kind == "pred" and t.clause not in out:
            out[t.clause] = k
    return out


def _args(text: str, tokens: list[Token], lang: str) -> list[Arg]:
    out: list[Arg] = []
    chunks = _chunks(tokens)
    first_pred = next((i for i, t in enumerate(tokens) if t.kind == "pred"), None)
    subordinate = _subordinate_preds(tokens) if lang == "en" else {}
    passive = first_pred is not None and lang == "en" and any(
        t.text.lower() in _BE for t in tokens[max(0, first_pred - 3):first_pred]) \
        and tokens[first_pred].text.lower().endswith(("ed", "en", "wn", "lt", "ught"))
    for i, j in chunks:
        piece = tokens[i:j]
        if all(t.kind == "content" and t.kind != "name" and not t.keys for t in piece):
            continue
        if lang == "en" and all(_adverbial(t) for t in piece):
            continue  # "first lit in 1849", "almost a century later": no doer, nothing done to
        role: Role = "other"
        if lang == "ja":
            after = _after_ja(text, piece[-1].end, 4)
            for particle in sorted(_JA_CASE, key=len, reverse=True):
                if after.startswith(particle):
                    role = _JA_CASE[particle]  # type: ignore[assignment]
                    if _next_pred_passive(tokens, j) and (particle != "に" or any(t.kind == "name" for t in piece)):
                        # 北陽電機は東和精工に買収された: the topic is what was done to, a name before
                        # に did it; 世界遺産に (no name) is where it went.
                        role = _JA_PASSIVE_CASE.get(particle, role)  # type: ignore[assignment]
                    break
        elif first_pred is not None:
            before = text[max(0, piece[0].start - 12):piece[0].start].lower()
            own_pred = subordinate.get(piece[0].clause)
            if re.search(r"\bby (?:the |(?:dr|mr|mrs|ms|prof|sir)\.? )?$", before):
                role = "agent"
            elif own_pred is not None:
                # "…jumped after the FDA approved it": in its own clause, the doer of that clause's act.
                role = "agent" if j <= own_pred else "patient"
            elif j <= first_pred:
                role = "patient" if passive else "agent"
            elif i > first_pred:
                role = "patient"
        keys = frozenset(k for t in piece for k in (t.keys or _word_keys(t)))
        own = frozenset(k for t in piece for k in (t.own or _word_keys(t)))
        out.append(Arg(text[piece[0].start:piece[-1].end], keys, own, role, piece[0].start))
    return out


_JA_PASSIVE_CASE = {"が": "patient", "は": "patient", "も": "patient", "に": "agent"}


def _next_pred_passive(tokens: list[Token], j: int) -> bool:
    """Whether the first predicate after token ``j`` (the verb an argument ending there goes
    with) is passive: ベルギーがオランダを承認したことで停止された gives ベルギー to 承認した."""
    k = next((k for k in range(j, len(tokens)) if tokens[k].kind == "pred"), None)
    return k is not None and _passive_ja(tokens, k)


_ADVERBIAL = frozenset({"first", "later", "once", "again", "still", "soon", "ago"})


def _adverbial(t: Token) -> bool:
    """A word that only says when or how (first, later, finally, officially): an adverb."""
    if t.kind not in ("content", "pred"):
        return False
    low = t.text.lower()
    return low in _ADVERBIAL or set(en_lemmas(low)) == {"ADV"}


def _frames(text: str, tokens: list[Token], args: list[Arg], lang: str, dated: list[tuple[int, int]]) -> list[Frame]:
    """Each predicate with the nearest agent and patient before it in its clause (Japanese),
    or around it (English: the agent before, the patient after).  Dates are no objects."""
    out: list[Frame] = []
    tokens = [u for u in tokens if not any(s <= u.start < e for s, e in dated)]
    sub = _subordinate_preds(tokens) if lang == "en" else {}
    for i, t in enumerate(tokens):
        if t.kind != "pred" or _light(t, dates=True):
            continue
        if lang == "ja":
            before = [g for g in args if g.start < t.start and _clause_at(tokens, g.start) == t.clause]
            # 交通事故により死去した: with an active verb, により gives the cause, not the doer.
            agent = next((g for g in reversed(before) if g.role == "agent"
                          and not text.startswith(_JA_BY, g.start + len(g.text))), None)
            if agent is None:
                agent = _relative_head(tokens, i, args)
            if agent is None:
                # The topic (Xは) of a sentence is the subject of its later clauses too.
                agent = next((g for g in args if g.start < t.start and g.role == "agent"), None)
            patient = next((g for g in reversed(before) if g.role == "patient"), None)
            lo = agent.start + len(agent.text) if agent else min((u.start for u in tokens if u.clause == t.clause), default=0)
            span = [u for u in tokens if lo <= u.start < t.start]
            if _passive_ja(tokens, i):
                # 富士山は世界遺産に登録された: the topic (a patient already, see _args) is what the act
                # was done to; the doer, if any, a name before に or によって.
                # The subject (Xは, Xが) of a passive is what the act was done to, even where an
                # earlier active predicate made it an agent (…は、…にあたる1984年に…結成された).
                subjects = [g for g in args if g.start < t.start and g.role == "agent"
                            and text.startswith(_JA_SUBJECT_MARKS, g.start + len(g.text))]
                doers = [g for g in before if g.role == "agent" and g not in subjects]
                topic = next((g for g in before if g.role == "patient"), None) or next(
                    (g for g in args if g.start < t.start and g.role == "patient"), None) or next(
                    iter(subjects), None)
                agent, patient = (doers[-1] if doers else None), topic or agent or patient
        else:
            # A subordinate clause ("after the FDA approved it") holds its own doer and object.
            agent = next((g for g in reversed(args) if g.start < t.start and g.role == "agent"
                          and (t.clause not in sub or _clause_at(tokens, g.start) == t.clause)), None)
            if agent is not None:
                # The head of the subject comes first; "at the summit crater" after it only places it.
                agent = _subject_head(text, agent, args)
            patient = next((g for g in args if g.start > t.start and g.role == "patient"
                            and not (_clause_at(tokens, g.start) in sub and _clause_at(tokens, g.start) != t.clause)),
                           None)
            span = [u for u in tokens if u.start > t.start and u.clause == t.clause]
        objects = frozenset(k for u in span if u.kind in ("content", "name") and not (lang == "en" and _adverbial(u))
                            for k in (u.own or {u.lemma}))
        out.append(Frame(t.keys, t.own, t.text, agent, patient, objects))
    return out


_PLACE_LINK = re.compile(r"\s+(?:at|in|of|on|from|near|for|with|off)\s+(?:(?:the|a|an|its|their)\s+)?", re.I)


def _subject_head(text: str, agent: Arg, args: list[Arg]) -> Arg:
    """"an explosive eruption at the summit crater sent…": the doer is the eruption, the phrase
    before the prepositions that only place or qualify it."""
    while True:
        before = [g for g in args if g.role == "agent" and g.start + len(g.text) <= agent.start]
        if not before or not _PLACE_LINK.fullmatch(text, before[-1].start + len(before[-1].text), agent.start):
            return agent
        agent = before[-1]


_JA_SUBJECT_MARKS = ("は", "が")
_JA_BY = ("により", "によって", "による")


def _passive_ja(tokens: list[Token], i: int) -> bool:
    """A Japanese predicate in the passive voice: 登録された, 選ばれる, 建てられた."""
    tail = "".join(u.text for u in tokens[i + 1:i + 4] if u.kind in ("func", "neg"))
    # The auxiliary is its own morpheme (選ば+れ+た); a verb ending in れ (生まれた, 壊れた) is no passive.
    return tail.startswith(("され", "れる", "れた", "られ", "れ、", "れて"))


def _relative_head(tokens: list[Token], i: int, args: list[Arg]) -> Arg | None:
    """始まった朝鮮戦争: the noun a Japanese relative clause modifies is its predicate's subject."""
    j = i + 1
    while j < len(tokens) and tokens[j].kind == "func" and tokens[j].text in ("し", "た", "だ", "て", "い", "る", "れ", "さ"):
        j += 1
    if j < len(tokens) and tokens[j].kind in ("content", "name") and tokens[j].text not in _relational_nouns():
        return next((g for g in args if g.start == tokens[j].start), None)
    return None


@cache
def _relational_nouns() -> frozenset[str]:
    """完成以来, 開業当時: nouns that place a Japanese act rather than name what did it."""
    return frozenset(lexicon.cues()["ja_relational_nouns"])


def _clause_at(tokens: list[Token], pos: int) -> int:
    return next((t.clause for t in tokens if t.start == pos), -1)


_CORRECTION_JA = re.compile(r"([^、。「」『』\s]{1,20}?)(?:ではなく|でなく|ではない)")
_CORRECTION_EN = re.compile(r"\bnot (?:by |from |in |to |at )?(?:the )?([A-Z][\w\-]*(?: [A-Z][\w\-]*)*|[a-z]+(?: [a-z]+)?)"
                            r",? but\b|\b(?:rather than|instead of) (?:by )?(?:the )?([A-Z][\w\-]*(?: [A-Z][\w\-]*)*)"
                            r"|,? not (?:by |from )?(?:the )?([A-Z][\w\-]*(?: [A-Z][\w\-]*)*)[.;]?$")


QUOTE = re.compile(r"「([^」]{6,})」|“([^”]{10,})”|\"([^\"]{10,})\"|(?<![A-Za-z])'([^']{10,})'(?![A-Za-z])|『([^』]{6,})』")


def _quotes(text: str) -> tuple[str, ...]:
    return tuple(fold(next(g for g in m.groups() if g)).strip(" ,.。、") for m in QUOTE.finditer(text))


def _corrected(text: str, lang: str) -> list[str]:
    if lang == "ja":
        return [m.group(1) for m in _CORRECTION_JA.finditer(text)]
    return [next(g for g in m.groups() if g) for m in _CORRECTION_EN.finditer(text)]


def _dated_words_as_function(tokens: list[Token], spans: Sequence[tuple[int, int]]) -> list[Token]:
    """The words of a date (年, 月, March, 上旬) are the date's, not the claim's content: "2030年の
    首脳会議" and "the 2030 summit" share a year and a word, not two words out of four."""
    def dated(t: Token) -> bool:
        return any(s <= t.start and t.end <= e for s, e in spans)

    return [replace(t, kind="func", keys=frozenset(), wide=frozenset(), norm=frozenset())
            if t.kind == "content" and dated(t) else t for t in tokens]


@lru_cache(maxsize=32768)
def analyse(text: str, lang: str | None = None) -> Analysis:
    """Read one claim's text (Japanese, English or mixed)."""
    lang = lang or detect_lang(text)
    tokens = _tokens_ja(text) if lang == "ja" else _tokens_en(text)
    cues = _cues()
    dates, spans = _dates(text, tokens, lang)
    tokens = _dated_words_as_function(tokens, spans)
    figures = _figures(text, tokens, [(d.start, d.end) for d in dates], lang)
    first_pred = next((t.start for t in tokens if t.kind == "pred"), None)
    args = _args(text, tokens, lang)
    poles, consumed, head_poles, negative_poles = _poles(tokens, lang)
    # Negations a pole took, that say why, or that deny only what a clause hung on the claim says.
    not_free = consumed | _reasons(tokens, lang) | _subordinate(tokens, lang)
    names = [_name(text, t, lang, tokens, args, first_pred) for t in tokens if t.kind == "name"
             and not any(d.start <= t.start < d.end for d in dates) and t.text not in ERA_NAMES
             and not any(f.start < t.start and t.end <= f.end for f in figures)]
    # 平成の終わり: an era is a span of time, not a name in a slot; "688 Mbps": a figure's unit.
    preds = frozenset(k for t in tokens if t.kind == "pred" for k in t.keys)
    pred_lemmas = {t.lemma for t in tokens if t.kind in ("pred", "content")} | {
        stem(t.lemma) for t in tokens if t.kind in ("pred", "content")}
    credit = frozenset(pred_lemmas & cues.credit)
    reporting = any(n.role == "source" for n in names) or bool(
        {stem(t.lemma) for t in tokens} & cues.reporting_en if lang == "en" else
        {t.lemma for t in tokens} & cues.reporting_ja)
    keys = frozenset(k for t in tokens if t.kind in ("content", "pred") for k in t.keys)
    wide = frozenset(k for t in tokens if t.kind in ("content", "pred") for k in t.wide)
    own = frozenset(k for t in tokens if t.kind in ("content", "pred") for k in t.own)
    prefixed = tuple((text[t.start:u.end], u.keys or frozenset({u.lemma}))
                     for i, (t, u) in enumerate(zip(tokens, tokens[1:], strict=False))
                     if lang == "ja" and t.kind == "neg" and t.text in cues.neg_prefixes_ja and u.start == t.end
                     and u.kind == "pred" and i not in consumed)
    return Analysis(
        text=text, lang=lang, tokens=tuple(tokens), names=tuple(names), args=tuple(args),
        frames=tuple(_frames(text, tokens, args, lang, [(d.start, d.end) for d in dates])),
        corrected=tuple(_corrected(text, lang)), quotes=_quotes(text), figures=tuple(figures),
        seasons=_period_words(text, 0, len(text), lang) if len(text) < 400 else frozenset(),
        dates=tuple(dates), negations=_negations(text, tokens, lang, not_free), negated=_negated(tokens, lang, not_free),
        denials=_denials(tokens, lang, not_free),
        negative_poles=negative_poles,
        ordinals=_ordinals(text),
        refused=_refused(tokens, lang),
        hedged=_hedged(text, tokens, lang),
        additive=_additive(tokens, lang),
        poles=poles, head_poles=head_poles, preds=preds, credit_preds=credit, reporting=reporting, keys=keys, wide=wide, own=own,
        focus=_focus(text, tokens, lang), prefixed=prefixed,
        stances=_stances(tokens, lang, _negations(text, tokens, lang)),
    )


def _stances(tokens: list[Token], lang: str, negations: int) -> frozenset[tuple[str, int]]:
    """Each act's keys with whether the claim denies it: under an odd number of negations (a
    denial verb counts, so "did not deny" affirms), or called off (延期, shelved) — unlike the
    claim's parity, one act denied is not undone by another act denied elsewhere in it."""
    denials: dict[int, int] = {}
    if negations:  # none left once "not only", 否定できない and the like are read
        for i, t in enumerate(tokens):
            if t.kind != "neg":
                continue
            targets = governed(tokens, i, lang)
            if lang == "ja" and (t.lemma in _cues().neg_aux_ja or t.lemma == "無い") \
                    and not any(_act(tokens, j) for j in targets):
                # A negation of no act (わけではない, とは言えない, 一人もいなかった, ほど…なかった)
                # denies the denial before it in its clause: 検討していないわけではない affirms 検討.
                before = [k for k in range(max(0, i - _DOUBLE_REACH), i) if tokens[k].kind == "neg"
                          and not any(u.kind == "punct" for u in tokens[k:i])]
                targets = governed(tokens, before[-1], lang) if before else []
            for j in targets:
                denials[j] = denials.get(j, 0) + 1
    forgo = _forgo_words()
    cues = _cues()
    out: set[tuple[str, int]] = set()
    for i, t in enumerate(tokens):
        if t.kind not in ("pred", "content") or (t.kind == "content" and not _eventive(t)) \
                or t.lemma.lower() in _NO_ACT or t.lemma in forgo or stem(t.lemma) in forgo \
                or (lang == "ja" and _attributive(tokens, i)) or _compound_head(tokens, i, lang) \
                or _conditional(tokens, i, lang):
            continue
        denied = denials.get(i, 0) % 2 == 1
        if _forgone(tokens, i, lang) or (lang == "en" and _object_forgone(tokens, i, forgo)):
            denied = not denied
        keys = t.keys or frozenset({t.lemma})
        out |= {(k, int(denied)) for k in keys}
        # Reopened / restored: one kind of act.  Not a word on a scale's pole: its group holds the
        # other pole too (approve / reject), which the antonym scales weigh, not this.
        if not any(cues.poles.get(form) for form in pole_forms(t)):
            out |= {(f"#{g}", int(denied)) for g in groups_of(keys)}
    return frozenset(out)


def _act(tokens: list[Token], i: int) -> bool:
    """The token names an act a claim can affirm or deny: a predicate or an event noun, no formal word."""
    t = tokens[i]
    return (t.kind == "pred" or (t.kind == "content" and _eventive(t))) and t.lemma.lower() not in _NO_ACT \
        and t.lemma not in _SAY_JA


_DOUBLE_REACH = 8  # tokens from a denial to the negation of no act that denies it (ていないわけではない)
_SAY_JA = frozenset({"言う", "言える", "云う"})  # とは言えない: a word of saying, denied, denies what is said
_CONDITIONS_JA = ("場合", "なら", "れば", "たら", "限り")
_CONDITIONS_EN = frozenset({"if", "unless", "whether"})


def _conditional(tokens: list[Token], i: int, lang: str) -> bool:
    """The act is only supposed, in a clause of condition (加入していない場合, "if it is not"): not said."""
    clause = [u for u in tokens if u.clause == tokens[i].clause]
    if lang == "ja":
        return any(u.text.startswith(_CONDITIONS_JA) for u in clause if u.start > tokens[i].start)
    return any(u.text.lower() in _CONDITIONS_EN for u in clause if u.start < tokens[i].start)


def groups_of(keys: frozenset[str]) -> frozenset[int]:
    """The event groups of one word's keys.  A Japanese word the groups list is placed by itself,
    not by its dictionary glosses (着工 and 竣工 both gloss "construction")."""
    index = lexicon.event_group_index()
    listed = [k for k in keys if k in index and lexicon.ja_has_cjk(k)]
    return frozenset(g for k in (listed or keys) for g in index.get(k, ()))


# Verbs that name no act a claim could affirm or deny: being, having, becoming.
_NO_ACT = frozenset({"be", "have", "do", "become", "get", "為る", "有る", "居る", "成る", "する", "ある", "いる", "なる"})
_OBJECT_REACH = 6  # words of an object phrase between a verb of calling off and the act it names


def _compound_head(tokens: list[Token], i: int, lang: str) -> bool:
    """An event noun that qualifies the noun after it (開業時期, "the accreditation board"): no act said."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or nxt.kind != "content":
        return False
    if lang == "ja":
        return nxt.start == tokens[i].end
    return tokens[i].kind == "content" and nxt.start == tokens[i].end + 1 and not _adverbial(nxt)


def _object_forgone(tokens: list[Token], i: int, forgo: frozenset[str]) -> bool:
    """An English act named in the object of a verb of calling off: "postponed its planned
    October 2024 Nasdaq listing", "shelved plans to restore passenger trains"."""
    for j in range(i - 1, max(-1, i - 1 - _OBJECT_REACH), -1):
        u = tokens[j]
        if u.kind == "punct" or u.text.lower() in _SCOPE_BREAKS:
            return False
        if u.kind in ("pred", "content") and (u.lemma in forgo or stem(u.lemma) in forgo):
            return True
    return False


_CLEFT_JA = re.compile(r"(?:のは|のが)、?(?P<focus>[^。、]{2,40}?)(?:だ|である|です|だった|であった|でした|とされる)[。.]?\s*$")
_CLEFT_EN = re.compile(r"^(?:It|it) (?:was|is) (?P<focus>.{2,60}?) (?:that|who|which) ")


# A cleft's answer that is a time: 旅立ったのは令和5年2月21日のことだった, "It was in 1953 that".
TIME_FOCUS = re.compile(r"のこと$|[0-9０-９〇一二三四五六七八九十元][年月日]|\b(?:in|on) (?:\d|[A-Z][a-z]+ \d)")


def _focus(text: str, tokens: list[Token], lang: str) -> Arg | None:
    """The phrase a cleft sentence puts in focus: 発見したのは[北斗大学の研究グループ]だ, It was [X] that …"""
    m = (_CLEFT_JA if lang == "ja" else _CLEFT_EN).search(text)
    if m is None:
        return None
    start, end = m.span("focus")
    inside = [t for t in tokens if start <= t.start < end and t.kind in ("content", "name", "pred")]
    own = frozenset(k for t in inside for k in (t.own or _word_keys(t)))
    keys = frozenset(k for t in inside for k in (t.keys or _word_keys(t)))
    return Arg(m.group("focus"), keys, own, "agent", start) if own else None
