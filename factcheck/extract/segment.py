"""Split a source text into sentences, sections, infobox rows and source lists.

    text --lines--> each line classified: blank, boilerplate, banner, heading,
                    source-list heading, table row, bullet, prose
         --prose--> paragraphs --sentences--> Segments (trailing markers kept)

Works on the original text: every offset is an index into it, so BOM, CRLF,
NBSP and full-width spaces are skipped over, never removed.  Vocabularies
(boilerplate lines, banners, source-list headings, non-factual patterns,
abbreviations) are data files under ``factcheck/vocab``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from factcheck import vocab
from factcheck.extract.markers import find_markers, is_edit_link, strip_markers
from factcheck.extract.parts import Block, BlockRole, Marker, Segment, Segmentation
from factcheck.model import ClaimKind
from factcheck.text import fold

Lang = Literal["ja", "en"]
LineKind = Literal["blank", "footer", "boilerplate", "banner", "heading", "sources", "entry", "table", "bullet", "prose"]

_WS = " \t\u00a0\u3000\ufeff\u200b\u200e\u200f\u2028\u2029\r\n"
_INLINE_WS = " \t\u00a0\u3000"
_TERMINALS: dict[str, str] = {"ja": "。．！？!?", "en": ".!?"}
_TERMINAL_RUN = "。．！？!?.…"
_EN_CLOSERS = "\"'”’)］]»"
_PAIRS = {"「": "」", "『": "』", "（": "）", "(": ")", "“": "”", "【": "】", "〔": "〕", "《": "》", "〈": "〉"}
_CLOSERS = {c: o for o, c in _PAIRS.items()}
_BULLET = re.compile(r"[・•●◆◇■□▪▶►◦‣*\-–—]\s*|\d{1,2}[.)）]\s+")
_EDIT_SUFFIX = re.compile(r"\s*[\[［]([^\[\]［］]{1,15})[\]］]\s*$")
# A reference-list entry by its shape: "^ …", "- ^ …", "1. ^ …", "↑ …"
_CARET_ENTRY = re.compile(r"(?<!\s)\s*(?:[-*•]\s*)?(?:\d{1,4}[.)]\s*)?[\^↑]")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")
# Abbreviations and acronyms are short; see _is_boundary.
_LONGEST_WORD = 40
_LETTER = re.compile(r"[^\W\d_]")
_MULTI_SENTENCE_EN = re.compile(r"[.!?][\"”’)]?\s+[A-Z]")
_HEADING_MAX = {"ja": 50, "en": 90}
_SHORT_ROW_MAX = 60
_SEPARATOR_CELL = re.compile(r"[\s:\-–—=+]*")
_TOC_NUMBER = re.compile(r"\d{1,2}(\.\d{1,2})*")
_KEY_VALUE = re.compile(r"^[^:：]{1,40}\s[:：]\s+\S|^[^:：]{1,40}：\s*\S")
_MAX_QUOTE = 300  # a longer "quote" is an unbalanced bracket, not a quotation


@dataclass(frozen=True)
class _Line:
    start: int  # first non-space character
    end: int  # one past the last non-space character
    text: str  # text[start:end]


@dataclass
class _State:
    """What the line walk has seen so far."""

    section: str = ""
    paragraph: int = 0
    title: str | None = None
    seen_content: bool = False
    in_sources: bool = False
    title_line: int | None = None  # start of the title line when the lead names it
    after_title: bool = False  # the title was the last line taken: a heading now is its subtitle
    implicit: bool = False  # the open source list had no heading: it was recognised by its "^" entries
    in_footer: bool = False  # past a comment-area or page-footer line: no more article text
    edit_mode: bool = False  # the text marks headings with [edit]/[編集]
    wrapped: bool = False  # the text is hard-wrapped: paragraphs run over several lines
    prose_seen: bool = False
    last_heading: str = ""
    edited: frozenset[int] = frozenset()  # start offsets of heading lines that carry an edit link
    segments: list[Segment] = field(default_factory=list)
    banners: list[str] = field(default_factory=list)
    blocks: list[tuple[str, int, BlockRole]] = field(default_factory=list)  # heading, start, default role
    block_ends: dict[int, int] = field(default_factory=dict)  # block index -> end offset


# ---------------------------------------------------------------- vocabularies


def _fold(s: str) -> str:
    """Line key for vocabulary lookups."""
    return fold(s)


@dataclass(frozen=True)
class _Boilerplate:
    exact: frozenset[str]
    prefix: tuple[str, ...]
    regex: tuple[re.Pattern[str], ...]
    footer: tuple[re.Pattern[str], ...]
    tagline: tuple[re.Pattern[str], ...]
    banners: tuple[str, ...]
    chrome_words: frozenset[str]
    chrome_fillers: frozenset[str]
    chrome_lines: frozenset[str]


@cache
def _boilerplate() -> _Boilerplate:
    data = vocab.load("boilerplate")
    return _Boilerplate(
        chrome_words=frozenset(_fold(s) for s in data["chrome_words"]),
        chrome_fillers=frozenset(_fold(s) for s in data["chrome_fillers"]),
        chrome_lines=frozenset(_fold(s) for s in data["chrome_lines"]),
        exact=frozenset(_fold(s) for s in data["exact"]),
        prefix=tuple(_fold(s) for s in data["prefix"]),
        regex=tuple(re.compile(r) for r in data["regex"]),
        footer=tuple(re.compile(r) for r in data.get("footer", [])),
        tagline=tuple(re.compile(r) for r in data.get("tagline", [])),
        banners=tuple(_fold(s) for s in data["banners"]),
    )


@cache
def _source_headings() -> dict[str, BlockRole]:
    return {_fold(k).replace(" ", ""): v for k, v in vocab.load("sections")["headings"].items()}


@cache
def _nonfactual() -> tuple[tuple[ClaimKind, re.Pattern[str]], ...]:
    data = vocab.load("nonfactual")
    return tuple(
        (kind, re.compile(p, re.IGNORECASE)) for kind in ("question", "meta", "opinion") for p in data.get(kind, [])
    )


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(vocab.load("abbreviations")["abbreviations"])


# ---------------------------------------------------------------- public API


def detect_language(text: str) -> Lang:
    """"ja" when kana and kanji make up a fair share of the letters, else "en"."""
    cjk = sum(1 for c in text if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    return "ja" if cjk and cjk >= 0.2 * (cjk + latin) else "en"


def classify_kind(sentence: str) -> ClaimKind:
    """fact, or question/meta/opinion from the patterns in vocab/nonfactual.yaml."""
    for kind, pattern in _nonfactual():
        if pattern.search(sentence):
            return kind
    return "fact"


def segment(text: str, lang: str = "auto") -> Segmentation:
    """Segments, source-list blocks, banners and title of ``text``."""
    language: Lang = lang if lang in ("ja", "en") else detect_language(text)  # type: ignore[assignment]
    markers = find_markers(text)
    by_start = {m.start: m for m in markers}
    lines = _lines(text)
    kinds = [_line_kind(ln, language) for ln in lines]
    for n in range(len(lines) - 1):
        # a "heading" that runs on into a lower-case line is a hard-wrapped sentence
        if kinds[n] == "heading" and language == "en" and kinds[n + 1] in ("prose", "heading") and lines[n + 1].text[:1].islower():
            kinds[n] = "prose"
    edited = _edited_headings(lines, kinds)
    state = _State(edit_mode=bool(edited), wrapped=_is_wrapped(lines, kinds), edited=edited)
    tagged = _title_above_tagline(lines)
    if tagged is not None:
        state.title, state.title_line = _heading_text(lines[tagged].text), lines[tagged].start
    else:
        named = _title_named_by_lead(lines, kinds)
        if named is not None:
            state.title, state.title_line = _heading_text(lines[named].text), lines[named].start
    if state.wrapped:  # a short line right after an unfinished one continues it
        for n in range(1, len(lines)):
            if kinds[n] == "heading" and kinds[n - 1] == "prose" and _open_ended(lines[n - 1].text):
                kinds[n] = "prose"
    i = 0
    while i < len(lines):
        i = _walk_line(text, lines, kinds, i, language, state, by_start)
    blocks = _blocks(text, state)
    segments = tuple(state.segments)
    unknown = tuple(m for s in segments for m in s.markers if m.kind == "unknown")
    return Segmentation(segments=segments, blocks=blocks, banners=tuple(state.banners),
                        title=state.title, unknown_markers=unknown)


# ---------------------------------------------------------------- lines


def _lines(text: str) -> list[_Line]:
    """Every line of ``text`` trimmed of surrounding whitespace (blank ones empty)."""
    out: list[_Line] = []
    for m in re.finditer(r"([^\r\n]*)(\r\n|\r|\n|$)", text):
        if m.start() == m.end() == len(text) and out:
            break  # the empty match after the last line break
        s, e = m.start(1), m.end(1)
        while s < e and text[s] in _WS:
            s += 1
        while e > s and text[e - 1] in _WS:
            e -= 1
        out.extend(_split_at_edit_links(text, s, e))
    return out


_EDIT_LINK = re.compile(r"[\[［]([^\[\]［］\n]{1,15})[\]］]")


def _split_at_edit_links(text: str, s: int, e: int) -> list[_Line]:
    """``History[edit]The town …`` is a heading glued to its first sentence by
    a copy that lost the line break: cut after the edit link, so the heading
    keeps its ``[edit]`` suffix and the sentence starts clean."""
    out: list[_Line] = []
    for m in _EDIT_LINK.finditer(text, s, e):
        if m.end() >= e or not is_edit_link(m.group(1)):
            continue
        out.append(_Line(s, m.end(), text[s : m.end()]))
        s = m.end()
        while s < e and text[s] in _WS:
            s += 1
    out.append(_Line(s, e, text[s:e]))
    return out


def _edited_headings(lines: list[_Line], kinds: list[LineKind]) -> frozenset[int]:
    """Start offsets of the lines that are headings by their edit link: "History[edit]",
    or "History" followed by a stand-alone "[edit]" line (which becomes blank)."""
    edited: set[int] = set()
    for n, ln in enumerate(lines):
        if _edit_suffix(ln.text) is None:
            continue
        if _heading_text(ln.text):
            edited.add(ln.start)
            continue
        kinds[n] = "blank"  # "[edit]" alone on its line: residue of the heading above
        p = n - 1
        while p >= 0 and not lines[p].text:
            p -= 1
        if p >= 0 and kinds[p] in ("heading", "sources"):
            edited.add(lines[p].start)
    return frozenset(edited)


def _edit_suffix(line: str) -> re.Match[str] | None:
    # The suffix is at most 17 characters before trailing space: look only there.
    m = _EDIT_SUFFIX.search(line, max(0, len(line.rstrip()) - 17))
    return m if m and is_edit_link(m.group(1)) else None


def _heading_text(line: str) -> str:
    m = _edit_suffix(line)
    return (line[: m.start()] if m else line).strip(_WS)


def _is_boilerplate(line: str) -> bool:
    b = _boilerplate()
    key = _fold(line)
    return key in b.exact or key.startswith(b.prefix) or any(r.search(key) for r in b.regex) or _is_chrome(key)


_REQUIRED_MARK = re.compile(r"(?<!\s)\s*+(?:\*|※?\s*[(（]?(?:required|必須)[)）]?|[:：])\s*$", re.I)
_WORD = re.compile(r"[a-z][a-z-]*")


def _is_chrome(key: str) -> bool:
    """A page control (form field, accessibility link, menu): ``key`` is folded."""
    b = _boilerplate()
    key = _REQUIRED_MARK.sub("", key).strip()
    if not key or len(key) > 40:
        return False
    if key in b.chrome_lines:
        return True
    words = _WORD.findall(key)
    if not words or len("".join(words)) < 0.6 * len(key.replace(" ", "")):
        return False
    return all(w in b.chrome_words or w in b.chrome_fillers for w in words) and any(w in b.chrome_words for w in words)


def _title_above_tagline(lines: list[_Line]) -> int | None:
    """The index of the nearest line above "From Wikipedia, the free
    encyclopedia" (or a blog's or news page's byline) that is not page
    furniture, if there is one.  A headline with its standfirst right under
    it ("Catalonia declares …" / "Six million people face …") is the headline."""
    tagline = _boilerplate().tagline
    for n, ln in enumerate(lines):
        if ln.text and any(r.search(_fold(ln.text)) for r in tagline):
            above = [k for k in range(n) if lines[k].text and not _is_boilerplate(lines[k].text)]
            if not above:
                return None
            last = above[-1]
            if len(above) >= 2 and above[-2] == last - 1 and len(lines[last].text) > len(lines[above[-2]].text) \
                    and _headline_like(_heading_text(lines[above[-2]].text)):
                return above[-2]
            return last
    return None


def _title_named_by_lead(lines: list[_Line], kinds: list[LineKind]) -> int | None:
    """The heading line above the first paragraph that the paragraph names
    ("Carrick Head Lighthouse" / "Carrick Head Lighthouse is an active …"):
    the title, whatever site name or menu stands above it."""
    candidates: list[int] = []
    for n, kind in enumerate(kinds):
        if kind == "heading":
            candidates.append(n)
        elif kind == "prose" and len(lines[n].text) >= 40:
            lead = _fold(strip_markers(lines[n].text))[:300]
            named = [c for c in candidates if len(_fold(_heading_text(lines[c].text))) >= 3
                     and _fold(_heading_text(lines[c].text)) in lead]
            if named:
                return named[-1]
            # A news headline is rarely repeated word for word in the lead;
            # menus and section labels above it are one or two words.
            long = [c for c in candidates if _headline_like(_heading_text(lines[c].text))]
            return long[0] if long else None
    return None


def _headline_like(h: str) -> bool:
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", h):
        return len(h) >= 12
    return len(h.split()) >= 4


def _is_footer(line: str) -> bool:
    key = _fold(line)
    return any(r.search(key) for r in _boilerplate().footer)


def is_banner(line: str) -> bool:
    """Whether ``line`` opens an article-level maintenance banner (vocab/boilerplate.yaml)."""
    return _is_banner(line)


def _is_banner(line: str) -> bool:
    return _fold(line).startswith(_boilerplate().banners)


def _source_role(heading: str) -> BlockRole | None:
    return _source_headings().get(_fold(heading).replace(" ", ""))


def _cells(line: str) -> list[str] | None:
    """The cells of a table row ("| a | b |", "a\tb"), None when it is not one."""
    if "|" not in line and "\t" not in line:
        return None
    return [c.strip(_WS) for c in re.split(r"[|\t]", line)]


def _heading_like(line: str, lang: Lang) -> bool:
    """A short line with no sentence punctuation and no markers: a heading."""
    h = _heading_text(line)
    if not h or len(h) > _HEADING_MAX[lang] or not _LETTER.search(h) or find_markers(h):
        return False
    if _BULLET.match(h) and not h[0].isdigit():
        return False
    if _KEY_VALUE.match(h):
        return False  # "Sub telescope : 20 cm refracting telescope": a definition, not a heading
    if lang == "ja":
        return "。" not in h and h[-1] not in "、，,:：;；．"
    return h[-1] not in ".,;:。" and not _MULTI_SENTENCE_EN.search(h)


def _open_ended(line: str) -> bool:
    t = strip_markers(line)
    return bool(t) and t[-1] not in _TERMINAL_RUN and t[-1] not in "」』)）\"”"


def _is_wrapped(lines: list[_Line], kinds: list[LineKind]) -> bool:
    """Whether most prose lines stop mid-sentence: a hard-wrapped text (mail,
    plain-text news) rather than one line per paragraph as browsers copy."""
    prose = [strip_markers(ln.text) for ln, k in zip(lines, kinds, strict=True) if k == "prose"]
    open_ended = [t for t in prose if t and t[-1] not in _TERMINAL_RUN and t[-1] not in "」』)）\"”"]
    return len(open_ended) >= 2 and len(open_ended) >= 0.5 * len(prose)


def _line_kind(line: _Line, lang: Lang) -> LineKind:
    t = line.text
    if not t:
        return "blank"
    if _is_footer(t):
        return "footer"
    if _is_boilerplate(t):
        return "boilerplate"
    if _is_banner(t):
        return "banner"
    if _source_role(_heading_text(t)) is not None and (len(_heading_text(t)) < 30):
        return "sources"
    if _CARET_ENTRY.match(t):
        return "entry"  # a reference-list entry outside any list heading
    if _cells(t) is not None:
        return "table"
    if _heading_like(t, lang):
        return "heading"
    if _BULLET.match(t) and not _CARET_ENTRY.match(t):
        return "bullet"
    return "prose"


# ---------------------------------------------------------------- the walk


def _walk_line(text: str, lines: list[_Line], kinds: list[LineKind], i: int, lang: Lang,
               state: _State, by_start: dict[int, Marker]) -> int:
    """Handle line ``i`` (and any continuation lines); the index of the next line."""
    line, kind = lines[i], kinds[i]
    if state.in_footer:
        return i + 1
    if kind == "footer":
        _close_block(state, line.start)
        state.in_footer = True
        return i + 1
    if kind == "sources" and not state.in_sources and (
        not state.prose_seen or (state.edit_mode and line.start not in state.edited)
    ):
        # "Notes", "References" in a table of contents (above the article, or
        # after its lead on pages whose real headings all carry [edit])
        return i + 1
    if kind == "sources":
        _close_block(state, line.start)
        state.blocks.append((_heading_text(line.text), _after_line(text, line.end), _source_role(_heading_text(line.text)) or "other"))
        state.in_sources = True
        return i + 1
    if state.in_sources and kind == "heading" and state.edit_mode and line.start in state.edited:
        _close_block(state, line.start)  # an article section after the lists: prose again
        state.in_sources = False
    if state.in_sources and state.implicit and _ends_implicit_list(lines, kinds, i):
        # A heading-less list closes the article on the pages that have one
        # (mirrors, reader sites): what follows is their furniture ("Related
        # articles" teasers, licence lines), not the document's text.
        _close_block(state, line.start)
        state.in_sources = state.implicit = False
        state.in_footer = True
        return i + 1
    if state.in_sources:
        if kind == "boilerplate":  # page footer: the list is over
            _close_block(state, line.start)
        return i + 1
    if kind == "entry":
        # "^ …", "1. ^ …", "↑ …" with no list heading above (a reader site's
        # copy, a page cut before its heading): a reference list by its shape
        _close_block(state, line.start)
        state.blocks.append(("", line.start, "references"))
        state.in_sources = state.implicit = True
        return i + 1
    if kind == "blank":
        return i + 1
    if kind == "banner":
        state.banners.append(line.text)
        return i + 1
    if kind == "boilerplate":
        return i + 1
    if kind == "heading":
        _heading(line, lang, state)
        return i + 1
    if kind == "table":
        if not _before_separator(lines, kinds, i):  # a header row names columns, states nothing
            _table_row(text, line, state)
        state.seen_content = True
        return i + 1
    if kind == "bullet":
        state.prose_seen = True
        start = line.start + _BULLET.match(line.text).end()  # type: ignore[union-attr]
        _paragraph(text, start, line.end, lang, state, by_start)
        return i + 1
    if _short_value_row(line, lang, state):
        _add(text, line.start, line.end, state, "infobox", infobox=True)
        return i + 1
    state.prose_seen = True
    j = i
    while j + 1 < len(lines) and _continues(lines[j], lines[j + 1], kinds[j + 1], lang, state.wrapped):
        j += 1
    _paragraph(text, line.start, lines[j].end, lang, state, by_start)
    return j + 1


def _ends_implicit_list(lines: list[_Line], kinds: list[LineKind], i: int) -> bool:
    """Whether line ``i`` ends a heading-less list of "^" entries: a heading,
    a banner, or prose after a blank line (an entry's wrapped lines follow it
    directly)."""
    kind = kinds[i]
    if kind in ("heading", "sources", "banner", "footer"):
        return True
    if kind in ("prose", "bullet", "table"):
        return i > 0 and kinds[i - 1] == "blank" and not lines[i - 1].text
    return False


def _after_line(text: str, end: int) -> int:
    """Offset of the first character after the line ending at ``end``."""
    if text.startswith("\r\n", end):
        return end + 2
    return end + 1 if end < len(text) and text[end] in "\r\n" else end


def _close_block(state: _State, end: int) -> None:
    n = len(state.blocks) - 1
    if n >= 0 and n not in state.block_ends:
        state.block_ends[n] = end


def _heading(line: _Line, lang: Lang, state: _State) -> None:
    h = _heading_text(line.text)
    if h.endswith(("/", "／")):
        return  # a blog's repeated heading ("見出し/"): furniture
    if state.title_line is not None and not state.seen_content and line.start <= state.title_line:
        state.after_title = line.start == state.title_line
        return  # the title, or page furniture above it
    if not state.seen_content and state.title is None and line.start not in state.edited:
        state.title = h
        state.after_title = True
        return
    if state.after_title and not state.seen_content and line.start not in state.edited and _headline_like(h):
        state.after_title = False
        return  # a subtitle under the title (a short description, a standfirst): no section
    state.seen_content = True
    if state.edit_mode and line.start not in state.edited:
        return  # a caption or stray label: in [edit]-marked pages headings carry [edit]
    state.section = h


def _is_separator(line: _Line) -> bool:
    cells = _cells(line.text) or []
    return bool(cells) and all(_SEPARATOR_CELL.fullmatch(c) for c in cells)


def _before_separator(lines: list[_Line], kinds: list[LineKind], i: int) -> bool:
    """Whether row ``i`` is a table header: the next row is "|---|---|"."""
    j = i + 1
    while j < len(lines) and kinds[j] == "table" and not _is_separator(lines[j]):
        if _cells(lines[j].text) and len([c for c in _cells(lines[j].text) or [] if c]) >= 2:
            return False  # a full row comes first: ``i`` is a data row
        j += 1
    return j < len(lines) and kinds[j] == "table" and _is_separator(lines[j]) and not _is_separator(lines[i])


def _table_row(text: str, line: _Line, state: _State) -> None:
    """A table row stating a value becomes an infobox segment; a label-only
    or separator row is skipped."""
    cells = _cells(line.text) or []
    filled = [c for c in cells if c and not _SEPARATOR_CELL.fullmatch(c)]
    state.seen_content = True
    if len(filled) < 2 or _TOC_NUMBER.fullmatch(filled[0]):
        return  # a label-only row, or a table-of-contents entry "2.1<TAB>冷戦期"
    s, e = line.start, line.end
    while s < e and (text[s] in _WS or text[s] == "|"):
        s += 1
    while e > s and (text[e - 1] in _WS or text[e - 1] == "|"):
        e -= 1
    _add(text, s, e, state, state.section if state.prose_seen else "infobox", infobox=True)


def _short_value_row(line: _Line, lang: Lang, state: _State) -> bool:
    """"人口 19万人 (2008年[4][5])": a short cited line with no sentence end,
    before the prose starts or very short."""
    t = strip_markers(line.text)
    if not t or t[-1] in _TERMINAL_RUN or not any(m.kind == "cite" for m in find_markers(line.text)):
        return False
    return len(t) <= _SHORT_ROW_MAX and not state.prose_seen


def _continues(line: _Line, nxt: _Line, next_kind: LineKind, lang: Lang, state_wrapped: bool) -> bool:
    """Whether ``nxt`` continues the paragraph of a hard-wrapped ``line``."""
    if next_kind != "prose":
        return False
    tail = strip_markers(line.text)
    if not tail or tail[-1] in _TERMINAL_RUN or tail[-1] in "」』)）\"”":
        return False
    return state_wrapped or (lang == "en" and nxt.text[:1].islower())


# ---------------------------------------------------------------- sentences


def _paragraph(text: str, start: int, end: int, lang: Lang, state: _State, by_start: dict[int, Marker]) -> None:
    before = len(state.segments)
    for s, e in split_sentences(text, start, end, lang, by_start):
        _add(text, s, e, state, state.section)
    if len(state.segments) > before:
        state.paragraph += 1
    state.seen_content = True


def _add(text: str, start: int, end: int, state: _State, section: str, *, infobox: bool = False) -> None:
    body = strip_markers(text[start:end])
    if not _LETTER.search(body) and not any(c.isdigit() for c in body):
        return
    markers = tuple(m for m in find_markers(text[start:end]))
    shifted = tuple(
        Marker(raw=m.raw, start=m.start + start, end=m.end + start, kind=m.kind, label=m.label,
               page=m.page, dispute_kind=m.dispute_kind, date=m.date)
        for m in markers
    )
    kind: ClaimKind = "fact" if infobox else classify_kind(body)
    state.segments.append(Segment(start=start, end=end, text=body, section=section, paragraph=state.paragraph,
                                  markers=shifted, kind=kind, infobox=infobox))
    if infobox:
        state.paragraph += 1
    state.seen_content = True


def _protected(text: str, start: int, end: int) -> list[bool]:
    """For each offset in [start, end): inside a matched quote or bracket pair."""
    prot = [False] * (end - start)
    stack: list[tuple[str, int]] = []
    for i in range(start, end):
        c = text[i]
        if c == '"':
            if stack and stack[-1][0] == '"':
                opened = stack.pop()[1]
                if i - opened <= _MAX_QUOTE:
                    _mark(prot, opened - start + 1, i - start)
            else:
                stack.append((c, i))
        elif c in _PAIRS:
            stack.append((c, i))
        elif c in _CLOSERS:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == _CLOSERS[c]:
                    if i - stack[k][1] <= _MAX_QUOTE:
                        _mark(prot, stack[k][1] - start + 1, i - start)
                    del stack[k:]
                    break
    return prot


def _mark(prot: list[bool], a: int, b: int) -> None:
    for k in range(a, b):
        prot[k] = True


def split_sentences(text: str, start: int, end: int, lang: Lang,
                    by_start: dict[int, Marker] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``; markers that follow
    a sentence's final punctuation stay with it."""
    if by_start is None:
        by_start = {m.start + start: m for m in find_markers(text[start:end])}
    prot = _protected(text, start, end)
    spans: list[tuple[int, int]] = []
    s = start
    i = start
    while i < end:
        if i in by_start:  # "[独自研究?]": punctuation inside a marker ends nothing
            i = max(i + 1, min(by_start[i].end, end))
            continue
        c = text[i]
        if c in _TERMINALS[lang] and (not prot[i - start] or _quote_end(text, i, start, end, prot, lang)):
            j = i + 1
            while j < end and text[j] in _TERMINAL_RUN:
                j += 1
            if lang == "en":
                while j < end and text[j] in _EN_CLOSERS and not (text[j] in "]］" and j not in by_start):
                    j += 1
            k = _consume_markers(text, j, end, by_start)
            if _is_boundary(text, s, i, j, k, end, lang):
                spans.append((s, k))
                s = i = k
                continue
            i = max(j, i + 1)
            continue
        i += 1
    spans.append((s, end))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while a < b and text[a] in _WS:
            a += 1
        while b > a and text[b - 1] in _WS:
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def _quote_end(text: str, i: int, start: int, end: int, prot: list[bool], lang: Lang) -> bool:
    """English 'He said "stop." Then': a period just before the closing quote."""
    return lang == "en" and i + 1 < end and text[i + 1] in "\"”’)" and not prot[i + 1 - start]


