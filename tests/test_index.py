"""The incremental index in .factcheck/: a cache that answers like the files.

Each test compares what validate (or a read command) says through the index,
cold and warm, with what it says reading every file (FACTCHECK_NO_INDEX), and
checks that only changed files are read again and a damaged index is rebuilt.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from test_checks import CASES, DATA, INVALID, OTHER, make_repo
from typer.testing import CliRunner

from factcheck import index
from factcheck.checks import RULES, scope
from factcheck.checks.runner import validate
from factcheck.cli import app
from factcheck.store import Repository

runner = CliRunner()


def _findings(repo: Repository) -> list[tuple[str, int, int, str, str]]:
    return [(f.path, f.line, f.column, f.rule, f.message) for f in validate(repo).findings]


def _without_index(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, int, str, str]]:
    with monkeypatch.context() as m:
        m.setenv(index.NO_INDEX_ENV, "1")
        return _findings(repo)


def _cli_without_index(command: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """The command's output read straight from the files: the truth the index must give back."""
    with monkeypatch.context() as m:
        m.setenv(index.NO_INDEX_ENV, "1")
        return runner.invoke(app, command).stdout


def _bump(path: Path, text: str) -> None:
    """Write ``text`` with a modification time that surely differs."""
    old = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(old + 10**9, old + 10**9))


@pytest.mark.parametrize(("name", "kw", "expected"), CASES, ids=[c[0] for c in CASES])
def test_validate_through_the_index_says_what_the_files_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, kw: dict[str, Any], expected: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    repo = make_repo(tmp_path, **kw)
    truth = _without_index(repo, monkeypatch)
    assert not (tmp_path / ".factcheck").exists()
    assert _findings(repo) == truth  # cold: the index is built
    assert (tmp_path / ".factcheck" / "index.sqlite").is_file()
    assert _findings(repo) == truth  # warm: nothing read again


def test_only_changed_files_are_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    repo = make_repo(tmp_path, files={"claims/other.yaml": OTHER, "sources/other.txt": "It opened in 2020.\n"})
    first = index.Index(repo).refresh()
    assert first.changed == {"claims/doc.yaml", "claims/other.yaml", "references/doc.yaml"}
    assert index.Index(repo).refresh().changed == set()
    # Touched without a change (a checkout): the hash says it is the same.
    os.utime(tmp_path / "claims/other.yaml", ns=(time.time_ns(), time.time_ns() + 10**9))
    assert index.Index(repo).refresh().changed == set()
    _bump(tmp_path / "claims/other.yaml", OTHER.replace("It opened in 2020.", "It opened in 2021."))
    assert index.Index(repo).refresh().changed == {"claims/other.yaml"}
    (tmp_path / "references/doc.yaml").unlink()
    again = index.Index(repo).refresh()
    assert again.changed == {"references/doc.yaml"}
    assert [f.path for f in again.files] == ["claims/doc.yaml", "claims/other.yaml"]


def test_a_changed_source_is_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    repo = make_repo(tmp_path)
    assert _findings(repo) == []
    source = tmp_path / "sources/doc.txt"
    _bump(source, source.read_text(encoding="utf-8").replace("It opened in 2019.", "It opened in 2018."))
    found = _findings(repo)
    assert [(f[0], f[1], f[3]) for f in found] == [("claims/doc.yaml", 7, "anchored")]
    assert found == _without_index(repo, monkeypatch)


def test_a_deleted_reference_breaks_the_untouched_claims_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    repo = make_repo(tmp_path)
    assert _findings(repo) == []
    (tmp_path / "references/doc.yaml").unlink()
    assert {(f[0], f[3]) for f in _findings(repo)} == {("claims/doc.yaml", "dangling-cite")}


@pytest.mark.parametrize("damage", [b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 200, b""])
def test_a_damaged_index_is_rebuilt_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes) -> None:
    monkeypatch.chdir(tmp_path)
    repo = make_repo(tmp_path, claims={"cites: [doc-r1]": "cites: [doc-r9]"})
    truth = _findings(repo)
    assert truth and truth == _without_index(repo, monkeypatch)
    db = tmp_path / ".factcheck" / "index.sqlite"
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(damage)
    assert _findings(repo) == truth
    assert sqlite3.connect(db).execute("SELECT count(*) FROM files").fetchone()[0] == 2


