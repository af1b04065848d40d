"""Exports for other tools (``factcheck export``): schema.org ClaimReview,
CSL-JSON, CSV.  What each holds is described in ``factcheck.export``."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, Callable

from factcheck.export import Export, claimreview, csl_json
from factcheck.report import listing
from factcheck.safety import json_for_html


def _write_inert_json(data: Any, out: IO[str]) -> None:
    """JSON that can be pasted into a page's ``<script type="application/ld+json">``:
    ``<``, ``>``, ``&`` and U+2028/9 escaped (it decodes to the same values)."""
    out.write(json_for_html(data, indent=2) + "\n")


def render_claimreview(exp: Export, out: IO[str]) -> None:
    _write_inert_json(claimreview(exp.corpus, exp.views, author=exp.author, date=exp.date, url_base=exp.url_base), out)


def render_csl_json(exp: Export, out: IO[str]) -> None:
    _write_inert_json(csl_json(exp.corpus), out)


def render_csv(exp: Export, out: IO[str]) -> None:
    listing.render_csv(list(exp.views.values()), out, raw=exp.csv_raw)


FORMATS: dict[str, Callable[[Export, IO[str]], None]] = {
    "claimreview": render_claimreview,
    "csl-json": render_csl_json,
    "csv": render_csv,
}


def render_parquet(exp: Export, folder: Path) -> None:
    from factcheck.tables import write_parquet  # pyarrow loads only for this format

    write_parquet(exp.corpus, folder, exp.views)


# Formats that write a folder of files (given with -o), not a stream.
FOLDER_FORMATS: dict[str, Callable[[Export, Path], None]] = {
    "parquet": render_parquet,
}
