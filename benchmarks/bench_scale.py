"""A repository of 10^4 .. 10^5 claims: every command beside its anchors, cold and warm.

Run:  python benchmarks/bench_scale.py --claims 10000 100000 [--per-file 100] [--skip report,contradictions]
      python benchmarks/bench_scale.py --claims 10000 100000 --only validate   # the validate rows and their anchors
      python benchmarks/bench_scale.py --claims 100000 --only list,stats,show,search --keep /tmp/scale --reuse
                                        # the read rows, on a repository written by an earlier --keep run

For each size it writes a synthetic repository that `factcheck validate`
accepts (Japanese and English documents, 100 claims a file, citations,
covered claims, disputes, dates, supports/contradicts relations across
documents, short-form references, a source file per document), then runs, in
the same run and as real subprocesses of the installed entry point:

  anchors    `python -c pass`; a bare yaml.CSafeLoader load of every claim and
             reference file; `rg -F` (or `grep -rF` when ripgrep is absent) for
             the search word; check-jsonschema with the project's schemas when
             it is installed
  factcheck  --version and --help; validate cold (no .factcheck/ index), warm
             (nothing changed) and after one file changed (a comment added, a
             claim's text edited, a line inserted above its claims, a claim id
             renamed); a one-file commit through real pre-commit running the
             project's hook (when pre-commit and git are installed), beside a
             do-nothing hook (these five: the fastest of 5); list, stats, show,
             search, export (cold and warm); list and stats after one
             claim's text changed; report (twice: the second reuses
             the detector's scan kept in the index) and contradictions unless
             skipped

and prints each one's wall time, peak memory (the child's maximum resident
set, from wait4) and its ratio to its anchor.  The machines are shared and
noisy: compare ratios, not seconds.

The read commands are asked with the index warm in three ways.  "first" is
a question never asked before (no answer kept: the console script answers
it from the index's rows without loading typer, factcheck.direct; `show`
asks for another claim in each run); "(typer alone)" is the same first
question through the typer commands only, as before factcheck.direct;
"again" is the same command line once more (the answer kept by the first
time, written before typer or rich load, factcheck.answers), as a person
asks `stats` or `show ID` again.  The short anchors (`python -c pass`,
`--version`, rg/grep) are the fastest of 7 runs (one run of 20-30 ms is
mostly the machine's noise); each "first", "typer alone" and "again" row is
the fastest of 7 runs alternated with 7 runs of `--version`, and its ratio
is to the fastest of those (a shared machine's load moves within seconds);
every other row is one run.

The two largest answers, `list --status disputed --format json` and
`list --format json` (every claim), each have a second anchor beside them:
Python writing the same bytes (the answer printed, read back from a file) to
the same stdout ("python writing those N MB"), what they would cost if making
them were free.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parent.parent
SEARCH_WORD = "兵士"

# --- the synthetic repository ---------------------------------------------------------

JA_SUBJECTS = ["北朝鮮", "ロシア", "ウクライナ", "韓国", "中国", "日本", "米国", "国連", "欧州連合", "北大西洋条約機構",
               "国際原子力機関", "赤十字", "世界銀行", "国際通貨基金", "東京都", "大阪府", "京都市", "札幌市", "沖縄県", "福岡市"]
JA_ACTIONS = ["兵士{n}人を派遣した", "{n}億円の支援を発表した", "{n}キロの国境を封鎖した", "代表団{n}人を送った",
              "{n}発のミサイルを発射した", "住民{n}人を避難させた", "{n}件の協定に署名した", "{n}トンの食料を届けた",
              "{n}人の捕虜を交換した", "{n}機の航空機を配備した", "記者{n}人を受け入れた", "{n}か所の施設を視察した"]
EN_SUBJECTS = ["North Korea", "Russia", "Ukraine", "South Korea", "China", "Japan", "The United States", "The UN",
               "The European Union", "NATO", "The IAEA", "The Red Cross", "The World Bank", "The IMF", "Tokyo",
               "Osaka", "Kyoto", "Sapporo", "Okinawa", "Fukuoka"]
EN_ACTIONS = ["sent {n} soldiers to the front", "announced {n} million dollars of aid", "closed {n} km of its border",
              "sent a delegation of {n} people", "launched {n} missiles", "evacuated {n} residents",
              "signed {n} agreements", "delivered {n} tonnes of food", "exchanged {n} prisoners",
              "deployed {n} aircraft", "admitted {n} journalists", "inspected {n} sites"]
JA_PLACES = ["国境付近で", "首都で", "港湾で", "北部で", "南部で", "沿岸部で", "山間部で", "国際会議で", "記者会見で"]
EN_PLACES = ["near the border", "in the capital", "at the port", "in the north", "in the south", "on the coast",
             "in the mountains", "at a summit", "at a press conference"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
REFS_PER_DOC = 20


def _sentence(lang: str, d: int, i: int) -> tuple[str, str, str]:
    """(text, date as written, ISO date) for claim i of document d; varied enough
    that no two claims of a document are near-duplicates."""
    year, month, n = 2000 + (d + i) % 25, (d * 7 + i) % 12 + 1, 100 + (d * 131 + i * 977) % 9900
    if lang == "ja":
        subject = JA_SUBJECTS[(i + d) % len(JA_SUBJECTS)]
        action = JA_ACTIONS[(i * 5 + d) % len(JA_ACTIONS)].format(n=n)
        when = f"{year}年{month}月"
        place = JA_PLACES[i % len(JA_PLACES)]
        return f"{when}、{subject}は{place}{action}と報じられた（第{i + 1}報）。", when, f"{year}-{month:02d}"
    subject = EN_SUBJECTS[(i + d) % len(EN_SUBJECTS)]
    action = EN_ACTIONS[(i * 5 + d) % len(EN_ACTIONS)].format(n=n)
    when = f"{MONTHS_EN[month - 1]} {year}"
    place = EN_PLACES[i % len(EN_PLACES)]
    return f"In {when}, {subject} {action} {place}, report {i + 1} said.", when, f"{year}-{month:02d}"


def _q(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def write_repository(root: Path, claims: int, per_file: int) -> list[str]:
    """Write the repository; returns the claim ids (for `show`)."""
    docs = max(1, claims // per_file)
    for sub in ("claims", "references", "sources"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    ids: list[str] = []
    for d in range(docs):
        lang = "ja" if d % 2 == 0 else "en"
        doc = f"{'wiki-ja' if lang == 'ja' else 'news-en'}-{d:05d}"
        prev = f"{'wiki-ja' if (d - 1) % 2 == 0 else 'news-en'}-{d - 1:05d}" if d else None
        cited_count = 0
        src_lines, claim_lines = [], [
            "# yaml-language-server: $schema=../schema/claims.schema.json",
            "document:", f"  id: {doc}", f"  source: sources/{doc}.txt", f"  title: {_q(doc + ' title')}",
            f"  kind: {'wikipedia' if lang == 'ja' else 'news'}", f"  language: {lang}", "  retrieved: '2024-11-01'",
            "claims:",
        ]
        for i in range(per_file):
            text, when, iso = _sentence(lang, d, i)
            ref = cited_count % REFS_PER_DOC + 1
            marker = ""
            disputes = None
            if i % 7 == 3:
                marker, disputes = ("[要出典]", "citation-needed") if lang == "ja" else ("[citation needed]", "citation-needed")
            elif i % 11 == 5:
                marker, disputes = ("[疑わしい–議論する]", "dubious") if lang == "ja" else ("[dubious – discuss]", "dubious")
            cited = i % 4 != 1 and not disputes
            cited_count += cited
            src_lines.append(text + (f"[{ref}]" if cited else "") + marker)
            cid = f"{doc}-{i + 1:03d}"
            ids.append(cid)
            claim_lines += [
                f"  - id: {cid}",
                f"    text: {_q(text)}",
                f"    location: {{line: {i + 1}, column: 1, end_line: {i + 1}, end_column: {len(text) + 1}}}",
                f"    section: {_q('歴史' if lang == 'ja' else 'History')}",
            ]
            if cited:
                claim_lines.append(f"    cites: [{doc}-ref-{ref}]")
            if disputes:
                claim_lines += ["    disputes:", f"      - {{marker: {_q(marker)}, kind: {disputes}}}"]
            claim_lines += ["    dates:", f"      - {{text: {_q(when)}, value: '{iso}'}}"]
            if prev and i % 10 == 0:
                rel = "supports" if i % 20 == 0 else "contradicts"
                review = "accepted" if i % 30 == 0 else "unreviewed"
                claim_lines += ["    relations:", f"      - {{type: {rel}, target: {prev}-{i + 1:03d}, review: {review}}}"]
        (root / "sources" / f"{doc}.txt").write_text("\n".join(src_lines) + "\n", encoding="utf-8")
        (root / "claims" / f"{doc}.yaml").write_text("\n".join(claim_lines) + "\n", encoding="utf-8")
        ref_lines = ["# yaml-language-server: $schema=../schema/references.schema.json", f"document: {doc}", "references:"]
        for r in range(1, REFS_PER_DOC + 1):
            ref_lines += [f"  - id: {doc}-ref-{r}", f"    label: '{r}'", "    type: article-newspaper",
                          f"    title: {_q(f'Report {r} on {doc}')}", "    container-title: The Daily",
                          "    author:", f"      - {{family: Writer{r}, given: Anne}}", f"    issued: '2024-{r % 12 + 1:02d}-01'"]
            if r == REFS_PER_DOC:  # a short-form citation pointing to the full entry
                ref_lines += ["    page: '7'", f"    custom: {{see: {doc}-ref-1}}"]
        (root / "references" / f"{doc}.yaml").write_text("\n".join(ref_lines) + "\n", encoding="utf-8")
    shutil.copytree(ROOT / "schema", root / "schema", dirs_exist_ok=True)
    return ids


def claim_ids(claims: int, per_file: int) -> list[str]:
    """The claim ids :func:`write_repository` writes, without writing them."""
    return [f"{'wiki-ja' if d % 2 == 0 else 'news-en'}-{d:05d}-{i + 1:03d}"
            for d in range(max(1, claims // per_file)) for i in range(per_file)]


# --- measuring ------------------------------------------------------------------------


# An installed package runs from bytecode: pip compiles it, and Python keeps
# what it compiles.  This environment may set PYTHONDONTWRITEBYTECODE, which
# makes every factcheck import compile again in every run.  Unless
# --no-bytecode, main() compiles the package once and every command and every
# anchor alike runs without that variable (the output says which).
BYTECODE = {"on": True}


def _env(cwd: Path) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "FACTCHECK_ROOT": str(cwd)}
    if BYTECODE["on"]:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_package() -> None:
    """Compile the factcheck package (as pip does at install)."""
    import factcheck

    folder = Path(factcheck.__file__).resolve().parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True, env=_env(folder))


def run(argv: Sequence[str], cwd: Path, timeout: float) -> tuple[float, float, int]:
    """(seconds, peak MB of the child, exit code) of one subprocess."""
    env = _env(cwd)
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return float("inf"), 0.0, -9
        time.sleep(0.002)
    secs = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return secs, usage.ru_maxrss / 1024, proc.returncode


BARE_LOAD = """
import sys, yaml
from pathlib import Path
for sub in ("claims", "references"):
    for p in sorted(Path(sub).glob("*.yaml")):
        yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


