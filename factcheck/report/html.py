"""The disputed-claims report as one self-contained HTML file.

No external assets and no network: the stylesheet (with print rules) is
inline and the chart of statuses per document is an inline SVG.  Every piece
of text from claim and reference files goes through jinja2's autoescaping;
reference URLs are only made links when they are http(s).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

import jinja2

from factcheck.report.claims import ClaimsReport
from factcheck.safety import no_bidi, safe_url

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


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("factcheck.report", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Every value printed: bidi overrides shown as placeholders (they
        # would reorder what a reviewer reads), then autoescaped.
        finalize=lambda v: no_bidi(v) if isinstance(v, str) else v,
    )
    env.filters["safe_url"] = safe_url
    return env


def render_html(report: ClaimsReport, stream: IO[str]) -> None:
    template = _environment().get_template("report.html.j2")
    stream.write(
        template.render(report=report, chart=chart(report), colours=STATUS_COLOURS)
    )
