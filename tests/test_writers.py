"""Writers lock the repository and commit a document's files together (issue 12).

The full stress run (100 concurrent trials, 300 kill -9s) is
benchmarks/stress_writers.py; these are its small, fast cases."""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import lock, store
from factcheck.cli import app

SMALL = Path(__file__).parent / "data" / "repo-small"
runner = CliRunner()


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """repo-small without its unreviewed relations: contradictions --write has work to do."""
    root = tmp_path / "repo"
    shutil.copytree(SMALL, root)
    for path in (root / "claims").glob("*.yaml"):
        cf = store.read_claim_file(path)
        claims = tuple(dataclasses.replace(c, relations=tuple(r for r in c.relations if r.review != "unreviewed")) for c in cf.claims)
        store.write_claim_file(path, store.ClaimFile(cf.document, claims))
    return root


def relations(root: Path) -> list[tuple[str, str, str]]:
    return [
        (c.id, r.type, r.target)
        for path in sorted((root / "claims").glob("*.yaml"))
        for c in store.read_claim_file(path).claims
        for r in c.relations
    ]


def test_a_second_writer_waits_then_fails_clearly(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lock.WAIT_ENV, "0.2")
    with lock.repository_lock(repo):
        result = runner.invoke(app, ["contradictions", "--write", "--root", str(repo)])
        extracted = runner.invoke(app, ["extract", str(repo / "sources" / "ja-noto.txt"), "--id", "ja-noto", "--root", str(repo)])
    assert result.exit_code == 2 and "another factcheck command is writing" in result.output
    assert extracted.exit_code == 2 and "another factcheck command is writing" in extracted.output
    # Released: the same command now works.
    assert runner.invoke(app, ["contradictions", "--write", "--root", str(repo)]).exit_code == 0


# Every command that writes under the repository, as (args, what it would change).
WRITERS = {
    "contradictions --write": ["contradictions", "--write"],
    "extract": ["extract", "sources/ja-noto.txt", "--id", "ja-noto", "--lang", "ja"],
    "extract --update": ["extract", "sources/ja-noto.txt", "--id", "ja-noto", "--lang", "ja", "--update"],
    "review --accept": ["review", "ja-noto-2", "en-noto-2", "--accept", "--note", "checked"],
    "review --reject": ["review", "ja-noto-2", "en-noto-2", "--reject"],
    "relate": ["relate", "en-noto-1", "ja-noto-1", "--supports"],
    "validate --fix": ["validate", "--fix"],
    "validate --write-baseline": ["validate", "--write-baseline"],
}


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.name != lock.LOCK_NAME}


@pytest.mark.parametrize("name", WRITERS)
def test_every_writer_waits_for_the_lock_then_fails_clearly(repo: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(lock.WAIT_ENV, "0.2")
    monkeypatch.chdir(repo)
    before = snapshot(repo)
    with lock.repository_lock(repo):
        result = runner.invoke(app, [*WRITERS[name], "--root", str(repo)])
    assert result.exit_code == 2, result.output
    assert "another factcheck command is writing to this repository" in result.output
    assert snapshot(repo) == before  # it wrote nothing
    assert runner.invoke(app, [*WRITERS[name], "--root", str(repo)]).exit_code in (0, 1)


def test_init_takes_the_lock_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lock.WAIT_ENV, "0.2")
    with lock.repository_lock(tmp_path / "new"):
        result = runner.invoke(app, ["init", str(tmp_path / "new")])
    assert result.exit_code == 2 and "another factcheck command is writing" in result.output
    assert not (tmp_path / "new" / "claims").exists()
    assert runner.invoke(app, ["init", str(tmp_path / "new")]).exit_code == 0


def test_a_writer_waits_while_the_lock_is_held_then_writes(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lock.WAIT_ENV, "30")
    claims = repo / "claims" / "en-noto.yaml"
    before = claims.read_bytes()
    held = threading.Event()
    unchanged_while_held: list[bool] = []

    def holder() -> None:
        with lock.repository_lock(repo):
            held.set()
            time.sleep(0.5)
            unchanged_while_held.append(claims.read_bytes() == before)

    t = threading.Thread(target=holder)
    t.start()
    held.wait(10)
    result = runner.invoke(app, ["relate", "en-noto-1", "ja-noto-1", "--supports", "--root", str(repo)])
    t.join()
    assert result.exit_code == 0, result.output
    assert unchanged_while_held == [True]
    assert ("en-noto-1", "supports", "ja-noto-1") in relations(repo)


