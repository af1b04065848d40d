"""The extraction pipeline, re-extraction merging, and `factcheck extract`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.extract import claim_id, document_id_from_name, extract_text
from factcheck.extract.markers import strip_markers
from factcheck.extract.merge import merge_claims
from factcheck.model import Claim, Relation, Span
from factcheck.store import read_claim_file, write_claim_file

# The seed documents, as committed verbatim under sources/.
SOURCES = Path(__file__).resolve().parents[1] / "sources"
ARTICLE = SOURCES / "wiki-ja-kp-ua-relations.txt"
BLOG = SOURCES / "blog-ja-ru-kp-relations.txt"
runner = CliRunner()

PARAGRAPH = (
    "北朝鮮とウクライナの関係\n"
    "歴史\n"
    "二国間関係は1992年1月9日に樹立された。[2]モスクワの北朝鮮大使館はウクライナにも駐在していた。"
    "ウクライナは北京の大使館を通じて北朝鮮に駐在していた。1998年、北朝鮮はキエフの大使館を閉鎖した。[3]\n"
    "10月23日、長官は北朝鮮軍が存在することを確認した。[14] [疑わしい–議論する]\n"
)


def claim_at(text: str, claim: Claim) -> str:
    """The source text a claim's location points at."""
    lines = text.split("\n")
    loc = claim.location
    if loc.line == loc.end_line:
        return lines[loc.line - 1][loc.column - 1 : loc.end_column - 1]
    parts = [lines[loc.line - 1][loc.column - 1 :], *lines[loc.line : loc.end_line - 1], lines[loc.end_line - 1][: loc.end_column - 1]]
    return "\n".join(parts)


def test_paragraph_cites_coverage_and_disputes() -> None:
    ex = extract_text(PARAGRAPH, doc_id="d", source="sources/d.txt", lang="ja")
    got = [(c.text[:8], c.cites, c.covered_by, [d.kind for d in c.disputes]) for c in ex.claims]
    assert got == [
        ("二国間関係は19", ("d-ref-2",), (), []),
        ("モスクワの北朝鮮", (), ("d-ref-3",), []),
        ("ウクライナは北京", (), ("d-ref-3",), []),
        ("1998年、北朝", ("d-ref-3",), (), []),
        ("10月23日、長", ("d-ref-14",), (), ["dubious"]),
    ]
    assert all(c.section == "歴史" for c in ex.claims)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("A was built.[citation needed] B was rebuilt. C burned down.[1]\n", "en"),
        ("Aが建てられた[要検証 – ノート]。Bが再建された。Cが焼失した[1]。\n", "ja"),
    ],
)
def test_a_dispute_marker_closes_the_run_a_later_cite_covers(text: str, lang: str) -> None:
    ex = extract_text(text, doc_id="d", source="sources/d.txt", lang=lang)
    assert [c.covered_by for c in ex.claims] == [(), ("d-ref-1",), ()]
    assert [bool(c.disputes) for c in ex.claims] == [True, False, False]


def test_every_claim_is_found_at_its_location() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    ex = extract_text(text, doc_id="a", source="sources/a.txt", lang="ja")
    assert len(ex.claims) > 20
    for c in ex.claims:
        assert strip_markers(claim_at(text, c)) == c.text


def test_year_is_carried_to_a_date_without_one() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    ex = extract_text(text, doc_id="a", source="sources/a.txt", lang="ja")
    austin = next(c for c in ex.claims if c.text.startswith("10月23日"))
    assert [d.value for d in austin.dates] == ["2024-10-23"]


def test_seed_article_references_are_linked() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    ex = extract_text(text, doc_id="a", source="sources/a.txt", lang="ja")
    labels = {r.label for r in ex.references if r.label}
    assert labels == {str(n) for n in range(1, 23)}
    ids = {r.id for r in ex.references}
    assert all(ref in ids for c in ex.claims for ref in (*c.cites, *c.covered_by))
    assert sum(1 for c in ex.claims if c.disputes) == 4


def test_document_ids_from_file_names() -> None:
    assert document_id_from_name("000_9bcf1d93270c7c2c") == "000-9bcf1d93270c7c2c"
    assert document_id_from_name("North Korea–Ukraine relations") == "north-korea-ukraine-relations"
    assert document_id_from_name("北朝鮮") == "document"


def _claim(cid: str, text: str, line: int, **kw: object) -> Claim:
    return Claim(id=cid, text=text, location=Span(line, 1, line, len(text) + 1), **kw)  # type: ignore[arg-type]


def test_merge_keeps_review_work_adds_new_and_lists_vanished() -> None:
    reviewed = _claim("d-001", "Corrected text of one.", 1, notes="fixed a typo", relations=(Relation("supports", "x-001"),))
    old = [reviewed, _claim("d-002", "Something removed later.", 2)]
    fresh = [_claim("d-001", "Corrected text of on.", 1), _claim("d-002", "A brand new sentence here.", 3)]
    result = merge_claims(old, fresh, new_id=lambda n: claim_id("d", n))
    assert result.claims[0] == reviewed  # the human's text, notes and relations survive
    assert result.added == ("d-003",)
    assert result.vanished == ("d-002",)
    assert [c.id for c in result.claims] == ["d-001", "d-002", "d-003"]