def _consume_markers(text: str, j: int, end: int, by_start: dict[int, Marker]) -> int:
    """The end of the run of markers (with spaces between) starting at ``j``."""
    k = j
    while True:
        p = k
        while p < end and text[p] in _INLINE_WS:
            p += 1
        m = by_start.get(p)
        if m is None or m.end > end:
            return k
        k = m.end


def _is_boundary(text: str, s: int, i: int, j: int, k: int, end: int, lang: Lang) -> bool:
    """Whether the terminal punctuation at ``i`` (run to ``j``, markers to ``k``) ends a sentence."""
    n = k
    while n < end and text[n] in _WS:
        n += 1
    if n >= end:
        return True
    if lang == "ja":
        c = text[i]
        # "Yahoo!" or "3.5" inside Japanese text are not sentence ends, nor is
        # a Latin name's "!" run straight into Japanese ("Yahoo!ニュース")
        if c in "!?" and j == i + 1:
            latin_before = i > s and text[i - 1].isascii() and text[i - 1].isalpha()
            if n == k and (text[n].isascii() and text[n].isalnum() or latin_before and _LETTER.match(text[n])):
                return False
            if latin_before and text[n].isascii() and text[n].isalpha():
                return False  # "Yahoo! JAPAN"
        return True
    spaced = n > j or k > j
    nxt = text[n]
    if not spaced or nxt.islower():
        return False
    if text[i] == "." and j == i + 1:
        # The word before the period, looked for in the last few characters only:
        # searching the whole sentence so far made long sentences quadratic.
        word = re.search(r"[^\s(\[\"“]*$", text[max(s, i - _LONGEST_WORD) : i]).group(0)  # type: ignore[union-attr]
        if word in _abbreviations() or _ACRONYM.search(word) or (len(word) == 1 and word.isupper()):
            return False
    return True


def _blocks(text: str, state: _State) -> tuple[Block, ...]:
    """The source-list blocks with their roles refined from their content."""
    out: list[Block] = []
    for n, (heading, start, role) in enumerate(state.blocks):
        end = state.block_ends.get(n, len(text))
        end = max(start, end)
        while end > start and text[end - 1] in _WS:
            end -= 1
        body = text[start:end]
        numbered = any(_CARET_ENTRY.match(ln) for ln in body.splitlines())
        final: BlockRole = role
        if role == "references" and body.strip() and not numbered:
            final = "bibliography"
        out.append(Block(heading=heading, start=start, end=end, role=final))
    return tuple(out)
