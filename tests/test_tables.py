"""Flat tables for other engines: `export --format parquet` and the DuckDB
blocking example in docs/blocking.sql."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.store import Repository
from factcheck.tables import SCHEMA, tables, tokens

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def _doc(root: Path, doc: str, lang: str, claims: list[tuple[str, str, str]]) -> None:
    """A document whose claims are (id suffix, text, extra YAML lines)."""
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "claims").mkdir(exist_ok=True)
    (root / "sources" / f"{doc}.txt").write_text("\n".join(t for _, t, _ in claims) + "\n", encoding="utf-8")
    lines = [f"document: {{id: {doc}, source: sources/{doc}.txt, language: {lang}}}", "claims:"]
    for i, (suffix, text, extra) in enumerate(claims, 1):
        lines += [f"  - id: {doc}-{suffix}", f"    text: '{text}'",
                  f"    location: {{line: {i}, column: 1, end_line: {i}, end_column: {len(text) + 1}}}"]
        lines += [f"    {x}" for x in extra.splitlines()]
    (root / "claims" / f"{doc}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    _doc(tmp_path, "a", "en", [
        ("1", "The Kerch bridge opened to traffic in May 2018.", "dates:\n  - {text: May 2018, value: '2018-05'}"),
        ("2", "The Kerch bridge carries trains and traffic across the strait.", ""),
        ("3", "Kerch bridge traffic resumed after the attack.", "relations:\n  - {type: supports, target: b-3}"),
    ])
    _doc(tmp_path, "b", "en", [
        ("1", "The Kerch bridge opened to traffic in 2019.", "dates:\n  - {text: '2019', value: '2019'}"),
        ("2", "Wheat exports fell sharply that year.", ""),
        ("3", "Traffic on the Kerch bridge resumed after the attack.", ""),
    ])
    _doc(tmp_path, "c", "ja", [("1", "北朝鮮兵士がクルスク州に派遣された。", "disputes:\n  - {marker: '[要出典]', kind: citation-needed}")])
    return tmp_path


def test_tokens_are_bigrams_for_japanese_and_words_for_the_rest() -> None:
    assert tokens("北朝鮮兵士 in the Kursk region") == {"北朝", "朝鮮", "鮮兵", "兵士", "kursk", "region"}


def test_every_table_has_its_columns_and_one_row_per_thing(desk: Path) -> None:
    data = tables(Repository(desk).load())
    assert {name: list(cols) for name, cols in data.items()} == {name: list(cols) for name, cols in SCHEMA.items()}
    assert len(data["claims"]["id"]) == 7 and len(data["documents"]["id"]) == 3
    assert list(zip(data["relations"]["claim"], data["relations"]["target"], strict=True)) == [("a-3", "b-3")]
    statuses = set(zip(data["statuses"]["claim"], data["statuses"]["status"], strict=True))
    assert ("c-1", "disputed") in statuses and ("b-2", "unsourced") in statuses
    assert data["claims"]["date_min"][0] == "2018-05" and data["claims"]["language"][-1] == "ja"


def test_export_parquet_writes_a_folder_of_tables_and_replaces_it(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(desk)
    for _ in range(2):  # the second export replaces the first
        result = runner.invoke(app, ["export", "--format", "parquet", "-o", "tables"])
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (desk / "tables").iterdir()) == sorted(f"{name}.parquet" for name in SCHEMA)
    claims = pq.read_table(desk / "tables" / "claims.parquet")
    assert claims.num_rows == 7 and str(claims.schema.field("line").type) == "int64"
    assert not [p for p in desk.iterdir() if p.name.startswith(".tables")]  # no temporary folder left


def test_export_parquet_needs_a_folder(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(desk)
    result = runner.invoke(app, ["export", "--format", "parquet"])
    assert result.exit_code == 2 and "give it with -o FOLDER" in result.stderr
    assert result.stderr.count("\n") == 1


def test_the_duckdb_blocking_example_finds_the_pairs_worth_judging(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(desk)
    assert runner.invoke(app, ["export", "--format", "parquet", "-o", "tables"]).exit_code == 0
    rows = duckdb.sql((ROOT / "docs" / "blocking.sql").read_text(encoding="utf-8")).fetchall()
    pairs = {(a, b): (shared, date_differs) for a, b, shared, _, _, date_differs in rows}
    # Same topic, other documents: the opening dates differ, so it is flagged.
    assert pairs[("a-1", "b-1")] == (4, True)
    # Never within a document (a-1, a-2), never a pair already related (a-3, b-3),
    # never claims on other topics (b-2).
    assert not [p for p in pairs if p[0][0] == p[1][0]]
    assert ("a-3", "b-3") not in pairs
    assert not [p for p in pairs if "b-2" in p]
