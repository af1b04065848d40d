"""``factcheck init``: start a claims repository."""

from __future__ import annotations

from pathlib import Path

import typer

from factcheck.cli.common import app
from factcheck.errors import UsageError
from factcheck.lock import repository_lock
from factcheck.repo_init import init_repository
from factcheck.report.setup import render_init


@app.command("init")
def init_command(
    directory: Path = typer.Argument(Path("."), metavar="DIR", help="Where to start the repository (created if missing)."),
) -> None:
    """Start a claims repository in DIR (default: here).

    Creates claims/, references/, sources/, schema/ (both JSON Schemas), a
    .factcheck.yaml and a .pre-commit-config.yaml with the factcheck-validate
    hook, and prints the next steps.

    Safe to run again: existing files are kept; the JSON Schemas in schema/
    (which every file's yaml-language-server modeline points at) are
    regenerated when the installed factcheck's model has changed.

    \b
    Examples:
      factcheck init my-claims
    """
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory.resolve()} is a file, not a folder")
    with repository_lock(directory.resolve()):  # a writer like any other (factcheck.lock)
        result = init_repository(directory)
    render_init(result)
