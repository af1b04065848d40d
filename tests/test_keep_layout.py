"""Writes keep comments, key order and quoting of what they do not change (yamlpatch)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import store
from factcheck.model import Claim, ClaimFile, DateMention, Document, Reference, ReferenceFile, Relation, Span

HAND_KEPT = """\
# yaml-language-server: $schema=../schema/claims.schema.json
# Kept by hand since March.
document:
  id: d   # the short id
  source: sources/d.txt
  title: "Quoted title"
claims:
  # first one
  - id: d-001
    text: 'One.'
    location: {line: 1, column: 1, end_line: 1, end_column: 5}
  # TODO ask the press office
  - text: Two.
    id: d-002
    location:
      line: 2
      column: 1
      end_line: 2
      end_column: 5
    relations:
      - type: contradicts
        target: x-001
        note: |
          first line
          second line
        # the detector's guess
      - {type: supports, target: x-002, review: accepted}   # inline
    notes: keep me  # trailing
# end of file
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "claims" / "d.yaml"
    p.parent.mkdir()
    p.write_text(HAND_KEPT, encoding="utf-8")
    return p


def _write(path: Path, change) -> str:  # type: ignore[no-untyped-def]
    cf = store.read_claim_file(path)
    new = change(cf)
    assert store.write_claim_file(path, new) is True
    assert store.read_claim_file(path) == new  # the edit says exactly what was asked
    return path.read_text(encoding="utf-8")


def _lines_kept(before: str, after: str, *, except_: tuple[str, ...] = ()) -> None:
    for line in before.splitlines():
        if not any(x in line for x in except_):
            assert line in after.splitlines(), f"lost: {line!r}\n{after}"


def test_an_unchanged_model_leaves_the_file_byte_for_byte(path: Path) -> None:
    assert _write(path, lambda cf: cf) == HAND_KEPT


def test_a_new_relation_and_a_review_keep_every_other_line(path: Path) -> None:
    def change(cf: ClaimFile) -> ClaimFile:
        c2 = cf.claims[1]
        rels = (dataclasses.replace(c2.relations[0], review="rejected", reviewed="2026-11-29"), c2.relations[1],
                Relation("duplicates", "y-001", "same"))
        return dataclasses.replace(cf, claims=(cf.claims[0], dataclasses.replace(c2, relations=rels)))

    after = _write(path, change)
    _lines_kept(HAND_KEPT, after)
    assert "        review: rejected\n        reviewed: '2026-11-29'\n" in after
    assert "      - type: duplicates\n        target: y-001\n        note: same\n        review: unreviewed\n" in after


def test_an_inserted_claim_goes_in_order_and_comments_stay_with_their_claim(path: Path) -> None:
    def change(cf: ClaimFile) -> ClaimFile:
        new = Claim("d-003", "Between.", Span(2, 1, 2, 9), cites=("r1",))
        moved = dataclasses.replace(cf.claims[1], location=Span(3, 1, 3, 5))
        return dataclasses.replace(cf, claims=(cf.claims[0], new, moved))

    after = _write(path, change)
    _lines_kept(HAND_KEPT, after, except_=("line: 2", "end_line: 2"))
    assert after.index("id: d-003") < after.index("# TODO ask the press office") < after.index("text: Two.")
    assert "      line: 3\n" in after and "    cites: [r1]\n" in after


def test_document_fields_are_edited_in_place(path: Path) -> None:
    after = _write(path, lambda cf: dataclasses.replace(cf, document=dataclasses.replace(cf.document, title="New", url="https://e.org/a")))
    assert "  id: d   # the short id\n  source: sources/d.txt\n  title: New\n  url: https://e.org/a\n" in after


def test_a_field_back_to_its_default_is_removed_alone(path: Path) -> None:
    after = _write(path, lambda cf: dataclasses.replace(cf, claims=(cf.claims[0], dataclasses.replace(cf.claims[1], notes=""))))
    assert "keep me" not in after
    _lines_kept(HAND_KEPT, after, except_=("keep me",))


def test_reference_files_keep_their_comments_too(tmp_path: Path) -> None:
    p = tmp_path / "references" / "d.yaml"
    p.parent.mkdir()
    p.write_text("document: d\nreferences:\n  # from the print edition\n  - id: d-r1\n    title: 'A'\n", encoding="utf-8")
    rf = store.read_reference_file(p)
    new = ReferenceFile("d", (*rf.references, Reference("d-r2", label="2", title="B")))
    assert store.write_reference_file(p, new) is True
    text = p.read_text(encoding="utf-8")
    assert text.startswith("document: d\nreferences:\n  # from the print edition\n  - id: d-r1\n    title: 'A'\n  - id: d-r2\n")


