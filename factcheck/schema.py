"""JSON Schema for claim and reference files, generated from ``model``.

The schema is the contract editors see (through the ``yaml-language-server``
modeline) and the one the store validates against, so it is derived from the
dataclasses rather than written by hand: a field added to the model appears
in both at once.  ``factcheck schema claims|references`` prints it; the
committed copies under ``schema/`` are checked against it by the tests.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

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
