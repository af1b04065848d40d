"""Reviewing relations: `factcheck review` (interactive and by ids) and `factcheck relate`."""

from __future__ import annotations

import datetime
import json
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from test_suspect import make_repo
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.model import Relation
from factcheck.store import read_claim_file

runner = CliRunner()


def _today() -> str:
    return datetime.date.today().isoformat()


def _dated_between(started: str, value: str) -> bool:
    # The verdict is dated the day it was written: the day the step started or, past midnight, the day it ended.
    return value in {started, _today()}
BIN = Path(sys.executable).parent


def relations(root: Path, doc: str) -> list[Relation]:
    return [r for c in read_claim_file(root / "claims" / f"{doc}.yaml").claims for r in c.relations]


@pytest.fixture
def candidate(tmp_path: Path) -> Path:
    """Two documents, one recorded candidate on blog-001, a comment above news-001."""
    make_repo(tmp_path)
    news = tmp_path / "claims" / "news.yaml"
    news.write_text(news.read_text(encoding="utf-8").replace("  - id:", "  # TODO ask the press office\n  - id:"), encoding="utf-8")
    wrote = runner.invoke(app, ["contradictions", "--write", "--root", str(tmp_path)])
    assert wrote.exit_code == 0, wrote.output
    return tmp_path


def test_recorded_candidates_carry_an_explicit_review(candidate: Path) -> None:
    text = (candidate / "claims" / "blog.yaml").read_text(encoding="utf-8")
    assert "review: unreviewed" in text


def test_review_by_ids_writes_the_verdict_and_date_and_keeps_comments(candidate: Path) -> None:
    before = (candidate / "claims" / "news.yaml").read_text(encoding="utf-8")
    started = _today()
    result = runner.invoke(app, ["review", "news-001", "blog-001", "--reject", "--note", "different years", "--root", str(candidate)])
    assert result.exit_code == 0, result.output
    (rel,) = relations(candidate, "blog")
    assert rel.review == "rejected" and _dated_between(started, rel.reviewed)
    assert rel.note.endswith("; different years") and rel.note.startswith("suspected by factcheck")
    assert (candidate / "claims" / "news.yaml").read_text(encoding="utf-8") == before
    again = runner.invoke(app, ["contradictions", "-f", "json", "--root", str(candidate)])
    assert again.stdout.strip() == "[]"  # a rejected pair is never proposed again


@pytest.mark.parametrize(
    "args, words",
    [
        (["review", "news-001", "blog-001"], "--accept or --reject"),
        (["review", "news-001", "blog-001", "--accept", "--reject"], "--accept or --reject"),
        (["review", "news-001"], "two claim ids"),
        (["review", "--accept"], "need the two claim ids"),
        (["review", "news-001", "nope-9", "--accept"], "no relation joins news-001 and nope-9"),
        (["review", "nope-9", "news-001", "--accept"], "no claim 'nope-9'"),
        (["relate", "news-001", "blog-001"], "exactly one"),
        (["relate", "news-001", "news-001", "--supports"], "itself"),
    ],
)
def test_bad_review_requests_are_one_line_usage_errors(candidate: Path, args: list[str], words: str) -> None:
    result = runner.invoke(app, [*args, "--root", str(candidate)])
    assert result.exit_code == 2
    assert words in result.stderr and "Traceback" not in result.output