def test_an_index_from_other_code_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    repo = make_repo(tmp_path)
    _findings(repo)
    db = tmp_path / ".factcheck" / "index.sqlite"
    with sqlite3.connect(db) as con:
        con.execute("UPDATE meta SET value = 'other' WHERE key = 'code'")
        # A poisoned row that a trusting reader would report.
        con.execute("UPDATE files SET findings = NULL")
    assert index.Index(repo).refresh().changed == {"claims/doc.yaml", "references/doc.yaml"}


def test_the_index_folder_ignores_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _findings(make_repo(tmp_path))
    assert (tmp_path / ".factcheck" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_read_commands_answer_alike_with_and_without_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_repo(tmp_path, files={"claims/other.yaml": OTHER, "sources/other.txt": "It opened in 2020.\n"})
    commands = [["list", "--format", "json"], ["show", "doc-2", "--format", "json"], ["stats", "--format", "json"],
                ["search", "opened", "--format", "json"], ["export", "--format", "csl-json"]]
    with monkeypatch.context() as m:
        m.setenv(index.NO_INDEX_ENV, "1")
        truth = [runner.invoke(app, c).stdout for c in commands]
    assert not (tmp_path / ".factcheck").exists()
    for _ in ("cold", "warm"):
        assert [runner.invoke(app, c).stdout for c in commands] == truth
    # A claim edited between two commands is seen by the next.
    claims = tmp_path / "claims/doc.yaml"
    _bump(claims, claims.read_text(encoding="utf-8").replace("id: doc-2", "id: doc-two"))
    assert runner.invoke(app, ["show", "doc-two", "--format", "json"]).exit_code == 0


def test_a_read_only_repository_is_read_without_an_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    repo = make_repo(tmp_path, claims={"cites: [doc-r1]": "cites: [doc-r9]"})
    (tmp_path / ".factcheck").write_text("a file where the folder would go")
    assert [f[3] for f in _findings(repo)] == ["dangling-cite"]


def test_show_reads_only_what_one_claim_needs_and_answers_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every claim of the project's own reviewed data (relations across both
    documents, short-form references) shown through the index and without."""
    import shutil

    root = Path(__file__).resolve().parent.parent
    for sub in ("claims", "references", "sources"):
        shutil.copytree(root / sub, tmp_path / sub)
    monkeypatch.chdir(tmp_path)
    repo = Repository(tmp_path)
    claims = repo.load().claims
    related = [c.id for c in claims if c.relations]
    # Every claim with a relation, every one another claim points to, and a sample of the rest.
    targets = {r.target for c in claims for r in c.relations}
    ids = [c.id for i, c in enumerate(claims) if c.relations or c.id in targets or i % 15 == 0]
    assert related, "the seed data has relations"
    with monkeypatch.context() as m:
        m.setenv(index.NO_INDEX_ENV, "1")
        truth = {i: runner.invoke(app, ["show", i, "--format", "json"]).stdout for i in ids}
        missing = runner.invoke(app, ["show", "no-such-claim"])
    idx = index.Index(repo)
    idx.refresh()
    needed = idx.files_for_claim(related[0])
    assert needed is not None and len(needed) < len(idx.refresh().files)
    for i in ids:
        assert runner.invoke(app, ["show", i, "--format", "json"]).stdout == truth[i], i
    again = runner.invoke(app, ["show", "no-such-claim"])
    assert (again.exit_code, again.stderr) == (missing.exit_code, missing.stderr)


@pytest.mark.parametrize(("query", "expected"), [
    ("opened", ["doc-1", "other-1"]),  # trigram index
    ("in 2019", ["doc-1"]),
    ("兵士", ["other-2"]),  # two characters: no trigram, the table is scanned
    ("兵", ["other-2"]),
    ('"quoted"', []),
])
def test_literal_claim_search_from_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, query: str, expected: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    other = OTHER + "  - id: other-2\n    text: 北朝鮮兵士\n    location: {line: 2, column: 1, end_line: 2, end_column: 6}\n"
    repo = make_repo(tmp_path, files={"claims/other.yaml": other, "sources/other.txt": "It opened in 2020.\n北朝鮮兵士\n"})
    idx = index.Index(repo)
    idx.refresh()
    assert idx.claim_ids_matching(query) == expected


# --- cross-file rules from the index's tables -----------------------------------------


def _full(repo: Repository) -> list[tuple[Any, ...]]:
    result = validate(repo)
    return [(f.path, f.line, f.column, f.rule, f.message, f.entry) for f in result.findings] + [result.suppressed]


@pytest.mark.parametrize("case", INVALID + [DATA / "valid", DATA / "repo-small"],
                         ids=[str(p.relative_to(DATA)) for p in [*INVALID, DATA / "valid", DATA / "repo-small"]])
def test_the_tables_answer_the_cross_file_rules_as_the_values_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: Path) -> None:
    """Every example folder: findings, positions, messages, entries and
    suppressions alike without the index, cold, warm, and after a file changed."""
    import shutil

    shutil.copytree(case, tmp_path / "repo", ignore=shutil.ignore_patterns(".factcheck"))
    monkeypatch.chdir(tmp_path / "repo")
    repo = Repository(tmp_path / "repo")
    truth = _full_without_index(repo, monkeypatch)
    assert _full(repo) == truth  # cold
    assert _full(repo) == truth  # warm
    first = sorted((tmp_path / "repo").glob("*/*.yaml"))[0]
    _bump(first, first.read_text(encoding="utf-8") + "# edited\n")
    assert _full(repo) == truth


def _full_without_index(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    with monkeypatch.context() as m:
        m.setenv(index.NO_INDEX_ENV, "1")
        return _full(repo)


def test_every_cross_file_rule_can_ask_the_tables() -> None:
    assert [r for r, rule in RULES.items() if scope(rule) != "file" and not hasattr(rule, "check_index")] == []


def test_validate_decodes_no_stored_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    repo = make_repo(tmp_path, files={"claims/other.yaml": OTHER, "sources/other.txt": "It opened in 2020.\n"},
                     claims={"cites: [doc-r1]": "cites: [doc-r9]"})
    truth = _full_without_index(repo, monkeypatch)
    assert _full(repo) == truth
    decoded: list[str] = []
    real = index._LazyLocated.__init__

    def spy(self: Any, path: str, *args: Any) -> None:
        decoded.append(path)
        real(self, path, *args)

    monkeypatch.setattr(index._LazyLocated, "__init__", spy)
    assert _full(repo) == truth and decoded == []
    other = tmp_path / "claims/other.yaml"
    _bump(other, other.read_text(encoding="utf-8") + "# edited\n")
    # The changed file's single-file findings are made as it is read again.
    assert _full(repo) == truth and decoded == []
    assert [f[3] for f in _full(repo)[:-1]] == ["dangling-cite"] and decoded == []


def test_read_commands_build_the_models_validate_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_repo(tmp_path, files={"claims/other.yaml": OTHER, "sources/other.txt": "It opened in 2020.\n"})
    commands = [["list", "--format", "json"], ["show", "doc-2", "--format", "json"], ["stats", "--format", "json"]]
    with monkeypatch.context() as m:
        m.setenv(index.NO_INDEX_ENV, "1")
        truth = [runner.invoke(app, c).stdout for c in commands]
    assert runner.invoke(app, ["validate"]).exit_code == 0
    db = sqlite3.connect(tmp_path / ".factcheck" / "index.sqlite")
    assert db.execute("SELECT count(*) FROM files WHERE built").fetchone() == (0,)  # validate built no model
    assert [runner.invoke(app, c).stdout for c in commands] == truth
    assert db.execute("SELECT count(*) FROM files WHERE NOT built").fetchone() == (0,)  # kept for the next command
    assert [runner.invoke(app, c).stdout for c in commands] == truth


def _fire(doc: str, figure: int) -> str:
    return (f"document: {{id: {doc}, source: sources/{doc}.txt}}\nclaims:\n  - id: {doc}-1\n"
            f"    text: The fire killed {figure} people in Osaka on 3 May.\n"
            "    location: {line: 1, column: 1, end_line: 1, end_column: 46}\n")


def test_a_warm_report_reuses_the_detectors_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same report cold, warm without scanning, and scanned again only
    after a claim changed (not after an edit that changes no claim)."""
    import factcheck.contradict as detector

    monkeypatch.chdir(tmp_path)
    make_repo(tmp_path, files={"claims/fa.yaml": _fire("fa", 260), "claims/fb.yaml": _fire("fb", 245)})
    command = ["report", "--format", "json"]
    truth = _cli_without_index(command, monkeypatch)
    assert '"260 people"' in truth and '"245 people"' in truth  # the detector's figures are in the report
    scans: list[int] = []
    real = detector.candidates

    def counted(claims: Any, **kw: Any) -> Any:
        scans.append(len(claims))
        return real(claims, **kw)

    monkeypatch.setattr(detector, "candidates", counted)
    assert runner.invoke(app, command).stdout == truth
    assert runner.invoke(app, command).stdout == truth
    assert len(scans) == 1
    fa = tmp_path / "claims/fa.yaml"
    _bump(fa, fa.read_text(encoding="utf-8") + "# a comment changes no claim\n")
    assert runner.invoke(app, command).stdout == truth and len(scans) == 1
    _bump(fa, _fire("fa", 270))
    assert '"270 people"' in runner.invoke(app, command).stdout and len(scans) == 2


