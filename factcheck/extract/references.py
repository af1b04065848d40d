"""Reference lists and bibliographies -> CSL-style ``Reference`` values.

Input is what a browser copy of a Wikipedia page (or a blog's source list)
leaves behind: the segmenter hands over ``Block`` spans with a role, and this
module cuts each block into entries and reads CSL fields out of each entry.

Entry forms handled (one per line, or several on a line, or wrapped)::

    - ^ 「声明」ウクライナ外務省. 2022年7月13日.
    - ^ ab 「…」…                      (cited twice: back-link letters dropped)
    ^ a b c "Title". Publisher. …       ^ Jump up to: a b c "Title". …
    1. ^ …                              (a surviving list number is the label)
    ^ Smith 2016, p. 7.                 (short form, resolved to the bibliography)
    {{cite web}}: CS1 maint: … (リンク) - ^ 「…」ロイター…   (noise, then the next entry)

Browser copies drop the list numbers, so the Nth ``^`` entry of a
references block is label N; in a notes block it is the Nth letter.

Parsing is deliberately timid: a field that cannot be read with confidence is
left empty, because a wrong-but-plausible value is worse than none.  The whole
entry is always kept in ``custom["raw"]``.

Custom keys: ``raw`` (entry text without ``^`` and back-links), ``see`` (id of
the bibliography entry a short form resolves to), ``short`` (True on a short
form), ``archive_date``, ``archive_url``, ``format`` ("PDF"), ``isbn``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from factcheck import vocab
from factcheck.extract.parts import Block
from factcheck.model import Name, Reference
from factcheck.text import MONTHS, iso_date, month_number

# --- dates -----------------------------------------------------------------

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# One alternative per written form; the whole match goes to _iso().
DATE = (
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
    r"|\d{4}[-/]\d{1,2}[-/]\d{1,2}"
    rf"|{_MONTH}\s+\d{{1,2}},\s*\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{4}}"
    r"|\d{4}\s*年)"
)
_DATE_RE = re.compile(DATE)
_YEAR_RE = re.compile(r"(?<![\d.,])(1[5-9]\d{2}|20\d{2})(?![\d年-])")


def _iso(written: str) -> str | None:
    """ISO 8601 for a date in any form DATE matches; None if it is not a date."""
    s = written.strip()
    nums = [int(n) for n in re.findall(r"\d+", s)]
    month_word = re.search(r"[A-Za-z]+", s)
    if month_word:
        month = month_number(month_word.group())
        if month is None or not nums:
            return None
        year = nums[-1]
        day = nums[0] if len(nums) == 2 else None
        return _ymd(year, month, day)
    if not nums:
        return None
    return _ymd(nums[0], *(nums[1:3] + [None] * (2 - len(nums[1:3]))))


def _ymd(year: int, month: int | None, day: int | None) -> str | None:
    # Outside 1000-2999 a number is a page or a count, not a year.
    return iso_date(year, month, day) if 1000 <= year <= 2999 else None


# --- noise, back-links, entry boundaries -------------------------------------

# Wikipedia's CS1 maintenance and error messages survive a browser copy as
# text: "{{cite web}}: CS1 maint: 複数の名前: 著者リスト (リンク)".
_NOISE_RE = re.compile(
    r"\{\{\s*[Cc]ite[^{}]*\}\}\s*:?(?:[^()\n^]*?\((?:link|help|リンク|ヘルプ)\))?"
    r"|CS1\s*(?:maint|errors?|エラー|メンテナンス)\s*:[^()\n^]*?\((?:link|help|リンク|ヘルプ)\)"
    # The page footer, when a block runs to the end of the copy.
    r"|Retrieved from\s+\"?https?://[^\s\"]+\"?"
    r"|「https?://[^」\s]+」\s*から取得"
)
# "^" starts an entry at a line start, after a list marker, or mid-line after
# whitespace (entries run together when the copy lost line breaks).
_ENTRY_START_RE = re.compile(
    r"(?m)(?:^[ \t]*(?:[-*•][ \t]*)?(?:(?P<label>\d{1,4}|[a-z]{1,2})[.)][ \t]*)?|(?<=\s)(?:-[ \t]*)?)[\^↑]"
)
_JUMP_UP_RE = re.compile(r"^\s*(?:Jump up to\s*:|Jump up\s*[:^]?|以下の位置に戻る\s*:?)\s*")
_LIST_MARKER_RE = re.compile(r"^\s*(?:[-*•・]|\d{1,4}[.)])\s+")


def _alpha_label(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: Wikipedia's lower-alpha note labels."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def _strip_backlinks(s: str) -> str:
    """Drop the back-link letters of an entry cited more than once.

    "a b c 「…」", "ab 「…」" (letters run together) and "1.0 1.1 …" (older
    numeric back-links) all mark repeated citation, not the entry's text.
    """
    s = _JUMP_UP_RE.sub("", s, count=1)
    tokens = s.split(" ")
    first = tokens[0] if tokens else ""
    # Run-together letters: "ab", "abc", ... (at least two, from "a").
    if len(first) >= 2 and first == "abcdefghijklmnopqrstuvwxyz"[: len(first)] and len(tokens) > 1:
        return " ".join(tokens[1:]).strip()
    n = 0
    while n < len(tokens) and tokens[n] == _alpha_label(n + 1):
        n += 1
    if n >= 2:
        return " ".join(tokens[n:]).strip()
    m = re.match(r"^(?:(\d+)\.\d+\s+){2,}", s)
    if m:
        return s[m.end() :].strip()
    return s.strip()


@dataclass(frozen=True)
class _Entry:
    text: str  # without "^", back-links and noise
    label: str | None  # a list number or letter that survived the copy


def _split_caret_entries(text: str) -> tuple[list[_Entry], str]:
    """Cut a references/notes block at each ``^``; return entries and any
    trailing text that follows a sub-heading (a bibliography inside the block)."""
    text = _NOISE_RE.sub(" ", text)
    starts = list(_ENTRY_START_RE.finditer(text))
    entries: list[_Entry] = []
    tail = ""
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        body = text[m.end() : end]
        if i + 1 == len(starts):
            # After the last entry a sub-heading ("Sources") opens a
            # bibliography inside the block; before it, lines wrap the entry.
            body, tail = _cut_at_subheading(body)
        body = _strip_backlinks(" ".join(body.split()))
        if body:
            entries.append(_Entry(body, m.group("label")))
    return entries, tail


def _looks_like_heading(line: str) -> bool:
    """A short line with no digits and no punctuation: a sub-heading such as
    "Sources" or "書籍", not the continuation of a wrapped entry."""
    s = line.strip()
    return 0 < len(s) <= 30 and not re.search(r"[\d.,。、:;()（）「」『』\"“”/]", s)


def _cut_at_subheading(body: str) -> tuple[str, str]:
    lines = body.split("\n")
    for i, line in enumerate(lines[1:], start=1):
        if _looks_like_heading(line):
            return "\n".join(lines[:i]), "\n".join(lines[i + 1 :])
    return body, ""


def _split_plain_entries(text: str) -> list[str]:
    """Entries of a bibliography: one per line or per list item; an unmarked
    line continues the item above when the block uses list markers."""
    text = _NOISE_RE.sub(" ", text)
    lines = [ln for ln in text.split("\n") if ln.strip()]
    marked = sum(bool(_LIST_MARKER_RE.match(ln)) for ln in lines)
    items: list[str] = []
    for line in lines:
        if _looks_like_heading(line):
            continue
        if marked and not _LIST_MARKER_RE.match(line) and items:
            items[-1] += " " + line.strip()
        else:
            items.append(_LIST_MARKER_RE.sub("", line, count=1).strip())
    return [" ".join(it.split()) for it in items if _looks_like_citation(it)]


def _looks_like_citation(s: str) -> bool:
    return bool(_YEAR_RE.search(s) or re.search(r"https?://|ISBN|[「『“\"]", s))


# --- vocabulary ---------------------------------------------------------------


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).casefold()
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"[\s・·]", "", s)


@cache
def _vocab() -> dict[str, Any]:
    data = vocab.load("publishers")
    return {
        "outlets": sorted({_norm(o) for o in data["outlets"]}, key=len, reverse=True),
        "outlet_suffixes": tuple(_norm(s) for s in data["outlet_suffixes"]),
        "institution_suffixes": tuple(_norm(s) for s in data["institution_suffixes"]),
        "magazines": frozenset(_norm(m) for m in data["magazines"]),
        "magazine_suffixes": tuple(_norm(s) for s in data["magazine_suffixes"]),
        "languages": {k: v for k, v in data["languages"].items()},
    }


def is_news_outlet(name: str) -> bool:
    """True when ``name`` is a known news outlet or ends like one (…紙, … News)."""
    n = _norm(name)
    if not n:
        return False
    for outlet in _vocab()["outlets"]:
        if n == outlet:
            return True
        if n.startswith(outlet):
            nxt = n[len(outlet)]
            # Short names (CNN, AP) only before a non-Latin letter or a break,
            # so "APEC" is not AP.
            if len(outlet) >= 4 or not (nxt.isascii() and nxt.isalnum()):
                return True
    return n.endswith(_vocab()["outlet_suffixes"])


def is_magazine(name: str) -> bool:
    """True when ``name`` is a known magazine or ends like one (タイム誌, … Magazine)."""
    n = _norm(name)
    return bool(n) and (n in _vocab()["magazines"] or n.endswith(_vocab()["magazine_suffixes"]))


def _is_institution(name: str) -> bool:
    """A government body or organisation: "米国国防総省", "U.S. Department of Defense"."""
    if is_news_outlet(name):
        return False
    words = {_norm(w) for w in re.findall(r"[^\W\d_]+", name)}
    suffixes = _vocab()["institution_suffixes"]
    return _norm(name).endswith(suffixes) or any(s in words for s in suffixes)


# --- names --------------------------------------------------------------------

# The lookbehinds start a match only where a run of spaces or of (...) groups
# starts (the leftmost match would start there anyway): linear, not quadratic.
_ROLE_RE = re.compile(r"(?<![\s)）])(?:\s*[(（][^()（）]*[)）])+$|記者$|(?<!\s)\s*\((?:ed|eds)\.?\)$")


def _clean_name(s: str) -> str:
    s = s.strip(" 。,、;:")
    if not re.search(r"\b[A-Z]\.$", s):  # keep the dot of an initial: "Smith, J."
        s = s.rstrip(".")
    prev = None
    while prev != s:
        prev = s
        s = _ROLE_RE.sub("", s).strip(" 。,、;:")
    return s


def parse_names(s: str) -> tuple[Name, ...]:
    """CSL names from an author or editor list as CS1 renders it.

    "Yang, Heekyong; Smith, Josh" and "ミラー、クリストファー、セドン、マックス"
    split into family/given pairs; a list whose shape is unclear
    ("Kennedy, Isaac Yee, Victoria Butenko, Niamh") is kept whole as one
    literal, and a single unsplit name ("マット・マーフィー") is a literal.
    """
    s = _clean_name(s)
    if not s:
        return ()
    if ";" in s or "；" in s:
        parts = [p for p in re.split(r"\s*[;；]\s*|\s+&\s+", s) if p.strip()]
        return tuple(n for p in parts for n in _one_name(p))
    return _comma_list(s)


def _one_name(s: str) -> tuple[Name, ...]:
    s = _clean_name(s)
    if not s:
        return ()
    parts = [p.strip() for p in re.split(r"[,、]", s)]
    if len(parts) == 2 and all(parts):
        return (Name(family=parts[0], given=parts[1]),)
    return (Name(literal=s),)


def _comma_list(s: str) -> tuple[Name, ...]:
    sep = "、" if "、" in s else ","
    parts = [p.strip() for p in s.split(sep)]
    if len(parts) == 1 or not all(parts):
        return (Name(literal=s),)
    if len(parts) % 2 == 0 and all(_single_word(p) for p in parts[0::2]):
        return tuple(Name(family=f, given=g) for f, g in zip(parts[0::2], parts[1::2], strict=True))
    return (Name(literal=s),)


def _single_word(s: str) -> bool:
    return " " not in s.strip()


# --- one entry ----------------------------------------------------------------

_URL_RE = re.compile(r"https?://[^\s<>\"「」『』]+")
_ARCHIVE_HOSTS = ("web.archive.org", "archive.today", "archive.ph", "archive.is", "webcitation.org")
_ACCESSED_RES = [
    re.compile(rf"(?:Retrieved|Accessed)(?:\s+on)?\s+(?P<d>{DATE})\s*\.?", re.I),
    re.compile(rf"(?P<d>{DATE})\s*(?:に?閲覧|に取得|取得)\s*[。.]?"),
    re.compile(rf"閲覧日\s*[:：]?\s*(?P<d>{DATE})\s*[。.]?"),
]
_ARCHIVE_RES = [
    re.compile(rf"Archived(?:\s*\(PDF\))?\s+from the original on\s+(?P<d>{DATE})\s*\.?", re.I),
    re.compile(rf"Archived\s+(?P<d>{DATE})\s+at the Wayback Machine\s*\.?", re.I),
    re.compile(rf"オリジナルから\s*(?P<d>{DATE})\s*にアーカイブ(?:されました)?\s*[。.]?"),
    re.compile(rf"(?P<d>{DATE})\s*(?:の|時点の)\s*オリジナル(?:より|から)アーカイブ(?:されました)?\s*[。.]?"),
    re.compile(rf"オリジナルの\s*(?P<d>{DATE})\s*時点におけるアーカイブ\s*[。.]?"),
]
_PDF_TITLE_RE = re.compile(r"^(?P<t>[^()\"“「『|]{3,200}?)\s*[(（]\s*PDF\s*[)）]")
_MEDIUM_RE = re.compile(r"(?<!\s)\s*\((?P<m>Report|Press release|Thesis|Map|Video|Podcast|Speech|Interview|Television production|Motion picture)\)")
_PDF_RE = re.compile(r"[(\[（]\s*PDF\s*[)\]）]", re.I)
_ISBN_RE = re.compile(r"ISBN[\s:：-]*(?P<n>[\dXx][\d\-– Xx]{8,16}[\dXx])")
# Identifiers CS1 prints after an entry; kept in custom (doi, issn) or dropped.
_IDENT_RE = re.compile(
    r"\b(?P<k>doi|ISSN|eISSN|OCLC|PMID|PMC|JSTOR|S2CID|Bibcode|arXiv|hdl|LCCN|ASIN)\s*[:：]?\s*(?P<v>[^\s,;。]+?)(?=[.,;。]?(?:\s|$))",
)
_JOURNAL_RE = re.compile(r"(?<![\d.])(?P<vol>\d{1,4})\s*\((?P<iss>[\w–-]{1,10})\)\s*:\s*(?P<pages>\d+(?:\s*[–-]\s*\d+)?)")
_EDITOR_RE = re.compile(r"^(?P<names>.+?)(?<!\s)\s*[(（](?:編|編集|編著|ed\.?|eds\.?)[)）]\s*[.。]?\s*", re.I)
_AUTHOR_DATE_RE = re.compile(
    rf"^(?P<names>.*?)(?<!\s)\s*[(（](?P<d>{DATE}|\d{{4}}[a-z]?|n\.d\.)[)）]\s*[.。,、]?\s*(?P<rest>.*)$", re.S
)
_PAGE_RE = re.compile(r"(?:\bpp?\.|\bp\s|ページ|頁)\s*(?P<p>\d[\d\s,、–—\-‐]*)", re.I)
_JA_PAGE_RE = re.compile(r"(?<!\d)(?P<p>\d+(?:\s*[–—\-‐]\s*\d+)?)\s*(?:頁|ページ)")
# Opening quote -> its closing quote; ASCII '"' closes only before a break, so
# a title with quotes inside ("…姓"俄".) keeps them.
_QUOTES = {"「": "」", "『": "』", "“": "”", "„": "“", "«": "»", '"': '"', "《": "》"}
_SHORT_RE = re.compile(
    r"^(?P<names>[^\d「」『』“”\"():：]{1,80}?)[\s,、]*"
    r"[(（]?(?P<year>(?:1[5-9]|20)\d{2}[a-z]?)[)）]?"
    r"(?P<rest>(?:\s*[,、:：]?\s*(?:pp?\.|p\b|ページ|頁|\d|chap|ch\.|§|loc\.).*)?)\s*[.。]?$",
    re.I,
)


def _find_title(s: str) -> tuple[int, int, str, str] | None:
    """Start, end, text and opening quote of the first quoted title."""
    for i, ch in enumerate(s):
        if ch not in _QUOTES:
            continue
        close = _QUOTES[ch]
        if ch == '"':
            end = _ascii_close(s, i)
        else:
            end = _matching_close(s, i, ch, close)
        if end is not None and end > i + 1:
            return i, end + 1, s[i + 1 : end].strip(), ch
    return None


def _matching_close(s: str, i: int, open_: str, close: str) -> int | None:
    depth = 0
    for j in range(i, len(s)):
        if s[j] == open_ and open_ != close:
            depth += 1
        elif s[j] == close:
            depth -= 1
            if depth == 0:
                return j
    return None


def _ascii_close(s: str, i: int) -> int | None:
    """The '"' that ends a title: the last one before a break (". ", "。",
    end), so inner quotes survive."""
    best = None
    for j in range(i + 1, len(s)):
        if s[j] != '"':
            continue
        nxt = s[j + 1 : j + 2]
        if nxt in ("", " ", ".", ",", "。", "、", "(", "（") or not nxt.isalnum():
            best = j
            if nxt in ("", " ", ".", "。", "(", "（"):
                return j
    return best


def _take(pattern: re.Pattern[str], s: str) -> tuple[str | None, str]:
    """The 'd' group of the first match, and s with the match cut out."""
    m = pattern.search(s)
    if not m:
        return None, s
    return m.group("d"), s[: m.start()] + " | " + s[m.end() :]


def _clean_page(p: str) -> str:
    p = unicodedata.normalize("NFKC", p)
    p = re.sub(r"\s*[、,]\s*", ", ", p.strip(" .。,、"))
    return re.sub(r"\s*[–—‐-]\s*", "–", p)


# MediaWiki's error text where a reference failed to render (en and ja).
_CITE_ERROR_RE = re.compile(r"^\s*(?:Cite error|引用エラー)\s*[:：]", re.I)
_CITE_ERROR_NAME_RE = re.compile(
    r"named reference\s+[\"“]?([^\s\"”]+?)[\"”]?\s+(?:was|is)|name\s*=\s*[\"“]?([^\s\"”]+?)[\"”]?\s|名前\s*[「\"]([^」\"]+)[」\"]",
    re.I,
)


def parse_entry(raw: str) -> dict[str, Any]:
    """CSL fields of one reference-list entry.

    Keys are CSL names ("container-title", "URL", ...); names are ``Name``
    tuples; only fields read with confidence are present.  ``custom["raw"]``
    always holds the entry without its ``^`` and back-links.

    >>> parse_entry("Byrne, Leo (2017年10月12日). 「地図帳」. NK News .")["container-title"]
    'NK News'
    """
    text = " ".join(_NOISE_RE.sub(" ", raw).split())
    text = _strip_backlinks(re.sub(r"^\s*(?:[-*•]\s+|[-*•]?\s*\d{1,3}[.)]\s+)?(?:[\^↑]\s*)?", "", text))
    out: dict[str, Any] = {"type": "webpage", "custom": {"raw": text}}
    custom = out["custom"]
    work = text
    if _CITE_ERROR_RE.search(text):
        # "Cite error: The named reference X was invoked but never defined":
        # the wiki failed to render the entry; record the gap, read nothing.
        name = _CITE_ERROR_NAME_RE.search(text)
        return {"type": "document", "custom": {"raw": text, "broken": True, **({"name": next(g for g in name.groups() if g)} if name else {})}}

    urls = _URL_RE.findall(work)
    for url in urls:
        url = url.rstrip(".,。、)")
        if any(h in url for h in _ARCHIVE_HOSTS):
            custom.setdefault("archive_url", url)
        else:
            out.setdefault("URL", url)
    work = _URL_RE.sub(" | ", work)
    for pat in _ACCESSED_RES:
        d, work = _take(pat, work)
        if d and _iso(d):
            out["accessed"] = _iso(d)
            break
    for pat in _ARCHIVE_RES:
        d, work = _take(pat, work)
        if d and _iso(d):
            custom["archive_date"] = _iso(d)
            break
    # An entry with no author opens with its title; "(PDF)" right after it
    # shows where the title ends: "List of Lights, Pub. 114: … (PDF). …"
    pdf_title = _PDF_TITLE_RE.match(work)
    medium = _MEDIUM_RE.search(work)
    if medium:
        # CS1's "(Report)", "(Press release)" after a title: the kind of work, not its title
        custom["medium"] = medium.group("m")
        work = work[: medium.start()] + " " + work[medium.end() :]
    if _PDF_RE.search(work):
        custom["format"] = "PDF"
        work = _PDF_RE.sub(" ", work)
    isbn = _ISBN_RE.search(work)
    if isbn:
        custom["isbn"] = re.sub(r"[\s–]", "-", isbn.group("n").strip())
        work = work[: isbn.start()] + " | " + work[isbn.end() :]
    for ident in list(_IDENT_RE.finditer(work)):
        if ident.group("k").lower() in ("doi", "issn"):
            custom[ident.group("k").lower()] = ident.group("v")
    work = _IDENT_RE.sub(" | ", work)
    work = _take_language(work, out)

    short = _parse_short(work)
    if short is not None:
        custom.update(short.pop("custom", {}), short=True)
        out.update(short)
        return out

    title = _find_title(work)
    if title is not None:
        start, end, out["title"], quote = title
        if quote == '"' and out["title"].count('"') % 2:
            # '"…姓"俄".' : the inner closing quote swallowed the outer one.
            out["title"] += '"'
        head, tail = work[:start], work[end:]
    else:
        head, tail, quote = work, "", ""
    if title is None and pdf_title is not None:
        out["title"] = pdf_title.group("t").strip()
        head, tail = "", work[pdf_title.end("t"):]
        title_from_pdf = True
    else:
        title_from_pdf = False
    tail = _read_head(head, tail, out, has_title=title is not None or title_from_pdf)
    # An unquoted title after "Author (date)." was italic: a book's.
    book_title = quote == "『" or (title is None and "title" in out)
    _read_tail(tail, out, book_title=book_title)
    if out.get("title"):
        # CS1 prints a book's edition after its title: "Title (3rd ed.)"
        edition = _EDITION_RE.search(out["title"])
        if edition:
            custom["edition"] = edition.group("e")
            out["title"] = out["title"][: edition.start()].rstrip()
    out["type"] = _csl_type(out, quote)
    return {k: v for k, v in out.items() if v not in (None, "", ())}


_EDITION_RE = re.compile(r"(?<!\s)\s*[(（](?P<e>\d+(?:st|nd|rd|th)|[Rr]evised|[Nn]ew|第\d+版)\s*(?:ed\.?|edition|版)?[)）]\s*$")


def _take_language(work: str, out: dict[str, Any]) -> str:
    langs = _vocab()["languages"]
    names = "|".join(re.escape(k) for k in sorted(langs, key=len, reverse=True))
    m = re.search(rf"[(（](?:in\s+)?(?P<l>{names})[)）]", work)
    if m:
        out["language"] = langs[m.group("l")]
        work = work[: m.start()] + " " + work[m.end() :]
    return work


# Lower-case words that may stand in a surname list: "van Dijk", "de Gaulle", "Smith and Jones".
_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "al", "el",
                             "bin", "ibn", "dos", "das", "del", "y", "and"})


def _parse_short(work: str) -> dict[str, Any] | None:
    """Fields of a short-form citation ("Smith 2016, p. 7", "ワーツ、オ 2016、p. 7、9"),
    or None when ``work`` is a full entry."""
    s = work.replace("|", " ").strip(" .。")
    if not s or re.search(r"[「」『』“”\"]", s):
        return None
    m = _SHORT_RE.match(s)
    if not m:
        return None
    names = re.sub(r"\s*(?:et al\.?|ほか|他|ら)$", "", m.group("names").strip(" ,、"))
    # Surnames only: "Founded in 2016." or a sentence is not an author list.
    if not names or re.search(r"\s{2,}|[.。!?]", names) or len(names.split()) > 8:
        return None
    if any(w[0].islower() and w not in _NAME_PARTICLES for w in re.findall(r"[A-Za-z][\w'-]*", names)):
        return None
    out: dict[str, Any] = {"type": "document", "issued": m.group("year")[:4]}
    families = [p.strip() for p in re.split(r"\s*(?:[,、;&]|\band\b|および)\s*", names) if p.strip()]
    out["author"] = tuple(Name(family=f) for f in families)
    if m.group("year")[4:]:
        out["custom"] = {"year_suffix": m.group("year")[4:]}
    rest = m.group("rest") or ""
    page = _PAGE_RE.search(rest) or _JA_PAGE_RE.search(rest)
    if page:
        out["page"] = _clean_page(page.group("p"))
    elif re.fullmatch(r"\s*[,、:：]?\s*\d[\d\s,、–—\-‐]*", rest):
        out["page"] = _clean_page(rest.strip(" ,、:："))
    return out


def _read_head(head: str, tail: str, out: dict[str, Any], *, has_title: bool) -> str:
    """Read authors, date and editors before the title into ``out``; return
    the text left for the tail.  Without a quoted title, an
    "Author (date). Title. …" entry's first sentence is the title."""
    m = _AUTHOR_DATE_RE.match(head)
    if m:
        if m.group("d") != "n.d.":
            out["issued"] = _iso(m.group("d")) or _first_year(m.group("d"))
            if re.fullmatch(r"\d{4}[a-z]", m.group("d")):
                # "Smith (2016a)": the letter tells apart a "Smith 2016a" short form.
                out["custom"]["year_suffix"] = m.group("d")[4:]
        names_text, rest = m.group("names"), m.group("rest")
        ed = _EDITOR_RE.match(rest)
        if ed:
            out["editor"] = parse_names(ed.group("names"))
            rest = rest[ed.end() :]
        out["author"] = parse_names(names_text)
        if not has_title:
            parts = re.split(r"(?<![A-Z])\.\s+|。", rest, maxsplit=1)
            if len(parts) == 2 and parts[0].strip(" |") and parts[1].strip():
                out["title"] = parts[0].strip(" |")
                return parts[1]
            return rest
        return tail
    if not has_title:
        # No title and no "Author (date)": a free-text note, nothing to read
        # with confidence -- unless it is just an outlet and a date
        # ("朝日新聞 2002年9月18日").
        dates = list(_DATE_RE.finditer(head))
        rest = _DATE_RE.sub(" ", head).strip(" .。,、|")
        if dates and rest and is_news_outlet(rest) and len(rest) <= 40:
            out["container-title"] = rest
            out["issued"] = _iso(dates[0].group())
        return ""
    ed = _EDITOR_RE.match(head.strip())
    if ed:
        out["editor"] = parse_names(ed.group("names"))
        head = head.strip()[ed.end() :]
    names = head.strip(" .。,、|")
    # Text before a title is an author only when it is name-shaped.
    if names and len(names) <= 80 and not re.search(r"\d|https?:", names):
        out["author"] = parse_names(names)
    return tail


