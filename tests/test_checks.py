"""Every validation rule, with a failing and a passing case, one line each.

``check(...)`` builds a tiny repository (claims/doc.yaml, references/doc.yaml,
sources/doc.txt) from the base texts below with some lines replaced, validates
it and returns ``[(file, line, rule)]``.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import pytest
import yaml

from factcheck.checks import RULES
from factcheck.checks.runner import resolve_options, validate
from factcheck.errors import UsageError
from factcheck.store import Repository

SOURCE = "It opened in 2019.[1] It closed in 2023.[要出典]\nThe bridge is 300 m long.[2]\n"

CLAIMS = """\
document:
  id: doc
  source: sources/doc.txt
  retrieved: '2024-03-01'
claims:
  - id: doc-1
    text: It opened in 2019.
    location: {line: 1, column: 1, end_line: 1, end_column: 19}
    cites: [doc-r1]
  - id: doc-2
    text: It closed in 2023.
    location: {line: 1, column: 23, end_line: 1, end_column: 41}
    disputes:
      - {marker: '[要出典]', kind: citation-needed}
  - id: doc-3
    text: The bridge is 300 m long.
    location: {line: 2, column: 1, end_line: 2, end_column: 26}
    cites: [doc-r2]
"""

REFS = """\
document: doc
references:
  - id: doc-r1
    title: One
    issued: '2019'
  - id: doc-r2
    title: Two
"""

OTHER = """\
document: {id: other, source: sources/other.txt}
claims:
  - id: other-1
    text: It opened in 2020.
    location: {line: 1, column: 1, end_line: 1, end_column: 19}
