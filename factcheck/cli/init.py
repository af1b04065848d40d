"""``factcheck init``: start a claims repository."""

from __future__ import annotations

from pathlib import Path

import typer

from factcheck.cli.common import app
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
    render_init(init_repository(directory))