def test_relate_adds_an_accepted_relation_and_updates_an_existing_one(candidate: Path) -> None:
    # A new pair: written on A, accepted, dated.
    root = candidate
    # news-001 holds no relation yet; relating the existing pair updates blog-001's candidate instead.
    started = _today()
    result = runner.invoke(app, ["relate", "news-001", "blog-001", "--duplicates", "--note", "same event", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert relations(root, "news") == []
    (rel,) = relations(root, "blog")
    assert (rel.type, rel.review, rel.target) == ("duplicates", "accepted", "news-001")
    assert _dated_between(started, rel.reviewed)
    assert "same event" in rel.note


def test_relate_within_one_document_marks_a_contradiction_as_meant(tmp_path: Path) -> None:
    make_repo(tmp_path)
    news = tmp_path / "claims" / "news.yaml"
    text = news.read_text(encoding="utf-8")
    second = text.split("claims:\n", 1)[1].replace("news-001", "news-002")
    news.write_text(text + second, encoding="utf-8")
    result = runner.invoke(app, ["relate", "news-001", "news-002", "--contradicts", "--root", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (rel,) = [r for r in relations(tmp_path, "news")]
    assert rel.within_document and rel.review == "accepted"


def test_interactive_review_with_input_shows_progress_and_writes_each_verdict(candidate: Path) -> None:
    news = candidate / "claims" / "news.yaml"
    text = news.read_text(encoding="utf-8")
    second = text.split("claims:\n", 1)[1].replace("news-001", "news-002").replace("  # TODO ask the press office\n", "")
    second += "    relations:\n      - {type: supports, target: blog-001, review: unreviewed}\n"
    news.write_text(text + second, encoding="utf-8")
    result = runner.invoke(app, ["review", "--root", str(candidate)], input="x\nn\nlooked it up\na\ns\n")
    assert result.exit_code == 0, result.output
    assert "1/2" in result.stdout and "2/2" in result.stdout
    assert "evidence: suspected by factcheck" in result.stdout
    assert "unknown key 'x'" in result.stdout
    assert "1 accepted, 0 rejected, 1 skipped; 1 still unreviewed" in result.stdout
    (rel,) = relations(candidate, "blog")
    assert rel.review == "accepted" and rel.note.endswith("looked it up")
    assert [r.review for r in relations(candidate, "news")] == ["unreviewed"]
    assert "# TODO ask the press office" in news.read_text(encoding="utf-8")


def test_interactive_review_quit_and_end_of_input_leave_the_rest_unreviewed(candidate: Path) -> None:
    result = runner.invoke(app, ["review", "--root", str(candidate)], input="q\n")
    assert result.exit_code == 0, result.output
    assert "0 accepted, 0 rejected, 0 skipped; 1 still unreviewed" in result.stdout
    assert relations(candidate, "blog")[0].review == "unreviewed"
    empty = runner.invoke(app, ["review", "--root", str(candidate)], input="")
    assert empty.exit_code == 0 and relations(candidate, "blog")[0].review == "unreviewed"


def _raw(fd: int) -> bool:
    """Whether the terminal reads key by key (the child waits in getchar)."""
    return not termios.tcgetattr(fd)[3] & termios.ICANON


def _pty_session(root: Path, keys: list[bytes], *, timeout: float = 60.0) -> tuple[int, str]:
    """Run the real entry point on a pseudo-terminal, typing ``keys`` one prompt at
    a time: a single key once the terminal is in raw mode (getchar), a line
    (ending in CR) once it is back in line mode (the note prompt)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the terminal is its stdin and stdout
        env = {**os.environ, "FACTCHECK_ROOT": str(root), "COLUMNS": "100", "NO_COLOR": "1"}
        os.execve(str(BIN / "factcheck"), [str(BIN / "factcheck"), "review"], env)
    out = b""
    deadline = time.monotonic() + timeout
    pending = list(keys)
    prompts_seen = 0
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
            if pending and out.count(b"[q]uit > ") + out.count(b"note: ") > prompts_seen:
                line = pending[0].endswith(b"\r")
                if _raw(fd) != line:
                    prompts_seen += 1
                    os.write(fd, pending.pop(0))
        else:
            raise AssertionError("the session did not end:\n" + out.decode("utf-8", "replace"))
    finally:
        done, status = os.waitpid(pid, os.WNOHANG)
        grace = time.monotonic() + 10
        while done == 0 and time.monotonic() < grace:  # it may be writing its last words
            time.sleep(0.05)
            done, status = os.waitpid(pid, os.WNOHANG)
        if done == 0:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")


def test_interactive_review_on_a_real_terminal(candidate: Path) -> None:
    started = _today()
    code, screen = _pty_session(candidate, [b"n", b"press office agrees\r", b"r"])
    assert code == 0, screen
    assert "1/1" in screen and "blog-001 contradicts news-001" in screen
    (rel,) = relations(candidate, "blog")
    assert rel.review == "rejected" and _dated_between(started, rel.reviewed)
    assert rel.note.endswith("press office agrees")
    assert "# TODO ask the press office" in (candidate / "claims" / "news.yaml").read_text(encoding="utf-8")


def test_ctrl_c_on_a_real_terminal_keeps_what_was_written(candidate: Path) -> None:
    code, screen = _pty_session(candidate, [b"\x03"])
    assert code == 130, screen
    assert "Traceback" not in screen
    assert relations(candidate, "blog")[0].review == "unreviewed"
    assert subprocess.run([str(BIN / "factcheck"), "validate", "--root", str(candidate)], capture_output=True).returncode == 0


def test_list_gives_scripts_the_pairs_to_review(candidate: Path) -> None:
    text = runner.invoke(app, ["review", "--list", "--root", str(candidate)])
    assert text.exit_code == 0, text.output
    assert text.stdout.startswith("blog-001\tcontradicts\tnews-001\tsuspected by factcheck")
    data = json.loads(runner.invoke(app, ["review", "--list", "-f", "json", "--root", str(candidate)]).stdout)
    assert [(d["a"], d["b"], d["type"]) for d in data] == [("blog-001", "news-001", "contradicts")]
    runner.invoke(app, ["review", "blog-001", "news-001", "--accept", "--root", str(candidate)])
    assert runner.invoke(app, ["review", "--list", "-f", "json", "--root", str(candidate)]).stdout.strip() == "[]"


def test_an_unwritable_claim_file_is_a_one_line_error(candidate: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kw: object) -> None:
        raise PermissionError(13, "Permission denied", str(candidate / "claims" / "blog.yaml"))

    monkeypatch.setattr("factcheck.review.write_claim_file", refuse)
    result = runner.invoke(app, ["review", "blog-001", "news-001", "--accept", "--root", str(candidate)])
    assert result.exit_code == 2
    assert "cannot write: Permission denied" in result.stderr and "Traceback" not in result.output
    assert relations(candidate, "blog")[0].review == "unreviewed"
