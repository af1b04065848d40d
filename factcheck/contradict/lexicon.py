"""Language resources for the detector: morphology, lemmas and the Japanese–English bridge.

- Japanese words come from SudachiPy with the core dictionary (mode C, whose
  normalized forms unify spelling variants: 引越し/引っ越し, ｷﾛ/キロ).
- English lemmas and their possible parts of speech come from lemminflect.
- The bridge between the languages is JMdict (and JMnedict for names) from the
  ``jamdict-data`` package, read directly with sqlite3: a Japanese word's
  English glosses become *keys*, stemmed by the Snowball English stemmer, so
  開業 ("opening a business") and "opened" share the key ``open``.

Every resource ships inside a pip package; nothing is downloaded at run time.
All lookups are cached, since claims of one repository reuse their words.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from factcheck import vocab
from factcheck.text import fold

__all__ = ["Morph", "cues", "en_lemmas", "fold", "gloss_keys", "ja_morphs", "name_glosses", "stem"]


@dataclass(frozen=True)
class Morph:
    """One Japanese morpheme as SudachiPy reads it."""

    surface: str
    norm: str
    lemma: str
    pos: tuple[str, ...]
    start: int
    end: int


@cache
def _tokenizer() -> Any:
    from sudachipy import dictionary, tokenizer

    return dictionary.Dictionary(dict="core").tokenizer(tokenizer.Tokenizer.SplitMode.C)


@cache
def _split_a() -> Any:
    from sudachipy import tokenizer

    return tokenizer.Tokenizer.SplitMode.A


@lru_cache(maxsize=65536)
def ja_morphs(text: str) -> tuple[Morph, ...]:
    """Morphemes of a Japanese (or mixed) text, with character offsets."""
    out = []
    for m in _tokenizer().tokenize(text):
        out.append(Morph(m.surface(), m.normalized_form(), m.dictionary_form(), tuple(m.part_of_speech()[:3]),
                         m.begin(), m.end()))
    return tuple(out)


@lru_cache(maxsize=65536)
def ja_parts(word: str) -> tuple[str, ...]:
    """The short units of a long Japanese compound (mode A): 陸上国境 -> 陸上, 国境."""
    toks = _tokenizer().tokenize(word, _split_a())
    return tuple(t.normalized_form() for t in toks)


@lru_cache(maxsize=65536)
def ja_verbal_noun(word: str) -> str | None:
    """The normalized form of ``word`` when it is one short unit the dictionary marks as a verbal
    noun (承認, 起訴, 公開): what a negating prefix (不承認, 非公開, 未確認) denies."""
    toks = list(_tokenizer().tokenize(word, _split_a()))
    if len(toks) == 1 and toks[0].surface() == word and toks[0].part_of_speech()[2] == "サ変可能":
        return str(toks[0].normalized_form())
    return None


_LONGEST_WORD = 8  # characters of the longest dictionary word tried at each point of a compound


@lru_cache(maxsize=65536)
def word_by_word(word: str) -> str | None:
    """A Japanese compound said in English a dictionary word at a time, longest first:
    日本取引所グループ -> "Japan exchange group".  None when a piece has no short gloss."""
    out: list[str] = []
    i = 0
    while i < len(word):
        for j in range(min(len(word), i + _LONGEST_WORD), i, -1):
            short = [g for g in (re.sub(r"\([^)]*\)", " ", g).strip() for g in name_glosses(word[i:j]))
                     if g and len(g.split()) <= 2]
            if short:
                out.append(short[0])
                i = j
                break
        else:
            return None
    return " ".join(out)



@lru_cache(maxsize=65536)
def ja_readings(word: str) -> tuple[tuple[str, str], ...]:
    """Each short unit of a Japanese word with its reading in katakana: 長岡誠一 -> (長岡, ナガオカ), (誠一, セイイチ)."""
    return tuple((t.surface(), t.reading_form()) for t in _tokenizer().tokenize(word, _split_a()))


@lru_cache(maxsize=65536)
def en_lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """Possible lemmas of an English word by part of speech (``{"VERB": ("open",)}``)."""
    from lemminflect import getAllLemmas

    return dict(getAllLemmas(word.lower()))


@cache
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word.lower()))


@cache
def cues() -> dict[str, Any]:
    """``vocab/contradiction.yaml``: negation, hedges, antonyms, frames (general language only)."""
    data: dict[str, Any] = vocab.load("contradiction")
    return data


@cache
@cache
def event_group_index() -> dict[str, frozenset[int]]:
    """Each key of a one-time act the event groups list (its Japanese word, or the English
    word's stem) -> the groups it belongs to (vocab ``event_groups``)."""
    index: dict[str, set[int]] = {}
    for g, words in enumerate(cues()["event_groups"]):
        for w in words:
            index.setdefault(w if ja_has_cjk(w) else stem(w), set()).add(g)
    return {k: frozenset(v) for k, v in index.items()}


def stopwords_en() -> frozenset[str]:
    return frozenset(cues()["stopwords_en"])


_NOMINAL_SUFFIXES = (
    ("ication", "y"), ("ication", ""), ("ation", "e"), ("ation", ""), ("ition", "e"), ("uction", "uce"), ("tion", "te"),
    ("tion", "t"),
    ("sion", "de"), ("sion", "se"), ("sion", "t"), ("ment", ""), ("ure", "e"), ("ure", ""), ("al", "e"), ("al", ""),
    ("ance", "e"), ("ance", ""), ("ence", "e"), ("ery", "er"), ("ry", ""), ("y", ""), ("ing", ""), ("ing", "e"),
    ("er", ""), ("r", ""), ("ion", ""), ("ion", "e"),
)


@lru_cache(maxsize=131072)
def verb_of(word: str) -> str | None:
    """The verb an event noun comes from: closure -> close, election -> elect, death -> die."""
    low = word.lower()
    table = cues().get("derivations", {})
    if low in table:
        return str(table[low])
    lemmas = en_lemmas(low)
    if "VERB" in lemmas and "NOUN" not in lemmas:
        return lemmas["VERB"][0]
    for suffix, repl in _NOMINAL_SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            cand = low[: -len(suffix)] + repl
            if "VERB" in en_lemmas(cand):
                return cand
    return None


def event_stems(word: str) -> set[str]:
    """Stems of a word and of the verb it derives from (death -> die, opening -> open)."""
    out = {stem(word)}
    verb = verb_of(word)
    if verb:
        out.add(stem(verb))
    return out


# --- JMdict bridge ---------------------------------------------------------------

@cache
def _jmdict() -> sqlite3.Connection | None:
    try:
        path = resources.files("jamdict_data").joinpath("jamdict.db")
    except ModuleNotFoundError:  # the bridge is optional at import time; tests install it
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    return conn


_PAREN = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_MAX_SENSES = 2
_MAX_GLOSSES = 4


def _gloss_words(gloss: str) -> list[str]:
    # "(United States of) America" keeps both parts: the parenthesis often holds
    # the full name ("(United States of)") and sometimes only a usage note.
    inner = " ".join(_PAREN.findall(gloss))
    outer = _PAREN.sub(" ", gloss)
    words = [w for w in _WORD.findall(outer) if w.lower() not in ("to", "esp", "etc", "e", "g", "i")]
    if len(words) > 4:  # a definition, not a translation: keep only its head
        words = words[:2]
    if inner and len(_WORD.findall(inner)) <= 3 and not re.search(r"\b(?:esp|e\.g|etc|usu|of a|of an)\b", inner):
        words += [w for w in _WORD.findall(inner) if w.lower() not in ("of", "the")]
    return words


@lru_cache(maxsize=131072)
def gloss_keys(word: str) -> frozenset[str]:
    """English stems of a Japanese word's first JMdict senses (empty if JMdict lacks it)."""
    conn = _jmdict()
    if conn is None or not word:
        return frozenset()
    rows = conn.execute(
        "SELECT idseq FROM Kanji WHERE text=? UNION SELECT idseq FROM Kana WHERE text=? LIMIT 3", (word, word)
    ).fetchall()
    keys: set[str] = set()
    for (idseq,) in rows:
        senses = conn.execute("SELECT ID FROM Sense WHERE idseq=? ORDER BY ID LIMIT ?", (idseq, _MAX_SENSES)).fetchall()
        for (sid,) in senses:
            glosses = conn.execute(
                "SELECT text FROM SenseGloss WHERE sid=? AND lang='eng' ORDER BY rowid LIMIT ?", (sid, _MAX_GLOSSES)
            ).fetchall()
            for (gloss,) in glosses:
                for w in _gloss_words(gloss):
                    if w.lower() not in stopwords_en():
                        keys.update(event_stems(w))
    return frozenset(keys)


@lru_cache(maxsize=65536)
def name_glosses(word: str) -> tuple[str, ...]:
    """English renderings of a Japanese name or term (JMdict, then JMnedict): 東京証券取引所 -> Tokyo Stock Exchange."""
    conn = _jmdict()
    if conn is None or not word:
        return ()
    out: list[str] = []
    entries = conn.execute(
        # The entry where the word is a common (priority-tagged) spelling first: 韓国 is South Korea
        # before it is the archaic からくに (China, Korea).
        "SELECT idseq, common FROM (SELECT k.idseq, EXISTS(SELECT 1 FROM KJP p WHERE p.kid = k.ID) AS common "
        "FROM Kanji k WHERE k.text=? UNION SELECT n.idseq, EXISTS(SELECT 1 FROM KNP p WHERE p.kid = n.ID) "
        "FROM Kana n WHERE n.text=?) ORDER BY common DESC, idseq LIMIT 2", (word, word)
    ).fetchall()
    for idseq, common in entries:
        if common < entries[0][1]:
            break  # a common spelling found: rarer entries of the same letters are other words
        # The first sense only: later ones drift (韓国's historical senses gloss as "China").
        for (sid,) in conn.execute("SELECT ID FROM Sense WHERE idseq=? ORDER BY ID LIMIT 1", (idseq,)):
            out += [g for (g,) in conn.execute(
                "SELECT text FROM SenseGloss WHERE sid=? AND lang='eng' ORDER BY rowid LIMIT 3", (sid,))]
    if out:
        return tuple(dict.fromkeys(out))  # a dictionary word: JMnedict's readings of it as a name only add noise
    out += [g for (g,) in conn.execute(
        "SELECT g.text FROM NEKanji k JOIN NETranslation t ON t.idseq=k.idseq JOIN NETransGloss g ON g.tid=t.ID "
        "WHERE k.text=? UNION SELECT g.text FROM NEKana k JOIN NETranslation t ON t.idseq=k.idseq "
        "JOIN NETransGloss g ON g.tid=t.ID WHERE k.text=? LIMIT 4", (word, word))]
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def ne_readings(word: str, limit: int = 12) -> tuple[str, ...]:
    """The romanised readings JMnedict gives a Japanese name part (錦織: Nishikiori, Nishikori, ...),
    whether or not JMdict also lists the letters as a word (錦織, brocade weaving)."""
    conn = _jmdict()
    if conn is None or not word:
        return ()
    rows = conn.execute("SELECT DISTINCT g.text FROM NEKanji k JOIN NETranslation t ON t.idseq=k.idseq "
                        "JOIN NETransGloss g ON g.tid=t.ID WHERE k.text=? LIMIT ?", (word, limit))
    return tuple(g for (g,) in rows)


_MAX_HEADWORD_ENTRIES = 3  # entries of each dictionary an English name may be spelled by (Japan: 日本, 扶桑 ...)
_KATAKANA_WORD = re.compile(r"[\u30a0-\u30ffー・]+")
_PERSONAL_NAME_TYPES = frozenset({"surname", "given", "fem", "masc", "unclass"})


def _glosses_name(gloss: str, name: str) -> bool:
    """The gloss is the name, alone or with one note in brackets: "Paris", "Paris (France)"."""
    if gloss == name:
        return True
    note = gloss[len(name) + 2:-1]
    return gloss.startswith(name + " (") and gloss.endswith(")") and "(" not in note and ")" not in note


@lru_cache(maxsize=65536)
def ja_headwords(name: str) -> tuple[str, ...]:
    """Japanese spellings of an English name: the headwords (kanji, and katakana) of the JMdict
    and JMnedict entries that gloss it exactly, alone or with a note in brackets ("Paris
    (France)"): Thailand -> タイ国, タイ; NYSE -> ニューヨーク証券取引所.  The lookup runs from the
    English side because a Japanese word's own first gloss may be another word (タイ: "tie").

    Glosses match case and all, so a common word capitalised at a sentence start ("Orchards")
    meets no name.  A JMdict entry counts when the name glosses its first sense, the commonest
    entries first (Japan: 日本 before the poetic 扶桑); a JMnedict entry unless it only reads a
    family or given name (Osaka is the surname 小坂 too).  At most a few of each are kept."""
    conn = _jmdict()
    if conn is None or len(name) < 3 or not name[:1].isupper():
        return ()
    # One range scan of the gloss index finds "Paris" and "Paris (France)", not "Parisian";
    # "+g.lang" keeps SQLite on that index rather than the one on the language.
    span = (name, name + " *")
    first_senses = conn.execute(
        "SELECT g.text, s.idseq, EXISTS(SELECT 1 FROM Kanji k JOIN KJP p ON p.kid=k.ID WHERE k.idseq=s.idseq) "
        "FROM SenseGloss g JOIN Sense s ON s.ID=g.sid WHERE g.text >= ? AND g.text < ? AND +g.lang='eng' "
        "AND s.ID = (SELECT MIN(ID) FROM Sense WHERE idseq=s.idseq)", span).fetchall()
    words = [(-common, idseq) for gloss, idseq, common in first_senses if _glosses_name(gloss, name)]
    jmdict = list(dict.fromkeys(idseq for _, idseq in sorted(words)))[:_MAX_HEADWORD_ENTRIES]
    names = []
    for gloss, idseq, types in conn.execute(
            "SELECT g.text, t.idseq, (SELECT GROUP_CONCAT(y.text) FROM NETransType y WHERE y.tid=t.ID) "
            "FROM NETransGloss g JOIN NETranslation t ON t.ID=g.tid WHERE g.text >= ? AND g.text < ?", span):
        if _glosses_name(gloss, name) and not set((types or "").split(",")) <= _PERSONAL_NAME_TYPES \
                and idseq not in names:
            names.append(idseq)
    out: list[str] = []
    for (kanji, kana), entries in ((("Kanji", "Kana"), jmdict),
                                   (("NEKanji", "NEKana"), names[:_MAX_HEADWORD_ENTRIES])):
        for idseq in entries:
            out += [t for (t,) in conn.execute(f"SELECT text FROM {kanji} WHERE idseq=?", (idseq,))]
            out += [t for (t,) in conn.execute(f"SELECT text FROM {kana} WHERE idseq=?", (idseq,))
                    if _KATAKANA_WORD.fullmatch(t)]
    return tuple(dict.fromkeys(out))


_SORT_OF_NE_TYPE = {"place": "place", "station": "place", "company": "body", "organization": "body",
                    "person": "person"}
_GIVEN_NAME_TYPES = frozenset({"given", "masc", "fem"})


@lru_cache(maxsize=65536)
def en_name_sort(name: str) -> str | None:
    """Whether an English name is a place, a body or a person, as the dictionaries tell: the part
    of speech SudachiPy gives its Japanese spelling (California: カリフォルニア, 地名), else the
    JMnedict types of its entries when they agree (Lufthansa: company); a name of two or three
    words whose first is a given name (Andy Blankenbuehler) is a person's.  None when unknown."""
    sort = _known_sort(name)
    words = name.split()
    if sort is None and 2 <= len(words) <= 3 and any(t & _GIVEN_NAME_TYPES for t in _ne_types(words[0])) \
            and _known_sort(words[0]) != "place" and not en_lemmas(words[-1]):
        # Thomas Kail, not Sydney Opera House (a word of the dictionary ends it) nor Victoria Falls.
        return "person"
    return sort


def _known_sort(name: str) -> str | None:
    heads = ja_headwords(name)
    if heads:
        morphs = ja_morphs(heads[0])
        proper = [m.pos[2] for m in morphs if len(m.pos) > 2 and m.pos[1] == "固有名詞"]
        if proper and all(p == "地名" for p in proper):
            return "place"  # 北アメリカ: a place, whatever common word qualifies it
        if proper and len(proper) == len(morphs) and all(p == "人名" for p in proper):
            return "person"  # not ビクトリア滝: a place named after a person
    sorts = {_SORT_OF_NE_TYPE.get(t) for types in _ne_types(name) for t in types}
    return next(iter(sorts)) if len(sorts) == 1 else None


@lru_cache(maxsize=65536)
def _ne_types(name: str) -> tuple[frozenset[str], ...]:
    """The name types (place, company, given...) of each JMnedict entry glossed exactly ``name``."""
    conn = _jmdict()
    if conn is None or not name[:1].isupper():
        return ()
    rows = conn.execute("SELECT (SELECT GROUP_CONCAT(y.text) FROM NETransType y WHERE y.tid=t.ID) "
                        "FROM NETransGloss g JOIN NETranslation t ON t.ID=g.tid WHERE g.text=? LIMIT 8", (name,))
    return tuple(frozenset((types or "").split(",")) - {""} for (types,) in rows)


@lru_cache(maxsize=65536)
def jm_antonyms(word: str) -> frozenset[str]:
    """Japanese words JMdict marks as antonyms of ``word`` (増加 -> 減少)."""
    conn = _jmdict()
    if conn is None or not word:
        return frozenset()
    rows = conn.execute(
        "SELECT a.text FROM antonym a JOIN Sense s ON s.ID=a.sid JOIN Kanji k ON k.idseq=s.idseq WHERE k.text=?",
        (word,),
    ).fetchall()
    return frozenset(r[0].split("・")[0] for r in rows)


@lru_cache(maxsize=65536)
def en_bridge(lemma: str, verb: bool) -> frozenset[str]:
    """Stems of synonyms of an English lemma, through JMdict entries glossed by it.

    "found" reaches 設立 ("establishment; founding"), so "founded" and
    "established" share keys.  A verb is looked up as "to found" in an entry's
    first sense, a noun only as an entry's first gloss, so common words do not
    fan out into every sense they have.
    """
    conn = _jmdict()
    if conn is None or len(lemma) < 3 or lemma in stopwords_en():
        return frozenset()
    if verb:
        sql = ("SELECT DISTINCT s.idseq FROM SenseGloss g JOIN Sense s ON s.ID=g.sid WHERE g.text=? AND g.lang='eng' "
               "AND s.ID = (SELECT MIN(ID) FROM Sense WHERE idseq=s.idseq) LIMIT 4")
        arg = f"to {lemma}"
    else:
        sql = ("SELECT DISTINCT s.idseq FROM SenseGloss g JOIN Sense s ON s.ID=g.sid WHERE g.text=? AND g.lang='eng' "
               "AND g.rowid = (SELECT MIN(rowid) FROM SenseGloss WHERE sid=g.sid) "
               "AND s.ID = (SELECT MIN(ID) FROM Sense WHERE idseq=s.idseq) LIMIT 4")
        arg = lemma
    keys: set[str] = set()
    for (idseq,) in conn.execute(sql, (arg,)).fetchall():
        for (sid,) in conn.execute("SELECT ID FROM Sense WHERE idseq=? ORDER BY ID LIMIT 1", (idseq,)):
            for (gloss,) in conn.execute(
                "SELECT text FROM SenseGloss WHERE sid=? AND lang='eng' ORDER BY rowid LIMIT 4", (sid,)
            ):
                words = _gloss_words(gloss)
                if len(words) == 1 and words[0].lower() not in stopwords_en():
                    keys.add(stem(words[0]))
    return frozenset(keys)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def ja_has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
