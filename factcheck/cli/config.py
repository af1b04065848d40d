"""``factcheck config``: the effective configuration and where each value came from."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer

from factcheck.cli.common import RootOption, app
from factcheck.config import YAML_NAME, effective
from factcheck.report.table import console
from factcheck.store import Repository


class ConfigFormat(str, Enum):
    text = "text"
    json = "json"


def _show(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if value is None:
        return "-"
    return str(value).lower() if isinstance(value, bool) else str(value)


@app.command("config")
def config_command(
    fmt: ConfigFormat = typer.Option(ConfigFormat.text, "--format", "-f", case_sensitive=False, help="Output format: text or json."),
    root: RootOption = None,
) -> None:
    """Print the effective configuration and where each value came from.

    The configuration is `.factcheck.yaml` at the repository root, else the
    `[tool.factcheck]` table of pyproject.toml, else the defaults.  Its keys
    (select, ignore, rules, exclude, format, reliability) are described by
    `factcheck schema config`.

    \b
    Examples:
      factcheck config
      factcheck config --format json
    """
    config = Repository.locate(root).config
    rows = effective(config)
    if fmt is ConfigFormat.json:
        payload = {"file": config.path, "unread": list(config.unread), "settings": rows}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    out = console()
    where = config.path or f"none (defaults; create {YAML_NAME} or [tool.factcheck] in pyproject.toml)"
    out.print(f"config: {where}", markup=False, highlight=False, soft_wrap=True)
    for unread in config.unread:
        out.print(f"not read: {unread} ({config.path} wins)", markup=False, highlight=False)
    width = max(len(r["key"]) for r in rows)
    vwidth = min(40, max(len(_show(r["value"])) for r in rows))
    for r in rows:
        out.print(f"{r['key']:<{width}}  {_show(r['value']):<{vwidth}}  {r['origin']}", markup=False, highlight=False, soft_wrap=True)


__all__ = ["config_command", "Path"]