def _first_year(s: str) -> str | None:
    m = re.search(r"\d{4}", s)
    return m.group() if m else None


_VOLUME_RE = re.compile(r"^(?:第?\s*\d+\s*[巻号集版]|(?:vol|no|issue|ed|edition)\.?\s*\d+|\d+(?:st|nd|rd|th) ed)", re.I)
_CHUNK_SPLIT_RE = re.compile(r"(?<!\b[A-Z])\.(?:\s+|$)|。|、|，|\|")


def _read_tail(tail: str, out: dict[str, Any], *, book_title: bool) -> None:
    """Container, publisher, date and pages after the title."""
    container = None
    m = re.match(r"^[\s.。,、|]*『(?P<c>[^』]+)』", tail)
    if m:
        container = m.group("c").strip()
        tail = tail[m.end() :]
    journal = _JOURNAL_RE.search(tail)
    if journal:
        # "12 (3): 45–67": volume, issue and pages of a journal article.
        out["type_hint"] = "article-journal"
        out["page"] = _clean_page(journal.group("pages"))
        tail = tail[: journal.start()] + " | " + tail[journal.end() :]
    page = _PAGE_RE.search(tail) or _JA_PAGE_RE.search(tail)
    if page:
        out["page"] = _clean_page(page.group("p"))
        tail = tail[: page.start()] + " | " + tail[page.end() :]
    dates = list(_DATE_RE.finditer(tail))
    if dates and "issued" not in out:
        out["issued"] = _iso(dates[0].group())
    tail = _DATE_RE.sub(" | ", tail)
    # "朝日新聞社 (2022年7月14日)": the date went, its parentheses go too.
    tail = re.sub(r"[(（]\s*\|\s*[)）]", " | ", tail)
    chunks = [c.strip(" .,:;|") for c in _CHUNK_SPLIT_RE.split(tail)]
    # Parenthesised notes ("(Press release)") and chunks without a letter
    # (volume numbers, stray punctuation) name nobody.
    if any(_VOLUME_RE.match(c) for c in chunks) and container is not None:
        out["type_hint"] = "article-journal"  # 「論文」『雑誌』第12巻第3号
    chunks = [
        c for c in chunks
        if re.search(r"[^\W\d_]", c) and not re.fullmatch(r"[(（][^()（）]*[)）]", c) and not _VOLUME_RE.match(c)
    ]
    if "issued" not in out:
        years = [c for c in chunks if _YEAR_RE.fullmatch(c)]
        if years:
            out["issued"] = years[0]
    chunks = [c for c in chunks if not _YEAR_RE.fullmatch(c)]
    bookish = book_title or "isbn" in out["custom"]
    if container is None and chunks:
        first = chunks.pop(0)
        if bookish or (_is_institution(first) and not chunks):
            out["publisher"] = _publisher(first)
            return
        container = first
        # "朝日新聞デジタル (朝日新聞社)": ja cite web's "site (publisher)".
        pub = re.fullmatch(r"(?P<c>.+?)\s*[(（](?P<p>[^()（）]+)[)）]", first)
        if pub and re.search(r"[^\W\d_]", pub.group("p")):
            container = pub.group("c")
            chunks.insert(0, pub.group("p"))
    if container is not None:
        out["container-title"] = container
    if chunks and len(chunks[0]) <= 80:
        out["publisher"] = _publisher(chunks[0])


