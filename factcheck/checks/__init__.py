"""Validation rules, one per module, and their registry.

Each rule module has an ``ID`` (kebab-case), a ``SEVERITY``, option defaults
as data (``DEFAULTS``), and a ``check(ctx, options)`` generator that yields
:class:`Problem` values.  The runner, not the rule, stamps the rule id and
severity onto each problem.  The module docstring is the rule's user
documentation, with a passing and a failing YAML example.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Iterator, Mapping, NamedTuple, Protocol

from factcheck.model import Severity


class Problem(NamedTuple):
    """What a rule yields: where, and what is wrong."""

    path: str
    line: int
    column: int
    message: str


class Rule(Protocol):
    """The shape of a rule module."""

    ID: str
    SEVERITY: Severity
    DEFAULTS: Mapping[str, Any]

    def check(self, ctx: Any, options: Mapping[str, Any]) -> Iterator[Problem]: ...


from factcheck.checks import (  # noqa: E402 - the registry needs Problem defined first
    anchored,
    contradicts_same_document,
    dangling_cite,
    dangling_relation,
    date_format,
    dispute_kind,
    near_duplicate,
    schema,
    source_path,
    syntax,
    unique_id,
    unknown_document,
    unused_reference,
)

_MODULES: tuple[ModuleType, ...] = (
    syntax,
    schema,
    unique_id,
    dangling_cite,
    dangling_relation,
    unknown_document,
    contradicts_same_document,
    dispute_kind,
    date_format,
    source_path,
    anchored,
    unused_reference,
    near_duplicate,
)

# id -> module, in the order rules are documented and listed.
RULES: dict[str, Rule] = {m.ID: m for m in _MODULES}  # type: ignore[misc]


def summary(rule: Rule) -> str:
    """The first line of a rule's documentation."""
    return ((rule.__doc__ or "").strip().splitlines() or [""])[0]


__all__ = ["Problem", "Rule", "RULES", "summary"]
