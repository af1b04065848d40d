"""Answers kept (factcheck.answers, factcheck.argv, factcheck.entry): a plain
read command answered by the console script before typer or rich load is
byte for byte, exit code for exit code, what the typer command prints for
the same command, files, terminal and environment, and never once anything
it was made from changed."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

import factcheck.cli
from factcheck import answers, argv, direct, entry, index, store
from factcheck import stamp as stamping

ROOT = Path(__file__).resolve().parent.parent
CLAIM = "wiki-ja-kp-ua-relations-003"
DOC = "blog-ja-ru-kp-relations"

# Every shape the parser takes, over the project's own data.
SHAPES = [
    ["list"],
    ["list", "--status", "disputed"],
    ["list", "-s", "unsourced", "-s", "Sourced", "--format", "yaml"],
    ["list", "--format", "json"],
    ["list", "--doc", DOC, "-f", "ids"],
    ["list", "--cites", "14", "--format", "json"],
    ["list", "--lang", "ja", "--section", "歴史", "--marker", "dubious", "--since", "2000", "--until", "2030"],
    ["list", "--format", "csv", "--csv-raw", "-d", DOC],
    ["stats"],
    ["stats", "--format", "json"],
    ["stats", "-f", "json"],
    ["show", CLAIM],
    ["show", CLAIM, "--format", "json"],
    ["show", "-f", "json", CLAIM],
    ["search", "北朝鮮"],
    ["search", "ロシア", "--format", "json", "--status", "sourced"],
    ["search", "兵", "-f", "json", "-n", "0"],
    ["search", "ロシア", "--in", "references", "--limit", "5"],
    ["search", "ロシア", "--fuzzy", "--min-score", "90", "--doc", DOC],
]
TABLES = [["list", "--status", "disputed"], ["stats"], ["show", CLAIM], ["search", "北朝鮮"]]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for sub in ("claims", "references", "sources"):
        shutil.copytree(ROOT / sub, tmp_path / sub)
    monkeypatch.chdir(tmp_path)
    for name in (*answers.ENV, *answers.FALL_THROUGH_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path


class _Stream(io.BytesIO):
    """What a process writes to: a terminal or not."""

    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


Run = tuple[int, bytes, bytes]


def _run(main: Callable[[], Any], args: list[str], *, tty: bool = False) -> Run:
    """(exit code, stdout, stderr) of ``main`` (the console script's, or
    typer's alone) with this command line, as a process would give them."""
    out, err = _Stream(tty), _Stream(tty)
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="\n", line_buffering=tty)
    stderr = io.TextIOWrapper(err, encoding="utf-8", newline="\n", line_buffering=True)
    saved = sys.argv, sys.stdout, sys.stderr
    sys.argv, sys.stdout, sys.stderr = ["factcheck", *args], stdout, stderr
    code: Any = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    finally:
        stdout.flush()
        stderr.flush()
        sys.argv, sys.stdout, sys.stderr = saved
    return (0 if code is None else code), out.getvalue(), err.getvalue()


def usual(args: list[str], *, tty: bool = False) -> Run:
    """The typer command line interface alone: no answer served or kept."""
    return _run(factcheck.cli.main, args, tty=tty)


def console(args: list[str], *, tty: bool = False) -> Run:
    """The console script: a kept answer, else the typer interface (keeping its answer)."""
    return _run(entry.main, args, tty=tty)


def served(monkeypatch: pytest.MonkeyPatch, args: list[str], *, tty: bool = False) -> Run:
    """The console script with the typer interface and the answer from the
    rows refused: a kept answer or a failed test."""

    def refuse(*_: Any) -> bool:
        raise AssertionError(f"the answer was made again for {args}")

    with monkeypatch.context() as m:
        m.setattr(factcheck.cli, "main", refuse)
        m.setattr(direct, "answer", refuse)
        return console(args, tty=tty)


def _coloured(output: bytes) -> bool:
    """Whether ``output`` sets a colour (NO_COLOR keeps bold and dim: rich's reading of it)."""
    return re.search(rb"\x1b\[(?:[0-9]+;)*(?:3[0-8]|9[0-7])(?:;[0-9]+)*m", output) is not None


