"""``factcheck schema``: print the JSON Schema of claim or reference files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal, Optional

import typer

from factcheck.cli.common import app
from factcheck.schema import schema_for
from factcheck.yamlio import atomic_write


@app.command("schema")
def schema_command(
    kind: Literal["claims", "references"] = typer.Argument(..., help="Which file kind: claims or references."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of stdout."),
) -> None:
    """Print the JSON Schema of claim or reference files.

    The schema is generated from the data model; editors use it through the
    `# yaml-language-server: $schema=...` line at the top of each file.

    Example: factcheck schema claims -o schema/claims.schema.json
    """
    text = json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"
    if output:
        atomic_write(output, text)
    else:
        typer.echo(text, nl=False)
