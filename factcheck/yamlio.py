"""Strict, located YAML reading and safe YAML writing.

PyYAML accepts things that are wrong for files people edit by hand and then
trust: duplicate keys (it silently keeps the last), anchors and aliases
(alias bombs), non-string keys, and YAML 1.1 typing surprises (``2022-07-13``
becomes a date, ``no`` becomes false, ``0123`` becomes 83).  So we read the
event stream (libyaml's C parser where present), build our own small node
tree that keeps every 1-based line and column, and turn scalars into values
*guided by the JSON Schema*: where the schema expects a string, the scalar's
text is the value, whatever YAML 1.1 would have made of it.

``load_located`` first lets libyaml's composer (C) build the node graph and
makes values and positions from it in one pass; a file that pass cannot vouch
for (an anchor, a tag, a duplicate key, any error) is read the event way
above, so every refusal reads and is placed exactly as it always was.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from factcheck.errors import ClaimFileError, FileError
from factcheck.lock import fsync_dir
from factcheck.safety import clip, cut
from factcheck.sourcetext import read_text as read_text  # the library reads text files here; apart for show's first answer

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


@dataclass(slots=True)
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


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a file's nodes are made: they form no
    cycles, and each collection walks every object alive, so a large file
    (hundreds of thousands of nodes) took time growing with its square."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _fail(path: str, mark: Any, message: str) -> ClaimFileError:
    return ClaimFileError(path, message, mark.line + 1, mark.column + 1)


def compose(text: str, path: str) -> Node | None:
    """Parse one YAML document into a located Node tree, refusing what we forbid."""
    stack: list[Node] = []
    root: Node | None = None
    docs = 0
    # One event at a time, dispatched on its exact class (PyYAML's event classes
    # are final): this loop runs for every node of a 200,000-claim file.
    scalar_event, seq_start, map_start = yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    ev: Any  # an event of the class dispatched on; libyaml marks every event
    try:
        with gc_paused():
            for ev in yaml.parse(text, Loader=_Loader):
                cls = type(ev)
                if cls is scalar_event or cls is seq_start or cls is map_start:
                    if ev.anchor is not None:
                        raise _fail(path, ev.start_mark, f"anchor &{ev.anchor} is not allowed (write the value out)")
                    mark = ev.start_mark
                    if cls is scalar_event:
                        end = ev.end_mark
                        node = Node(
                            "scalar", mark.line + 1, mark.column + 1, ev.value, not ev.style and ev.implicit[0],
                            end.line + 1, end.column + 1, ev.style or None,
                        )
                        if stack:
                            _attach(stack, node)
                        else:
                            root = node
                        continue
                    if len(stack) >= MAX_DEPTH:
                        raise _fail(path, mark, f"nested deeper than {MAX_DEPTH} levels")
                    stack.append(Node("seq" if cls is seq_start else "map", mark.line + 1, mark.column + 1, [], flow=bool(ev.flow_style)))
                elif cls in ends:
                    node = stack.pop()
                    node.end_line, node.end_column = ev.end_mark.line + 1, ev.end_mark.column + 1
                    if node.kind == "map" and node.value and isinstance(node.value[-1], Node):
                        raise _fail(path, ev.start_mark, "mapping key without a value")
                    if stack:
                        _attach(stack, node)
                    else:
                        root = node
                elif cls is yaml.DocumentStartEvent:
                    docs += 1
                    if docs > 1:
                        raise _fail(path, ev.start_mark, "more than one YAML document in the file")
                elif cls is yaml.AliasEvent:
                    raise _fail(path, ev.start_mark, f"alias *{ev.anchor} is not allowed (write the value out)")
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
    return _typed_scalar(node, _types(schema))


def _typed_scalar(node: Node, expected: set[str]) -> Any:
    """``_scalar`` with the schema's types worked out (once per schema, by ``construct``)."""
    return _typed_text(node.value, node.plain, expected)


