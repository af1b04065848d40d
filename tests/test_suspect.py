"""Contradiction candidates recorded as unreviewed relations (`factcheck contradictions`)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.model import Claim, ClaimFile, Document, Relation, Span
from factcheck.store import read_claim_file, write_claim_file

runner = CliRunner()
A = "ロシア国防省は2025年4月、北朝鮮兵がクルスク州での戦闘に参加したことを公式に認めた。"
B = "2025年の年末になっても、ロシア国防省は北朝鮮兵のクルスク州での戦闘参加を公式には認めていない。"


def make_repo(root: Path, *, b_relations: tuple[Relation, ...] = ()) -> None:
    for doc, text, rel in (("news", A, ()), ("blog", B, b_relations)):
        (root / "sources").mkdir(parents=True, exist_ok=True)
        (root / "sources" / f"{doc}.txt").write_text(text + "\n", encoding="utf-8")
        claim = Claim(id=f"{doc}-001", text=text, location=Span(1, 1, 1, len(text) + 1), notes="read by hand", relations=rel)
        write_claim_file(root / "claims" / f"{doc}.yaml", ClaimFile(Document(doc, f"sources/{doc}.txt"), (claim,)))


def ids(result_output: str) -> list[tuple[str, str]]:
    return [(c["a"], c["b"]) for c in json.loads(result_output)]


def test_candidates_are_listed_then_recorded_once(tmp_path: Path) -> None:
    make_repo(tmp_path)
    first = runner.invoke(app, ["contradictions", "--root", str(tmp_path), "-f", "json"])
    assert first.exit_code == 0, first.output
    assert len(ids(first.stdout)) == 1
    wrote = runner.invoke(app, ["contradictions", "--root", str(tmp_path), "-f", "json", "--write"])
    assert wrote.exit_code == 0, wrote.output
    claims = [read_claim_file(p).claims[0] for p in sorted((tmp_path / "claims").iterdir())]
    relations = [r for c in claims for r in c.relations]
    assert [(r.type, r.review) for r in relations] == [("contradicts", "unreviewed")]
    assert all(c.notes == "read by hand" for c in claims)  # the rest of each claim is untouched
    listed = runner.invoke(app, ["list", "--root", str(tmp_path), "--status", "suspected", "--format", "ids"])
    assert sorted(listed.stdout.split()) == ["blog-001", "news-001"]
    again = runner.invoke(app, ["contradictions", "--root", str(tmp_path), "-f", "json"])
    assert ids(again.stdout) == []


def test_a_rejected_pair_is_not_proposed_again(tmp_path: Path) -> None:
    make_repo(tmp_path, b_relations=(Relation("contradicts", "news-001", "not the same claim", "rejected"),))
    result = runner.invoke(app, ["contradictions", "--root", str(tmp_path), "-f", "json"])
    assert result.exit_code == 0 and ids(result.stdout) == []


def test_consistent_documents_give_no_candidates(tmp_path: Path) -> None:
    make_repo(tmp_path)
    path = tmp_path / "claims" / "blog.yaml"
    cf = read_claim_file(path)
    same = dataclasses.replace(cf.claims[0], text=A)
    write_claim_file(path, ClaimFile(cf.document, (same,)))
    result = runner.invoke(app, ["contradictions", "--root", str(tmp_path), "-f", "json"])
    assert ids(result.stdout) == []


def test_table_output_counts_candidates_and_says_when_there_are_none(tmp_path: Path) -> None:
    make_repo(tmp_path)
    one = runner.invoke(app, ["contradictions", "--root", str(tmp_path), "--format", "table"])
    assert one.exit_code == 0 and "1 contradiction candidate" in one.stdout
    assert "candidates" not in one.stdout
    runner.invoke(app, ["contradictions", "--root", str(tmp_path), "--write"])
    none = runner.invoke(app, ["contradictions", "--root", str(tmp_path)])
    assert none.exit_code == 0 and none.stdout.strip() == "no contradiction candidates"


def test_an_unwritable_claim_file_is_a_one_line_error(tmp_path: Path, monkeypatch) -> None:
    def refuse(*_args, **_kw):
        raise PermissionError(13, "Permission denied")

    make_repo(tmp_path)
    # The library's atomic write turns the OSError into a located FileError.
    monkeypatch.setattr("factcheck.yamlio.os.replace", refuse)
    result = runner.invoke(app, ["contradictions", "--root", str(tmp_path), "--write", "-f", "json"])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("claims/blog.yaml: cannot write: Permission denied")
    assert result.stderr.count("\n") == 1


def test_claim_text_is_not_read_as_rich_markup(tmp_path: Path, monkeypatch) -> None:
    import factcheck.cli.contradictions as command

    make_repo(tmp_path)
    real = command.suspect

    def with_brackets(corpus, **options):
        found = real(corpus, **options)
        a = dataclasses.replace(found[0].a, text="[/x] [bold]literal[/bold] " + found[0].a.text)
        return [dataclasses.replace(found[0], a=a)]

    monkeypatch.setattr(command, "suspect", with_brackets)
    result = runner.invoke(app, ["contradictions", "--root", str(tmp_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "[/x] [bold]literal[/bold]" in result.stdout
