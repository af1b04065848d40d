"""``factcheck validate`` and ``factcheck rules`` through CliRunner and the installed entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_checks import C, R, make_repo
from typer.testing import CliRunner

from factcheck.checks import RULES
from factcheck.checks.runner import ValidationResult
from factcheck.cli import app
from factcheck.model import Finding
from factcheck.report.findings import FORMATS, escape_data, escape_property

runner = CliRunner()
DANGLING = {"cites: [doc-r1]": "cites: [doc-r9]"}
UNUSED = {"title: Two": "title: Two\n  - {id: doc-r3, title: Three}"}


def invoke(repo: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["validate", "--root", str(repo), *args], env={"NO_COLOR": "1"})
    assert "Traceback" not in result.stdout + result.stderr
    # rich wraps long error lines at the console width; compare them unwrapped.
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_repo(tmp_path, claims=DANGLING)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_format_and_summary(broken: Path) -> None:
    code, out, err = invoke(broken)
    assert code == 1
    assert out.startswith(f"{C}:9:13: error dangling-cite cites 'doc-r9', which is not a reference id")
    assert "1 error, 0 warnings in 2 files" in err
    assert "\x1b[" not in out + err


def test_clean_repository_exits_0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke(tmp_path)
    assert (code, out) == (0, "") and "no problems in 2 files" in err


def test_warnings_fail_only_under_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, refs=UNUSED)
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke(tmp_path)
    assert code == 0 and f"{R}:8:10: warning unused-reference" in out
    assert invoke(tmp_path, "--strict")[0] == 1


def test_json_format(broken: Path) -> None:
    code, out, _ = invoke(broken, "--format", "json")
    assert code == 1
    assert json.loads(out) == [{"file": C, "line": 9, "column": 13, "severity": "error", "rule": "dangling-cite",
                                "message": "cites 'doc-r9', which is not a reference id; did you mean 'doc-r1'?", "entry": "doc-1"}]


def test_sarif_format(broken: Path) -> None:
    code, out, _ = invoke(broken, "--format", "sarif")
    log = json.loads(out)
    assert code == 1 and log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == list(RULES)
    (res,) = run["results"]
    assert res["ruleId"] == "dangling-cite" and ids[res["ruleIndex"]] == "dangling-cite"
    assert res["locations"][0]["physicalLocation"]["region"] == {"startLine": 9, "startColumn": 13}
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == C


def test_github_format(broken: Path) -> None:
    code, out, _ = invoke(broken, "--format", "github")
    assert code == 1
    assert out.startswith(f"::error file={C},line=9,col=13,title=dangling-cite::cites 'doc-r9'")


def test_github_escaping() -> None:
    assert escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    finding = Finding("we:ird,name.yaml", 3, 4, "warning", "near-duplicate", "50%\nnext")
    import io

    stream = io.StringIO()
    FORMATS["github"](ValidationResult((finding,), ("x",)), stream)
    assert stream.getvalue() == "::warning file=we%3Aird%2Cname.yaml,line=3,col=4,title=near-duplicate::50%25%0Anext\n"


def test_columns_count_code_points(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, claims={"kind: citation-needed": "kind: 出典なし"})
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke(tmp_path)
    # "      - {marker: '[要出典]', kind: " is 32 code points (44 bytes): the value starts at 33.
    assert code == 1 and out.startswith(f"{C}:14:33: error dispute-kind")


def test_malformed_file_is_one_finding_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path, claims={"cites: [doc-r1]": "cites: [doc-r1"})
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke(tmp_path, C)
    assert code == 1 and out.count("\n") == 1 and f"{C}:9:" in out and "syntax" in out


def test_usage_errors_exit_2(broken: Path) -> None:
    code, _, err = invoke(broken, "claims/missing.yaml")
    assert code == 2 and "claims/missing.yaml: no such file" in err
    (broken / "notes.yaml").write_text("a: 1\n")
    code, _, err = invoke(broken, "notes.yaml")
    assert code == 2 and "not a claim or reference file" in err
    assert invoke(broken, "--format", "xml")[0] == 2


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    result = ValidationResult((Finding("a.yaml", 1, 1, "error", "schema", "bad"),), ("a.yaml",))
    monkeypatch.delenv("NO_COLOR", raising=False)
    for stream, coloured in ((io.StringIO(), False), (Terminal(), True)):
        FORMATS["text"](result, stream)
        assert ("\x1b[" in stream.getvalue()) is coloured
    monkeypatch.setenv("NO_COLOR", "1")
    stream = Terminal()
    FORMATS["text"](result, stream)
    assert stream.getvalue() == "a.yaml:1:1: error schema bad\n"


def test_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke(tmp_path / "nowhere")
    assert code == 2 and "no such folder" in err


def test_explicit_paths_and_folders(broken: Path) -> None:
    code, out, err = invoke(broken, R)
    assert code == 0 and out == "" and "no problems in 1 file" in err
    code, out, _ = invoke(broken, "claims")
    assert code == 1 and "dangling-cite" in out


def test_rules_command() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    for rule_id in RULES:
        assert rule_id in result.stdout
    rows = json.loads(runner.invoke(app, ["rules", "--format", "json"]).stdout)
    assert [r["id"] for r in rows] == list(RULES)
    assert {r["severity"] for r in rows} == {"error", "warning"}


def _entry_point() -> str:
    exe = Path(sys.executable).with_name("factcheck")
    assert exe.exists(), exe
    return str(exe)


@pytest.mark.parametrize("command", [[_entry_point()], [sys.executable, "-m", "factcheck"]], ids=["entry-point", "python-m"])
def test_real_subprocess(command: list[str], broken: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("FACTCHECK_ROOT", None)
    proc = subprocess.run([*command, "validate"], cwd=broken, capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith(f"{C}:9:13: error dangling-cite")
    assert "Traceback" not in proc.stderr and "1 error, 0 warnings in 2 files" in proc.stderr
    (broken / C).write_text("claims: [\n", encoding="utf-8")
    proc = subprocess.run([*command, "validate", "--format", "json", C], cwd=broken, capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert [f["rule"] for f in json.loads(proc.stdout)] == ["syntax"]
    proc = subprocess.run([*command, "validate", "nope.yaml"], cwd=broken, capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "nope.yaml" in proc.stderr


def test_the_projects_own_files_validate_clean() -> None:
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([_entry_point(), "validate", "--root", str(root), "--strict"], cwd=root,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
