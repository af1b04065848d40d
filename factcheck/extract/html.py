"""Saved HTML pages -> a ``Page``: the text a reader sees, plus reference URLs.

    page.html --selectolax (lexbor)--> the article root (Wikipedia's
        .mw-parser-output; else <article>, <main>, or the block with the
        most paragraph text)
      --walk--> one line per paragraph, heading, list item, table row and
        reference entry; page furniture dropped
      --> Page(text, title, banners, reference URLs, dispute dates)

The text is shaped like a browser copy of the same page (``[12]`` markers,
``[citation needed]``, ``History[edit]`` headings on a wiki, ``1. ^ …``
reference entries), so one pipeline reads a saved page and its copied text
alike and gives the same claims.  What only the markup knows is carried
beside it: each reference's URL and archive URL (from its external links),
the date a dispute template was placed (its tooltip), maintenance banners,
and the title (``og:title``, the page's ``<h1>``, ``<title>``).
"""

from __future__ import annotations

import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from factcheck.extract.parts import Page
from factcheck.extract.references import DATE, _iso
from factcheck.extract.segment import is_banner

# Elements that never hold article text.
_DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "nav", "footer", "form", "button", "input", "select",
    "textarea", "iframe", "svg", "canvas", "aside", "link", "meta", "img", "video", "audio", "object",
    "head", "dialog",
})
# Classes and ids of furniture: Wikipedia's navigation boxes, hatnotes,
# tables of contents, category links; any site's cookie, share and comment blocks.
_DROP_CLASSES = frozenset({
    "navbox", "vertical-navbox", "navbox-styles", "toc", "catlinks", "mw-jump-link", "printfooter",
    "hatnote", "shortdescription", "sistersitebox", "side-box", "portalbox", "mw-authority-control",
    "mw-empty-elt", "reflist-styles", "mw-cite-backlink", "noexcerpt-toc", "infobox-navbar",
    "navigation-not-searchable", "mw-indicators", "mw-references-columns-styles", "Z3988",
    "vector-toc", "vector-header", "vector-page-toolbar", "mw-portlet", "mw-footer",
})
# Tokens of a class or id (split at "-", "_") that mark furniture: a token
# starting with one of _DROP_PREFIXES ("relatedposts", "sharedaddy",
# "advertisement") or equal to one of _DROP_TOKENS.
_DROP_PREFIXES = ("cookie", "consent", "gdpr", "newsletter", "share", "sharing", "social", "related", "comment",
                  "advert", "sidebar", "promo", "subscribe", "breadcrumb", "paywall", "popup", "banner-ad")
_DROP_TOKENS = frozenset({"ad", "ads", "adsbygoogle", "modal", "skip", "sns", "toc", "cc", "widget"})
_TOKEN_SPLIT = re.compile(r"[-_\s]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_DROP_ROLES = frozenset({"navigation", "dialog", "alertdialog", "search", "complementary", "contentinfo", "banner"})
_BANNER_CLASSES = frozenset({"ambox", "mbox", "box-More_citations_needed", "metadata"})
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
    "li", "dl", "dt", "dd", "table", "tbody", "thead", "tfoot", "tr", "caption", "blockquote", "figure",
    "figcaption", "pre", "hr", "address", "details", "summary",
})
_CELL_TAGS = frozenset({"td", "th"})
_CELL = "\x1f"  # stands for a tab between table cells until whitespace is collapsed
_SPACE_RE = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")
_DATE_RE = re.compile(DATE)
_ARCHIVE_HOSTS = ("web.archive.org", "archive.today", "archive.ph", "archive.is", "webcitation.org")
_TITLE_SUFFIX = re.compile(r"(?<!\s)\s+[-–—|:]\s+(?:Wikipedia|ウィキペディア|[^-–—|]{2,40})$")
_SIMPLE_LABEL = re.compile(r"\d{1,4}|[a-z]{1,2}")


def looks_like_html(text: str) -> bool:
    """Whether a file's text is an HTML page (by content, not by name)."""
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:5000].lower():
        return True
    return len(re.findall(r"</?(?:p|div|span|a|h[1-6]|body|head)\b", text[:20000], re.IGNORECASE)) >= 10


def _classes(node: LexborNode) -> set[str]:
    return set((node.attributes.get("class") or "").split())


