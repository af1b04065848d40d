"""Plain-text formats of a list of claims (``factcheck list --format``):
json, yaml, csv and ids.  The rich table is in ``report.table``.

Each reporter is handed the claim views and the text stream it writes to.
"""

from __future__ import annotations

import json
from typing import IO, Callable, Sequence

from factcheck.status import ClaimView, claim_record


def render_json(views: Sequence[ClaimView], stream: IO[str]) -> None:
    stream.write(json.dumps([claim_record(v) for v in views], ensure_ascii=False, indent=2) + "\n")


def render_yaml(views: Sequence[ClaimView], stream: IO[str]) -> None:
    from factcheck.yamlio import dump

    stream.write(dump([claim_record(v) for v in views]) if views else "[]\n")


def render_csv(views: Sequence[ClaimView], stream: IO[str], *, raw: bool = False) -> None:
    from factcheck.export import write_claims_csv

    write_claims_csv(views, stream, raw=raw)


def render_ids(views: Sequence[ClaimView], stream: IO[str]) -> None:
    for v in views:
        stream.write(v.id + "\n")


LIST_FORMATS: dict[str, Callable[[Sequence[ClaimView], IO[str]], None]] = {
    "json": render_json,
    "yaml": render_yaml,
    "csv": render_csv,
    "ids": render_ids,
}
