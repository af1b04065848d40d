"""The repository configuration (.factcheck.yaml, [tool.factcheck]), inline
suppression and baselines, through the library and the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from test_checks import C, R
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.config import COMMAND_FORMATS, ConfigError, config_schema, load_config
from factcheck.store import Repository

runner = CliRunner()
DATA = Path(__file__).parent / "data"
NEAR_DUP = DATA / "invalid" / "near-duplicate" / "basic"

# doc-r1 is published by a site the bundled table does not know; doc-r3 is cited by nobody.
REFS = {
    "title: One": "title: One\n    URL: https://www.example-daily.test/2019/bridge",
    "title: Two": "title: Two\n  - {id: doc-r3, title: Three}",
}

CONFIG = """\
ignore: [near-duplicate]
rules:
  unused-reference: {severity: error}
reliability:
  sources:
    - {name: Example Daily, rating: tabloid, domains: [example-daily.test]}
"""


def cli(repo: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--root", str(repo)], env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(NEAR_DUP, tmp_path, dirs_exist_ok=True)
    (tmp_path / "expect.yaml").unlink()
    refs = (tmp_path / R).read_text(encoding="utf-8")
    for old, new in REFS.items():
        refs = refs.replace(old, new, 1)
    (tmp_path / R).write_text(refs, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rules_found(out: str) -> list[tuple[str, str]]:
    return [(f["rule"], f["severity"]) for f in json.loads(out)]


def test_without_config_the_defaults_apply(repo: Path) -> None:
    code, out, _ = cli(repo, "validate", "--format", "json")
    assert code == 0
    assert sorted(rules_found(out)) == [("near-duplicate", "warning"), ("unused-reference", "warning")]


@pytest.mark.parametrize("where", ["yaml", "pyproject"])
def test_config_changes_validate_list_and_report(repo: Path, where: str) -> None:
    if where == "yaml":
        (repo / ".factcheck.yaml").write_text(CONFIG, encoding="utf-8")
    else:
        (repo / "pyproject.toml").write_text(
            '[project]\nname = "x"\n\n[tool.factcheck]\nignore = ["near-duplicate"]\n\n'
            '[tool.factcheck.rules.unused-reference]\nseverity = "error"\n\n'
            '[[tool.factcheck.reliability.sources]]\nname = "Example Daily"\nrating = "tabloid"\ndomains = ["example-daily.test"]\n',
            encoding="utf-8",
        )
    code, out, _ = cli(repo, "validate", "--format", "json")
    assert (code, rules_found(out)) == (1, [("unused-reference", "error")])
    # The added rating makes doc-1, which cites only doc-r1, weakly sourced ...
    code, out, _ = cli(repo, "list", "--status", "weakly-sourced", "--format", "ids")
    assert (code, out.split()) == (0, ["doc-1"])
    # ... and the report lists its reference as unreliable.
    code, out, _ = cli(repo, "report", "--format", "json")
    unreliable = json.loads(out)["unreliable_references"]
    assert [(u["reference"]["id"], u["reference"]["rating"]) for u in unreliable] == [("doc-r1", "tabloid")]


def test_rules_show_the_config(repo: Path) -> None:
    (repo / ".factcheck.yaml").write_text(CONFIG, encoding="utf-8")
    _, out, _ = cli(repo, "rules")
    lines = {line.split()[0]: line.split()[1] for line in out.splitlines()}
    assert (lines["near-duplicate"], lines["unused-reference"], lines["anchored"]) == ("off", "error", "error")


def test_config_command_says_where_each_value_came_from(repo: Path) -> None:
    (repo / ".factcheck.yaml").write_text(CONFIG, encoding="utf-8")
    code, out, _ = cli(repo, "config", "--format", "json")
    settings = {r["key"]: r for r in json.loads(out)["settings"]}
    assert code == 0
    assert settings["rules.near-duplicate.enabled"] == {"key": "rules.near-duplicate.enabled", "value": False, "origin": ".factcheck.yaml:1:1"}
    assert settings["rules.unused-reference.severity"]["origin"] == ".factcheck.yaml:3:22"
    assert settings["rules.anchored.severity"] == {"key": "rules.anchored.severity", "value": "error", "origin": "default"}
    code, out, _ = cli(repo, "config")
    assert out.splitlines()[0] == "config: .factcheck.yaml"
    assert any(line.split()[:2] == ["rules.unused-reference.severity", "error"] for line in out.splitlines())


@pytest.mark.parametrize(
    "text, where, message",
    [
        ("ignore: [near-duplicat]\n", ":1:10:", "'near-duplicat' is not one of"),
        ("ignore: [near-duplicat]\n", "", "did you mean 'near-duplicate'?"),
        ("rules:\n  near-duplicate: {treshold: 90}\n", ":2:20:", "unknown key 'treshold' (did you mean 'threshold'?)"),
        ("rules:\n  near-duplicate: {threshold: high}\n", ":2:31:", "expected a number"),
        ("selct: [ALL]\n", ":1:1:", "unknown key 'selct' (did you mean 'select'?)"),
        ("format: {report: pdf}\n", ":1:18:", "'pdf' is not one of terminal, markdown, html, json"),
        ("reliability:\n  sources:\n    - {name: X, rating: shaky}\n", ":3:7:", "reliability.sources[0]: unknown rating 'shaky'"),
        ("select: [ALL\n", ":2:1:", ""),
    ],
)
def test_a_bad_config_is_a_located_error(repo: Path, text: str, where: str, message: str) -> None:
    (repo / ".factcheck.yaml").write_text(text, encoding="utf-8")
    code, out, err = cli(repo, "validate")
    assert code == 2 and out == ""
    assert err.startswith(f"factcheck: error: .factcheck.yaml{where}") and message in err


def test_a_bad_pyproject_table_points_at_its_line(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.factcheck]\nselect = ["ALL"]\nignore = ["nope"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(repo)
    assert (caught.value.path, caught.value.line) == ("pyproject.toml", 6)


def test_yaml_config_wins_over_pyproject_and_says_so(repo: Path) -> None:
    (repo / ".factcheck.yaml").write_text("ignore: [near-duplicate]\n", encoding="utf-8")
    (repo / "pyproject.toml").write_text('[tool.factcheck]\nignore = ["unused-reference"]\n', encoding="utf-8")
    config = load_config(repo)
    assert config.ignore == ("near-duplicate",) and config.unread == ("pyproject.toml [tool.factcheck]",)


def test_exclude_leaves_files_out_everywhere(repo: Path) -> None:
    (repo / ".factcheck.yaml").write_text("exclude: [references/*]\n", encoding="utf-8")
    code, out, _ = cli(repo, "validate", "--format", "json", R)
    assert (code, json.loads(out)) == (0, [])  # named on the command line (as pre-commit does): still left out
    code, out, _ = cli(repo, "validate", "--format", "json")
    # Without the references file, the claims' citations dangle: the file is not read at all.
    assert {r for r, _ in rules_found(out)} == {"dangling-cite", "near-duplicate"}


def test_default_format_from_config(repo: Path) -> None:
    (repo / ".factcheck.yaml").write_text("format: {validate: github, list: ids}\n", encoding="utf-8")
    _, out, _ = cli(repo, "validate")
    assert out.startswith("::warning file=claims/doc.yaml,line=19")
    _, out, _ = cli(repo, "list")
    assert out.split()[:2] == ["doc-1", "doc-2"]
    _, out, _ = cli(repo, "validate", "--format", "TEXT")  # the option still wins, in any case
    assert out.startswith("claims/doc.yaml:19:")


def test_config_schema_matches_the_registry_and_the_commands() -> None:
    schema = config_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate({"select": ["ALL"], "ignore": ["near-duplicate"], "rules": {"near-duplicate": {"threshold": 90}}}, schema)
    for command, choices in COMMAND_FORMATS.items():
        result = runner.invoke(app, [command, "--format", "bogus"])
        listed = result.stderr.split("is not one of ", 1)[1].split(".")[0]
        assert tuple(c.strip(" '") for c in listed.split(",")) == choices, command


# --- suppression and baselines ---------------------------------------------------------


def test_suppress_key_accepts_one_rule_on_one_claim(repo: Path) -> None:
    claims = (repo / C).read_text(encoding="utf-8")
    (repo / C).write_text(claims.replace("    text: The bridge is 300 m long!", "    suppress: [near-duplicate]\n    text: The bridge is 300 m long!"), encoding="utf-8")
    code, out, err = cli(repo, "validate")
    assert code == 0 and "near-duplicate" not in out and "unused-reference" in out
    assert "(1 suppressed)" in err


def test_suppress_names_a_known_rule(repo: Path) -> None:
    claims = (repo / C).read_text(encoding="utf-8")
    (repo / C).write_text(claims.replace("    text: The bridge is 300 m long!", "    suppress: [near-dupe]\n    text: The bridge is 300 m long!"), encoding="utf-8")
    code, out, _ = cli(repo, "validate")
    assert code == 0 and "warning suppress-rule unknown rule 'near-dupe' (did you mean 'near-duplicate'?)" in out


def test_a_suppression_that_accepts_nothing_is_reported(repo: Path) -> None:
    claims = (repo / C).read_text(encoding="utf-8")
    # doc-3 has no near duplicate (doc-4 is the later one, where the finding stands).
    (repo / C).write_text(claims.replace("    cites: [doc-r2]", "    cites: [doc-r2]\n    suppress: [near-duplicate]", 1), encoding="utf-8")
    code, out, _ = cli(repo, "validate", "--format", "json")
    found = [(f["rule"], f["line"], f["entry"], f["message"]) for f in json.loads(out) if f["rule"] == "suppress-rule"]
    assert found == [("suppress-rule", 19, "doc-3", "suppress: 'near-duplicate' accepts nothing here; remove it")]
    # A rule that did not run cannot tell: no word.
    code, out, _ = cli(repo, "validate", "--format", "json", "--ignore", "near-duplicate")
    assert [f for f in json.loads(out) if f["rule"] == "suppress-rule"] == []


def test_baseline_hides_exactly_the_known_findings_and_survives_edits_above(repo: Path) -> None:
    code, _, err = cli(repo, "validate", "--write-baseline", "--baseline", "base.json")
    assert code == 0 and "wrote 2 findings to base.json" in err
    data = json.loads((repo / "base.json").read_text(encoding="utf-8"))
    assert [(f["rule"], f["file"], f["entry"]) for f in data["findings"]] == [
        ("near-duplicate", "claims/doc.yaml", "doc-4"),
        ("unused-reference", "references/doc.yaml", "doc-r3"),
    ]
    # Lines move (a claim added above): still known.  A new finding is reported.
    claims = (repo / C).read_text(encoding="utf-8")
    claims = claims.replace("claims:\n", "claims:\n  - id: doc-0\n    text: It opened in 2019.\n    location: {line: 1, column: 1, end_line: 1, end_column: 19}\n    cites: [doc-r1]\n", 1)
    (repo / C).write_text(claims, encoding="utf-8")
    code, out, err = cli(repo, "validate", "--baseline", "base.json", "--format", "json")
    found = json.loads(out)
    assert [(f["rule"], f["entry"]) for f in found] == [("near-duplicate", "doc-1")]
    code, out, err = cli(repo, "validate", "--baseline", "base.json")
    assert "(2 in the baseline)" in err


def test_baseline_reports_entries_fixed_since(repo: Path) -> None:
    cli(repo, "validate", "--write-baseline", "--baseline", "base.json")
    refs = (repo / R).read_text(encoding="utf-8")
    (repo / R).write_text(refs.replace("  - {id: doc-r3, title: Three}\n", ""), encoding="utf-8")
    code, out, err = cli(repo, "validate", "--baseline", "base.json")
    assert code == 0 and out == ""
    assert "1 in the baseline; 1 baseline entries fixed since" in err


def test_a_broken_baseline_is_a_located_error(repo: Path) -> None:
    (repo / "base.json").write_text('{"version": 1, "findings": [\n', encoding="utf-8")
    code, _, err = cli(repo, "validate", "--baseline", "base.json")
    assert code == 2 and err.startswith("factcheck: error: base.json:2:1: not JSON")


@pytest.mark.parametrize("args", [["--no-warnings"], ["--min-severity", "error"], ["--min-severity", "ERROR"]])
def test_no_warnings_and_min_severity(repo: Path, args: list[str]) -> None:
    code, out, err = cli(repo, "validate", *args, "--strict")
    assert (code, out) == (0, "") and "(2 below the minimum severity)" in err


def test_repository_config_is_cached_but_sees_edits(repo: Path) -> None:
    assert Repository(repo).config.ignore == ()
    (repo / ".factcheck.yaml").write_text("ignore: [anchored]\n", encoding="utf-8")
    assert Repository(repo).config.ignore == ("anchored",)


# --- the small things ------------------------------------------------------------------


def test_sarif_and_github_paths_are_relative_to_the_root_from_anywhere(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "claims" / "sub").mkdir()
    monkeypatch.chdir(repo / "claims" / "sub")
    result = runner.invoke(app, ["validate", "--root", str(repo), "--format", "sarif"])
    run = json.loads(result.stdout)["runs"][0]
    assert run["tool"]["driver"]["informationUri"].startswith("https://")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"claims/doc.yaml", "references/doc.yaml"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    result = runner.invoke(app, ["validate", "--root", str(repo), "--format", "github"])
    assert {line.split("file=")[1].split(",")[0] for line in result.stdout.splitlines()} == {"claims/doc.yaml", "references/doc.yaml"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["report", "--format", "pdf"], "'pdf' is not one of 'terminal', 'markdown', 'html', 'json'"),
        (["list", "--marker", "bogus"], "--marker bogus: no dispute kind or marker text like it"),
        (["list", "--cites", "99"], "--cites 99: no reference has this id or label"),
        (["list", "--lang", "fr"], "--lang fr: no document is in this language (languages: none)"),
        (["list", "--status", "dispted"], "unknown status 'dispted' (did you mean 'disputed'?)"),
        (["show", "doc-44"], "no claim with id 'doc-44' (did you mean 'doc-4'"),
        (["list", "--doc", "dco"], "no document 'dco' (did you mean 'doc'?)"),
    ],
)
def test_option_values_are_checked_in_one_error_style(repo: Path, args: list[str], message: str) -> None:
    code, out, err = cli(repo, *args)
    assert (code, out) == (2, "") and err.startswith("factcheck: error: ") and message in err
    assert "Value error" not in err


def test_choices_match_in_any_case(repo: Path) -> None:
    code, out, _ = cli(repo, "list", "--status", "DISPUTED", "--format", "IDS")
    assert (code, out.split()) == (0, ["doc-2"])


def test_completion_is_on(monkeypatch: pytest.MonkeyPatch) -> None:
    # typer detects the shell from the process tree (shellingham), which a detached run (CI, a
    # job started with setsid) may not have: the test names the shell instead.
    import typer.completion

    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: "bash")
    result = runner.invoke(app, ["--show-completion"])
    assert result.exit_code == 0, result.output
    assert "complete" in result.stdout and "factcheck" in result.stdout.lower()


def test_no_progress_bar_when_piped_or_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.cli import progress

    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    assert progress.wanted() and not progress.wanted(quiet=True)
    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    assert not progress.wanted()
    with progress.bar("x") as callback:
        assert callback is None


def test_validate_reports_progress_in_steps(repo: Path) -> None:
    from factcheck.checks.runner import validate

    for _ in ("cold", "warm: the findings kept"):
        seen: list[tuple[int, int]] = []
        validate(Repository(repo), progress=lambda done, total, seen=seen: seen.append((done, total)))
        assert seen and seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_select_and_ignore_on_the_command_line(repo: Path) -> None:
    (repo / ".factcheck.yaml").write_text(CONFIG, encoding="utf-8")
    code, out, _ = cli(repo, "validate", "--format", "json", "--select", "near-duplicate")
    assert rules_found(out) == [("near-duplicate", "warning")]
    code, out, _ = cli(repo, "validate", "--format", "json", "--ignore", "Unused-Reference")
    assert (code, rules_found(out)) == (0, [])
    code, out, err = cli(repo, "validate", "--select", "near-dup")
    assert code == 2 and "--select near-dup: no such rule (did you mean 'near-duplicate'?)" in err


def test_rule_options_come_from_the_config(repo: Path) -> None:
    (repo / ".factcheck.yaml").write_text("rules:\n  near-duplicate: {threshold: 99}\n", encoding="utf-8")
    _, out, _ = cli(repo, "validate", "--format", "json")
    assert rules_found(out) == [("unused-reference", "warning")]
    _, out, _ = cli(repo, "config", "--format", "json")
    (row,) = [r for r in json.loads(out)["settings"] if r["key"] == "rules.near-duplicate.threshold"]
    assert (row["value"], row["origin"]) == (99, ".factcheck.yaml:2:20")


def test_quiet_prints_the_findings_only(repo: Path) -> None:
    code, out, err = cli(repo, "validate", "--quiet")
    assert code == 0 and out.count("\n") == 2 and err == ""


def test_write_baseline_for_some_files_keeps_the_others(repo: Path) -> None:
    cli(repo, "validate", "--write-baseline", "--baseline", "base.json")
    code, _, err = cli(repo, "validate", C, "--write-baseline", "--baseline", "base.json")
    assert code == 0 and "wrote 1 finding to base.json" in err
    data = json.loads((repo / "base.json").read_text(encoding="utf-8"))
    assert sorted(f["rule"] for f in data["findings"]) == ["near-duplicate", "unused-reference"]
