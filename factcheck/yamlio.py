"""Strict, located YAML reading and safe YAML writing.

PyYAML accepts things that are wrong for files people edit by hand and then
trust: duplicate keys (it silently keeps the last), anchors and aliases
(alias bombs), non-string keys, and YAML 1.1 typing surprises (``2022-07-13``
becomes a date, ``no`` becomes false, ``0123`` becomes 83).  So we read the
event stream (libyaml's C parser where present), build our own small node
tree that keeps every 1-based line and column, and turn scalars into values
*guided by the JSON Schema*: where the schema expects a string, the scalar's
text is the value, whatever YAML 1.1 would have made of it.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck.errors import ClaimFileError, FileError
from factcheck.lock import fsync_dir
from factcheck.safety import clip, cut

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()

JsonPath = tuple[str | int, ...]
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$")
_NULLS = {"", "~", "null", "Null", "NULL"}
# Claim files nest five levels deep; anything near this is an attack or an
# accident, and every later stage (construction, the schema validator, the
# writer) recurses per level, so it stops here with a location.
MAX_DEPTH = 64
# Longer numbers stay text: int() refuses more than 4300 digits, and no field
# of ours holds such a number.
_MAX_NUMBER_LENGTH = 100


@dataclass
class Node:
    """A YAML node with its 1-based position."""

    kind: str  # "scalar" | "seq" | "map"
    line: int
    column: int
    value: Any = None  # str for scalars, list[Node] for seq, list[tuple[Node, Node]] for map
    plain: bool = True  # scalar written without quotes or block style
    # Where the node ends (1-based, one past its last character), its scalar
    # style (None for plain, "'", '"', "|", ">") and, for collections, whether
    # it is written in flow style: what targeted edits of the file need.
    end_line: int = 0
    end_column: int = 0
    style: str | None = None
    flow: bool = False


@dataclass
class Located:
    """Values read from a YAML file, with the position of every node."""

    path: str
    data: Any
    values: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)

    def where(self, jpath: JsonPath, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the node at ``jpath`` (or of its key), falling back
        to the nearest enclosing node that has a position."""
        table = self.keys if key else self.values
        p = tuple(jpath)
        while p:
            if p in table:
                return table[p]
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), (1, 1))


def _fail(path: str, mark: Any, message: str) -> ClaimFileError:
    return ClaimFileError(path, message, mark.line + 1, mark.column + 1)


