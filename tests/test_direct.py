"""First answers without typer (factcheck.direct, factcheck.reads): a plain
read command asked for the first time with the index warm is answered by the
console script from the rows, byte for byte and exit code for exit code
what the typer command prints, in every output mode; anything it is not
certain of goes to typer; JSON loads neither typer nor rich."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
import test_answers
from test_answers import CLAIM, DOC, Run, _bump, _script_env, console, usual

import factcheck.cli
from factcheck import answers, argv, direct, reads
from factcheck.report import plain, records

project = test_answers.project  # the fixture: the project's own data, no index yet

# Every shape the answer from the rows takes (the typer command answers each from the rows too).
SHAPES = [
    ["list"],
    ["list", "--status", "disputed"],
    ["list", "-s", "unsourced", "-s", "Sourced", "--format", "yaml"],
    ["list", "--format", "json"],
    ["list", "--status", "contradicted", "-f", "table", "--format", "json"],  # the last one given, as click
    # One status, every document: the status's runs (warm_runs), one per file, as they lie.
    ["list", "--status", "disputed", "--format", "json"],
    ["list", "-s", "SOURCED", "-s", "sourced", "-f", "json"],
    ["list", "--status", "covered", "--format", "json"],  # none: []
    ["list", "--doc", DOC, "-f", "ids"],
    ["list", "--doc", DOC, "--status", "sourced", "--format", "table"],
    ["stats"],
    ["stats", "--format", "json"],
    ["stats", "-f", "table"],
    ["show", CLAIM],
    ["show", CLAIM, "--format", "json"],
    ["show", "-f", "json", CLAIM],
    ["search", "北朝鮮"],
    ["search", "ロシア", "--format", "json", "--status", "sourced"],
    ["search", "兵", "-f", "json", "-n", "0"],
    ["search", "ロシア", "-n", "1", "--limit", "3", "--min-score", "95.5", "--doc", DOC],
    ["search", "ロシア", "--in", "claims", "-n", "007"],
]
JSON = [s for s in SHAPES if "json" in s]
TABLES = [s for s in SHAPES if s not in JSON and not {"yaml", "ids"} & set(s)]
MODES = {
    "pipe": ({}, False),
    "colour": ({"TERM": "xterm-256color"}, True),
    "no colour": ({"TERM": "xterm-256color", "NO_COLOR": "1"}, True),
    "narrow": ({"TERM": "xterm", "COLORTERM": "truecolor", "COLUMNS": "60"}, True),
    "wide": ({"FORCE_COLOR": "1", "COLUMNS": "180"}, False),
}


def first(monkeypatch: pytest.MonkeyPatch, args: list[str], *, tty: bool = False) -> Run:
    """The console script with typer and the kept answers refused: the answer from the rows, or a failed test."""

    def refuse(*_: Any) -> None:
        raise AssertionError(f"typer ran for {args}")

    with monkeypatch.context() as m:
        m.setattr(factcheck.cli, "main", refuse)
        m.setattr(answers, "serve", lambda _: False)
        return console(args, tty=tty)


def _warm(project: Path) -> None:
    """The index and its rows, kept by a first typer command."""
    assert usual(["stats", "--format", "json"])[0] == 0
    assert (project / ".factcheck" / "index.sqlite").is_file()


# --- the same bytes ------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_every_shape_is_answered_as_typer_answers_it(project: Path, monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    env, tty = MODES[mode]
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    _warm(project)
    for args in SHAPES if mode == "pipe" else TABLES:
        truth = usual(args, tty=tty)
        assert truth[0] == 0 and truth[1] and not truth[2], (args, truth)
        assert first(monkeypatch, args, tty=tty) == truth, args
        assert console(args, tty=tty) == truth, args  # kept as the typer answer would have been
    if mode == "colour":
        assert b"\x1b[" in usual(["stats"], tty=True)[1]


def test_json_is_the_same_at_a_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    _warm(project)
    for args in JSON:
        truth = usual(args, tty=True)
        assert first(monkeypatch, args, tty=True) == truth and json.loads(truth[1]), args


def test_the_answer_is_kept_for_the_next_time(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_answers import served

    _warm(project)
    for args in (["stats"], ["show", CLAIM, "--format", "json"], ["search", "北朝鮮"]):
        made = first(monkeypatch, args)
        assert served(monkeypatch, args) == made == usual(args)


def test_a_large_first_answer_is_kept_the_second_time_it_is_asked(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Making it again from the rows costs little more than serving it; writing it, a fifth of it."""
    from test_answers import _kept, served

    def kept() -> list[str]:
        return [p.name for p in _kept(project) if not p.name.endswith(answers._ASKED)]

    _warm(project)
    args = ["list", "--status", "disputed", "--format", "json"]
    truth = usual(args)
    assert len(truth[1]) > 1000
    monkeypatch.setattr(answers, "KEEP_LARGE_AGAIN", 1000)
    assert first(monkeypatch, args) == truth and not kept() and len(_kept(project)) == 1  # asked once: a mark, no answer
    assert first(monkeypatch, args) == truth and len(kept()) == 1  # asked again: kept
    assert served(monkeypatch, args) == truth
    monkeypatch.setattr(answers, "KEEP_LARGE_AGAIN", 2**20)
    small = ["list", "--status", "contradicted", "--format", "json"]
    assert first(monkeypatch, small) == usual(small) == served(monkeypatch, small)  # kept the first time


