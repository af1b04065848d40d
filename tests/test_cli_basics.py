"""What every command owes its user: help with an example, a version, an entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app

runner = CliRunner()
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]


def test_the_main_commands_are_registered() -> None:
    assert {"extract", "validate", "schema", "list", "search", "show", "stats", "report", "export"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert "\x1b[" not in result.output


def test_version_in_process_and_as_python_module() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and factcheck.__version__ in result.output
    proc = subprocess.run([sys.executable, "-m", "factcheck", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == f"factcheck {factcheck.__version__}"


def test_installed_entry_point_rejects_bad_usage_with_exit_2() -> None:
    exe = Path(sys.executable).with_name("factcheck")
    proc = subprocess.run([str(exe), "no-such-command"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "no-such-command" in proc.stderr


def test_unexpected_errors_reach_the_user_as_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from factcheck import cli

    def explode(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("FACTCHECK_DEBUG", raising=False)
    monkeypatch.setattr(cli, "register", lambda name=None: explode)  # main() runs the app register() gives
    with pytest.raises(SystemExit) as info:
        cli.main(["--version"])
    assert info.value.code == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err and "Traceback" not in err


def test_the_console_script_loads_only_the_command_it_runs() -> None:
    """Each command is in COMMAND_MODULES under its module (the script imports
    only that one), and `stats` runs without the detector or the extractor."""
    from factcheck import cli

    registered = {c.name or c.callback.__name__: c.callback.__module__ for c in app.registered_commands}  # type: ignore[union-attr]
    assert {name: f"factcheck.cli.{m}" for name, m in cli.COMMAND_MODULES.items()} == registered
    code = ("import sys; from factcheck.cli import main; sys.argv = ['factcheck', 'stats', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('factcheck.contradict', 'factcheck.extract', 'factcheck.cli.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert out.strip().splitlines()[-1] == "['factcheck.cli.coerce', 'factcheck.cli.common', 'factcheck.cli.query']"


@pytest.mark.parametrize("doc_id", ["../evil", "a b/c", ".hidden", "x/y"])
def test_extract_rejects_an_id_that_is_not_a_file_name(tmp_path: Path, doc_id: str) -> None:
    # "--id ../evil" wrote claims and references to one path outside claims/.
    source = tmp_path / "article.txt"
    source.write_text("The sky is blue.\n", encoding="utf-8")
    (tmp_path / "claims").mkdir()
    result = runner.invoke(app, ["extract", str(source), "--id", doc_id, "--root", str(tmp_path)])
    assert result.exit_code == 2 and "bad document id" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "claims"]


def test_extract_accepts_a_japanese_id(tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text("空は青い。\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(source), "--id", "能登-1", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "claims" / "能登-1.yaml").is_file()


@pytest.mark.parametrize(
    "args, message",
    [
        (["export"], "Missing option '--format'"),
        (["list", "--bogus"], "No such option: --bogus"),
        (["no-such-command"], "No such command"),
        (["search"], "Missing argument 'QUERY'"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(args: list[str], message: str) -> None:
    # click printed "Usage: ...", "Try ...", a blank line and "Error: ...".
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "--help" in result.stderr


def test_bare_command_still_shows_the_help() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 2 and "Usage: factcheck" in result.output and "Commands" in result.output