def _dropped(node: LexborNode) -> bool:
    if node.tag in _DROP_TAGS:
        return True
    attrs = node.attributes
    if (attrs.get("role") or "") in _DROP_ROLES or attrs.get("hidden") is not None:
        return True
    classes = _classes(node)
    if classes & _DROP_CLASSES:
        return True
    if "reference" in classes or "Inline-Template" in classes:
        return False  # citation and dispute markers stay, whatever else they are called
    if attrs.get("aria-hidden") == "true" or _HIDDEN_STYLE.search(attrs.get("style") or ""):
        return True
    names = [attrs.get("id") or "", *classes]
    return any(
        t in _DROP_TOKENS or t.startswith(_DROP_PREFIXES)
        for name in names for t in _TOKEN_SPLIT.split(name.casefold()) if t
    )


class _Lines:
    """Text collected line by line; whitespace collapsed as a browser renders it."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []

    def add(self, s: str) -> None:
        self.parts.append(s)

    def cell(self) -> None:
        if "".join(self.parts).strip():
            self.parts.append(_CELL)

    def end(self) -> None:
        line = _SPACE_RE.sub(" ", "".join(self.parts))
        line = re.sub(rf"\s*{_CELL}\s*", "\t", line).strip(" \t")
        if line:
            self.lines.append(line)
        self.parts = []


class _Walk:
    def __init__(self, labels: dict[str, str]) -> None:
        self.out = _Lines()
        self.labels = labels  # footnote id -> the label the reader sees
        self.fields: dict[str, dict[str, Any]] = {}
        self.dates: list[tuple[str, str]] = []
        self.banners: list[str] = []
        self.in_cell = 0

    def walk(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.out.add(child.text(deep=False) or "")
                continue
            if tag is None or tag.startswith("-") or _dropped(child):
                continue
            classes = _classes(child)
            if classes & _BANNER_CLASSES and tag in ("table", "div"):
                self._banner(child)
                continue
            if tag == "br":
                self.out.add(" ") if self.in_cell else self.out.end()
            elif tag == "ol" and ("references" in classes or _footnote_list(child)):
                self._references(child)
            elif tag == "sup" and _footnote_ref(child):
                # a blog's Markdown footnote, "<sup><a href="#fn:1">1</a></sup>": shown as [1]
                self.out.add(f"[{_SPACE_RE.sub('', child.text()).strip('[]')}]")
            elif tag == "sup" and "Inline-Template" in classes:
                self._dispute(child)
            elif tag == "sup" and "reference" in classes:
                shown = _SPACE_RE.sub(" ", child.text()).strip()
                self.out.add(re.sub(r"([\[［])\s+|\s+([\]］])", r"\1\2", shown))
            elif tag in _CELL_TAGS:
                self.out.cell()
                self.in_cell += 1
                self.walk(child)
                self.in_cell -= 1
            elif tag in _BLOCK_TAGS and not self.in_cell:
                self.out.end()
                self.walk(child)
                self.out.end()
            elif tag in _BLOCK_TAGS:
                self.out.add(" ")
                self.walk(child)
                self.out.add(" ")
            else:
                self.walk(child)

    def _dispute(self, node: LexborNode) -> None:
        """"[citation needed]" as the reader sees it; its date from the tooltip."""
        shown = _SPACE_RE.sub(" ", node.text()).strip()
        self.out.add(shown)
        for inner in node.css("[title]"):
            m = _DATE_RE.search(inner.attributes.get("title") or "")
            iso = _iso(m.group()) if m else None
            if iso:
                self.dates.append((shown, iso))
                break

    def _banner(self, node: LexborNode) -> None:
        text_node = node.css_first(".mbox-text") or node
        text = _SPACE_RE.sub(" ", text_node.text()).strip()
        first = re.split(r"(?<=[.。])\s?", text, maxsplit=1)[0]
        # Only maintenance banners are recorded (the vocabulary the text
        # path uses); a stub notice or a navigation box says nothing about the article.
        if first and is_banner(first):
            self.banners.append(first)

    def _references(self, ol: LexborNode) -> None:
        """Each entry as "label. ^ text", its URLs kept aside by label."""
        self.out.end()
        start = int(ol.attributes.get("start") or 1) if (ol.attributes.get("start") or "1").isdigit() else 1
        n = start - 1
        for li in ol.css("li"):
            if li.parent is None or li.parent.mem_id != ol.mem_id:
                continue
            n += 1
            label = self.labels.get(li.attributes.get("id") or "", str(n))
            body = li.css_first(".reference-text") or li
            for back in body.css("a.footnote-backref, a.reversefootnote, a[href^='#fnref']"):
                back.decompose()  # the "↩" back-link of a Markdown footnote
            text = _SPACE_RE.sub(" ", body.text()).strip()
            if _SIMPLE_LABEL.fullmatch(label):
                self.out.lines.append(f"{label}. ^ {text}")
            else:
                self.out.lines.append(f"^ {text}")
            self.fields[label] = _link_fields(body)


def _footnote_ref(sup: LexborNode) -> bool:
    a = sup.css_first("a[href]")
    href = a.attributes.get("href") or "" if a is not None else ""
    return href.startswith(("#fn", "#footnote")) and bool(re.fullmatch(r"\[?\d{1,3}\]?", _SPACE_RE.sub("", sup.text())))


def _footnote_list(ol: LexborNode) -> bool:
    """A Markdown footnote list: <div class="footnotes"><ol><li id="fn:1">."""
    first = ol.css_first("li[id]")
    return first is not None and (first.attributes.get("id") or "").startswith(("fn", "footnote"))


def _link_fields(body: LexborNode) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for a in body.css("a[href]"):
        href = a.attributes.get("href") or ""
        if not href.startswith(("http://", "https://", "//")):
            continue
        href = "https:" + href if href.startswith("//") else href
        if any(h in href for h in _ARCHIVE_HOSTS):
            fields.setdefault("custom", {}).setdefault("archive_url", href)
        elif "URL" not in fields and "wikipedia.org" not in href:
            fields["URL"] = href
    return fields


def _footnote_labels(root: LexborNode) -> dict[str, str]:
    """Footnote id -> the label its first citing marker shows ("cite_note-7" -> "6")."""
    labels: dict[str, str] = {}
    for sup in root.css("sup.reference, sup"):
        a = sup.css_first("a[href]")
        href = a.attributes.get("href") if a else None
        label = _SPACE_RE.sub(" ", sup.text()).strip().strip("[]［］").strip()
        if href and href.startswith("#") and label and href[1:] not in labels:
            labels[href[1:]] = label
    return labels


def _root(tree: LexborHTMLParser) -> tuple[LexborNode, bool]:
    """The article's root element and whether the page is a MediaWiki page."""
    wiki = tree.css("#mw-content-text .mw-parser-output") or tree.css(".mw-parser-output")
    if wiki:
        return max(wiki, key=lambda n: len(n.text())), True
    for selector in ("article", "main", "[role=main]", "[itemprop=articleBody]", ".entry-content", ".post-content"):
        found = [n for n in tree.css(selector) if not _dropped(n)]
        if found:
            return max(found, key=lambda n: len(n.text())), False
    return _densest(tree), False


