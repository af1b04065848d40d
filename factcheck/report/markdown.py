"""The disputed-claims report as Markdown (GitHub-flavoured tables).

Text from claim files is escaped so it cannot open HTML tags, links or
table cells: ``<``, ``>`` and ``&`` become entities, Markdown's special
characters are backslash-escaped, bidi overrides are shown as placeholders,
and only http(s) URLs become links.  Conflicting parts are shown in bold.
"""

from __future__ import annotations

import re
from typing import IO, Iterable

from factcheck.safety import safe_url, visible
from factcheck.report.claims import ClaimEntry, ClaimsReport, ReferenceEntry, Segment

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def esc(text: str | None) -> str:
    """Text safe inside Markdown paragraphs and table cells."""
    if not text:
        return ""
    text = visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    # Newlines would end a table row; keep the spaces at the edges of diff segments.
    return re.sub(r"\s+", " ", text)


def _code(text: str) -> str:
    return f"`{visible(text, lines=False).replace('`', '')}`"


def _segments(segments: Iterable[Segment]) -> str:
    return "".join(f"**{esc(s.text)}**" if s.changed and s.text.strip() else esc(s.text) for s in segments)


def _reference(ref: ReferenceEntry) -> str:
    parts = []
    if ref.label:
        parts.append(f"\\[{esc(ref.label)}\\]")
    if ref.authors:
        parts.append(esc(", ".join(ref.authors)) + ".")
    parts.append(f"*{esc(ref.title)}*" if ref.title else _code(ref.id))
    for extra in (ref.container_title, ref.publisher):
        if extra and extra != ref.title:
            parts.append(esc(extra))
    if ref.issued:
        parts.append(f"({esc(ref.issued)})")
    if url := safe_url(ref.url):  # javascript:, vbscript:, data: never become links
        parts.append(f"<{url.replace('<', '%3C').replace('>', '%3E')}>")
    if ref.rating:
        flag = "⚠ " if ref.unreliable else ""
        parts.append(f"— {flag}rated *{esc(ref.rating)}* ({esc(ref.rated_as)})")
    return " ".join(parts) + f" {_code(ref.id)}"


def _claim_line(c: ClaimEntry) -> str:
    labels = " " + " ".join(esc(l) for l in c.labels) if c.labels else ""
    return f"{_code(c.id)} {esc(c.text)}{labels}"


def render_markdown(report: ClaimsReport, stream: IO[str]) -> None:
    w = stream.write
    w(f"# {esc(report.title)}\n\n")
    if report.date:
        w(f"Date: {esc(report.date)}\n\n")
    w("## Summary\n\n")
    columns = ["claims", *report.statuses]
    w("| document | " + " | ".join(columns) + " |\n")
    w("|---|" + "---:|" * len(columns) + "\n")
    for d in (*report.documents, report.totals):
        name = f"{_code(d.id)} {esc(d.title)}" if d.id else f"**{esc(d.title)}**"
        w(f"| {name} | {d.claims} | " + " | ".join(str(d.counts[s]) for s in report.statuses) + " |\n")
    w("\n")

    if report.banners:
        w("## Article banners\n\n")
        for doc_id, banners in report.banners:
            for banner in banners:
                w(f"- {_code(doc_id)}: {esc(banner)}\n")
        w("\n")
    w(f"## Disputed claims ({len(report.disputed)})\n\n")
    if not report.disputed:
        w("None.\n\n")
    for e in report.disputed:
        where = f"{e.claim.document}" + (f" › {e.claim.section}" if e.claim.section else "")
        w(f"### {_code(e.claim.id)} — {esc(where)}\n\n")
        w(f"> {esc(e.claim.text)}\n\n")
        w("Markers: " + ", ".join(f"{_code(m.marker)} ({esc(m.kind)})" for m in e.markers) + "\n\n")
        if e.references:
            w("References:\n\n")
            for ref in e.references:
                w(f"- {_reference(ref)}\n")
            w("\n")
        else:
            w("References: none.\n\n")

    w(f"## Contradictions ({len(report.contradictions)})\n\n")
    if not report.contradictions:
        w("None.\n\n")
    else:
        w("Conflicting parts in **bold**. *contradicted*: the contradiction was accepted; "
          "*suspected*: a candidate not yet reviewed.\n\n")
        w("| state | claim | conflicting claim | differences |\n|---|---|---|---|\n")
        for c in report.contradictions:
            state = "contradicted" if c.review == "accepted" else "suspected"
            left = f"{_code(c.left.id)} {_segments(c.left_segments)}"
            right = f"{_code(c.right.id)} {_segments(c.right_segments)}"
            diffs = "; ".join(esc(d) for d in c.differences) or esc(c.note)
            w(f"| {state} | {left} | {right} | {diffs} |\n")
        w("\n")

    count = sum(len(s.claims) for g in report.unsourced for s in g.sections)
    w(f"## Unsourced factual claims ({count})\n\n")
    if not report.unsourced:
        w("None.\n\n")
    for g in report.unsourced:
        w(f"### {_code(g.document)}\n\n")
        for s in g.sections:
            w(f"#### {esc(s.section) or '(no section)'}\n\n")
            for c in s.claims:
                w(f"- {_claim_line(c)}\n")
            w("\n")

    w(f"## Conflicting figures ({len(report.conflicting_figures)})\n\n")
    if not report.conflicting_figures:
        w("None.\n\n")
    else:
        w("| unit | figure | claim | figure | claim |\n|---|---:|---|---:|---|\n")
        for f in report.conflicting_figures:
            w(
                f"| {esc(f.unit)} | **{esc(f.left.quantity)}** | {_claim_line(f.left.claim)} "
                f"| **{esc(f.right.quantity)}** | {_claim_line(f.right.claim)} |\n"
            )
        w("\n")

    w(f"## Cited references rated unreliable ({len(report.unreliable_references)})\n\n")
    if not report.unreliable_references:
        w("None.\n")
    for u in report.unreliable_references:
        w(f"- {_reference(u.reference)} — cited by " + ", ".join(_code(c) for c in u.cited_by) + "\n")
