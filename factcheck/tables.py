"""The repository as flat tables, for engines that scale past one machine.

``factcheck export --format parquet -o FOLDER`` writes one Parquet file per
table (pyarrow, the ``parquet`` extra); DuckDB, Spark, Polars or pandas read
them as they are.  The tables, one row per:

- ``claims``: claim (id, document, language, section, kind, text, line,
  cited/covered/disputed counts, earliest and latest date mentioned);
- ``documents``: document;
- ``references``: reference (CSL fields flattened: title, container_title,
  publisher, issued, url, authors joined with ``; ``);
- ``cites``: claim -> reference link (``via``: cites | covered_by);
- ``disputes``, ``dates``, ``quantities``: a claim's markers, dates, numbers;
- ``relations``: claim -> claim link with its type and review state;
- ``statuses``: (claim, status) for every derived status;
- ``tokens``: (claim, token), the blocking keys of contradiction candidates:
  character bigrams of the Japanese (CJK and kana) text, lower-cased words
  of three letters or more for the rest, stop words out.  Two claims of
  different documents that share enough rare tokens are on the same topic;
  ``docs/blocking.sql`` turns that into candidate pairs with one SQL
  statement (a self-join on ``tokens``), the plan a cluster runs for 10^8
  claims as well as DuckDB for 10^5.

Columns are typed the same way whatever the data (strings, 64-bit integers,
doubles, booleans), so files of several exports can be read as one table.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any, Mapping

from factcheck.errors import UsageError
from factcheck.model import Name
from factcheck.status import STATUSES, ClaimView, derive
from factcheck.store import Corpus

Columns = dict[str, list[Any]]
Tables = dict[str, Columns]

# Column types: s string, i int64, f float64, b bool.
SCHEMA: dict[str, dict[str, str]] = {
    "claims": {"id": "s", "document": "s", "language": "s", "section": "s", "kind": "s", "text": "s", "line": "i",
               "cites": "i", "covered_by": "i", "disputes": "i", "date_min": "s", "date_max": "s"},
    "documents": {"id": "s", "title": "s", "kind": "s", "language": "s", "source": "s", "url": "s", "retrieved": "s"},
    "references": {"id": "s", "document": "s", "label": "s", "type": "s", "title": "s", "container_title": "s",
                   "publisher": "s", "authors": "s", "issued": "s", "accessed": "s", "url": "s", "see": "s"},
    "cites": {"claim": "s", "reference": "s", "via": "s"},
    "disputes": {"claim": "s", "marker": "s", "kind": "s"},
    "dates": {"claim": "s", "text": "s", "value": "s"},
    "quantities": {"claim": "s", "text": "s", "value": "f", "unit": "s", "low": "f", "high": "f", "approximate": "b"},
    "relations": {"claim": "s", "target": "s", "type": "s", "review": "s", "within_document": "b"},
    "statuses": {"claim": "s", "status": "s"},
    "tokens": {"claim": "s", "token": "s"},
}

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset(
    "the and for that with this from was were are has have had its into over said after before than which".split()
)


def tokens(text: str) -> set[str]:
    """The blocking keys of a claim's text (see the module docstring)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    out = {run[i : i + 2] for run in _CJK.findall(folded) for i in range(max(1, len(run) - 1))}
    out |= {w for w in _WORD.findall(_CJK.sub(" ", folded)) if w not in _STOP}
    return out


def _name(n: Name) -> str:
    return n.literal or " ".join(p for p in (n.given, n.family) if p)


def tables(corpus: Corpus, views: Mapping[str, ClaimView] | None = None) -> Tables:
    """Every table as columns of plain values."""
    views = views if views is not None else derive(corpus)
    out: Tables = {name: {col: [] for col in cols} for name, cols in SCHEMA.items()}

    def row(table: str, **values: Any) -> None:
        for col, column in out[table].items():
            column.append(values.get(col))

    for doc in corpus.documents.values():
        row("documents", id=doc.id, title=doc.title, kind=doc.kind, language=doc.language, source=doc.source,
            url=doc.url, retrieved=doc.retrieved)
    for c in corpus.claims:
        claim_doc = corpus.documents.get(c.document)
        values = sorted(d.value for d in c.dates)
        row("claims", id=c.id, document=c.document, language=claim_doc.language if claim_doc else "", section=c.section,
            kind=c.kind, text=c.text, line=c.location.line, cites=len(c.cites), covered_by=len(c.covered_by),
            disputes=len(c.disputes), date_min=values[0] if values else None, date_max=values[-1] if values else None)
        for via in ("cites", "covered_by"):
            for ref in getattr(c, via):
                row("cites", claim=c.id, reference=ref, via=via)
        for d in c.disputes:
            row("disputes", claim=c.id, marker=d.marker, kind=d.kind)
        for dm in c.dates:
            row("dates", claim=c.id, text=dm.text, value=dm.value)
        for q in c.quantities:
            row("quantities", claim=c.id, text=q.text, value=q.value, unit=q.unit, low=q.low, high=q.high,
                approximate=q.approximate)
        for r in c.relations:
            row("relations", claim=c.id, target=r.target, type=r.type, review=r.review, within_document=r.within_document)
        view = views.get(c.id)
        for status in STATUSES:
            if view is not None and status in view.statuses:
                row("statuses", claim=c.id, status=status)
        for token in sorted(tokens(c.text)):
            row("tokens", claim=c.id, token=token)
    for ref in corpus.references.values():
        see = ref.custom.get("see") if isinstance(ref.custom, dict) else None
        row("references", id=ref.id, document=ref.document, label=ref.label, type=ref.type, title=ref.title,
            container_title=ref.container_title, publisher=ref.publisher,
            authors="; ".join(_name(n) for n in ref.author) or None, issued=ref.issued, accessed=ref.accessed,
            url=ref.url, see=see if isinstance(see, str) else None)
    return out


def write_parquet(corpus: Corpus, folder: Path, views: Mapping[str, ClaimView] | None = None) -> list[Path]:
    """Write each table as ``FOLDER/<table>.parquet``.  The tables are written
    into a new folder beside it and renamed into place, so a reader never sees
    half an export; an existing folder of that name is replaced."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("parquet export needs pyarrow: pip install 'factcheck-claims[parquet]'") from None
    types = {"s": pa.string(), "i": pa.int64(), "f": pa.float64(), "b": pa.bool_()}
    data = tables(corpus, views)
    folder = folder.resolve()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: not a folder (parquet export writes one file per table into a folder)")
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for name, columns in data.items():
            schema = pa.schema([(col, types[SCHEMA[name][col]]) for col in columns])
            pq.write_table(pa.table(columns, schema=schema), tmp / f"{name}.parquet")
        os.chmod(tmp, 0o755)
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
            os.replace(folder, old / folder.name)
            os.replace(tmp, folder)
            shutil.rmtree(old)
        else:
            os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [folder / f"{name}.parquet" for name in data]


__all__ = ["SCHEMA", "tables", "tokens", "write_parquet"]
