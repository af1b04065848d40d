"""``factcheck validate`` and ``factcheck rules``: check claim and reference files."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import List, Literal, Optional

import typer

from factcheck import baseline as baselines
from factcheck.checks import rule_table
from factcheck.checks.runner import validate
from factcheck.cli.common import EXIT_FINDINGS, EXIT_OK, RootOption, app, emit
from factcheck.cli.progress import bar
from factcheck.config import Config, rule_ids
from factcheck.errors import RepositoryNotFound
from factcheck.report import findings
from factcheck.store import Repository

# The lock, rich and the `rules` reporter are imported where they are used:
# validate after one file changed is mostly start-up (issue 9).


@app.command("validate")
def validate_command(
    paths: Optional[List[Path]] = typer.Argument(
        None, metavar="PATH", help="Claim or reference files (or folders) to check. Default: every one in the repository."
    ),
    fmt: Optional[Literal["text", "json", "github", "sarif"]] = typer.Option(
        None, "--format", "-f", help="Output format: text, json, github or sarif. Default: text, or format.validate in the config."
    ),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
    baseline_file: Optional[Path] = typer.Option(
        None, "--baseline", metavar="FILE", dir_okay=False, help="Report only findings not in this baseline (see --write-baseline)."
    ),
    write_baseline: bool = typer.Option(
        False, "--write-baseline", help=f"Record every current finding in the --baseline FILE (default: {baselines.DEFAULT_NAME} at the root) and exit 0."
    ),
    min_severity: Literal["warning", "error"] = typer.Option(
        "warning", "--min-severity", help="Report findings of this severity or worse: warning or error."
    ),
    no_warnings: bool = typer.Option(False, "--no-warnings", help="Report errors only (--min-severity error)."),
    select: Optional[List[str]] = typer.Option(
        None, "--select", metavar="RULE", help="Run only these rules (repeatable or comma-separated; ALL: every rule). Replaces the config's select and ignore."
    ),
    ignore: Optional[List[str]] = typer.Option(
        None, "--ignore", metavar="RULE", help="Do not run these rules (repeatable or comma-separated). Added to the config's ignore."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line and no progress bar on stderr."),
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

    The repository's config (.factcheck.yaml or [tool.factcheck] in
    pyproject.toml; see `factcheck config`) selects the rules and sets their
    severity and options.  A claim or reference with `suppress: [rule-id]`
    accepts that rule's findings on it.

    \b
    Examples:
      factcheck validate claims/wiki-ja-kp-ua-relations.yaml --format github
      factcheck validate --write-baseline
      factcheck validate --baseline .factcheck-baseline.json --no-warnings
      factcheck validate --select near-duplicate,unused-reference
      factcheck validate --fix
    """
    given = list(paths) if paths else None
    # Files given from outside the working folder: find their repository.
    start = given[0].resolve().parent if given and given[0].exists() else None
    repo = Repository.locate(root, start=start)
    if fix or write_baseline:
        from factcheck.lock import repository_lock
    if fix:
        with repository_lock(repo.root):  # a writer: one at a time (factcheck.lock)
            from factcheck.cli.fix import apply_fixes  # the re-anchoring and extraction code: only for --fix

            apply_fixes(repo, given)
    config = repo.config
    if select:
        # Asked for by name now: the config's ignore does not apply (as ruff's --select).
        config = replace(config, select=rule_ids(select, option="--select"), ignore=())
    if ignore:
        config = replace(config, ignore=config.ignore + rule_ids(ignore, option="--ignore"))
    if write_baseline:
        target = baseline_file or repo.root / baselines.DEFAULT_NAME
        # Under the lock: the findings are of files no writer is changing, and a
        # second --write-baseline cannot drop this one's kept entries.
        with repository_lock(repo.root), bar("validating", quiet=quiet) as progress:
            previous = baselines.Baseline.read(target) if given and target.is_file() else None
            result = validate(repo, given, strict=strict, progress=progress, config=config)
            baselines.write(target, result.findings, repo.root, files=result.files, previous=previous)
        if not quiet:
            from factcheck.report.table import console

            n = len(result.findings)
            console(stderr=True).print(f"wrote {n} finding{'' if n == 1 else 's'} to {target}", markup=False, highlight=False)
        raise typer.Exit(EXIT_OK)
    known = baselines.Baseline.read(baseline_file) if baseline_file else None
    with bar("validating", quiet=quiet) as progress:
        result = validate(repo, given, strict=strict, baseline=known, progress=progress, config=config, notice=None if quiet else _note)
    result = result.at_least("error" if no_warnings else min_severity)
    chosen = fmt or config.format_for("validate") or "text"
    emit(findings.render_lines if quiet and chosen == "text" else findings.FORMATS[chosen], result)
    raise typer.Exit(EXIT_OK if result.success() else EXIT_FINDINGS)


def _note(message: str) -> None:
    """A line on stderr about how the answer was made (not a finding)."""
    from factcheck.safety import cut, visible

    sys.stderr.write(f"factcheck: note: {visible(cut(message, 1000))}\n")


@app.command("rules")
def rules_command(
    fmt: Literal["text", "json"] = typer.Option("text", "--format", "-f", help="Output format: text or json."),
    root: RootOption = None,
) -> None:
    """List the validation rules: id, severity and what each checks.

    Inside a repository, as its config sets them: a rule it does not run
    shows as "off".

    Each rule's full documentation, with a passing and a failing example, is
    the docstring of its module in factcheck/checks/.

    \b
    Examples:
      factcheck rules
      factcheck rules --format json
    """
    from factcheck.report import rules

    try:
        config = Repository.locate(root).config
    except RepositoryNotFound:  # outside a repository: the rules as shipped
        config = Config()
    emit(rules.FORMATS[fmt], rule_table(config))
