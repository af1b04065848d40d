"""A repository's configuration: ``.factcheck.yaml`` or ``[tool.factcheck]``.

Read from the repository root: ``.factcheck.yaml`` when it exists, else the
``[tool.factcheck]`` table of ``pyproject.toml`` (read with ``tomllib``),
else nothing (every default).  Like ruff, one file is the configuration:
when both exist, ``.factcheck.yaml`` wins and ``factcheck config`` says the
other was not read.

Keys (``factcheck schema config`` prints the JSON Schema)::

    select: [ALL]               # rule ids to run (ALL: every rule)
    ignore: [near-duplicate]    # rule ids not to run, applied after select
    rules:                      # per rule: severity and the rule's own options
      unused-reference: {severity: error}
      near-duplicate: {threshold: 90}
    exclude: [claims/drafts-*.yaml]   # files factcheck never reads (globs from the root)
    format: {validate: github, list: json}   # default --format per command
    reliability:                # added to, or overriding, factcheck/vocab/reliability.yaml
      ratings: {state-media: {unreliable: true}}
      sources:
        - {name: Example Times, rating: generally-unreliable, domains: [example.com]}

Every value is checked against the schema, then against the rule registry
and the reliability table; a bad value is a ``ConfigError`` at its file,
line and column.  Each value remembers where it came from (``origins``), so
``factcheck config`` can say so.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Mapping

from factcheck import vocab
from factcheck.errors import FactcheckError, FileError, UsageError
from factcheck.model import Severity
from factcheck.reliability import ReliabilityTable
from factcheck.suggest import did_you_mean
from factcheck.yamlio import JsonPath, Located, compose, construct, read_text

if TYPE_CHECKING:  # loaded only when a configuration file is checked (every command reads the config)
    import jsonschema

YAML_NAME = ".factcheck.yaml"
PYPROJECT = "pyproject.toml"
SEVERITIES: tuple[Severity, ...] = ("error", "warning")
ALL = "ALL"

# The --format choices of each command a config may give a default for.  A
# test keeps this in step with the commands' own choices.
COMMAND_FORMATS: dict[str, tuple[str, ...]] = {
    "validate": ("text", "json", "github", "sarif"),
    "list": ("table", "json", "yaml", "csv", "ids"),
    "search": ("table", "json"),
    "show": ("table", "json"),
    "stats": ("table", "json"),
    "report": ("terminal", "markdown", "html", "json"),
}


class ConfigError(FileError):
    """A configuration file that cannot be used, at its line and column."""


def _rules() -> Mapping[str, Any]:
    # Imported late: the rules read the store, and the store reads the config.
    from factcheck.checks import RULES

    return RULES


def _json_type(default: Any) -> dict[str, Any]:
    """A rule option's schema, from the type of its default value."""
    if isinstance(default, bool):
        return {"type": "boolean"}
    if isinstance(default, int):
        return {"type": "integer"}
    if isinstance(default, float):
        return {"type": "number"}
    if isinstance(default, (list, tuple)):
        return {"type": "array", "items": {"type": "string"}}
    return {"type": "string"}


def config_schema() -> dict[str, Any]:
    """The JSON Schema of the configuration (also for editors: ``factcheck schema config``)."""
    rules = _rules()
    rule_ids = list(rules)
    per_rule = {
        rule_id: {
            "type": "object",
            "description": (rule.__doc__ or "").strip().splitlines()[0] if rule.__doc__ else "",
            "properties": {
                "severity": {"enum": list(SEVERITIES), "description": f"Default: {rule.SEVERITY}."},
                **{name: {**_json_type(value), "description": f"Default: {value!r}."} for name, value in rule.DEFAULTS.items()},
            },
            "additionalProperties": False,
        }
        for rule_id, rule in rules.items()
    }
    rule_list = {"type": "array", "items": {"enum": [ALL, *rule_ids]}, "uniqueItems": True}
    rating = {
        "type": "object",
        "properties": {"unreliable": {"type": "boolean"}, "doc": {"type": "string"}},
        "additionalProperties": False,
    }
    source = {
        "type": "object",
        "required": ["name", "rating"],
        "properties": {
            "name": {"type": "string", "description": "An entry of the same name in the bundled table is replaced."},
            "rating": {"type": "string"},
            "basis": {"type": "string"},
            "note": {"type": "string"},
            "names": {"type": "array", "items": {"type": "string"}},
            "domains": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "factcheck configuration (.factcheck.yaml or [tool.factcheck] in pyproject.toml)",
        "type": "object",
        "properties": {
            "version": {"type": "integer", "enum": [1], "description": "The layout of the repository's files; 1 today."},
            "select": {**rule_list, "description": "Rules to run (ALL: every rule). Default: [ALL]."},
            "ignore": {**rule_list, "description": "Rules not to run, applied after select."},
            "rules": {
                "type": "object",
                "description": "Per rule: its severity and options.",
                "properties": per_rule,
                "additionalProperties": False,
            },
            "exclude": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Files never read: glob patterns relative to the repository root (claims/drafts-*.yaml).",
            },
            "format": {
                "type": "object",
                "description": "The default --format of each command.",
                "properties": {cmd: {"enum": list(choices)} for cmd, choices in COMMAND_FORMATS.items()},
                "additionalProperties": False,
            },
            "reliability": {
                "type": "object",
                "description": "Ratings and sources added to, or overriding, the bundled reliability table.",
                "properties": {
                    "ratings": {"type": "object", "additionalProperties": rating},
                    "sources": {"type": "array", "items": source},
                },
                "additionalProperties": False,
            },
        },
        "additionalProperties": False,
    }