"""

C, R = "claims/doc.yaml", "references/doc.yaml"
OTHER_C = "claims/other.yaml"


def _edit(text: str, edits: Mapping[str, str]) -> str:
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def make_repo(root: Path, claims: Mapping[str, str] = MappingProxyType({}), refs: Mapping[str, str] = MappingProxyType({}),
              source: str = SOURCE, files: Mapping[str, str] = MappingProxyType({})) -> Repository:
    for rel, text in {"claims/doc.yaml": _edit(CLAIMS, claims), "references/doc.yaml": _edit(REFS, refs),
                      "sources/doc.txt": source, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return Repository(root)


def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: Any = None, **kw: Any) -> list[tuple[str, int, str]]:
    monkeypatch.chdir(tmp_path)
    return [(f.path, f.line, f.rule) for f in validate(make_repo(tmp_path, **kw), options=options).findings]


A = "{line: 1, column: 1, end_line: 1, end_column: 19}"
CASES: list[tuple[str, dict[str, Any], list[tuple[str, int, str]]]] = [
    ("clean", {}, []),
    # syntax
    ("syntax: unclosed flow", {"claims": {"cites: [doc-r1]": "cites: [doc-r1"}}, [(C, 9, "syntax")]),
    ("syntax: duplicate key", {"claims": {"    text: It closed": "    id: again\n    text: It closed"}}, [(C, 11, "syntax")]),
    ("syntax: alias", {"refs": {"title: One": "title: &a One"}}, [(R, 4, "syntax")]),
    ("syntax: empty file", {"files": {"claims/empty.yaml": ""}}, [("claims/empty.yaml", 1, "syntax")]),
    # an unclosed quote runs on to the next quote mark: the fault is where it opened
    ("syntax: unclosed quote", {"claims": {"text: It closed in 2023.": "text: 'It closed in 2023."}}, [(C, 11, "syntax")]),
    ("schema: file is a list", {"claims": {CLAIMS: "- a\n- b\n"}}, [(C, 1, "schema")]),
    # `claims:` left empty: one schema finding, not every reference unused too
    ("schema: claims null", {"claims": {CLAIMS.split("claims:")[1]: "\n"}}, [(C, 5, "schema")]),
    ("unknown-document", {"refs": {"document: doc": "document: dco"}}, [(R, 1, "unknown-document")]),
    ("unknown-document: unreadable claim file", {"refs": {"document: doc": "document: dco"},
                                                 "files": {"claims/dco.yaml": "document: [\n"}},
     [("claims/dco.yaml", 2, "syntax")]),
    # schema
    ("schema: unknown field", {"claims": {"cites: [doc-r1]": "cite: [doc-r1]"}}, [(C, 9, "schema")]),
    ("schema: missing text", {"claims": {"    text: It opened in 2019.\n": ""}}, [(C, 6, "schema")]),
    ("schema: wrong type", {"claims": {"column: 23,": "column: x,"}}, [(C, 12, "schema")]),
    # unique-id
    ("unique-id: claim", {"claims": {"id: doc-3": "id: doc-1"}}, [(C, 15, "unique-id")]),
    ("unique-id: across files", {"files": {OTHER_C: OTHER.replace("other-1", "doc-2"), "sources/other.txt": "It opened in 2020.\n"}},
     [(OTHER_C, 3, "unique-id")]),
    ("unique-id: document", {"files": {OTHER_C: OTHER.replace("id: other,", "id: doc,"), "sources/other.txt": "It opened in 2020.\n"}},
     [(OTHER_C, 1, "unique-id")]),
    # the copy is the one out of place, even when its file sorts first (claims/a.yaml < claims/doc.yaml)
    ("unique-id: copy in a file sorting first", {"files": {"claims/a.yaml": OTHER.replace("other-1", "doc-2").replace("other", "a"),
                                                            "sources/a.txt": "It opened in 2020.\n"}},
     [("claims/a.yaml", 3, "unique-id")]),
    # a claim file copied whole: one finding on its document id, not one per claim
    ("unique-id: copied file", {"files": {"claims/a.yaml": CLAIMS}}, [("claims/a.yaml", 2, "unique-id")]),
    ("unique-id: passes across files", {"files": {OTHER_C: OTHER, "sources/other.txt": "It opened in 2020.\n"}}, []),
    # dangling-cite
    ("dangling-cite: cites", {"claims": {"cites: [doc-r1]": "cites: [doc-r9]"}}, [(C, 9, "dangling-cite")]),
    ("dangling-cite: covered_by", {"claims": {"    disputes:": "    covered_by: [doc-r1, nope]\n    disputes:"}},
     [(C, 13, "dangling-cite")]),
    ("dangling-cite: passes covered_by", {"claims": {"    disputes:": "    covered_by: [doc-r1]\n    disputes:"}}, []),
    ("dangling-cite: custom.see", {"refs": {"title: Two": "title: Two\n    custom: {see: doc-r7}"}}, [(R, 8, "dangling-cite")]),
    ("dangling-cite: broken reference file is one fault", {"refs": {"title: One": "title: [One"}}, [(R, 4, "syntax")]),
    # dangling-relation
    ("dangling-relation", {"claims": {"cites: [doc-r1]": "cites: [doc-r1]\n    relations:\n      - {type: supports, target: nope-1}"}},
     [(C, 11, "dangling-relation")]),
    ("dangling-relation: block style", {"claims": {"cites: [doc-r1]": "cites: [doc-r1]\n    relations:\n      - type: supports\n        target: doc-9"}},
     [(C, 12, "dangling-relation")]),
    ("dangling-relation: passes", {"claims": {"cites: [doc-r1]": "cites: [doc-r1]\n    relations:\n      - {type: supports, target: doc-3}"}}, []),
    # contradicts-same-document
    ("contradicts-same-document", {"claims": {"cites: [doc-r1]": "cites: [doc-r1]\n    relations:\n      - type: contradicts\n        target: doc-2"}},
     [(C, 11, "contradicts-same-document")]),
    ("contradicts-same-document: marked", {"claims": {"cites: [doc-r1]": "cites: [doc-r1]\n    relations:\n      - {type: contradicts, target: doc-2, within_document: true}"}}, []),
    ("contradicts-same-document: other document", {"claims": {"cites: [doc-r1]": "cites: [doc-r1]\n    relations:\n      - {type: contradicts, target: other-1}"},
                                                   "files": {OTHER_C: OTHER, "sources/other.txt": "It opened in 2020.\n"}}, []),
    # dispute-kind
    ("dispute-kind", {"claims": {"kind: citation-needed": "kind: citation_needed"}}, [(C, 14, "dispute-kind")]),
    # date-format
    ("date-format: retrieved", {"claims": {"'2024-03-01'": "'2024-02-30'"}}, [(C, 4, "date-format")]),
    ("date-format: passes leap day", {"claims": {"'2024-03-01'": "'2024-02-29'"}}, []),
    ("date-format: issued month", {"refs": {"issued: '2019'": "issued: '2019-13'"}}, [(R, 5, "date-format")]),
    ("date-format: not ISO, once", {"refs": {"issued: '2019'": "issued: 2019/10/01"}}, [(R, 5, "date-format")]),
    ("date-format: claim date", {"claims": {"cites: [doc-r2]": "cites: [doc-r2]\n    dates:\n      - {text: x, value: '2019-10-32'}"}},
     [(C, 20, "date-format")]),
    ("date-format: relation reviewed", {"claims": {"cites: [doc-r2]": "cites: [doc-r2]\n    relations:\n      - {type: supports, target: doc-1, review: accepted, reviewed: '2026-02-30'}"}},
     [(C, 20, "date-format")]),
    ("anchored: a vanished claim is not checked", {"claims": {"text: It closed in 2023.": "text: It was cut.\n    revision: vanished"}}, []),
    ("date-format: passes partial", {"claims": {"cites: [doc-r2]": "cites: [doc-r2]\n    dates:\n      - {text: x, value: '2019-10'}"}}, []),
    # source-path
    ("source-path: escapes", {"claims": {"source: sources/doc.txt": "source: ../doc.txt"}}, [(C, 3, "source-path")]),
    ("source-path: absolute", {"claims": {"source: sources/doc.txt": "source: /etc/hostname"}}, [(C, 3, "source-path")]),
    ("source-path: missing", {"claims": {"source: sources/doc.txt": "source: sources/nope.txt"}}, [(C, 3, "source-path")]),
    ("source-path: passes outside sources/", {"claims": {"source: sources/doc.txt": "source: ./sources/../sources/doc.txt"}}, []),
    # anchored
    ("anchored: text differs", {"claims": {"text: It opened in 2019.": "text: It opened in 2018."}}, [(C, 7, "anchored")]),
    ("anchored: location elsewhere", {"claims": {"column: 23, end_line: 1, end_column: 41": "column: 22, end_line: 1, end_column: 40"}},
     [(C, 12, "anchored")]),
    ("anchored: outside the file", {"claims": {"{line: 2, column: 1, end_line: 2": "{line: 9, column: 1, end_line: 9"}}, [(C, 17, "anchored")]),
    ("anchored: block-style location is reported at its key",
     {"claims": {"location: {line: 2, column: 1, end_line: 2, end_column: 26}": "location:\n      line: 2\n      column: 2\n      end_line: 2\n      end_column: 26"}},
     [(C, 17, "anchored")]),
    ("anchored: block scalar text is reported at its key",
     {"claims": {"text: The bridge is 300 m long.": "text: |\n      The bridge is 300 m wide."}}, [(C, 16, "anchored")]),
    ("anchored: span wider than the text", {"claims": {"text: It opened in 2019.": "text: It opened in"}}, [(C, 8, "anchored")]),
    ("anchored: span with a marker inside", {"claims": {"end_column: 19}": "end_column: 22}"}}, []),
    ("anchored: BOM and CRLF", {"source": "\ufeff" + SOURCE.replace("\n", "\r\n")}, []),
    ("anchored: multi-line span", {"claims": {"text: It closed in 2023.": "text: It closed in 2023. The bridge is",
                                               "column: 23, end_line: 1, end_column: 41": "column: 23, end_line: 2, end_column: 14"},
                                   }, []),
    # unused-reference
    ("unused-reference", {"refs": {"title: Two": "title: Two\n  - {id: doc-r3, title: Three}"}}, [(R, 8, "unused-reference")]),
    ("unused-reference: short form points to it",
     {"refs": {"title: Two": "title: Two\n    custom: {see: doc-r3}\n  - {id: doc-r3, title: Three}"}}, []),
    # near-duplicate
    ("near-duplicate", {"source": SOURCE + "The bridge is 300 m long!\n",
                        "claims": {"cites: [doc-r2]": "cites: [doc-r2]\n  - id: doc-4\n    text: The bridge is 300 m long!\n"
                                   "    location: {line: 3, column: 1, end_line: 3, end_column: 26}"}},
     [(C, 19, "near-duplicate")]),
    ("suppress-rule: fails", {"claims": {"cites: [doc-r2]": "cites: [doc-r2]\n    suppress: [near-dupe]"}}, [(C, 19, "suppress-rule")]),
    ("suppress-rule: unused", {"claims": {"cites: [doc-r2]": "cites: [doc-r2]\n    suppress: [near-duplicate]"}}, [(C, 19, "suppress-rule")]),
    ("suppress-rule: passes", {"claims": {"cites: [doc-r2]": "cites: [doc-r9]\n    suppress: [dangling-cite]"}}, []),
    ("near-duplicate: passes", {"source": SOURCE + "The bridge is 900 m wide!\n",
                                "claims": {"cites: [doc-r2]": "cites: [doc-r2]\n  - id: doc-4\n    text: The bridge is 900 m wide!\n"
                                           "    location: {line: 3, column: 1, end_line: 3, end_column: 26}"}}, []),
]


@pytest.mark.parametrize("kw, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kw: dict[str, Any], expected: list[Any]) -> None:
    assert check(tmp_path, monkeypatch, **kw) == expected


def test_every_rule_has_a_failing_case_and_a_documented_example() -> None:
    failing = {rule for _, _, found in CASES for _, _, rule in found}
    assert failing == set(RULES)
    for rule_id, rule in RULES.items():
        doc = rule.__doc__ or ""
        assert "PASSING" in doc and "FAILING" in doc, rule_id
        assert rule.SEVERITY in ("error", "warning")


def test_source_path_symlink_out_of_the_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(SOURCE, encoding="utf-8")
    repo = tmp_path / "repo"
    make_repo(repo)
    (repo / "sources" / "doc.txt").unlink()
    os.symlink(outside, repo / "sources" / "doc.txt")
    monkeypatch.chdir(repo)
    assert [(f.path, f.line, f.rule) for f in validate(Repository(repo)).findings] == [(C, 3, "source-path")]


def test_near_duplicate_threshold_is_an_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kw = dict(source=SOURCE + "The bridge is 900 m long!\n",
              claims={"cites: [doc-r2]": "cites: [doc-r2]\n  - id: doc-4\n    text: The bridge is 900 m long!\n"
                      "    location: {line: 3, column: 1, end_line: 3, end_column: 26}"})
    assert check(tmp_path, monkeypatch, **kw) == []
    assert check(tmp_path, monkeypatch, options={"near-duplicate": {"threshold": 90}}, **kw) == [(C, 19, "near-duplicate")]
    with pytest.raises(UsageError, match="unknown option 'limit' for rule 'near-duplicate'"):
        resolve_options({"near-duplicate": {"limit": 1}})


def test_only_target_files_are_reported_but_all_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, claims={"id: doc-3": "id: doc-1"}, refs={"title: Two": "title: Two\n  - {id: doc-r3, title: Three}"})
    monkeypatch.chdir(tmp_path)
    only_refs = validate(repo, [Path(R)])
    assert [(f.path, f.rule) for f in only_refs.findings] == [(R, "unused-reference")]
    assert only_refs.success() and not only_refs.success(strict=True)
    only_claims = validate(repo, [Path(C)], strict=True)
    assert [(f.path, f.line, f.rule) for f in only_claims.findings] == [(C, 15, "unique-id")]
    assert not only_claims.success()


def test_a_file_outside_the_repository_folders_is_judged_by_its_parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo")
    stray = tmp_path / "elsewhere" / "claims" / "x.yaml"
    stray.parent.mkdir(parents=True)
    stray.write_text(CLAIMS.replace("cites: [doc-r1]", "cites: [doc-r5]").replace("id: doc\n", "id: x\n")
                     .replace("doc-1", "x-1").replace("doc-2", "x-2").replace("doc-3", "x-3"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = validate(repo, [stray]).findings
    assert [(f.line, f.rule) for f in found] == [(9, "dangling-cite")]
    other = tmp_path / "notes.yaml"
    other.write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="not a claim or reference file"):
        validate(repo, [other])
    with pytest.raises(UsageError, match="no such file"):
        validate(repo, [tmp_path / "missing.yaml"])


# --- example folders: tests/data/invalid/<rule-id>/<case>/ and tests/data/valid/ ---

DATA = Path(__file__).parent / "data"
INVALID = sorted(p.parent for p in (DATA / "invalid").glob("**/expect.yaml"))


@pytest.mark.parametrize("case", INVALID, ids=[str(p.relative_to(DATA / "invalid")) for p in INVALID])
def test_invalid_examples(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    monkeypatch.chdir(case)
    found = [[f.path, f.line, f.rule] for f in validate(Repository(case)).findings]
    assert found == [[e["file"], e["line"], e["rule"]] for e in expect]


def test_every_rule_has_an_invalid_example() -> None:
    rules = set()
    for case in INVALID:
        rules |= {e["rule"] for e in yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))}
    assert rules == set(RULES)


@pytest.mark.parametrize("repo", [DATA / "valid", DATA / "repo-small"], ids=["valid", "repo-small"])
def test_valid_examples(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    assert validate(Repository(repo), strict=True).findings == ()
