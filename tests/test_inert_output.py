"""Every output stays inert with hostile claim text, document URLs and
reference fields (issue 12): one test per format."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import store
from factcheck.cli import app
from factcheck.safety import csv_cell, json_for_html, safe_url, visible

SMALL = Path(__file__).parent / "data" / "repo-small"
runner = CliRunner()

SCRIPT = "</script><script>alert(1)</script>"
ESC = "\x1b]8;;http://evil/\x1b\\click\x1b]8;;\x1b\\\x1b[2J"
BIDI = "abc\u202edcba\u2066x\u2069"
FORMULA = "=HYPERLINK(\"http://evil\",\"x\")"
HOSTILE_TEXT = f"{FORMULA} {SCRIPT} {ESC} {BIDI} line\rbreak"


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    """repo-small with a disputed claim's text, its document URL and a
    reference's URL and title made hostile (written through the store)."""
    root = tmp_path / "repo"
    shutil.copytree(SMALL, root)
    path = root / "claims" / "en-noto.yaml"
    cf = store.read_claim_file(path)
    claims = tuple(dataclasses.replace(c, text=HOSTILE_TEXT) if c.disputes else c for c in cf.claims)
    document = dataclasses.replace(cf.document, url="javascript:alert(document.cookie)", title=SCRIPT + BIDI)
    store.write_claim_file(path, store.ClaimFile(document, claims))
    rpath = root / "references" / "en-noto.yaml"
    rf = store.read_reference_file(rpath)
    refs = tuple(dataclasses.replace(r, url="vbscript:msgbox(1)", title=SCRIPT + ESC) for r in rf.references)
    store.write_reference_file(rpath, store.ReferenceFile(rf.document, refs))
    assert runner.invoke(app, ["list", "--root", str(root), "--format", "ids"]).exit_code == 0
    return root


def run(root: Path, *args: str) -> str:
    result = runner.invoke(app, [*args, "--root", str(root)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_claimreview_cannot_close_a_script_element_nor_link_javascript(hostile: Path) -> None:
    out = run(hostile, "export", "--format", "claimreview")
    assert "<" not in out and ">" not in out and "&" not in out
    assert "javascript:" not in out
    graph = json.loads(out)["@graph"]
    assert any(r["claimReviewed"] == HOSTILE_TEXT for r in graph)  # escaped, not altered
    assert all("url" not in r["itemReviewed"]["appearance"] for r in graph if r["claimReviewed"] == HOSTILE_TEXT)


def test_claimreview_refuses_a_url_base_that_is_not_http(hostile: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "claimreview", "--url-base", "javascript:alert(1)//", "--root", str(hostile)])
    assert result.exit_code == 2 and "http" in result.output


def test_csl_json_drops_non_web_urls_and_escapes_markup(hostile: Path) -> None:
    out = run(hostile, "export", "--format", "csl-json")
    assert "vbscript:" not in out and "<" not in out
    assert any(item.get("title") == SCRIPT + ESC for item in json.loads(out))


@pytest.mark.parametrize("command", [["export", "--format", "csv"], ["list", "--format", "csv"]])
def test_csv_cells_are_never_formulas_and_a_lone_cr_is_quoted(hostile: Path, command: list[str]) -> None:
    out = run(hostile, *command)
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    texts = [r["text"] for r in rows]
    assert "'" + HOSTILE_TEXT in texts
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r.values())
    # The CR inside the cell did not split the row: one row per claim.
    ids = run(hostile, "list", "--format", "ids").split()
    assert [r["id"] for r in rows] == ids or sorted(r["id"] for r in rows) == sorted(ids)
    raw = list(csv.DictReader(io.StringIO(run(hostile, *command, "--csv-raw"), newline="")))
    assert HOSTILE_TEXT in [r["text"] for r in raw]


def test_markdown_report_links_only_web_addresses(hostile: Path) -> None:
    out = run(hostile, "report", "--format", "markdown")
    assert "vbscript:" not in out and "javascript:" not in out
    assert "<script>" not in out and "\u202e" not in out and "\x1b" not in out


def test_html_report_neutralises_bidi_overrides(hostile: Path) -> None:
    out = run(hostile, "report", "--format", "html")
    assert "\u202e" not in out and "\u2066" not in out
    assert "<script>alert" not in out and "vbscript:" not in out


@pytest.mark.parametrize(
    "command",
    [["list"], ["show", "en-noto-3"], ["search", "HYPERLINK"], ["search", "evil", "--in", "references"], ["contradictions"]],
)
def test_terminal_output_shows_escapes_as_placeholders(hostile: Path, command: list[str]) -> None:
    out = run(hostile, *command)
    assert "\x1b" not in out and "\u202e" not in out and "\x85" not in out
    if command[0] in ("show", "search") and command[-1] != "references":
        assert "\u241b" in out  # ␛, the visible stand-in for ESC


def test_validate_text_output_is_inert(tmp_path: Path) -> None:
    root = tmp_path
    for sub in ("claims", "references", "sources"):
        (root / sub).mkdir()
    (root / "claims" / "d.yaml").write_text('document: {id: d, source: "sources/\\e[2J\\u202e.txt"}\nclaims: []\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", "--root", str(root)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\u202e" not in result.output


# --- the primitives ---------------------------------------------------------------------


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=c#d", True), ("HTTP://EXAMPLE.ORG", True), ("javascript:alert(1)", False),
    (" javascript:alert(1)", False), ("JaVaScRiPt:x", False), ("vbscript:x", False), ("data:text/html,x", False),
    ("//evil.example", False), ("https://a b", False), ("https://a\nb", False), ("", False), (None, False),
])
def test_safe_url(url: str | None, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


@pytest.mark.parametrize("cell, want", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("plain", "plain"), ("1-2", "1-2"), ("", ""),
])
def test_csv_cell(cell: str, want: str) -> None:
    assert csv_cell(cell) == want and csv_cell(cell, raw=True) == cell


def test_json_for_html_decodes_to_the_same_value() -> None:
    value = {"a": SCRIPT + "&<!-- \u2028\u2029"}
    text = json_for_html(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_visible_keeps_length_and_lines() -> None:
    text = "a\x1b[1m\x07\x85\u202eb\nc\td\x7f"
    shown = visible(text)
    assert len(shown) == len(text) and "\n" in shown and "\t" in shown
    assert not any(ch in shown for ch in "\x1b\x07\x85\u202e\x7f")
