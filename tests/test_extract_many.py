"""``factcheck extract`` over several sources at once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("wiki-ja-kp-ua-relations.txt", "blog-ja-ru-kp-relations.txt"):
        shutil.copy(ROOT / "sources" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_several_sources_each_become_a_document(folder: Path) -> None:
    result = runner.invoke(app, ["extract", "wiki-ja-kp-ua-relations.txt", "blog-ja-ru-kp-relations.txt", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["document"] for r in records] == ["wiki-ja-kp-ua-relations", "blog-ja-ru-kp-relations"]
    assert (folder / "claims" / "wiki-ja-kp-ua-relations.yaml").is_file() and (folder / "claims" / "blog-ja-ru-kp-relations.yaml").is_file()
    assert runner.invoke(app, ["validate"]).exit_code == 0


def test_one_source_keeps_its_json_shape(folder: Path) -> None:
    result = runner.invoke(app, ["extract", "wiki-ja-kp-ua-relations.txt", "--dry-run", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["document"]["id"] == "wiki-ja-kp-ua-relations"


def test_options_of_one_document_need_one_source(folder: Path) -> None:
    result = runner.invoke(app, ["extract", "wiki-ja-kp-ua-relations.txt", "blog-ja-ru-kp-relations.txt", "--id", "x"])
    assert result.exit_code == 2 and "give them with one SOURCE" in result.stderr
    assert not (folder / "claims").exists()
