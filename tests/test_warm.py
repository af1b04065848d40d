"""Warm answers (factcheck.warm): `list`, `stats` and `search` from the rows
the index kept, byte for byte what reading every file gives, and never
after anything they depend on changed; typer's coercion without pydantic
(factcheck.cli.coerce) giving typer's own values."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck import index, options, store, warm
from factcheck.cli import app
from factcheck.cli import common as cli_common

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent

COMMANDS = [
    ["list", "--status", "disputed", "--format", "json"],
    ["list", "--status", "disputed"],
    ["list", "--doc", "wiki-ja-kp-ua-relations", "--status", "sourced", "--format", "table"],
    ["list", "--format", "json"],
    ["list", "--status", "unsourced", "--status", "Sourced", "--format", "yaml"],
    ["list", "--doc", "blog-ja-ru-kp-relations", "--format", "ids"],
    ["list", "--status", "contradicted", "--format", "json"],
    ["stats", "--format", "json"],
    ["stats"],
    ["search", "北朝鮮", "--format", "json"],
    ["search", "兵", "--format", "json", "--limit", "0"],
    ["search", "ロシア", "--status", "sourced"],
    ["search", "ロシア", "--min-score", "95.5", "--format", "json"],
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project's own reviewed data (two languages, relations, disputes)."""
    for sub in ("claims", "references", "sources"):
        shutil.copytree(ROOT / sub, tmp_path / sub)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(store.ROOT_ENV, raising=False)
    return tmp_path


def _truth(monkeypatch: pytest.MonkeyPatch, commands: list[list[str]]) -> list[tuple[int, str]]:
    with monkeypatch.context() as m:
        m.setenv(index.NO_INDEX_ENV, "1")
        return [_run(c) for c in commands]


def _run(command: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, command)
    return result.exit_code, result.stdout


