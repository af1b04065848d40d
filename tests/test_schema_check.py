"""The schema's compiled check (factcheck.schema.compiled_check): the same
verdict as jsonschema, kept in the index's folder so that a later process
neither imports fastjsonschema nor generates code, and made again when the
kept copy is damaged or made for another schema."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest
from test_checks import CASES, make_repo

from factcheck import schema
from factcheck.schema import inline_refs, schema_for


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """compiled_check made anew, keeping in ``tmp_path``."""
    schema.compiled_check.cache_clear()
    schema.keep_compiled_in(tmp_path)
    yield tmp_path
    schema.keep_compiled_in(None)
    schema.compiled_check.cache_clear()


SAMPLES: list[tuple[str, Any]] = [
    ("claims", {"document": {"id": "d", "source": "sources/d.txt"}, "claims": []}),
    ("claims", {"document": {"id": "d", "source": "sources/d.txt"}, "claims": [
        {"id": "d-1", "text": "T.", "location": {"line": 1, "column": 1, "end_line": 1, "end_column": 3}, "cites": ["r"]}]}),
    ("claims", {"document": {"id": "d"}, "claims": []}),  # no source
    ("claims", {"document": {"id": "d", "source": "s", "retrieved": "2024-13"}, "claims": []}),
    ("claims", {"document": {"id": "d", "source": "s", "retrieved": "yesterday"}, "claims": []}),
    ("claims", {"document": {"id": "d", "source": "s"}, "claims": [{"id": 3}]}),
    ("claims", {"document": {"id": "d", "source": "s"}, "claims": None}),
    ("claims", {"document": {"id": "d", "source": "s"}, "claims": [], "extra": 1}),
    ("claims", ["a", "b"]),
    ("references", {"document": "d", "references": [{"id": "r", "title": "T", "issued": "2019"}]}),
    ("references", {"document": "d", "references": [{"id": "r", "type": "no-such-type"}]}),
    ("references", {"document": "d", "references": [{"id": "r", "author": [{"family": 1}]}]}),
    ("references", {"document": 5, "references": []}),
]


@pytest.mark.parametrize(("kind", "data"), SAMPLES)
def test_the_compiled_check_says_what_jsonschema_says(fresh: Path, kind: str, data: Any) -> None:
    full = schema_for(kind)
    truth = jsonschema.Draft202012Validator(inline_refs(full, full["$defs"])).is_valid(data)
    assert schema.compiled_check(kind)(data) is truth
    schema.compiled_check.cache_clear()  # now from the kept code
    assert (fresh / f"schema-{kind}.code").is_file()
    assert schema.compiled_check(kind)(data) is truth


def test_a_damaged_or_foreign_kept_check_is_made_again(fresh: Path) -> None:
    good = {"document": "d", "references": []}
    bad = {"document": "d", "references": [{"id": 1}]}
    schema.compiled_check("references")
    kept = fresh / "schema-references.code"
    original = kept.read_bytes()
    for damage in (b"", b"x" * 64 + b"\n" + b"not marshal", b"0" * 64 + b"\n" + original[65:], original[:80]):
        kept.write_bytes(damage)
        schema.compiled_check.cache_clear()
        check = schema.compiled_check("references")
        assert check(good) is True and check(bad) is False
        assert kept.read_bytes() == original  # made again, and kept again


def test_no_folder_no_kept_check(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    schema.compiled_check.cache_clear()
    schema.keep_compiled_in(None)
    try:
        assert schema.compiled_check("claims")(["not a mapping"]) is False
    finally:
        schema.compiled_check.cache_clear()
    assert list(tmp_path.iterdir()) == []


def test_a_later_process_checks_from_the_kept_code(tmp_path: Path) -> None:
    """A real subprocess of the entry point: after one file changed, the
    schema findings are the same and fastjsonschema is not imported."""
    bad = CASES[[c[0] for c in CASES].index("schema: file is a list")][1]
    make_repo(tmp_path)
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("FACTCHECK_NO_INDEX", None)
    first = subprocess.run([sys.executable, "-m", "factcheck", "validate"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / ".factcheck" / "schema-claims.code").is_file()
    make_repo(tmp_path, **bad)
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['factcheck', 'validate', '--format', 'json']\n"
        "try:\n    runpy.run_module('factcheck', run_name='__main__')\n"
        "except SystemExit as exc:\n    code = exc.code\n"
        "sys.stderr.write('fastjsonschema' in sys.modules and 'IMPORTED' or 'not imported')\n"
        "sys.exit(code)\n"
    )
    again = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    truth = subprocess.run([sys.executable, "-m", "factcheck", "validate", "--format", "json"], cwd=tmp_path,
                           capture_output=True, text=True, env={**env, "FACTCHECK_NO_INDEX": "1"}, timeout=120)
    assert again.returncode == truth.returncode == 1
    assert again.stdout == truth.stdout and '"rule": "schema"' in truth.stdout
    assert again.stderr.endswith("not imported")
