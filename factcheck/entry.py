"""The console script's first stop: `factcheck --version`, and the answers
kept for plain read commands (`list`, `stats`, `show ID`, `search QUERY`),
written before the command line interface (typer, rich, every command
module) is imported.

A version check runs in every CI job and editor integration, and a desk asks
`stats` or `show` all day: importing the whole interface for them made
`--version` 15 times slower than starting Python, and a warm `stats` 10
times slower than `--version` (issue 9; typer's import alone is 2x).
A plain read command with no answer that holds is answered from the
index's warm rows without typer when that is certain (:mod:`factcheck.direct`:
a claim never shown, a new search word); everything else goes to
:func:`factcheck.cli.main`.  Either way what is printed is kept for the next
time (:mod:`factcheck.answers`).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing is not imported: see factcheck.answers
if TYPE_CHECKING:
    from factcheck.answers import Asked


def main() -> None:
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        from factcheck import __version__

        sys.stdout.write(f"factcheck {__version__}\n")
        return
    from factcheck import answers, argv

    request = argv.parse(args)
    asked = None
    if request is not None:
        try:
            # One stamp, taken before anything is read, to serve, answer or keep under.
            asked = answers.ask(request)
            if asked is not None and answers.serve(asked):
                return
        except KeyboardInterrupt:  # as the typer interface says it
            _interrupted()
    recording = answers.record(asked) if asked is not None else None
    try:
        with recording if recording is not None else _Nothing():
            if asked is not None and _first(asked):
                if recording is not None:
                    recording.direct = True
                return
            from factcheck.cli import main as cli_main

            cli_main()
    except KeyboardInterrupt:  # the answer without typer (typer says it for its own)
        _interrupted()


def _first(asked: Asked) -> bool:
    """The answer from the warm rows without typer (factcheck.direct)."""
    import gc

    from factcheck import direct

    # A first answer makes ~10^4 objects and keeps them to the end of this
    # short process: the cyclic collector's passes over them (and over every
    # imported module) would be a twentieth of its work, for no cycle to free.
    gc.disable()
    answered = direct.answer(asked)
    if not answered:
        gc.enable()  # typer's path, as always
        return False
    # The interpreter's own last pass at exit walks them all the same (~2.5 ms
    # of a first `stats`): frozen first, they are freed by their counts alone.
    import atexit

    atexit.register(gc.freeze)
    return True


def _interrupted() -> None:
    sys.stderr.write("factcheck: error: interrupted\n")
    sys.exit(130)


class _Nothing:
    """No recording (contextlib is not imported for this)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None
