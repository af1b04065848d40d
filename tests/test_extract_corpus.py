"""Hand-made answers for realistic browser copies, walked from tests/data/extract/.

Each ``NAME.txt`` has a ``NAME.expected.yaml`` written by hand before the
extractor was run on it: the claims in order (text start, cited labels,
dispute kinds, covered_by labels, kind, section), the labels of the parsed
reference list, the unsourced count and the document's title.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app

CORPUS = Path(__file__).parent / "data" / "extract"
CASES = sorted(CORPUS.glob("*.txt"))
runner = CliRunner()


def _label(ref_id: str) -> str:
    # "<doc>-ref-注-1" -> "注 1": reference_id turns a space into a dash.
    return ref_id.split("-ref-", 1)[1].replace("-", " ")


def _actual(path: Path) -> dict:
    result = runner.invoke(app, ["extract", str(path), "--dry-run", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _shape(claim: dict) -> dict:
    return {
        "cites": [_label(c) for c in claim["cites"]],
        "covered_by": [_label(c) for c in claim["covered_by"]],
        "disputes": [d["kind"] for d in claim["disputes"]],
        "kind": claim["kind"],
        "section": "infobox" if claim["section"] == "infobox" else None,
    }


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_corpus_document(path: Path) -> None:
    expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    actual = _actual(path)
    claims = actual["claims"]
    texts = [c["text"] for c in claims]
    want = [e["text"] for e in expected["claims"]]
    assert len(claims) == len(want), "\n".join(texts)
    for got, exp in zip(claims, expected["claims"]):
        assert got["text"].startswith(exp["text"]), (got["text"], exp["text"])
        shape = _shape(got)
        kinds = exp.get("kind", "fact")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        assert shape["kind"] in kinds, (got["text"], shape["kind"])
        assert shape["cites"] == exp.get("cites", []), got["text"]
        assert shape["covered_by"] == exp.get("covered_by", []), got["text"]
        assert shape["disputes"] == exp.get("disputes", []), got["text"]
        assert shape["section"] == exp.get("section"), got["text"]
    labels = [r["label"] for r in actual["references"] if r.get("label")]
    assert sorted(labels) == sorted(expected["labels"])
    assert actual["summary"]["unsourced"] == expected["unsourced"]
    if "title" in expected:
        assert actual["document"]["title"] == expected["title"]