def test_a_warm_stats_loads_no_claim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_repo(tmp_path, files={"claims/other.yaml": OTHER, "sources/other.txt": "It opened in 2020.\n"})
    command = ["stats", "--format", "json"]

    def truth() -> str:
        return _cli_without_index(command, monkeypatch)

    before = truth()
    loads: list[int] = []
    real = index.Index.attach_models

    def counted(self: Any, files: Any, **kw: Any) -> Any:
        loads.append(len(files))
        return real(self, files, **kw)

    monkeypatch.setattr(index.Index, "attach_models", counted)
    assert runner.invoke(app, ["list", "--format", "ids"]).exit_code == 0 and len(loads) == 1
    assert runner.invoke(app, command).stdout == before and len(loads) == 1  # the statuses list kept
    assert runner.invoke(app, command).stdout == before and len(loads) == 1
    other = tmp_path / "claims/other.yaml"
    _bump(other, other.read_text(encoding="utf-8").replace("    text: It opened in 2020.\n", "    text: It opened in 2020.\n    cites: [doc-r1]\n"))
    after = runner.invoke(app, command).stdout
    assert len(loads) == 2 and after == truth() and after != before
    _bump(other, "claims: [")  # broken input stops it, warm or not
    assert runner.invoke(app, command).exit_code == 2