def test_cli_dry_run_json_from_any_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "p.txt"
    src.write_text(PARAGRAPH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", str(src), "--dry-run", "--format", "json", "--lang", "ja"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"document", "claims", "references"}
    first = data["claims"][0]
    assert set(first) >= {"id", "text", "section", "kind", "cites", "disputes", "covered_by", "dates", "quantities", "location"}
    assert data["claims"][4]["disputes"] == [{"marker": "[疑わしい–議論する]", "kind": "dubious"}]
    assert not any(p.name in ("claims", "references", "sources") for p in tmp_path.iterdir())


def test_cli_extract_writes_and_re_extraction_keeps_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims").mkdir()
    src = tmp_path / "in.txt"
    src.write_text(PARAGRAPH, encoding="utf-8")
    first = runner.invoke(app, ["extract", str(src), "--id", "kp", "--lang", "ja"])
    assert first.exit_code == 0, first.output
    path = tmp_path / "claims" / "kp.yaml"
    assert (tmp_path / "sources" / "kp.txt").read_text(encoding="utf-8") == PARAGRAPH
    cf = read_claim_file(path)
    edited = cf.claims[1].__class__(**{**cf.claims[1].__dict__, "notes": "checked by hand"})
    write_claim_file(path, cf.__class__(cf.document, (cf.claims[0], edited, *cf.claims[2:])))
    again = runner.invoke(app, ["extract", "sources/kp.txt", "--id", "kp", "--lang", "ja"])
    assert again.exit_code == 0, again.output
    assert read_claim_file(path).claims[1].notes == "checked by hand"
    assert "kept 5" in again.output


def test_cli_refuses_to_overwrite_a_different_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "kp.txt").write_text("other text\n", encoding="utf-8")
    src = tmp_path / "in.txt"
    src.write_text(PARAGRAPH, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(src), "--id", "kp"])
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert (tmp_path / "sources" / "kp.txt").read_text(encoding="utf-8") == "other text\n"


def test_cli_missing_source_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), "--dry-run"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_entry_point_dry_run_on_the_blog(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("factcheck")
    proc = subprocess.run(
        [str(exe), "extract", str(BLOG), "--dry-run", "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["document"]["language"] == "ja"
    assert data["references"] == []
    assert not any(c["cites"] for c in data["claims"])
    texts = [c["text"] for c in data["claims"]]
    assert "タイトルとURLをコピーしました" not in texts and "コメント" not in texts
    kinds = {c["kind"] for c in data["claims"]}
    assert "fact" in kinds and kinds & {"question", "meta"}



_PIECES = st.sampled_from(
    ["北朝鮮は", "ウクライナに", "2024年10月", "10月23日、", "1,500人", "。", "？", "[1]", "[12][13]", " [疑わしい–議論する]",
     "[要出典]", "「引用。」", "（注。）", "\n", "\n\n", "| 面積 | 746 km2 [3] |\n", "歴史\n", "- ^ ab 「題」ロイター. 2024年10月19日.\n",
     "参考文献\n", "The U.S. said so.", " [citation needed]", "Dr. Smith", "3.5 km", "\r\n", "\t", "\u3000", "[edit]", "?"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=8), max_size=40).map("".join))
def test_extraction_never_crashes_and_anchors_every_claim(text: str) -> None:
    text = text.replace("\r\n", "\n")
    ex = extract_text(text, doc_id="h", source="sources/h.txt", lang="auto")
    for c in ex.claims:
        assert strip_markers(claim_at(text, c)) == c.text
        assert c.text == c.text.strip() and c.text


def test_a_dry_run_is_the_real_run_without_the_writing(tmp_path: Path) -> None:
    from factcheck.ingest import ExtractOptions, ingest
    from factcheck.store import Repository

    (tmp_path / "claims").mkdir()
    src = tmp_path / "in.txt"
    src.write_text(PARAGRAPH, encoding="utf-8")
    repo = Repository(tmp_path)
    options = ExtractOptions(doc_id="kp", lang="ja")
    dry = ingest(repo, src, options, dry_run=True)
    assert not dry.written and sorted(p.name for p in tmp_path.iterdir()) == ["claims", "in.txt"]
    real = ingest(repo, src, options)
    assert real.written and read_claim_file(tmp_path / "claims" / "kp.yaml") == real.claim_file
    assert (dry.claim_file, dry.reference_file, dry.counts) == (real.claim_file, real.reference_file, real.counts)
    # Once reviewed, a dry run shows the merge a real run would write.
    cf = read_claim_file(tmp_path / "claims" / "kp.yaml")
    edited = cf.claims[1].__class__(**{**cf.claims[1].__dict__, "notes": "checked by hand"})
    write_claim_file(tmp_path / "claims" / "kp.yaml", cf.__class__(cf.document, (cf.claims[0], edited, *cf.claims[2:])))
    again = ingest(repo, tmp_path / "sources" / "kp.txt", options, dry_run=True)
    assert again.claim_file is not None and again.claim_file.claims[1].notes == "checked by hand"
