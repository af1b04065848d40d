"""The validation rules (``factcheck rules``): aligned text or json."""

from __future__ import annotations

from typing import IO, Callable, Sequence

from factcheck.checks import RuleInfo
from factcheck.report.records import rule_record, write_json


def render_text(rules: Sequence[RuleInfo], out: IO[str]) -> None:
    width = max((len(r.id) for r in rules), default=0)
    for r in rules:
        out.write(f"{r.id:<{width}}  {r.severity if r.enabled else 'off':<7}  {r.summary}\n")


def render_json(rules: Sequence[RuleInfo], out: IO[str]) -> None:
    write_json([rule_record(r) for r in rules], out)


FORMATS: dict[str, Callable[[Sequence[RuleInfo], IO[str]], None]] = {
    "text": render_text,
    "json": render_json,
}