@pytest.mark.parametrize("args", [
    ["--format", "json"], ["--format", "yaml", "--status", "sourced"], ["--format", "ids", "--status", "Unsourced", "--doc", "other"],
    ["--format", "json", "--status", "disputed"],  # none: []
    ["--format", "json", "--status", "sorced"], ["--format", "ids", "--doc", "nope"],  # errors
])
def test_list_for_programs_from_kept_records_says_what_the_claims_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """The records path of `list` (json, yaml, ids with --status/--doc) against
    the claim objects rendered as before, cold and warm."""
    import io

    from factcheck import query
    from factcheck.errors import UsageError
    from factcheck.report import listing

    monkeypatch.chdir(tmp_path)
    repo = make_repo(tmp_path, files={"claims/other.yaml": OTHER, "sources/other.txt": "It opened in 2020.\n"})
    fmt = args[1]
    status = [args[i + 1] for i, a in enumerate(args) if a == "--status"]
    doc = [args[i + 1] for i, a in enumerate(args) if a == "--doc"]
    try:
        out = io.StringIO()
        listing.FORMATS[fmt](query.select(repo.load(), status=status, doc=doc), out)
        expected = (0, out.getvalue(), "")
    except UsageError as exc:
        expected = (2, "", f"factcheck: error: {exc}\n")
    for _ in ("cold", "warm"):
        result = runner.invoke(app, ["list", *args])
        assert (result.exit_code, result.stdout, result.stderr) == expected