def _kept(project: Path) -> list[Path]:
    folder = project / ".factcheck" / answers.FOLDER
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


def _bump(path: Path, text: str) -> None:
    old = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(old + 10**9, old + 10**9))


# --- the same bytes ------------------------------------------------------------------------


def test_every_shape_is_answered_as_typer_answers_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for args in SHAPES:
        truth = usual(args)
        assert truth[0] == 0 and truth[1] and not truth[2], (args, truth)
        assert console(args) == truth, args  # typer's answer, kept
        assert served(monkeypatch, args) == truth, args  # the kept answer
    assert len(_kept(project)) == len(SHAPES)


@pytest.mark.parametrize(
    "env",
    [
        {"TERM": "xterm-256color"},
        {"TERM": "xterm-256color", "NO_COLOR": "1"},
        {"TERM": "xterm", "COLORTERM": "truecolor", "COLUMNS": "72"},
        {"FORCE_COLOR": "1", "COLUMNS": "180"},
    ],
)
def test_tables_at_a_terminal_keep_its_colours(project: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for args in TABLES:
        tty = "FORCE_COLOR" not in env
        truth = usual(args, tty=tty)
        assert truth[0] == 0
        assert _coloured(truth[1]) == ("NO_COLOR" not in env), args
        assert console(args, tty=tty) == truth
        assert served(monkeypatch, args, tty=tty) == truth


def test_terminal_width_colour_and_pipe_each_have_their_answer(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["search", "北朝鮮"]
    monkeypatch.setenv("TERM", "xterm-256color")
    console(args, tty=True)
    piped = usual(args)
    assert console(args) == piped and b"\x1b[" not in piped[1]  # not the terminal's answer
    monkeypatch.setenv("COLUMNS", "60")
    narrow = usual(args)
    assert narrow != piped
    assert console(args) == narrow and served(monkeypatch, args) == narrow
    monkeypatch.setenv("NO_COLOR", "1")
    plain = usual(args, tty=True)
    assert console(args, tty=True) == plain and not _coloured(plain[1])
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("COLUMNS", "100")
    assert _coloured(served(monkeypatch, args, tty=True)[1])  # colours again, as kept for this terminal
    assert served(monkeypatch, args) == piped


# --- never stale ---------------------------------------------------------------------------


def test_an_edited_claim_file_changes_every_answer(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shapes = [["list", "--format", "json"], ["stats"], ["show", CLAIM], ["search", "北朝鮮", "--format", "json", "-n", "0"]]
    for args in shapes:
        console(args)
        console(args)
    before = [served(monkeypatch, args) for args in shapes]
    path = project / "claims" / "wiki-ja-kp-ua-relations.yaml"
    _bump(path, _edit_claim(path.read_text(encoding="utf-8"), CLAIM, "北朝鮮の編集された主張。"))
    after = [console(args) for args in shapes]
    assert after == [usual(args) for args in shapes]
    # The counts of `stats` do not move with a claim's text; every other answer shows it.
    assert [a != b for a, b in zip(after, before, strict=True)] == [True, False, True, True]
    assert b"\xe7\xb7\xa8\xe9\x9b\x86" in after[0][1]  # 編集: the new text
    assert [served(monkeypatch, args) for args in shapes] == after


def _edit_claim(text: str, claim_id: str, new: str) -> str:
    """The claim file with one claim's text replaced (the YAML line after its id)."""
    lines = text.split("\n")
    at = lines.index(f"  - id: {claim_id}")
    for i in range(at + 1, len(lines)):
        if lines[i].startswith("    text:"):
            lines[i] = f"    text: '{new}'"
            return "\n".join(lines)
    raise AssertionError("no text line")


def test_an_edited_source_changes_show(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shapes = (["show", CLAIM], ["show", CLAIM, "--format", "json"])
    for args in shapes:
        usual(args)
        console(args)
        assert served(monkeypatch, args) == usual(args)
    before = [usual(args) for args in shapes]
    source = project / "sources" / "wiki-ja-kp-ua-relations.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    end = json.loads(usual(["show", CLAIM, "--format", "json"])[1])["location"]["end_line"]
    lines[end - 1] += "ソースに書き足された文。"  # after the claim, on its line: the context shows it
    _bump(source, "\n".join(lines))
    for args, then in zip(shapes, before, strict=True):
        truth = usual(args)
        assert truth != then
        assert console(args) == truth
        assert served(monkeypatch, args) == truth
    assert "書き足された" in json.loads(usual(shapes[1])[1])["context"]["after"]
    source.unlink()
    gone = usual(["show", CLAIM])
    assert b"source" in gone[1] and console(["show", CLAIM]) == gone


def test_show_depends_on_the_source_of_the_first_file_giving_its_document_id(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another claims file, first by name, gives the claim's document id: `show` quotes that
    file's source (the first document with the id), and its kept answer depends on it."""
    own = (project / "claims" / "wiki-ja-kp-ua-relations.yaml").read_text(encoding="utf-8")
    head = own.split("\nclaims:")[0].replace("sources/wiki-ja-kp-ua-relations.txt", "sources/a-shared.txt")
    (project / "claims" / "a-shared.yaml").write_text(head + "\nclaims:\n  - id: a-shared-1\n    text: 'A claim.'\n"
                                                     "    location: {line: 1, column: 1, end_line: 1, end_column: 9}\n", encoding="utf-8")
    shared = project / "sources" / "a-shared.txt"
    lines = (project / "sources" / "wiki-ja-kp-ua-relations.txt").read_text(encoding="utf-8").split("\n")
    shared.write_text("\n".join(lines), encoding="utf-8")
    args = ["show", CLAIM, "--format", "json"]
    usual(["stats"])
    console(args)
    assert served(monkeypatch, args) == usual(args)
    assert json.loads(usual(args)[1])["context"]["path"] == "sources/a-shared.txt"
    end = json.loads(usual(args)[1])["location"]["end_line"]
    lines[end - 1] += "ソースに書き足された文。"
    _bump(shared, "\n".join(lines))
    truth = usual(args)
    assert "書き足された" in json.loads(truth[1])["context"]["after"]
    assert console(args) == truth


def test_new_files_and_the_configuration_change_the_answer(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for args in (["stats"], ["list"]):
        console(args)
        console(args)
    (project / ".factcheck.yaml").write_text("format:\n  list: ids\n", encoding="utf-8")
    assert console(["list"]) == usual(["list"]) and console(["list"])[1].startswith(b"blog-")
    counted = console(["stats"])
    text = (project / "claims" / f"{DOC}.yaml").read_text(encoding="utf-8")
    (project / "claims" / "zz-copy.yaml").write_text(text.replace(DOC, "zz-copy"), encoding="utf-8")  # a new document
    assert console(["stats"]) == usual(["stats"]) != counted


def test_a_file_changed_while_the_answer_is_made_leaves_it_stale(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The answer is filed under the stamp taken before the run read anything."""
    from factcheck.report import stats

    args = ["stats", "--format", "json"]
    usual(args)
    real = stats.FORMATS["json"]

    def render_then_edit(result: Any, out: Any) -> None:
        real(result, out)  # the counts as read; then a new document arrives
        text = (project / "claims" / f"{DOC}.yaml").read_text(encoding="utf-8")
        (project / "claims" / "zz-new.yaml").write_text(text.replace(DOC, "zz-new"), encoding="utf-8")

    with monkeypatch.context() as m:
        m.setitem(stats.FORMATS, "json", render_then_edit)
        made = console(args)
    assert made[0] == 0 and (project / "claims" / "zz-new.yaml").exists() and _kept(project)
    with pytest.raises(AssertionError, match="made again"):
        served(monkeypatch, args)
    assert console(args) == usual(args) != made


_WATCH = """
import json, os, sys
opened = set()

def hook(event, args):
    if event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.add(os.path.abspath(os.fsdecode(args[0])))

shapes, target = json.loads(sys.argv[1]), sys.argv[2]
sys.addaudithook(hook)
from factcheck.cli import main
seen = {}
for words in shapes:
    for _ in range(2):  # cold, then warm
        sys.argv = ["factcheck", *words]
        try:
            main()
        except SystemExit:
            pass
    seen[" ".join(words)] = sorted(opened)
    opened.clear()
with open(target, "w", encoding="utf-8") as f:
    json.dump(seen, f)
"""


def test_what_the_answers_are_made_from_is_what_they_depend_on(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every file of the repository the typer commands open or list (Python's
    audit events) is one the stamp covers, the index, or the source `show` quotes."""
    import json

    out = tmp_path_factory.mktemp("watch") / "seen.json"
    env = _script_env(COLUMNS="100")
    subprocess.run([sys.executable, "-c", _WATCH, json.dumps(SHAPES), str(out)], env=env, cwd=project, check=True,
                   capture_output=True, timeout=300)
    root = str(project.resolve())
    covered = [os.path.join(root, f) for f in (*stamping.FOLDERS, answers.INDEX_DIR)]
    covered += [os.path.join(root, f) for f in stamping.CONFIG_FILES]
    for words, paths in json.loads(out.read_text(encoding="utf-8")).items():
        inside = [p for p in paths if p == root or p.startswith(root + os.sep)]
        assert inside, words  # the claims were read at least once
        extra = {p for p in inside if p != root and not any(p == c or p.startswith(c + os.sep) for c in covered)}
        expected = {os.path.join(root, "sources", "wiki-ja-kp-ua-relations.txt")} if words.startswith("show") else set()
        assert extra == expected, words


_MACHINE = """
import json, sys
from factcheck.cli import main
loaded = []
for words in json.loads(sys.argv[1]):
    for _ in range(2):  # cold, then warm
        sys.argv = ["factcheck", *words]
        try:
            main()
        except SystemExit:
            pass
    loaded.append([" ".join(words), sorted(m for m in sys.modules if m.split(".")[0] in ("rich", "pydantic"))])
print(json.dumps(loaded), file=sys.stderr)
"""


def test_machine_formats_never_load_rich(project: Path) -> None:
    """JSON, YAML, CSV and ids, through the typer interface (a first question): no rich, no pydantic."""
    import json

    machine = [w for w in SHAPES if {"json", "yaml", "ids", "csv"} & set(w)]
    assert len(machine) >= 10
    done = subprocess.run([sys.executable, "-c", _MACHINE, json.dumps(machine)], env=_script_env(), cwd=project,
                          capture_output=True, timeout=300, check=True)
    assert json.loads(done.stderr.decode().strip().splitlines()[-1]) == [[" ".join(w), []] for w in machine]


def test_a_changed_library_is_not_trusted(project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every library the answer was made with is a file it depends on (rich draws the tables)."""
    library = tmp_path_factory.mktemp("lib") / "fakelib.py"
    library.write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.setattr(answers, "_libraries", lambda: [str(library)])
    usual(["stats"])
    console(["stats"])
    assert served(monkeypatch, ["stats"]) == usual(["stats"])
    _bump(library, "VERSION = 2\n")
    with pytest.raises(AssertionError, match="made again"):
        served(monkeypatch, ["stats"])


def test_libraries_are_the_third_party_modules_loaded() -> None:
    import rich
    import typer
    import yaml

    found = answers._libraries()
    assert {rich.__file__, typer.__file__, yaml.__file__} <= set(found)
    assert os.__file__ not in found and not any("factcheck" + os.sep in f.split("site-packages")[-1] for f in found)


# --- what goes the usual way ---------------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        [], ["--version"], ["validate"], ["report"], ["export", "--format", "csv"], ["list", "--help"], ["stats", "-h"],
        ["list", "--status=disputed"], ["list", "-sdisputed"], ["LIST"], ["list", "--STATUS", "disputed"],
        ["list", "--status"], ["list", "--status", "--format", "json"], ["list", "--"], ["list", "extra"],
        ["show"], ["show", "a", "b"], ["search"], ["search", "-x"], ["stats", "--format"], ["stats", "--nope"],
        ["list", "--output", "x"], ["--root", ".", "stats"],
    ],
)
def test_anything_but_a_plain_read_command_is_typers(words: list[str]) -> None:
    assert argv.parse(words) is None


def test_a_plain_command_line_is_recognised() -> None:
    request = argv.parse(["search", "兵士", "--root", "a", "-n", "3", "--root", "b", "--fuzzy"])
    assert request is not None
    assert (request.command, request.argument, request.root) == ("search", "兵士", "b")
    assert request.words == ("search", "兵士", "--root", "a", "-n", "3", "--root", "b", "--fuzzy")


def test_the_parser_knows_exactly_the_typer_commands_options() -> None:
    import typer.main

    group = typer.main.get_command(factcheck.cli.register(None))
    for name, (arguments, options) in argv.COMMANDS.items():
        command = group.commands[name]  # type: ignore[attr-defined]
        theirs: dict[str, bool] = {}
        positional = 0
        for param in command.params:
            if param.param_type_name == "argument":
                positional += 1
                continue
            for opt in (*param.opts, *param.secondary_opts):
                theirs[opt] = not param.is_flag
        theirs.pop("--help", None)
        theirs.pop("-h", None)
        assert options == theirs, name
        assert arguments == positional, name


def test_errors_are_typers_and_not_kept(project: Path) -> None:
    for args in (["show", "no-such-claim"], ["list", "--status", "nope"], ["stats", "--format", "xml"], ["search", "北朝鮮", "--limit", "x"]):
        truth = usual(args)
        assert truth[0] == 2 and b"error" in truth[2]
        assert console(args) == truth
        assert console(args) == truth
    assert _kept(project) == []


def test_a_note_on_stderr_is_not_kept(project: Path) -> None:
    args = ["search", "北朝鮮とペンギン", "--min-score", "100"]
    truth = usual(args)
    assert truth[0] == 0 and b"nearest" in truth[2]
    assert console(args) == truth and console(args) == truth
    assert _kept(project) == []


def test_ctrl_c_while_an_answer_is_written_is_said_as_typer_says_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.report import stats

    args = ["stats", "--format", "json"]
    console(args)

    def interrupt(*_: Any) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setitem(stats.FORMATS, "json", interrupt)
        truth = usual(args)
    with monkeypatch.context() as m:
        m.setattr(answers, "_copy", interrupt)
        assert served(monkeypatch, args) == truth == (130, b"", b"factcheck: error: interrupted\n")


def test_no_index_means_no_answer(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(index.NO_INDEX_ENV, "1")
    truth = usual(["stats"])
    assert console(["stats"]) == truth and console(["stats"]) == truth
    assert not (project / ".factcheck").exists()


@pytest.mark.parametrize("damage", ["truncated", "garbage", "header", "index garbage", "index removed"])
def test_a_damaged_answer_or_index_is_not_served(project: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    args = ["stats", "--format", "json"]
    truth = usual(args)
    console(args)
    (kept,) = _kept(project)
    db = project / ".factcheck" / "index.sqlite"
    if damage == "truncated":
        kept.write_bytes(kept.read_bytes()[:-10])
    elif damage == "garbage":
        kept.write_bytes(b"\x00garbage" * 50)
    elif damage == "header":
        kept.write_bytes(kept.read_bytes().replace(answers.FORMAT, b"factcheck answer 1\nx", 1))
    elif damage == "index garbage":
        for suffix in ("-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        db.write_bytes(b"not a database" * 100)
    else:
        db.unlink()
    with pytest.raises(AssertionError, match="made again"):
        served(monkeypatch, args)
    assert console(args) == truth
    assert served(monkeypatch, args) == truth  # kept again


def test_answers_of_another_stamp_and_beyond_the_limits_are_removed(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    console(["stats"])
    console(["stats", "--format", "json"])
    assert len(_kept(project)) == 2
    _bump(project / "claims" / f"{DOC}.yaml", (project / "claims" / f"{DOC}.yaml").read_text(encoding="utf-8") + "# x\n")
    console(["stats"])
    assert len(_kept(project)) == 1
    monkeypatch.setattr(answers, "MAX_ANSWERS", 2)
    for args in (["stats", "--format", "json"], ["list", "--format", "ids"], ["list", "--format", "json"]):
        console(args)
    kept = _kept(project)
    assert len(kept) == 2 and served(monkeypatch, ["list", "--format", "json"])[0] == 0
    stale = project / ".factcheck" / answers.FOLDER / ".x.999999999.tmp"
    stale.write_bytes(b"")
    console(["list", "--format", "yaml"])
    assert not stale.exists()


def test_every_environment_variable_the_output_reads_is_in_the_key() -> None:
    """rich, typer (and its click), PyYAML and factcheck: each variable they
    read is part of an answer's key, or makes the console script go the usual way."""
    import importlib

    import rich
    import typer
    import yaml

    modules = [rich, typer, yaml, factcheck]
    modules += [importlib.import_module(name) for name in ("click", "rapidfuzz") if importlib.util.find_spec(name)]  # typer may vendor click
    pattern = re.compile(r"""(?:environ\.get|getenv|environ\[|environ\.setdefault)\(?\s*["']([A-Z_][A-Z0-9_]*)["']""")
    constant = re.compile(r"""^[A-Z_]*ENV\s*=\s*["']([A-Z_][A-Z0-9_]*)["']""", re.M)
    found: set[str] = set()
    for module in modules:
        for path in Path(module.__file__).parent.rglob("*.py"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found |= set(pattern.findall(text)) | set(constant.findall(text))
    # Read only for shell completion (answers step aside then), by the report's pager (not answered), or on Windows.
    elsewhere = {"COMP_WORDS", "COMP_CWORD", "LESS", "PAGER", "MANPAGER", "WT_SESSION", "ANSICON", "SHELL", "HOME",
                 "USERPROFILE", "APPDATA", "LOCALAPPDATA", "PYCHARM_HOSTED", "PROGRAMFILES"}
    missing = {
        name for name in found - set(answers.ENV) - set(answers.FALL_THROUGH_ENV) - elsewhere
        if not name.startswith(answers.FALL_THROUGH_PREFIXES)
    }
    assert missing == set()
    assert {"COLUMNS", "NO_COLOR", "TERM", "FORCE_COLOR"} <= found


def test_the_names_are_the_stores_and_the_indexs() -> None:
    from factcheck.config import PYPROJECT, YAML_NAME

    assert (answers.INDEX_DIR, answers.INDEX_FILE) == (index.INDEX_DIR, index.INDEX_FILE)
    assert answers.FALL_THROUGH_ENV == (index.NO_INDEX_ENV,)
    assert (stamping.FOLDERS, stamping.ROOT_ENV) == ((store.CLAIMS_DIR, store.REFERENCES_DIR), store.ROOT_ENV)
    assert stamping.CONFIG_FILES == (YAML_NAME, PYPROJECT)


def test_locate_finds_what_the_store_finds(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "claims" / "deeper").mkdir()
    monkeypatch.chdir(project / "claims" / "deeper")
    assert stamping.locate(None) == str(store.Repository.locate(None).root.resolve())
    assert stamping.locate(str(project)) == str(project.resolve())
    assert stamping.locate(str(project / "sources")) is None  # not a repository: typer says so
    monkeypatch.setenv(store.ROOT_ENV, str(project))
    monkeypatch.chdir("/")
    assert stamping.locate(None) == str(project.resolve())


def test_root_from_elsewhere(project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    args = ["stats", "--root", str(project)]
    truth = usual(args)
    assert truth[0] == 0 and console(args) == truth and served(monkeypatch, args) == truth


# --- the console script itself -----------------------------------------------------------------


def _script_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in answers.ENV and k not in answers.FALL_THROUGH_ENV}
    return {**env, **extra}


def test_the_console_script_answers_before_typer_or_rich_load(project: Path) -> None:
    """Real subprocesses: the installed entry point keeps and serves the bytes
    the typer interface prints, and a served answer loads neither typer, click nor rich."""
    exe = shutil.which("factcheck", path=str(Path(sys.executable).parent))
    script = [exe] if exe else [sys.executable, "-m", "factcheck"]
    typer_only = [sys.executable, "-c", "import sys; sys.argv[0] = 'factcheck'; from factcheck.cli import main; main()"]
    env = _script_env(COLUMNS="90")
    for args in (["stats"], ["show", CLAIM], ["list", "--status", "disputed", "--format", "json"]):
        truth = subprocess.run([*typer_only, *args], capture_output=True, timeout=120, env=env, cwd=project)
        runs = [subprocess.run([*script, *args], capture_output=True, timeout=120, env=env, cwd=project) for _ in range(2)]
        assert truth.returncode == 0 and truth.stdout
        assert all((r.returncode, r.stdout, r.stderr) == (0, truth.stdout, b"") for r in runs), args
    with open(project / "out.txt", "ab") as appended:  # O_APPEND: no sendfile, the same bytes
        appended.write(b"before\n")
        appended.flush()
        subprocess.run([*script, "stats"], stdout=appended, timeout=120, env=env, cwd=project, check=True)
    assert (project / "out.txt").read_bytes() == b"before\n" + truth_of(typer_only, ["stats"], env, project)
    code = ("import sys; sys.argv = ['factcheck', 'stats']\nfrom factcheck.entry import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'rich', 'sqlite3', 'typing'}), file=sys.stderr)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, env=env, cwd=project)
    assert loaded.stdout == truth_of(typer_only, ["stats"], env, project)
    assert loaded.stderr.decode().strip() == "[]"
    head = subprocess.run(f"'{script[-1]}' list --format json | head -c 10", shell=True, capture_output=True, timeout=120,
                          env=env, cwd=project) if exe else None
    assert head is None or (head.returncode, head.stderr) == (0, b"")


def truth_of(typer_only: list[str], args: list[str], env: dict[str, str], cwd: Path) -> bytes:
    return subprocess.run([*typer_only, *args], capture_output=True, timeout=120, env=env, cwd=cwd, check=True).stdout


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_at_a_real_terminal_the_colours_are_the_terminals(project: Path) -> None:
    """stdout a pseudo-terminal: colours as rich gives them there, none with NO_COLOR."""
    typer_only = [sys.executable, "-c", "import sys; sys.argv[0] = 'factcheck'; from factcheck.cli import main; main()"]
    script = [sys.executable, "-m", "factcheck"]
    for extra in ({"TERM": "xterm-256color"}, {"TERM": "xterm-256color", "NO_COLOR": "1"}):
        env = _script_env(**extra)
        truth = _at_terminal([*typer_only, "stats"], env, project)
        runs = [_at_terminal([*script, "stats"], env, project) for _ in range(2)]
        assert runs == [truth, truth]
        assert _coloured(truth) == ("NO_COLOR" not in extra)
    assert any(p.name for p in _kept(project))


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_coloured_answer_drawn_without_rich_is_riches(project: Path) -> None:
    """At a terminal of each colour system, a first table answer drawn by
    factcheck.report.plain, and the kept answer served after it, are the
    bytes rich draws there (rich made to draw: plain held to another release)."""
    script = [sys.executable, "-m", "factcheck"]
    rich_only = [sys.executable, "-c", "import sys; sys.argv[0] = 'factcheck'; from factcheck.report import plain; "
                 "plain.RICH = ('0.0.',); from factcheck.cli import main; main()"]
    watched = [sys.executable, "-c", "import atexit, json, sys; sys.argv = ['factcheck', *json.loads(sys.argv[1])]; "
               "atexit.register(lambda: open('loaded.txt', 'w').write(str(sorted({'rich', 'typer'} & set(sys.modules))))); "
               "from factcheck.entry import main; main()"]
    for extra in ({"TERM": "xterm"}, {"TERM": "xterm-256color"}, {"TERM": "xterm", "COLORTERM": "truecolor"},
                  {"TERM": "xterm-256color", "NO_COLOR": "1"}):
        env = _script_env(**extra)
        for args in TABLES:
            truth = _at_terminal([*rich_only, *args], env, project)
            assert b"\x1b[" in truth, args
            first = _at_terminal([*watched, json.dumps(args)], env, project)  # drawn, and kept
            assert (project / "loaded.txt").read_text() == "[]", (extra, args)  # by plain: no rich
            assert [first, _at_terminal([*script, *args], env, project)] == [truth, truth], (extra, args)


def _at_terminal(command: list[str], env: dict[str, str], cwd: Path) -> bytes:
    """What ``command`` writes to a terminal 100 columns wide."""
    import fcntl
    import struct
    import termios

    main, child = os.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=child, stderr=subprocess.PIPE, env=env, cwd=cwd)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=120)
    os.close(main)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else b""
    return b"".join(chunks)