def _publisher(s: str) -> str:
    """'Location: Publisher' -> 'Publisher'."""
    return s.split(": ", 1)[1].strip() if re.match(r"^[^:]{2,40}: \S", s) else s


def _csl_type(out: dict[str, Any], quote: str) -> str:
    custom = out["custom"]
    if out.pop("type_hint", None) == "article-journal":
        return "article-journal"
    outlets = [out.get("container-title"), out.get("publisher")]
    if any(o and is_magazine(o) for o in outlets):
        return "article-magazine"
    if any(o and is_news_outlet(o) for o in outlets):
        return "article-newspaper"
    if "isbn" in custom or "edition" in custom or (quote == "『" and "URL" not in out):
        return "book"
    if custom.get("format") == "PDF":
        # A PDF report names its issuing body where a web page names its site:
        # "「DPRK Diplomatic Relations」(PDF). NCNK." is published by NCNK.
        if out.get("container-title") and not out.get("publisher"):
            out["publisher"] = out.pop("container-title")
        return "report"
    if not any(out.get(k) for k in ("title", "container-title", "publisher", "URL")):
        return "document"
    return "webpage"


# --- blocks -> references ---------------------------------------------------------


def reference_id(doc_id: str, label: str) -> str:
    """The id of a numbered or lettered reference: ``<doc>-ref-<label>``
    (a space in a grouped label, "注 1", becomes "-")."""
    return f"{doc_id}-ref-" + re.sub(r"\s+", "-", label.strip())


