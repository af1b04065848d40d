"""Revised sources: claims follow their text (`extract --update`, `validate --fix`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.extract import claim_id
from factcheck.model import Claim, Relation, Span
from factcheck.reanchor import SourceIndex, reanchor
from factcheck.repo_init import init_repository
from factcheck.store import read_claim_file

runner = CliRunner()
DATA = Path(__file__).parent / "data" / "life"


def _claim(cid: str, text: str, span: Span, **kw: object) -> Claim:
    return Claim(id=cid, text=text, location=span, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "source, text, near, expect",
    [
        ("It opened.[3] It  closed.\n", "It closed.", None, Span(1, 15, 1, 26)),
        ("A.\nIt opened[3] in 2019.\n", "It opened in 2019.", None, Span(2, 1, 2, 22)),
        ("Same.\nOther.\nSame.\n", "Same.", Span(3, 1, 3, 6), Span(3, 1, 3, 6)),
        ("Same.\nOther.\nSame.\n", "Same.", Span(1, 1, 1, 6), Span(1, 1, 1, 6)),
        ("Nothing here.\n", "It closed.", None, None),
    ],
)
def test_locate_ignores_markers_and_whitespace_and_prefers_the_old_place(
    source: str, text: str, near: Span | None, expect: Span | None
) -> None:
    index = SourceIndex(source)
    found = index.locate(text, near=near)
    assert found == expect
    if found is not None:
        assert index.stands_at(text, found)


def test_reanchor_moves_changes_vanishes_and_adds() -> None:
    old = [
        _claim("d-001", "First stays.", Span(1, 1, 1, 13), notes="checked"),
        _claim("d-002", "The repairs cost 120 million dollars.", Span(1, 14, 1, 51), relations=(Relation("supports", "x-1"),)),
        _claim("d-003", "Third moves down.", Span(1, 52, 1, 69), kind="opinion"),
        _claim("d-004", "This one is cut.", Span(2, 1, 2, 17)),
    ]
    new_text = "First stays. Inserted here. The repairs cost 135 million dollars, more than planned.\nThird moves down.\n"
    fresh = [
        _claim("d-001", "First stays.", Span(1, 1, 1, 13)),
        _claim("d-002", "Inserted here.", Span(1, 14, 1, 28)),
        _claim("d-003", "The repairs cost 135 million dollars, more than planned.", Span(1, 29, 1, 86)),
        _claim("d-004", "Third moves down.", Span(2, 1, 2, 18)),
    ]
    r = reanchor(old, fresh, new_text, new_id=lambda n: claim_id("d", n), date="2026-11-29")
    by_id = {c.id: c for c in r.claims}
    assert r.unchanged == ("d-001",) and r.moved == ("d-003",)
    assert r.changed == ("d-002",) and r.vanished == ("d-004",) and r.added == ("d-005",)
    assert by_id["d-001"] == old[0]  # untouched, notes and all
    assert by_id["d-003"].location == Span(2, 1, 2, 18) and by_id["d-003"].kind == "opinion"
    changed = by_id["d-002"]
    assert changed.text.startswith("The repairs cost 135") and changed.revision == "changed"
    assert changed.relations == old[1].relations and "120 million dollars" in changed.notes
    assert by_id["d-004"].revision == "vanished" and by_id["d-004"].location == old[3].location
    assert by_id["d-005"].text == "Inserted here."
    assert [c.id for c in r.claims] == ["d-001", "d-005", "d-002", "d-003", "d-004"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    init_repository(tmp_path)
    result = runner.invoke(app, ["extract", str(DATA / "bridge.txt"), "--id", "bridge", "--kind", "news", "--lang", "en", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output
    return tmp_path


def test_a_different_source_without_update_is_refused_with_the_way_out(repo: Path) -> None:
    result = runner.invoke(app, ["extract", str(DATA / "bridge-revised.txt"), "--id", "bridge", "--root", str(repo)])
    assert result.exit_code == 2
    assert "add --update" in result.stderr
    assert (repo / "sources" / "bridge.txt").read_bytes() == (DATA / "bridge.txt").read_bytes()


def test_update_of_an_unknown_document_is_refused(repo: Path) -> None:
    result = runner.invoke(app, ["extract", str(DATA / "council.txt"), "--id", "council", "--update", "--root", str(repo)])
    assert result.exit_code == 2 and "no document 'council' yet" in result.stderr


def test_update_re_anchors_and_lists_what_to_review(repo: Path) -> None:
    result = runner.invoke(
        app, ["extract", str(DATA / "bridge-revised.txt"), "--id", "bridge", "--update", "--url", "https://news.example/bridge", "--root", str(repo)]
    )
    assert result.exit_code == 0, result.output
    assert "review changed (text rewritten; revision: changed): bridge-002" in result.stderr
    assert "review vanished (kept; revision: vanished): bridge-005" in result.stderr
    assert "document record updated: url" in result.stderr
    assert (repo / "sources" / "bridge.txt").read_bytes() == (DATA / "bridge-revised.txt").read_bytes()
    cf = read_claim_file(repo / "claims" / "bridge.yaml")
    assert cf.document.url == "https://news.example/bridge" and cf.document.kind == "news"
    assert runner.invoke(app, ["validate", "--root", str(repo)]).exit_code == 0


def test_explicit_options_update_the_document_on_a_plain_re_extraction(repo: Path) -> None:
    result = runner.invoke(app, ["extract", str(DATA / "bridge.txt"), "--id", "bridge", "--kind", "blog", "--title", "T", "--root", str(repo)])
    assert result.exit_code == 0, result.output
    doc = read_claim_file(repo / "claims" / "bridge.yaml").document
    assert (doc.kind, doc.title, doc.language) == ("blog", "T", "en")


def test_anchored_says_where_the_text_stands_and_fix_moves_it(repo: Path) -> None:
    source = repo / "sources" / "bridge.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    source.write_text("\n".join([*lines[:2], "A paragraph inserted by hand.", "", *lines[2:]]), encoding="utf-8")
    before = runner.invoke(app, ["validate", "--root", str(repo)])
    assert before.exit_code == 1
    assert "the text stands elsewhere in sources/bridge.txt, at 7:1-7:48 (factcheck validate --fix moves it)" in before.stdout
    assert "is outside sources/bridge.txt (12 lines); the text stands at 5:1-5:78" in before.stdout
    fixed = runner.invoke(app, ["validate", "--fix", "--root", str(repo)])
    assert fixed.exit_code == 0, fixed.output
    assert "fixed claims/bridge.yaml: bridge-004 location 5:1-5:51 -> 7:1-7:48 (its text moved)" in fixed.stderr.replace(str(repo) + "/", "")
    again = runner.invoke(app, ["validate", "--fix", "--root", str(repo)])
    assert "nothing to fix" in again.stderr


def test_a_vanished_claim_is_not_an_anchoring_error(repo: Path) -> None:
    path = repo / "claims" / "bridge.yaml"
    shutil.copyfile(DATA / "bridge-revised.txt", repo / "sources" / "bridge.txt")
    text = path.read_text(encoding="utf-8")
    # Mark the claim the revision cut as vanished by hand, as extract --update would.
    text = text.replace("    text: Critics said the tolls were too high.\n", "    text: Critics said the tolls were too high.\n    revision: vanished\n")
    path.write_text(text, encoding="utf-8")
    runner.invoke(app, ["validate", "--fix", "--root", str(repo)])
    out = runner.invoke(app, ["validate", "--root", str(repo)]).stdout
    assert "Critics" not in out and "bridge-005" not in out


def test_a_moved_claim_takes_the_extractors_span_with_its_markers() -> None:
    old = [_claim("d-001", "It closed.", Span(1, 1, 1, 15), section="Old")]
    fresh = [_claim("d-001", "Intro.", Span(1, 1, 1, 7)), _claim("d-002", "It closed.", Span(2, 1, 2, 15), section="History")]
    r = reanchor(old, fresh, "Intro.\nIt closed.[3]\n", new_id=lambda n: claim_id("d", n), date="2026-11-29")
    moved = next(c for c in r.claims if c.id == "d-001")
    assert (moved.location, moved.section) == (Span(2, 1, 2, 15), "History")
    assert r.added == ("d-002",) and [c.text for c in r.claims] == ["Intro.", "It closed."]
