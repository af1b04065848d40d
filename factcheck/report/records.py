"""Every result as plain JSON values: the one place a JSON record is shaped.

The ``--format json`` output of each command is one of these records (or a
list of them) dumped by :func:`write_json`; programs depend on the shapes,
so keys are only ever added.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring

# typing (its Protocol) and dataclasses are imported by the type checker and
# by the records that need them only: `stats --format json` loads neither
# (issue 9; see factcheck.direct).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any, Protocol

    from factcheck.checks import RuleInfo
    from factcheck.extract import Extraction
    from factcheck.ingest import IngestResult
    from factcheck.model import Claim, Finding
    from factcheck.query import ClaimDetail
    from factcheck.report.claims import ClaimsReport
    from factcheck.search import Hit
    from factcheck.status import ClaimView, Stats

    class _Verdict(Protocol):
        @property
        def kind(self) -> str: ...
        @property
        def score(self) -> float: ...
        @property
        def evidence(self) -> tuple[str, ...]: ...
        @property
        def why(self) -> str: ...

    class _Detected(Protocol):
        @property
        def verdict(self) -> _Verdict: ...
        @property
        def within_document(self) -> bool: ...

    class CandidatePair(Protocol):
        """A contradiction candidate as the detector proposes it (``suspect()``):
        what its renderings read, so they do not depend on the detector's module."""

        @property
        def a(self) -> Claim: ...
        @property
        def b(self) -> Claim: ...
        @property
        def candidate(self) -> _Detected: ...


def write_json(data: Any, out: IO[str]) -> None:
    """JSON as programs read it: UTF-8 text as written, indented, one final newline."""
    out.write(dumps(data) + "\n")


