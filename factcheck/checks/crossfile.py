"""The cross-file rules through the index: their findings kept, and asked
again only about what changed since.

Asking every cross-file rule its SQL over 10^5 claims takes ~0.1 s, most of
a `validate` after one file changed (issue 9).  Each finding a rule's
``owned`` yields carries its *owner*: a tag and the keys it hangs on (the id
whose uses make a duplicate, the id a cite or relation names, a reference's
id and document).  The index journals every file whose facts it replaces,
with that file's keys as they were (``Index._journal``).  Then:

- nothing in the journal changed a file's facts: the kept findings stand;
- a few files changed: every key they held before or hold now is *touched*
  (plus the documents of cites naming a touched id: a document with a
  mistyped cite keeps its references quiet); the kept findings whose owner
  holds no touched key stand, and each rule is asked about the touched keys
  only (``Tables.scoped``).  A finding whose keys are all untouched reads
  only rows no change reached, so it is what a full run would say: the
  rules' ``owned`` select exactly the rows with a touched key.  A rule that
  cannot answer so this time (a repeated document id decides which files'
  items count; a references file changed, and dangling cites' hints offer
  every reference id) raises ``Unscoped`` and is asked about everything;
  so is a rule without ``owned``, and every rule while any file, now or as
  it was, cannot be read (its ids might be anywhere);
- no findings kept (another rule set or options), many files changed: every
  rule asked about everything.

What was found is kept for next time, unless another command kept findings
meanwhile (the journal then holds what this one did not see).
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable, Mapping, Sequence

from factcheck.checks.base import Problem, Rule
from factcheck.facts import Tables, Unscoped, keys, touch
from factcheck.store import LoadedFile

# Above this share of the files changed, every rule is asked about everything.
_SCOPED_UP_TO = 0.05
_SCOPED_AT_LEAST = 16  # files: a small repository answers scoped too

Entry = tuple[Any, ...]  # (rule id, owner or None, path, line, column, message, kind)


def answer(
    idx: Any,
    files: Sequence[LoadedFile],
    rules: Sequence[tuple[str, Rule]],
    options: Mapping[str, Mapping[str, Any]],
    progress: Callable[[int, int], None] | None = None,
) -> list[tuple[str, Problem]]:
    """The findings of the cross-file ``rules`` over the index ``idx`` (up to
    date, of the corpus ``files`` in this order), as a full run gives them."""
    db = idx.open()
    context = hashlib.sha256(repr([(rule_id, options[rule_id]) for rule_id, _ in rules]).encode()).hexdigest()
    kept = idx.kept_cross()
    journal = idx.cross_journal()
    upto = journal[-1][0] if journal else 0
    entries = kept[2] if kept is not None and kept[0] == context else None
    changed = _changed(db, journal)
    if entries is not None and not changed:
        found = entries
        if progress is not None:
            progress(len(rules), len(rules))  # every rule's findings kept: all done at once
    else:
        tables = idx.tables(files)
        limit = max(_SCOPED_AT_LEAST, int(len(files) * _SCOPED_UP_TO))
        if entries is not None and len(changed) <= limit and not _broken(db, changed):
            found = _scoped(db, tables, rules, options, entries, changed, progress)
        else:
            found = []
            for done, (rule_id, rule) in enumerate(rules, 1):
                found += _everything(tables, rule_id, rule, options[rule_id])
                if progress is not None:
                    progress(done, len(rules))
        found.sort(key=lambda e: (e[2], e[3], e[4], e[0], e[5], e[6]))
    if entries is None or journal:
        idx.keep_cross(context, kept[1] if kept is not None else None, found, upto)
    return [(e[0], Problem(*e[2:])) for e in found]


def _changed(db: Any, journal: list[Entry]) -> dict[str, tuple[set[str], set[str], bool]]:
    """Per file whose facts (or display path) differ from when the findings
    were kept: (its keys then, its kinds then, whether it was unreadable then);
    the journal's first entry of a file is how it was then."""
    first: dict[str, Entry] = {}
    was: dict[str, tuple[set[str], set[str], bool]] = {}
    for _, path, sha, shown, kind, broken, held in journal:
        first.setdefault(path, (sha, shown))
        old_keys, kinds, unreadable = was.setdefault(path, (set(), set(), False))
        old_keys.update(held)
        if kind is not None:
            kinds.add(kind)
        was[path] = (old_keys, kinds, unreadable or bool(broken))
    out = {}
    for path, then in first.items():
        now = db.execute("SELECT facts_sha, shown FROM files WHERE path = ?", (path,)).fetchone()
        if (tuple(now) if now is not None else (None, None)) != then:
            out[path] = was[path]
    return out


def _broken(db: Any, changed: dict[str, tuple[set[str], set[str], bool]]) -> bool:
    """Whether some file cannot be read now, or a changed one could not then."""
    return any(c[2] for c in changed.values()) or db.execute("SELECT 1 FROM fdocs WHERE broken LIMIT 1").fetchone() is not None


def _everything(tables: Tables, rule_id: str, rule: Rule, options: Mapping[str, Any]) -> list[Entry]:
    tables.scoped = False
    owned = getattr(rule, "owned", None)
    if owned is None:
        return [(rule_id, None, *p) for p in rule.check_index(tables, options)]  # type: ignore[attr-defined]
    return [(rule_id, owner, *p) for owner, p in owned(tables, options)]


def _scoped(
    db: Any,
    tables: Tables,
    rules: Sequence[tuple[str, Rule]],
    options: Mapping[str, Mapping[str, Any]],
    entries: list[Entry],
    changed: dict[str, tuple[set[str], set[str], bool]],
    progress: Callable[[int, int], None] | None,
) -> list[Entry]:
    touched: set[str] = set()
    kinds: set[str] = set()
    for path, (old_keys, old_kinds, _) in changed.items():
        touched |= old_keys
        kinds |= old_kinds
        touched.update(keys(db, path))
        kind = db.execute("SELECT kind FROM files WHERE path = ?", (path,)).fetchone()
        if kind is not None:
            kinds.add(kind[0])
    touch(db, touched)
    # A cite naming a touched id may have become (or stopped being) mistyped:
    # its document decides whether that document's references are quiet.
    more = {r[0] for r in db.execute("SELECT DISTINCT document FROM cites WHERE ref IN temp.touched")} - touched
    if more:
        touched |= more
        touch(db, touched)
    by_rule: dict[str, list[Entry]] = {}
    for e in entries:
        by_rule.setdefault(e[0], []).append(e)
    out: list[Entry] = []
    for done, (rule_id, rule) in enumerate(rules, 1):
        kept = by_rule.get(rule_id, [])
        owned = getattr(rule, "owned", None)
        fresh: list[Entry] | None = None
        if owned is not None:
            tables.scoped, tables.kinds = True, frozenset(kinds)
            tables.kept_tags = frozenset(e[1][0] for e in kept if e[1])
            try:
                fresh = [(rule_id, owner, *p) for owner, p in owned(tables, options[rule_id])]
            except Unscoped:
                fresh = None
            finally:
                tables.scoped = False
        if fresh is None:
            out += _everything(tables, rule_id, rule, options[rule_id])
        else:
            out += [e for e in kept if e[1] is not None and not any(k in touched for k in e[1][1:])]
            out += fresh
        if progress is not None:
            progress(done, len(rules))
    return out


__all__ = ["answer"]
