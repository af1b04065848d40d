"""The cross-file rules' findings kept in the index and asked again only about
the keys a change touched (factcheck.checks.crossfile): after every kind of
change, and any sequence of them, `validate` says exactly what reading every
file says (FACTCHECK_NO_INDEX), and a change to a few claim files asks the
rules about the touched keys only."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_rows import CHANGES, Repo, _answers

from factcheck.checks import crossfile
from factcheck.facts import Unscoped

# --- changes that make (or mend) cross-file findings -------------------------------------


def move_positions(repo: Repo, rnd: random.Random) -> None:
    """A line above other claims (notes on the first claim): every later position moves, no id changes."""
    claim = repo.files[rnd.choice(repo.claim_files())]["claims"][0]
    if "notes" in claim:
        del claim["notes"]
    else:
        claim["notes"] = "Checked twice."


def duplicate_document(repo: Repo, rnd: random.Random) -> None:
    """A claims file takes another's document id (or its own back)."""
    a, b = rnd.sample(repo.claim_files(), 2) if len(repo.claim_files()) > 1 else (repo.claim_files()[0],) * 2
    doc = repo.files[a]["document"]
    doc["id"] = repo.files[b]["document"]["id"] if doc["id"] == Path(a).stem else Path(a).stem


def duplicate_claim_id(repo: Repo, rnd: random.Random) -> None:
    """A claim takes the id of another claim (anywhere) or of a reference."""
    claim = rnd.choice(repo.files[rnd.choice(repo.claim_files())]["claims"])
    claim["id"] = rnd.choice(repo.claim_ids() + repo.ref_ids()[:2])


def break_file(repo: Repo, rnd: random.Random) -> None:
    """A file that cannot be read appears (or goes) beside doc2's references or
    doc3's claims: its stem keeps the cross-file rules quiet about ids that
    might live in it."""
    path = repo.root / rnd.choice(["references/doc2.yml", "claims/doc3.yml"])
    if path.exists():
        path.unlink()
    else:
        path.write_text("claims: [unclosed\n", encoding="utf-8")


def cite_near_miss(repo: Repo, rnd: random.Random) -> None:
    """A cite one letter off a reference id (a hint), or a short form pointing nowhere."""
    rel = rnd.choice(repo.claim_files())
    claim = rnd.choice(repo.files[rel]["claims"])
    refs = [r for r in repo.ref_ids()] or ["x-ref-0"]
    claim["cites"] = [rnd.choice(refs) + "x"]


def relate_to_reference(repo: Repo, rnd: random.Random) -> None:
    """A relation targets a reference id (or a claim of the same document)."""
    claims = repo.files[rnd.choice(repo.claim_files())]["claims"]
    target = rnd.choice(repo.ref_ids() or ["nowhere"]) if rnd.random() < 0.5 else rnd.choice(claims)["id"]
    claims[0]["relations"] = [{"type": "contradicts", "target": target, "review": "unreviewed"}]


def unknown_document(repo: Repo, rnd: random.Random) -> None:
    """A references file names a document no claims file has (or its own back)."""
    if repo.ref_files():
        rel = rnd.choice(repo.ref_files())
        data = repo.files[rel]
        data["document"] = "nodoc" if data["document"] != "nodoc" else Path(rel).stem


VALIDATE_CHANGES: list[Callable[[Repo, random.Random], None]] = [
    move_positions, duplicate_document, duplicate_claim_id, break_file, cite_near_miss, relate_to_reference,
    unknown_document,
]
ALL = CHANGES + VALIDATE_CHANGES


def _validate(repo: Repo) -> list[list[str]]:
    return [["validate", "--format", "json", "--root", str(repo.root)]]


def _same(repo: Repo) -> list[tuple[int, str]]:
    truth = _answers(repo, _validate(repo), indexed=False)
    assert _answers(repo, _validate(repo), indexed=True) == truth
    return truth


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """How each cross-file answer was made: scoped runs, and the rules that were not scoped."""
    seen: dict[str, list[Any]] = {"scoped": [], "unscoped": []}
    real = crossfile._scoped

    def scoped(db: Any, tables: Any, rules: Any, *args: Any) -> Any:
        seen["scoped"].append(1)
        wrapped = []
        for rule_id, rule in rules:
            wrapped.append((rule_id, _Spy(rule_id, rule, seen)))
        return real(db, tables, wrapped, *args)

    monkeypatch.setattr(crossfile, "_scoped", scoped)
    return seen


class _Spy:
    """A rule whose ``owned`` notes when it gave up being scoped."""

    def __init__(self, rule_id: str, rule: Any, seen: dict[str, list[Any]]):
        self._id, self._rule, self._seen = rule_id, rule, seen
        if hasattr(rule, "owned"):
            self.owned = self._owned

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rule, name)

    def _owned(self, tables: Any, options: Any) -> Any:
        try:
            return list(self._rule.owned(tables, options))
        except Unscoped:
            if tables.scoped:
                self._seen["unscoped"].append(self._id)
            raise


@pytest.mark.parametrize("change", ALL, ids=[c.__name__ for c in ALL])
def test_after_each_kind_of_change_validate_says_what_the_files_say(tmp_path: Path, change: Any) -> None:
    repo = Repo(tmp_path)
    _same(repo)
    for seed in range(3):
        change(repo, random.Random(seed))
        repo.write()
        _same(repo)