def test_readers_do_not_wait_for_the_lock(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lock.WAIT_ENV, "0")
    with lock.repository_lock(repo):
        assert runner.invoke(app, ["validate", "--root", str(repo)]).exit_code == 0
        assert runner.invoke(app, ["contradictions", "--root", str(repo)]).exit_code == 0


def test_an_interrupted_transaction_is_named_then_completed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    claims, refs = repo / "claims" / "ja-noto.yaml", repo / "references" / "ja-noto.yaml"
    new_refs = refs.read_bytes().replace(b"references:\n", b"references:\n  - id: ja-noto-ref-new\n    title: New\n", 1)
    new_claims = claims.read_bytes().replace(b"cites: [", b"cites: [ja-noto-ref-new, ", 1)
    assert new_claims != claims.read_bytes() and new_refs != refs.read_bytes()
    real_replace = os.replace
    calls = []

    def killed_after_the_first_rename(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 3:  # journal, references, then "killed" before the claims
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(lock.os, "replace", killed_after_the_first_rename)
    with pytest.raises(KeyboardInterrupt):
        lock.commit(repo, [(refs, new_refs), (claims, new_claims)])
    monkeypatch.setattr(lock.os, "replace", real_replace)
    assert lock.interrupted(repo) is not None
    # Between: the references are new, the claims old: every file loads, cites resolve.
    result = runner.invoke(app, ["validate", "--root", str(repo), "--format", "json"])
    assert "a write was interrupted" in result.stdout
    assert "dangling-cite" not in result.stdout
    # The next writer completes it: the claims are the new ones, nothing left over.
    with lock.repository_lock(repo):
        pass
    assert claims.read_bytes() == new_claims and refs.read_bytes() == new_refs
    assert lock.interrupted(repo) is None
    assert not [p for p in (repo / "claims").iterdir() if p.name.endswith(".tmp")]
    assert runner.invoke(app, ["validate", "--root", str(repo)]).exit_code == 0


def test_stale_temp_files_are_removed_by_the_next_writer(repo: Path) -> None:
    stale = repo / "claims" / ".ja-noto.yaml.k3j2h1.tmp"
    stale.write_text("half a file", encoding="utf-8")
    other = repo / "claims" / ".keep-me"
    other.write_text("not ours", encoding="utf-8")
    assert runner.invoke(app, ["contradictions", "--write", "--root", str(repo)]).exit_code == 0
    assert not stale.exists() and other.exists()


def _factcheck(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "factcheck", *args], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_concurrent_contradiction_writers_record_each_relation_once(repo: Path) -> None:
    procs = [_factcheck(repo, "contradictions", "--write") for _ in range(2)]
    for p in procs:
        p.communicate(timeout=120)
    assert [p.returncode for p in procs] == [0, 0]
    rels = relations(repo)
    assert rels and len(rels) == len(set(rels))


@pytest.mark.parametrize("delay", [0.3, 0.6, 0.9])
def test_kill_9_during_a_re_extraction_leaves_a_sound_repository(repo: Path, delay: float) -> None:
    command = ("extract", "sources/ja-noto.txt", "--id", "ja-noto", "--lang", "ja")
    p = _factcheck(repo, *command)
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    p.communicate(timeout=60)
    for path in (repo / "claims").glob("*.yaml"):
        store.read_claim_file(path)
    for path in (repo / "references").glob("*.yaml"):
        store.read_reference_file(path)
    after = runner.invoke(app, ["validate", "--root", str(repo)])
    assert after.exit_code == 0 or "a write was interrupted" in after.output
    again = _factcheck(repo, *command)
    again.communicate(timeout=120)
    assert again.returncode == 0
    assert runner.invoke(app, ["validate", "--root", str(repo)]).exit_code == 0
    assert not [p.name for d in ("claims", "references", "sources") for p in (repo / d).iterdir() if p.name.endswith(".tmp")]
    assert lock.interrupted(repo) is None
