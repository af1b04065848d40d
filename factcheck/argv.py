"""The command lines a kept answer may stand for (:mod:`factcheck.answers`):
`list`, `stats`, `show ID` and `search QUERY` with their options written
plainly, declared here as data, and a parser that recognises exactly those.

It recognises; it does not judge.  typer parses, checks and answers each
command line the first time, and only an answer it gave with exit code 0 is
kept, so a bad value (``--status nope``, ``--limit x``) is typer's to refuse,
every time.  Anything this parser does not know is left to typer: another
command, ``--help``, ``--opt=value`` or ``-sdisputed`` (click accepts them;
they are rarely typed, and one spelling per option keeps this small), an
option name in upper case (click lowers it), ``--``, a value or an argument
starting with ``-``.  A test holds the options here to the typer commands'
own (names, short forms, whether they take a value).

Plain classes, no dataclass or typing: this runs before the command line
interface loads, where every import counts (issue 9).
"""

from __future__ import annotations

# Option -> whether it takes a value (the next word).
_FILTERS = {
    "--status": True, "-s": True, "--doc": True, "-d": True, "--section": True, "--cites": True,
    "--marker": True, "--since": True, "--until": True, "--lang": True,
}
_EVERY = {"--format": True, "-f": True, "--root": True}

# A short form -> its option's name.
ALIASES = {"-s": "--status", "-d": "--doc", "-f": "--format", "-n": "--limit"}

# Command -> (how many arguments it takes, its options).
COMMANDS: dict[str, tuple[int, dict[str, bool]]] = {
    "list": (0, {**_FILTERS, **_EVERY, "--csv-raw": False}),
    "stats": (0, dict(_EVERY)),
    "show": (1, dict(_EVERY)),
    "search": (1, {**_FILTERS, **_EVERY, "--in": True, "--limit": True, "-n": True, "--min-score": True, "--fuzzy": False}),
}


class Request:
    """A plain read command line: its command, every word after the program
    name as given, its ``--root`` (the last one given wins, as in click), its
    argument (the claim id of `show`, the query of `search`) and its options'
    values as written, by long name in the order given (a flag's value is
    "")."""

    __slots__ = ("command", "words", "root", "argument", "options")

    def __init__(
        self, command: str, words: tuple[str, ...], root: str | None, argument: str | None,
        options: dict[str, list[str]] | None = None,
    ) -> None:
        self.command = command
        self.words = words
        self.root = root
        self.argument = argument
        self.options = options if options is not None else {}

    def __repr__(self) -> str:
        return f"Request({self.command!r}, {self.words!r}, root={self.root!r}, argument={self.argument!r})"


def parse(words: list[str]) -> Request | None:
    """``words`` (the command line after the program name) as a
    :class:`Request`, or None when it is not one of the plain shapes above."""
    if not words or words[0] not in COMMANDS:
        return None
    command = words[0]
    wanted, options = COMMANDS[command]
    arguments: list[str] = []
    values: dict[str, list[str]] = {}
    root: str | None = None
    i = 1
    while i < len(words):
        word = words[i]
        if word.startswith("-"):
            takes = options.get(word)
            if takes is None:
                return None
            value = ""
            if takes:
                if i + 1 >= len(words) or words[i + 1].startswith("-"):
                    return None
                value = words[i + 1]
                if word == "--root":
                    root = value
                i += 1
            values.setdefault(ALIASES.get(word, word), []).append(value)
        else:
            arguments.append(word)
        i += 1
    if len(arguments) != wanted:
        return None
    return Request(command, tuple(words), root, arguments[0] if arguments else None, values)


__all__ = ["ALIASES", "COMMANDS", "Request", "parse"]
