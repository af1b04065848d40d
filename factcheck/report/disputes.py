"""The disputed-claims report (``factcheck report``) as json, markdown or html.

Markdown and HTML are jinja2 templates side by side in ``templates/``:

- ``report.html.j2``: one self-contained file, no external assets and no
  network; the stylesheet (with print rules) is inline and the chart of
  statuses per document an inline SVG.  Every text from claim and reference
  files goes through jinja2's autoescaping; reference URLs are only made
  links when they are http(s).
- ``report.md.j2``: GitHub-flavoured tables.  Text from claim files is
  escaped (the ``esc`` filter) so it cannot open HTML tags, links or table
  cells: ``<``, ``>`` and ``&`` become entities and Markdown's special
  characters are backslash-escaped, bidi overrides are shown as placeholders,
  and only http(s) URLs become links.  Conflicting parts are shown in bold.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import IO, Any, Callable, Iterable

import jinja2

from factcheck.report.claims import ClaimEntry, ClaimsReport, ReferenceEntry, Segment
from factcheck.report.disputes_terminal import render_terminal
from factcheck.report.records import report_record, write_json
from factcheck.safety import no_bidi, safe_url, visible

STATUS_COLOURS = {
    "sourced": "#2e7d32",
    "covered": "#66bb6a",
    "unsourced": "#f9a825",
    "attributed": "#8d6e63",
    "disputed": "#c62828",
    "contradicted": "#6a1b9a",
    "suspected": "#ab47bc",
    "weakly-sourced": "#ef6c00",
}


# --- html ----------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    status: str
    count: int
    x: float
    width: float
    y: float
    colour: str


@dataclass(frozen=True)
class ChartRow:
    document: str
    claims: int
    y: float
    bars: tuple[Bar, ...]


def chart(report: ClaimsReport, *, width: float = 520.0, bar: float = 11.0) -> dict[str, Any]:
    """Geometry of the statuses-per-document chart: one group of bars per
    document, each bar's length the share of the document's claims."""
    rows = []
    y = 0.0
    group = bar * len(report.statuses) + 14
    for d in report.documents:
        bars = tuple(
            Bar(s, d.counts[s], 0.0, round(width * d.counts[s] / d.claims, 1) if d.claims else 0.0,
                round(y + 4 + i * bar, 1), STATUS_COLOURS.get(s, "#777"))
            for i, s in enumerate(report.statuses)
        )
        rows.append(ChartRow(d.id, d.claims, round(y, 1), bars))
        y += group
    return {"rows": rows, "width": width, "height": max(y, 1.0), "bar": bar, "label_width": 150.0}


def _safe_url(url: object) -> str | None:
    return safe_url(url)


@functools.cache
def _environment(markdown: bool = False) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("factcheck.report", "templates"),
        # HTML: every template, whatever its name.  Markdown has its own
        # escaping (``esc``); HTML entities there would show as written.
        autoescape=not markdown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Every value printed: bidi overrides shown as placeholders (they
        # would reorder what a reviewer reads), then escaped.
        finalize=lambda v: no_bidi(v) if isinstance(v, str) else v,
    )
    env.filters["safe_url"] = _safe_url
    if markdown:
        env.filters.update(esc=esc, code=code, segments=segments, reference=reference, claim_line=claim_line)
    return env


def render_html(report: ClaimsReport, out: IO[str]) -> None:
    template = _environment().get_template("report.html.j2")
    out.write(template.render(report=report, chart=chart(report), colours=STATUS_COLOURS))


# --- markdown ------------------------------------------------------------------

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def esc(text: str | None) -> str:
    """Text safe inside Markdown paragraphs and table cells."""
    if not text:
        return ""
    text = visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    # Newlines would end a table row; keep the spaces at the edges of diff segments.
    return re.sub(r"\s+", " ", text)


def code(text: str) -> str:
    return f"`{visible(text, lines=False).replace('`', '')}`"


def segments(parts: Iterable[Segment]) -> str:
    return "".join(f"**{esc(s.text)}**" if s.changed and s.text.strip() else esc(s.text) for s in parts)


def reference(ref: ReferenceEntry) -> str:
    parts = []
    if ref.label:
        parts.append(f"\\[{esc(ref.label)}\\]")
    if ref.authors:
        parts.append(esc(", ".join(ref.authors)) + ".")
    parts.append(f"*{esc(ref.title)}*" if ref.title else code(ref.id))
    for extra in (ref.container_title, ref.publisher):
        if extra and extra != ref.title:
            parts.append(esc(extra))
    if ref.issued:
        parts.append(f"({esc(ref.issued)})")
    if url := safe_url(ref.url):  # javascript:, vbscript:, data: never become links
        parts.append(f"<{url.replace('<', '%3C').replace('>', '%3E').replace(' ', '%20')}>")
    if ref.rating:
        flag = "⚠ " if ref.unreliable else ""
        parts.append(f"— {flag}rated *{esc(ref.rating)}* ({esc(ref.rated_as)})")
    return " ".join(parts) + f" {code(ref.id)}"


def claim_line(c: ClaimEntry) -> str:
    labels = " " + " ".join(esc(label) for label in c.labels) if c.labels else ""
    return f"{code(c.id)} {esc(c.text)}{labels}"


def render_markdown(report: ClaimsReport, out: IO[str]) -> None:
    template = _environment(markdown=True).get_template("report.md.j2")
    unsourced = sum(len(s.claims) for g in report.unsourced for s in g.sections)
    out.write(template.render(report=report, unsourced_count=unsourced))


# --- json ----------------------------------------------------------------------


def render_json(report: ClaimsReport, out: IO[str]) -> None:
    write_json(report_record(report), out)


FORMATS: dict[str, Callable[[ClaimsReport, IO[str]], None]] = {
    "terminal": render_terminal,
    "markdown": render_markdown,
    "html": render_html,
    "json": render_json,
}