def bibliography_id(doc_id: str, n: int) -> str:
    """The id of the nth (1-based) bibliography entry: ``<doc>-bib-<n>``."""
    return f"{doc_id}-bib-{n}"


def _reference(ref_id: str, label: str | None, fields: dict[str, Any], doc_id: str) -> Reference:
    return Reference(
        id=ref_id,
        label=label,
        type=fields.get("type", "webpage"),
        title=fields.get("title"),
        author=tuple(fields.get("author", ())),
        editor=tuple(fields.get("editor", ())),
        container_title=fields.get("container-title"),
        publisher=fields.get("publisher"),
        issued=fields.get("issued"),
        accessed=fields.get("accessed"),
        url=fields.get("URL"),
        page=fields.get("page"),
        language=fields.get("language"),
        custom=dict(fields.get("custom", {})),
        document=doc_id,
    )


# A grouped note marker in the prose: "[注 1]", "[注釈1]", "[note 1]", "[nb 1]".
_NOTE_GROUP_RE = re.compile(r"\[\s*(注釈|注|脚注|補足|note|nb|n|†|\*|※)(\s?)1\s*\]", re.I)


def _note_label(text: str, n: int) -> str:
    """The label of the nth note, in the form the prose's markers use:
    "注 1" when the text cites "[注 1]", else Wikipedia's letters a, b, …"""
    m = _NOTE_GROUP_RE.search(text)
    if m:
        return f"{m.group(1).casefold()}{' ' if m.group(2) else ''}{n}"
    return _alpha_label(n)