def read_text(path: str | Path) -> str:
    """A file's text: UTF-8 with or without BOM; CRLF turned into LF."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ClaimFileError(str(path), f"not UTF-8: byte 0x{raw[exc.start]:02x}", line, col) from None
    return text.replace("\r\n", "\n")


def compose(text: str, path: str) -> Node | None:
    """Parse one YAML document into a located Node tree, refusing what we forbid."""
    stack: list[Node] = []
    root: Node | None = None
    docs = 0
    try:
        for ev in yaml.parse(text, Loader=_Loader):
            if isinstance(ev, yaml.DocumentStartEvent):
                docs += 1
                if docs > 1:
                    raise _fail(path, ev.start_mark, "more than one YAML document in the file")
                continue
            if isinstance(ev, yaml.AliasEvent):
                raise _fail(path, ev.start_mark, f"alias *{ev.anchor} is not allowed (write the value out)")
            anchor = getattr(ev, "anchor", None)
            if anchor is not None:
                raise _fail(path, ev.start_mark, f"anchor &{anchor} is not allowed (write the value out)")
            mark = ev.start_mark
            assert mark is not None  # libyaml marks every event
            if isinstance(ev, yaml.ScalarEvent):
                end = ev.end_mark
                assert end is not None  # as above
                node = Node(
                    "scalar", mark.line + 1, mark.column + 1, ev.value, not ev.style and ev.implicit[0],
                    end.line + 1, end.column + 1, ev.style or None,
                )
            elif isinstance(ev, yaml.SequenceStartEvent):
                node = Node("seq", mark.line + 1, mark.column + 1, [], flow=bool(ev.flow_style))
            elif isinstance(ev, yaml.MappingStartEvent):
                node = Node("map", mark.line + 1, mark.column + 1, [], flow=bool(ev.flow_style))
            elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                node = stack.pop()
                assert ev.end_mark is not None  # as above
                node.end_line, node.end_column = ev.end_mark.line + 1, ev.end_mark.column + 1
                if node.kind == "map" and isinstance(node.value, list) and node.value and isinstance(node.value[-1], Node):
                    raise _fail(path, ev.start_mark, "mapping key without a value")
                _attach(stack, node)
                if not stack:
                    root = node
                continue
            else:
                continue
            if node.kind == "scalar":
                _attach(stack, node)
                if not stack:
                    root = node
            else:
                if len(stack) >= MAX_DEPTH:
                    raise _fail(path, mark, f"nested deeper than {MAX_DEPTH} levels")
                stack.append(node)
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in UTF-8 bytes of the text it was given.
        before = text.encode("utf-8", "surrogatepass")[: max(exc.position, 0)].decode("utf-8", "ignore")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else clip(exc.character)
        raise ClaimFileError(path, f"control character {what} is not allowed in YAML (write it as an escape in a double-quoted string)", line, col) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "malformed YAML"
        if exc.context and exc.problem:
            problem = f"{problem} ({exc.context})"
        raise ClaimFileError(path, problem, mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise ClaimFileError(path, f"malformed YAML: {cut(' '.join(str(exc).split()), 200)}") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        # The parser itself gave up on the input (an escape beyond U+10FFFF in
        # the pure-Python parser, a pathological structure): still the file's fault.
        raise ClaimFileError(path, f"malformed YAML: {type(exc).__name__}: {cut(str(exc), 200)}") from None
    return root


def _attach(stack: list[Node], node: Node) -> None:
    """Add a finished node to its parent: a list item, or a key/value half."""
    if not stack:
        return
    parent = stack[-1]
    if parent.kind == "seq":
        parent.value.append(node)
    elif parent.value and isinstance(parent.value[-1], Node):
        key = parent.value.pop()
        parent.value.append((key, node))
    else:
        parent.value.append(node)


# --- schema-guided construction -------------------------------------------------


def _resolve_ref(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        extra = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**root["$defs"][name], **extra}
    return schema


def _types(schema: dict[str, Any] | None) -> set[str]:
    if not schema:
        return set()
    t = schema.get("type")
    found = set(t) if isinstance(t, list) else ({t} if t else set())
    for option in schema.get("anyOf", []):
        found |= _types(option)
    return found


def _scalar(node: Node, schema: dict[str, Any] | None) -> Any:
    """A scalar's value as the schema expects it; YAML 1.1 guesses never apply."""
    text: str = node.value
    if not node.plain:
        return text
    expected = _types(schema)
    if "null" in expected and text in _NULLS:
        return None
    if "string" in expected:
        return text
    if len(text) > _MAX_NUMBER_LENGTH:
        return text  # not a number we keep; validation names the type if one was expected
    if expected & {"integer", "number"} and _INT.match(text):
        return int(text.replace("_", ""))
    if "number" in expected and _FLOAT.match(text) and math.isfinite(number := float(text.replace("_", ""))):
        return number
    if "boolean" in expected and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if expected:
        # Wrong type for the schema: keep the text; validation names the problem.
        return None if text in _NULLS else text
    # No schema here (extras under `custom`): YAML 1.2 core rules, dates stay text.
    if text in _NULLS:
        return None
    if text in ("true", "false"):
        return text == "true"
    if _INT.match(text):
        return int(text.replace("_", ""))
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        number = float(text.replace("_", ""))
        # 1e999 would come back as .inf, a string: keep the text so a write round-trips.
        return number if math.isfinite(number) else text
    return text


def _key_text(key: Node, path: str) -> str:
    if key.kind != "scalar":
        raise ClaimFileError(path, "mapping keys must be plain strings, not a list or mapping", key.line, key.column)
    if key.plain:
        tag = _RESOLVER.resolve(yaml.ScalarNode, key.value, (True, False))
        if tag != "tag:yaml.org,2002:str":
            kind = tag.rsplit(":", 1)[-1]
            raise ClaimFileError(path, f"key {clip(key.value)} is read as a {kind}, not a string; quote it", key.line, key.column)
    return key.value


