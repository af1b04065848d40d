"""Run the rules over a repository and collect their findings.

The corpus is always the whole repository plus the files asked about, so
rules that span files (unique ids, dangling citations) see everything even
when pre-commit passes only a batch of changed files; only findings located
in the target files are reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from factcheck.checks import RULES
from factcheck.checks.context import Context
from factcheck.errors import UsageError
from factcheck.lock import interrupted
from factcheck.model import Finding
from factcheck.safety import cut
from factcheck.store import YAML_SUFFIXES, FileKind, Repository, display_path, kind_of


@dataclass(frozen=True)
class ValidationResult:
    """The findings of one validation, sorted by file, line and column."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    strict: bool = False

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    def success(self, strict: bool | None = None) -> bool:
        """No errors; under ``strict`` (default: as validated), no warnings either."""
        strict = self.strict if strict is None else strict
        return not self.errors and not (strict and self.warnings)


def resolve_options(options: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Each rule's options: its defaults overridden by ``options``; unknown names rejected."""
    out = {rule_id: dict(rule.DEFAULTS) for rule_id, rule in RULES.items()}
    for rule_id, given in (options or {}).items():
        if rule_id not in RULES:
            raise UsageError(f"unknown rule {rule_id!r} (known: {', '.join(RULES)})")
        for key, value in given.items():
            if key not in out[rule_id]:
                raise UsageError(f"unknown option {key!r} for rule {rule_id!r}")
            out[rule_id][key] = value
    return out


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and kind_of(p) and p.is_file())
    return [path]


def _targets(paths: Sequence[Path]) -> list[tuple[Path, FileKind]]:
    out: list[tuple[Path, FileKind]] = []
    for given in paths:
        if not given.exists():
            raise UsageError(f"{given}: no such file or folder")
        for path in _expand(given):
            kind = kind_of(path)
            if kind is None:
                raise UsageError(
                    f"{path}: not a claim or reference file (a .yaml file in a claims/ or references/ folder)"
                )
            out.append((path, kind))
    return out


# Which rule's word wins when a rule and the schema both speak about one line:
# the precise date message over the schema's pattern warning; otherwise the
# schema finding stands alone, the other rules having skipped the broken part.
_OVER_SCHEMA = {"date-format"}


def _one_per_fault(findings: list[Finding]) -> list[Finding]:
    schema_lines = {(f.path, f.line) for f in findings if f.rule == "schema"}
    date_lines = {(f.path, f.line) for f in findings if f.rule in _OVER_SCHEMA}
    kept = []
    for f in findings:
        if f.rule == "schema" and (f.path, f.line) in date_lines and "ISO 8601" in f.message:
            continue
        if f.rule not in ("schema", "syntax", *_OVER_SCHEMA) and (f.path, f.line) in schema_lines:
            continue
        kept.append(f)
    return kept


def validate(
    repo: Repository,
    paths: Sequence[Path] | None = None,
    *,
    strict: bool = False,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> ValidationResult:
    """Validate ``paths`` (default: every claim and reference file of ``repo``).

    Raises UsageError for a path that does not exist or is not a claim or
    reference file, ClaimFileError for a target that cannot be read at all.
    """
    resolved_options = resolve_options(options)
    extra = _targets(paths) if paths is not None else []
    corpus = repo.load(extra)
    if paths is None:
        wanted = {f.path for f in corpus.files}
    else:
        wanted = {display_path(p) for p, _ in extra}
    for f in corpus.files:
        # A file that cannot be opened at all is unreadable input, not a finding.
        if f.path in wanted and f.error is not None and f.error.message.startswith("cannot read"):
            raise f.error
    ctx = Context(corpus)
    findings: list[Finding] = []
    for rule_id, rule in RULES.items():
        for p in rule.check(ctx, resolved_options[rule_id]):
            if p.path in wanted:
                findings.append(Finding(p.path, p.line, p.column, rule.SEVERITY, rule_id, cut(p.message)))
    findings = _one_per_fault(findings)
    journal = interrupted(repo.root)
    if journal is not None:
        findings.append(
            Finding(
                display_path(journal), 1, 1, "error", "syntax",
                "a write was interrupted (killed); the next writing command (factcheck extract, "
                "factcheck contradictions --write) completes it",
            )
        )
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.rule, f.message))
    files = tuple(sorted(wanted))
    return ValidationResult(tuple(findings), files, strict)


__all__ = ["ValidationResult", "validate", "resolve_options"]
