"""The store: strict located YAML reading, schema-guided typing, atomic writing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck import store
from factcheck.errors import ClaimFileError, FileError, RepositoryNotFound
from factcheck.model import Claim, ClaimFile, Document, Reference, ReferenceFile, Span
from factcheck.schema import SCHEMA_FILES, schema_for

HEAD = "document:\n  id: d\n  source: sources/d.txt\nclaims:\n"


def claims_file(tmp_path: Path, body: str, *, raw: bytes | None = None) -> Path:
    path = tmp_path / "claims" / "d.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw if raw is not None else (HEAD + body).encode("utf-8"))
    return path


def read_error(tmp_path: Path, body: str) -> ClaimFileError:
    with pytest.raises(ClaimFileError) as info:
        store.read_claim_file(claims_file(tmp_path, body))
    return info.value


CLAIM = "  - id: c1\n    text: t\n    location: {line: 1, column: 1, end_line: 1, end_column: 2}\n"


def test_reads_a_claim_with_its_origin(tmp_path: Path) -> None:
    cf = store.read_claim_file(claims_file(tmp_path, CLAIM))
    assert cf.document.id == "d"
    (claim,) = cf.claims
    assert claim.id == "c1" and claim.document == "d"
    assert claim.location == Span(1, 1, 1, 2)
    assert claim.origin is not None and (claim.origin.line, claim.origin.column) == (5, 5)


@pytest.mark.parametrize(
    "body, line, column, words",
    [
        (CLAIM + "    id: again\n", 8, 5, "duplicate key 'id'"),
        ("  - &a {id: c1}\n", 5, 5, "anchor &a"),
        (CLAIM + "  - *x\n", 8, 5, "alias"),
        (CLAIM + "    1: x\n", 8, 5, "read as a int"),
        (CLAIM + "    yes: x\n", 8, 5, "read as a bool"),
        ("  - id: [unclosed\n", 6, 1, ""),
        ("  - id: c1\n\ttext: t\n", 6, 1, "tab"),
    ],
)
def test_forbidden_and_malformed_yaml_is_located(tmp_path: Path, body: str, line: int, column: int, words: str) -> None:
    err = read_error(tmp_path, body)
    assert (err.line, err.column) == (line, column), str(err)
    assert words in str(err)
    assert str(err).startswith(f"{tmp_path / 'claims' / 'd.yaml'}:{line}:{column}:") or str(err).startswith(
        f"claims/d.yaml:{line}"
    )


def test_yaml_11_surprises_arrive_as_the_strings_written(tmp_path: Path) -> None:
    body = (
        "  - id: 0123\n    text: no\n    section: 2022-07-13\n    notes: 1e3\n"
        "    location: {line: 1, column: 1, end_line: 1, end_column: 2}\n"
        "    dates: [{text: x, value: 2022-07-13}]\n"
    )
    (claim,) = store.read_claim_file(claims_file(tmp_path, body)).claims
    assert (claim.id, claim.text, claim.section, claim.notes) == ("0123", "no", "2022-07-13", "1e3")
    assert claim.dates[0].value == "2022-07-13"


def test_wrong_types_are_schema_errors_with_position(tmp_path: Path) -> None:
    body = "  - id: c1\n    text: t\n    location: {line: one, column: 1, end_line: 1, end_column: 2}\n    colour: red\n"
    loaded = store.load_file(claims_file(tmp_path, body), "claims")
    found = [(f.line, f.column, f.rule) for f in loaded.schema_errors]
    assert found == [(7, 22, "schema"), (8, 5, "schema")]
    assert "unknown field 'colour'" in loaded.schema_errors[1].message
    assert "expected integer" in loaded.schema_errors[0].message


def test_missing_required_field_is_reported(tmp_path: Path) -> None:
    loaded = store.load_file(claims_file(tmp_path, "  - id: c1\n"), "claims")
    messages = [f.message for f in loaded.schema_errors]
    assert any("missing required field 'text'" in m for m in messages)
    assert all(f.line == 5 for f in loaded.schema_errors)


def test_bom_crlf_and_tabs_in_values_are_accepted(tmp_path: Path) -> None:
    text = (HEAD + CLAIM.replace("text: t", 'text: "a\tb"')).replace("\n", "\r\n")
    path = claims_file(tmp_path, "", raw=b"\xef\xbb\xbf" + text.encode("utf-8"))
    (claim,) = store.read_claim_file(path).claims
    assert claim.text == "a\tb"
    assert claim.origin is not None and claim.origin.line == 5


def test_invalid_utf8_names_line_and_column(tmp_path: Path) -> None:
    path = claims_file(tmp_path, "", raw=(HEAD + CLAIM).encode() + b"  - id: \xff\n")
    with pytest.raises(ClaimFileError) as info:
        store.read_claim_file(path)
    assert (info.value.line, info.value.column) == (8, 9)
    assert "not UTF-8" in str(info.value)


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ClaimFileError, match="empty"):
        store.read_claim_file(claims_file(tmp_path, "", raw=b""))


def test_round_trip_quotes_what_needs_quoting(tmp_path: Path) -> None:
    claim = Claim(id="0123", text="no", location=Span(1, 1, 1, 3), section="2022-07-13", notes="line one\nline two")
    cf = ClaimFile(Document(id="d", source="sources/d.txt", retrieved="2024-10-01"), (claim,))
    path = tmp_path / "claims" / "d.yaml"
    store.write_claim_file(path, cf)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/claims.schema.json\n")
    assert "'0123'" in text and "'no'" in text and "'2022-07-13'" in text
    again = store.read_claim_file(path)
    assert again.claims[0] == claim and again.document == cf.document


def test_reference_keys_follow_csl(tmp_path: Path) -> None:
    ref = Reference(id="r1", label="12", title="T", container_title="NK News", url="https://example.org/x")
    path = tmp_path / "references" / "d.yaml"
    store.write_reference_file(path, ReferenceFile("d", (ref,)))
    text = path.read_text(encoding="utf-8")
    assert "container-title: NK News" in text and "URL: https://example.org/x" in text
    assert "label: '12'" in text
    assert store.read_reference_file(path).references[0] == ref


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("old\n", encoding="utf-8")

    def boom(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("factcheck.yamlio.os.replace", boom)
    with pytest.raises(FileError, match="cannot write: disk full"):
        store.atomic_write(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def test_locate_walks_up_and_reports_when_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(store.ROOT_ENV, raising=False)
    (tmp_path / "claims").mkdir()
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert store.Repository.locate(start=deep).root == tmp_path.resolve()
    with pytest.raises(RepositoryNotFound):
        store.Repository.locate(start=Path("/"))
    # FACTCHECK_ROOT is read here and only here; it must name a repository.
    monkeypatch.setenv(store.ROOT_ENV, str(deep))
    with pytest.raises(RepositoryNotFound, match="not a factcheck repository"):
        store.Repository.locate()
    assert store.Repository.locate(create=True).root == deep.resolve()
    monkeypatch.setenv(store.ROOT_ENV, str(tmp_path))
    assert store.Repository.locate(start=Path("/")).root == tmp_path.resolve()


@pytest.mark.parametrize("kind", ["claims", "references"])
def test_committed_schema_matches_the_model(kind: str) -> None:
    committed = Path(__file__).parent.parent / "schema" / SCHEMA_FILES[kind]
    assert json.loads(committed.read_text(encoding="utf-8")) == schema_for(kind)
