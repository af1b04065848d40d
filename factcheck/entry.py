"""The console script's first stop: `factcheck --version`, and the answers
kept for plain read commands (`list`, `stats`, `show ID`, `search QUERY`),
written before the command line interface (typer, rich, every command
module) is imported.

A version check runs in every CI job and editor integration, and a desk asks
`stats` or `show` all day: importing the whole interface for them made
`--version` 15 times slower than starting Python, and a warm `stats` 10
times slower than `--version` (issue 9; typer's import alone is 2x).
Everything else, and a plain read command with no answer that holds, goes
to :func:`factcheck.cli.main`, which keeps what it prints for the next time
(:mod:`factcheck.answers`).
"""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        from factcheck import __version__

        sys.stdout.write(f"factcheck {__version__}\n")
        return
    from factcheck import answers, argv

    request = argv.parse(args)
    recording = None
    if request is not None:
        try:
            # One stamp, taken before anything is read, to serve or to keep under.
            asked = answers.ask(request)
            if asked is not None and answers.serve(asked):
                return
        except KeyboardInterrupt:  # as the typer interface says it
            sys.stderr.write("factcheck: error: interrupted\n")
            sys.exit(130)
        recording = answers.record(asked) if asked is not None else None
    from factcheck.cli import main as cli_main

    if recording is None:
        cli_main()
        return
    with recording:
        cli_main()
