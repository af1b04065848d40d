"""Wikitext sources -> a ``Page``: the article as a reader sees it, plus CSL
fields straight from the citation templates.

    article.wiki --mwparserfromhell--> nodes
      --render--> one line per paragraph, heading ("History[edit]"),
        infobox parameter ("country<TAB>England"), list item and reference
        entry; <ref> as "[3]" numbered in order of first use, a named re-use
        keeping its number; {{efn}} as "[a]" ("[注 1]" in Japanese);
        {{citation needed|date=…}} as "[citation needed]"; {{rp|212}} as ": 212"
      --> Page(text, title, reference fields by label, bibliography fields,
               dispute dates, banners)

Template names and how each is read are data (``vocab/wikitext.yaml``).
The text is shaped like a browser copy of the rendered page, so the claims,
cites and disputes equal those of the page's HTML and of its copied text;
the citation templates add what text cannot give reliably (URL, title,
publisher, dates, authors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import mwparserfromhell
from mwparserfromhell.nodes import (
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from factcheck import vocab
from factcheck.extract.parts import Page
from factcheck.extract.references import _iso
from factcheck.extract.segment import detect_language
from factcheck.model import Name

_LINE = "\x02"  # starts a line that stands alone (not joined into a paragraph)
_FILE_PREFIXES = ("file:", "image:", "ファイル:", "画像:", "media:")
_DROP_LINK_PREFIXES = ("category:", "カテゴリ:", "カテゴリー:")
_IMAGE_OPTIONS = re.compile(r"^(?:thumb|thumbnail|frame|frameless|border|left|right|center|centre|none|upright(?:=.*)?|"
                            r"\d+(?:x\d+)?px|alt=.*|link=.*|class=.*|lang=.*|page=.*|サムネイル|左|右|中央)$", re.IGNORECASE)
_DROP_TAGS = frozenset({"gallery", "math", "score", "syntaxhighlight", "timeline", "templatestyles", "style",
                        "script", "imagemap", "graph", "mapframe", "maplink", "chem", "ce"})
_MAGIC = re.compile(r"__[A-Z]+__")
_INTERLANG = re.compile(r"^:?[a-z]{2,3}(?:-[a-z]+)?:", re.IGNORECASE)
_SPACES = re.compile(r"[ \u00a0]+")


def looks_like_wikitext(text: str) -> bool:
    """Whether a file's text is wikitext: templates, wiki links, == headings == or <ref>s."""
    sample = text[:50000]
    score = len(re.findall(r"\{\{[^{}|\n]{1,60}[|}]", sample)) + len(re.findall(r"\[\[[^\[\]\n]{1,120}\]\]", sample))
    score += 3 * len(re.findall(r"(?m)^==+[^=\n]{1,80}==+\s*$", sample)) + 3 * len(re.findall(r"<ref[ >]", sample))
    return score >= 6


def _key(name: str) -> str:
    """A template name as compared: whitespace collapsed, "_" as space, case folded."""
    return " ".join(name.replace("_", " ").split()).casefold()


@cache
def _vocab() -> dict[str, Any]:
    data = vocab.load("wikitext")
    disputes: dict[str, tuple[str, bool]] = {}
    for name, spec in data["disputes"].items():
        marker, ranged = (spec["marker"], bool(spec.get("range"))) if isinstance(spec, dict) else (spec, False)
        disputes[_key(name)] = (marker, ranged)
    return {
        "disputes": disputes,
        "banners": {_key(k): v for k, v in data["banners"].items()},
        "infobox": tuple(_key(p) for p in data["infobox_prefixes"]),
        "infobox_skip": frozenset(_key(p) for p in data["infobox_skip"]),
        "notes": frozenset(_key(n) for n in data["notes"]),
        "footnote_short": frozenset(_key(n) for n in data["footnote_short"]),
        "short": frozenset(_key(n) for n in data["short"]),
        "reference_lists": frozenset(_key(n) for n in data["reference_lists"]),
        "note_lists": frozenset(_key(n) for n in data["note_lists"]),
        "inline_text": {_key(k): v for k, v in data["inline_text"].items()},
        "cite_types": {_key(k): v for k, v in data["cite_types"].items()},
    }


