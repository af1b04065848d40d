"""Cross-document contradiction candidates and their evidence.

:func:`compare` reads two claims (Japanese, English or one of each) and says
whether they cannot both be true, and which parts conflict.  It does not
guess from wording alone: each detector needs the two claims to be about the
same thing *and* a normalized value that differs.

- **date**: both claims name the same one-time event (vocab ``aliases.yaml``
  ``events``: founded, opened, signed ...; recurring events such as "held"
  only when both pin the same edition, 第12回 / the 12th) and give dates that
  cannot be the same day (2009-10 vs 2009-03; 1947-04-01 vs 1947-04 agree).
  Dates marked as reference times (``2023年末時点で``, ``as of June``) are not
  event dates.
- **quantity**: same base unit (5,382 m = 約5.4 km), compatible dates (two
  census years are two measures), no part/total marker (延べ, in total,
  第一陣), and values that do not agree even after rounding: a figure is
  read as an interval of half its last significant digit, widened for
  hedges (約, roughly) and opened for bounds (以上, more than).
- **polarity**: the two claims say nearly the same thing but one affirms and
  the other denies (parity of negations and negative words such as 禁止,
  reject, -free; hedges do not count); when the denial is dated *before* the
  affirmation ("not confirmed in March", "confirmed in June") there is no
  conflict.
- **entity**: the same contest with winner and loser swapped; the same
  one-time event in two different cities or countries (Vienna and Austria
  agree: cities compare with cities); one single-valued role (capital, host
  city, CEO: ``functional`` in ``aliases.yaml``) of one subject with two
  values; or one act (led, won) credited to two different named people.
- **attribution**: the same quotation or work credited to different people,
  or an explicit correction ("X ではなく Y", "not X but Y") of what the other
  claim asserts.

Guards shared by all: mutually exclusive qualifiers (男子/女子, men's/women's),
different ordinals (first/second drug) or a sub-unit on one side only (branch,
都市圏) mean different subjects.  A Japanese and an English claim are only
compared when they name the same states or organisations, or share a concept
beyond event words (vocab ``aliases.yaml`` is the bridge; dates and figures are
language-neutral).

:func:`candidates` proposes contradicting pairs among many claims of different
documents: an inverted index over rare tokens blocks the pairs, a cheap
similarity prefilters them, and only then is :func:`compare` run.

PASS (consistent): "北浜トンネルの全長は5,382メートルである。" /
"北浜トンネルは長さ約5.4kmのトンネルだ。"

FAIL (contradiction, kind date): "The bridge opened on 5 April 1998." /
"The bridge was opened in April 2001."
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Callable, Iterable, Literal, Sequence

import jaconv
from rapidfuzz import fuzz

from factcheck import vocab
from factcheck.extract.dates import date_spans, find_dates
from factcheck.extract.quantities import bounds_in_base, find_quantities, to_base
from factcheck.model import Claim, DateMention, Quantity

__all__ = [
    "Verdict", "Candidate", "Analysis", "analyse", "compare", "compare_analyses", "candidates",
    "similarity", "detect_lang",
]

Kind = Literal["date", "quantity", "polarity", "entity", "attribution", "none"]


@dataclass(frozen=True)
class Verdict:
    """Whether two claims contradict each other, how surely, and where."""

    contradiction: bool
    score: float
    kind: Kind = "none"
    evidence: tuple[str, ...] = ()


NO_CONFLICT = Verdict(False, 0.0)


@dataclass(frozen=True)
class Candidate:
    """A proposed contradiction between claims of two different documents."""

    a: str
    b: str
    verdict: Verdict


# --- vocabularies ----------------------------------------------------------------


@dataclass(frozen=True)
class _Concept:
    id: str
    group: str  # entity type (country, org, place), "event" or "term"
    once: bool = False
    one_place: bool = False


@dataclass(frozen=True)
class _Lexicon:
    ja: re.Pattern[str]  # alternation of Japanese forms, longest first
    en_cased: re.Pattern[str] | None  # all-caps abbreviations (US, WHO), matched as written
    en: re.Pattern[str]
    by_form: dict[str, _Concept]


def _alternation(forms: Iterable[str], *, words: bool) -> str:
    ordered = sorted(set(forms), key=len, reverse=True)
    body = "|".join(re.escape(f) for f in ordered)
    return rf"(?<![\w])(?:{body})(?![\w])" if words else f"(?:{body})"


def _checked(name: str, allowed: set[str]) -> Any:
    """``vocab/<name>.yaml`` with its top-level keys checked, so a typo fails loudly."""
    data = vocab.load(name)
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"vocab/{name}.yaml: unknown key(s) {', '.join(sorted(unknown))}")
    return data


_ALIAS_KEYS = {"entities", "events", "terms", "measures", "functional"}
_POLARITY_KEYS = {
    "negation", "negative_words", "not_negation", "hedges", "reference_time", "until", "change", "part_total",
    "corrections", "attribution", "speakers", "roles", "places", "contrasts", "subunits", "ordinals",
}


@cache
def _lexicon() -> _Lexicon:
    data = _checked("aliases", _ALIAS_KEYS)
    by_form: dict[str, _Concept] = {}

    def add(forms: list[str], concept: _Concept) -> None:
        for form in forms:
            key = form if _is_caps(form) else form.casefold()
            by_form.setdefault(key, concept)

    for cid, spec in data["entities"].items():
        add(spec["forms"], _Concept(cid, spec["type"]))
    for cid, spec in data["events"].items():
        once = bool(spec.get("once"))
        add(spec["forms"], _Concept(cid, "event", once, bool(spec.get("one_place", once))))
    for cid, forms in data["terms"].items():
        add(forms, _Concept(cid, "term"))
    ja = [f for f in by_form if _has_cjk(f)]
    caps = [f for f in by_form if not _has_cjk(f) and _is_caps(f)]
    en = [f for f in by_form if not _has_cjk(f) and not _is_caps(f)]
    return _Lexicon(
        ja=re.compile(_alternation(ja, words=False)),
        en_cased=re.compile(_alternation(caps, words=True)) if caps else None,
        en=re.compile(_alternation(en, words=True), re.IGNORECASE),
        by_form=by_form,
    )


@cache
def _entity_ids() -> frozenset[str]:
    return frozenset(c.id for c in _lexicon().by_form.values() if c.group in ("country", "org", "place"))


@cache
def _placed_event_ids() -> frozenset[str]:
    return frozenset(c.id for c in _lexicon().by_form.values() if c.group == "event" and c.one_place)


def _is_caps(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5


@dataclass(frozen=True)
class _Functional:
    pattern: re.Pattern[str]
    by_form: dict[str, str]
    measures: frozenset[str]


@cache
def _functional() -> _Functional:
    """Single-valued roles (capital, host city, CEO) and the measure terms."""
    data = _checked("aliases", _ALIAS_KEYS)
    by_form = {f.casefold(): fid for fid, forms in data["functional"].items() for f in forms}
    ordered = sorted(by_form, key=len, reverse=True)
    body = "|".join(re.escape(f) if _has_cjk(f) else rf"\b{re.escape(f)}\b" for f in ordered)
    return _Functional(re.compile(body, re.IGNORECASE), by_form, frozenset(data.get("measures", [])))


@dataclass(frozen=True)
class _Cues:
    negation: tuple[re.Pattern[str], ...]
    not_negation: tuple[re.Pattern[str], ...]
    hedges: tuple[re.Pattern[str], ...]
    part_total: tuple[re.Pattern[str], ...]
    attribution: tuple[re.Pattern[str], ...]
    corrections: tuple[re.Pattern[str], ...]
    speakers: tuple[re.Pattern[str], ...]
    losers: tuple[re.Pattern[str], ...]
    winners: tuple[re.Pattern[str], ...]
    places: tuple[re.Pattern[str], ...]
    ref_after: re.Pattern[str]
    ref_before: re.Pattern[str]
    contrasts: tuple[tuple[int, int, re.Pattern[str]], ...]  # (set, alternative, pattern)
    subunits: tuple[re.Pattern[str], ...]
    until: tuple[re.Pattern[str], ...]
    change: tuple[re.Pattern[str], ...]
    ordinals: tuple[re.Pattern[str], ...]
    ordinal_words: dict[str, int]


def _compile(patterns: Iterable[str], *, flags: int = 0) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, flags) for p in patterns)


def _both(section: dict[str, list[str]]) -> tuple[re.Pattern[str], ...]:
    return _compile(section.get("ja", [])) + _compile(section.get("en", []), flags=re.IGNORECASE)


@cache
def _cues() -> _Cues:
    data = _checked("polarity", _POLARITY_KEYS)
    contrasts: list[tuple[int, int, re.Pattern[str]]] = []
    for i, alternatives in enumerate(data["contrasts"]):
        for j, alt in enumerate(alternatives):
            forms = [re.escape(f) for f in alt.get("ja", [])]
            words = [re.escape(f) for f in alt.get("en", [])]
            pattern = "|".join(forms + [rf"\b{w}(?![\w'])" for w in words])
            contrasts.append((i, j, re.compile(pattern, re.IGNORECASE)))
    ords = data["ordinals"]
    ref = data["reference_time"]
    return _Cues(
        negation=_both(data["negation"]) + _both(data["negative_words"]),
        not_negation=_both(data["not_negation"]),
        hedges=_both(data["hedges"]),
        part_total=_both(data["part_total"]),
        attribution=_both(data["attribution"]),
        # Names are capitalized: the English patterns must stay case-sensitive.
        corrections=_compile(data["corrections"]["ja"] + data["corrections"]["en"]),
        speakers=_compile(data["speakers"]["ja"] + data["speakers"]["en"]),
        losers=_compile(data["roles"]["loser"]["ja"] + data["roles"]["loser"]["en"]),
        winners=_compile(data["roles"]["winner"]["ja"] + data["roles"]["winner"]["en"]),
        places=_compile(data["places"]["ja"] + data["places"]["en"]),
        ref_after=re.compile("^(?:の|年)?(?:" + "|".join(ref["ja_after"]) + ")"),
        ref_before=re.compile("(?:" + "|".join(re.escape(w) for w in ref["en_before"]) + r")\s*(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE),
        contrasts=tuple(contrasts),
        subunits=_both(data["subunits"]),
        until=_both(data["until"]),
        change=_both(data["change"]),
        ordinals=_compile(ords["ja"]) + (re.compile(ords["en"]["pattern"], re.IGNORECASE),),
        ordinal_words=dict(ords["en"]["words"]),
    )


# --- reading one claim -------------------------------------------------------------


def _has_cjk(text: str) -> bool:
    return any("\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" for c in text)


def _fold(text: str) -> str:
    # NFKC turns ５,３８２ｍ into 5,382m and ＂ into "; dashes are unified so
    # Ardenia–Solvia and Ardenia-Solvia tokenize alike.
    return re.sub(r"[‐-―−–—]", "-", unicodedata.normalize("NFKC", text))


_EN_STOP = frozenset(
    """a an and are as at be been by for from had has have in into is it its of on or that the their
    this to was were which who with after before since during than then there these those over under
    about roughly around approximately nearly almost some all any most more less just only also
    not no never did does do""".split()
)
_JA_RUN = re.compile(r"[一-龯々〆ヵヶァ-ヴー]+")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_QUOTE = re.compile(r"「([^」]{3,})」|『([^』]{2,})』|\"([^\"]{6,})\"|“([^”]{6,})”")


def _stem(word: str) -> str:
    """A light English stem so signed/signing and gates/gate meet."""
    w = re.sub(r"'s$", "", word.lower()).strip("'-")
    for suffix, keep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)] + keep
    return w


def _kana_to_latin(run: str) -> str:
    """Katakana loanwords and names in Latin letters, to meet their English form."""
    return jaconv.kata2alphabet(run).replace("ー", "")


@dataclass(frozen=True)
class Analysis:
    """What the detectors need from one claim, read once."""

    text: str
    folded: str
    lang: str
    tokens: frozenset[str]  # content tokens for topic similarity
    concepts: frozenset[str]  # concept ids from aliases.yaml
    events: frozenset[str]
    once_events: frozenset[str]
    placed_events: frozenset[str]  # events that happen in one place only
    places: frozenset[str]  # country ids and place names
    entities: frozenset[str]  # ids of the states, organisations and places named
    names: frozenset[str]  # proper names: entity ids, capitalized words inside a sentence, katakana names
    dates: tuple[DateMention, ...]
    event_dates: tuple[DateMention, ...]  # without reference-time dates
    ref_dates: tuple[DateMention, ...]
    quantities: tuple[Quantity, ...]
    negations: tuple[str, ...]
    negation_scopes: tuple[frozenset[str], ...]  # content tokens around each negation
    hedged: bool
    part_total: bool
    attributed: bool
    corrections: tuple[str, ...]
    speakers: frozenset[str]
    persons: frozenset[str]
    quotes: tuple[str, ...]
    losers: frozenset[str]
    winners: frozenset[str]
    contrasts: frozenset[tuple[int, int]]
    subunits: frozenset[str]
    measures: frozenset[str]
    bounded: bool  # an "until" / まで bound: a state that ends at its date
    changed: bool  # "fell to", 減少: the figure is a value at one time
    attribute: tuple[str, str, str] | None  # (role, subject, value) of "the capital of X is Y"
    ordinals: frozenset[int]

    @property
    def negative(self) -> bool:
        return len(self.negations) % 2 == 1


def detect_lang(text: str) -> str:
    """ja when the text has kana or kanji, else en."""
    return "ja" if _has_cjk(text) else "en"


@lru_cache(maxsize=16384)
def analyse(text: str, lang: str | None = None) -> Analysis:
    """Read one claim: its concepts, dates, quantities and cues."""
    folded = _fold(text)
    lang = lang or detect_lang(folded)
    cues = _cues()
    dates, _ = find_dates(folded)
    quantities = tuple(find_quantities(folded))
    event_dates, ref_dates = _split_dates(folded, dates)
    # Dates and figures are compared as values, not as words of the topic.
    stripped = _strip_spans(folded, date_spans(folded), [_numeric_part(q.text) for q in quantities])
    concepts, events, once, places = _concepts(stripped)
    placed = events & _placed_event_ids()
    places |= {_canonical_place(p) for p in _slot(cues.places, stripped, group="where")}
    corrections = tuple(_slot_list(cues.corrections, stripped, group="denied"))
    negation_hits = _negations(stripped, cues, corrections)
    # Longer alternatives first would be cleaner; "semi-final" also matching
    # "final" is harmless because both claims go through the same patterns.
    contrasts = frozenset((i, j) for i, j, p in cues.contrasts if p.search(stripped))
    return Analysis(
        text=text,
        folded=folded,
        lang=lang,
        tokens=frozenset(_tokens(stripped) | concepts),
        concepts=frozenset(concepts),
        events=frozenset(events),
        once_events=frozenset(once),
        placed_events=frozenset(placed),
        places=frozenset(places),
        entities=frozenset(c for c in concepts if c[1:] in _entity_ids()),
        names=frozenset(_names(stripped)) | frozenset(c for c in concepts if c[1:] in _entity_ids()),
        dates=tuple(dates),
        event_dates=tuple(event_dates),
        ref_dates=tuple(ref_dates),
        quantities=quantities,
        negations=tuple(cue for cue, _ in negation_hits),
        negation_scopes=tuple(scope for _, scope in negation_hits),
        hedged=any(p.search(stripped) for p in cues.hedges),
        part_total=any(p.search(stripped) for p in cues.part_total),
        attributed=any(p.search(stripped) for p in cues.attribution),
        corrections=corrections,
        speakers=_slot(cues.speakers, stripped, group="who"),
        persons=frozenset(_persons(stripped)) | _slot(cues.speakers[:1], stripped, group="who"),
        quotes=tuple(next(g for g in m.groups() if g) for m in _QUOTE.finditer(folded)),
        losers=_slot(cues.losers, stripped, group="who"),
        winners=_slot(cues.winners, stripped, group="who"),
        contrasts=contrasts,
        subunits=frozenset(m.group(0).casefold() for p in cues.subunits for m in p.finditer(stripped)),
        measures=frozenset(c.lstrip("§") for c in concepts) & _functional().measures,
        attribute=_attribute(stripped),
        bounded=any(p.search(stripped) for p in cues.until),
        changed=any(p.search(stripped) for p in cues.change),
        ordinals=_ordinals(stripped, cues),
    )


_COPULA_EN = re.compile(
    r"^(?P<subj>.+?)\s+(?:is|was|are|were|has been|had been|remains|remained)\s+(?P<val>.+?)[\s.]*$"
)
_COPULA_JA = re.compile(r"^(?P<subj>[^。]+?)は、?(?P<val>[^、。]+?)(?:である|であった|だった|です|でした|だ)?[\s。]*$")


def _attribute(text: str) -> tuple[str, str, str] | None:
    """(role, subject, value) when the claim says what a single-valued role is:
    "The capital of X is Y", "Y is the capital of X", "Xの首都はYである"."""
    text = re.sub(r"\s+", " ", text).strip()
    m = (_COPULA_JA if _has_cjk(text) else _COPULA_EN).match(text)
    if m is None:
        return None
    subj, val = m.group("subj"), m.group("val")
    fn = _functional()
    if not fn.pattern.search(subj) and fn.pattern.search(val):
        subj, val = val, subj
    role = fn.pattern.search(subj)
    if role is None or fn.pattern.search(val):
        return None
    return fn.by_form[role.group(0).casefold()], subj, val


def _canonical_place(name: str) -> str:
    """A place named in aliases.yaml becomes its concept id, so Seoul = ソウル."""
    lex = _lexicon()
    concept = lex.by_form.get(name) or lex.by_form.get(name.casefold())
    return "§" + concept.id if concept is not None else name


_NUMERIC = re.compile(r"^.*?\d[\d.,]*(?:\s*(?:million|billion|trillion|thousand|hundred)\b|[万億兆千百十]|\d)*", re.I)


def _numeric_part(quantity_text: str) -> str:
    """The figure of a quantity without its noun: "3.2 million" of "3.2 million
    foreign visitors", so the noun still counts toward the topic."""
    m = _NUMERIC.match(quantity_text)
    return m.group(0) if m else quantity_text


