"""The fast reader (libyaml's composer) and the located event reader agree
(issue 9: cold validate spent most of its time walking parse events in Python).

``load_located`` takes the fast path when it can vouch for a file and the
event path (``compose`` + ``construct``) otherwise; whichever it takes, a file
must read to the same values, the same position of every node and key, or the
same located error."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from factcheck import yamlio
from factcheck.errors import ClaimFileError
from factcheck.schema import schema_for

DATA = Path(__file__).parent / "data"
KINDS = ("claims", "references")


def event_read(text: str, kind: str) -> Any:
    """What the located event reader makes of ``text``: values and positions, or the error."""
    try:
        node = yamlio.compose(text, "f.yaml")
        if node is None:
            return ("empty",)
        located = yamlio.construct(node, schema_for(kind), "f.yaml")  # type: ignore[arg-type]
    except ClaimFileError as exc:
        return ("error", exc.message, exc.line, exc.column)
    return (located.data, located.values, located.keys)


def fast_read(text: str, kind: str) -> Any:
    """What the fast path makes of ``text``, or None when it hands the file over."""
    try:
        located = yamlio._construct_fast(text, schema_for(kind), "f.yaml")  # type: ignore[arg-type]
    except (yamlio._Fallback, ClaimFileError):
        return None
    if located is None:
        return ("empty",)
    return (located.data, located.values, located.keys)


def loaded(tmp_path: Path, text: str, kind: str) -> Any:
    """``load_located`` of ``text`` written to a file: values and positions, or the error."""
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        located = yamlio.load_located(path, schema_for(kind))  # type: ignore[arg-type]
    except ClaimFileError as exc:
        return ("error", exc.message, exc.line, exc.column)
    return (located.data, located.values, located.keys)


def project_files() -> list[Path]:
    return sorted(DATA.rglob("*.yaml"))


def test_the_fast_path_reads_every_project_file_as_the_event_reader_does() -> None:
    taken = 0
    for path in project_files():
        text = yamlio.read_text(path)
        for kind in KINDS:
            fast = fast_read(text, kind)
            if fast is not None:
                taken += 1
                # repr too: True and 1 are equal, and so are 1 and 1.0
                assert repr(fast) == repr(event_read(text, kind)), (path, kind)
    assert taken > len(project_files())  # the fast path is the usual one, not the exception


JUNK = [
    "&a ", "*a", "!!python/object:os.system ", "! ", "!!str ", "!!int ", "yes", "no", "on", "0123", "0x1F",
    "2022-01-01", "~", "null", "'", '"', ": ", "- ", "[", "]", "{", "}", "\n", "  ", "\t", "#", "|", ">", "? ",
    "\u0085", "\u2028", "1e999", ".inf", "&", "!", "*", "---\n", "...\n", "%YAML 1.1\n", "<<: ", "\x00", "🎉", "日本",
    "id: x\n", "1: a\n", "[a]: b\n",
]


def mutated(seed: int, count: int) -> list[tuple[str, str]]:
    rnd = random.Random(seed)
    files = [yamlio.read_text(p) for p in project_files()]
    out = []
    for _ in range(count):
        text = rnd.choice(files)
        for _ in range(rnd.randint(1, 3)):
            pos = rnd.randrange(len(text) + 1)
            roll = rnd.random()
            if roll < 0.5:
                text = text[:pos] + rnd.choice(JUNK) + text[pos:]
            elif roll < 0.8:
                text = text[:pos] + text[pos + rnd.randint(1, 5) :]
            else:
                lines = text.split("\n")
                i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
                text = "\n".join(lines)
        out.append((text, rnd.choice(KINDS)))
    return out


def test_mutated_files_read_alike_on_both_paths() -> None:
    taken = 0
    for text, kind in mutated(seed=9, count=1500):
        fast = fast_read(text, kind)
        if fast is not None:
            taken += 1
            assert repr(fast) == repr(event_read(text, kind)), text
    assert taken > 200  # mutations that stay valid YAML go the fast way


DOC = "document: {id: d, source: sources/d.txt}\n"
CLAIM = "claims:\n  - id: d-1\n    text: {text}\n    location: {{line: 1, column: 1, end_line: 1, end_column: 13}}\n"


@pytest.mark.parametrize(
    "text",
    [
        DOC + CLAIM.format(text="&a Hello"),  # an anchor never aliased
        DOC + "x: &a [1]\ny: *a\n" + CLAIM.format(text="Hello"),  # an alias
        DOC + CLAIM.format(text="!!python/object/apply:os.system [ls]"),
        DOC + CLAIM.format(text="!!str 12"),
        DOC + CLAIM.format(text="! Hello"),
        DOC + CLAIM.format(text="Hello").replace("text:", "id:"),  # a duplicate key
        DOC + "yes: 1\n" + CLAIM.format(text="Hello"),  # a key YAML 1.1 reads as a boolean
        DOC + "[a]: 1\n" + CLAIM.format(text="Hello"),  # a list as a key
        DOC + CLAIM.format(text="Hello") + "---\n" + DOC,  # two documents
        DOC + "claims: " + "[" * 100 + "]" * 100 + "\n",  # deeper than MAX_DEPTH
        DOC + CLAIM.format(text="'unterminated"),
        DOC + CLAIM.format(text="AT&T says 'wow!'"),  # & and ! as text: no fallback needed, same values
        DOC + CLAIM.format(text='"quoted: yes"') + '"no": quoted key\n',
    ],
)
def test_what_the_fast_path_cannot_vouch_for_is_read_as_before(tmp_path: Path, text: str) -> None:
    for kind in KINDS:
        assert repr(loaded(tmp_path, text, kind)) == repr(event_read(text, kind))


def test_anchors_aliases_and_tags_still_fail_where_they_stand(tmp_path: Path) -> None:
    anchor = loaded(tmp_path, DOC + CLAIM.format(text="&a Hello"), "claims")
    assert anchor[0] == "error" and "anchor &a" in anchor[1] and anchor[2:] == (4, 11)
    alias = loaded(tmp_path, DOC + "claims:\n  - id: d-1\n    text: x\n  - *c\n", "claims")
    assert alias[0] == "error" and "alias" in alias[1] and alias[2:] == (5, 5)
    duplicate = loaded(tmp_path, DOC + "document: {id: e}\n", "claims")
    assert duplicate[0] == "error" and "duplicate key" in duplicate[1] and duplicate[2:] == (2, 1)


def test_plain_files_do_not_walk_events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_events(text: str, path: str) -> None:
        raise AssertionError("the event reader ran")

    monkeypatch.setattr(yamlio, "compose", no_events)
    data = loaded(tmp_path, DOC + CLAIM.format(text="Hello world."), "claims")
    assert data[0]["claims"][0]["text"] == "Hello world."
    assert data[1][("claims", 0, "location", "end_column")] == (5, 61)