# --- what goes to typer --------------------------------------------------------------------

TYPERS = [
    ["list", "--format", "csv"],  # reads the claims
    ["list", "--section", "歴史"],
    ["list", "--lang", "ja", "--format", "json"],
    ["list", "--format", "JSON"],  # typer lowers it
    ["list", "--status", "nope"],  # typer's error
    ["list", "--doc", "no-such-document", "--format", "json"],
    ["stats", "--format", "xml"],
    ["show", "no-such-claim"],
    ["search", "ロシア", "--fuzzy"],
    ["search", "ロシア", "--in", "references"],
    ["search", "ロシア", "--in", "Claims"],
    ["search", "ロシア", "--limit", "x"],
    ["search", "ロシア", "--limit", "+3"],
    ["search", "ロシア", "--min-score", "101"],
    ["search", "ロシア", "--min-score", "1e1"],
    ["search", "北朝鮮とペンギン"],  # no claim holds it as written: every claim is scored (and a note on stderr)
    ["search", "北朝鮮とペンギン", "--min-score", "100", "-f", "json"],
]


def test_anything_uncertain_goes_to_typer(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _warm(project)
    for args in TYPERS:
        assert argv.parse(args) is not None, args
        truth = usual(args)
        with monkeypatch.context() as m:
            m.setattr(answers, "serve", lambda _: False)
            ran: list[bool] = []

            def typer_main(*a: Any, ran: list[bool] = ran, real: Any = factcheck.cli.main) -> None:
                ran.append(True)
                real(*a)

            m.setattr(factcheck.cli, "main", typer_main)
            assert console(args) == truth, args
            assert ran == [True], args


def test_rows_not_fresh_go_to_typer_which_brings_them_up_to_date(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["stats", "--format", "json"]
    _warm(project)
    path = project / "claims" / f"{DOC}.yaml"
    _bump(path, path.read_text(encoding="utf-8") + "# edited\n")
    with pytest.raises(AssertionError, match="typer ran"):
        first(monkeypatch, args)
    assert console(args) == usual(args)
    assert first(monkeypatch, ["stats"]) == usual(["stats"])  # fresh again


def test_no_index_goes_to_typer(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(AssertionError, match="typer ran"):
        first(monkeypatch, ["stats"])  # none yet
    _warm(project)
    monkeypatch.setenv("FACTCHECK_NO_INDEX", "1")  # the index is there, and not to be used
    with pytest.raises(AssertionError, match="typer ran"):
        first(monkeypatch, ["stats"])


def test_errors_while_writing_end_as_typers_funnel_ends_them(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.errors import UsageError
    from factcheck.report import stats

    _warm(project)
    args = ["stats", "--format", "json"]

    def fails(*_: Any) -> None:
        raise UsageError("the reader cannot take it")

    def interrupted(*_: Any) -> None:
        raise KeyboardInterrupt

    def unexpected(*_: Any) -> None:
        raise RuntimeError("a bug")

    internal = b"factcheck: error: internal error: RuntimeError: a bug (set FACTCHECK_DEBUG=1 for the traceback)\n"
    for broken, expected in ((fails, (2, b"", b"factcheck: error: the reader cannot take it\n")),
                             (interrupted, (130, b"", b"factcheck: error: interrupted\n")),
                             (unexpected, (3, b"", internal))):
        with monkeypatch.context() as m:
            m.setitem(stats.FORMATS, "json", broken)
            assert usual(args) == expected
            assert first(monkeypatch, args) == expected
            assert not [p for p in (project / ".factcheck" / answers.FOLDER).glob("*")]  # nothing kept


def test_a_reader_leaving_is_exit_0(project: Path) -> None:
    """A real pipe closed by its reader (`| head -c 10`) while the first answer is written."""
    import shutil

    exe = shutil.which("factcheck", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the console script is not installed")  # pragma: no cover - pip install -e . installs it
    env = _script_env()
    subprocess.run([exe, "stats"], env=env, cwd=project, capture_output=True, check=True, timeout=120)  # warm
    head = subprocess.run(f"'{exe}' list --format yaml | head -c 10", shell=True, capture_output=True, timeout=120,
                          env=env, cwd=project)
    assert (head.returncode, head.stderr, len(head.stdout)) == (0, b"", 10)


def test_a_list_file_is_sent_to_a_file_a_file_appended_to_and_a_pipe(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Real subprocesses of the console script: `list --format json` (every claim) and
    `list --status disputed --format json` are sent from their list files (by the
    kernel to a file and to a pipe; through Python to a file opened to append, which
    sendfile refuses), first answered from the rows, then served as kept (small
    answers are kept the first time, through the recorder's copy of the file):
    the typer command's bytes every time."""
    from test_answers import _kept

    env = _script_env()
    script = [sys.executable, "-m", "factcheck"]
    typer_only = [sys.executable, "-c", "import sys; sys.argv[0] = 'factcheck'; from factcheck.cli import main; main()"]
    subprocess.run([*script, "stats"], env=env, cwd=project, capture_output=True, check=True, timeout=120)  # warm
    out = tmp_path_factory.mktemp("out") / "list.json"
    for args in (["list", "--format", "json"], ["list", "--status", "disputed", "--format", "json"]):
        truth = subprocess.run([*typer_only, *args], env=env, cwd=project, capture_output=True, check=True, timeout=120).stdout
        assert truth.startswith(b"[\n  {") and len(json.loads(truth)) > 1
        for fresh in (True, False):
            if fresh:
                shutil.rmtree(project / ".factcheck" / answers.FOLDER, ignore_errors=True)
            with out.open("wb") as f:
                subprocess.run([*script, *args], env=env, cwd=project, stdout=f, check=True, timeout=120)
            assert out.read_bytes() == truth, (args, fresh)
            assert len(_kept(project)) == 1  # kept as sent
            with out.open("ab") as f:
                subprocess.run([*script, *args], env=env, cwd=project, stdout=f, check=True, timeout=120)
            assert out.read_bytes() == truth * 2, (args, fresh)
            if fresh:
                shutil.rmtree(project / ".factcheck" / answers.FOLDER)
            piped = subprocess.run([*script, *args], env=env, cwd=project, capture_output=True, check=True, timeout=120)
            assert (piped.stdout, piped.stderr) == (truth, b""), (args, fresh)


# --- what it loads -------------------------------------------------------------------------

_LOADED = """
import json, shutil, sys
from factcheck.entry import main
loaded = []
for words in json.loads(sys.argv[1]):
    shutil.rmtree(".factcheck/answers", ignore_errors=True)  # a first question
    before = set(sys.modules)
    sys.argv = ["factcheck", *words]
    try:
        main()
    except SystemExit:
        pass
    new = {m.split(".")[0] for m in set(sys.modules) - before}
    loaded.append([" ".join(words), sorted(new & {"typer", "click", "rich", "pydantic"})])
print(json.dumps(loaded), file=sys.stderr)
"""


def test_a_json_first_answer_loads_neither_typer_nor_rich(project: Path) -> None:
    """A real subprocess of the console script's code, the index warm: no
    typer, click, rich or pydantic for any JSON shape, nor for a table drawn
    to a pipe or to a terminal (FORCE_COLOR: factcheck.report.plain draws
    it, styles and all, as rich would); rich draws what plain cannot be sure
    of (another Unicode version's widths)."""
    env = _script_env(COLUMNS="100")
    subprocess.run([sys.executable, "-m", "factcheck", "stats"], env=env, cwd=project, capture_output=True, check=True, timeout=120)
    shapes = [*JSON, ["list", "--format", "yaml"], ["list", "-f", "ids"], *TABLES, ["stats"]]
    done = subprocess.run([sys.executable, "-c", _LOADED, json.dumps(shapes)], env=env, cwd=project,
                          capture_output=True, timeout=300, check=True)
    loaded = json.loads(done.stderr.decode().strip().splitlines()[-1])
    tables = [] if _plain_draws() else ["rich"]  # another rich release: rich draws
    assert loaded == [[" ".join(w), [] if w in JSON or {"yaml", "ids"} & set(w) else tables] for w in shapes]
    coloured = subprocess.run([sys.executable, "-c", _LOADED, json.dumps([["stats"], ["list"]])],
                              env={**env, "FORCE_COLOR": "1"}, cwd=project, capture_output=True, timeout=300, check=True)
    assert json.loads(coloured.stderr.decode().strip().splitlines()[-1]) == [["stats", tables], ["list", tables]]
    assert b"\x1b[" in coloured.stdout
    other = subprocess.run([sys.executable, "-c", _LOADED, json.dumps([["stats"], ["list"]])],
                           env={**env, "FORCE_COLOR": "1", "UNICODE_VERSION": "9.0.0"}, cwd=project, capture_output=True,
                           timeout=300, check=True)
    assert json.loads(other.stderr.decode().strip().splitlines()[-1]) == [["stats", ["rich"]], ["list", ["rich"]]]
    assert other.stdout == coloured.stdout  # the same bytes, whoever drew them
    typer_only = [sys.executable, "-c", "import sys; sys.argv[0] = 'factcheck'; from factcheck.cli import main; main()"]
    truth = b"".join(subprocess.run([*typer_only, *w], env=env, cwd=project, capture_output=True, check=True, timeout=120).stdout
                     for w in shapes)
    assert done.stdout == truth


def _plain_draws() -> bool:
    """Whether factcheck.report.plain draws for the installed rich (the release its rules were read from)."""
    release = plain._rich_release()
    return release is not None and release.startswith(plain.RICH)


_SHOWN = """
import json, sys
from factcheck.entry import main
sys.argv = ["factcheck", *json.loads(sys.argv[1])]
main()
heavy = {"typer", "click", "rich", "yaml", "dataclasses", "typing", "factcheck.store", "factcheck.model", "factcheck.query",
         "sqlite3", "datetime"}
print(json.dumps(sorted(heavy & set(sys.modules))), file=sys.stderr)
"""


def test_a_first_show_reads_the_rows_and_loads_no_library(project: Path) -> None:
    """A real subprocess of the console script's code, the index warm: `show ID`
    is the claim's row and its paragraph, read without the store, the model,
    PyYAML, typer, rich or typing (its panels drawn to a pipe by
    factcheck.report.plain), and prints what typer prints."""
    env = _script_env(COLUMNS="100")
    subprocess.run([sys.executable, "-m", "factcheck", "stats"], env=env, cwd=project, capture_output=True, check=True, timeout=120)
    for claim in (CLAIM, "wiki-ja-kp-ua-relations-013", f"{DOC}-001"):
        panels = [] if _plain_draws() else ["dataclasses", "rich", "typing"]
        for words, drawn in ((["show", claim, "--format", "json"], []), (["show", claim], panels)):
            done = subprocess.run([sys.executable, "-c", _SHOWN, json.dumps(words)], env=env, cwd=project,
                                  capture_output=True, timeout=120, check=True)
            assert json.loads(done.stderr.decode().strip().splitlines()[-1]) == drawn, words
            assert done.stdout == usual(words)[1], words
        assert json.loads(usual(["show", claim, "-f", "json"])[1])["context"] is not None, claim


def test_a_first_stats_reads_its_columns_and_loads_no_library(project: Path) -> None:
    """A real subprocess of the console script's code, the index warm: a first
    `stats` (its table drawn to a pipe, and JSON) loads no store, model,
    typer, rich or typing, nor the DB-API layer of sqlite3 (its date adapters
    import datetime: the driver is enough), and prints what typer prints."""
    env = _script_env(COLUMNS="100")
    subprocess.run([sys.executable, "-m", "factcheck", "stats"], env=env, cwd=project, capture_output=True, check=True, timeout=120)
    for words in (["stats"], ["stats", "--format", "json"]):
        shutil.rmtree(project / ".factcheck" / "answers", ignore_errors=True)  # a first question
        done = subprocess.run([sys.executable, "-c", _SHOWN, json.dumps(words)], env=env, cwd=project,
                              capture_output=True, timeout=120, check=True)
        assert json.loads(done.stderr.decode().strip().splitlines()[-1]) == ([] if _plain_draws() else ["rich", "typing"]), words
        assert done.stdout == usual(words)[1], words


def test_show_goes_the_usual_way_when_its_source_does_not_hold_the_claim(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A source that cannot be read, is not UTF-8, lacks the claim's lines or is
    gone (sources are not in the stamp: the rows are still fresh): the library
    answers, as it always did (no context in JSON; the panels say why)."""
    shapes = (["show", CLAIM, "--format", "json"], ["show", CLAIM])
    _warm(project)
    source = project / "sources" / "wiki-ja-kp-ua-relations.txt"
    calls: list[Any] = []

    def counted(*a: Any, real: Any = reads.show_from_rows, **kw: Any) -> Any:
        calls.append(real(*a, **kw))
        return calls[-1]

    monkeypatch.setattr(reads, "show_from_rows", counted)
    for args in shapes:
        calls.clear()
        assert first(monkeypatch, args) == usual(args) and len(calls) == 2 and None not in calls  # from the rows
    for broken in (b"\xff\xfe not UTF-8\n", b"one line\n", None):
        if broken is None:
            source.unlink()
        else:
            source.write_bytes(broken)
        for args in shapes:
            calls.clear()
            truth = usual(args)
            assert truth[0] == 0 and truth[1] and not truth[2], (broken, args)
            assert first(monkeypatch, args) == truth, (broken, args)
            assert calls == [None, None], (broken, args)
        assert json.loads(usual(shapes[0])[1])["context"] is None and b"source: " in usual(shapes[1])[1], broken


# --- the parts ------------------------------------------------------------------------------


def test_the_choices_are_the_typer_commands() -> None:
    from factcheck.cli import common, query

    commands = {"list": query.list_command, "stats": query.stats_command, "show": query.show_command, "search": query.search_command}
    for name, command in commands.items():
        hints = typing.get_type_hints(command, include_extras=True)
        assert _literal(hints["fmt"]) == direct.FORMATS[name], name
    assert _literal(typing.get_type_hints(query.search_command, include_extras=True)["scope"]) == direct.SCOPES
    assert (direct.EXIT_USAGE, direct.EXIT_INTERNAL) == (common.EXIT_USAGE, common.EXIT_INTERNAL)


def _literal(hint: Any) -> tuple[str, ...]:
    for arg in typing.get_args(hint):
        if typing.get_origin(arg) is typing.Literal:
            return typing.get_args(arg)
        found = _literal(arg)
        if found:
            return found
    return ()


def test_the_options_values_are_read_as_written() -> None:
    request = argv.parse(["search", "兵士", "-n", "3", "--limit", "4", "--fuzzy", "-s", "a", "--status", "b", "-d", "x"])
    assert request is not None
    assert request.options == {"--limit": ["3", "4"], "--fuzzy": [""], "--status": ["a", "b"], "--doc": ["x"]}
    assert set(argv.ALIASES.values()) <= {o for _, opts in argv.COMMANDS.values() for o in opts}


@pytest.mark.parametrize(
    "value",
    [
        {}, [], "", "日本語 \"quoted\" \\ \n\t\u2028\x00\x7f", 0, -1, 2**80, 1.5, -0.0, 1e-300, 1e300,
        float("nan"), float("inf"), -float("inf"), True, False, None,
        {"a": [1, {"b": [], "c": {}}, ["x", 2.5, None]], "": (1, 2), "日本": {"k": True}},
        [[[[]]], [{}], [{"a": [{"b": [1]}]}]],
        {"scores": {"partial": 91.66666666666667, "tokens": 100.0}, "matches": [[0, 3], [7, 9]]},
        # Tables (a list of dicts with the same keys: written column by column) and near-tables.
        [{"id": "a", "n": 1, "counts": {"x": 1, "y": 0}}, {"id": "b\n}", "n": 2.5, "counts": {}}],
        [{"a": [1, {"b": None}], "c": "}\n{"}, {"a": [], "c": ""}, {"a": ["x"], "c": "日本"}],
        [{"a": 1, "b": 2}, {"b": 1, "a": 2}], [{"a": 1}, {"a": 1, "b": 2}], [{}, {}], [{"a": 1}, [1]],
        [{"a": {"b": {"c": [{"d": 1}, {"d": 2}]}}}, {"a": {"b": {"c": []}}}],
        [{"n": {"x": 1, "y": {"z": [1]}}}, {"n": {"x": 2, "y": {"z": []}}}], [{"n": {"x": 1}}, {"n": {"y": 1}}],
        [{"n": {"x": 1}}, {"n": {}}], [{"%s": "%d", "b%": 1}, {"%s": "%(x)s", "b%": "%%"}],
    ],
)
def test_json_is_json_dumps_byte_for_byte(value: Any) -> None:
    assert records.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
    assert records.dumps([value, {"v": value}]) == json.dumps([value, {"v": value}], ensure_ascii=False, indent=2)


def test_json_leaves_the_unusual_to_json() -> None:
    class Text(str):
        pass

    for value in ({1: "a", None: 2, 2.5: 3, False: 4}, [Text("x")], {"k": Text("v")}):
        assert records.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
    circular: list[Any] = []
    circular.append(circular)
    for bad in ({"k": object()}, [b"bytes"], circular):
        with pytest.raises((TypeError, ValueError)):
            records.dumps(bad)


def test_the_rows_answers_import_no_command_line_interface() -> None:
    import ast

    for module in (reads, direct):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert names and not [n for n in names if n.split(".")[0] in ("typer", "click", "rich") or n.startswith("factcheck.cli")]


def test_a_search_word_standing_once_in_each_text_loads_no_rapidfuzz(project: Path) -> None:
    """A real subprocess, the index warm: a one-word query found once in each
    literal text is scored without rapidfuzz (issue 9), and prints what the
    typer interface prints; a word standing twice in some text loads it."""
    from factcheck.search import Query, search_fold

    env = _script_env(COLUMNS="100")
    subprocess.run([sys.executable, "-m", "factcheck", "stats"], env=env, cwd=project, capture_output=True, check=True, timeout=120)
    texts = [c["text"] for p in sorted((project / "claims").glob("*.yaml"))
             for c in __import__("yaml").safe_load(p.read_text(encoding="utf-8"))["claims"]]

    def counts(word: str) -> set[int]:
        q = Query(word).folded.text
        return {search_fold(t).text.count(q) for t in texts if word in t}

    once = next(w for w in ("派遣", "戦闘", "兵士") if counts(w) == {1})
    twice = next(w for w in ("ロシア", "北朝鮮", "ウクライナ", "の", "、") if max(counts(w), default=0) > 1)
    script = "import sys; from factcheck.entry import main; sys.argv = ['factcheck', *sys.argv[1:]]\n" \
             "try:\n    main()\nexcept SystemExit:\n    pass\nprint('rapidfuzz' in sys.modules, file=sys.stderr)"
    typer_only = [sys.executable, "-c", "import sys; sys.argv[0] = 'factcheck'; from factcheck.cli import main; main()"]
    for word, loaded in ((once, "False"), (twice, "True")):
        words = ["search", word, "--format", "json", "-n", "0"]
        done = subprocess.run([sys.executable, "-c", script, *words], env=env, cwd=project, capture_output=True, timeout=120, check=True)
        assert done.stderr.decode().split() == [loaded], word
        truth = subprocess.run([*typer_only, *words], env=env, cwd=project, capture_output=True, check=True, timeout=120)
        assert done.stdout == truth.stdout and json.loads(done.stdout), word
