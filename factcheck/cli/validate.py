"""``factcheck validate`` and ``factcheck rules``: check claim and reference files."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from factcheck.checks import RULES, summary
from factcheck.checks.runner import validate
from factcheck.cli.common import EXIT_FINDINGS, EXIT_OK, RootOption, app, console, guarded
from factcheck.report.findings import REPORTER_BY_NAME, text_summary
from factcheck.errors import UsageError
from factcheck.store import Repository


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class ListFormat(str, Enum):
    text = "text"
    json = "json"


def _repository(root: Path | None, paths: list[Path]) -> Repository:
    if root:
        if not root.is_dir():
            raise UsageError(f"--root {root}: no such folder")
        return Repository(root)
    # Files given from outside the working folder: find their repository.
    start = paths[0].resolve().parent if paths and paths[0].exists() else None
    return Repository.discover(start)


@app.command("validate")
@guarded
def validate_command(
    paths: Optional[List[Path]] = typer.Argument(
        None, metavar="PATH", help="Claim or reference files (or folders) to check. Default: every one in the repository."
    ),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Output format: text, json, github or sarif."),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
    root: RootOption = None,
) -> None:
    """Check claim and reference files against every rule.

    Prints one line per finding, `path:line:col: severity rule-id message`,
    and a summary on stderr.  Rules that span files (unique ids, dangling
    citations) read the whole repository, so checking a few files is safe.
    `factcheck rules` lists the rules.

    Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 bad usage or
    unreadable input.

    Example: factcheck validate claims/kp-ua.yaml --format github
    """
    given = list(paths) if paths else None
    repo = _repository(root, given or [])
    result = validate(repo, given, strict=strict)
    REPORTER_BY_NAME[format.value](result, sys.stdout)
    sys.stdout.flush()
    if format is Format.text:
        console(stderr=True).print(text_summary(result), markup=False, highlight=False)
    raise typer.Exit(EXIT_OK if result.success() else EXIT_FINDINGS)


@app.command("rules")
@guarded
def rules_command(
    format: ListFormat = typer.Option(ListFormat.text, "--format", "-f", help="Output format: text or json."),
) -> None:
    """List the validation rules: id, severity and what each checks.

    Each rule's full documentation, with a passing and a failing example, is
    the docstring of its module in factcheck/checks/.

    Example: factcheck rules --format json
    """
    rows = [{"id": rule_id, "severity": rule.SEVERITY, "summary": summary(rule)} for rule_id, rule in RULES.items()]
    if format is ListFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        sys.stdout.write(f"{r['id']:<{width}}  {r['severity']:<7}  {r['summary']}\n")
