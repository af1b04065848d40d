"""kill -9 during a write leaves each file as it was or as it would be, never torn.

Each write command runs once to completion (the "new" files), then again on
fresh copies, killed with SIGKILL at points spread over its measured run
time, most of them late (where the writes happen).  After each kill every
file of the repository must be byte-equal to its old or its new version,
and the repository must still read (temporary files are dot-files, ignored).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

DATA = Path(__file__).parent / "data" / "life"
BIN = Path(sys.executable).parent
runner = CliRunner()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("base") / "repo"
    assert runner.invoke(app, ["init", str(repo)]).exit_code == 0
    for name, doc in (("bridge.txt", "bridge"), ("council.txt", "council")):
        assert runner.invoke(app, ["extract", str(DATA / name), "--id", doc, "--lang", "en", "--root", str(repo)]).exit_code == 0
    assert runner.invoke(app, ["contradictions", "--write", "--root", str(repo)]).exit_code == 0
    path = repo / "claims" / "bridge.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - id: bridge-003\n", "  # TODO ask\n  - id: bridge-003\n"), encoding="utf-8")
    return repo


_KEPT_DOTFILES = (".factcheck.yaml", ".pre-commit-config.yaml", ".gitignore")


def _files(repo: Path) -> dict[str, bytes]:
    """The repository's files; temporary files and the index in .factcheck/ (a
    cache, rebuilt when it does not match the files) are not among them."""
    out = {}
    for p in sorted(repo.rglob("*")):
        rel = p.relative_to(repo)
        if not p.is_file() or (any(part.startswith(".") for part in rel.parts) and str(rel) not in _KEPT_DOTFILES):
            continue
        out[str(rel)] = p.read_bytes()
    return out


def _source_moved_by_hand(repo: Path) -> None:
    shutil.copyfile(DATA / "bridge-revised.txt", repo / "sources" / "bridge.txt")


def _stale_schema(repo: Path) -> None:
    (repo / "schema" / "claims.schema.json").write_text("{}\n", encoding="utf-8")
    (repo / ".factcheck.yaml").unlink()


COMMANDS: dict[str, tuple[list[str], Callable[[Path], None] | None]] = {
    "review": (["review", "bridge-003", "council-002", "--reject", "--note", "n"], None),
    "relate": (["relate", "bridge-004", "bridge-001", "--supports"], None),
    "extract-update": (["extract", str(DATA / "bridge-revised.txt"), "--id", "bridge", "--update"], None),
    "validate-fix": (["validate", "--fix"], _source_moved_by_hand),
    "init": (["init"], _stale_schema),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_kill_9_leaves_old_or_new_files(base: Path, tmp_path: Path, name: str) -> None:
    args, prepare = COMMANDS[name]
    cmd = [str(BIN / "factcheck"), *args]
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_ROOT"}
    if prepare is not None:
        prepared = tmp_path / "prepared"
        shutil.copytree(base, prepared)
        prepare(prepared)
        base = prepared
    old = _files(base)
    done = tmp_path / "done"
    shutil.copytree(base, done)
    start = time.monotonic()
    subprocess.run(cmd, cwd=done, env=env, capture_output=True, timeout=120)  # validate --fix may exit 1
    took = time.monotonic() - start
    new = _files(done)
    assert new != old  # the command writes something
    for k, fraction in enumerate((0.8, 0.95)):
        work = tmp_path / f"kill{k}"
        shutil.copytree(base, work)
        proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(took * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = _files(work)
        assert set(now) <= set(old) | set(new)
        for rel, data in now.items():
            assert data in (old.get(rel), new.get(rel)), f"{rel} is torn after a kill at {fraction:.0%}"
        result = runner.invoke(app, ["validate", "--root", str(work)])
        assert result.exit_code in (0, 1) and "Traceback" not in result.output