def test_a_claim_file_change_asks_the_rules_about_its_keys_only(tmp_path: Path, asked: dict[str, list[Any]]) -> None:
    repo = Repo(tmp_path)
    _same(repo)
    assert asked["scoped"] == []  # nothing kept yet: every rule asked about everything
    # Positions move in doc3 (a line above its claims): no id changed.
    move_positions(repo, random.Random(0))
    repo.files["claims/doc3.yaml"]["claims"][0]["notes"] = "Checked."
    repo.write()
    _same(repo)
    assert asked["scoped"] == [1] and asked["unscoped"] == []
    # A claim id renamed: doc4's relation to it dangles (in an untouched file).
    asked["scoped"].clear()
    repo.files["claims/doc3.yaml"]["claims"][2]["id"] = "doc3-2-renamed"
    repo.write()
    truth = _same(repo)
    assert "dangling-relation" in truth[0][1] and "doc4.yaml" in truth[0][1]
    assert asked["scoped"] == [1] and asked["unscoped"] == []
    # And back: the finding goes.
    repo.files["claims/doc3.yaml"]["claims"][2]["id"] = "doc3-2"
    repo.write()
    assert "dangling-relation" not in _same(repo)[0][1]
    # A references file changed: dangling cites' hints offer every reference id.
    asked["unscoped"].clear()
    del repo.files["references/doc2.yaml"]["references"][0]
    repo.write()
    truth = _same(repo)
    assert "dangling-cite" in truth[0][1]
    assert asked["unscoped"] == ["dangling-cite"]


def test_a_text_edit_asks_no_cross_file_rule(tmp_path: Path, asked: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repo(tmp_path)
    _same(repo)
    tables: list[int] = []
    real = crossfile.Tables.rows

    def rows(self: Any, *args: Any) -> Any:
        tables.append(1)
        return real(self, *args)

    monkeypatch.setattr(crossfile.Tables, "rows", rows)
    repo.files["claims/doc2.yaml"]["claims"][3]["text"] += " Edited in place."
    repo.write()
    _same(repo)
    assert asked["scoped"] == [] and tables == []


def test_a_read_command_between_validates_leaves_the_journal_whole(tmp_path: Path) -> None:
    """`stats` reads a change into the index first: validate still sees it."""
    repo = Repo(tmp_path)
    _same(repo)
    repo.files["claims/doc3.yaml"]["claims"][2]["id"] = "doc3-2-renamed"
    repo.write()
    _answers(repo, [["stats", "--root", str(tmp_path)]], indexed=True)
    assert "dangling-relation" in _same(repo)[0][1]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(ALL), st.integers(0, 10**6), st.booleans()), min_size=1, max_size=5))
def test_any_sequence_of_changes_keeps_validate_true(changes: list[tuple[Any, int, bool]]) -> None:
    """Each change validated (or first read by `stats`, and validated after the next)."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repo(Path(tmp))
        _same(repo)
        for change, seed, read_first in changes:
            change(repo, random.Random(seed))
            repo.write()
            if read_first:
                _answers(repo, [["stats", "--root", tmp]], indexed=True)
            else:
                _same(repo)
        _same(repo)


def test_a_cite_turning_mistyped_quiets_the_citing_documents_unused_references(tmp_path: Path) -> None:
    """doc1 cites doc2-ref-1, then doc2-ref-1 goes: doc1 now has a mistyped
    cite, so doc1's own unused reference is no longer reported, though
    neither doc1's files nor its reference's id changed."""
    repo = Repo(tmp_path)
    for claim in repo.files["claims/doc1.yaml"]["claims"]:
        if claim.get("cites") == ["doc1-ref-1"]:
            claim.pop("cites")  # doc1-ref-1: never cited
    repo.files["claims/doc1.yaml"]["claims"][0]["cites"] = ["doc2-ref-1"]
    repo.write()
    assert "reference 'doc1-ref-1' is never cited" in _same(repo)[0][1]
    refs = repo.files["references/doc2.yaml"]["references"]
    repo.files["references/doc2.yaml"]["references"] = [r for r in refs if r["id"] != "doc2-ref-1"]
    repo.write()
    truth = _same(repo)[0][1]
    assert "dangling-cite" in truth and "doc1-ref-1" not in truth
    repo.files["references/doc2.yaml"]["references"] = refs
    repo.write()
    assert "doc1-ref-1" in _same(repo)[0][1]


def test_an_unreadable_file_quiets_the_findings_about_ids_it_might_hold(tmp_path: Path, asked: dict[str, list[Any]]) -> None:
    """doc4's relation to doc3-2 dangles; then a claims file named doc3 that
    cannot be read appears (doc3-2 might be in it): the finding goes, though
    no key of its own changed; the file mended, it comes back."""
    repo = Repo(tmp_path)
    repo.files["claims/doc3.yaml"]["claims"][2]["id"] = "doc3-2-renamed"
    repo.write()
    assert "dangling-relation" in _same(repo)[0][1]
    broken = tmp_path / "claims" / "doc3.yml"
    broken.write_text("claims: [unclosed\n", encoding="utf-8")
    assert "dangling-relation" not in _same(repo)[0][1]
    broken.unlink()
    assert "dangling-relation" in _same(repo)[0][1]
