"""A repository's life, end to end: the README's "Start your own repository"
followed line by line, and the issue's scripted run (init, extract, hand
edits, contradictions, review by pty and by ids, a revised article, validate)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from test_review import _pty_session
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.store import read_claim_file

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "life"
BIN = Path(sys.executable).parent
runner = CliRunner()


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "FACTCHECK_", "PRE_COMMIT"))}
    env.update({
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "HOME": str(tmp_path),
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "PIP_NO_INDEX": "1", "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
    })
    return env


def readme_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Start your own repository", 1)[1]
    match = re.search(r"```sh\n(.*?)```", section, re.S)
    assert match, "the section has a sh block"
    return match.group(1)


def test_the_readme_start_your_own_repository_runs_as_written(tmp_path: Path) -> None:
    for name in ("bridge.txt", "council.txt", "bridge-revised.txt"):
        shutil.copyfile(DATA / name, tmp_path / name)
    script = "set -euo pipefail\n" + readme_block()
    proc = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=_env(tmp_path), stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=600,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "Traceback" not in out
    repo = tmp_path / "my-claims"
    assert "review changed (text rewritten; revision: changed): bridge-002" in out
    assert "review vanished (kept; revision: vanished): bridge-005" in out
    # Two commits, both through the factcheck-validate hook.
    log = subprocess.run(["git", "log", "--format=%s"], cwd=repo, env=_env(tmp_path), capture_output=True, text=True)
    assert log.stdout.split("\n")[:2] == ["Bridge article revised", "Bridge articles, first review"]
    assert "factcheck validate" in out and "Passed" in out
    claims = {c.id: c for c in read_claim_file(repo / "claims" / "bridge.yaml").claims}
    (rejected,) = claims["bridge-003"].relations
    assert (rejected.target, rejected.review) == ("council-002", "rejected")
    assert any(r.target == "bridge-001" and r.review == "accepted" for r in claims["bridge-004"].relations)


def test_the_issue_scripted_run(tmp_path: Path) -> None:
    """init -> extract two documents -> edit a claim and add a comment ->
    contradictions --write -> review (pty and by ids) -> extract a revised
    version -> validate passes with no hand fix, comments and reviews intact."""
    repo = tmp_path / "repo"
    root = ["--root", str(repo)]

    def run(*args: str) -> str:
        result = runner.invoke(app, [*args, *root])
        assert result.exit_code == 0, result.output
        return result.output

    assert runner.invoke(app, ["init", str(repo)]).exit_code == 0
    run("extract", str(DATA / "bridge.txt"), "--id", "bridge", "--kind", "news", "--lang", "en")
    run("extract", str(DATA / "council.txt"), "--id", "council", "--lang", "en")

    # A person edits: a note on a claim, a comment above another, one on a reference.
    claims_path = repo / "claims" / "bridge.yaml"
    text = claims_path.read_text(encoding="utf-8")
    text = text.replace("  - id: bridge-003\n", "  # TODO ask the press office\n  - id: bridge-003\n")
    text = text.replace(
        "    text: The mayor called the reopening a turning point.\n",
        "    text: The mayor called the reopening a turning point.\n    kind: opinion\n    notes: 'quoted in both papers'   # checked 2026-11\n",
    )
    claims_path.write_text(text, encoding="utf-8")
    refs_path = repo / "references" / "bridge.yaml"
    refs_path.write_text(refs_path.read_text(encoding="utf-8").replace("references:\n", "references:\n  # both from the print edition\n"), encoding="utf-8")

    run("contradictions", "--write")
    on_disk = claims_path.read_text(encoding="utf-8")
    assert on_disk.count("review: unreviewed") == 2 and "# TODO ask the press office" in on_disk

    # Interactive review on a real terminal: accept the first, quit.
    code, screen = _pty_session(repo, [b"a", b"q"])
    assert code == 0, screen
    assert "1/2" in screen and "3 March 2024 vs 10 March 2024" in screen
    # And by ids, as a script would.
    run("review", "bridge-003", "council-002", "--reject", "--note", "different counting periods")
    run("relate", "bridge-004", "bridge-001", "--supports")

    out = run("extract", str(DATA / "bridge-revised.txt"), "--id", "bridge", "--update")
    assert "review changed (text rewritten; revision: changed): bridge-002" in out
    assert "review vanished (kept; revision: vanished): bridge-005" in out

    validated = runner.invoke(app, ["validate", *root])
    assert validated.exit_code == 0, validated.output

    final = claims_path.read_text(encoding="utf-8")
    assert "  # TODO ask the press office\n  - id: bridge-003\n" in final
    assert "    notes: 'quoted in both papers'   # checked 2026-11\n" in final
    assert "  # both from the print edition\n" in refs_path.read_text(encoding="utf-8")
    claims = {c.id: c for c in read_claim_file(claims_path).claims}
    assert [(r.target, r.review) for r in claims["bridge-001"].relations] == [("council-001", "accepted")]
    assert [(r.target, r.review) for r in claims["bridge-003"].relations] == [("council-002", "rejected")]
    assert claims["bridge-004"].kind == "opinion"
    assert claims["bridge-002"].revision == "changed" and claims["bridge-005"].revision == "vanished"
    assert claims["bridge-002"].text.startswith("The repairs to the Aldport Harbour Bridge cost 135 million")
    # Rejected and accepted pairs stay settled: nothing new is proposed about them.
    again = runner.invoke(app, ["contradictions", "-f", "json", *root])
    assert "council-002" not in again.stdout and "council-001" not in again.stdout