def _alpha(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


@dataclass
class _Footnote:
    label: str
    body: Any  # Wikicode of a <ref>, or the rendered text of an {{sfn}}


@dataclass
class _Reader:
    lang: str
    groups: dict[str, list[_Footnote]] = field(default_factory=dict)
    named: dict[tuple[str, str], _Footnote] = field(default_factory=dict)
    emitted: set[str] = field(default_factory=set)
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    bibliography: list[dict[str, Any]] = field(default_factory=list)
    dates: list[tuple[str, str]] = field(default_factory=list)
    banners: list[str] = field(default_factory=list)
    title: str | None = None
    in_ref: int = 0

    # -- footnotes ------------------------------------------------------------

    def _note_group(self) -> str:
        return "注" if self.lang == "ja" else "lower-alpha"

    def _label(self, group: str, n: int) -> str:
        if group == "":
            return str(n)
        if group in ("lower-alpha", "lower-latin"):
            return _alpha(n)
        return f"{group} {n}"

    def footnote(self, group: str, name: str | None, body: Any) -> str:
        """The label of a footnote, numbering it at its first use."""
        if name and (group, name) in self.named:
            note = self.named[(group, name)]
            if note.body is None and body is not None:
                note.body = body  # a re-use came first; the definition fills it
            return note.label
        notes = self.groups.setdefault(group, [])
        note = _Footnote(self._label(group, len(notes) + 1), body)
        notes.append(note)
        if name:
            self.named[(group, name)] = note
        return note.label

    def reference_list(self, group: str) -> str:
        """The entries of a footnote group, as a reference list shows them."""
        if group in self.emitted:
            return ""
        self.emitted.add(group)
        out = []
        for note in self.groups.get(group, []):
            if isinstance(note.body, Wikicode):
                self.in_ref += 1
                text = _inline(self.render(note.body))
                self.in_ref -= 1
                cite = _first_cite(note.body)
                if cite is not None:
                    self.fields[note.label] = _public(self.cite_fields(cite))
            else:
                text = note.body or ""
            simple = re.fullmatch(r"\d{1,4}|[a-z]{1,2}", note.label)
            out.append(f"\n{_LINE}{note.label}. ^ {text}" if simple else f"\n{_LINE}^ {text}")
        return "".join(out) + "\n"

    # -- rendering --------------------------------------------------------------

    def render(self, code: Wikicode) -> str:
        return "".join(self.node(n) for n in code.nodes)

    def node(self, n: Any) -> str:
        if isinstance(n, Text):
            return _MAGIC.sub("", str(n.value))
        if isinstance(n, Comment):
            return ""
        if isinstance(n, HTMLEntity):
            return n.normalize()
        if isinstance(n, Heading):
            if self.in_ref:
                return ""
            edit = "[編集]" if self.lang == "ja" else "[edit]"
            return f"\n{_LINE}{_inline(self.render(n.title))}{edit}\n"
        if isinstance(n, Wikilink):
            return self.link(n)
        if isinstance(n, ExternalLink):
            return self.render(n.title) if n.title is not None else ("" if n.brackets else str(n.url))
        if isinstance(n, Template):
            return self.template(n)
        if isinstance(n, Tag):
            return self.tag(n)
        return str(n)

    def link(self, n: Wikilink) -> str:
        target = str(n.title).strip()
        low = target.casefold()
        if low.startswith(_FILE_PREFIXES):
            if n.text is None:
                return ""
            parts = [p.strip() for p in str(n.text).split("|")]
            captions = [p for p in parts if p and not _IMAGE_OPTIONS.match(p)]
            if not captions:
                return ""
            # a thumbnail caption stands on its own line, as under a picture
            return f"\n{_LINE}{_inline(self.render(mwparserfromhell.parse(captions[-1])))}\n"
        if low.startswith(_DROP_LINK_PREFIXES) or (_INTERLANG.match(target) and not target.startswith(":")):
            return ""
        if n.text is not None:
            return self.render(n.text)
        return target.lstrip(":").split("#")[0] if "#" not in target[:1] else target.lstrip("#")

    def tag(self, n: Tag) -> str:
        name = str(n.tag).casefold()
        if name in _DROP_TAGS:
            return ""
        if name == "ref":
            attrs = {str(a.name).strip().casefold(): str(a.value).strip() for a in n.attributes}
            group = attrs.get("group", "")
            body = n.contents if not n.self_closing and n.contents is not None and str(n.contents).strip() else None
            return f"[{self.footnote(group, attrs.get('name'), body)}]"
        if name == "references":
            attrs = {str(a.name).strip().casefold(): str(a.value).strip() for a in n.attributes}
            return self.reference_list(attrs.get("group", ""))
        if name == "br":
            return " "
        if name in ("li", "dt", "dd") and n.wiki_markup:
            return f"\n{_LINE}"
        if name == "table":
            return self.table(n)
        if name == "hr":
            return "\n"
        if n.contents is None:
            return ""
        return self.render(n.contents)

    def table(self, n: Tag) -> str:
        rows = []
        for tr in n.contents.filter_tags(recursive=False, matches=lambda t: str(t.tag).casefold() == "tr"):
            cells = [
                _inline(self.render(td.contents)) if td.contents is not None else ""
                for td in tr.contents.filter_tags(recursive=False, matches=lambda t: str(t.tag).casefold() in ("td", "th"))
            ]
            if any(cells):
                rows.append(f"\n{_LINE}" + "\t".join(cells))
        return "".join(rows) + "\n"

    def template(self, t: Template) -> str:
        key = _key(str(t.name))
        v = _vocab()
        positional = [self.render(p.value).strip() for p in t.params if not p.showkey]
        named = {_key(str(p.name)): p for p in t.params if p.showkey}

        def param(*names: str) -> str:
            for nm in names:
                if nm in named:
                    return _inline(self.render(named[nm].value)).strip("\"'")
            return ""

        if key in v["disputes"]:
            marker, ranged = v["disputes"][key]
            date = _iso(param("date", "日付")) if param("date", "日付") else None
            if date:
                self.dates.append((marker, date))
            return (positional[0] if ranged and positional else "") + marker
        if key in v["banners"]:
            self.banners.append(v["banners"][key])
            return ""
        if key.startswith(v["infobox"]):
            return self.infobox(t)
        if key in v["notes"]:
            body = named["1"].value if "1" in named else next((p.value for p in t.params if not p.showkey), None)
            group = param("group") or self._note_group()
            return f"[{self.footnote(group, param('name') or None, body)}]"
        if key in v["footnote_short"]:
            text = _short_text(t, self)
            return f"[{self.footnote('', 'sfn:' + text, text)}]"
        if key in v["short"]:
            return _short_text(t, self).rstrip(".")
        if key in v["reference_lists"]:
            if "refs" in named:  # list-defined references: their bodies live here
                self.render(named["refs"].value)
            return self.reference_list(param("group"))
        if key in v["note_lists"]:
            return self.reference_list(param("group") or self._note_group())
        if key in ("rp", "page needed inline"):
            return f": {positional[0]}" if positional else ""
        if key in v["cite_types"]:
            fields = self.cite_fields(t)
            if not self.in_ref:
                self.bibliography.append(_public(fields))
            return _cs1_text(fields)
        if key in v["inline_text"]:
            spec = v["inline_text"][key]
            if spec == "all":
                items = [_inline(x.lstrip("*#").strip()) for p in positional for x in p.split("\n") if x.strip("*# ")]
                return ", ".join(items)
            if isinstance(spec, str):
                return spec
            idx = spec if isinstance(spec, list) else [spec]
            return " ".join(positional[i - 1] for i in idx if i - 1 < len(positional))
        return ""  # layout, navigation and maintenance templates say nothing

    def infobox(self, t: Template) -> str:
        rows = []
        for p in t.params:
            name = str(p.name).strip()
            if _key(name) == "name" or _key(name) == "名称":
                value = _inline(self.render(p.value))
                if value and self.title is None:
                    self.title = value
            if not p.showkey or _key(name) in _vocab()["infobox_skip"] or _key(name).startswith(("image", "画像")):
                continue
            value = _inline(self.render(p.value))
            if value:
                rows.append(f"\n{_LINE}{name}\t{value}")
        return "".join(rows) + "\n"

    def cite_fields(self, t: Template) -> dict[str, Any]:
        """CSL fields of a citation template."""
        p = {_key(str(x.name)): _inline(self.render(x.value)) for x in t.params if x.showkey}
        p = {k: val for k, val in p.items() if val}

        def first(*names: str) -> str | None:
            return next((p[n] for n in names if p.get(n)), None)

        out: dict[str, Any] = {"type": _vocab()["cite_types"].get(_key(str(t.name)), "webpage")}
        authors: list[Name] = []
        for i in ("", "1", "2", "3", "4", "5", "6", "7", "8", "9"):
            last, given = first(f"last{i}", f"surname{i}", f"author{i}-last"), first(f"first{i}", f"given{i}", f"author{i}-first")
            if last:
                authors.append(Name(family=last, given=given) if given else Name(literal=last))
            elif first(f"author{i}", f"著者{i}"):
                authors.append(Name(literal=first(f"author{i}", f"著者{i}")))
        if authors:
            out["author"] = tuple(authors)
        for key, names in (
            ("title", ("title", "タイトル")),
            ("URL", ("url", "URL".casefold())),
            ("container-title", ("website", "work", "newspaper", "journal", "magazine", "periodical", "encyclopedia", "site")),
            ("publisher", ("publisher", "出版社", "発行元")),
            ("page", ("page", "pages", "p", "pp", "at")),
            ("language", ("language", "言語")),
        ):
            value = first(*names)
            if value:
                out[key] = value
        issued = first("date", "year", "日付", "発行日")
        if issued:
            year = re.search(r"\d{4}", issued)
            out["issued"] = _iso(issued) or (year.group() if year else None)
        accessed = first("access-date", "accessdate", "access date", "閲覧日", "アクセス日")
        if accessed and _iso(accessed):
            out["accessed"] = _iso(accessed)
        custom: dict[str, Any] = {}
        if first("archive-url", "archiveurl"):
            custom["archive_url"] = first("archive-url", "archiveurl")
        archive_date = first("archive-date", "archivedate")
        if archive_date and _iso(archive_date):
            custom["archive_date"] = _iso(archive_date)
        for key in ("isbn", "doi", "issn"):
            if p.get(key):
                custom[key] = p[key]
        if first("volume"):
            custom["volume"] = first("volume")
        if first("format") == "PDF":
            custom["format"] = "PDF"
        if custom:
            out["custom"] = custom
        if first("location", "place"):
            out["_location"] = first("location", "place")
        if first("edition"):
            out["_edition"] = first("edition")
        return {k: val for k, val in out.items() if val is not None}


def _public(fields: dict[str, Any]) -> dict[str, Any]:
    """CSL fields without the ones kept only for printing (``_location``)."""
    return {k: v for k, v in fields.items() if not k.startswith("_")}


def _inline(s: str) -> str:
    """Rendered wikitext as one line: line breaks and space runs as one space."""
    s = s.replace(_LINE, " ")
    return _SPACES.sub(" ", re.sub(r"\s*\n\s*", " ", s)).strip()


def _first_cite(code: Wikicode) -> Template | None:
    for t in code.filter_templates(recursive=True):
        if _key(str(t.name)) in _vocab()["cite_types"]:
            return t
    return None


def _short_text(t: Template, reader: _Reader) -> str:
    """"Smith 2016, p. 7." for {{sfn|Smith|2016|p=7}}, as Wikipedia shows it."""
    pos = [_inline(reader.render(p.value)) for p in t.params if not p.showkey]
    named = {_key(str(p.name)): _inline(reader.render(p.value)) for p in t.params if p.showkey}
    year_at = next((i for i, x in enumerate(pos) if re.fullmatch(r"\d{4}[a-z]?|n\.d\.", x)), len(pos))
    names, year = pos[:year_at], (pos[year_at] if year_at < len(pos) else "")
    who = names[0] if len(names) == 1 else " & ".join(names[:2]) if len(names) == 2 else (
        f"{names[0]} et al." if len(names) > 3 else f"{', '.join(names[:-1])} & {names[-1]}")
    text = f"{who} {year}".strip()
    if named.get("p"):
        text += f", p. {named['p']}"
    elif named.get("pp"):
        text += f", pp. {named['pp']}"
    elif named.get("loc"):
        text += f", {named['loc']}"
    return text + "."


def _cs1_text(f: dict[str, Any]) -> str:
    """A citation as Wikipedia's CS1 prints it, closely enough for the text
    reader to find the same fields: Author (date). "Title". Work. Publisher."""
    parts: list[str] = []
    names = "; ".join(
        f"{n.family}, {n.given}" if n.family and n.given else (n.family or n.literal or "") for n in f.get("author", ())
    )
    date = f.get("issued")
    if names:
        parts.append(f"{names} ({date})." if date else f"{names}.")
    if f.get("title"):
        book = f.get("type") in ("book", "report", "thesis")
        title = f["title"] + (f" ({f['_edition']} ed.)" if f.get("_edition") else "")
        parts.append(f"{title}." if book else f'"{f["title"]}".')
    if f.get("container-title"):
        parts.append(f"{f['container-title']}.")
    if f.get("publisher"):
        parts.append(f"{f['_location']}: {f['publisher']}." if f.get("_location") else f"{f['publisher']}.")
    if date and not names:
        parts.append(f"{date}.")
    if f.get("page"):
        parts.append(f"p. {f['page']}." if re.fullmatch(r"\d+", f["page"]) else f"pp. {f['page']}.")
    custom = f.get("custom", {})
    if custom.get("isbn"):
        parts.append(f"ISBN {custom['isbn']}.")
    if custom.get("archive_date"):
        parts.append(f"Archived from the original on {custom['archive_date']}.")
    if f.get("accessed"):
        parts.append(f"Retrieved {f['accessed']}.")
    for key in ("_location", "_edition"):
        f.pop(key, None)
    return " ".join(parts)


def _assemble(raw: str) -> list[str]:
    """Lines of the rendered text: paragraphs joined, stand-alone lines kept."""
    lines: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            line = _SPACES.sub(" ", " ".join(para)).strip()
            if line:
                lines.append(line)
            para.clear()

    for line in raw.split("\n"):
        if line.startswith(_LINE):
            flush()
            body = _SPACES.sub(" ", line.lstrip(_LINE)).strip(" ")
            if body.strip():
                lines.append(body)
        elif not line.strip():
            flush()
        else:
            para.append(line.strip())
    flush()
    return lines


def _bold_term(code: Wikicode) -> str | None:
    for tag in code.filter_tags(recursive=False):
        if tag.wiki_markup == "'''" and tag.contents is not None:
            return _inline(tag.contents.strip_code())
    return None


def read_wikitext(source: str, lang: str | None = None) -> Page:
    """The ``Page`` of a wikitext article."""
    code = mwparserfromhell.parse(source)
    language = lang or detect_language(code.strip_code())
    reader = _Reader(language)
    raw = reader.render(code)
    for group in list(reader.groups):  # lists the page never placed: at the end
        if group not in reader.emitted:
            heading = ("注釈" if group else "脚注") if language == "ja" else ("Notes" if group else "References")
            raw += f"\n{_LINE}{heading}\n" + reader.reference_list(group)
    title = reader.title or _bold_term(code)
    lines = ([title] if title else []) + _assemble(raw)
    return Page(
        text="\n".join(lines) + "\n",
        title=title,
        language=language,
        banners=tuple(reader.banners),
        reference_fields=reader.fields,
        bibliography_fields=tuple(reader.bibliography),
        dispute_dates=tuple(reader.dates),
    )