# A lettered note marker in the prose: "[a]", "[b]".
_LETTER_NOTE_RE = re.compile(r"\[[a-z]\]")
_NUMBER_CITE_RE = re.compile(r"\[\d{1,3}\]")

_LIST_ROLES = ("references", "notes", "bibliography")


def _clipped(blocks: Sequence[Block]) -> list[tuple[Block, int, int]]:
    """List blocks in order, each cut short where the next one starts, so an
    enclosing block and the blocks inside it do not yield entries twice."""
    ordered = sorted((b for b in blocks if b.role in _LIST_ROLES), key=lambda b: (b.start, -b.end))
    out: list[tuple[Block, int, int]] = []
    for i, b in enumerate(ordered):
        nxt = ordered[i + 1].start if i + 1 < len(ordered) else b.end
        end = min(b.end, max(nxt, b.start))
        if end > b.start:
            out.append((b, b.start, end))
    return out


def _collect(text: str, blocks: Sequence[Block]) -> tuple[list[tuple[str, str]], list[str]]:
    """(label, entry text) for every numbered or lettered entry, and the
    bibliography entries' texts.

    A block's content decides more than its role: ``^`` entries are a
    reference list even under a "参考文献"/"Bibliography" heading, and a block
    without them is a bibliography when the page has a ``^`` list elsewhere
    (both of the seed's sections are headed 参考文献).
    """
    spans = [(b, *_split_caret_entries(text[s:e]), s, e) for b, s, e in _clipped(blocks)]
    any_caret = any(entries for _, entries, _, _, _ in spans)
    # Many articles head their only footnote list "脚注"/"Notes": it holds the
    # numbered references when the prose cites "[1]" but no notes apart
    # ("[注 1]", "[a]") and no other block holds a numbered list.
    notes_apart = (
        not _NUMBER_CITE_RE.search(text)
        or bool(_NOTE_GROUP_RE.search(text) or _LETTER_NOTE_RE.search(text))
        or any(entries for b, entries, _, _, _ in spans if b.role != "notes")
    )
    counters = {"references": 0, "notes": 0}
    labelled: list[tuple[str, str]] = []
    bib: list[str] = []
    for block, entries, tail, s, e in spans:
        if not entries:
            plain = _split_plain_entries(text[s:e])
            if block.role == "bibliography" or any_caret:
                bib.extend(plain)
                continue
            entries = [_Entry(p, None) for p in plain]
        role = "notes" if block.role == "notes" and notes_apart else "references"
        for entry in entries:
            counters[role] += 1
            n = counters[role]
            label = entry.label or (_note_label(text, n) if role == "notes" else str(n))
            if entry.label and entry.label.isdigit():
                counters[role] = int(entry.label)
            labelled.append((label, entry.text))
        if tail:
            bib.extend(_split_plain_entries(tail))
    return labelled, bib