def _typed_text(text: str, plain: bool, expected: set[str]) -> Any:
    """A scalar's text, written plain or not, as the schema's types expect it."""
    if not plain:
        return text
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
    values, keys = out.values, out.keys
    # Per schema object, worked out once (a file repeats the same few):
    # (its types, the items schema, the properties schema).
    plans: dict[int, tuple[set[str], Any, dict[str, Any]]] = {}
    key_texts: dict[str, str] = {}  # plain key -> checked once
    keep_alive: list[Any] = []

    def plan(sch: dict[str, Any] | None) -> tuple[set[str], Any, dict[str, Any]]:
        found = plans.get(id(sch))
        if found is None:
            resolved = _resolve_ref(sch, schema) if sch else sch
            types = _types(resolved)
            found = (
                types,
                (resolved or {}).get("items") if "array" in types else None,
                (resolved or {}).get("properties", {}) if "object" in types else {},
            )
            plans[id(sch)] = found
            keep_alive.append(sch)  # ids stay unique while the plan is used
        return found

    def build(n: Node, sch: dict[str, Any] | None, jpath: JsonPath) -> Any:
        types, items, props = plan(sch)
        values[jpath] = (n.line, n.column)
        if n.kind == "scalar":
            return _typed_scalar(n, types)
        if n.kind == "seq":
            return [build(item, items, jpath + (i,)) for i, item in enumerate(n.value)]
        result: dict[str, Any] = {}
        for key_node, value_node in n.value:
            if key_node.kind == "scalar" and key_node.plain and key_node.value in key_texts:
                key = key_node.value
            else:
                key = _key_text(key_node, path)
                if key_node.plain:
                    key_texts[key] = key
            if key in result:
                first = keys[jpath + (key,)]
                raise ClaimFileError(
                    path, f"duplicate key {clip(key)} (first at line {first[0]})", key_node.line, key_node.column
                )
            keys[jpath + (key,)] = (key_node.line, key_node.column)
            result[key] = build(value_node, props.get(key), jpath + (key,))
        return result

    with gc_paused():
        out.data = build(node, schema, ())
    return out


# --- the fast path: libyaml's own composer -----------------------------------------
#
# ``compose`` + ``construct`` walk every parse event in Python; for the read
# of a whole repository that was most of the time.  libyaml's composer (C)
# builds the node graph with the same marks, and one pass over it makes the
# values and positions.  It cannot tell us about anchors, tags or the order of
# problems as ``compose`` reports them, so anything it cannot vouch for -- a
# node starting with an anchor or a tag, an error of any kind, nesting beyond
# MAX_DEPTH -- sends the file back to the event path, which reports it exactly
# as before.  Both paths give the same values and positions (tests compare them).


class _Fallback(Exception):
    """The fast path cannot vouch for this file; read it the located way."""


_CParser: Any = getattr(getattr(yaml, "_yaml", None), "CParser", None)
_SCALAR_NODE = yaml.ScalarNode
_SEQUENCE_NODE = yaml.SequenceNode


if _CParser is not None:

    class _Composer(_CParser):
        """libyaml's composer with no YAML 1.1 tag guessing: a scalar's tag
        only says whether it was written plain (``"P"``) or not (``"Q"``);
        an explicit tag shows as itself (and the node starts with ``!``)."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if value is None:
                return "C"
            return "P" if implicit[0] else "Q"

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None


def _construct_fast(text: str, schema: dict[str, Any], path: str) -> Located | None:
    """``construct(compose(text))`` by libyaml's composer, or raise ``_Fallback``."""
    with gc_paused():
        try:
            root = _Composer(text).get_single_node()
        except (yaml.YAMLError, ValueError, RecursionError, MemoryError):
            raise _Fallback from None  # the event path words the error and places it
        if root is None:
            return None
        out = Located(path, None)
        out.data = _FastBuild(text, schema, path, out).node(root, schema, (), 0)
    return out


