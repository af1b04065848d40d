"""Every example in every command's --help runs, on the bundled data, and
stays on a line of its own when click renders the help."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]
runner = CliRunner()


def examples(command: str) -> list[str]:
    """The example command lines of a command's docstring: ``Example: ...``
    lines and the lines of an ``Examples:`` block."""
    doc = COMMANDS[command].help or ""
    found = re.findall(r"Example: (factcheck .+)", doc)
    for block in re.findall(r"Examples:\n((?:[ \t]+factcheck .+\n?)+)", doc):
        found += [line.strip() for line in block.splitlines() if line.strip()]
    return found


CASES = [(command, example) for command in COMMANDS for example in examples(command)]


def test_every_command_has_examples() -> None:
    assert {c for c, _ in CASES} == set(COMMANDS)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled repository, so examples that write leave the checkout alone."""
    root = tmp_path_factory.mktemp("bundled")
    for folder in ("claims", "references", "sources", "schema"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def run(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(cwd)
    result = runner.invoke(app, args, env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == 0, f"{shlex.join(args)}: {result.stderr}"
    return result.stdout


@pytest.mark.parametrize("command, example", CASES, ids=[e for _, e in CASES])
def test_example_runs_on_the_bundled_data(command: str, example: str, bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for part in example.split("&&"):
        piped = "|" in part
        words = shlex.split(part.split("|")[0])
        # As the shell would: a glob becomes the files it names.
        words = [w for word in words for w in (sorted(str(p.relative_to(bundled)) for p in bundled.glob(word)) if "*" in word else [word])]
        assert words[0] == "factcheck"
        out = run(words[1:], bundled, monkeypatch)
        if piped:  # `... --format json | jq ...`: what jq would read is JSON
            json.loads(out)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_examples_keep_their_own_lines_in_help(command: str) -> None:
    shown = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
    lines = {" ".join(line.split()) for line in shown.splitlines()}
    for example in examples(command):
        assert example in lines or f"Example: {example}" in lines, example


def test_readme_pins_the_hook_to_a_commit_that_offers_it() -> None:
    import subprocess

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (rev,) = re.findall(r"^\s+rev: (\S+)", readme, flags=re.M)
    assert re.fullmatch(r"[0-9a-f]{40}", rev), rev
    hooks = subprocess.run(["git", "show", f"{rev}:.pre-commit-hooks.yaml"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert hooks.returncode == 0, hooks.stderr
    assert "id: factcheck-validate" in hooks.stdout


def test_license_file_matches_the_metadata() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert 'license = { text = "MIT" }' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
