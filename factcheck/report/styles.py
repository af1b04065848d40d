"""The styles the terminal reports give each status (rich style names),
kept apart from rich so that a first answer drawn without it
(``factcheck.report.plain``) styles them the same way."""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: see factcheck.direct
if TYPE_CHECKING:
    from collections.abc import Iterable

STATUS_STYLES = {
    "sourced": "green",
    "covered": "green dim",
    "unsourced": "yellow",
    "attributed": "magenta",
    "disputed": "bold red",
    "contradicted": "bold magenta",
    "suspected": "magenta",
    "weakly-sourced": "dark_orange",
}


def status_spans(statuses: Iterable[str]) -> tuple[str, list[tuple[int, int, str]]]:
    """``report.table.status_text`` as plain values: the statuses in order,
    space-separated, and each one's span (its style)."""
    from factcheck.options import STATUSES

    present = set(statuses)
    text, spans = "", []
    for s in STATUSES:
        if s in present:
            if text:
                text += " "
            style = STATUS_STYLES.get(s, "")
            if style:
                spans.append((len(text), len(text) + len(s), style))
            text += s
    return text, spans


__all__ = ["STATUS_STYLES", "status_spans"]
