"""Validation rules, one per module, and their registry.

Each rule module has an ``ID`` (kebab-case), a ``SEVERITY``, option defaults
as data (``DEFAULTS``, set through ``validate(options=...)``), and a
``check(ctx, options)`` generator that yields :class:`Problem` values
(``checks.base``) from the :class:`~factcheck.checks.context.Context`.  A rule
whose findings depend on one file alone (and its document's source) says
``SCOPE = "file"``: the index keeps its findings per file and runs it again
only on files that changed; the others span the repository.  Each of those
also has a ``check_index(tables, options)`` that gives the same findings from
the index's SQL tables (:mod:`factcheck.facts`), so that a warm `validate`
reads a few rows instead of every file's values; ``check`` stays the
reference (no index, a read-only folder, options set).  The runner, not the rule, stamps the rule id and
severity onto each problem.  The module docstring is the rule's user
documentation, with a passing and a failing YAML example.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, NamedTuple

from factcheck.checks import (
    anchored,
    contradicts_same_document,
    dangling_cite,
    dangling_relation,
    date_format,
    dispute_kind,
    near_duplicate,
    schema,
    source_path,
    suppress_rule,
    syntax,
    unique_id,
    unknown_document,
    unused_reference,
)
from factcheck.checks.base import Problem, Rule
from factcheck.model import Severity

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
    suppress_rule,
)

# id -> module, in the order rules are documented and listed.
RULES: dict[str, Rule] = {m.ID: m for m in _MODULES}


def scope(rule: Rule) -> str:
    """``file`` or ``repository`` (the default): what a rule's findings depend on."""
    return getattr(rule, "SCOPE", "repository")


def summary(rule: Rule) -> str:
    """The first line of a rule's documentation."""
    return ((rule.__doc__ or "").strip().splitlines() or [""])[0]


class RuleInfo(NamedTuple):
    """What ``factcheck rules`` lists about a rule."""

    id: str
    severity: Severity
    summary: str
    enabled: bool = True


def rule_table(config: Any = None) -> tuple[RuleInfo, ...]:
    """Every rule, in the order they run and are documented; with a
    ``factcheck.config.Config``, as it sets them (severity, or "off")."""
    return tuple(
        RuleInfo(
            rule_id,
            rule.SEVERITY if config is None else config.rule_severity(rule_id, rule.SEVERITY),
            summary(rule),
            True if config is None else config.enabled(rule_id),
        )
        for rule_id, rule in RULES.items()
    )


__all__ = ["Problem", "Rule", "RuleInfo", "RULES", "rule_table", "scope", "summary"]