# Python writing a file's bytes to stdout (the anchor of a large `list`).
WRITE_FILE = "import sys; data = open(sys.argv[1], 'rb').read(); sys.stdout.buffer.write(data)"

# The typer commands alone: the console script's kept and first answers left out.
TYPER_ONLY = [sys.executable, "-c", "import sys; sys.argv[0] = 'factcheck'; from factcheck.cli import main; main()"]


def _factcheck() -> list[str]:
    exe = shutil.which("factcheck", path=str(Path(sys.executable).parent)) or shutil.which("factcheck")
    return [exe] if exe else [sys.executable, "-m", "factcheck"]


# (operation, seconds, peak MB, exit code, anchor: a row's name, or (what, seconds) timed beside it)
Row = tuple[str, float, float, int, "str | tuple[str, float]"]

# Always run (unless skipped by name): what the ratios are measured against.
ANCHORS = {"python", "CSafeLoader", "rg", "grep"}


def measure(
    root: Path, ids: list[str], *, skip: set[str], timeout: float, only: set[str] | None = None
) -> list[Row]:
    """Rows of (operation, seconds, peak MB, exit code, anchor name); with
    ``only``, just the operations of those first words (and the anchors)."""
    fc = _factcheck()
    index = root / ".factcheck"
    rows: list[Row] = []

    def op(name: str, argv: Sequence[str], anchor: str = "", *, cold: bool = False, best_of: int = 1, prime: bool = False) -> None:
        """One row: ``best_of`` runs (the fastest kept), after one unmeasured run when ``prime``."""
        key = name.split()[0]
        if key in skip or (only is not None and key not in only and key not in ANCHORS):
            return
        if cold:
            shutil.rmtree(index, ignore_errors=True)
        if prime:
            run(argv, root, timeout)
        secs, mb, code = min(run(argv, root, timeout) for _ in range(best_of))
        rows.append((name, secs, mb, code, anchor))

    files = [str(p.relative_to(root)) for sub in ("claims", "references") for p in sorted((root / sub).glob("*.yaml"))]
    op("python -c pass", [sys.executable, "-c", "pass"], best_of=7)
    op("CSafeLoader bare load", [sys.executable, "-c", BARE_LOAD])
    rg = shutil.which("rg")
    op("rg -F" if rg else "grep -rF", [rg, "-F", SEARCH_WORD, "claims"] if rg else ["grep", "-rF", SEARCH_WORD, "claims"], best_of=7)
    cj = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
    if cj and "check-jsonschema" not in skip and (only is None or "check-jsonschema" in only):
        claims = [f for f in files if f.startswith("claims/")]
        refs = [f for f in files if f.startswith("references/")]
        a = run([cj, "--schemafile", "schema/claims.schema.json", *claims], root, timeout)
        b = run([cj, "--schemafile", "schema/references.schema.json", *refs], root, timeout)
        rows.append(("check-jsonschema", a[0] + b[0], max(a[1], b[1]), a[2] or b[2], ""))
    op("factcheck --version", [*fc, "--version"], "python -c pass", best_of=7)
    op("factcheck --help", [*fc, "--help"], "python -c pass")
    op("validate cold", [*fc, "validate"], "CSafeLoader bare load", cold=True)
    op("validate warm", [*fc, "validate"], "validate cold")
    one = root / "claims" / Path(files[0]).name
    one.write_text(one.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    op("validate one file changed", [*fc, "validate"], "validate cold")
    if "validate" not in skip and (only is None or "validate" in only):
        rows += _validate_after_edits(root, [*fc, "validate"], timeout)
    op("list --status disputed cold", [*fc, "list", "--status", "disputed", "--format", "json"], "factcheck --version", cold=True)
    # Asked a second time: the cold run kept its answer (the "first" rows below ask new questions).
    op("list --status disputed warm, kept", [*fc, "list", "--status", "disputed", "--format", "json"], "factcheck --version")
    shown = ids[len(ids) // 2]

    def alternated(name: str, argvs: Sequence[Sequence[str]], *, forget: bool = False, unindent: bool = False) -> None:
        """7 runs alternated with 7 of `--version` (fastest of each); run i is
        ``argvs[i % len(argvs)]``; ``forget``: no answer kept before it (a first
        question); ``unindent``: no record kept indented either, where the index
        indents a record when it is first listed (factcheck.warm before its
        FORMAT 7; since, records are kept indented when made)."""
        ours, theirs = [], []
        for i in range(7):
            theirs.append(run([*fc, "--version"], root, timeout))
            if forget:
                shutil.rmtree(index / "answers", ignore_errors=True)
            if unindent:
                import sqlite3

                with sqlite3.connect(index / "index.sqlite") as db:
                    try:  # an index that indents a record when first listed (before factcheck.warm FORMAT 7)
                        db.execute("UPDATE warm_records SET pretty = NULL")
                    except sqlite3.OperationalError:  # records kept indented: nothing to undo
                        pass
            ours.append(run(argvs[i % len(argvs)], root, timeout))
        secs, mb, code = min(ours)
        rows.append((name, secs, mb, code, ("--version alternated", min(theirs)[0])))

    def wanted(name: str) -> bool:
        return name.split()[0] not in skip and (only is None or name.split()[0] in only)

    def again(name: str, argv: Sequence[str], *, prime: bool = False) -> None:
        """A command asked again (its kept answer), timed alternately with `--version`."""
        if not wanted(name):
            return
        if prime:
            run(argv, root, timeout)
        alternated(name, [argv])

    def first(name: str, *argvs: Sequence[str], unindent: bool = False) -> None:
        """A command asked for the first time with the index warm (no kept
        answer: the console script answers from the rows), timed alternately with `--version`."""
        if wanted(name):
            alternated(name, argvs, forget=True, unindent=unindent)

    def typer_alone(name: str, *args: str) -> None:
        """The same first question through the typer commands alone (no answer kept or served: as before)."""
        if wanted(name):
            alternated(f"{name} (typer alone)", [[*TYPER_ONLY, *args]])

    def writing_those(*filters: str) -> None:
        """A second anchor for the row above: Python writing the same bytes (the
        answer it printed, read from a file) to stdout and nothing else."""
        if not wanted("list"):
            return
        with tempfile.TemporaryDirectory() as held:
            printed = Path(held) / "list.json"
            with printed.open("wb") as f:
                subprocess.run([*fc, "list", *filters, "--format", "json"], cwd=root, env=_env(root), stdout=f, check=True)
            size = printed.stat().st_size
            alternated(f"python writing those {size / 2**20:.1f} MB", [[sys.executable, "-c", WRITE_FILE, str(printed)]])

    again("list --status disputed again", [*fc, "list", "--status", "disputed", "--format", "json"])
    again("list --status disputed table again", [*fc, "list", "--status", "disputed"], prime=True)
    first("list --status disputed first", [*fc, "list", "--status", "disputed", "--format", "json"])
    # The same, no record indented before (the cold run above indented and kept these).
    first("list --status disputed first, none indented", [*fc, "list", "--status", "disputed", "--format", "json"], unindent=True)
    writing_those("--status", "disputed")
    # Every claim (no filter): the largest answer `list` gives, beside its own anchor.
    first("list --format json first", [*fc, "list", "--format", "json"])
    writing_those()
    one_doc = ["--doc", shown.rsplit("-", 1)[0], "--status", "disputed"]
    # A list of a realistic size (one document's disputed claims), as JSON and as its table.
    first("list --doc D --status disputed first", [*fc, "list", *one_doc, "--format", "json"])
    first("list --doc D --status disputed table first", [*fc, "list", *one_doc])
    typer_alone("list --doc D --status disputed table first", "list", *one_doc)
    first("stats first", [*fc, "stats"])
    first("stats --format json first", [*fc, "stats", "--format", "json"])
    typer_alone("stats --format json first", "stats", "--format", "json")
    again("stats again", [*fc, "stats"], prime=True)
    again("stats --format json again", [*fc, "stats", "--format", "json"], prime=True)
    # One claim's text edited: the rows of what it touches derived again, the rest kept.
    for name, argv in (("list", ["list", "--status", "disputed", "--format", "json"]), ("stats", ["stats"])):
        if name not in skip and (only is None or name in only):
            _edit_one_claim(one)
        op(f"{name} one file changed", [*fc, *argv], "list --status disputed cold")
    # A claim never shown before, in each of the 7 runs.
    never = [ids[(len(ids) // 3 + 997 * k) % len(ids)] for k in range(7)]
    first("show ID first", *([*fc, "show", c] for c in never))
    first("show ID --format json first", *([*fc, "show", c, "--format", "json"] for c in never))
    typer_alone("show ID --format json first", "show", never[0], "--format", "json")
    again("show ID again", [*fc, "show", shown], prime=True)
    again("show ID --format json again", [*fc, "show", shown, "--format", "json"], prime=True)
    first("search first", [*fc, "search", SEARCH_WORD, "--format", "json"])
    first("search table first", [*fc, "search", SEARCH_WORD])
    typer_alone("search first", "search", SEARCH_WORD, "--format", "json")
    again("search again", [*fc, "search", SEARCH_WORD, "--format", "json"], prime=True)
    again("search table again", [*fc, "search", SEARCH_WORD], prime=True)
    if wanted("search"):
        shutil.rmtree(index / "answers", ignore_errors=True)  # a first question, against rg
    op("search (vs rg/grep)", [*fc, "search", SEARCH_WORD, "--format", "json"], "rg -F" if rg else "grep -rF")
    with tempfile.TemporaryDirectory() as out:
        op("export csl-json warm", [*fc, "export", "--format", "csl-json", "-o", f"{out}/refs.json"], "factcheck --version")
        op("export parquet warm", [*fc, "export", "--format", "parquet", "-o", f"{out}/tables"], "factcheck --version")
        op("report html warm", [*fc, "report", "--format", "html", "-o", f"{out}/r.html"], "validate cold")
        # The detector's scan is now kept in the index: the next report reuses it.
        op("report html again", [*fc, "report", "--format", "html", "-o", f"{out}/r.html"], "validate cold")
    op("contradictions warm", [*fc, "contradictions", "--format", "json"], "validate cold")
    return rows


# validate after one claim file changed, three ways (each undone after its run):
# a claim's text (no fact moves: the cross-file findings are kept), a line
# inserted above the claims (every position below moves), a claim id renamed
# (the next document's relation to it dangles); then the same one-file commit
# through real pre-commit running the project's hook, beside a do-nothing hook.
EDITS = (
    ("text edited", "報じられた（第2報）", "伝えられた（第2報）"),  # (exit 1: no longer in its source)
    ("line inserted above", "claims:\n  - id: wiki-ja-00000-001\n", "claims:\n  # inserted\n  - id: wiki-ja-00000-001\n"),
    ("id renamed", "- id: wiki-ja-00000-051\n", "- id: wiki-ja-00000-051x\n"),  # (exit 1: a relation dangles)
)


def _validate_after_edits(root: Path, validate: list[str], timeout: float) -> list[Row]:
    """Rows of validate after each of EDITS, and of the one-file commit
    through pre-commit: each the fastest of 5 (edit, run, undo, and a
    validate bringing the index up to date again), one run being mostly the
    shared machine's noise at this size."""
    path = root / "claims" / "wiki-ja-00000.yaml"
    original = path.read_text(encoding="utf-8")
    rows: list[Row] = []

    def fastest(name: str, argv: list[str], edited: str, staged: list[str] | None = None) -> None:
        runs = []
        for _ in range(5):
            run(argv, root, timeout)  # the index up to date (and pre-commit set up) first
            path.write_text(edited, encoding="utf-8")
            if staged is not None:
                subprocess.run([*staged, str(path)], cwd=root, check=True)
            runs.append(run(argv, root, timeout))
            path.write_text(original, encoding="utf-8")
            if staged is not None:
                subprocess.run([*staged, str(path)], cwd=root, check=True)
        secs, mb, code = min(runs)
        rows.append((name, secs, mb, code, "validate cold"))

    for name, a, b in EDITS:
        if a in original:
            fastest(f"validate {name}", validate, original.replace(a, b, 1))
    hooks = ROOT / ".pre-commit-hooks.yaml"
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if pre_commit is None or not hooks.is_file() or shutil.which("git") is None or EDITS[1][1] not in original:
        return rows
    import yaml

    (hook,) = [h for h in yaml.safe_load(hooks.read_text(encoding="utf-8")) if h["id"] == "factcheck-validate"]
    # The hook as shipped, with its entry resolved to this environment's factcheck
    # (language: system under repo: local, so pre-commit builds no environment).
    ours = {**hook, "language": "system", "entry": " ".join([*validate[:-1], hook["entry"].split(None, 1)[1]])}
    noop = {**ours, "id": "noop", "name": "do nothing", "entry": "true"}
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@invalid", "-c", "commit.gpgsign=false"]
    for argv in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "repository"]):
        subprocess.run([*git, *argv], cwd=root, check=True, stdout=subprocess.DEVNULL)
    for label, hook_def in (("validate pre-commit, noop hook", noop), ("validate pre-commit, our hook", ours)):
        config = root / ".pre-commit-config.yaml"
        config.write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook_def]}]}), encoding="utf-8")
        subprocess.run([*git, "add", ".pre-commit-config.yaml"], cwd=root, check=True)
        # A one-file commit that keeps the repository valid: a line inserted above the claims.
        fastest(label, [pre_commit, "run"], original.replace(EDITS[1][1], EDITS[1][2], 1), staged=[*git, "add"])
    return rows