@dataclass(frozen=True)
class Config:
    """The effective configuration of one repository."""

    select: tuple[str, ...] = (ALL,)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    format: Mapping[str, str] = field(default_factory=dict)
    reliability: Mapping[str, Any] = field(default_factory=dict)
    path: str | None = None  # the file read, as shown; None: none
    unread: tuple[str, ...] = ()  # config files present but not read (the other one)
    origins: Mapping[str, str] = field(default_factory=dict)  # top-level key -> "file:line:col"

    def enabled(self, rule_id: str) -> bool:
        """Whether a rule runs: selected (or ALL) and not ignored.  ``syntax``
        always runs (as ruff's syntax errors): a file that does not parse is never fine."""
        if rule_id == "syntax":
            return True
        selected = ALL in self.select or rule_id in self.select
        return selected and rule_id not in self.ignore

    def rule_severity(self, rule_id: str, default: Severity) -> Severity:
        return self.severity.get(rule_id, default)

    def format_for(self, command: str, default: str | None = None) -> str | None:
        return self.format.get(command, default)

    def excluded(self, path: str) -> bool:
        """Whether a path relative to the root (posix) matches an ``exclude`` glob,
        itself or through one of its folders."""
        if not self.exclude:
            return False
        p = PurePosixPath(path)
        candidates = [p.as_posix(), *(q.as_posix() for q in p.parents if q.as_posix() != ".")]
        return any(fnmatch.fnmatchcase(c, pattern.rstrip("/")) for c in candidates for pattern in self.exclude)

    @cached_property
    def table(self) -> ReliabilityTable:
        """The bundled reliability table with this configuration's ratings and sources."""
        return merged_table(self.reliability, origin=self.path or "config")

    def origin(self, key: str) -> str:
        return self.origins.get(key, "default")


def rule_ids(given: list[str] | tuple[str, ...], *, option: str) -> tuple[str, ...]:
    """Rule ids given on the command line (repeated or comma-separated), checked."""
    known = [ALL, *_rules()]
    out: list[str] = []
    for value in given:
        for name in (v.strip() for v in value.split(",")):
            if not name:
                continue
            match = next((k for k in known if k.lower() == name.lower()), None)
            if match is None:
                raise UsageError(f"{option} {name}: no such rule{did_you_mean(name, known) or f' (known: {chr(44).join(known)})'}")
            out.append(match)
    return tuple(out)


def merged_table(extra: Mapping[str, Any], *, origin: str) -> ReliabilityTable:
    """The bundled table, with ``extra`` ratings added (same name: replaced) and
    ``extra`` sources placed first (they win a lookup; same name: replaced)."""
    bundled = vocab.load("reliability")
    if not extra:
        return ReliabilityTable(bundled)
    ratings = {**(bundled.get("ratings") or {}), **(extra.get("ratings") or {})}
    mine = list(extra.get("sources") or [])
    replaced = {str(s.get("name")) for s in mine}
    sources = mine + [s for s in bundled.get("sources") or [] if str(s.get("name")) not in replaced]
    return ReliabilityTable({"ratings": ratings, "sources": sources}, origin=origin)


# --- reading -----------------------------------------------------------------------