def test_a_kept_report_follows_its_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report quotes source lines: an edited source makes it again."""
    monkeypatch.chdir(tmp_path)
    make_repo(tmp_path, claims={"cites: [doc-r1]": "disputes: [{marker: '[citation needed]', kind: citation-needed}]"})
    command = ["report", "--format", "json"]

    def truth() -> str:
        return _cli_without_index(command, monkeypatch)

    before = truth()
    assert runner.invoke(app, command).stdout == before
    assert runner.invoke(app, command).stdout == before
    source = tmp_path / "sources/doc.txt"
    _bump(source, source.read_text(encoding="utf-8") + "A line added below.\n")
    _bump(source, source.read_text(encoding="utf-8").replace("It opened", "It opened (edited)"))
    after = truth()
    assert after != before and runner.invoke(app, command).stdout == after


# --- a cold start builds the index at once --------------------------------------------


def _dump(path: Path) -> dict[str, list[Any]]:
    """Every table's schema and rows (FTS5's own shadow tables aside: their
    layout depends on how rows were added), and what a search finds."""
    db = sqlite3.connect(path)
    try:
        out: dict[str, list[Any]] = {}
        for name, kind, sql in db.execute("SELECT name, type, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"):
            out[name] = [sql]
            if kind == "table" and not name.startswith("claims_fts_"):
                out[name] += db.execute(f"SELECT rowid, * FROM {name} ORDER BY rowid").fetchall()
        out["search"] = db.execute("SELECT rowid, id FROM claims_fts WHERE claims_fts MATCH 'the' ORDER BY rowid").fetchall()
        return out
    finally:
        db.close()


def test_a_cold_start_builds_the_same_index_as_file_by_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    shutil.copytree(DATA / "repo-small", tmp_path / "repo", ignore=shutil.ignore_patterns(".factcheck"))
    monkeypatch.chdir(tmp_path / "repo")
    repo = Repository(tmp_path / "repo")
    with monkeypatch.context() as m:
        m.setattr(index, "_BULK_FROM", 10**9)  # every file inserted into the index as a warm run does
        one_by_one = _full(repo)
        expected = _dump(tmp_path / "repo" / index.INDEX_DIR / index.INDEX_FILE)
    shutil.rmtree(tmp_path / "repo" / index.INDEX_DIR)
    assert _full(repo) == one_by_one
    built = _dump(tmp_path / "repo" / index.INDEX_DIR / index.INDEX_FILE)
    assert built["search"] == []  # made when first searched
    assert index._SEARCH_UNBUILT in [tuple(r[1:]) for r in built["meta"][1:]]
    idx = index.Index(repo)
    idx.open()
    assert idx.claim_ids_matching("the")
    idx.close()
    built = _dump(tmp_path / "repo" / index.INDEX_DIR / index.INDEX_FILE)
    assert built == expected
    assert built["claims"] and built["items"] and built["search"]
    assert sorted(p.name for p in (tmp_path / "repo" / index.INDEX_DIR).iterdir()) == [".gitignore", "index.sqlite"]
    db = sqlite3.connect(tmp_path / "repo" / index.INDEX_DIR / index.INDEX_FILE)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    db.close()
    assert _full(repo) == one_by_one  # warm, from the built index


def test_a_killed_build_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys

    monkeypatch.chdir(tmp_path)
    repo = make_repo(tmp_path)
    folder = tmp_path / index.INDEX_DIR
    folder.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process id no longer running
    stale = folder / f"{index.INDEX_FILE}.{gone.pid}.tmp"
    stale.write_bytes(b"half a database")
    live = folder / f"{index.INDEX_FILE}.{os.getppid()}.tmp"  # a build still running elsewhere
    live.write_bytes(b"being written")
    truth = _without_index(repo, monkeypatch)
    assert _findings(repo) == truth
    assert not stale.exists()
    assert live.exists()


class _Busy:
    """A connection on which no write can start (another command holds the database)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.startswith("BEGIN"):
            raise sqlite3.OperationalError("database is locked")
        return self.db.execute(sql, *args)


def test_search_after_a_cold_start_when_the_index_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    other = OTHER + "  - id: other-2\n    text: Opened twice\n    location: {line: 2, column: 1, end_line: 2, end_column: 13}\n"
    repo = make_repo(tmp_path, files={"claims/other.yaml": other, "sources/other.txt": "It opened in 2020.\nOpened twice\n"})
    idx = index.Index(repo)
    idx.refresh()
    real = idx._db
    assert real is not None
    idx._db = _Busy(real)  # type: ignore[assignment]
    assert idx.claim_ids_matching("opened") == ["doc-1", "other-1", "other-2"]  # a temporary table, filled alike
    idx._db = real
    assert idx._search_unbuilt()
    assert idx.claim_ids_matching("opened") == ["doc-1", "other-1", "other-2"]
    assert not idx._search_unbuilt()
    # Later changes go into the search table as they are read.
    _bump(tmp_path / "claims/other.yaml", other.replace("Opened twice", "Opened thrice").replace("end_column: 13", "end_column: 14"))
    _bump(tmp_path / "sources/other.txt", "It opened in 2020.\nOpened thrice\n")
    idx.refresh()
    assert idx.claim_ids_matching("thrice") == ["other-2"]
    assert idx.claim_ids_matching("twice") == []
    idx.close()


