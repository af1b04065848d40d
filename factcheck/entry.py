"""The console script's first stop: `factcheck --version` answered before the
command line interface (typer, rich, every command module) is imported.

A version check runs in every CI job and editor integration; importing the
whole interface for it made it 15 times slower than starting Python (issue 9).
Everything else goes to :func:`factcheck.cli.main`.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from factcheck import __version__

        sys.stdout.write(f"factcheck {__version__}\n")
        return
    from factcheck.cli import main as cli_main

    cli_main()
