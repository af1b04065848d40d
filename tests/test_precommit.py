"""The pre-commit hook, run by the real ``pre-commit`` in a throwaway git repository.

The hook is declared locally (``language: system``) with the id, entry and
files pattern this project publishes in ``.pre-commit-hooks.yaml``, so the
test needs no network and exercises exactly what users get.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_checks import make_repo

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PRE_COMMIT = BIN / "pre-commit"

# pre-commit comes with the test extras (pip install -e '.[test]'); no skip: if it is missing, that is a failure.


def _hook() -> dict[str, object]:
    (hook,) = [h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "factcheck-validate"]
    return hook


def _git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "repo"
    make_repo(repo)
    hook = _hook()
    config = {"repos": [{"repo": "local", "hooks": [{
        "id": hook["id"], "name": hook["id"], "entry": hook["entry"], "language": "system",
        "files": hook["files"], "pass_filenames": hook.get("pass_filenames", True),
    }]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "FACTCHECK_", "PRE_COMMIT"))}
    env.update({
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "HOME": str(tmp_path),
        "NO_COLOR": "1",
        # Nothing here may reach the network.
        "PIP_NO_INDEX": "1",
        "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
    })
    for args in (["init", "-q", "-b", "main"], ["config", "user.name", "Test"], ["config", "user.email", "t@example.invalid"],
                 ["config", "commit.gpgsign", "false"]):
        assert _git(repo, env, *args).returncode == 0
    proc = subprocess.run([str(PRE_COMMIT), "install"], cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return repo, env


def test_hook_refuses_a_dangling_citation_then_accepts_the_fix(repo: tuple[Path, dict[str, str]]) -> None:
    path, env = repo
    claims = path / "claims" / "doc.yaml"
    good = claims.read_text(encoding="utf-8")
    claims.write_text(good.replace("cites: [doc-r1]", "cites: [doc-r9]"), encoding="utf-8")
    _git(path, env, "add", "-A")
    proc = _git(path, env, "commit", "-m", "broken")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "claims/doc.yaml:9:13: error dangling-cite" in out
    assert "Traceback" not in out
    assert _git(path, env, "rev-parse", "--verify", "HEAD").returncode != 0  # nothing committed

    claims.write_text(good, encoding="utf-8")
    _git(path, env, "add", "-A")
    proc = _git(path, env, "commit", "-m", "clean")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "factcheck-validate" in proc.stdout + proc.stderr and "Passed" in proc.stdout + proc.stderr


def test_hook_reads_the_whole_repository_when_one_file_changes(repo: tuple[Path, dict[str, str]]) -> None:
    path, env = repo
    _git(path, env, "add", "-A")
    assert _git(path, env, "commit", "-m", "clean").returncode == 0
    # Only the claims file changes: its new citation resolves in the unchanged references file.
    claims = path / "claims" / "doc.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("cites: [doc-r1]", "cites: [doc-r1, doc-r2]"), encoding="utf-8")
    _git(path, env, "add", "-A")
    proc = _git(path, env, "commit", "-m", "claims only")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Only the references file changes, dropping doc-r2: its own findings are a
    # warning (doc-r3 unused), while the full run shows the citations it broke.
    refs = path / "references" / "doc.yaml"
    refs.write_text(refs.read_text(encoding="utf-8").replace("doc-r2", "doc-r3"), encoding="utf-8")
    _git(path, env, "add", "-A")
    proc = _git(path, env, "commit", "-m", "refs only")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = subprocess.run([str(PRE_COMMIT), "run", "--all-files"], cwd=path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0 and "claims/doc.yaml:18:13: error dangling-cite" in proc.stdout


def test_the_projects_own_config_uses_the_published_hook() -> None:
    hook = _hook()
    assert hook["entry"] == "factcheck validate" and hook["language"] == "python"
    own = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    (local,) = [r for r in own["repos"] if r["repo"] == "local"]
    (mine,) = [h for h in local["hooks"] if h["id"] == hook["id"]]
    assert mine["entry"] == hook["entry"] and mine["files"] == hook["files"] and mine["language"] == "system"
