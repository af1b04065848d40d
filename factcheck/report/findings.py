"""Reporters for validation findings, by name: text, json, github, sarif.

Each is a function ``write(result, stream)``; the ``validate`` command picks
one from ``REPORTER_BY_NAME`` and hands it stdout.  Columns are 1-based and
counted in code points everywhere.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable, TextIO
from urllib.parse import quote

from factcheck import __version__
from factcheck.checks import RULES, summary
from factcheck.checks.runner import ValidationResult
from factcheck.model import Finding
from factcheck.safety import visible

Reporter = Callable[[ValidationResult, TextIO], None]

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m"}
_RESET = "\x1b[0m"


def _colour_wanted(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def line_of(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}"


def write_text(result: ValidationResult, stream: TextIO) -> None:
    """``path:line:col: severity rule-id message``, one finding a line."""
    colour = _colour_wanted(stream)
    for f in result.findings:
        severity = f"{_COLOURS[f.severity]}{f.severity}{_RESET}" if colour else f.severity
        # Paths and messages quote data: shown inert (no escape sequences, no bidi overrides).
        stream.write(visible(f"{f.path}:{f.line}:{f.column}: ", lines=False) + f"{severity} {f.rule} " + visible(f.message, lines=False) + "\n")


def text_summary(result: ValidationResult) -> str:
    """The closing line: ``N errors, M warnings in K files`` or ``no problems in K files``."""
    n = len(result.files)
    files = f"{n} file" + ("" if n == 1 else "s")
    if not result.findings:
        return f"no problems in {files}"
    e, w = result.errors, result.warnings
    return f"{e} error{'' if e == 1 else 's'}, {w} warning{'' if w == 1 else 's'} in {files}"


def as_json(f: Finding) -> dict[str, Any]:
    return {"file": f.path, "line": f.line, "column": f.column, "severity": f.severity, "rule": f.rule, "message": f.message}


def write_json(result: ValidationResult, stream: TextIO) -> None:
    """A JSON list of objects with file, line, column, severity, rule, message."""
    stream.write(json.dumps([as_json(f) for f in result.findings], ensure_ascii=False, indent=2) + "\n")


def escape_data(s: str) -> str:
    """GitHub workflow-command escaping of a message."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """GitHub workflow-command escaping of a property value (file, title)."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def write_github(result: ValidationResult, stream: TextIO) -> None:
    """GitHub Actions workflow annotations (``::error file=...,line=...::message``)."""
    for f in result.findings:
        props = f"file={escape_property(f.path)},line={f.line},col={f.column},title={escape_property(f.rule)}"
        stream.write(f"::{f.severity} {props}::{escape_data(f.message)}\n")


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    """A relative path as a relative URI reference (what code scanning expects), else a file URI."""
    p = Path(path)
    return p.as_uri() if p.is_absolute() else quote(p.as_posix())


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
                        "artifactLocation": {"uri": _uri(f.path)},
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
                "tool": {"driver": {"name": "factcheck", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def write_sarif(result: ValidationResult, stream: TextIO) -> None:
    """SARIF 2.1.0, for code-scanning tools."""
    stream.write(json.dumps(sarif(result), ensure_ascii=False, indent=2) + "\n")


REPORTER_BY_NAME: dict[str, Reporter] = {
    "text": write_text,
    "json": write_json,
    "github": write_github,
    "sarif": write_sarif,
}