def test_a_layout_beyond_targeted_edits_is_rewritten_whole_and_says_so(tmp_path: Path) -> None:
    # A whole file in flow style has no entries to edit: the write falls back
    # to a fresh rendering, still exactly the model, and reports it.
    p = tmp_path / "claims" / "d.yaml"
    p.parent.mkdir()
    p.write_text("{document: {id: d, source: sources/d.txt}, claims: [{id: d-1, text: t, location: {line: 1, column: 1, end_line: 1, end_column: 2}}]}\n")
    cf = store.read_claim_file(p)
    new = dataclasses.replace(cf, claims=(dataclasses.replace(cf.claims[0], notes="n"),))
    assert store.write_claim_file(p, new) is False
    assert store.read_claim_file(p) == new


def test_a_changed_flow_list_is_replaced_as_one_entry(tmp_path: Path) -> None:
    p = tmp_path / "claims" / "d.yaml"
    p.parent.mkdir()
    p.write_text("# mine\ndocument: {id: d, source: sources/d.txt}\nclaims: [{id: d-1, text: t, location: {line: 1, column: 1, end_line: 1, end_column: 2}}]\n")
    cf = store.read_claim_file(p)
    new = dataclasses.replace(cf, claims=(dataclasses.replace(cf.claims[0], notes="n"),))
    assert store.write_claim_file(p, new) is True
    text = p.read_text()
    assert text.startswith("# mine\ndocument: {id: d, source: sources/d.txt}\nclaims:\n  - id: d-1\n")


# --- any edit of any claim file keeps the comments people wrote ------------------

_TEXTS = st.sampled_from(["It opened.", "no", "2022-07-13", "0123", "a: b", "#not a comment", "'quoted'", "x\ny", "数千人が参加した。", "[1] note", ""])
_NOTES = st.sampled_from(["", "checked", "yes", "two\nlines", "null", "- dash"])


@st.composite
def _claim_files(draw: st.DrawFn) -> ClaimFile:
    n = draw(st.integers(1, 5))
    claims = []
    for i in range(n):
        rels = tuple(
            Relation(draw(st.sampled_from(["contradicts", "supports", "duplicates"])), f"x-{j}",
                     draw(_NOTES), draw(st.sampled_from(["unreviewed", "accepted", "rejected"])))
            for j in range(draw(st.integers(0, 2)))
        )
        claims.append(Claim(f"d-{i:03d}", draw(_TEXTS) or "t", Span(i + 1, 1, i + 1, 3), notes=draw(_NOTES), relations=rels,
                            dates=(DateMention("2019", "2019"),) if draw(st.booleans()) else ()))
    return ClaimFile(Document("d", "sources/d.txt", title=draw(_TEXTS)), tuple(claims))


def _mutate(cf: ClaimFile, data: st.DataObject) -> ClaimFile:
    claims = list(cf.claims)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(claims) - 1))
        c = claims[i]
        how = data.draw(st.sampled_from(["notes", "review", "relation", "insert", "location", "text", "drop-relations"]))
        if how == "notes":
            claims[i] = dataclasses.replace(c, notes=data.draw(_NOTES))
        elif how == "review" and c.relations:
            claims[i] = dataclasses.replace(c, relations=(dataclasses.replace(c.relations[0], review="rejected", reviewed="2026-11-29"), *c.relations[1:]))
        elif how == "relation":
            claims[i] = dataclasses.replace(c, relations=(*c.relations, Relation("supports", f"y-{len(c.relations)}", data.draw(_NOTES))))
        elif how == "insert":
            claims.insert(i, Claim(f"d-{100 + i}", data.draw(_TEXTS) or "t", Span(i + 1, 1, i + 1, 2)))
        elif how == "location":
            claims[i] = dataclasses.replace(c, location=Span(9, 9, 9, 10))
        elif how == "text":
            claims[i] = dataclasses.replace(c, text=data.draw(_TEXTS) or "u")
        elif how == "drop-relations":
            claims[i] = dataclasses.replace(c, relations=())
    return dataclasses.replace(cf, claims=tuple(claims))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cf=_claim_files(), data=st.data())
def test_any_edit_keeps_every_comment_line(tmp_path: Path, cf: ClaimFile, data: st.DataObject) -> None:
    p = tmp_path / "claims" / "d.yaml"
    p.parent.mkdir(exist_ok=True)
    p.unlink(missing_ok=True)
    store.write_claim_file(p, cf)
    # A person's comments above each claim and at the end of the file.
    text = p.read_text(encoding="utf-8")
    for c in cf.claims:
        text = text.replace(f"  - id: {c.id}\n", f"  # about {c.id}\n  - id: {c.id}\n", 1)
    text += "# the end\n"
    p.write_text(text, encoding="utf-8")
    new = _mutate(cf, data)
    assert store.write_claim_file(p, new) is True
    assert store.read_claim_file(p) == new
    after = p.read_text(encoding="utf-8")
    for c in cf.claims:
        assert f"  # about {c.id}\n  - id: {c.id}\n" in after
    assert after.endswith("# the end\n")