def parse_references(text: str, blocks: Sequence[Block], doc_id: str) -> list[Reference]:
    """Every entry of the document's reference, note and bibliography blocks.

    Numbered entries come first, in order, with their inline labels; then the
    bibliography entries (label None).  Short forms point at the bibliography
    entry they cite through ``custom["see"]``.
    """
    labelled_texts, bib_texts = _collect(text, blocks)
    labelled = [(label, parse_entry(t)) for label, t in labelled_texts]
    bib = [
        _reference(bibliography_id(doc_id, i), None, parse_entry(t), doc_id)
        for i, t in enumerate(bib_texts, start=1)
    ]
    refs: list[Reference] = []
    seen: set[str] = set()
    for label, fields in labelled:
        ref_id = reference_id(doc_id, label)
        while ref_id in seen:  # a label repeated by a garbled copy
            ref_id += "-dup"
        seen.add(ref_id)
        if fields.get("custom", {}).get("short"):
            target = resolve_short(fields, bib)
            if target is not None:
                fields["custom"]["see"] = target.id
        refs.append(_reference(ref_id, label, fields, doc_id))
    return refs + bib


# --- short forms -> bibliography ----------------------------------------------------


def _family(name: Name) -> str:
    return name.family or name.literal or ""


def _first_family(ref: Reference) -> str:
    if not ref.author:
        return ""
    first = _family(ref.author[0])
    # A literal list ("Kennedy, Isaac Yee, …") starts with a surname.
    return re.split(r"[,、]", first)[0].strip()


