"""Hostile and malformed input never reaches the internal-error path (issue 12):
each crash class found by fuzzing is a located finding, its value cut; the
writer gives back every string it is handed."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck import store
from factcheck.cli import app
from factcheck.schema import schema_for
from factcheck.yamlio import MAX_DEPTH, dump, load_located

runner = CliRunner()

SPAN = "location: {line: 1, column: 1, end_line: 1, end_column: 13}"
DOC = "document: {id: d, source: sources/d.txt}\n"


def repo(tmp_path: Path, claims: str | bytes, references: str | None = None) -> Path:
    for sub in ("claims", "references", "sources"):
        (tmp_path / sub).mkdir(exist_ok=True)
    (tmp_path / "sources" / "d.txt").write_text("Hello world.\n", encoding="utf-8")
    raw = claims if isinstance(claims, bytes) else claims.encode("utf-8")
    (tmp_path / "claims" / "d.yaml").write_bytes(raw)
    if references is not None:
        (tmp_path / "references" / "d.yaml").write_text(references, encoding="utf-8")
    return tmp_path


# (claims file, references file or None, line, column, words in the finding)
CASES: dict[str, tuple[str | bytes, str | None, int, int, str]] = {
    "list as claim id": (DOC + f"claims:\n  - id: [a, b]\n    text: Hello world.\n    {SPAN}\n", None, 3, 9, "expected string"),
    "mapping as document id": ("document: {id: {x: 1}, source: sources/d.txt}\nclaims: []\n", None, 1, 16, "expected string"),
    "mapping as reference id": (
        DOC + f"claims:\n  - id: d-1\n    text: Hello world.\n    {SPAN}\n",
        "document: d\nreferences:\n  - id: {a: b}\n    title: x\n",
        3, 9, "expected string",
    ),
    "300-character source": ("document: {id: d, source: sources/" + "a" * 300 + ".txt}\nclaims: []\n", None, 1, 27, "cut"),
    "NUL escape in source": ('document: {id: d, source: "sources/d\\0.txt"}\nclaims: []\n', None, 1, 27, "NUL"),
    "escape beyond U+10FFFF": ('document: {id: d, source: "sources/d\\U00110000.txt"}\nclaims: []\n', None, 1, 39, "escape"),
    "deep flow nesting": (DOC + "claims: " + "[" * 600 + "]" * 600 + "\n", None, 2, 8 + MAX_DEPTH, "nested deeper"),
    "raw NUL byte": (DOC.encode() + b"claims:\n  - id: d-1\n    text: He\0llo\n", None, 4, 13, "U+0000"),
    "absolute source": ("document: {id: d, source: /etc/passwd}\nclaims: []\n", None, 1, 27, "absolute"),
    "huge integer": (DOC + "claims:\n  - id: d-1\n    text: Hello world.\n    location: {line: " + "9" * 5000 + ", column: 1, end_line: 1, end_column: 13}\n", None, 5, 22, "expected integer"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_crash_classes_are_located_findings(tmp_path: Path, name: str) -> None:
    claims, references, line, column, words = CASES[name]
    root = repo(tmp_path, claims, references)
    result = runner.invoke(app, ["validate", "--root", str(root), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    import json

    findings = json.loads(result.stdout)
    assert any((f["line"], f["column"]) == (line, column) and words in f["message"] for f in findings), findings
    assert all(len(f["message"]) <= 400 for f in findings)
    # Every reading command stops with a clear error or works, never exit 3.
    for command in (["list"], ["stats"], ["report"], ["show", "d-1"], ["export", "--format", "csv"]):
        out = runner.invoke(app, [*command, "--root", str(root)])
        assert out.exit_code in (0, 2), (command, out.output)


def test_a_1mb_value_gives_a_short_message(tmp_path: Path) -> None:
    root = repo(tmp_path, DOC + "claims:\n  - id: d-1\n    text: Hello world.\n    kind: " + "x" * 1_000_000 + f"\n    {SPAN}\n")
    result = runner.invoke(app, ["validate", "--root", str(root)])
    assert result.exit_code == 1
    assert len(result.output) < 1000, len(result.output)


def test_show_never_reads_a_file_outside_the_repository(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("TOP SECRET\n", encoding="utf-8")
    inner = tmp_path / "repo"
    inner.mkdir()
    for source in ("../secret.txt", str(outside)):
        repo(inner, f"document: {{id: d, source: '{source}'}}\nclaims:\n  - id: d-1\n    text: TOP SECRET\n    {SPAN}\n")
        for command in (["show", "d-1"], ["show", "d-1", "--format", "json"]):
            result = runner.invoke(app, [*command, "--root", str(inner)])
            assert "TOP SECRET\n" not in result.stdout.replace("TOP SECRET\",", "")
            assert result.stdout.count("TOP SECRET") <= 2  # the claim's own text, never the file's
        validated = runner.invoke(app, ["validate", "--root", str(inner)])
        assert "source-path" in validated.stdout


# --- the writer round-trips every string --------------------------------------------

# Every code point YAML can carry (it has escapes for all but surrogates).
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
TRICKY = st.sampled_from(
    ["\x85", "\u2028", "\u2029", "\r", "\r\n", "\t", " ", "\n", "\ufeff", "\0", "\x1b", "'", '"', "#", ": ", "- ",
     "1e5", "0x1F", "0123", "1_000", "null", "~", "true", "no", ".inf", "2024-10-23", "\U0010ffff", "\ue000"]
)
TEXT = st.one_of(ANY_TEXT, st.lists(st.one_of(TRICKY, ANY_TEXT), max_size=6).map("".join))
SCALAR = st.one_of(
    TEXT, st.none(), st.booleans(), st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
)
CUSTOM = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)), max_leaves=8)


def claims_data(text: str, notes: str, section: str) -> dict[str, Any]:
    return {
        "document": {"id": "d", "source": "sources/d.txt", "title": section},
        "claims": [
            {"id": "d-1", "text": text, "location": {"line": 1, "column": 1, "end_line": 1, "end_column": 2}, "section": section, "notes": notes},
        ],
    }


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, notes=TEXT, section=TEXT)
def test_claim_strings_round_trip_exactly(text: str, notes: str, section: str) -> None:
    data = claims_data(text, notes, section)
    located = _reload(dump(data))
    assert located == data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(custom=st.dictionaries(TEXT, CUSTOM, max_size=4), title=TEXT)
def test_reference_extras_round_trip_exactly(custom: dict[str, Any], title: str) -> None:
    data = {"document": "d", "references": [{"id": "r", "title": title, "custom": custom}]}
    text = dump(data)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.yaml"
        path.write_text(text, encoding="utf-8")
        back = load_located(path, schema_for("references")).data
    assert _same(back, data), (back, data)
    # And written again, the text is the same: a second write changes nothing.
    assert dump(back) == text or _same(back, data)


def _reload(text: str) -> Any:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.yaml"
        path.write_text(text, encoding="utf-8")
        return load_located(path, schema_for("claims")).data


def _same(a: Any, b: Any) -> bool:
    """Equal data, where an integral float and its int are the same number."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or (math.isnan(a) and math.isnan(b))
    return type(a) is type(b) and a == b


def test_the_project_files_round_trip_through_the_model() -> None:
    root = Path(__file__).resolve().parents[1]
    for path in sorted((root / "claims").glob("*.yaml")):
        cf = store.read_claim_file(path)
        assert store.render_claim_file(cf) == path.read_text(encoding="utf-8")
    for path in sorted((root / "references").glob("*.yaml")):
        rf = store.read_reference_file(path)
        assert store.render_reference_file(rf) == path.read_text(encoding="utf-8")
