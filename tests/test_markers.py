from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import vocab
from factcheck.extract.markers import dispute_kind, find_markers, normalize, strip_markers


def kinds(text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(raw, kind, label, dispute_kind) of each marker: one-line test cases."""
    return [(m.raw, m.kind, m.label, m.dispute_kind) for m in find_markers(text)]


@pytest.mark.parametrize(
    "text, expect",
    [
        ("された。[2]モスクワ", [("[2]", "cite", "2", None)]),
        ("示した。[5] [6]", [("[5]", "cite", "5", None), ("[6]", "cite", "6", None)]),
        ("in 2019.[12][13]", [("[12]", "cite", "12", None), ("[13]", "cite", "13", None)]),
        ("cut.[a]", [("[a]", "note", "a", None)]),
        ("注記[注 1]", [("[注 1]", "note", "注 1", None)]),
        ("x[注釈 2]", [("[注釈 2]", "note", "注釈 2", None)]),
        ("x[note 1]", [("[note 1]", "note", "note 1", None)]),
        ("x[nb 3]", [("[nb 3]", "note", "nb 3", None)]),
        ("x［3］", [("［3］", "cite", "3", None)]),
        ("[14] [疑わしい–議論する]", [("[14]", "cite", "14", None), ("[疑わしい–議論する]", "dispute", None, "dubious")]),
        ("[要出典]", [("[要出典]", "dispute", None, "citation-needed")]),
        ("[要検証 – ノート]", [("[要検証 – ノート]", "dispute", None, "verification-needed")]),
        ("[疑問点 – ノート]", [("[疑問点 – ノート]", "dispute", None, "dubious")]),
        ("[要ページ番号]", [("[要ページ番号]", "dispute", None, "page-needed")]),
        ("[信頼性要検証]", [("[信頼性要検証]", "dispute", None, "unreliable-source")]),
        ("[要曖昧さ回避]", [("[要曖昧さ回避]", "dispute", None, "disambiguation-needed")]),
        ("[独自研究?]", [("[独自研究?]", "dispute", None, "original-research")]),
        ("[いつ?]", [("[いつ?]", "dispute", None, "when")]),
        ("[誰?]", [("[誰?]", "dispute", None, "attribution-needed")]),
        ("[要説明]", [("[要説明]", "dispute", None, "clarification-needed")]),
        ("[リンク切れ]", [("[リンク切れ]", "dispute", None, "dead-link")]),
        ("[引用が必要]", [("[引用が必要]", "dispute", None, "citation-needed")]),
        ("[検証に失敗しました]", [("[検証に失敗しました]", "dispute", None, "failed-verification")]),
        ("[より良い情報源が必要]", [("[より良い情報源が必要]", "dispute", None, "better-source-needed")]),
        ("[信頼できない情報源？]", [("[信頼できない情報源？]", "dispute", None, "unreliable-source")]),
        ("[説明が必要]", [("[説明が必要]", "dispute", None, "clarification-needed")]),
        ("[ページが必要]", [("[ページが必要]", "dispute", None, "page-needed")]),
        ("［疑わしい－議論する］", [("［疑わしい－議論する］", "dispute", None, "dubious")]),
        ("[citation needed]", [("[citation needed]", "dispute", None, "citation-needed")]),
        ("[Citation needed]", [("[Citation needed]", "dispute", None, "citation-needed")]),
        ("[dubious – discuss]", [("[dubious – discuss]", "dispute", None, "dubious")]),
        ("[dubious - discuss]", [("[dubious - discuss]", "dispute", None, "dubious")]),
        ("[dubious—discuss]", [("[dubious—discuss]", "dispute", None, "dubious")]),
        ("[dubious\u00a0– discuss]", [("[dubious\u00a0– discuss]", "dispute", None, "dubious")]),
        ("[disputed – discuss]", [("[disputed – discuss]", "dispute", None, "disputed")]),
        ("[failed verification]", [("[failed verification]", "dispute", None, "failed-verification")]),
        ("[unreliable source?]", [("[unreliable source?]", "dispute", None, "unreliable-source")]),
        ("[better source needed]", [("[better source needed]", "dispute", None, "better-source-needed")]),
        ("[verification needed]", [("[verification needed]", "dispute", None, "verification-needed")]),
        ("[self-published source?]", [("[self-published source?]", "dispute", None, "self-published-source")]),
        ("[original research?]", [("[original research?]", "dispute", None, "original-research")]),
        ("[according to whom?]", [("[according to whom?]", "dispute", None, "attribution-needed")]),
        ("[clarification needed]", [("[clarification needed]", "dispute", None, "clarification-needed")]),
        ("[page needed]", [("[page needed]", "dispute", None, "page-needed")]),
        ("[who?]", [("[who?]", "dispute", None, "attribution-needed")]),
        ("[when?]", [("[when?]", "dispute", None, "when")]),
        ("[weasel words]", [("[weasel words]", "dispute", None, "weasel-words")]),
        ("[dead link]", [("[dead link]", "dispute", None, "dead-link")]),
        # unknown maintenance-looking markers are kept for review
        ("[要出典範囲外]", [("[要出典範囲外]", "unknown", None, "unknown")]),
        ("[foo bar?]", [("[foo bar?]", "unknown", None, "unknown")]),
        ("[year needed]", [("[year needed]", "unknown", None, "unknown")]),
        # edit links are residue: a marker of their own kind, so they are stripped
        ("History[edit]", [("[edit]", "edit", None, None)]),
        ("歴史[編集]", [("[編集]", "edit", None, None)]),
        # ordinary bracketed prose is not a marker
        ("He said [the city] was old.", []),
        ("It was [sic] wrong.", []),
        ("[This is a full sentence, in brackets.]", []),
        ("", []),
    ],
)
def test_find_markers(text: str, expect: list[tuple[str, str, str | None, str | None]]) -> None:
    assert kinds(text) == expect


@pytest.mark.parametrize(
    "text, raw, page",
    [
        ("p.[1]:23 next", "[1]:23", "23"),
        ("p.[1]: 23–25 next", "[1]: 23–25", "23–25"),
        ("p.[12]:iv.", "[12]:iv", "iv"),
        ("p.[3] next", "[3]", None),
    ],
)
def test_page_forms(text: str, raw: str, page: str | None) -> None:
    (m,) = find_markers(text)
    assert (m.raw, m.page, text[m.start : m.end]) == (raw, page, raw)


@pytest.mark.parametrize(
    "text, expect",
    [
        ("…示した。[14] [疑わしい–議論する]", "…示した。"),
        ("凍結されていた。 [9] [10]", "凍結されていた。"),
        ("It opened in 2019.[3][4]", "It opened in 2019."),
        ("A[1]  b\u3000c\n d", "A b c d"),
        ("p.[1]:23", "p."),
        ("  plain  ", "plain"),
    ],
)
def test_strip_markers(text: str, expect: str) -> None:
    assert strip_markers(text) == expect


def test_normalize_unifies_dashes_spaces_width() -> None:
    assert normalize("［疑わしい－議論する］"[1:-1]) == normalize("疑わしい – 議論する") == "疑わしい-議論する"
    assert normalize("Dubious\u00a0—\u00a0discuss") == "dubious-discuss"


def test_every_vocabulary_marker_is_found_with_its_kind() -> None:
    for entry in vocab.load("disputes")["markers"]:
        (m,) = find_markers(f"x.[{entry['text']}]")
        assert (m.kind, m.dispute_kind) == ("dispute", entry["kind"]), entry
        assert dispute_kind(entry["text"]) == entry["kind"]


# --- nested markers (issue 12: extract wrote claims its own anchored rule refused) ---


@pytest.mark.parametrize(
    "text, raws, stripped",
    [
        ("首都である[要[3]]。", ["[要[3]]"], "首都である。"),  # one marker: the outer holds the inner
        ("x[注[1]]y", ["[注[1]]"], "xy"),
        ("[[[1]]]", ["[1]"], "[[]]"),  # [] is no marker: the outer brackets stay text
        ("[the [3] city] x", ["[3]"], "[the city] x"),  # bracketed prose around a citation
        ("[要[要[要[3]]]]。", ["[要[要[要[3]]]]"], "。"),
    ],
)
def test_a_marker_nested_in_a_marker_is_part_of_it(text: str, raws: list[str], stripped: str) -> None:
    assert [m.raw for m in find_markers(text)] == raws
    assert strip_markers(text) == stripped


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="[]［］1要出典a注 \n.", max_size=40))
def test_removing_markers_twice_removes_nothing_more(text: str) -> None:
    # The anchored rule strips the source slice and the claim text (already
    # stripped by the extractor): both must read the same.
    once = strip_markers(text)
    assert strip_markers(once) == once


def test_deep_nesting_is_read_in_one_pass() -> None:
    text = "[要" * 50_000 + "[3]" + "]" * 50_000
    assert [m.start for m in find_markers(text)] == [0]
