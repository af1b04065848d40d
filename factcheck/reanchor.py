"""Claims follow their text when the source changes.

An article is revised: sentences are inserted, one is rewritten, one is cut.
The claims on disk carry review work (kind, notes, relations, hand-edited
cites) that must survive, but their ``location`` points into the old text.
``reanchor`` decides, claim by claim:

- **unchanged** or **moved**: the claim's text stands somewhere in the new
  source (markers ignored, whitespace collapsed, nearest the old place when
  it stands twice): its location follows the text, nothing else changes;
- **changed**: its text is gone but a sentence of the new text matches it at
  or above ``FUZZY_THRESHOLD`` (rapidfuzz ratio), or ``FUZZY_THRESHOLD_IN_PLACE``
  when the sentence stands where the claim stood (between the same
  neighbours that are still there): the claim takes the new
  wording, location, section, dates and quantities, keeps everything else,
  gets ``revision: changed`` and a note with the old text;
- **vanished**: nothing matches: the claim is kept as it was, with
  ``revision: vanished`` and a note, for a person to delete or re-anchor;
- new sentences become new claims, with ids never used in the file.

``locate`` is also what the ``anchored`` rule uses to say where a text now
stands, and what ``validate --fix`` applies.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from rapidfuzz import fuzz

from factcheck.errors import FileError
from factcheck.extract.markers import find_markers, strip_markers
from factcheck.model import Claim, ClaimFile, Span
from factcheck.store import Repository, load_file, write_claim_file
from factcheck.yamlio import read_text

# Below this a rewritten sentence is taken for another sentence, not a revision
# of the same one (rapidfuzz ratio, 0-100).  In its old place (between the
# same neighbours that still stand) a rewrite may go further: "The repairs cost
# 120 million dollars." -> "The repairs cost 135 million dollars, more than
# first planned." is 68.
FUZZY_THRESHOLD = 80.0
FUZZY_THRESHOLD_IN_PLACE = 60.0
_SPACE = re.compile(r"[\s\u00a0\u3000]")
_TRAILING_NUMBER = re.compile(r"-(\d+)$")


class SourceIndex:
    """A source text prepared for finding claim texts in it: markers removed,
    whitespace collapsed, every kept character mapped back to its offset."""

    def __init__(self, text: str):
        self.text = text
        self.lines = text.split("\n")
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        chars: list[str] = []
        offsets: list[int] = []
        pos = 0
        for m in [*find_markers(text), None]:
            stop = len(text) if m is None else m.start
            for i in range(pos, stop):
                ch = text[i]
                if _SPACE.match(ch):
                    if chars and chars[-1] == " ":
                        continue
                    ch = " "
                chars.append(ch)
                offsets.append(i)
            if m is not None:
                pos = m.end
        self.stripped = "".join(chars)
        self.offsets = offsets

    def span(self, start: int, end: int) -> Span:
        """The Span of ``text[start:end]`` (1-based, end column one past the end)."""
        line = bisect.bisect_right(self.line_starts, start) - 1
        last = max(start, end - 1)
        end_line = bisect.bisect_right(self.line_starts, last) - 1
        return Span(line + 1, start - self.line_starts[line] + 1, end_line + 1, last - self.line_starts[end_line] + 2)

    def locate(self, claim_text: str, near: Span | None = None) -> Span | None:
        """Where ``claim_text`` stands (the occurrence nearest ``near``), or None."""
        want = strip_markers(claim_text)
        if not want:
            return None
        found: list[Span] = []
        i = self.stripped.find(want)
        while i >= 0:
            found.append(self.span(self.offsets[i], self.offsets[i + len(want) - 1] + 1))
            i = self.stripped.find(want, i + 1)
        if not found:
            return None
        if near is None:
            return found[0]
        return min(found, key=lambda s: (abs(s.line - near.line), abs(s.column - near.column)))

    def stands_at(self, claim_text: str, span: Span) -> bool:
        """Whether the claim's text is what the source holds at ``span``."""
        lines = self.lines
        if not (1 <= span.line <= span.end_line <= len(lines)):
            return False
        if span.line == span.end_line:
            got = lines[span.line - 1][span.column - 1 : span.end_column - 1]
        else:
            got = "\n".join(
                [lines[span.line - 1][span.column - 1 :], *lines[span.line : span.end_line - 1], lines[span.end_line - 1][: span.end_column - 1]]
            )
        return strip_markers(got) == strip_markers(claim_text)


def _overlaps(a: Span, b: Span) -> bool:
    return not ((a.end_line, a.end_column) <= (b.line, b.column) or (b.end_line, b.end_column) <= (a.line, a.column))


def _note(old: str, line: str) -> str:
    return f"{old}\n{line}" if old else line


@dataclass(frozen=True)
class Reanchored:
    claims: tuple[Claim, ...]
    unchanged: tuple[str, ...]
    moved: tuple[str, ...]
    changed: tuple[str, ...]
    vanished: tuple[str, ...]
    added: tuple[str, ...]


