"""First table answers at a terminal: each read command's first answer with
its stdout on a pseudo-terminal, beside ``factcheck --version`` on the same
terminal, alternated run by run (issue 9: a first warm `show ID`, `list`,
`search` or `stats` within 2x ``factcheck --version``, where a person types it).

Run:  python benchmarks/bench_terminal.py --root /tmp/scale/repo-100000 [--runs 15] [--term xterm-256color]
      python benchmarks/bench_terminal.py --root /tmp/scale/repo-100000 --columns 80   # a terminal of 80 columns
      python benchmarks/bench_terminal.py --root /tmp/scale/repo-100000 --pipe         # stdout a pipe (`| less`)
      python benchmarks/bench_terminal.py --root A --root B --pythonpath B=/path/to/other/code
                                         # two repositories side by side (e.g. main's code on a copy)

The repository must be one `bench_scale.py --keep` wrote (its index warm:
run `factcheck stats` there first).  Before every run of a command its kept
answers (``.factcheck/answers``) are removed, so each run is a first answer
drawn from the index; `show` asks for another claim each run.  The child's
stdout is the slave side of a pty sized 100x40 (``TIOCSWINSZ``), ``TERM`` as
given, so rich (or what draws for it) writes colours; stdin and stderr are
/dev/null.  ``--columns`` sizes the pty otherwise; ``--pipe`` gives the child
a pipe for stdout instead (no colour, 80 columns as rich decides, or
``COLUMNS`` set to ``--columns`` when given), read by this process as a
pager would.  Each row is the fastest of ``--runs`` runs, and its ratio is to
the fastest ``--version`` of the same rounds.  The machines are shared and
noisy: compare ratios, not milliseconds.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import struct
import sys
import termios
import time
from pathlib import Path

DOC = "wiki-ja-00198"
WORD = "兵士"


def at_terminal(argv: list[str], env: dict[str, str], cwd: str, columns: int = 100) -> tuple[float, bytes]:
    """Wall time of ``argv`` with its stdout on a fresh pty, and what it wrote there."""
    main, child = os.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    return _run(argv, env, cwd, main, child)


def at_pipe(argv: list[str], env: dict[str, str], cwd: str) -> tuple[float, bytes]:
    """Wall time of ``argv`` with its stdout on a pipe (as ``| less``), and what it wrote there."""
    main, child = os.pipe()
    return _run(argv, env, cwd, main, child)


def _run(argv: list[str], env: dict[str, str], cwd: str, main: int, child: int) -> tuple[float, bytes]:
    """Run ``argv`` with ``child`` as its stdout, reading ``main`` to the end."""
    null = os.open(os.devnull, os.O_RDWR)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: stdout the terminal or the pipe
        os.dup2(null, 0)
        os.dup2(child, 1)
        os.dup2(null, 2)
        os.chdir(cwd)
        os.execve(argv[0], argv, env)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.waitpid(pid, 0)
    took = time.perf_counter() - start
    os.close(main)
    os.close(null)
    return took, b"".join(chunks)


def claims_of(root: Path, count: int) -> list[str]:
    """``count`` claim ids of the document ``DOC`` (one per run of `show`)."""
    text = (root / "claims" / f"{DOC}.yaml").read_text(encoding="utf-8")
    ids = [line.split(":", 1)[1].strip() for line in text.splitlines() if line.lstrip("- ").startswith("id:")]
    return [i for i in ids if i.startswith(DOC)][:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", action="append", required=True, help="a repository (repeat to compare)")
    parser.add_argument("--pythonpath", action="append", default=[], help="ROOT=PATH: PYTHONPATH for that repository's runs")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--term", default="xterm-256color")
    parser.add_argument("--colorterm", default="")
    parser.add_argument("--columns", type=int, help="the terminal's width (default 100); with --pipe, COLUMNS")
    parser.add_argument("--pipe", action="store_true", help="stdout a pipe, not a terminal")
    args = parser.parse_args()
    fc = shutil.which("factcheck", path=os.path.dirname(sys.executable)) or "factcheck"
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TTY_COMPATIBLE",
                                                               "COLORTERM", "PYTHONDONTWRITEBYTECODE")}
    base["TERM"] = args.term
    if args.colorterm:
        base["COLORTERM"] = args.colorterm
    if args.pipe and args.columns:
        base["COLUMNS"] = str(args.columns)
    columns = args.columns or 100

    def run(argv: list[str], env: dict[str, str], cwd: str) -> tuple[float, bytes]:
        return at_pipe(argv, env, cwd) if args.pipe else at_terminal(argv, env, cwd, columns)

    paths = dict(p.split("=", 1) for p in args.pythonpath)
    sides = {}
    for root in args.root:
        env = {**base, "FACTCHECK_ROOT": root}
        if root in paths:
            env["PYTHONPATH"] = paths[root]
        sides[root] = env
        run([fc, "stats", "--format", "json"], env, root)  # the index warm for this code
    ids = claims_of(Path(args.root[0]), args.runs)
    commands = {
        "show ID": lambda i: ["show", ids[i % len(ids)]],
        "list --doc D": lambda i: ["list", "--doc", DOC],
        f"search {WORD}": lambda i: ["search", WORD],
        "stats": lambda i: ["stats"],
    }
    shown = (f"a pipe, {'COLUMNS=' + str(args.columns) if args.columns else 'no COLUMNS'}" if args.pipe else
             f"TERM={args.term} COLORTERM={args.colorterm or '-'}, {columns} columns")
    print(f"{shown}; fastest of {args.runs}, alternated with --version")
    for name, make in commands.items():
        versions: list[float] = []
        times: dict[str, list[float]] = {root: [] for root in sides}
        colour_right, first = {}, {}
        for i in range(args.runs):
            versions.append(run([fc, "--version"], base, args.root[0])[0])
            for root, env in sides.items():
                shutil.rmtree(os.path.join(root, ".factcheck", "answers"), ignore_errors=True)
                took, out = run([fc, *make(i)], env, root)
                times[root].append(took)
                colour_right[root] = (b"\x1b[" in out) != args.pipe  # colour at a terminal, none on a pipe
                first.setdefault(i, []).append(out)
        v = min(versions)
        cells = " | ".join(f"{root.rstrip('/').rsplit('/', 1)[-1]} {min(t) * 1e3:6.1f} ms {min(t) / v:5.2f}x"
                           f"{'' if colour_right[root] else ' (colour!)' if args.pipe else ' (no colour!)'}" for root, t in times.items())
        same = "" if len(sides) < 2 else ("  same bytes" if all(len(set(o)) == 1 for o in first.values()) else "  BYTES DIFFER")
        print(f"{name:16} --version {v * 1e3:5.1f} ms | {cells}{same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