def _strip_spans(text: str, spans: list[tuple[int, int]], pieces: list[str]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    out = "".join(chars)
    for piece in pieces:
        out = out.replace(piece, " ")
    return out


def _split_dates(text: str, dates: list[DateMention]) -> tuple[list[DateMention], list[DateMention]]:
    """Event dates, and reference-time dates ("as of" / 時点) that only say when a statement holds."""
    cues = _cues()
    events: list[DateMention] = []
    refs: list[DateMention] = []
    for d in dates:
        at = text.find(d.text)
        if at < 0:
            events.append(d)
            continue
        after = text[at + len(d.text) : at + len(d.text) + 8]
        before = text[max(0, at - 24) : at]
        is_ref = bool(cues.ref_after.match(after)) or bool(cues.ref_before.search(before))
        (refs if is_ref else events).append(d)
    return events, refs


def _concepts(text: str) -> tuple[set[str], set[str], set[str], set[str]]:
    lex = _lexicon()
    concepts: set[str] = set()
    events: set[str] = set()
    once: set[str] = set()
    places: set[str] = set()
    hits: list[str] = [m.group(0) for m in lex.ja.finditer(text)]
    if lex.en_cased is not None:
        hits += [m.group(0) for m in lex.en_cased.finditer(text)]
    hits += [m.group(0).casefold() for m in lex.en.finditer(text)]
    for form in hits:
        concept = lex.by_form.get(form) or lex.by_form.get(form.casefold())
        if concept is None:
            continue
        concepts.add("§" + concept.id)
        if concept.group == "event":
            events.add(concept.id)
            if concept.once:
                once.add(concept.id)
        elif concept.group in ("country", "place"):
            places.add("§" + concept.id)
    return concepts, events, once, places


def _tokens(text: str) -> set[str]:
    """Content tokens: kanji/katakana bigrams (Japanese has no spaces), English stems,
    and katakana runs in Latin letters so スプートニク meets Sputnik."""
    out: set[str] = set()
    for run in _JA_RUN.findall(text):
        if len(run) == 1:
            out.add(run)
        out.update(run[i : i + 2] for i in range(len(run) - 1))
        if re.fullmatch(r"[ァ-ヴー]{3,}", run):
            out.add("~" + _kana_to_latin(run)[:5])
    for word in _EN_WORD.findall(text):
        stem = _stem(word)
        if stem not in _EN_STOP and len(stem) > 1:
            out.add(stem)
            if word[:1].isupper():
                out.add("~" + word.lower()[:5])
    return out


_CAPITALIZED = re.compile(r"(?<=[\w,;:'\")] )[A-Z][A-Za-z'-]+|(?<=[\w,;:'\")]-)[A-Z][A-Za-z'-]+")
_KATAKANA_NAME = re.compile(r"[ァ-ヴ][ァ-ヴー・]{2,}")


def _names(text: str) -> set[str]:
    """Proper names that identify a subject: capitalized words not opening a
    sentence (Velmora, Ostrom) and katakana runs that are not known common
    nouns (ヴェルモラ, not ダム).  Known aliases are left to entity ids."""
    lex = _lexicon()
    out: set[str] = set()
    for m in _CAPITALIZED.finditer(text):
        word = re.sub(r"'s$", "", m.group(0)).strip("'-")
        if word.casefold() in _MONTHS or word.casefold() in lex.by_form or word in lex.by_form:
            continue
        out.add("~" + word.lower()[:5])
    for m in _KATAKANA_NAME.finditer(text):
        run = m.group(0)
        if lex.ja.fullmatch(run) or lex.ja.search(run):
            continue
        out.add(run)
    return out


def _negations(text: str, cues: _Cues, corrections: tuple[str, ...]) -> list[tuple[str, frozenset[str]]]:
    """Each negation cue with the content tokens of the words it negates."""
    for p in cues.not_negation:
        text = p.sub(" ", text)
    if corrections:
        # "X ではなく Y" corrects a value; it is not a denial of the whole claim.
        text = re.sub(
            r"ではなく|でなく|\bnot\b(?=[^,.]{0,40}\bbut\b)|\brather than\b|\binstead of\b|, not\b", " ", text
        )
    found: list[tuple[int, int, str]] = []
    for p in cues.negation:
        found.extend((m.start(), m.end(), m.group(0)) for m in p.finditer(text))
    return [(cue, _scope(text, start, end)) for start, end, cue in sorted(found)]


def _scope(text: str, start: int, end: int) -> frozenset[str]:
    """What a negation bears on: in Japanese the words before it (出土しなかった),
    in English the words after it (did not detect lead) and a few before (lead-free)."""
    # A window stops at clause punctuation: a negation does not reach past a comma.
    if _has_cjk(text[max(0, start - 2) : end + 2]):
        before_text = re.split(r"[、,。]", text[max(0, start - 12) : start])[-1]
        window = before_text + text[start:end]
    else:
        before = re.split(r"[,;:.]", text[:start])[-1].split()[-3:]
        after = re.split(r"[,;:.]", text[end:])[0].split()[:7]
        window = " ".join(before + [text[start:end]] + after)
    concepts = _concepts(window)[0]
    return frozenset(_tokens(window) | concepts)


def _slot(patterns: Sequence[re.Pattern[str]], text: str, *, group: str) -> frozenset[str]:
    return frozenset(_slot_list(patterns, text, group=group))


def _slot_list(patterns: Sequence[re.Pattern[str]], text: str, *, group: str) -> list[str]:
    out: list[str] = []
    for p in patterns:
        for m in p.finditer(text):
            value = _clean_name(m.group(group))
            if value and value not in out:
                out.append(value)
    return out


_NAME_NOISE = re.compile(r"^(?:(?:the|a|an)\s+|決勝で|決勝戦で|試合で)", re.IGNORECASE)
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)