class _Where:
    """Positions in the file read: YAML nodes keep theirs; TOML lines are found by key."""

    def __init__(self, path: str, located: Located | None = None, toml_text: str | None = None):
        self.path = path
        self.located = located
        self.toml_lines = toml_text.splitlines() if toml_text is not None else None

    def __call__(self, jpath: JsonPath, *, key: bool = False) -> tuple[int, int]:
        if self.located is not None:
            return self.located.where(jpath, key=key)
        return self._toml(jpath)

    def _toml(self, jpath: JsonPath) -> tuple[int, int]:
        # tomllib keeps no positions: the deepest table header or key line on
        # the value's path is the line to point at.
        names = [p for p in jpath if isinstance(p, str)]
        best, depth = (1, 1), -1
        table: list[str] | None = None
        for n, raw in enumerate(self.toml_lines or [], 1):
            line = raw.strip()
            header = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", line)
            if header:
                parts = [part.strip().strip("\"'") for part in header.group(1).split(".")]
                table = parts[2:] if parts[:2] == ["tool", "factcheck"] else None
                if table is not None and names[: len(table)] == table and len(table) > depth:
                    best, depth = (n, 1), len(table)
                continue
            if table is None or names[: len(table)] != table or len(names) <= len(table):
                continue
            key = re.match(r"^[\"']?([\w-]+)[\"']?\s*[=.]", line)
            if key and key.group(1) == names[len(table)] and len(table) + 1 > depth:
                best, depth = (n, raw.index(line[0]) + 1), len(table) + 1
        return best

    def error(self, jpath: JsonPath, message: str, *, key: bool = False) -> ConfigError:
        line, col = self(jpath, key=key)
        return ConfigError(self.path, message, line, col)


def _schema_message(error: jsonschema.ValidationError) -> str:
    where = ".".join(str(p) for p in error.absolute_path)
    prefix = f"{where}: " if where else ""
    schema: Any = error.schema  # a mapping for every keyword of config_schema()
    if error.validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        instance: Any = error.instance
        extra = sorted(set(instance) - set(allowed))[0]
        hint = did_you_mean(extra, allowed)
        known = f" (known: {', '.join(allowed)})" if not hint else hint
        return f"{prefix}unknown key {extra!r}{known}"
    if error.validator == "enum":
        listed: Any = error.validator_value
        choices = [str(c) for c in listed]
        return f"{prefix}{error.instance!r} is not one of {', '.join(choices)}{did_you_mean(str(error.instance), choices)}"
    if error.validator == "type":
        value: Any = error.validator_value
        expected = " or ".join(value) if isinstance(value, list) else str(value)
        return f"{prefix}expected {'an' if expected[0] in 'aeiou' else 'a'} {expected}, got {error.instance!r}"
    return f"{prefix}{error.message}"


def _error_path(error: jsonschema.ValidationError) -> tuple[JsonPath, bool]:
    path = tuple(error.absolute_path)
    schema: Any = error.schema
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = sorted(set(error.instance) - set(schema.get("properties", {})))
        if extra:
            return path + (extra[0],), True
    return path, False


def _check(data: Any, where: _Where) -> None:
    """Schema first, then what a schema cannot say (rule options vs. the registry,
    ratings the sources use)."""
    import jsonschema

    if data is None:
        data = {}
    validator = jsonschema.Draft202012Validator(config_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: where(_error_path(e)[0], key=_error_path(e)[1]))
    if errors:
        jpath, key = _error_path(errors[0])
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise where.error(jpath, _schema_message(errors[0]) + more, key=key)
    reliability = data.get("reliability") or {}
    if reliability:
        try:
            merged_table(reliability, origin=where.path)
        except FactcheckError as exc:
            # The table says "origin: sources[i]: message": point at that entry.
            message = str(exc).split(": ", 1)[-1]
            m = re.match(r"sources\[(\d+)\]: (.*)", message)
            entry: JsonPath = ("reliability", "sources", int(m.group(1))) if m else ("reliability",)
            raise where.error(entry, f"reliability.{message}") from None


def _from_data(data: Mapping[str, Any], where: _Where, *, path: str, unread: tuple[str, ...]) -> Config:
    rules = data.get("rules") or {}
    severity = {rule_id: spec["severity"] for rule_id, spec in rules.items() if "severity" in spec}
    options = {
        rule_id: {k: v for k, v in spec.items() if k != "severity"}
        for rule_id, spec in rules.items()
        if set(spec) - {"severity"}
    }
    origins: dict[str, str] = {}
    for key in data:
        line, col = where((key,), key=True)
        origins[key] = f"{path}:{line}:{col}"
    for rule_id, spec in rules.items():
        for name in spec:
            line, col = where(("rules", rule_id, name), key=True)
            origins[f"rules.{rule_id}.{name}"] = f"{path}:{line}:{col}"
    return Config(
        select=tuple(data.get("select") or (ALL,)),
        ignore=tuple(data.get("ignore") or ()),
        severity=severity,
        options=options,
        exclude=tuple(data.get("exclude") or ()),
        format=dict(data.get("format") or {}),
        reliability=dict(data.get("reliability") or {}),
        path=path,
        unread=unread,
        origins=origins,
    )


