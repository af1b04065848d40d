"""Accepted findings: inline ``suppress:`` keys and a baseline file.

Both match a finding by what survives edits: its rule, its file and the id
of the claim or reference it stands in, never its line number, so adding a
claim above a known finding does not bring it back.

- ``suppress: [near-duplicate]`` on a claim (or a reference) accepts that
  rule's findings on that entry.  A key rather than a ``# factcheck:
  ignore[...]`` comment because claim files are rewritten by the tool
  (``extract`` again, ``contradictions --write``) and comments would not
  survive that; a key is data: kept by re-extraction, checked by the schema,
  visible in ``--format json``.
- A baseline (``validate --write-baseline``) records every current finding
  as ``{rule, file, entry}``; ``validate --baseline FILE`` then reports only
  the findings it does not hold.  Keys count: a baseline holding one
  ``near-duplicate`` on claim ``x`` hides one such finding, not a second.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from factcheck.errors import FileError
from factcheck.model import Finding
from factcheck.yamlio import atomic_write, read_text

VERSION = 1
DEFAULT_NAME = ".factcheck-baseline.json"

Key = tuple[str, str, str]  # rule, file relative to the root (posix), entry id


@dataclass(frozen=True)
class Anchor:
    """Where an entry (claim or reference) starts in its file, and what it suppresses."""

    line: int
    id: str
    suppress: frozenset[str]
    places: tuple[tuple[str, int, int], ...] = ()  # (rule, line, column) of each suppress: item


def anchors(ctx: Any) -> dict[str, list[Anchor]]:
    """Per file (as findings name it), its entries in line order."""
    out: dict[str, list[Anchor]] = {}
    for item in (*ctx.claims, *ctx.references):
        suppress = item.data.get("suppress")
        names = [(j, r) for j, r in enumerate(suppress) if isinstance(r, str)] if isinstance(suppress, list) else []
        places = tuple((r, *item.where("suppress", j)) for j, r in names)
        out.setdefault(item.file.path, []).append(Anchor(item.where()[0], item.id or "", frozenset(r for _, r in names), places))
    for entries in out.values():
        entries.sort(key=lambda a: a.line)
    return out


def entry_at(table: dict[str, list[Anchor]], path: str, line: int) -> Anchor | None:
    """The entry a line of a file falls in (the last one starting at or before it)."""
    entries = table.get(path)
    if not entries:
        return None
    i = bisect.bisect_right(entries, line, key=_line) - 1  # no list of lines per call: a file may hold 200,000 entries
    return entries[i] if i >= 0 else None


def _line(anchor: Anchor) -> int:
    return anchor.line


def stamp(findings: Iterable[Finding], table: dict[str, list[Anchor]]) -> tuple[list[Finding], int, set[tuple[str, int, str]]]:
    """Findings with their entry id; those their entry suppresses left out (and
    counted), with the (file, entry line, rule) suppressions that were used."""
    kept, suppressed, used = [], 0, set()
    for f in findings:
        anchor = entry_at(table, f.path, f.line)
        if anchor is not None and f.rule in anchor.suppress:
            suppressed += 1
            used.add((f.path, anchor.line, f.rule))
            continue
        kept.append(replace(f, entry=anchor.id) if anchor is not None else f)
    return kept, suppressed, used


def unused(table: dict[str, list[Anchor]], used: set[tuple[str, int, str]], *, ran: Iterable[str], files: Iterable[str]) -> list[tuple[str, int, int, str, str]]:
    """Suppressions of a rule that ran and found nothing to accept on their entry
    (as ruff's unused ``noqa``): (path, line, column, rule, entry id)."""
    ran, files = set(ran), set(files)
    return [
        (path, line, column, rule, anchor.id)
        for path, entries in table.items()
        if path in files
        for anchor in entries
        for rule, line, column in anchor.places
        if rule in ran and (path, anchor.line, rule) not in used
    ]


def relative(path: str, root: Path) -> str:
    """A finding's path relative to the repository root (posix), whatever the working folder."""
    p = Path(path)
    try:
        return p.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def key_of(f: Finding, root: Path) -> Key:
    return (f.rule, relative(f.path, root), f.entry)


@dataclass(frozen=True)
class Baseline:
    """Known findings, as counted keys."""

    keys: Counter[Key]
    path: str = ""

    @classmethod
    def read(cls, path: Path) -> Baseline:
        shown = str(path)
        try:
            data = json.loads(read_text(path))
        except OSError as exc:
            raise FileError(shown, f"cannot read the baseline: {exc.strerror or exc}") from None
        except json.JSONDecodeError as exc:
            raise FileError(shown, f"not JSON: {exc.msg}", exc.lineno, exc.colno) from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
            raise FileError(shown, f"not a factcheck baseline (expected {{\"version\": {VERSION}, \"findings\": [...]}})", 1, 1)
        keys: Counter[Key] = Counter()
        for i, entry in enumerate(data["findings"]):
            if not (isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("rule", "file", "entry"))):
                raise FileError(shown, f"findings[{i}]: expected rule, file and entry strings")
            keys[(entry["rule"], entry["file"], entry["entry"])] += 1
        return cls(keys, shown)

    def split(self, findings: Sequence[Finding], root: Path, files: Iterable[str]) -> tuple[list[Finding], int, int]:
        """(findings not in the baseline, how many it hid, how many of its keys for
        the checked ``files`` matched nothing: fixed since)."""
        left = Counter(self.keys)
        new, hidden = [], 0
        for f in findings:
            k = key_of(f, root)
            if left[k] > 0:
                left[k] -= 1
                hidden += 1
            else:
                new.append(f)
        checked = {relative(f, root) for f in files}
        return new, hidden, sum(n for k, n in left.items() if k[1] in checked)


def render(findings: Iterable[Finding], root: Path, *, keep: Iterable[Key] = ()) -> str:
    """A baseline file's text: sorted, one finding an object, with its message for the reader."""
    rows = [
        {"rule": r, "file": p, "entry": e, "message": ""} for r, p, e in keep
    ] + [
        {"rule": f.rule, "file": relative(f.path, root), "entry": f.entry, "message": f.message} for f in findings
    ]
    rows.sort(key=lambda r: (r["file"], r["entry"], r["rule"], r["message"]))
    return json.dumps({"version": VERSION, "findings": rows}, ensure_ascii=False, indent=2) + "\n"


def write(path: Path, findings: Sequence[Finding], root: Path, *, files: Iterable[str] = (), previous: Baseline | None = None) -> None:
    """Write the baseline for ``findings``; with ``previous``, keep its keys for
    files this run did not check (``files``: those it did, as findings name them)."""
    checked = {relative(f, root) for f in files}
    keep = [k for k, n in (previous.keys.items() if previous else ()) for _ in range(n) if k[1] not in checked]
    try:
        atomic_write(path, render(findings, root, keep=keep))
    except OSError as exc:
        raise FileError(str(path), f"cannot write: {exc.strerror or exc}") from None


__all__ = ["Anchor", "Baseline", "DEFAULT_NAME", "anchors", "entry_at", "stamp", "write", "key_of"]
