"""The published pre-commit hook, installed by real ``pre-commit`` from this
repository by commit sha, in throwaway consumer repositories.

The hook repository is a git repository made from the working tree (so the
code under test is what gets installed), cloned by pre-commit through its
path and pinned by its commit sha, exactly as a user pins a tag.  pre-commit's
``language: python`` builds a virtualenv and pip-installs the repository with
its dependencies; pip reads the same package index and cache as this test's
own environment, and the install happens once for the module.

Each of issue 9's four commits breaks a claim file that the commit does not
touch; the hook must refuse it and name the finding in that untouched file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PRE_COMMIT = BIN / "pre-commit"

# pre-commit comes with the test extras (pip install -e '.[test]'); no skip: if it is missing, that is a failure.

SOURCE = "It opened in 2019.[1] It closed in 2023.[要出典]\nThe bridge is 300 m long.[2]\n"
CLAIMS = """\
document:
  id: doc
  source: sources/doc.txt
claims:
  - id: doc-1
    text: It opened in 2019.
    location: {line: 1, column: 1, end_line: 1, end_column: 19}
    cites: [doc-r1]
  - id: doc-2
    text: It closed in 2023.
    location: {line: 1, column: 23, end_line: 1, end_column: 41}
    disputes:
      - {marker: '[要出典]', kind: citation-needed}
  - id: doc-3
    text: The bridge is 300 m long.
    location: {line: 2, column: 1, end_line: 2, end_column: 26}
    cites: [doc-r2]
"""
REFS = """\
document: doc
references:
  - id: doc-r1
    title: One
    issued: '2019'
  - id: doc-r2
    title: Two
"""
OTHER_SOURCE = "It opened in 2020.\n"
OTHER = """\
document: {id: other, source: sources/other.txt}
claims:
  - id: other-1
    text: It opened in 2020.
    location: {line: 1, column: 1, end_line: 1, end_column: 19}
    relations:
      - {type: contradicts, target: doc-1}
"""
FILES = {
    "sources/doc.txt": SOURCE, "claims/doc.yaml": CLAIMS, "references/doc.yaml": REFS,
    "sources/other.txt": OTHER_SOURCE, "claims/other.yaml": OTHER, "README.md": "A desk's claims.\n",
}


def _hook() -> dict[str, object]:
    (hook,) = [h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "factcheck-validate"]
    return hook


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return _run(["git", *args], repo, env)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "FACTCHECK_", "PRE_COMMIT", "VIRTUAL_ENV"))}
    # pip inside pre-commit's virtualenv keeps the machine's index settings
    # (PIP_* variables, /etc/pip.conf) and reuses the user's download cache.
    cache = os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip")
    env.update({
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(home / "pre-commit-home"),
        "HOME": str(home),
        "PIP_CACHE_DIR": cache,
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.invalid",
    })
    return env


def _commit_all(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    assert _git(repo, env, "add", "-A").returncode == 0
    return _git(repo, env, "commit", "-q", "-m", message)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, dict[str, str]]:
    """This project as a git repository pinned by sha, its hook installed once."""
    base = tmp_path_factory.mktemp("hook")
    env = _env(base)
    src = base / "factcheck"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        if (ROOT / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, src / rel)
    assert _git(src, env, "init", "-q", "-b", "main").returncode == 0
    assert _git(src, env, "add", "-A").returncode == 0
    assert _git(src, env, "-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "hook under test").returncode == 0
    sha = _git(src, env, "rev-parse", "HEAD").stdout.strip()
    # Install the hook's environment once; every consumer repository reuses it.
    consumer = _consumer(base / "warmup", f"file://{src}", sha, env)
    proc = _run([str(PRE_COMMIT), "install-hooks"], consumer, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return f"file://{src}", sha, env


def _consumer(path: Path, url: str, sha: str, env: dict[str, str]) -> Path:
    """A desk's repository: valid claims, committed through the hook from the start."""
    for rel, text in FILES.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_text(text, encoding="utf-8")
    config = {"repos": [{"repo": url, "rev": sha, "hooks": [{"id": "factcheck-validate"}]}]}
    (path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    for args in (["init", "-q", "-b", "main"], ["config", "commit.gpgsign", "false"]):
        assert _git(path, env, *args).returncode == 0
    proc = _run([str(PRE_COMMIT), "install"], path, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return path


@pytest.fixture
def desk(hook_repo: tuple[str, str, dict[str, str]], tmp_path: Path) -> tuple[Path, dict[str, str]]:
    url, sha, env = hook_repo
    path = _consumer(tmp_path / "desk", url, sha, env)
    proc = _commit_all(path, env, "valid claims")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "factcheck validate" in proc.stdout + proc.stderr and "Passed" in proc.stdout + proc.stderr
    return path, env


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _delete_cited_reference(repo: Path) -> None:
    _edit(repo / "references/doc.yaml", "  - id: doc-r2\n    title: Two\n", "")


def _remove_references_file(repo: Path) -> None:
    (repo / "references/doc.yaml").unlink()


def _rename_relation_target(repo: Path) -> None:
    _edit(repo / "claims/doc.yaml", "id: doc-1\n", "id: doc-01\n")


def _edit_source(repo: Path) -> None:
    _edit(repo / "sources/doc.txt", "It closed in 2023.", "It was closed in 2023.")


# (what the commit does, the finding that must stop it: in a file the commit did not touch)
CASES = [
    (_delete_cited_reference, "claims/doc.yaml:17:13: error dangling-cite"),
    (_remove_references_file, "claims/doc.yaml:8:13: error dangling-cite"),
    (_rename_relation_target, "claims/other.yaml:7:37: error dangling-relation"),
    (_edit_source, "claims/doc.yaml:10:5: error anchored"),
]


@pytest.mark.parametrize(("change", "finding"), CASES, ids=[c[0].__name__.strip("_") for c in CASES])
def test_the_hook_refuses_a_commit_that_breaks_an_untouched_file(
    desk: tuple[Path, dict[str, str]], change: object, finding: str
) -> None:
    path, env = desk
    head = _git(path, env, "rev-parse", "HEAD").stdout
    change(path)  # type: ignore[operator]
    proc = _commit_all(path, env, "breaks the repository")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert finding in out, out
    assert "Traceback" not in out
    assert _git(path, env, "rev-parse", "HEAD").stdout == head  # nothing committed


def test_the_hook_accepts_a_fix_and_a_commit_outside_the_claims(desk: tuple[Path, dict[str, str]]) -> None:
    path, env = desk
    _delete_cited_reference(path)
    assert _commit_all(path, env, "broken").returncode != 0
    # The fix: drop the citation too.
    _edit(path / "claims/doc.yaml", "    cites: [doc-r2]\n", "")
    proc = _commit_all(path, env, "reference and its citation removed")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (path / "README.md").write_text("Notes.\n", encoding="utf-8")
    proc = _commit_all(path, env, "readme only")
    assert proc.returncode == 0 and "Passed" in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def test_the_projects_own_config_uses_the_published_hook() -> None:
    hook = _hook()
    assert hook["entry"] == "factcheck validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False and hook["always_run"] is True
    assert all(
        __import__("re").match(hook["files"], p) for p in ("claims/a.yaml", "references/a.yaml", "sources/a.txt")
    )
    own = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    (local,) = [r for r in own["repos"] if r["repo"] == "local"]
    (mine,) = [h for h in local["hooks"] if h["id"] == hook["id"]]
    assert mine["language"] == "system"
    for key in ("entry", "files", "pass_filenames", "always_run"):
        assert mine[key] == hook[key], key
