"""Inline bracketed markers: citations, notes, dispute and maintenance markers.

    >>> [m.raw for m in find_markers("…示した。[14] [疑わしい–議論する]")]
    ['[14]', '[疑わしい–議論する]']
    >>> strip_markers("It opened in 2019.[3][4] ")
    'It opened in 2019.'

Classification reads only the text inside the brackets, never the context,
so a marker is found the same way in a whole document and in any slice of it
(the validator re-strips slices: ``strip_markers(source[start:end])``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from factcheck import vocab
from factcheck.extract.parts import Marker

# A marker is one bracketed run on one line, ASCII or full-width brackets, of
# at most _MAX_INNER characters once the markers nested in it are removed
# ([要[3]] is one marker).  An optional ":23" / ": 23–25" page suffix belongs
# to a numbered citation only.
_MAX_INNER = 40
_SPECIAL = re.compile(r"[\[\]［］\n\r]")
_FLAT = re.compile(r"[\[［]([^\[\]［］\n\r]{1,40})[\]］]")  # a bracketed run with none nested: the usual case
_OPENING = frozenset("[［")
_PAGE = re.compile(r":[ \u00a0]?((?:p{1,2}\.\s?)?[0-9ivxlcIVXLC]+(?:[-–—−‐][0-9ivxlcIVXLC]+)?)")
_CITE = re.compile(r"\d{1,4}")
# [a], [b], [aa], [ii], [α]: lettered notes; [注 1], [注釈 1], [note 1], [nb 1], [† 1]
_NOTE_LETTER = re.compile(r"[a-z]{1,2}|[ivxl]{1,5}|[α-ω]")
_NOTE_GROUP = re.compile(r"(注釈|注|脚注|補足|note|nb|n|lower-alpha|†|\*|※)\s?[0-9a-z]{1,3}", re.IGNORECASE)
_DASHES = re.compile(r"(?<!\s)\s*[-‐‑‒–—―−﹘﹣－]\s*")
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_JAPANESE_ONLY = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f々〆ー\-?・ ]+")
_SENTENCE_PUNCT = re.compile(r"[。、，,;；.!！]")


@dataclass(frozen=True)
class _Vocabulary:
    by_text: dict[str, str]
    edit_links: frozenset[str]
    max_length: int
    ja_prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    japanese_only: bool


def normalize(inner: str) -> str:
    """The lookup key of a marker's inner text: NFKC, dashes unified to "-"
    with no spaces around them, whitespace collapsed, case folded."""
    s = unicodedata.normalize("NFKC", inner)
    s = _DASHES.sub("-", s)
    s = _SPACES.sub(" ", s).strip()
    return s.casefold()


@cache
def _vocabulary() -> _Vocabulary:
    data = vocab.load("disputes")
    kinds = set(data["kinds"])
    by_text: dict[str, str] = {}
    for entry in data["markers"]:
        if entry["kind"] not in kinds:
            raise ValueError(f"vocab/disputes.yaml: marker {entry['text']!r} has unknown kind {entry['kind']!r}")
        by_text[normalize(entry["text"])] = entry["kind"]
    cues = data["unknown_cues"]
    return _Vocabulary(
        by_text=by_text,
        edit_links=frozenset(normalize(e) for e in data["edit_links"]),
        max_length=int(cues["max_length"]),
        ja_prefixes=tuple(cues["ja_prefixes"]),
        suffixes=tuple(normalize(s) for s in cues["suffixes"]),
        japanese_only=bool(cues["japanese_only"]),
    )


def dispute_kind(inner: str) -> str | None:
    """The dispute kind of a marker's inner text, or None when not in the vocabulary."""
    return _vocabulary().by_text.get(normalize(inner))


def is_edit_link(inner: str) -> bool:
    """True for "[edit]" / "[編集]": heading noise, not a marker."""
    return normalize(inner) in _vocabulary().edit_links


def _looks_like_maintenance(key: str) -> bool:
    """Whether an unlisted bracketed text is a maintenance marker rather than
    bracketed prose ("[sic]", "[the city]"): short, no sentence punctuation,
    and a cue such as a trailing "?" or a leading 要."""
    v = _vocabulary()
    if len(key) > v.max_length or _SENTENCE_PUNCT.search(key) or not key.strip():
        return False
    if key.startswith(v.ja_prefixes) or key.endswith(v.suffixes):
        return True
    return v.japanese_only and _JAPANESE_ONLY.fullmatch(key) is not None


def _classify(inner: str) -> tuple[str, str | None, str | None] | None:
    """(kind, label, dispute_kind) for a bracket's inner text, None for no marker."""
    key = normalize(inner)
    if _CITE.fullmatch(key):
        return "cite", key, None
    if _NOTE_LETTER.fullmatch(key) or _NOTE_GROUP.fullmatch(key):
        return "note", key, None
    kind = _vocabulary().by_text.get(key)
    if kind is not None:
        return "dispute", None, kind
    if key in _vocabulary().edit_links:
        # "[edit]"/"[編集]" residue: removed from claim text wherever it stands,
        # never a citation or a dispute
        return "edit", None, None
    if _looks_like_maintenance(key):
        return "unknown", None, "unknown"
    return None