def _densest(tree: LexborHTMLParser) -> LexborNode:
    """Readability's idea in small: the block whose own paragraphs hold the most text."""
    best, best_score = tree.body or tree.root, 0
    for node in tree.css("div, section, td"):
        if _dropped(node):
            continue
        score = sum(len(p.text()) for p in node.css("p") if p.parent is not None and p.parent.mem_id == node.mem_id)
        if score > best_score:
            best, best_score = node, score
    return best  # type: ignore[return-value]


def _title(tree: LexborHTMLParser, root: LexborNode, wiki: bool) -> str | None:
    def clean(s: str | None) -> str:
        return _SPACE_RE.sub(" ", s or "").strip()

    first = tree.css_first("#firstHeading")
    if first is not None and clean(first.text()):
        return clean(first.text())
    og = tree.css_first('meta[property="og:title"]')
    if og is not None and clean(og.attributes.get("content")):
        return _TITLE_SUFFIX.sub("", clean(og.attributes.get("content")))
    h1 = root.css_first("h1") or tree.css_first("h1")
    if h1 is not None and clean(h1.text()):
        return clean(h1.text())
    t = tree.css_first("title")
    return _TITLE_SUFFIX.sub("", clean(t.text())) or None if t is not None else None


def read_html(source: str) -> Page:
    """The ``Page`` of a saved HTML document."""
    tree = LexborHTMLParser(source)
    root, wiki = _root(tree)
    title = _title(tree, root, wiki)
    walk = _Walk(_footnote_labels(root))
    if title:
        walk.out.lines.append(title)  # first line, as in a copy: never a claim
    for h1 in root.css("h1"):
        if _SPACE_RE.sub(" ", h1.text()).strip() == title:
            h1.decompose()
    walk.walk(root)
    walk.out.end()
    html_tag = tree.css_first("html")
    lang = (html_tag.attributes.get("lang") or "").split("-")[0] if html_tag is not None else ""
    return Page(
        text="\n".join(walk.out.lines) + "\n",
        title=title,
        language=lang if lang in ("ja", "en") else None,
        banners=tuple(walk.banners),
        reference_fields=walk.fields,
        dispute_dates=tuple(walk.dates),
    )
