"""``factcheck schema``: print the JSON Schema of claim or reference files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal, Optional

import typer

from factcheck.cli.common import app
from factcheck.config import config_schema
from factcheck.schema import schema_for
from factcheck.yamlio import atomic_write


@app.command("schema")
def schema_command(
    kind: Literal["claims", "references", "config"] = typer.Argument(
        ..., case_sensitive=False, metavar="KIND", help="Which file: claims, references or config (.factcheck.yaml)."
    ),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE", help="Write to FILE instead of stdout."),
) -> None:
    """Print the JSON Schema of claim or reference files, or of the config.

    The schema is generated from the data model (the config's from the rule
    registry); editors use it through the `# yaml-language-server:
    $schema=...` line at the top of each file.

    \b
    Examples:
      factcheck schema claims -o schema/claims.schema.json
      factcheck schema config -o schema/config.schema.json
    """
    schema = config_schema() if kind == "config" else schema_for(kind)
    text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    if output:
        atomic_write(output, text)
    else:
        typer.echo(text, nl=False)
