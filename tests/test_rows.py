"""The warm rows kept up to date file by file (factcheck.rows): after each
kind of change, `list`, `stats`, `search` and `show` answer exactly what
reading every file answers (FACTCHECK_NO_INDEX), while only the claims the
change can touch are derived again."""

from __future__ import annotations

import copy
import os
import random
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck import index, options, rows, store, warm
from factcheck.cli import app

runner = CliRunner()
DOCS = 6
CLAIMS = 8
REFS = 4


# --- a small repository as data -------------------------------------------------------


def _doc(d: int) -> str:
    return f"doc{d}"


def _claims(d: int) -> dict[str, Any]:
    doc = _doc(d)
    entries: list[dict[str, Any]] = []
    for i in range(CLAIMS):
        text = f"In 20{10 + i}, {doc} sent {100 + i} soldiers to the front, report {i} said." if d % 2 else f"20{10 + i}年、{doc}は兵士{100 + i}人を派遣した（第{i}報）。"
        entry: dict[str, Any] = {"id": f"{doc}-{i}", "text": text, "location": {"line": i + 1, "column": 1, "end_line": i + 1, "end_column": len(text) + 1}}
        if i % 3 != 1:
            entry["cites"] = [f"{doc}-ref-{i % REFS}"]
        if i % 4 == 2:
            entry["disputes"] = [{"marker": "[dubious]", "kind": "dubious"}]
        if i % 5 == 4:
            entry["kind"] = "opinion"
        if i % 6 == 5:
            entry["covered_by"] = [f"{doc}-ref-{(i + 2) % REFS}"]
        if d and i % 2 == 0:
            review = ("accepted", "unreviewed", "rejected")[(i // 2) % 3]
            entry["relations"] = [{"type": "contradicts" if i % 4 == 0 else "supports", "target": f"{_doc(d - 1)}-{i}", "review": review}]
        entries.append(entry)
    document = {"id": doc, "source": f"sources/{doc}.txt", "title": f"Title {d}", "kind": "news",
                "language": "en" if d % 2 else "ja", "retrieved": "2024-11-01"}
    if d % 3 == 2:
        document["banners"] = ["This article needs additional citations."]
    return {"document": document, "claims": entries}


def _references(d: int) -> dict[str, Any]:
    doc = _doc(d)
    refs: list[dict[str, Any]] = []
    for r in range(REFS):
        ref: dict[str, Any] = {"id": f"{doc}-ref-{r}", "label": str(r + 1), "type": "article-newspaper",
                               "title": f"Report {r} on {doc}", "container-title": "Wikipedia" if (d + r) % 5 == 0 else "The Daily"}
        if r >= REFS - 2:  # a short form, rated as its full form: in this file, or in the next document's
            ref["custom"] = {"see": f"{doc if r == REFS - 1 else _doc((d + 1) % DOCS)}-ref-0"}
            del ref["container-title"]
        refs.append(ref)
    return {"document": doc, "references": refs}


class Repo:
    """The repository's files as data, written back after each change."""

    def __init__(self, root: Path):
        self.root = root
        self.files: dict[str, dict[str, Any]] = {}
        for d in range(DOCS):
            self.files[f"claims/{_doc(d)}.yaml"] = _claims(d)
            self.files[f"references/{_doc(d)}.yaml"] = _references(d)
        self.config: str | None = None
        self.written: dict[str, dict[str, Any]] = {}
        for sub in ("claims", "references", "sources"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        self.write()

    def write(self) -> None:
        for rel in set(self.written) - set(self.files):
            (self.root / rel).unlink()
        for rel, data in self.files.items():
            if self.written.get(rel) != data:
                _bump(self.root / rel, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
                if rel.startswith("claims/"):
                    source = self.root / data["document"]["source"]
                    source.write_text("".join(c["text"] + "\n" for c in data["claims"]), encoding="utf-8")
        self.written = copy.deepcopy(self.files)
        config = self.root / ".factcheck.yaml"
        if self.config is None:
            config.unlink(missing_ok=True)
        elif not config.exists() or config.read_text(encoding="utf-8") != self.config:
            _bump(config, self.config)

    def claim_files(self) -> list[str]:
        return sorted(r for r in self.files if r.startswith("claims/"))

    def ref_files(self) -> list[str]:
        return sorted(r for r in self.files if r.startswith("references/"))

    def claim_ids(self) -> list[str]:
        return [c["id"] for r in self.claim_files() for c in self.files[r]["claims"]]

    def ref_ids(self) -> list[str]:
        return [x["id"] for r in self.ref_files() for x in self.files[r]["references"]]


def _bump(path: Path, text: str) -> None:
    """Write ``text`` with a modification time that surely differs."""
    old = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(old + 10**9, old + 10**9))


@pytest.fixture(autouse=True)
def incremental(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows derived again file by file however many files a change touches
    (a small repository would otherwise often be made anew)."""
    monkeypatch.setattr(rows, "_ALL_FROM", 1.01)


# --- the changes ------------------------------------------------------------------------


def edit_text(repo: Repo, rnd: random.Random) -> None:
    claim = rnd.choice(repo.files[rnd.choice(repo.claim_files())]["claims"])
    claim["text"] = claim["text"] + " Edited."


def cite_elsewhere(repo: Repo, rnd: random.Random) -> None:
    """A claim cites a reference of another document (or one no file has)."""
    claim = rnd.choice(repo.files[rnd.choice(repo.claim_files())]["claims"])
    claim["cites"] = [rnd.choice([*repo.ref_ids(), "nowhere-ref"])]


def uncite(repo: Repo, rnd: random.Random) -> None:
    claim = rnd.choice(repo.files[rnd.choice(repo.claim_files())]["claims"])
    claim.pop("cites", None)


def drop_reference(repo: Repo, rnd: random.Random) -> None:
    if repo.ref_files():
        refs = repo.files[rnd.choice(repo.ref_files())]["references"]
        if len(refs) > 1:
            refs.pop(rnd.randrange(len(refs)))


def drop_references_file(repo: Repo, rnd: random.Random) -> None:
    if repo.ref_files():
        del repo.files[rnd.choice(repo.ref_files())]


def rate_unreliable(repo: Repo, rnd: random.Random) -> None:
    """A full form turns unreliable: its short forms' citers too."""
    if repo.ref_files():
        refs = repo.files[rnd.choice(repo.ref_files())]["references"]
        refs[0]["container-title"] = rnd.choice(["Wikipedia", "The Daily", "Reddit"])


def duplicate_reference(repo: Repo, rnd: random.Random) -> None:
    """A references file (new, first by name) defines an id another file defines: the first wins."""
    ident = rnd.choice(repo.ref_ids()) if repo.ref_ids() else "x-ref"
    repo.files["references/aaa.yaml"] = {"document": "aaa", "references": [
        {"id": ident, "label": "99", "type": "webpage", "title": "A copy", "container-title": "Reddit"}]}


def add_claims_file(repo: Repo, rnd: random.Random) -> None:
    """A new document, somewhere in the order, with a claim sharing an id and relations into others."""
    name = rnd.choice(["a-first", "doc2b", "zz-last"])
    ids = repo.claim_ids()
    doc = {"id": name, "source": f"sources/{name}.txt", "title": f"New {name}", "kind": "blog", "language": "en",
           "retrieved": "2024-11-02"}
    claims: list[dict[str, Any]] = [
        {"id": f"{name}-1", "text": "A new claim.", "location": {"line": 1, "column": 1, "end_line": 1, "end_column": 13},
         "relations": [{"type": "contradicts", "target": rnd.choice(ids), "review": rnd.choice(["accepted", "unreviewed"])}]},
        {"id": rnd.choice(ids), "text": "A claim with a taken id.", "location": {"line": 2, "column": 1, "end_line": 2, "end_column": 25},
         "cites": [rnd.choice([*repo.ref_ids(), "nowhere-ref"])],
         "relations": [{"type": "contradicts", "target": rnd.choice(ids), "review": "accepted"}]},
    ]
    repo.files[f"claims/{name}.yaml"] = {"document": doc, "claims": claims}


def share_document(repo: Repo, rnd: random.Random) -> None:
    """A new claims file (first, in between or last by name) gives a document id another file gives:
    `show` of either file's claims reads the first file's document (its source, its banners)."""
    name = rnd.choice(["a-shared", "doc3b", "zz-shared"])
    doc = dict(rnd.choice([repo.files[r] for r in repo.claim_files()])["document"])
    doc.update(source=f"sources/{name}.txt", banners=[f"Banner of {name}."])
    repo.files[f"claims/{name}.yaml"] = {"document": doc, "claims": [
        {"id": f"{name}-1", "text": "A claim of a shared document.", "location": {"line": 1, "column": 1, "end_line": 1, "end_column": 30},
         "relations": [{"type": "supports", "target": rnd.choice(repo.claim_ids()), "review": "unreviewed"}]}]}


def drop_claims_file(repo: Repo, rnd: random.Random) -> None:
    if len(repo.claim_files()) > 1:
        del repo.files[rnd.choice(repo.claim_files())]


def rename_claim(repo: Repo, rnd: random.Random) -> None:
    """A claim's id changes: relations targeting it from other files now point nowhere."""
    claim = rnd.choice(repo.files[rnd.choice(repo.claim_files())]["claims"])
    claim["id"] = claim["id"] + "-renamed"


def review(repo: Repo, rnd: random.Random) -> None:
    for claim in repo.files[rnd.choice(repo.claim_files())]["claims"]:
        for relation in claim.get("relations", []):
            relation["review"] = rnd.choice(["accepted", "unreviewed", "rejected"])
            relation["type"] = "contradicts"


def relate_within(repo: Repo, rnd: random.Random) -> None:
    files = [f for f in repo.claim_files() if len(repo.files[f]["claims"]) >= 2]  # share_document's has one
    if not files:
        return
    claims = repo.files[rnd.choice(files)]["claims"]
    a, b = rnd.sample(claims, 2)
    a["relations"] = [{"type": "contradicts", "target": b["id"], "review": "accepted", "within_document": rnd.random() < 0.5}]


def rename_file(repo: Repo, rnd: random.Random) -> None:
    """A claims file moves: its place in the corpus order changes."""
    rel = rnd.choice(repo.claim_files())
    repo.files["claims/0-" + rel.split("/")[1]] = repo.files.pop(rel)


def configure(repo: Repo, rnd: random.Random) -> None:
    """The configuration rates The Daily unreliable (or not), sets a default format (or not)."""
    repo.config = rnd.choice([
        None,
        "reliability:\n  sources:\n    - {name: The Daily, rating: generally-unreliable, names: [The Daily]}\n",
        "format: {list: json}\n",
    ])


CHANGES: list[Callable[[Repo, random.Random], None]] = [
    edit_text, cite_elsewhere, uncite, drop_reference, drop_references_file, rate_unreliable, duplicate_reference,
    add_claims_file, share_document, drop_claims_file, rename_claim, review, relate_within, rename_file, configure,
]


# --- comparing --------------------------------------------------------------------------


def _commands(repo: Repo) -> list[list[str]]:
    ids = repo.claim_ids()
    root = ["--root", str(repo.root)]
    return [
        ["list", "--format", "json", *root],
        ["list", "--status", "contradicted", "--status", "weakly-sourced", "--format", "ids", *root],
        ["list", "--status", "sourced", "--format", "json", *root],  # one status: its runs
        ["list", "--status", "unsourced", "--format", "json", *root],
        ["list", *root],
        ["stats", "--format", "json", *root],
        ["search", "兵士", "--format", "json", "--limit", "0", *root],
        ["search", "soldiers", "--format", "json", *root],
        ["show", ids[len(ids) // 2], "--format", "json", *root],
    ]


def _answers(repo: Repo, commands: list[list[str]], *, indexed: bool) -> list[tuple[int, str]]:
    env = {index.NO_INDEX_ENV: None if indexed else "1", store.ROOT_ENV: None, "COLUMNS": "200"}
    out = []
    for command in commands:
        result = runner.invoke(app, command, env=env)
        out.append((result.exit_code, result.stdout))
    return out


def _same_as_the_files(repo: Repo, first: str = "stats") -> None:
    """Every command answers through the index what the files say; ``first``
    (stats, list or search) is the one that brings the rows up to date."""
    commands = _commands(repo)
    order = {"stats": 5, "list": 0, "search": 6}[first]
    commands = [commands[order]] + commands[:order] + commands[order + 1:]
    truth = _answers(repo, commands, indexed=False)
    assert all(code == 0 for code, _ in truth), truth
    assert _answers(repo, commands, indexed=True) == truth
    _chars_say_what_the_rows_say(repo.root)
    _runs_say_what_the_records_say(repo.root)
    _shown_say_what_the_files_say(repo.root)
    _counts_say_what_the_files_say(repo.root)


def _shown_say_what_the_files_say(root: Path) -> None:
    """`show ID` from the rows (warm_shown, read by the console script and the typer command
    alike) is the library's answer from every file, byte for byte, in JSON and as panels, for
    every claim; a claim whose document id another claims file gives too, or whose source lacks
    its lines, goes the usual way."""
    import io

    from factcheck import query, reads, status
    from factcheck.report import detail

    corpus = store.Repository(root).load()
    views = status.derive(corpus)
    given = [f.claims_file.document.id for f in corpus.files if f.claims_file is not None]
    kept = warm.open_warm(root)
    assert kept is not None
    answered = 0
    try:
        for claim_id, view in views.items():
            truth = query.detail(corpus, claim_id, views)
            for fmt in ("json", "table"):
                found = reads.show_from_rows(kept, claim_id, fmt=fmt)
                if given.count(view.claim.document) > 1 or truth.context is None:
                    assert found is None, claim_id
                    continue
                assert found is not None, claim_id
                out, expected = io.StringIO(), io.StringIO()
                found[0](found[1], out)
                detail.FORMATS[fmt](truth, expected)
                assert out.getvalue() == expected.getvalue(), (claim_id, fmt)
                answered += 1
        assert reads.show_from_rows(kept, "no-such-claim", fmt="json") is None
    finally:
        kept.close()
    assert answered >= len(views)


def _counts_say_what_the_files_say(root: Path) -> None:
    """The counts `stats` reads, as the rows were brought up to date (file by
    file, summed), are those of an index made from scratch and those the
    library counts from every file."""
    import shutil

    from factcheck import status

    def kept_counts(where: Path) -> Any:
        kept = warm.open_warm(where)
        assert kept is not None
        try:
            return kept.tally()
        finally:
            kept.close()

    incremental = kept_counts(root)
    assert incremental is not None
    assert incremental == status.stats(store.Repository(root).load())
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        for sub in ("claims", "references", "sources"):
            shutil.copytree(root / sub, fresh / sub)
        if (root / ".factcheck.yaml").exists():
            shutil.copy(root / ".factcheck.yaml", fresh / ".factcheck.yaml")
        assert runner.invoke(app, ["stats", "--format", "json", "--root", str(fresh)],
                             env={index.NO_INDEX_ENV: None, store.ROOT_ENV: None}).exit_code == 0
        assert kept_counts(fresh) == incremental


def _chars_say_what_the_rows_say(root: Path) -> None:
    """warm_chars (what `search` reads to skip files) holds each claims file's characters, as its rows stand."""
    import sqlite3

    db = sqlite3.connect(root / ".factcheck" / "index.sqlite")
    try:
        held: dict[int, set[str]] = {}
        for n, text in db.execute("SELECT n, text FROM warm_claims"):
            held.setdefault(n >> warm.POS_BITS, set()).update(text)
        assert dict(db.execute("SELECT key, chars FROM warm_chars")) == {k: "".join(sorted(v)) for k, v in held.items()}
    finally:
        db.close()


def _runs(root: Path) -> list[tuple[str, int, bytes]]:
    """Each list's runs as its list file holds them, where warm_runs says they lie (its
    files' keys left out: they differ between indexes), and the list files themselves."""
    import sqlite3

    kept = warm.open_warm(root)
    assert kept is not None
    db = sqlite3.connect(root / ".factcheck" / "index.sqlite")
    try:
        found: list[tuple[str, int, bytes]] = []
        for which in (*options.STATUSES, warm.ALL):
            listed = kept._listed(which)
            assert listed is not None, which
            whole = os.pread(listed.fd, listed.size, 0)
            found.append((which, -1, whole))
            at = 2
            for count, length in db.execute("SELECT count, length FROM warm_runs WHERE status = ? ORDER BY key", (which,)):
                found.append((which, count, whole[at:at + length]))
                at += length + 2
        return found
    finally:
        db.close()
        kept.close()


def _runs_say_what_the_records_say(root: Path) -> None:
    """The list files (what `list --status S --format json` and `list --format json`
    send) hold, per status (and for every claim), the records of the claims with that
    status, in corpus order, as warm_records keeps them and as `list` joins them; warm_runs
    says where each file's lie; the summary counts them; and the answer is read from them."""
    import sqlite3

    db = sqlite3.connect(root / ".factcheck" / "index.sqlite")
    try:
        expected: dict[str, dict[int, list[bytes]]] = {which: {} for which in (*options.STATUSES, warm.ALL)}
        for n, statuses, record in db.execute(
                "SELECT c.n, c.statuses, r.record FROM warm_claims c JOIN warm_records r ON r.n = c.n ORDER BY c.n"):
            for which in (warm.ALL, *statuses.split()):
                expected[which].setdefault(n >> warm.POS_BITS, []).append(record)
        kept = {(which, key): (count, length) for which, key, count, length in db.execute("SELECT * FROM warm_runs")}
        assert kept == {(which, key): (len(v), len(b",\n".join(v))) for which, by_key in expected.items() for key, v in by_key.items()}
    finally:
        db.close()
    by_list = {which: [r for by_key in [expected[which]] for key in sorted(by_key) for r in by_key[key]] for which in expected}
    found = _runs(root)
    for which, records in by_list.items():
        (whole,) = [data for w, count, data in found if w == which and count == -1]
        assert whole == (b"[\n" + b",\n".join(records) + b"\n]\n" if records else b"[]\n"), which
        runs = [(count, data) for w, count, data in found if w == which and count != -1]
        assert runs == [(len(v), b",\n".join(v)) for _, v in sorted(expected[which].items())], which
    # Nothing else in the lists' folder.
    fresh = warm.open_warm(root)
    assert fresh is not None
    try:
        names = {fresh._value["lists"][which][0] for which in by_list}
    finally:
        fresh.close()
    assert set(os.listdir(root / ".factcheck" / warm.LISTS_DIR)) == names


def _refused(*_: Any) -> Any:
    raise AssertionError("the list files were made from the records")


@pytest.fixture
def derived(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many claims each derivation of rows read."""
    counts: list[int] = []
    real = rows.derive

    def counted(corpus: Any, **kw: Any) -> Any:
        counts.append(len(corpus.claims))
        return real(corpus, **kw)

    monkeypatch.setattr(rows, "derive", counted)
    return counts


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
def test_after_each_kind_of_change_the_rows_say_what_the_files_say(tmp_path: Path, change: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # The list files are written again from the runs made now and the last ones, never from the records.
    monkeypatch.setattr(rows._Update, "_lists_from_records", _refused)
    repo = Repo(tmp_path)
    _same_as_the_files(repo)  # the first rows, made from scratch
    for seed, first in enumerate(["stats", "list", "search"]):  # each brings the rows up to date once
        change(repo, random.Random(seed))
        repo.write()
        _same_as_the_files(repo, first)
    # The runs brought up to date file by file are those an index made from scratch has.
    with tempfile.TemporaryDirectory() as tmp:
        anew = Path(tmp) / "anew"
        shutil.copytree(repo.root, anew, ignore=shutil.ignore_patterns(".factcheck"))
        assert runner.invoke(app, ["stats", "--root", str(anew)], env={store.ROOT_ENV: None}).exit_code == 0
        assert _runs(anew) == _runs(repo.root)


def test_one_changed_file_derives_only_what_it_touches(tmp_path: Path, derived: list[int]) -> None:
    repo = Repo(tmp_path)
    stats = ["stats", "--format", "json", "--root", str(tmp_path)]
    assert runner.invoke(app, stats).exit_code == 0 and derived == [DOCS * CLAIMS]
    repo.files["claims/doc5.yaml"]["claims"][1]["text"] = "Edited."  # the last document: related to doc4 only
    repo.write()
    assert runner.invoke(app, stats).exit_code == 0
    # doc5 itself and doc4 (whose claims its relations target), read with doc3 (doc4's targets).
    assert derived[1:] == [3 * CLAIMS]
    assert runner.invoke(app, stats).exit_code == 0 and len(derived) == 2  # warm: nothing derived
    _same_as_the_files(repo)
    # A full form's rating: the claims of doc0 citing it, and of doc5 citing doc5's short form of it;
    # read with doc1 and doc4 (relations target doc0, doc5's relations target doc4).
    repo.files["references/doc0.yaml"]["references"][0]["container-title"] = "Reddit"
    repo.write()
    derived.clear()
    assert runner.invoke(app, stats).exit_code == 0 and derived == [4 * CLAIMS]
    _same_as_the_files(repo)
    # The configuration: every row again.
    repo.config = "format: {stats: json}\n"
    repo.write()
    derived.clear()
    assert runner.invoke(app, stats).exit_code == 0 and derived == [DOCS * CLAIMS]


def test_touched_but_unchanged_files_derive_nothing(tmp_path: Path, derived: list[int]) -> None:
    Repo(tmp_path)
    stats = ["stats", "--format", "json", "--root", str(tmp_path)]
    before = runner.invoke(app, stats).stdout
    path = tmp_path / "claims/doc2.yaml"
    _bump(path, path.read_text(encoding="utf-8"))
    assert runner.invoke(app, stats).stdout == before and len(derived) == 1


def test_damaged_file_rows_are_made_anew(tmp_path: Path, derived: list[int]) -> None:
    import sqlite3

    repo = Repo(tmp_path)
    stats = ["stats", "--format", "json", "--root", str(tmp_path)]
    assert runner.invoke(app, stats).exit_code == 0
    db = sqlite3.connect(tmp_path / ".factcheck" / "index.sqlite")
    db.execute("UPDATE warm_files SET facts = 'not json'")
    db.commit()
    db.close()
    edit_text(repo, random.Random(1))
    repo.write()
    _same_as_the_files(repo)
    assert derived[-1] == DOCS * CLAIMS


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
# Found by this test: a later claim with a taken id relates the first one
# (contradicts from zz-last's doc0-7 to doc3-3), and doc0's rows are derived
# again after its references change: doc3 must be read for doc3-3.
@example([(add_claims_file, 599), (drop_reference, 1)], "stats")
@given(st.lists(st.tuples(st.sampled_from(CHANGES), st.integers(0, 10**6)), min_size=1, max_size=4),
       st.sampled_from(["stats", "list", "search"]))
def test_any_sequence_of_changes_keeps_the_rows_true(changes: list[tuple[Any, int]], first: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repo(Path(tmp))
        _same_as_the_files(repo, first)
        for change, seed in changes:
            change(repo, random.Random(seed))
            repo.write()
            _same_as_the_files(repo, first)


# --- validate: the cross-file rules' findings kept under what they read ------------------


def test_cross_file_findings_are_asked_again_only_when_a_fact_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.checks import dangling_cite

    repo = Repo(tmp_path)
    repo.files["claims/doc1.yaml"]["claims"][0]["cites"] = ["nowhere-ref"]  # a dangling cite to start with
    repo.write()
    asked: list[int] = []
    real = dangling_cite.owned

    def counted(*args: Any) -> Any:
        asked.append(1)
        return real(*args)

    monkeypatch.setattr(dangling_cite, "owned", counted)
    command = [["validate", "--format", "json", "--root", str(tmp_path)]]

    def same() -> None:
        truth = _answers(repo, command, indexed=False)
        assert truth[0][0] == 1 and "dangling-cite" in truth[0][1]
        asked.clear()
        assert _answers(repo, command, indexed=True) == truth

    same()
    assert asked  # the first run asks every rule
    path = tmp_path / "claims/doc3.yaml"
    _bump(path, path.read_text(encoding="utf-8") + "# a comment: no fact changed\n")
    same()
    assert not asked
    repo.files["claims/doc3.yaml"]["claims"][0]["text"] += " Edited in place."  # a text: positions and ids as they were
    repo.write()
    same()
    assert not asked
    # A cited reference deleted from another file: the untouched citing file's finding appears.
    del repo.files["references/doc2.yaml"]["references"][0]
    repo.write()
    same()
    assert asked


def test_a_command_writing_meanwhile_leaves_the_rows_unwritten_and_the_answer_true(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    repo = Repo(tmp_path)
    real = rows._Update._derive
    wrote: list[int] = []

    def meanwhile(self: Any, *args: Any) -> Any:
        made = real(self, *args)
        if not wrote:  # another command commits while this one derives (from its snapshot)
            other = sqlite3.connect(tmp_path / ".factcheck" / "index.sqlite", isolation_level=None)
            other.execute("INSERT OR REPLACE INTO meta VALUES ('elsewhere', '1')")
            other.close()
            wrote.append(1)
        return made

    monkeypatch.setattr(rows._Update, "_derive", meanwhile)
    command = _commands(repo)[:1]
    assert _answers(repo, command, indexed=True) == _answers(repo, command, indexed=False)
    assert wrote
    db = sqlite3.connect(tmp_path / ".factcheck" / "index.sqlite")
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'warm'").fetchone() == (0,)  # nothing kept
    db.close()
    _same_as_the_files(repo, "stats")  # then kept, and true
    db = sqlite3.connect(tmp_path / ".factcheck" / "index.sqlite")
    assert db.execute("SELECT count(*) FROM warm_files").fetchone() == (2 * DOCS,)
    db.close()


def test_a_relation_on_a_later_claim_with_a_taken_id_counts_for_the_first(tmp_path: Path) -> None:
    """zz-last's doc0-7 (a later claim with doc0's id) contradicts doc3-3: doc0's doc0-7 is contradicted.
    When doc3-3 goes away, doc0 (which nothing else ties to doc3) must be derived again."""
    repo = Repo(tmp_path)
    repo.files["claims/zz-last.yaml"] = {
        "document": {"id": "zz-last", "source": "sources/zz-last.txt", "title": "Z", "kind": "blog", "language": "en", "retrieved": "2024-11-02"},
        "claims": [{"id": "doc0-7", "text": "A claim with a taken id.", "location": {"line": 1, "column": 1, "end_line": 1, "end_column": 25},
                    "relations": [{"type": "contradicts", "target": "doc3-3", "review": "accepted"}]}],
    }
    repo.write()
    _same_as_the_files(repo)
    ids = _answers(repo, [["list", "--status", "contradicted", "--format", "ids", "--root", str(tmp_path)]], indexed=True)[0][1]
    assert "doc0-7\n" in ids
    repo.files["claims/doc3.yaml"]["claims"][3]["id"] = "doc3-3-renamed"
    repo.write()
    _same_as_the_files(repo)
    ids = _answers(repo, [["list", "--status", "contradicted", "--format", "ids", "--root", str(tmp_path)]], indexed=True)[0][1]
    assert "doc0-7\n" not in ids