def _clean_name(value: str) -> str:
    value = _NAME_NOISE.sub("", value.strip(" 、,.")).strip(" .")
    if not value or value.casefold().split(" ")[0] in _MONTHS:
        return ""
    return value


_PERSON = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|Sir)\.? )?(?<![\w'])[A-Z][a-z]+(?: (?:van |von |de |da )?[A-Z][a-z]+)+"
    r"|[ァ-ヴー]+・[ァ-ヴー・]+"
)


def _persons(text: str) -> list[str]:
    """Person-like names: two or more capitalized words not known as places or
    organisations (Amara Singh), or katakana names with a middle dot."""
    lex = _lexicon()
    out = []
    for m in _PERSON.finditer(text):
        name = m.group(0)
        if name.casefold() in lex.by_form or name in lex.by_form:
            continue
        out.append(name)
    return out


def _ordinals(text: str, cues: _Cues) -> frozenset[int]:
    from factcheck.extract.dates import kanji_int  # noqa: PLC0415

    out: set[int] = set()
    for p in cues.ordinals:
        for m in p.finditer(text):
            groups = m.groupdict()
            if groups.get("first"):
                out.add(1)
            elif groups.get("n"):
                n = kanji_int(groups["n"])
                if n is not None:
                    out.add(n)
    for word in re.findall(r"[A-Za-z]+", text):
        n = cues.ordinal_words.get(word.lower())
        if n is not None:
            out.add(n)
    return frozenset(out)


# --- similarity -------------------------------------------------------------------------


def similarity(a: Analysis, b: Analysis) -> float:
    """Topic similarity in [0, 1]: token overlap (dice over the smaller side)
    blended with a fuzzy ratio for claims in one language."""
    if not a.tokens or not b.tokens:
        return 0.0
    shared = len(a.tokens & b.tokens)
    overlap = shared / min(len(a.tokens), len(b.tokens))
    dice = 2 * shared / (len(a.tokens) + len(b.tokens))
    # Dice weighs more than overlap: on short claims a few shared words would
    # otherwise make the overlap coefficient high.
    base = 0.35 * overlap + 0.65 * dice
    if a.lang == b.lang:
        fuzzy = fuzz.token_set_ratio(a.folded, b.folded) / 100 if a.lang == "en" else 0.0
        base = max(base, 0.8 * fuzzy)
    else:
        # Across languages only concepts, names in Latin letters, dates and
        # figures meet; each shared value counts as evidence of one topic.
        concept_shared = len(a.concepts & b.concepts)
        date_shared = len({d.value for d in a.dates} & {d.value for d in b.dates})
        base = min(1.0, base + 0.1 * concept_shared + 0.1 * date_shared)
    return base


# --- value comparison ------------------------------------------------------------------------


def _date_compatible(x: str, y: str) -> bool:
    """2024-10-23 and 2024-10 can be one day; 2024-10 and 2024-03 cannot."""
    short, long = sorted((x, y), key=len)
    return long.startswith(short)


def _dates_compatible(xs: Sequence[DateMention], ys: Sequence[DateMention]) -> bool:
    if not xs or not ys:
        return True
    return any(_date_compatible(x.value, y.value) for x in xs for y in ys)


def _span(value: float, approximate: bool) -> float:
    """Half the unit of the last significant digit (5.4 -> 0.05, 120万 -> 5万);
    a hedged figure may be a full unit off."""
    if value == 0:
        return 0.0
    text = f"{abs(value):.6f}".rstrip("0").rstrip(".")
    if "." in text:
        unit = 10 ** -len(text.split(".")[1])
    else:
        stripped = text.rstrip("0")
        unit = 10 ** (len(text) - len(stripped))
    tolerance = unit / 2
    if approximate:
        tolerance = max(unit, abs(value) * 0.05)
    return tolerance


def _interval(q: Quantity) -> tuple[float, float, str | None] | None:
    low, high, base = bounds_in_base(q)
    value, _ = to_base(q)
    factor = (value / q.value) if (value is not None and q.value) else 1.0
    if q.value is not None and q.low is None and q.high is None:
        tol = _span(q.value, q.approximate) * factor
        return value - tol, value + tol, base  # type: ignore[operator]
    if low is None and high is None:
        return None
    return (low if low is not None else -math.inf), (high if high is not None else math.inf), base


def _quantity_conflict(a: Analysis, b: Analysis) -> tuple[str, str] | None:
    """The first pair of figures for one unit that cannot agree, when no pair agrees."""
    pairs: list[tuple[Quantity, Quantity, bool]] = []
    for qa in a.quantities:
        ia = _interval(qa)
        if ia is None:
            continue
        for qb in b.quantities:
            ib = _interval(qb)
            if ib is None or not _same_measure(qa, qb, ia[2], ib[2]):
                continue
            overlap = ia[0] <= ib[1] and ib[0] <= ia[1]
            pairs.append((qa, qb, overlap))
    if not pairs or any(ok for _, _, ok in pairs):
        return None
    if _unmatched_units(a, b) or _unmatched_units(b, a):
        # "Share who had two doses" (2回) is a narrower measure than "the share vaccinated".
        return None
    qa, qb, _ = pairs[0]
    return qa.text, qb.text


def _unmatched_units(x: Analysis, y: Analysis) -> bool:
    """Whether ``x`` counts something in a unit ``y`` never mentions (a qualifier)."""
    units_y = {to_base(q)[1] for q in y.quantities}
    return any(to_base(q)[1] is not None and to_base(q)[1] not in units_y for q in x.quantities) and None not in units_y


def _same_measure(qa: Quantity, qb: Quantity, base_a: str | None, base_b: str | None) -> bool:
    if base_a != base_b:
        # A bare big number ("capacity rose to 54,000") may count the other side's unit, but never
        # measures a length, a share, a weight or a duration.
        return (base_a is None) != (base_b is None) and (base_a or base_b) not in ("%", "m", "m2", "m3", "kg", "s")
    if base_a is None or base_a not in _COUNTED:
        return True
    nouns_a, nouns_b = _head_noun(qa.text), _head_noun(qb.text)
    # "200 nurses" and "1,800 health workers" both count 人 but are two measures.
    return not (nouns_a and nouns_b and nouns_a != nouns_b)


# Counters whose English noun names what is counted (nurses, visitors ...).
_COUNTED = frozenset({"人"})
# Nouns that fit any group of people, so they never make two measures differ.
_GENERIC_NOUNS = frozenset({"people", "person", "individual", "million", "billion", "thousand", "hundred"})


def _head_noun(text: str) -> str:
    words = _EN_WORD.findall(text)
    if not words:
        return ""
    last = _stem(words[-1])
    return "" if last in _GENERIC_NOUNS or words[-1].lower() in _GENERIC_NOUNS else last


# --- detectors ---------------------------------------------------------------------------


Detector = Callable[[Analysis, Analysis, float], "Verdict | None"]


def _different_subjects(a: Analysis, b: Analysis) -> bool:
    """男子 vs 女子, the first vs the second: alike claims about different things."""
    groups_a: dict[int, set[int]] = defaultdict(set)
    for i, j in a.contrasts:
        groups_a[i].add(j)
    groups_b: dict[int, set[int]] = defaultdict(set)
    for i, j in b.contrasts:
        groups_b[i].add(j)
    if any(groups_b.get(i) and not (alts & groups_b[i]) for i, alts in groups_a.items()):
        return True
    if a.ordinals and b.ordinals and not (a.ordinals & b.ordinals):
        return True

    # "The second drug" is not "the drug"; a lone first (初めて) is harmless.
    if bool(a.ordinals) != bool(b.ordinals) and max(a.ordinals | b.ordinals) >= 2:
        return True
    return bool(a.subunits) != bool(b.subunits)


@cache
def _event_tokens() -> frozenset[str]:
    """Tokens that only say what happened (signed, 開館), never what it happened to."""
    out: set[str] = set()
    for form, concept in _lexicon().by_form.items():
        if concept.group == "event":
            out |= _tokens(form) | {"§" + concept.id}
    return frozenset(out)


def _subject_overlap(a: Analysis, b: Analysis) -> int:
    """How many tokens the claims share besides event words: "the vaccine was
    approved" and "the merger was approved" share none."""
    return len((a.tokens & b.tokens) - _event_tokens())


def _unlike_subjects(a: Analysis, b: Analysis) -> bool:
    """Whether two claims are about different subjects, judged by their names.

    In one language: each names something the other does not, and they share
    no name (the Treaty of Velmora is not the treaty the USSR signed).  Across
    languages, named states and organisations are the surest sign of one
    subject, and two claims that share only event words (confirmed, flood)
    share no subject at all.  Used where names are not the conflicting value."""
    if a.lang == b.lang:
        if _subject_overlap(a, b) < 1:
            return True
        return bool(a.names and b.names and not (a.names & b.names))
    if (a.entities or b.entities) and not (a.entities & b.entities):
        return True
    events = {"§" + e for e in a.events | b.events}
    shared = (a.tokens & b.tokens) - events
    return not shared


def _correction(a: Analysis, b: Analysis, sim: float) -> Verdict | None:
    """b says "not X" where a asserts X (or the other way round)."""
    for x, y in ((a, b), (b, a)):
        for denied in y.corrections:
            target = denied.casefold()
            if len(target) >= 2 and target in x.folded.casefold() and sim >= 0.3:
                kind: Kind = "attribution" if (x.attributed or y.attributed or x.quotes) else "entity"
                return Verdict(True, 0.9, kind, (denied,))
    return None


def _role_swap(a: Analysis, b: Analysis, sim: float) -> Verdict | None:
    """The same match with winner and loser swapped."""
    if sim < 0.3 or not a.losers or not b.losers:
        return None
    for la in a.losers:
        for lb in b.losers:
            if la != lb and la in b.folded and lb in a.folded:
                return Verdict(True, 0.85, "entity", (la, lb))
    return None


def _winner_clash(a: Analysis, b: Analysis, sim: float) -> Verdict | None:
    """The same contest won by two different sides."""
    if sim < 0.45 or not a.winners or not b.winners or "victory" not in (a.events & b.events):
        return None
    if not _dates_compatible(a.dates, b.dates):
        return None
    if a.winners & b.winners or any(w in b.folded for w in a.winners) or any(w in a.folded for w in b.winners):
        return None
    wa, wb = sorted(a.winners)[0], sorted(b.winners)[0]
    return Verdict(True, 0.7, "entity", (wa, wb))


def _shared_event(a: Analysis, b: Analysis) -> set[str]:
    """Events both claims name that happen once, or recurring ones pinned to one edition."""
    shared = a.events & b.events
    out = {e for e in shared if e in a.once_events}
    if a.ordinals & b.ordinals:
        out |= shared
    return out


def _date_conflict(a: Analysis, b: Analysis, sim: float) -> Verdict | None:
    if not a.event_dates or not b.event_dates or a.negative != b.negative or _unlike_subjects(a, b):
        return None
    events = _shared_event(a, b)
    # Claims that name different events (closed vs reopened) describe two things.
    if not events or (a.events ^ b.events) & _EXCLUSIVE_EVENTS:
        return None
    threshold = 0.5 if a.lang == b.lang else 0.3
    if sim < threshold or _dates_compatible(a.event_dates, b.event_dates):
        return None
    da, db = a.event_dates[0], b.event_dates[0]
    return Verdict(True, min(1.0, 0.6 + sim / 2), "date", (da.text, db.text))


# Events that mark a different phase of the same subject: one claim about the
# closure and one about the reopening are two events however alike.
_EXCLUSIVE_EVENTS = frozenset(
    {"birth", "death", "founding", "opening", "closing", "reopening", "suspension", "construction", "demolition"}
)


def _quantity_conflict_verdict(a: Analysis, b: Analysis, sim: float) -> Verdict | None:
    if not a.quantities or not b.quantities or a.part_total != b.part_total or _unlike_subjects(a, b):
        return None
    if a.part_total and b.part_total:
        return None
    threshold = 0.4 if a.lang == b.lang else 0.3
    if sim < threshold or not _dates_compatible(a.dates, b.dates):
        return None
    if (a.changed or b.changed) and not (a.dates and b.dates):
        # "Fell to 289,000" is one moment; an undated figure may be another.
        return None
    if (a.events ^ b.events) & _EXCLUSIVE_EVENTS:
        return None
    if a.measures and b.measures and not (a.measures & b.measures):
        # Sales and profit, height and length: two measures of one subject.
        return None
    if (a.measures or b.measures) and not (a.measures & b.measures) and sim < 0.5:
        # A measure named on one side only needs a closer topic: an unemployment
        # rate and a vaccination rate in one country are two measures.
        return None
    conflict = _quantity_conflict(a, b)
    if conflict is None:
        return None
    return Verdict(True, min(1.0, 0.55 + sim / 2), "quantity", conflict)


def _relevant_negations(x: Analysis, other: Analysis) -> list[str]:
    """Negations of ``x`` that bear on what ``other`` says: a denial inside a side
    remark ("which had not been renovated") does not deny the other claim."""
    return [cue for cue, scope in zip(x.negations, x.negation_scopes) if scope & other.tokens]


def _polarity_conflict(a: Analysis, b: Analysis, sim: float) -> Verdict | None:
    neg_a, neg_b = _relevant_negations(a, b), _relevant_negations(b, a)
    if len(neg_a) % 2 == len(neg_b) % 2 or _unlike_subjects(a, b):
        return None
    threshold = 0.5 if a.lang == b.lang else 0.45
    if sim < threshold:
        return None
    pos, neg = (b, a) if len(neg_a) % 2 else (a, b)
    if neg.hedged and not pos.hedged:
        # "May not have been caused by X" only weakens "was caused by X".
        return None
    # "Not confirmed as of March" and "confirmed in June" are both true.
    pos_dates = pos.event_dates or pos.dates
    neg_dates = neg.dates
    if pos_dates and neg_dates:
        latest_neg = max(d.value for d in neg_dates)
        earliest_pos = min(d.value for d in pos_dates)
        if latest_neg < earliest_pos and not _date_compatible(latest_neg, earliest_pos):
            return None
        if neg.bounded and (latest_neg <= earliest_pos or _date_compatible(latest_neg, earliest_pos)):
            # "No electricity until 1985" and "electricity arrived in 1985".
            return None
    if _places_disjoint(a, b):
        # "Not approved in Japan" and "approved in the US" are two facts.
        return None
    evidence = (neg_a or neg_b)[0]
    return Verdict(True, min(1.0, 0.4 + sim / 2), "polarity", (evidence,))


def _places_disjoint(a: Analysis, b: Analysis) -> bool:
    countries_a = {p for p in a.places if p.startswith("§")}
    countries_b = {p for p in b.places if p.startswith("§")}
    return bool(countries_a and countries_b and not countries_a & countries_b)


def _place_conflict(a: Analysis, b: Analysis, sim: float) -> Verdict | None:
    if a.negative != b.negative:
        return None
    events = _shared_event(a, b) & (a.placed_events | (a.events - a.once_events))
    if not events and a.events & b.events and a.dates and b.dates:
        # A recurring event pinned by one date on both sides ("the 2031 summit
        # was held in ...") is one edition: it has one place.
        if {d.value for d in a.dates} == {d.value for d in b.dates}:
            events = a.events & b.events
    threshold = 0.4 if a.lang == b.lang else 0.3
    if not events or not a.places or not b.places or sim < threshold:
        return None
    if not _dates_compatible(a.dates, b.dates):
        return None
    pa = {p for p in a.places if p not in b.folded and p.casefold() not in b.folded.casefold()}
    pb = {p for p in b.places if p not in a.folded and p.casefold() not in a.folded.casefold()}
    # Countries compare with countries, cities with cities (Vienna is in Austria).
    for level in ("country", "city"):
        xa = {p for p in a.places if _place_level(p) == level and (a.lang == b.lang or p.startswith("§"))}
        xb = {p for p in b.places if _place_level(p) == level and (a.lang == b.lang or p.startswith("§"))}
        # Across scripts only alias-table places compare: ハノイ and Hanoi look unalike.
        if xa and xb and not (xa & xb) and (xa & pa) and (xb & pb):
            return Verdict(True, 0.75, "entity", (_surface(a, sorted(xa & pa)[0]), _surface(b, sorted(xb & pb)[0])))
    return None


def _surface(x: Analysis, place: str) -> str:
    """The place as the claim writes it (ソウル, not the concept id seoul)."""
    if not place.startswith("§"):
        return place
    text = x.folded.casefold()
    forms = [f for f, c in _lexicon().by_form.items() if c.id == place[1:] and f.casefold() in text]
    if not forms:
        return place[1:]
    best = max(forms, key=len).casefold()
    at = text.index(best)
    return x.folded[at : at + len(best)]


def _place_level(place: str) -> str:
    return "country" if place.startswith("§") and place[1:] in _country_ids() else "city"


@cache
def _country_ids() -> frozenset[str]:
    return frozenset(c.id for c in _lexicon().by_form.values() if c.group == "country")


def _attribution_conflict(a: Analysis, b: Analysis, sim: float) -> Verdict | None:
    """The same quotation or work credited to different people."""
    if not a.quotes or not b.quotes or not a.speakers or not b.speakers:
        return None
    same_quote = any(fuzz.ratio(qa, qb) >= 85 for qa in a.quotes for qb in b.quotes)
    if not same_quote or a.speakers & b.speakers:
        return None
    if any(s in b.folded for s in a.speakers) or any(s in a.folded for s in b.speakers):
        return None
    return Verdict(True, 0.8, "attribution", (sorted(a.speakers)[0], sorted(b.speakers)[0]))


def _person_clash(a: Analysis, b: Analysis, sim: float) -> Verdict | None:
    """The same act (led, appointed, designed) done by two different people."""
    if a.lang != b.lang or sim < 0.55 or not a.persons or not b.persons:
        return None
    if a.attributed or b.attributed or not _dates_compatible(a.dates, b.dates):
        # Two sources reporting one fact is not a conflict.
        return None
    if (a.events ^ b.events) & _EXCLUSIVE_EVENTS:
        return None
    only_a = [p for p in a.persons if not _mentions(b, p)]
    only_b = [p for p in b.persons if not _mentions(a, p)]
    if not only_a or not only_b:
        return None
    return Verdict(True, 0.65, "entity", (sorted(only_a)[0], sorted(only_b)[0]))


def _mentions(x: Analysis, name: str) -> bool:
    """Whether ``x`` names this person, even by surname only."""
    parts = [w for w in re.split(r"[ ・.]", name) if len(w) > 1 and w not in ("Dr", "Mr", "Mrs", "Ms", "Prof", "Sir")]
    return name in x.folded or any(w in x.folded for w in parts[-1:])


def _attribute_clash(a: Analysis, b: Analysis, sim: float) -> Verdict | None:
    """One single-valued role (capital, host city, CEO) of one subject, two values."""
    if a.attribute is None or b.attribute is None or a.attribute[0] != b.attribute[0]:
        return None
    if a.negations or b.negations or not _dates_compatible(a.dates, b.dates):
        return None
    _, subj_a, val_a = a.attribute
    _, subj_b, val_b = b.attribute
    ta, tb = _tokens(subj_a) | _concepts(subj_a)[0], _tokens(subj_b) | _concepts(subj_b)[0]
    if not ta or not tb or len(ta & tb) / min(len(ta), len(tb)) < 0.5:
        return None
    va, vb = _tokens(val_a) | _concepts(val_a)[0], _tokens(val_b) | _concepts(val_b)[0]
    if not va or not vb or va & vb:
        return None
    if a.lang != b.lang and not (any(t.startswith("§") for t in va) and any(t.startswith("§") for t in vb)):
        # Across scripts only values known to the alias table can be told apart.
        return None
    return Verdict(True, 0.7, "entity", (val_a.strip(), val_b.strip()))


_DETECTORS: tuple[Detector, ...] = (
    _correction,
    _role_swap,
    _attribution_conflict,
    _date_conflict,
    _quantity_conflict_verdict,
    _polarity_conflict,
    _place_conflict,
    _winner_clash,
    _person_clash,
    _attribute_clash,
)


def compare(a: str, b: str, *, lang_a: str | None = None, lang_b: str | None = None) -> Verdict:
    """Whether claims ``a`` and ``b`` cannot both be true.

    >>> compare("The bridge opened on 5 April 1998.", "The bridge was opened in April 2001.").kind
    'date'
    >>> compare("北浜トンネルの全長は5,382メートルである。", "北浜トンネルは長さ約5.4kmのトンネルだ。").contradiction
    False
    """
    x, y = analyse(a, lang_a), analyse(b, lang_b)
    return compare_analyses(x, y)


def compare_analyses(x: Analysis, y: Analysis) -> Verdict:
    """:func:`compare` on claims already read with :func:`analyse`."""
    if _different_subjects(x, y):
        return NO_CONFLICT
    sim = similarity(x, y)
    for detector in _DETECTORS:
        verdict = detector(x, y, sim)
        if verdict is not None:
            return verdict
    return Verdict(False, round(sim * 0.3, 3))


# --- candidates over many claims ------------------------------------------------------------


def _same_subject_across_languages(x: Analysis, y: Analysis) -> bool:
    """Among many claims, a Japanese and an English one are only proposed as a
    pair when something names one subject in both: a state or organisation
    from the alias table, or two shared concepts besides event words.  (Given
    a pair, :func:`compare` trusts that it shares a topic; a corpus gives no
    such promise, and unbridged names such as 青葉ダム / Harlan Dam abound.)"""
    if x.lang == y.lang:
        return True
    if x.entities & y.entities:
        return True
    events = {"§" + e for e in x.events | y.events}
    return len((x.concepts & y.concepts) - events) >= 2


def candidates(
    claims: Sequence[Claim],
    *,
    min_similarity: float = 0.3,
    max_df: float = 0.05,
    include_consistent: bool = False,
) -> list[Candidate]:
    """Contradiction candidates between claims of different documents.

    Blocking: each claim's tokens are indexed; tokens found in more than
    ``max_df`` of the claims (and at least 50) are dropped as uninformative, so
    a pair is only looked at when it shares a rarer token.  Pairs that share
    few tokens are skipped before :func:`compare` runs.
    """
    facts = [c for c in claims if c.kind == "fact"]
    read = [analyse(c.text) for c in facts]
    index: dict[str, list[int]] = defaultdict(list)
    for i, an in enumerate(read):
        for tok in an.tokens | {"§date:" + d.value[:4] for d in an.dates}:
            index[tok].append(i)
    cap = max(50, int(max_df * len(facts)))
    shared: Counter[tuple[int, int]] = Counter()
    for posting in index.values():
        if len(posting) > cap:
            continue
        for pos, i in enumerate(posting):
            for j in posting[pos + 1 :]:
                if facts[i].document != facts[j].document:
                    shared[(i, j)] += 1
    out: list[Candidate] = []
    for (i, j), count in shared.items():
        if count < 2:
            continue
        x, y = read[i], read[j]
        if similarity(x, y) < min_similarity or not _same_subject_across_languages(x, y):
            continue
        verdict = compare_analyses(x, y)
        if verdict.contradiction or include_consistent:
            out.append(Candidate(facts[i].id, facts[j].id, verdict))
    out.sort(key=lambda c: (-c.verdict.score, c.a, c.b))
    return out