class _FastBuild:
    """One pass over libyaml's nodes: values typed by the schema, the position
    of every node and key, and what ``construct`` refuses (or ``_Fallback``)."""

    __slots__ = ("text", "schema", "path", "values", "keys", "plans", "key_texts", "check")

    def __init__(self, text: str, schema: dict[str, Any], path: str, out: Located):
        self.text, self.schema, self.path = text, schema, path
        self.values, self.keys = out.values, out.keys
        # Per schema object (a file repeats the same few): its types, the
        # items schema, the properties schema, whether a scalar there is its
        # text whatever it looks like (a string, never null); and the object,
        # so ids stay unique.
        self.plans: dict[int, tuple[set[str], Any, dict[str, Any], bool, Any]] = {}
        self.key_texts: set[str] = set()  # plain keys checked already
        # An anchor or a tag is the first thing of the node it marks; without an
        # ``&`` or ``!`` anywhere there can be neither (nor an alias to follow).
        self.check = "&" in text or "!" in text

    def plan(self, sch: dict[str, Any] | None) -> tuple[set[str], Any, dict[str, Any], bool, Any]:
        found = self.plans.get(id(sch))
        if found is None:
            resolved = _resolve_ref(sch, self.schema) if sch else sch
            types = _types(resolved)
            found = (
                types,
                (resolved or {}).get("items") if "array" in types else None,
                (resolved or {}).get("properties", {}) if "object" in types else {},
                "string" in types and "null" not in types,
                sch,
            )
            self.plans[id(sch)] = found
        return found

    def vouch(self, n: Any) -> None:
        """Hand the file over when ``n`` starts with an anchor, a tag or an alias."""
        index = n.start_mark.index
        if index >= len(self.text) or self.text[index] in "&!*":
            raise _Fallback

    def scalar(self, n: Any, sch: dict[str, Any] | None) -> Any:
        tag = n.tag
        if tag == "Q":
            return n.value
        if tag != "P":
            raise _Fallback
        found = self.plans.get(id(sch)) or self.plan(sch)
        if found[3]:
            return n.value  # what _typed_text gives where a string is expected
        return _typed_text(n.value, not n.style, found[0])

    def node(self, n: Any, sch: dict[str, Any] | None, jpath: JsonPath, depth: int) -> Any:
        mark = n.start_mark
        self.values[jpath] = (mark.line + 1, mark.column + 1)
        if self.check:
            self.vouch(n)
        cls = type(n)
        if cls is _SCALAR_NODE:
            return self.scalar(n, sch)
        if depth >= MAX_DEPTH:
            raise _Fallback
        _, items, props, _, _ = self.plans.get(id(sch)) or self.plan(sch)
        values, check, scalar, node = self.values, self.check, self.scalar, self.node
        depth += 1
        if cls is _SEQUENCE_NODE:
            out_list = []
            for i, item in enumerate(n.value):
                if type(item) is _SCALAR_NODE and not check:
                    mark = item.start_mark
                    values[jpath + (i,)] = (mark.line + 1, mark.column + 1)
                    out_list.append(scalar(item, items))
                else:
                    out_list.append(node(item, items, jpath + (i,), depth))
            return out_list
        result: dict[str, Any] = {}
        keys, key_texts = self.keys, self.key_texts
        for key_node, value_node in n.value:
            if check:
                self.vouch(key_node)
            if type(key_node) is not _SCALAR_NODE:
                raise _Fallback  # a collection as a key: the event path words it
            key = key_node.value
            tag = key_node.tag
            if tag == "P" and not key_node.style:
                if key not in key_texts:
                    # A plain key YAML 1.1 reads as other than a string: refused.
                    _key_text(Node("scalar", 0, 0, key, True), self.path)
                    key_texts.add(key)
            elif tag != "Q":
                raise _Fallback
            if key in result:
                raise _Fallback  # a duplicate: the event path says where the first was
            kmark = key_node.start_mark
            at = jpath + (key,)
            keys[at] = (kmark.line + 1, kmark.column + 1)
            if type(value_node) is _SCALAR_NODE and not check:
                mark = value_node.start_mark
                values[at] = (mark.line + 1, mark.column + 1)
                result[key] = scalar(value_node, props.get(key))
            else:
                result[key] = node(value_node, props.get(key), at, depth)
        return result


def load_located(path: str | Path, schema: dict[str, Any]) -> Located:
    """Read a YAML file strictly into values guided by ``schema``, keeping positions.

    Raises ClaimFileError, with line and column, for malformed or forbidden YAML.
    """
    spath = str(path)
    try:
        text = read_text(path)
    except OSError as exc:
        raise ClaimFileError(spath, f"cannot read: {exc.strerror or exc}") from None
    if _CParser is not None:
        try:
            fast = _construct_fast(text, schema, spath)
        except _Fallback:
            pass
        except ClaimFileError:
            pass  # a refused key: the event path reports it where it stands
        else:
            if fast is None:
                raise ClaimFileError(spath, "the file is empty", 1, 1)
            return fast
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
