"""Validation findings (``factcheck validate``) by format: text, json,
github, sarif.

Each is a function ``render_<format>(result, out)``; the command picks one
from ``FORMATS`` and hands it stdout.  Columns are 1-based and counted in
code points everywhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Any, Callable
from urllib.parse import quote

from factcheck import HOMEPAGE, __version__
from factcheck.baseline import relative
from factcheck.checks import RULES, summary
from factcheck.checks.runner import ValidationResult
from factcheck.model import Finding
from factcheck.report.records import finding_record, write_json
from factcheck.safety import visible

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m"}
_RESET = "\x1b[0m"


def _colour_wanted(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def render_lines(result: ValidationResult, out: IO[str]) -> None:
    """``path:line:col: severity rule-id message``, one finding a line (``--quiet``)."""
    colour = _colour_wanted(out)
    for f in result.findings:
        severity = f"{_COLOURS[f.severity]}{f.severity}{_RESET}" if colour else f.severity
        # Paths and messages quote data: shown inert (no escape sequences, no bidi overrides).
        out.write(visible(f"{f.path}:{f.line}:{f.column}: ", lines=False) + f"{severity} {f.rule} " + visible(f.message, lines=False) + "\n")
    out.flush()


def render_text(result: ValidationResult, out: IO[str]) -> None:
    """The findings a line each, and the summary line for people on stderr
    (stdout stays one finding a line)."""
    render_lines(result, out)
    sys.stderr.write(text_summary(result) + "\n")


def text_summary(result: ValidationResult) -> str:
    """The closing line: ``N errors, M warnings in K files`` or ``no problems in K files``."""
    n = len(result.files)
    files = f"{n} file" + ("" if n == 1 else "s")
    if not result.findings:
        return f"no problems in {files}" + _accepted(result)
    e, w = result.errors, result.warnings
    return f"{e} error{'' if e == 1 else 's'}, {w} warning{'' if w == 1 else 's'} in {files}" + _accepted(result)


def _accepted(result: ValidationResult) -> str:
    """What was left out on purpose, so a quiet run is never mistaken for a clean one."""
    parts = []
    if result.baselined:
        parts.append(f"{result.baselined} in the baseline")
    if result.suppressed:
        parts.append(f"{result.suppressed} suppressed")
    if result.hidden:
        parts.append(f"{result.hidden} below the minimum severity")
    if result.stale:
        parts.append(f"{result.stale} baseline entries fixed since (rewrite it with --write-baseline)")
    return f" ({'; '.join(parts)})" if parts else ""


def render_json(result: ValidationResult, out: IO[str]) -> None:
    """A JSON list of objects with file, line, column, severity, rule, message."""
    write_json([finding_record(f) for f in result.findings], out)


def escape_data(s: str) -> str:
    """GitHub workflow-command escaping of a message."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """GitHub workflow-command escaping of a property value (file, title)."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def repo_path(result: ValidationResult, f: Finding) -> str:
    """A finding's path relative to the repository root: what GitHub and code
    scanning resolve paths against, wherever validate was run from."""
    return relative(f.path, result.root) if result.root is not None else f.path


def render_github(result: ValidationResult, out: IO[str]) -> None:
    """GitHub Actions workflow annotations (``::error file=...,line=...::message``)."""
    for f in result.findings:
        props = f"file={escape_property(repo_path(result, f))},line={f.line},col={f.column},title={escape_property(f.rule)}"
        out.write(f"::{f.severity} {props}::{escape_data(f.message)}\n")


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    """A relative path as a relative URI reference (what code scanning expects), else a file URI."""
    p = Path(path)
    return p.as_uri() if p.is_absolute() else quote(p.as_posix())


def _base(result: ValidationResult) -> dict[str, str]:
    return {"uriBaseId": "%SRCROOT%"} if result.root is not None else {}


def sarif(result: ValidationResult) -> dict[str, Any]:
    """The findings as a SARIF 2.1.0 log with one run."""
    rule_ids = list(RULES)
    rules = [
        {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": summary(rule)},
            "fullDescription": {"text": (rule.__doc__ or "").strip()},
            "defaultConfiguration": {"level": rule.SEVERITY},
            "helpUri": f"{HOMEPAGE}#rules",
        }
        for rule_id, rule in RULES.items()
    ]
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": rule_ids.index(f.rule),
            "level": f.severity,
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(repo_path(result, f)), **_base(result)},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
        }
        for f in result.findings
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {"name": "factcheck", "version": __version__, "informationUri": HOMEPAGE, "rules": rules}
                },
                **(
                    {"originalUriBaseIds": {"%SRCROOT%": {"uri": result.root.as_uri() + "/"}}}
                    if result.root is not None
                    else {}
                ),
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif(result: ValidationResult, out: IO[str]) -> None:
    """SARIF 2.1.0, for code-scanning tools."""
    write_json(sarif(result), out)


FORMATS: dict[str, Callable[[ValidationResult, IO[str]], None]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}