# --- one large file: its costliest rule in a forked helper ------------------------------


def test_a_large_files_helper_finds_what_this_process_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from factcheck.checks import runner

    shutil.copytree(DATA / "invalid" / "near-duplicate" / "basic", tmp_path / "repo", ignore=shutil.ignore_patterns(".factcheck"))
    monkeypatch.chdir(tmp_path / "repo")
    repo = Repository(tmp_path / "repo")
    here = _full(repo)
    assert any(f[3] == "near-duplicate" for f in here[:-1])
    forked: list[int] = []
    helper_init = runner._Helper.__init__

    def spy(self: Any, run: Any) -> None:
        helper_init(self, run)
        forked.append(self._pid)

    monkeypatch.setattr(runner._Helper, "__init__", spy)
    monkeypatch.setattr(runner, "HELPER_FROM", 1)
    shutil.rmtree(tmp_path / "repo" / index.INDEX_DIR)
    assert _full(repo) == here  # cold: the index built at once
    assert forked and all(pid is not None for pid in forked)
    forked.clear()
    claims = sorted((tmp_path / "repo" / "claims").glob("*.yaml"))[0]
    _bump(claims, claims.read_text(encoding="utf-8") + "# edited\n")
    assert _full(repo) == here  # the file read again into the index as it stands
    assert forked and all(pid is not None for pid in forked)
    assert _full(repo) == here  # warm: the findings the helper made, as kept


def test_a_failing_helper_gives_the_error_this_process_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.checks import near_duplicate, runner

    monkeypatch.chdir(tmp_path)
    repo = make_repo(tmp_path)

    def broken(ctx: Any, options: Any) -> Any:
        raise RuntimeError("the rule broke")

    monkeypatch.setattr(near_duplicate, "check", broken)
    monkeypatch.setattr(runner, "HELPER_FROM", 1)
    with pytest.raises(RuntimeError, match="the rule broke"):
        validate(repo)


# --- another command holding the write lock ---------------------------------------------


def test_a_locked_index_is_not_taken_for_a_damaged_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long writer elsewhere (the write lock held past the wait) makes
    validate read the files, say so, and leave the index alone: "database is
    locked" is an OperationalError, a DatabaseError, but no damage."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(index, "BUSY_TIMEOUT", 0.05)
    repo = make_repo(tmp_path)
    assert _findings(repo) == []  # the index built
    db = tmp_path / ".factcheck" / "index.sqlite"
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another command, writing for a long while
    writer.execute("INSERT INTO meta VALUES ('held', 'by another command')")
    try:
        (tmp_path / "references/doc.yaml").unlink()  # something to write: the refresh needs the lock
        truth = _without_index(repo, monkeypatch)
        assert {f[3] for f in truth} == {"dangling-cite"}
        heard: list[str] = []
        found = validate(repo, notice=heard.append).findings
        assert [(f.path, f.line, f.column, f.rule, f.message) for f in found] == truth
        assert len(heard) == 1 and "locked by another factcheck command" in heard[0]
        result = runner.invoke(app, ["validate"])
        assert result.exit_code == 1
        assert "dangling-cite" in result.stdout
        assert "factcheck: note: the index" in result.stderr and "read the files without it" in result.stderr
        assert "note" not in runner.invoke(app, ["validate", "--quiet"]).stderr
        writer.execute("COMMIT")  # the writer's work survived: the file was not removed under it
    finally:
        writer.close()
    check = sqlite3.connect(db)
    assert check.execute("SELECT value FROM meta WHERE key = 'held'").fetchone() == ("by another command",)
    check.close()
    # The lock released, the index catches up and answers the same.
    assert _findings(repo) == truth
    assert index.Index(repo).refresh().changed == set()


def test_a_warm_validate_waits_for_no_write_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing changed: nothing to write, so a writer elsewhere does not stall it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(index, "BUSY_TIMEOUT", 0.05)
    repo = make_repo(tmp_path, claims={"cites: [doc-r1]": "cites: [doc-r9]"})
    truth = _findings(repo)
    writer = sqlite3.connect(tmp_path / ".factcheck" / "index.sqlite", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        heard: list[str] = []
        assert [(f.path, f.line, f.column, f.rule, f.message) for f in validate(repo, notice=heard.append).findings] == truth
        assert heard == []
    finally:
        writer.close()
