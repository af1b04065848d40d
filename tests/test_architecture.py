"""The shape of the package: import boundaries, no import cycle, and each
command's --format choices are its registry's names."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin, get_type_hints

import pytest

import factcheck
from factcheck.cli import app
from factcheck.report import candidates, detail, disputes, exports, extraction, findings, hits, listing, review, rules, stats

ROOT = Path(factcheck.__file__).parent


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, *, top_level_only: bool = False) -> set[str]:
    """Modules imported by a file (every import, or only those run when it loads)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from pkg import mod` loads pkg/mod; `from mod import name`, mod.
            subs = {f"{node.module}.{alias.name}" for alias in node.names} & set(FILES or ())
            found.update(subs or {node.module})
    return found


FILES: dict[str, Path] = {}
FILES.update({_module(p): p for p in ROOT.rglob("*.py")})


def _importers(prefix: str) -> set[str]:
    return {m for m, p in FILES.items() if any(i == prefix or i.startswith(prefix + ".") for i in _imports(p))}


def test_only_cli_imports_typer() -> None:
    assert {m for m in _importers("typer") if not m.startswith("factcheck.cli")} == set()


def test_only_cli_and_report_import_rich() -> None:
    allowed = ("factcheck.cli", "factcheck.report")
    assert {m for m in _importers("rich") if not m.startswith(allowed)} == set()


def test_model_imports_nothing_of_the_package() -> None:
    assert {i for i in _imports(FILES["factcheck.model"]) if i.startswith("factcheck")} == set()


def test_no_import_cycle() -> None:
    # Edges: what a module imports when it loads (lazy and TYPE_CHECKING imports aside).
    graph = {
        m: {i for i in _imports(p, top_level_only=True) if i in FILES and i != m} for m, p in FILES.items()
    }
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                pytest.fail("import cycle: " + " -> ".join([*path[path.index(n):], n]))
            if n not in state:
                visit(n, [*path, n])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])


REGISTRIES = {
    "validate": findings.FORMATS,
    "rules": rules.FORMATS,
    "extract": extraction.FORMATS,
    "list": listing.FORMATS,
    "search": hits.FORMATS,
    "show": detail.FORMATS,
    "stats": stats.FORMATS,
    "report": disputes.FORMATS,
    "export": {**exports.FORMATS, **exports.FOLDER_FORMATS},
    "contradictions": candidates.FORMATS,
    "review": review.FORMATS,
}


def _choices(hint: Any) -> tuple[str, ...]:
    if get_origin(hint) is Annotated:
        hint = get_args(hint)[0]
    if type(None) in get_args(hint):  # Optional[Literal[...]]: the default comes from the config
        (hint,) = [a for a in get_args(hint) if a is not type(None)]
    assert get_origin(hint) is Literal, hint
    return get_args(hint)


@pytest.mark.parametrize("command", sorted(REGISTRIES))
def test_format_choices_are_the_registry(command: str) -> None:
    (info,) = [c for c in app.registered_commands if c.name == command]
    assert info.callback is not None
    hint = get_type_hints(info.callback, include_extras=True)["fmt"]
    assert sorted(_choices(hint)) == sorted(REGISTRIES[command])


def test_every_renderer_is_named_render_format() -> None:
    for registry in REGISTRIES.values():
        for name, render in registry.items():
            assert render.__name__ == "render_" + name.replace("-", "_")