def _edit_one_claim(path: Path) -> None:
    """Edit the first claim's text of ``path`` (its verb, back and forth)."""
    text = path.read_text(encoding="utf-8")
    for a, b in (("報じられた", "伝えられた"), ("伝えられた", "報じられた"), (" said.", " stated."), (" stated.", " said.")):
        if a in text:
            path.write_text(text.replace(a, b, 1), encoding="utf-8")
            return


def print_table(claims: int, files: int, rows: list[Row]) -> None:
    by_name = {r[0]: r[1] for r in rows}
    print(f"\n{claims} claims, {files} files, python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(f"{'operation':36} {'seconds':>9} {'peak MB':>8} {'exit':>4}  {'x anchor':>9}  anchor")
    for name, secs, mb, code, anchor in rows:
        base: float = 0.0
        if isinstance(anchor, tuple):  # an anchor timed beside the row: (what, seconds)
            label, base = f"{anchor[0]} ({anchor[1]:.3f})", anchor[1]
        else:
            label, base = anchor, by_name.get(anchor, 0.0)
        ratio = f"{secs / base:9.2f}" if base else " " * 9
        shown = "timeout" if secs == float("inf") else f"{secs:9.3f}"
        print(f"{name:36} {shown:>9} {mb:8.0f} {code:>4}  {ratio}  {label}")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claims", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--per-file", type=int, default=100, help="claims per document (default 100)")
    ap.add_argument("--skip", default="", help="comma-separated first words of operations to skip, e.g. report,contradictions")
    ap.add_argument("--only", default="", help="comma-separated first words of the only operations to run "
                    "(the anchors always run), e.g. validate")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before an operation is given up (default 600)")
    ap.add_argument("--keep", type=Path, help="write the repositories under this folder and keep them")
    ap.add_argument("--reuse", action="store_true",
                    help="with --keep: use a repository already written there (and its index) instead of writing it again")
    ap.add_argument("--no-bytecode", action="store_true",
                    help="keep PYTHONDONTWRITEBYTECODE as the environment sets it (every import compiles, every run)")
    args = ap.parse_args(argv)
    BYTECODE["on"] = not args.no_bytecode
    if BYTECODE["on"]:
        compile_package()
        print("# bytecode: factcheck compiled once (compileall); PYTHONDONTWRITEBYTECODE unset for every command"
              " and every anchor alike, as an installed package runs")
    else:
        print(f"# bytecode: PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r} as set"
              " (factcheck's imports compile in every run)")
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    for n in args.claims:
        with tempfile.TemporaryDirectory() as tmp:
            root = (args.keep / f"repo-{n}") if args.keep else Path(tmp)
            if args.reuse and args.keep and (root / "claims").is_dir():
                ids = claim_ids(n, args.per_file)  # as write_repository names them
                print(f"# reusing {n} claims at {root}", file=sys.stderr)
            else:
                shutil.rmtree(root, ignore_errors=True)
                t0 = time.perf_counter()
                ids = write_repository(root, n, args.per_file)
                print(f"# generated {n} claims in {time.perf_counter() - t0:.1f} s at {root}", file=sys.stderr)
            only = {s.strip() for s in args.only.split(",") if s.strip()} or None
            rows = measure(root, ids, skip=skip, timeout=args.timeout, only=only)
            print_table(n, len(list(root.glob("claims/*.yaml"))) * 2, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