def dumps(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, byte for byte,
    about twice as fast: with an indent, json encodes in Python through
    nested generators (a third of a first `stats --format json` of 1,000
    documents).  Plain values only (dict with str keys, list, tuple, str,
    int, float, bool, None, exactly those types); anything else, and any
    error, is json's own to encode or refuse."""
    parts: list[str] = []
    try:
        _encode(data, "\n", parts)
    except (_Unusual, RecursionError):
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(parts)


class _Unusual(Exception):
    """A value :func:`dumps` leaves to json."""


def _scalar(value: Any) -> str | None:
    """A JSON scalar as json writes it, or None for a container (or anything else)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is float:
        if value != value:
            return "NaN"
        if value in (float("inf"), -float("inf")):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    return None


# The exact types json's C encoder writes as the Python encoder does (a
# subclass, an int enum say, is left to the generic path).
_SCALARS = frozenset((str, int, float, bool, type(None)))
# One C encoder per item separator (None: none): a line break and a depth's indent.
_ENCODERS: dict[str, Any] = {}


def _leaf(value: dict[str, Any] | list[Any] | tuple[Any, ...], inner: str) -> str | None:
    """A non-empty container of scalars only (str keys), as the indented
    encoder writes it at this depth, written by json's C encoder in one call
    (the nested counts of `stats --format json` are 9,000 scalars at 1,000
    documents); None when it holds anything else."""
    if type(value) is dict:
        if not all(type(k) is str and type(v) in _SCALARS for k, v in value.items()):
            return None
    elif not all(type(v) in _SCALARS for v in value):
        return None
    encoder = _encoder("," + inner)
    if encoder is None:
        return None
    text = "".join(encoder(list(value) if type(value) is tuple else value, 0))
    # "{" + items + "}" (or "[...]"), each item on its own line.
    return text[0] + inner + text[1:-1] + inner[:-2] + text[-1]


def _encoder(separator: str) -> Any:
    """json's C encoder for ``separator``, made once (:func:`_make_encoder`)."""
    encoder = _ENCODERS.get(separator, False)
    if encoder is False:
        encoder = _ENCODERS[separator] = _make_encoder(separator)
    return encoder


def _make_encoder(separator: str) -> Any:
    """json's C encoder as ``json.dumps(ensure_ascii=False, separators=(separator, ": "))``
    makes it (a ``JSONEncoder`` made per container cost more than it saved);
    None without the C accelerator."""
    from json.encoder import c_make_encoder  # type: ignore[attr-defined]

    if c_make_encoder is None:
        return None
    try:
        return c_make_encoder(None, None, encode_basestring, None, ": ", separator, False, False, True)
    except TypeError:  # another signature: the generic path
        return None


def _rows(value: list[Any] | tuple[Any, ...], inner: str, parts: list[str]) -> bool:
    """A list of dicts with the same keys in the same order (a table: the
    documents of `stats`, the records of `list`) written column by column
    (:func:`_table`).  False, with nothing appended, when ``value`` is not
    such a list."""
    texts = _table(value, inner)
    if texts is None:
        return False
    parts.append("[" + inner + ("," + inner).join(texts) + inner[:-2] + "]")
    return True


def _table(dicts: list[Any] | tuple[Any, ...], newline: str) -> list[str] | None:
    """Each of ``dicts`` as :func:`_encode` writes it at the indent
    ``newline`` holds, when they are non-empty dicts with the same str keys in
    the same order (else None): a column of scalars in one call of json's C
    encoder, a column of such dicts (the counts of `stats`) the same way, the
    keys encoded once."""
    first = dicts[0]
    if type(first) is not dict or not first:
        return None
    keys = tuple(first)
    if not all(type(k) is str for k in keys) or not all(type(d) is dict and tuple(d) == keys for d in dicts):
        return None
    column_encoder = _encoder("\n")
    if column_encoder is None:
        return None
    row_inner = newline + "  "
    columns: list[list[str]] = []
    for key in keys:
        cells = [d[key] for d in dicts]
        if all(type(c) in _SCALARS for c in cells):
            # An encoded scalar holds no raw line break: the column splits at them.
            columns.append("".join(column_encoder(cells, 0))[1:-1].split("\n"))
            continue
        nested = _table(cells, row_inner) if len(cells) > 1 else None
        if nested is not None:
            columns.append(nested)
            continue
        texts = []
        for c in cells:
            sub: list[str] = []
            _encode(c, row_inner, sub)  # raises _Unusual as ever
            texts.append("".join(sub))
        columns.append(texts)
    # One template for the rows: the keys encoded once, the cells put in by %.
    template = "{" + row_inner + ("," + row_inner).join(encode_basestring(k).replace("%", "%%") + ": %s" for k in keys) + newline + "}"
    return [template % row for row in zip(*columns, strict=True)]


def _encode(value: Any, newline: str, parts: list[str]) -> None:
    """``value`` at the indent ``newline`` holds, appended to ``parts``."""
    kind = type(value)
    if (kind is dict or kind is list or kind is tuple) and value:
        leaf = _leaf(value, newline + "  ")
        if leaf is not None:
            parts.append(leaf)
            return
    if kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        lead = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual  # json turns numbers, booleans and None into keys
            text = _scalar(item)
            if text is not None:
                parts.append(lead + encode_basestring(key) + ": " + text)
            elif type(item) in (dict, list, tuple):
                parts.append(lead + encode_basestring(key) + ": ")
                _encode(item, inner, parts)
            else:
                raise _Unusual
            lead = "," + inner
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        if len(value) > 1 and _rows(value, inner, parts):
            return
        lead = "[" + inner
        for item in value:
            text = _scalar(item)
            if text is not None:
                parts.append(lead + text)
            elif type(item) in (dict, list, tuple):
                parts.append(lead)
                _encode(item, inner, parts)
            else:
                raise _Unusual
            lead = "," + inner
        parts.append(newline + "]")
    else:
        text = _scalar(value)
        if text is None:
            raise _Unusual
        parts.append(text)


def claim_record(view: ClaimView) -> dict[str, Any]:
    """A claim with its derived statuses and cited labels (``list``, ``show``)."""
    record: dict[str, Any] = {"id": view.claim.id, "document": view.claim.document}
    record.update({k: v for k, v in to_json(view.claim).items() if k != "id"})
    record["statuses"] = list(view.ordered_statuses())
    record["labels"] = list(view.labels)
    return record


def hit_record(hit: Hit) -> dict[str, Any]:
    """One search result (``search``)."""
    record: dict[str, Any] = {
        "kind": hit.kind,
        "id": hit.id,
        "document": hit.document,
        "score": hit.score.score,
        "scores": {"partial": hit.score.partial, "tokens": hit.score.tokens, "ngram": hit.score.ngram},
        "text": hit.text,
        "matches": [list(s) for s in hit.score.spans],
    }
    if hit.view is not None:
        record["statuses"] = list(hit.view.ordered_statuses())
        record["labels"] = list(hit.view.labels)
    return record


def detail_record(d: ClaimDetail) -> dict[str, Any]:
    """One claim in full (``show``): the claim record, its source context,
    the references it cites with their ratings, and its relations."""
    c = d.context
    context = context_record(c.path, c.line, c.before, c.claim, c.after) if c else None
    return shown_record(claim_record(d.view), context, detail_rest(d))


def context_record(path: str, line: int, before: str, claim: str, after: str) -> dict[str, Any]:
    """A claim's paragraph in its source (``show``)."""
    return {"path": path, "line": line, "before": before, "claim": claim, "after": after}


def detail_rest(d: ClaimDetail, entries: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    """What ``show`` prints of a claim after its record and its context:
    its references with their ratings, its document's banners, its
    relations.  The index keeps it with the claim's row (``factcheck.rows``).
    ``entries``: the references' entries made so far over the same corpus
    (a reference's rating is the same wherever it is cited), by reference
    object; shared, not copied (they are only written)."""
    refs = []
    for ref_id, ref, rating in d.references:
        entry = entries.get(id(ref)) if entries is not None and ref is not None else None
        if entry is None:
            entry = to_json(ref) if ref is not None else {"id": ref_id, "missing": True}
            entry["document"] = ref.document if ref is not None else ""
            entry["rating"] = (
                {"source": rating.source, "rating": rating.rating, "unreliable": rating.unreliable} if rating else None
            )
            if entries is not None and ref is not None:
                entries[id(ref)] = entry
        refs.append(entry)
    return {
        "references": refs,
        "banners": list(d.document.banners) if d.document is not None else [],
        "related": [
            {
                "type": r.type,
                "review": r.review,
                "note": r.note,
                "direction": r.direction,
                "id": r.target,
                "document": r.claim.document if r.claim else None,
                "text": r.claim.text if r.claim else None,
            }
            for r in d.relations
        ],
    }


def shown_record(claim: dict[str, Any], context: dict[str, Any] | None, rest: dict[str, Any]) -> dict[str, Any]:
    """``show``'s record from its parts: the claim's record (``list``'s),
    its context, the rest (:func:`detail_rest`).  The one assembly, for the
    answer from the files and the one from the index's rows (factcheck.reads)."""
    record = dict(claim)
    record["context"] = context
    record.update(rest)
    return record


def stats_record(s: Stats) -> dict[str, Any]:
    """Claims per document and status (``stats``)."""
    return {
        "statuses": list(s.statuses),
        "documents": [{"id": doc_id, "title": title, "claims": claims, "counts": dict(zip(s.statuses, counts, strict=True))}
                      for doc_id, title, claims, *counts in zip(s.ids, s.titles, s.claims, *s.columns, strict=True)],
        "total": {"claims": s.total.claims, "counts": s.total.counts},
    }


def finding_record(f: Finding) -> dict[str, Any]:
    """One validation finding (``validate``)."""
    return {
        "file": f.path,
        "line": f.line,
        "column": f.column,
        "severity": f.severity,
        "rule": f.rule,
        "message": f.message,
        "entry": f.entry,  # the claim or reference id ("" for the file): what baselines match
    }


def rule_record(rule: RuleInfo) -> dict[str, Any]:
    """One validation rule (``rules``)."""
    return {"id": rule.id, "severity": rule.severity, "enabled": rule.enabled, "summary": rule.summary}


def candidate_record(s: CandidatePair) -> dict[str, Any]:
    """One contradiction candidate (``contradictions``)."""
    return {
        "a": s.a.id,
        "b": s.b.id,
        "kind": s.candidate.verdict.kind,
        "score": round(s.candidate.verdict.score, 3),
        "evidence": list(s.candidate.verdict.evidence),
        "why": s.candidate.verdict.why,
        "within_document": s.candidate.within_document,
        "a_text": s.a.text,
        "b_text": s.b.text,
    }


# Every claim key, even when empty, so programs reading --dry-run JSON need no defaults.
_CLAIM_KEYS = ("id", "text", "section", "kind", "cites", "covered_by", "disputes", "dates", "quantities", "location")
_LIST_KEYS = ("cites", "covered_by", "disputes", "dates", "quantities")


def extraction_record(ex: Extraction, summary: dict[str, int]) -> dict[str, Any]:
    """A whole extraction (``extract --dry-run --format json``)."""
    claims = []
    for c in ex.claims:
        full = to_json(c)
        record = {k: full.get(k, [] if k in _LIST_KEYS else "") for k in _CLAIM_KEYS}
        record |= {k: v for k, v in full.items() if k not in _CLAIM_KEYS}
        record["kind"] = c.kind
        claims.append(record)
    return {
        "document": to_json(ex.document),
        "claims": claims,
        "references": [{"id": r.id, "label": r.label, **to_json(r)} for r in ex.references],
        "unknown_markers": [{"marker": m.raw, "offset": m.start} for m in ex.unknown_markers],
        "warnings": list(ex.warnings),
        "summary": summary,
    }


def ingest_record(result: IngestResult) -> dict[str, Any]:
    """What an extraction wrote (``extract --format json``); a dry run, which
    wrote nothing, is shown whole instead (:func:`extraction_record`)."""
    if not result.written:
        # The figures of the extraction itself, as before dry runs merged.
        from factcheck.ingest import summarize  # the extractor: only for extraction results

        return extraction_record(result.extraction, summarize(result.extraction))
    return {
        "document": result.extraction.document.id,
        "claims_file": display_path(result.claims_path) if result.claims_path else None,
        "references_file": display_path(result.references_path) if result.references_path else None,
        "summary": result.counts,
        "warnings": list(result.extraction.warnings),
        "added": list(result.merge.added) if result.merge else [],
        "vanished": list(result.merge.vanished) if result.merge else [],
        "moved": list(result.reanchored.moved) if result.reanchored else [],
        "changed": list(result.reanchored.changed) if result.reanchored else [],
        "source_replaced": result.source_replaced,
        "document_updated": list(result.document_updated),
    }


def report_record(report: ClaimsReport) -> dict[str, Any]:
    """The disputed-claims report (``report --format json``): its dataclasses as plain values."""
    import dataclasses

    return _lists(dataclasses.asdict(report))


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value


def to_json(obj: Any) -> Any:
    """:func:`factcheck.store.to_json`, the store loaded only when a record needs it."""
    from factcheck.store import to_json as plain

    return plain(obj)


def display_path(path: Any) -> str:
    """:func:`factcheck.store.display_path`, the store loaded only when a record needs it."""
    from factcheck.store import display_path as shown

    return shown(path)