def _no_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, any read of the files or of the derived values fails the test."""

    def refuse(*_: Any, **__: Any) -> Any:
        raise AssertionError("the usual path ran")

    for name in ("load_corpus", "load_derived", "configured_format"):
        monkeypatch.setattr(cli_common, name, refuse)
        monkeypatch.setattr(f"factcheck.cli.query.{name}", refuse)


def _bump(path: Path, text: str) -> None:
    old = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(old + 10**9, old + 10**9))


def test_warm_answers_are_what_the_files_say(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    truth = _truth(monkeypatch, COMMANDS)
    assert all(code == 0 for code, _ in truth) and json.loads(truth[0][1])
    assert [_run(c) for c in COMMANDS] == truth  # cold: kept by list and stats
    with monkeypatch.context() as m:
        _no_library(m)
        assert [_run(c) for c in COMMANDS] == truth  # warm: from the rows alone
        assert [_run(c) for c in COMMANDS] == truth  # the indented records kept too


def test_a_change_is_seen_never_the_kept_rows(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listing = ["list", "--format", "json"]
    _run(listing)
    claims = sorted((project / "claims").glob("*.yaml"))[0]
    first = json.loads(_run(listing)[1])[0]
    _bump(claims, claims.read_text(encoding="utf-8").replace(first["text"], "An edited claim text."))
    edited = _run(listing)
    assert edited == _truth(monkeypatch, [listing])[0]
    assert json.loads(edited[1])[0]["text"] == "An edited claim text."


def test_a_file_swapped_in_with_the_same_size_and_time_is_seen(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor's atomic save: a new file (new inode) renamed over the old,
    same size, same modification time."""
    ids = ["list", "--format", "ids"]
    before = _run(ids)[1].splitlines()
    claims = sorted((project / "claims").glob("*.yaml"))[0]
    st = claims.stat()
    text = claims.read_text(encoding="utf-8")
    old_id = before[0]
    new_id = old_id[:-1] + ("x" if old_id[-1] != "x" else "y")  # same length
    swapped = claims.with_suffix(".tmp")
    swapped.write_text(text.replace(f"id: {old_id}\n", f"id: {new_id}\n", 1), encoding="utf-8")
    os.utime(swapped, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(swapped, claims)
    assert claims.stat().st_size == st.st_size and claims.stat().st_mtime_ns == st.st_mtime_ns
    assert _run(ids)[1].splitlines()[0] == new_id


def test_new_files_and_the_configuration_are_seen(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run(["stats", "--format", "json"])
    (project / ".factcheck.yaml").write_text("format:\n  list: ids\n  stats: json\n", encoding="utf-8")
    assert _run(["list"]) == _truth(monkeypatch, [["list"]])[0]
    assert json.loads(_run(["stats"])[1])["total"]["claims"] > 0
    # A new document: counted at once.
    shutil.copy(sorted((project / "claims").glob("*.yaml"))[0], project / "claims" / "zz-copy.yaml")
    assert _run(["stats"]) == _truth(monkeypatch, [["stats"]])[0]


DAMAGES = ["garbage", "stamp", "rows", "counts", "counts-shape", "runs-row", "runs-table", "runs-summary",
           "lists-summary", "list-gone", "list-cut", "list-replaced", "list-rewritten", "list-renamed"]
# Damaged list files: each found when a `list` reads it, and all of them written again by the next command.
LIST_DAMAGES = [d for d in DAMAGES if d.startswith("list-")]


def _list_file(project: Path, which: str) -> Path:
    kept = warm.open_warm(project)
    assert kept is not None
    try:
        return project / ".factcheck" / warm.LISTS_DIR / kept._value["lists"][which][0]
    finally:
        kept.close()


def _damage_list(project: Path, damage: str) -> None:
    """Damage the list file of the disputed claims (what `list --status disputed --format json` sends)."""
    path = _list_file(project, "disputed")
    data, st = path.read_bytes(), path.stat()
    if damage == "list-gone":
        path.unlink()
    elif damage == "list-cut":
        path.write_bytes(data[:-10])
    elif damage == "list-replaced":  # another file renamed over it: same size, same time, another inode
        other = path.with_name("other")
        other.write_bytes(data.replace(b"disputed", b"DISPUTED"))
        os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
        os.replace(other, path)
    elif damage == "list-rewritten":  # written again in place, same size: another modification time
        with path.open("r+b") as f:
            f.write(data.replace(b"disputed", b"DISPUTED"))
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    else:  # list-renamed: the summary names a file that is not there
        path.rename(path.with_name("disputed-renamed.json"))
    assert path.exists() != (damage in ("list-gone", "list-renamed"))


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_index_is_not_trusted(project: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    commands = [["list", "--format", "json"], ["stats", "--format", "json"], ["stats", "--format", "table"],
                ["list", "--status", "disputed", "--format", "json"]]
    truth = _truth(monkeypatch, commands)
    assert [_run(c) for c in commands] == truth
    db_path = project / ".factcheck" / "index.sqlite"
    if damage == "garbage":
        for suffix in ("-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        db_path.write_bytes(b"not a database" * 100)
    elif damage in LIST_DAMAGES:
        _damage_list(project, damage)
    else:
        with sqlite3.connect(db_path) as db:
            if damage == "stamp":
                db.execute("UPDATE warm SET value = '{' ")  # the stamp holds, the value does not parse
            elif damage == "counts":
                db.execute("UPDATE warm SET value = '[[' WHERE name = 'stats'")  # only stats reads it
            elif damage == "counts-shape":
                db.execute("UPDATE warm SET value = '[[\"a\"], [\"t\"], [\"en\"], [1], [[1]]]' WHERE name = 'stats'")
            elif damage == "runs-row":  # a file's disputed run missing: the next refresh cannot copy the lists from their files
                db.execute("DELETE FROM warm_runs WHERE rowid = (SELECT min(rowid) FROM warm_runs WHERE status = 'disputed')")
            elif damage == "runs-table":
                db.execute("DROP TABLE warm_runs")
            elif damage in ("runs-summary", "lists-summary"):  # the summary without the lists' counts, or without the lists
                value = json.loads(db.execute("SELECT value FROM warm WHERE name = 'list'").fetchone()[0])
                del value[damage.split("-")[0]]
                db.execute("UPDATE warm SET value = ? WHERE name = 'list'", (json.dumps(value),))
            else:
                db.execute("DROP TABLE warm_claims")
    assert [_run(c) for c in commands] == truth
    if damage.startswith("counts"):  # made again from the files' rows, and kept
        kept = warm.open_warm(project)
        assert kept is not None and kept.tally() is not None
        kept.close()
        with monkeypatch.context() as m:
            _no_library(m)
            assert [_run(c) for c in commands[1:]] == truth[1:]
    if damage in LIST_DAMAGES:
        # Found by the `list` that read it (the records were read apart): the rows are
        # not fresh any more, and the next command writes every list file again.
        assert warm.open_warm(project) is None
        assert [_run(c) for c in commands] == truth
        _lists_are_sent(project, monkeypatch, commands, truth)
    if damage.startswith("runs-"):
        # The list files are as they were written, and sent; the next refresh (a file
        # touched, nothing changed) finds the runs wrong and writes them from the records.
        claims = sorted((project / "claims").glob("*.yaml"))[0]
        st = claims.stat()
        os.utime(claims, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
        assert [_run(c) for c in commands] == truth
        _lists_are_sent(project, monkeypatch, commands, truth)


def _lists_are_sent(project: Path, monkeypatch: pytest.MonkeyPatch, commands: list[list[str]], truth: list[tuple[int, str]]) -> None:
    """Every list file is there as the summary says, and `list` sends it (no record read apart)."""
    kept = warm.open_warm(project)
    assert kept is not None
    try:
        for which in (*options.STATUSES, warm.ALL):
            assert kept._listed(which) is not None, which
    finally:
        kept.close()
    with monkeypatch.context() as m:
        _no_library(m)
        m.setattr(warm, "_json_list", lambda *_: pytest.fail("the records were read apart"))
        assert [_run(c) for c in commands] == truth


def test_the_stamp_signs_each_file_as_signature_does(tmp_path: Path) -> None:
    from factcheck import stamp as stamping

    (tmp_path / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "b b.yaml").write_text("", encoding="utf-8")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")  # listed, cannot be stat'ed
    names = sorted(p.name for p in tmp_path.iterdir())
    expected = [f"claims/{n}\x1f{stamping.signature(str(tmp_path / n))}" for n in names]
    assert stamping._folder(str(tmp_path), "claims") == expected
    assert expected[-1].endswith("\x1fmissing")


def test_unknown_values_fail_as_they_always_did(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commands = [["list", "--status", "dispute", "--format", "json"], ["list", "--doc", "nope", "--format", "ids"],
                ["search", "北朝鮮", "--doc", "nope"]]
    with monkeypatch.context() as m:
        m.setenv(index.NO_INDEX_ENV, "1")
        truth = [(r.exit_code, r.stderr) for r in (runner.invoke(app, c) for c in commands)]
    _run(["stats"])  # rows kept
    assert [(r.exit_code, r.stderr) for r in (runner.invoke(app, c) for c in commands)] == truth
    assert all(code == 2 for code, _ in truth)


def test_the_stamp_names_what_the_store_and_index_name() -> None:
    assert (warm.INDEX_DIR, warm.INDEX_FILE, warm.NO_INDEX_ENV) == (index.INDEX_DIR, index.INDEX_FILE, index.NO_INDEX_ENV)
    assert (warm.FOLDERS, warm.ROOT_ENV) == ((store.CLAIMS_DIR, store.REFERENCES_DIR), store.ROOT_ENV)
    from factcheck.config import PYPROJECT, YAML_NAME

    assert warm.CONFIG_FILES == (YAML_NAME, PYPROJECT)


def test_the_console_script_answers_warm_without_the_library(project: Path) -> None:
    """A real subprocess of the entry point: the same bytes cold and warm, and
    a warm `list --format json` loads neither rich, pydantic, YAML nor the store."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop(store.ROOT_ENV, None)
    command = [sys.executable, "-m", "factcheck", "list", "--status", "disputed", "--format", "json"]
    cold = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=project)
    warm_run = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=project)
    assert cold.returncode == warm_run.returncode == 0 and json.loads(cold.stdout)
    assert warm_run.stdout == cold.stdout
    code = ("import sys; from factcheck.entry import main; sys.argv = ['factcheck', 'list', '--status', 'disputed', "
            "'--format', 'json']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] if not m.startswith('factcheck') else m for m in sys.modules} & "
            "{'rich', 'pydantic', 'yaml', 'factcheck.store', 'factcheck.model', 'rapidfuzz'}), file=sys.stderr)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, cwd=project)
    assert loaded.stdout == cold.stdout
    assert loaded.stderr.strip().splitlines()[-1] == "[]"


# --- typer's coercion without pydantic ---------------------------------------------

_SAMPLES: list[Any] = [
    "x", "", "日本", "json", "JSON", "Table", "bogus", "disputed", "claims", "ALL", "0", "10", "007", "-1", "1_0", " 5",
    "50.5", "100", "101", "1e3", ".", "..", "no/such/dir", "\0", "README.md", 10, 60.0, True, False,
    ["a", "b"], ("json",), [],
]


def _params() -> list[tuple[str, Any]]:
    import typer.main

    group = typer.main.get_command(app)
    out = []
    for name, command in sorted(group.commands.items()):  # type: ignore[attr-defined]
        for param in command.params:
            if hasattr(param, "type_descriptor"):
                out.append((f"{name}:{param.name}", param))
    return out


@pytest.mark.parametrize(("where", "param"), _params(), ids=[w for w, _ in _params()])
def test_fast_coercion_gives_typers_value_or_asks_typer(where: str, param: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.cli.coerce import MISS, fast_value, typer_coerce

    pytest.importorskip("typer._coercion")
    import typer.main

    monkeypatch.chdir(ROOT)  # README.md and . exist here
    group = typer.main.get_command(app)
    ctx = group.make_context("factcheck", ["--help"], resilient_parsing=True)
    desc = param.type_descriptor
    for value in _SAMPLES:
        fast = fast_value(desc.annotation, desc.parameter_info, value, param, ctx)
        if fast is MISS:
            continue
        expected = typer_coerce(param, value, ctx)
        assert (fast, type(fast)) == (expected, type(expected)), (where, value)


@pytest.mark.parametrize("records", [
    [],
    [{}],
    [{"id": "a", "text": "line\nbreak \"quoted\" [x], {y}: z", "labels": [], "n": 1, "f": 1.5, "none": None, "t": True}],
    [{"id": "日本", "nested": {"deep": [{"k": []}, {}], "e": {}}}, {"id": "b"}, {"id": "c", "list": [1, [2, [3]]]}],
])
def test_pretty_records_are_what_write_json_writes(records: list[dict[str, Any]]) -> None:
    import io

    from factcheck.report.records import write_json

    expected = io.StringIO()
    write_json(records, expected)
    assert warm.pretty_list([warm.pretty_record(r) for r in records]) == expected.getvalue()


@pytest.mark.parametrize("columns", ["20", "30", "45", "71", "80", "109"])
def test_plain_stats_lines_are_what_rich_prints(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from factcheck.report import stats as stats_report
    from factcheck.report.table import console
    from factcheck.status import tally_groups

    monkeypatch.setenv("COLUMNS", columns)
    documents = {"news-en-00001": ("t", "en"), "日本語の文書-" * 3: ("t", "ja"), "x" * 75: ("t", "en"), "esc\x1b[31m": ("t", "en")}
    groups = [(d, frozenset({"sourced", "disputed", "weakly-sourced"}), 123456) for d in documents]
    result = tally_groups(documents, groups)
    for docs in ([r for r in result.documents if r.document == "news-en-00001"], list(result.documents)):
        printed = []
        for plain in (True, False):
            buffer = io.StringIO()
            stats_report._render_lines(docs, result.total, console(buffer), plain=plain)
            printed.append(buffer.getvalue())
        assert printed[0] == printed[1]
        assert printed[0].count("claims") == len(docs) + 1
    # The plain path is the one taken for ordinary ids that fit (else the comparison says nothing).
    simple = [r for r in result.documents if r.document == "news-en-00001"]
    assert stats_report._write_plain(simple, result.total, console(io.StringIO())) is (int(columns) >= 30)


@pytest.mark.parametrize("query", ["北朝鮮", "ロシア", "の", "Korea", "2024", "兵"])
@pytest.mark.parametrize("scope", ["claims", "all"])
def test_search_stops_early_only_when_nothing_later_can_rank_higher(query: str, scope: Any) -> None:
    """Scores stop at 100 and ties keep corpus order: once ``limit`` claims
    score 100 the rest need no scoring, and the answer is the full ranking cut."""
    from factcheck.search import search
    from factcheck.status import derive

    corpus = store.Repository(ROOT).load()
    views = list(derive(corpus).values())
    full = [(h.kind, h.id, h.score) for h in search(corpus, query, claims=views, scope=scope, limit=None, min_score=0)]
    for limit in (1, 2, 5, 20):
        cut = [(h.kind, h.id, h.score) for h in search(corpus, query, claims=views, scope=scope, limit=limit, min_score=0)]
        assert cut == full[:limit]


def test_show_trusts_the_index_without_a_refresh_only_while_warm(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _run(["list", "--format", "ids"])[1].split()  # keeps the rows
    shows = [["show", i, *f] for i in ids[::7] for f in ([], ["--format", "json"])] + [["show", "no-such-claim"]]
    truth = _truth(monkeypatch, shows)
    _run(["stats"])
    with monkeypatch.context() as m:
        m.setattr(index.Index, "refresh", lambda *_a, **_k: (_ for _ in ()).throw(AssertionError("refreshed")))
        assert [_run(c) for c in shows[:-1]] == truth[:-1]
    assert _run(shows[-1]) == truth[-1]  # an unknown id: the whole repository, for the suggestions
    # After an edit the refresh runs again, and sees it.
    claims = sorted((project / "claims").glob("*.yaml"))[0]
    _bump(claims, claims.read_text(encoding="utf-8") + "# edited\n")
    with monkeypatch.context() as m:
        m.setattr(index.Index, "refresh", lambda *_a, **_k: (_ for _ in ()).throw(AssertionError("refreshed")))
        assert runner.invoke(app, shows[0]).exit_code != 0
    assert _run(shows[0]) == truth[0]


def test_kept_bytes_reach_any_stream_as_its_text() -> None:
    import io

    data = "[\n  \"日本\", \"x\"\n]\n".encode()
    plain = io.StringIO()
    warm._write_utf8(plain, data)  # no bytes below: written as text
    assert plain.getvalue() == data.decode()
    for encoding in ("utf-8", "UTF8", "utf-16"):
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding=encoding, newline="\n")
        stream.write("a")  # pending text goes first
        warm._write_utf8(stream, data)
        stream.flush()
        assert raw.getvalue().decode(encoding) == "a" + data.decode()


def test_status_and_document_filters_find_what_a_scan_finds_through_the_indexes(project: Path) -> None:
    from itertools import combinations

    from factcheck import options

    _run(["stats"])  # rows kept
    kept = warm.open_warm(project)
    assert kept is not None
    try:
        every = kept.views((), ())
        assert every
        documents = sorted({v.claim.document for v in every})
        statuses = [*options.STATUSES, "Disputed"]
        for wanted in [(), *((s,) for s in statuses), *combinations(options.STATUSES, 2)]:
            for doc in [(), (documents[0],), tuple(documents[:2])]:
                expected = [v for v in every if (not wanted or {s.lower() for s in wanted} & v.statuses)
                            and (not doc or v.claim.document in doc)]
                assert kept.views(wanted, doc) == expected, (wanted, doc)
                listed = kept.list_records("ids", wanted, doc)
                assert listed is not None and listed.output == "".join(v.id + "\n" for v in expected)
        # Found through the indexes, not by reading every row.
        for wanted, doc in ((("disputed",), ()), ((), (documents[0],)), (("sourced",), (documents[0],))):
            sql, args = kept._where(wanted, doc)  # type: ignore[misc]
            plan = " ".join(str(r) for r in kept.db.execute(f"EXPLAIN QUERY PLAN SELECT n FROM warm_claims{sql}", args))
            assert "INDEX warm_claims_" in plan, plan
    finally:
        kept.close()



def test_search_reads_the_files_holding_every_character_and_finds_what_a_scan_finds(project: Path) -> None:
    """warm_chars: the literal rows are those a scan of every row finds, in
    corpus order, with any filter; and only files holding each character are read."""
    _run(["stats"])  # rows kept
    kept = warm.open_warm(project)
    assert kept is not None
    try:
        every = kept.views((), ())
        documents = sorted({v.claim.document for v in every})
        texts = [v.claim.text for v in every]
        rng = __import__("random").Random(9)
        needles = ["兵士", "兵", "ロシア", "Russia", "the", "zz-none", "兵士Q", "。", "a" * 20, "".join(sorted(set(texts[0])))]
        needles += [t[i : i + k] for t in rng.sample(texts, 20) for k in (1, 2, 3, 5) for i in [rng.randrange(max(1, len(t) - k))]]
        for needle in needles:
            for wanted, doc in (((), ()), (("disputed",), ()), ((), (documents[0],)), (("sourced",), tuple(documents[:2]))):
                expected = [v for v in kept.views(wanted, doc) or [] if needle in v.claim.text]
                views = kept.literal_views(needle, wanted, doc)
                assert views is not None and list(views) == expected, (needle, wanted, doc)
                assert kept.literal(needle, wanted, doc) == (expected or None)
        # A word whose characters no file holds together: no row is read.
        statements: list[str] = []
        kept.db.set_trace_callback(statements.append)
        assert list(kept.literal_views("zz-none", (), ())) == []
        assert not [s for s in statements if "FROM warm_claims" in s]
    finally:
        kept.close()


def test_records_are_kept_as_list_prints_them(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    every = ["list", "--format", "json"]
    truth = _truth(monkeypatch, [every])[0]
    _run(["stats"])  # rows kept: no `list` asked yet
    kept = warm.open_warm(project)
    assert kept is not None
    try:
        records = [r for (r,) in kept.db.execute("SELECT record FROM warm_records ORDER BY n")]
    finally:
        kept.close()
    assert b"[\n" + b",\n".join(records) + b"\n]\n" == truth[1].encode()