def _surname_score(surname: str, ref: Reference) -> float:
    family = _norm(_first_family(ref))
    # An unsplit CJK name ("山田太郎") starts with the surname a short form uses.
    if ref.author and ref.author[0].literal and len(surname) >= 2 and family.startswith(surname):
        return 100.0
    return fuzz.ratio(surname, family)


def resolve_short(fields: dict[str, Any], bib: Sequence[Reference]) -> Reference | None:
    """The bibliography entry a short form cites: same year and a first
    author whose surname fuzzily matches; failing that, the only entry of
    that year (a katakana short form cannot match a Latin surname by text)."""
    year = fields.get("issued")
    authors = fields.get("author", ())
    if not year:
        return None
    suffix = fields.get("custom", {}).get("year_suffix")
    same_year = [
        r for r in bib
        if (r.issued or "")[:4] == year and (suffix is None or r.custom.get("year_suffix") == suffix)
    ]
    if not same_year:
        return None
    surname = _norm(_family(authors[0])) if authors else ""
    scored = [(_surname_score(surname, r), r) for r in same_year]
    scored.sort(key=lambda sr: sr[0], reverse=True)
    if surname and scored[0][0] >= 80:
        return scored[0][1]
    if len(same_year) == 1:
        return same_year[0]
    return None


# --- labels with no entry -------------------------------------------------------------


def placeholder_reference(doc_id: str, label: str) -> Reference:
    """The reference recorded for a label the text cites but whose entry is
    missing (a page cut off before its list, a list the copy lost).

    Marked ``custom.unresolved`` so ``validate`` reads it as a known gap rather
    than a dangling citation, and a reviewer can fill it in by hand later.
    """
    return Reference(
        id=reference_id(doc_id, label),
        label=label,
        type="document",
        custom={"unresolved": True},
        document=doc_id,
    )
