"""What a rule is: a module with an id, a severity, option defaults and a
``check`` generator of :class:`Problem` values."""

from __future__ import annotations

from typing import Any, Iterator, Mapping, NamedTuple, Protocol

from factcheck.checks.context import Context
from factcheck.model import Severity


class Problem(NamedTuple):
    """What a rule yields: where, and what is wrong."""

    path: str
    line: int
    column: int
    message: str
    kind: str = ""  # see ``Finding.kind``


class Rule(Protocol):
    """The shape of a rule module."""

    ID: str
    SEVERITY: Severity
    DEFAULTS: Mapping[str, Any]

    def check(self, ctx: Context, options: Mapping[str, Any]) -> Iterator[Problem]: ...
