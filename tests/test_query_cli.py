"""The reading commands through the CLI: list, search, show, stats, report, export."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from factcheck.cli import app

REPO = Path(__file__).parent / "data" / "repo-small"
runner = CliRunner()
QUERY_COMMANDS = ["list", "search", "show", "stats", "report", "export"]


def run(*args: str, env: dict[str, str] | None = None, root: Path | None = REPO):
    argv = [*args, *(["--root", str(root)] if root else [])]
    return runner.invoke(app, argv, env=env)


def ok(*args: str, **kw) -> str:
    result = run(*args, **kw)
    assert result.exit_code == 0, (result.output, result.stderr)
    assert "\x1b" not in result.stdout
    return result.stdout


@pytest.mark.parametrize("command", QUERY_COMMANDS)
def test_help_has_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "\n    factcheck " + command in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--format", "json"),
        ("list", "--status", "disputed", "--format", "json"),
        ("search", "地震", "--format", "json"),
        ("search", "Reuters", "--in", "all", "--format", "json"),
        ("show", "ja-noto-2", "--format", "json"),
        ("stats", "--format", "json"),
        ("report", "--format", "json"),
        ("export", "--format", "claimreview"),
        ("export", "--format", "csl-json"),
    ],
)
def test_json_outputs_parse_without_escape_codes(args: tuple[str, ...]) -> None:
    # FORCE_COLOR would make rich colour a table; JSON must stay plain anyway.
    json.loads(ok(*args, env={"FORCE_COLOR": "1"}))


def test_list_disputed_is_exactly_the_claims_with_markers() -> None:
    from factcheck.store import Repository

    with_markers = [c.id for c in Repository(REPO).load().claims if c.disputes]
    got = json.loads(ok("list", "--status", "disputed", "--format", "json"))
    assert [c["id"] for c in got] == with_markers
    assert all("disputed" in c["statuses"] and c["disputes"] for c in got)


def test_report_counts_agree_with_list() -> None:
    report = json.loads(ok("report", "--format", "json"))
    for doc in report["documents"]:
        for status, count in doc["counts"].items():
            listed = ok("list", "--doc", doc["id"], "--status", status, "--format", "ids").split()
            assert len(listed) == count, (doc["id"], status)


def test_list_formats() -> None:
    assert ok("list", "--marker", "要出典", "--format", "ids") == "ja-noto-3\n"
    assert ok("list", "--cites", "[4]", "--format", "csv").splitlines()[1].startswith("ja-noto-6,")
    assert "id: ja-noto-3" in ok("list", "--marker", "citation-needed", "--lang", "ja", "--format", "yaml")
    assert ok("list", "--since", "2025", "--format", "json") == "[]\n"


def test_list_table_aligns_wide_japanese_text() -> None:
    out = ok("list", "--lang", "ja", env={"COLUMNS": "120"})
    lines = [line for line in out.splitlines() if line.strip()][:-1]  # the last line is the count
    assert any("能登" in line for line in lines)
    assert len({cell_len(line) for line in lines}) == 1, [cell_len(line) for line in lines]
    assert max(cell_len(line) for line in lines) <= 120
    assert "[要出典]" not in out  # markers are not claim text
    assert "<script>" in out  # shown as written, not interpreted


def test_list_table_fits_a_narrow_terminal() -> None:
    out = ok("list", env={"COLUMNS": "80"})
    assert all(cell_len(line) <= 80 for line in out.splitlines())
    assert "ja-noto-5" in out and "en-noto-1" in out


def test_no_color_is_respected() -> None:
    out = run("list", env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "120"}).stdout
    assert "\x1b[3" not in out and "\x1b[9" not in out  # no foreground colours
    coloured = run("list", env={"FORCE_COLOR": "1", "COLUMNS": "120"}).stdout
    assert "\x1b[" in coloured  # the test would catch colour if it were there


def test_search_highlights_and_finds_full_width_digits() -> None:
    hits = json.loads(ok("search", "死者２４５人", "--format", "json"))
    assert hits[0]["id"] == "ja-noto-2"
    out = ok("search", "輪島の大火災で200棟焼失", "--limit", "1")
    assert "ja-noto-6" in out and "1 match" in out
    refs = json.loads(ok("search", "東京スポーツ", "--in", "references", "--format", "json"))
    assert refs[0]["kind"] == "reference" and refs[0]["id"] == "ja-noto-r4"


def test_show_prints_context_references_and_relations() -> None:
    out = ok("show", "ja-noto-2", env={"COLUMNS": "160"})
    assert "死者は245人に上った。[2]" in out  # the source paragraph
    assert "NHKニュース" in out and "generally-reliable" in out
    assert "At least 260 people died in the disaster." in out  # the related claim's text
    data = json.loads(ok("show", "ja-noto-3", "--format", "json"))
    assert data["context"]["after"].startswith("[要出典]")
    assert data["related"][0]["id"] == "en-noto-3"


def test_stats_table() -> None:
    out = ok("stats")
    assert "ja-noto" in out and "total" in out
    assert all(cell_len(line) <= 80 for line in out.splitlines())


@pytest.mark.parametrize("fmt, suffix", [("markdown", "md"), ("html", "html"), ("json", "json")])
def test_report_writes_a_file(tmp_path: Path, fmt: str, suffix: str) -> None:
    target = tmp_path / "out" / f"report.{suffix}"
    assert ok("report", "--format", fmt, "-o", str(target)) == ""
    text = target.read_text(encoding="utf-8")
    assert "ja-noto-3" in text
    assert not list(target.parent.glob(".*.tmp"))


def test_export_writes_a_file(tmp_path: Path) -> None:
    target = tmp_path / "refs.json"
    ok("export", "--format", "csl-json", "-o", str(target))
    assert {i["id"] for i in json.loads(target.read_text(encoding="utf-8"))} >= {"ja-noto-r1", "en-noto-r1"}


@pytest.mark.parametrize(
    "args, message",
    [
        (("list", "--status", "bogus"), "unknown status 'bogus'"),
        (("list", "--since", "tomorrow"), "not an ISO 8601 date"),
        (("show", "no-such-claim"), "no claim with id 'no-such-claim'"),
        (("search", "。。"), "query is empty"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr.replace("\n", " ")


@pytest.mark.parametrize("command", [["list"], ["search", "x"], ["show", "x"], ["stats"], ["report"], ["export", "-f", "csv"]])
def test_no_repository_exits_2(tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_ROOT", raising=False)
    result = run(*command, root=None)
    assert result.exit_code == 2
    assert "no factcheck repository" in result.stderr and "Traceback" not in result.output


def test_broken_claim_file_exits_2(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo)
    (repo / "claims" / "ja-news.yaml").write_text("document: {id: ja-news\n", encoding="utf-8")
    for command in (["list"], ["report", "-f", "json"], ["stats"]):
        result = run(*command, root=repo)
        assert result.exit_code == 2, command
        # (common.error wraps long lines at 80 columns; the lead owns it.)
        assert "ja-news.yaml" in result.stderr.replace("\n", "") and result.stdout == ""


def test_installed_entry_point_pipes_plain_json() -> None:
    exe = Path(sys.executable).with_name("factcheck")
    proc = subprocess.run(
        [str(exe), "list", "--status", "disputed", "--format", "json", "--root", str(REPO)],
        capture_output=True, text=True, timeout=60, encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout
    assert len(json.loads(proc.stdout)) == 5


@pytest.mark.parametrize("command", [["list"], ["stats"], ["export", "--format", "csv"]])
def test_root_that_is_not_a_repository_exits_2(tmp_path: Path, command: list[str]) -> None:
    # A mistyped --root once listed "0 claims" and exited 0.
    result = run(*command, root=tmp_path)
    assert result.exit_code == 2 and "is not a factcheck repository" in result.stderr


@pytest.mark.parametrize("command", [["report"], ["export", "--format", "csv"]])
def test_unwritable_output_exits_2_in_one_line(tmp_path: Path, command: list[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = run(*command, "-o", str(blocker / "out.txt"))
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "cannot write" in result.stderr


@pytest.mark.parametrize("columns", ["40", "60", "80"])
def test_stats_never_cuts_document_ids(tmp_path: Path, columns: str) -> None:
    # Ids wider than the table allows were cut ("blog-ja-ru-…"), useless for --doc.
    shutil.copytree(REPO, tmp_path / "repo")
    claims = tmp_path / "repo" / "claims"
    (claims / "ja-noto.yaml").rename(claims / "a-document-with-a-rather-long-id.yaml")
    text = (claims / "a-document-with-a-rather-long-id.yaml").read_text(encoding="utf-8")
    (claims / "a-document-with-a-rather-long-id.yaml").write_text(
        text.replace("id: ja-noto\n", "id: a-document-with-a-rather-long-id\n", 1), encoding="utf-8"
    )
    out = ok("stats", env={"COLUMNS": columns}, root=tmp_path / "repo")
    assert "a-document-with-a-rather-long-id" in out and "…" not in out
    assert all(cell_len(line) <= int(columns) for line in out.splitlines())


def test_search_without_matches_names_the_nearest_claim() -> None:
    result = run("search", "輪島の大火災で200棟焼失", "--min-score", "100")
    assert result.exit_code == 0 and "0 matches" in result.stdout
    assert result.stderr.startswith("nearest: ja-noto-6 (score ") and "--min-score" in result.stderr
    assert run("search", "輪島の大火災で200棟焼失", "--min-score", "100", "--format", "json").stdout.strip() == "[]"


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_reader_leaving_the_pipe_is_exit_0(fmt: str) -> None:
    # `factcheck list | head -1`: the reader closes the pipe; not our failure.
    # A one-page pipe and the project's own claims make sure writing outlasts the reader.
    exe = Path(sys.executable).with_name("factcheck")
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    proc = subprocess.Popen(
        [str(exe), "list", "--format", fmt, "--root", str(Path(__file__).parent.parent)],
        stdout=write_end, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "100"},
    )
    os.close(write_end)
    assert os.read(read_end, 10)
    os.close(read_end)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert b"Traceback" not in err and b"Exception ignored" not in err


def test_ctrl_c_is_exit_130_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.cli.query as command

    def interrupted(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "load_corpus", interrupted)
    monkeypatch.setattr("factcheck.warm.open_warm", interrupted)  # warm or not, the command is interrupted
    result = run("list")
    assert result.exit_code == 130
    assert result.stderr == "factcheck: error: interrupted\n"
