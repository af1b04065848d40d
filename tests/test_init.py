"""`factcheck init`: a repository whose modelines resolve, with config and hook."""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.repo_init import PRE_COMMIT_TEXT, init_repository

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "It opened in 2019.[1] It closed in 2020.\n\nReferences\n1. ^ \"Opening\". Example News. 2019-01-02.\n"


def test_init_creates_the_layout_and_prints_next_steps(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "repo")])
    assert result.exit_code == 0, result.output
    repo = tmp_path / "repo"
    for name in ("claims", "references", "sources", "schema"):
        assert (repo / name).is_dir()
    for kind in ("claims", "references"):
        written = json.loads((repo / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        committed = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert written == committed
    assert yaml.safe_load((repo / ".factcheck.yaml").read_text(encoding="utf-8")) == {"version": 1}
    shown = runner.invoke(app, ["config", "--root", str(repo)])
    assert shown.exit_code == 0, shown.output  # the config reader accepts what init writes
    assert ".factcheck/" in (repo / ".gitignore").read_text(encoding="utf-8").split()
    assert "Next steps:" in result.stderr and "factcheck extract" in result.stderr


def test_the_hook_is_the_published_one(tmp_path: Path) -> None:
    (published,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = yaml.safe_load(PRE_COMMIT_TEXT)["repos"][0]["hooks"]
    keys = ("id", "entry", "files", "pass_filenames", "always_run", "require_serial")
    assert {k: hook.get(k) for k in keys} == {k: published.get(k) for k in keys}


def test_init_again_keeps_files_and_refreshes_a_stale_schema(tmp_path: Path) -> None:
    init_repository(tmp_path)
    (tmp_path / ".factcheck.yaml").write_text("version: 1\n# mine\n", encoding="utf-8")
    (tmp_path / "schema" / "claims.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.pyc", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "updated schema/claims.schema.json" in result.stderr
    assert "without the factcheck-validate hook" in result.stderr
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8").startswith("*.pyc\n# factcheck's index")
    assert (tmp_path / ".factcheck.yaml").read_text(encoding="utf-8") == "version: 1\n# mine\n"
    again = runner.invoke(app, ["init", str(tmp_path)])
    assert "already a factcheck repository; nothing to do" in again.stderr


def test_init_on_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    result = runner.invoke(app, ["init", str(tmp_path / "f")])
    assert result.exit_code == 2 and "is a file" in result.stderr


def test_extract_outside_a_repository_starts_one_and_says_so(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_ROOT", raising=False)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", "a.txt"])
    assert result.exit_code == 0, result.output
    assert "starting one there (factcheck init)" in result.stderr
    modeline = (tmp_path / "claims" / "a.yaml").read_text(encoding="utf-8").splitlines()[0]
    schema = modeline.split("$schema=", 1)[1]
    assert (tmp_path / "claims" / schema).resolve().is_file()  # the modeline resolves
    assert runner.invoke(app, ["validate", "--strict"]).exit_code == 0


def test_a_fresh_clone_is_still_a_repository(tmp_path: Path) -> None:
    # Git keeps no empty folders: the placeholders keep claims/ and references/.
    init_repository(tmp_path)
    assert sorted(os.listdir(tmp_path / "claims")) == [".gitkeep"]
    result = runner.invoke(app, ["validate", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output


def test_the_lock_and_journal_are_ignored_by_git_in_new_and_older_repositories(tmp_path: Path) -> None:
    new = tmp_path / "new"
    assert runner.invoke(app, ["init", str(new)]).exit_code == 0
    assert {".factcheck.lock", ".factcheck.journal"} <= set((new / ".gitignore").read_text(encoding="utf-8").split())
    older = tmp_path / "older"  # started before issue 12: the index line only
    older.mkdir()
    (older / ".gitignore").write_text("# factcheck's index\n.factcheck/\n", encoding="utf-8")
    assert runner.invoke(app, ["init", str(older)]).exit_code == 0
    lines = (older / ".gitignore").read_text(encoding="utf-8").split()
    assert lines.count(".factcheck/") == 1 and ".factcheck.lock" in lines and ".factcheck.journal" in lines
