"""``factcheck validate`` and ``factcheck rules``: check claim and reference files."""

from __future__ import annotations

from pathlib import Path
from typing import List, Literal, Optional

import typer

from factcheck.checks import rule_table
from factcheck.checks.runner import validate
from factcheck.cli.common import EXIT_FINDINGS, EXIT_OK, RootOption, app, emit
from factcheck.cli.fix import apply_fixes
from factcheck.report import findings, rules
from factcheck.store import Repository


@app.command("validate")
def validate_command(
    paths: Optional[List[Path]] = typer.Argument(
        None, metavar="PATH", help="Claim or reference files (or folders) to check. Default: every one in the repository."
    ),
    fmt: Literal["text", "json", "github", "sarif"] = typer.Option("text", "--format", "-f", help="Output format: text, json, github or sarif."),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
    fix: bool = typer.Option(False, "--fix", help="First apply the mechanical fixes (claims whose text moved get its new location) and say what changed."),
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
    Example: factcheck validate --fix
    """
    given = list(paths) if paths else None
    # Files given from outside the working folder: find their repository.
    start = given[0].resolve().parent if given and given[0].exists() else None
    repo = Repository.locate(root, start=start)
    if fix:
        apply_fixes(repo, given)
    result = validate(repo, given, strict=strict)
    emit(findings.FORMATS[fmt], result)
    raise typer.Exit(EXIT_OK if result.success() else EXIT_FINDINGS)


@app.command("rules")
def rules_command(
    fmt: Literal["text", "json"] = typer.Option("text", "--format", "-f", help="Output format: text or json."),
) -> None:
    """List the validation rules: id, severity and what each checks.

    Each rule's full documentation, with a passing and a failing example, is
    the docstring of its module in factcheck/checks/.

    Example: factcheck rules --format json
    """
    emit(rules.FORMATS[fmt], rule_table())