def construct(node: Node, schema: dict[str, Any], path: str) -> Located:
    """Turn a Node tree into plain values, recording where each came from."""
    out = Located(path, None)

    def build(n: Node, sch: dict[str, Any] | None, jpath: JsonPath) -> Any:
        sch = _resolve_ref(sch, schema) if sch else sch
        out.values[jpath] = (n.line, n.column)
        if n.kind == "scalar":
            return _scalar(n, sch)
        if n.kind == "seq":
            items = (sch or {}).get("items") if "array" in _types(sch) else None
            return [build(item, items, jpath + (i,)) for i, item in enumerate(n.value)]
        props = (sch or {}).get("properties", {}) if "object" in _types(sch) else {}
        result: dict[str, Any] = {}
        for key_node, value_node in n.value:
            key = _key_text(key_node, path)
            if key in result:
                first = out.keys[jpath + (key,)]
                raise ClaimFileError(
                    path, f"duplicate key {clip(key)} (first at line {first[0]})", key_node.line, key_node.column
                )
            out.keys[jpath + (key,)] = (key_node.line, key_node.column)
            result[key] = build(value_node, props.get(key), jpath + (key,))
        return result

    out.data = build(node, schema, ())
    return out


def load_located(path: str | Path, schema: dict[str, Any]) -> Located:
    """Read a YAML file strictly into values guided by ``schema``, keeping positions.

    Raises ClaimFileError, with line and column, for malformed or forbidden YAML.
    """
    spath = str(path)
    try:
        text = read_text(path)
    except OSError as exc:
        raise ClaimFileError(spath, f"cannot read: {exc.strerror or exc}") from None
    node = compose(text, spath)
    if node is None:
        raise ClaimFileError(spath, "the file is empty", 1, 1)
    return construct(node, schema, spath)


# --- writing --------------------------------------------------------------------


class Flow(dict[str, Any]):
    """A mapping written on one line: locations, disputes, dates."""


class FlowList(list[Any]):
    """A short list written on one line: cites."""


class _Dumper(yaml.SafeDumper):
    """The pure-Python dumper: it lets list items be indented under their key,
    which reads better in hand-edited files; writing is never the hot path."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


# Line breaks YAML folds or normalizes when written raw (U+0085 in a block or
# a quoted scalar reads back as a newline or a space): only escapes keep them.
_RAW_BREAKS = ("\x85", "\u2028", "\u2029", "\r")


def _read_as_other(text: str) -> bool:
    """Whether a plain scalar ``text`` would be read back by ``_scalar``
    as something other than this string where no schema says "string"."""
    return (
        text in _NULLS
        or text in ("true", "false")
        or bool(_INT.match(text))
        or bool(_FLOAT.match(text) and any(c.isdigit() for c in text))
    )


def _str(dumper: Any, data: str) -> Any:
    if any(b in data for b in _RAW_BREAKS):
        style: str | None = '"'
    elif "\n" in data:
        style = "|"
    elif _read_as_other(data):
        style = "'"  # "1e5" is a string to PyYAML (YAML 1.1) but a number to our reader
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))
_Dumper.add_representer(FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def dump(data: Any, *, header: str = "") -> str:
    """YAML text for ``data``; PyYAML's emitter quotes every string that would
    read back as something else (``'2022-07-13'``, ``'no'``, ``'0123'``)."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
    return header + body


def atomic_write(path: str | Path, text: str) -> None:
    """Write ``text`` so that readers see the old file or the new one, never half.

    An unwritable place is the user's input error: FileError, not OSError.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise cannot_write(target, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise cannot_write(target, exc) from None
        raise
    fsync_dir(target.parent)


def cannot_write(path: Path, exc: OSError) -> FileError:
    """The one wording of a failed write."""
    return FileError(str(path), f"cannot write: {exc.strerror or exc}")
