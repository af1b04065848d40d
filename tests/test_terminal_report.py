"""``factcheck report`` for a person at a terminal, and unchanged when piped.

The terminal case runs the real entry point in a pseudo-terminal (a real
tty: isatty() is true, the window has a size), so what a new user sees on
their first screen is what is asserted.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
SMALL = Path(__file__).parent / "data" / "repo-small"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]")
runner = CliRunner()


def test_piped_report_is_the_markdown_exactly() -> None:
    piped = runner.invoke(app, ["report", "--root", str(ROOT)])
    markdown = runner.invoke(app, ["report", "--root", str(ROOT), "--format", "markdown"])
    assert piped.exit_code == 0 and piped.stdout == markdown.stdout
    assert piped.stdout.startswith("# Disputed claims\n")


def test_terminal_layout_puts_what_to_act_on_first() -> None:
    result = runner.invoke(app, ["report", "--root", str(SMALL), "--format", "terminal", "--no-pager"], env={"COLUMNS": "100"})
    out = result.stdout
    assert result.exit_code == 0 and "\x1b[" not in out  # not a terminal: no colour
    order = [out.index(s) for s in ("all documents", "Disputed (5)", "Contradicted (1)", "Suspected contradictions", "3 unsourced factual claims", "factcheck report -o report.html")]
    assert order == sorted(order)
    # A disputed claim: its marker, its citation with the source's rating, the line of its source.
    assert "⚑ ja-noto-4  [疑わしい–議論する] dubious" in out
    assert "cites [3] 地震デマ まとめ — ウィキペディア  ⚠ user-generated" in out
    assert "sources/ja-noto.txt:5  この地震では観測史上最大規模の地殻変動が起きた[疑わし" in out
    # A contradiction: both claims, and what differs.
    assert "differs: quantity: At least 260 people vs 245人" in out  # the values the detector aligns


def _run_in_terminal(args: list[str], *, rows: int, cols: int, env: dict[str, str]) -> str:
    """Run the entry point with stdin, stdout and stderr on a pseudo-terminal of
    ``rows`` x ``cols``; return what it wrote, escape sequences removed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", *args], stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            proc.kill()
            raise AssertionError("no output for 60 s")
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    assert proc.returncode == 0
    text = ANSI.sub("", b"".join(chunks).decode("utf-8", "replace")).replace("\r\n", "\n")
    # A progress bar on stderr (transient: gone from the screen once done) is not what stays on screen.
    return "\n".join(line for line in text.split("\n") if "reading claims" not in line)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "PAGER", "MANPAGER", "LESS", "COLUMNS", "LINES", "FACTCHECK_ROOT")}
    return {**env, "TERM": "xterm-256color", **extra}


def test_first_screen_in_a_real_terminal_shows_the_disputed_claims() -> None:
    out = _run_in_terminal(["report", "--no-pager"], rows=24, cols=80, env=_env())
    first_screen = out.splitlines()[:24]
    text = "\n".join(first_screen)
    assert first_screen[0] == "Disputed claims"
    assert "Disputed (4)" in text
    for claim in ("wiki-ja-kp-ua-relations-012", "wiki-ja-kp-ua-relations-013"):
        assert f"⚑ {claim}  [疑わしい–議論する] dubious" in text
    assert "\\[" not in text and "`" not in text  # no raw Markdown


def test_long_report_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    out = _run_in_terminal(["report"], rows=20, cols=80, env=_env(PAGER=f"cat > {paged}"))
    assert out == "" and "Disputed (4)" in ANSI.sub("", paged.read_text(encoding="utf-8"))
    assert "\x1b[" in paged.read_text(encoding="utf-8")  # colours reach the pager (LESS=FRX lets less show them)
    # Short enough for the window: no pager.
    paged.unlink()
    out = _run_in_terminal(["report"], rows=200, cols=100, env=_env(PAGER=f"cat > {paged}"))
    assert "Disputed (4)" in out and not paged.exists()


def test_output_suffix_chooses_the_format(tmp_path: Path) -> None:
    for name, start in (("r.html", "<!DOCTYPE html>"), ("r.json", "{"), ("r.md", "# Disputed claims")):
        result = runner.invoke(app, ["report", "--root", str(SMALL), "-o", str(tmp_path / name)])
        assert result.exit_code == 0 and (tmp_path / name).read_text(encoding="utf-8").lstrip().startswith(start), name