def reanchor(
    old: Sequence[Claim], fresh: Sequence[Claim], text: str, *, new_id: Callable[[int], str], date: str
) -> Reanchored:
    """Fold a fresh extraction of a revised source into the claims on disk; see the module docstring."""
    index = SourceIndex(text)
    taken: set[int] = set()
    out: dict[str, Claim] = {}
    unchanged, moved, changed, vanished = [], [], [], []
    rest = []
    for c in old:
        span = c.location if index.stands_at(c.text, c.location) else index.locate(c.text, near=c.location)
        if span is None:
            rest.append(c)
            continue
        covering = [i for i, f in enumerate(fresh) if i not in taken and _overlaps(f.location, span)]
        taken.update(covering)
        # The extractor's span of the same sentence also covers its trailing
        # markers ([14] [要出典]): take it, so the claim reads as extracted.
        same = next((fresh[i] for i in covering if fresh[i].text == c.text), None)
        section = c.section
        if same is not None and span != c.location:
            span, section = same.location, same.section
        if span == c.location:
            unchanged.append(c.id)
            out[c.id] = c
        else:
            moved.append(c.id)
            out[c.id] = dataclasses.replace(c, location=span, section=section)
    # Each unmatched claim's old place in the new text: after the new span of the
    # nearest earlier claim that still stands, before that of the nearest later one.
    in_order = sorted(old, key=lambda c: (c.location.line, c.location.column))
    place: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {}
    for k, c in enumerate(in_order):
        if c.id in out:
            continue
        prev = next((out[p.id].location for p in reversed(in_order[:k]) if p.id in out), None)
        after = next((out[p.id].location for p in in_order[k + 1 :] if p.id in out), None)
        place[c.id] = (
            (prev.end_line, prev.end_column) if prev else (0, 0),
            (after.line, after.column) if after else (10**9, 0),
        )
    for c in rest:
        best: tuple[float, int] | None = None
        low, high = place.get(c.id, ((0, 0), (0, 0)))
        for i, f in enumerate(fresh):
            if i in taken:
                continue
            score = fuzz.ratio(strip_markers(c.text), f.text)
            in_place = low <= (f.location.line, f.location.column) and (f.location.end_line, f.location.end_column) <= high
            threshold = FUZZY_THRESHOLD_IN_PLACE if in_place else FUZZY_THRESHOLD
            if score >= threshold and (best is None or score > best[0]):
                best = (score, i)
        if best is None:
            vanished.append(c.id)
            note = f"source revised {date}: this text is no longer in it (location is where it stood before)"
            out[c.id] = dataclasses.replace(c, revision="vanished", notes=_note(c.notes, note))
            continue
        score, i = best
        taken.add(i)
        f = fresh[i]
        changed.append(c.id)
        note = f'source revised {date}: the text was "{c.text}" ({score:.0f}% alike)'
        out[c.id] = dataclasses.replace(
            c, text=f.text, location=f.location, section=f.section, dates=f.dates, quantities=f.quantities,
            revision="changed", notes=_note(c.notes, note),
        )
    used = {c.id for c in old}
    n = max((int(m.group(1)) for i in used if (m := _TRAILING_NUMBER.search(i))), default=0) + 1
    added = []
    for i, f in enumerate(fresh):
        if i in taken:
            continue
        while new_id(n) in used:
            n += 1
        claim = dataclasses.replace(f, id=new_id(n))
        used.add(claim.id)
        added.append(claim.id)
        out[claim.id] = claim
    gone = set(vanished)
    ordered = sorted((c for c in out.values() if c.id not in gone), key=lambda c: (c.location.line, c.location.column))
    # A vanished claim's location is in the old text: it goes after the claim
    # that preceded it there, so the file still reads in the source's order.
    for k, c in enumerate(in_order):
        if c.id in gone:
            before = next((p.id for p in reversed(in_order[:k]) if p.id not in gone), None)
            at = 0 if before is None else next(j for j, x in enumerate(ordered) if x.id == before) + 1
            while at < len(ordered) and ordered[at].id in gone:
                at += 1
            ordered.insert(at, out[c.id])
    return Reanchored(tuple(ordered), tuple(unchanged), tuple(moved), tuple(changed), tuple(vanished), tuple(added))


# --- validate --fix -------------------------------------------------------------


@dataclass(frozen=True)
class Relocation:
    """A claim whose location was moved to where its text stands."""

    path: Path
    claim: str
    old: Span
    new: Span


def fix_locations(repo: Repository, paths: Sequence[Path] | None = None) -> list[Relocation]:
    """Move every claim whose text stands elsewhere in its source to that place.

    Only claim files that read without a fault are touched; claims whose
    text is nowhere in the source, or marked ``revision: vanished``, are left
    for a person (the anchored rule still reports the former).
    """
    done: list[Relocation] = []
    wanted = {p.resolve() for p in paths} if paths is not None else None
    for path in repo.paths("claims"):
        if wanted is not None and path.resolve() not in wanted:
            continue
        loaded = load_file(path, "claims")
        cf = loaded.claims_file
        if not loaded.ok or cf is None:
            continue
        try:
            index = SourceIndex(read_text(repo.root / cf.document.source))
        except (OSError, FileError):
            continue
        claims, moved = [], []
        for c in cf.claims:
            if c.revision != "vanished" and not index.stands_at(c.text, c.location):
                span = index.locate(c.text, near=c.location)
                if span is not None:
                    moved.append(Relocation(path, c.id, c.location, span))
                    c = dataclasses.replace(c, location=span)
            claims.append(c)
        if moved:
            write_claim_file(path, ClaimFile(cf.document, tuple(claims)))
            done.extend(moved)
    return done
