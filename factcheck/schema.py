"""JSON Schema for claim and reference files, generated from ``model``.

The schema is the contract editors see (through the ``yaml-language-server``
modeline) and the one the store validates against, so it is derived from the
dataclasses rather than written by hand: a field added to the model appears
in both at once.  ``factcheck schema claims|references`` prints it; the
committed copies under ``schema/`` are checked against it by the tests.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import marshal
import os
import sys
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any, Callable, Literal, Union, get_args, get_origin

from factcheck import model
from factcheck.text import ISO_DATE_PATTERN

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES = {"claims": "claims.schema.json", "references": "references.schema.json"}
_ROOTS = {"claims": model.ClaimFile, "references": model.ReferenceFile}
# Fields whose strings are ISO 8601 dates; the pattern gives editors an early
# warning, the dates rule gives the precise message.
_DATE_FIELDS = {"issued", "accessed", "retrieved", "reviewed"}


def field_key(f: dataclasses.Field[Any]) -> str:
    """The YAML/JSON key of a dataclass field (CSL spells some with dashes)."""
    return f.metadata.get("key", f.name)


def public_fields(cls: type) -> list[dataclasses.Field[Any]]:
    """The fields that are stored in files (not the internal bookkeeping ones)."""
    return [f for f in dataclasses.fields(cls) if not f.metadata.get("internal")]


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin is Literal:
        return {"type": "string", "enum": list(get_args(tp))}
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        inner = _type_schema(options[0], defs) if len(options) == 1 else {
            "anyOf": [_type_schema(a, defs) for a in options]
        }
        if "type" in inner and "enum" not in inner and "$ref" not in inner:
            return {**inner, "type": [inner["type"], "null"]}
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is tuple or origin is list:
        return {"type": "array", "items": _type_schema(get_args(tp)[0], defs)}
    if origin is dict:
        return {"type": "object"}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    raise TypeError(f"no schema for {tp!r}")


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    for f in public_fields(cls):
        key = field_key(f)
        prop = _type_schema(hints[f.name], defs)
        if f.name in _DATE_FIELDS:
            prop = {**prop, "pattern": ISO_DATE_PATTERN}
        prop["description"] = f.metadata.get("doc", "")
        props[key] = prop
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(key)
    out: dict[str, Any] = {
        "type": "object",
        "description": (cls.__doc__ or "").strip().splitlines()[0],
        "properties": props,
        "additionalProperties": False,
    }
    if required:
        out["required"] = required
    return out


@cache
def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of a ``claims`` or ``references`` file."""
    defs: dict[str, Any] = {}
    root = _object_schema(_ROOTS[kind], defs)
    return {
        "$schema": SCHEMA_URI,
        "$id": f"https://factcheck.invalid/schema/{SCHEMA_FILES[kind]}",
        "title": f"factcheck {kind} file",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """``node`` with every ``$ref`` replaced by its definition (the generated
    schema has no recursion, so this ends)."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = defs[node["$ref"].rsplit("/", 1)[-1]]
            return inline_refs({**target, **{k: v for k, v in node.items() if k != "$ref"}}, defs)
        return {k: inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [inline_refs(v, defs) for v in node]
    return node


# --- the compiled check ----------------------------------------------------------------
#
# fastjsonschema turns a schema into Python source once per process: importing
# it, generating the source and compiling it was ~30 ms of every `validate`
# that reads a file (issue 9: after one file changed, most of the run is
# start-up).  The compiled code object is kept in the index's folder, keyed by
# the schema, the fastjsonschema release and the Python version, and loaded
# (marshal, ~0.1 ms) when the key matches.  The folder is a cache the index
# already trusts as much (it unpickles the model objects it keeps there).


class Refused(ValueError):
    """The compiled check's word for "not valid" (fastjsonschema's exceptions,
    without importing fastjsonschema where the check comes from the cache)."""

    def __init__(self, message: str = "", *args: Any, **kwargs: Any):
        super().__init__(message)


_CODE_FOLDER: list[Path] = []  # where compiled checks are kept (set by the index); empty: nowhere
_IMPORT_LINE = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"


def keep_compiled_in(folder: Path | None) -> None:
    """Keep (and look for) compiled checks in ``folder`` from now on (None: nowhere)."""
    _CODE_FOLDER[:] = [folder] if folder is not None else []


def _fastjsonschema_release() -> str:
    """The installed fastjsonschema's version file, read without importing it."""
    from importlib.util import find_spec

    spec = find_spec("fastjsonschema")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        try:
            return Path(folder, "version.py").read_text(encoding="utf-8")
        except OSError:
            continue
    return ""


def _compile(kind: str) -> tuple[str, Callable[[], Any]]:
    """(key, maker of the code object) of ``kind``'s check: the key is cheap,
    generating the code is not, so it is made only when no kept copy matches."""
    schema = schema_for(kind)
    inlined = {k: v for k, v in inline_refs(schema, schema["$defs"]).items() if k != "$schema"}
    text = json.dumps(inlined, sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(f"{text}\x1e{_fastjsonschema_release()}\x1e{sys.version}\x1e{kind}".encode()).hexdigest()

    def make() -> Any:
        import fastjsonschema

        source = fastjsonschema.compile_to_code(inlined)
        if _IMPORT_LINE not in source or source.count("\ndef validate_") != 1:
            raise LookupError("generated code of another shape")  # (another fastjsonschema): used as it comes
        return compile(source.replace(_IMPORT_LINE, ""), f"<{kind} schema check>", "exec")

    return key, make


def _kept_code(folder: Path, kind: str, key: str) -> Any:
    try:
        blob = (folder / f"schema-{kind}.code").read_bytes()
        if blob[:64].decode("ascii", "replace") == key and blob[64:65] == b"\n":
            return marshal.loads(blob[65:])
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return None


def _keep_code(folder: Path, kind: str, key: str, code: Any) -> None:
    """Best effort, atomically (temp + rename): a cache."""
    tmp = folder / f"schema-{kind}.code.{os.getpid()}.tmp"
    try:
        tmp.write_bytes(key.encode("ascii") + b"\n" + marshal.dumps(code))
        os.replace(tmp, folder / f"schema-{kind}.code")
    except OSError:
        tmp.unlink(missing_ok=True)


@cache
def compiled_check(kind: str) -> Callable[[Any], bool]:
    """Whether a value matches ``kind``'s schema, by a compiled check (about
    ten times faster than jsonschema, which only the files it refuses go
    through, for located messages).  The schema uses keywords that mean the
    same in drafts 7 and 2020-12."""
    key, make = _compile(kind)
    folder = _CODE_FOLDER[0] if _CODE_FOLDER else None
    code = _kept_code(folder, kind, key) if folder is not None else None
    if code is None:
        try:
            code = make()
        except LookupError:
            import fastjsonschema

            schema = schema_for(kind)
            inlined = {k: v for k, v in inline_refs(schema, schema["$defs"]).items() if k != "$schema"}
            return _answering(fastjsonschema.compile(inlined), fastjsonschema.JsonSchemaException)
        if folder is not None and folder.is_dir():
            _keep_code(folder, kind, key, code)
    names: dict[str, Any] = {"JsonSchemaValueException": Refused, "JsonSchemaValuesException": Refused}
    exec(code, names)  # fastjsonschema's generated validator, compiled above or kept
    (function,) = [v for k, v in names.items() if k.startswith("validate_")]  # one, checked when made
    return _answering(function, Refused)


def _answering(check: Callable[[Any], Any], refused: type[Exception]) -> Callable[[Any], bool]:
    def valid(data: Any) -> bool:
        try:
            check(data)
        except refused:
            return False
        return True

    return valid
