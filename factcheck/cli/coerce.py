"""Typer's parameter coercion without pydantic for the values whose outcome is certain.

Typer 0.2x coerces every parameter of the command it runs through a pydantic
``TypeAdapter``: importing pydantic and building the adapters took ~0.1-0.15 s
of every command, more than the whole work of a warm `list`, `stats` or
`show` (issue 9).  Our parameters are plain (str, list of str, a Literal
choice, an int or float with bounds, a path), and for those typer's own
helpers (``coerce_cli_choice``, ``coerce_cli_path``) or the type itself give
the value pydantic would.  Whenever that is not certain (a value to reject,
a bound crossed, a type not listed here, a custom parser), typer's own
coercion runs: it builds the adapter and raises its own message, so the
errors are typer's, word for word.  ``tests/test_cli_coerce.py`` holds every
parameter of every command to typer's own result over a table of values.

Typer versions without this machinery (no ``typer._coercion``) are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

try:  # typer's internals as of 0.2x; absent before, and then nothing is patched
    from typer import _coercion, _param_types
    from typer import core as _core

    _PATCHABLE = all(
        (
            hasattr(_core, "_TyperParameter") and hasattr(_core._TyperParameter, "get_runtime_param"),
            hasattr(_coercion, "RuntimeParam") and hasattr(_coercion, "build_runtime_param"),
            hasattr(_param_types, "coerce_cli_choice") and hasattr(_param_types, "choice_coercion_annotation"),
            hasattr(_param_types, "coerce_cli_path") and hasattr(_param_types, "routes_to_path"),
        )
    )
except ImportError:  # pragma: no cover - older typer
    _PATCHABLE = False

_MISS: Any = object()  # "not certain here: ask typer"
# ASCII digits only: pydantic also reads "1_000", " 7", "+3" ..., which go to it.
_INT = re.compile(r"[0-9]{1,18}\Z")
_FLOAT = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,15})?\Z")


def _leaf(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    if info.parser is not None:
        return _MISS
    choice = _param_types.choice_coercion_annotation(annotation, info)
    if choice is not None:
        try:
            return _param_types.coerce_cli_choice(value, choices=choice[0], case_sensitive=choice[1], ctx=ctx)
        except Exception:  # not a choice: typer says so
            return _MISS
    if get_origin(annotation) is not None:  # a generic other than a Literal
        return _MISS
    if annotation is str:
        return value if type(value) is str else _MISS
    if annotation is bool:
        return value if type(value) is bool else _MISS
    if annotation in (int, float):
        if getattr(info, "clamp", False):
            return _MISS
        if type(value) is annotation:
            number = value
        elif type(value) is str and (_INT if annotation is int else _FLOAT).match(value):
            number = annotation(value)
        else:
            return _MISS
        low, high = info.min, info.max
        if (low is not None and number < low) or (high is not None and number > high):
            return _MISS
        return number
    if _param_types.routes_to_path(annotation, info):
        path_type = info.path_type
        if path_type is None and isinstance(annotation, type) and issubclass(annotation, Path):
            path_type = annotation
        if isinstance(path_type, type) and issubclass(path_type, Path):
            if type(value) is not str or not value or "\0" in value:
                return _MISS
            value = path_type(value)
        elif path_type not in (None, str):
            return _MISS
        try:
            return _param_types.coerce_cli_path(value, info, path_type=path_type, param=param, ctx=ctx)
        except Exception:  # a missing file, a folder for a file ...: typer says so
            return _MISS
    return _MISS


def fast_value(annotation: Any, info: Any, value: Any, param: Any = None, ctx: Any = None) -> Any:
    """The coerced value, or ``MISS`` when typer's own coercion must decide."""
    if get_origin(annotation) is list:
        args = get_args(annotation)
        if len(args) != 1 or not isinstance(value, (list, tuple)):
            return _MISS
        out = [_leaf(args[0], info, item, param, ctx) for item in value]
        return _MISS if any(x is _MISS for x in out) else out
    return _leaf(annotation, info, value, param, ctx)


MISS = _MISS

if _PATCHABLE:

    @dataclass(frozen=True)
    class _FastParam(_coercion.RuntimeParam):
        """A parameter coerced by :func:`fast_value`, else by typer."""

        descriptor: Any = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            out = fast_value(self.annotation, self.parameter_info, value, param, ctx)
            if out is _MISS:
                full = _coercion.build_runtime_param(self.descriptor)
                return full._coerce_value(value, param=param, ctx=ctx)
            return out

    def _get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            desc = self.type_descriptor
            if desc.file_annotation is None:
                self._runtime_param = _FastParam(parameter_info=desc.parameter_info, annotation=desc.annotation, descriptor=desc)
            else:
                self._runtime_param = _coercion.build_runtime_param(desc)
        return self._runtime_param

    _core._TyperParameter.get_runtime_param = _get_runtime_param  # type: ignore[method-assign]


def typer_coerce(param: Any, value: Any, ctx: Any = None) -> Any:
    """Typer's own coercion of ``value`` for ``param`` (the reference the tests compare with)."""
    return _coercion.build_runtime_param(param.type_descriptor).coerce(value, param=param, ctx=ctx)


__all__ = ["fast_value", "typer_coerce", "MISS"]