def _read_yaml(file: Path, shown: str) -> tuple[Any, _Where]:
    try:
        text = read_text(file)
    except OSError as exc:
        raise ConfigError(shown, f"cannot read: {exc.strerror or exc}") from None
    try:
        node = compose(text, shown)
    except FileError as exc:
        raise ConfigError(shown, exc.message, exc.line, exc.column) from None
    if node is None:
        return {}, _Where(shown, Located(shown, {}))
    located = construct(node, config_schema(), shown)
    if not isinstance(located.data, dict):
        raise ConfigError(shown, "the configuration must be a mapping (select: ..., rules: ...)", 1, 1)
    return located.data, _Where(shown, located)


def _read_pyproject(file: Path, shown: str) -> tuple[Any, _Where] | None:
    try:
        text = read_text(file)
    except OSError as exc:
        raise ConfigError(shown, f"cannot read: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ConfigError(shown, f"malformed TOML: {message}", *(map(int, m.groups()) if m else ())) from None
    tool = data.get("tool")
    if not isinstance(tool, dict) or "factcheck" not in tool:
        return None
    return tool["factcheck"], _Where(shown, toml_text=text)


def _stamp(root: Path) -> tuple[Any, ...]:
    out: list[tuple[str, int | None, int | None]] = []
    for name in (YAML_NAME, PYPROJECT):
        try:
            st = (root / name).stat()
            out.append((name, st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((name, None, None))
    return tuple(out)


def load_config(root: Path) -> Config:
    """The configuration of the repository at ``root`` (every default when there is none).

    Raises ConfigError, located, for a file that cannot be used.
    """
    root = root.resolve()
    return _load_cached(root, _stamp(root))


@cache
def _load_cached(root: Path, _stamp: tuple[Any, ...]) -> Config:
    yaml_file = root / YAML_NAME
    pyproject = root / PYPROJECT
    found: tuple[Any, _Where] | None = None
    shown = ""
    unread: tuple[str, ...] = ()
    if yaml_file.is_file():
        shown = YAML_NAME
        found = _read_yaml(yaml_file, shown)
        if pyproject.is_file() and "[tool.factcheck" in read_text(pyproject):
            unread = (f"{PYPROJECT} [tool.factcheck]",)
    elif pyproject.is_file():
        found = _read_pyproject(pyproject, PYPROJECT)
        shown = PYPROJECT
    if found is None:
        return Config()
    data, where = found
    _check(data, where)
    return _from_data(data or {}, where, path=shown, unread=unread)


# --- what `factcheck config` prints ----------------------------------------------------


def effective(config: Config) -> list[dict[str, Any]]:
    """Every setting with its value and where it came from, in a stable order."""
    rules = _rules()
    rows: list[dict[str, Any]] = [
        {"key": "select", "value": list(config.select), "origin": config.origin("select")},
        {"key": "ignore", "value": list(config.ignore), "origin": config.origin("ignore")},
    ]
    for rule_id, rule in rules.items():
        enabled = config.enabled(rule_id)
        origin = config.origin("ignore") if rule_id in config.ignore else config.origin("select")
        rows.append({"key": f"rules.{rule_id}.enabled", "value": enabled, "origin": origin})
        sev_key = f"rules.{rule_id}.severity"
        rows.append(
            {"key": sev_key, "value": config.rule_severity(rule_id, rule.SEVERITY), "origin": config.origin(sev_key)}
        )
        for name, default in rule.DEFAULTS.items():
            key = f"rules.{rule_id}.{name}"
            value = config.options.get(rule_id, {}).get(name, default)
            rows.append({"key": key, "value": value, "origin": config.origin(key)})
    rows.append({"key": "exclude", "value": list(config.exclude), "origin": config.origin("exclude")})
    for cmd in COMMAND_FORMATS:
        rows.append(
            {
                "key": f"format.{cmd}",
                "value": config.format.get(cmd),
                "origin": config.origin("format") if cmd in config.format else "default",
            }
        )
    bundled = vocab.load("reliability")
    rows.append(
        {
            "key": "reliability.ratings",
            "value": sorted({*(bundled.get("ratings") or {}), *(config.reliability.get("ratings") or {})}),
            "origin": "bundled" + (f" + {config.origin('reliability')}" if config.reliability.get("ratings") else ""),
        }
    )
    rows.append(
        {
            "key": "reliability.sources",
            "value": [s["name"] for s in config.reliability.get("sources") or []],
            "origin": (config.origin("reliability") if config.reliability.get("sources") else "default")
            + f" (added to {len(bundled.get('sources') or [])} bundled)",
        }
    )
    return rows


__all__ = ["Config", "ConfigError", "COMMAND_FORMATS", "config_schema", "effective", "load_config", "merged_table"]