_MARKER_DATE = re.compile(
    r"[ \u00a0]?[\[［]((?:\d{4}\s*年\s*\d{1,2}\s*月)|(?:[A-Z][a-z]+ \d{4}))[\]］]"
)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")


def _marker_date(s: str) -> str | None:
    """"2024年5月" or "May 2024" as 2024-05; None for anything else."""
    m = re.fullmatch(r"(\d{4})\s*年\s*(\d{1,2})\s*月", s)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    m = re.fullmatch(r"([A-Z][a-z]+) (\d{4})", s)
    if m and m.group(1).casefold() in _MONTHS:
        return f"{m.group(2)}-{_MONTHS.index(m.group(1).casefold()) + 1:02d}"
    return None


@dataclass
class _Open:
    """A bracket not yet closed: where it opened, its inner text so far (the
    markers nested in it left out), and those markers."""

    start: int
    inner: list[str]
    length: int
    nested: list[Marker]


def find_markers(text: str) -> list[Marker]:
    """Every inline marker in ``text``, in order, with offsets into ``text``.

    A marker nested in a bracketed run that is itself a marker once the nested
    one is removed (``[要[3]]``) is part of the outer one: removing markers once
    removes them all, so the extractor's claim text and the anchored rule's
    reading of the source agree.  One pass over the text: no bracket is
    looked at twice, whatever the nesting."""
    if "]" not in text and "］" not in text:
        return []  # nothing closes: no marker (and "[1[1[1…" costs nothing)
    found: list[Marker] = []
    stack: list[_Open] = []
    last = 0  # text before this is accounted for
    skip = 0  # a marker's date or page suffix ends here

    def flush() -> None:
        # Open brackets that can no longer be markers: what they hold stands alone.
        if stack:
            for frame in stack:
                found.extend(frame.nested)
            stack.clear()

    for special in _SPECIAL.finditer(text):
        p = special.start()
        if p < skip:
            continue
        if stack and p > last:
            top = stack[-1]
            top.inner.append(text[last:p])
            top.length += p - last
            if top.length > _MAX_INNER:
                flush()
        last = p
        ch = text[p]
        if ch in _OPENING:
            flat = _FLAT.match(text, p)
            if flat is None:
                stack.append(_Open(p, [], 0, []))
                last = p + 1
                continue
            marker = _marker(text, p, flat.end(), flat.group(1))
            if marker is None:
                flush()  # bracketed text: no open bracket around it can be a marker
                last = skip = flat.end()
            else:
                (stack[-1].nested if stack else found).append(marker)
                last = skip = marker.end
            continue
        if ch in "\n\r" or not stack:
            flush()
            continue
        frame = stack.pop()
        last = p + 1
        marker = _marker(text, frame.start, p + 1, "".join(frame.inner)) if frame.length else None
        if marker is None:
            found.extend(frame.nested)
            flush()  # an outer bracket now holds a bracket: not a marker
            continue
        last = skip = marker.end
        (stack[-1].nested if stack else found).append(marker)
    flush()
    found.sort(key=lambda m: m.start)
    return found


def _marker(text: str, start: int, end: int, inner: str) -> Marker | None:
    """The marker ``text[start:end]`` is (its inner text, nested markers left
    out, is ``inner``), with the page or date written after it; None if none."""
    classified = _classify(inner)
    if classified is None:
        return None
    kind, label, dkind = classified
    page = None
    date = None
    if kind == "cite":
        pm = _PAGE.match(text, end)
        if pm:
            page, end = pm.group(1), pm.end()
    elif kind in ("dispute", "unknown"):
        # "[要出典][2024年5月]": the date the template shows is part of the marker
        dm = _MARKER_DATE.match(text, end)
        if dm:
            date = _marker_date(dm.group(1))
            end = dm.end() if date else end
    return Marker(raw=text[start:end], start=start, end=end, kind=kind,  # type: ignore[arg-type]
                  label=label, page=page, dispute_kind=dkind, date=date)


def strip_markers(s: str) -> str:
    """``s`` without its markers, whitespace runs collapsed to one space, stripped.

    Whitespace is collapsed first, so stripping twice changes nothing
    ("[\\n1]" is no marker, but "[ 1]", what it collapses to, is one)."""
    s = _SPACES.sub(" ", s)
    parts: list[str] = []
    pos = 0
    for m in find_markers(s):
        parts.append(s[pos : m.start])
        pos = m.end
    parts.append(s[pos:])
    return _SPACES.sub(" ", "".join(parts)).strip()
