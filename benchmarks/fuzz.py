"""Mutation fuzzer: the repository's own files, mutated, through every stage.

Run:  python benchmarks/fuzz.py --inputs 100000 [--texts 10000] [--seed 1] [--out fuzz-findings]

YAML inputs start from slices of the claim and reference files of this
repository (claims/, references/ and the test repositories: a document
header and a few entries, so each input is small) and are mutated: byte
flips, line edits, indentation, key renames, type swaps, Unicode junk
(controls, bidi overrides, U+0085, escapes beyond U+10FFFF, NUL),
truncation, deep nesting, long values.  Each goes through:

* load (strict YAML, schema), every validation rule (``validate``);
* when the files load cleanly: statuses, list formats, search, show,
  stats, the report in every format, every export, the terminal tables;
* the writer: every file that loads is written back and read again, and
  any value that changes is counted (it must be 0).

Text inputs start from the sources (sources/ and the test repositories) and
are mutated the same way plus marker soup (``[要[3]]``, ``[1][1]``...);
each is extracted, and the extraction written and read back, then written
into a repository of its own with the source and validated: an error
finding there (extract writing what its own rules reject) is counted by rule.

Anything raised that is not a project error (``FactcheckError``) is a crash:
crashes are bucketed by exception type and the innermost factcheck frame,
and the first input of each bucket is minimized (lines, then characters)
and kept in ``--out``.  Exit status 1 when there is a crash or a changed
value.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck import export as exporting  # noqa: E402
from factcheck import query as q  # noqa: E402
from factcheck import search as searching  # noqa: E402
from factcheck import status as st  # noqa: E402
from factcheck import store  # noqa: E402
from factcheck.checks.runner import validate  # noqa: E402
from factcheck.errors import FactcheckError  # noqa: E402
from factcheck.extract import extract_text  # noqa: E402
from factcheck.model import ClaimFile, ReferenceFile  # noqa: E402
from factcheck.report import claims as claims_report  # noqa: E402
from factcheck.report import detail, disputes, exports, hits, listing, stats  # noqa: E402
from factcheck.schema import schema_for  # noqa: E402
from factcheck.yamlio import dump, load_located, read_text  # noqa: E402

REPOS = [ROOT, ROOT / "tests" / "data" / "repo-small", ROOT / "tests" / "data" / "valid"]

JUNK = [
    "\0", "\x1b[2J", "\x07", "\x85", "\u2028", "\u2029", "\u202e", "\u2066", "\ufeff", "\ufffe", "\U0010ffff", "\ud7ff",
    "\t", "\r", "\r\n", "\\0", "\\U00110000", "\\ud800", "\\x85", "\\e", '"', "'", "#", ": ", "- ", "&a ", "*a", "!!python/object:os.system ",
    "? ", "|", ">", "{", "}", "[", "]", ",", "%YAML 1.1\n", "---\n", "...\n", "<<: ", "~", "null", "yes", "no", "0x1F", "1e999",
    "9" * 5000, "é", "要出典", "[要出典]", "[要[3]]", "[1]", "</script>", "javascript:alert(1)", "=HYPERLINK(1)", "../../etc/passwd", "/etc/passwd",
]
VALUES = [
    "[a, b]", "{x: 1}", "null", "123", "true", "''", '"\\0"', '"\\U00110000"', "x" * 3000, "[" * 80 + "]" * 80, "-1", "1.5e300", ".nan",
    "sources/" + "a" * 300 + ".txt", '"sources/x\\0.txt"', '"a\\x85b"', '"x\\u2028y"', '"\\ttab\\r"', "'1e5'", '" lead"', '"trail "', "/etc/passwd", "../outside.txt", "2024-13-45", "[[x]]", "{a: {b: {c: [1]}}}",
]
KEYS = ["id", "text", "location", "cites", "covered_by", "relations", "type", "target", "review", "document", "source", "claims",
        "references", "custom", "see", "URL", "issued", "author", "family", "line", "column", "end_line", "end_column", "kind", "bogus", "1", "yes"]
MARKERS = ["[1]", "[12]", "[要出典]", "[要[3]]", "[[1]]", "[疑わしい–議論する]", "[citation needed]", "[a]", "^ a b", "[1][1][1]", "[", "]", "「", "」", "(", ")"]


# --- seeds -------------------------------------------------------------------------------------


def yaml_seeds() -> list[tuple[str, str, Path]]:
    """(kind, text, repository) slices: a header and one to four entries."""
    out = []
    for repo in REPOS:
        for kind in ("claims", "references"):
            for path in sorted((repo / kind).glob("*.yaml")):
                lines = path.read_text(encoding="utf-8").split("\n")
                starts = [i for i, line in enumerate(lines) if line.startswith("  - ")]
                if not starts:
                    out.append((kind, "\n".join(lines), repo))
                    continue
                head = lines[: starts[0]]
                for n in range(0, len(starts), 3):
                    end = starts[n + 3] if n + 3 < len(starts) else len(lines)
                    out.append((kind, "\n".join(head + lines[starts[n] : end]), repo))
    return out


def text_seeds() -> list[str]:
    out = []
    for repo in REPOS:
        for path in sorted((repo / "sources").glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            paragraphs = text.split("\n\n")
            for n in range(0, len(paragraphs), 4):
                out.append("\n\n".join(paragraphs[n : n + 4]))
    return out


# --- mutators ----------------------------------------------------------------------------------


def _flip(rnd: random.Random, s: str) -> str:
    b = bytearray(s.encode("utf-8"))
    for _ in range(rnd.randint(1, 4)):
        if b:
            b[rnd.randrange(len(b))] ^= 1 << rnd.randrange(8)
    return b.decode("utf-8", "replace") if rnd.random() < 0.5 else b.decode("latin-1")


def _lines(rnd: random.Random, s: str) -> str:
    lines = s.split("\n")
    i = rnd.randrange(len(lines))
    op = rnd.randrange(4)
    if op == 0:
        del lines[i]
    elif op == 1:
        lines.insert(i, lines[rnd.randrange(len(lines))])
    elif op == 2:
        j = rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i] = lines[i][: rnd.randrange(len(lines[i]) + 1)]
    return "\n".join(lines)


def _indent(rnd: random.Random, s: str) -> str:
    lines = s.split("\n")
    i = rnd.randrange(len(lines))
    lines[i] = (" " * rnd.choice([1, 2, 4]) + lines[i]) if rnd.random() < 0.5 else lines[i].lstrip(" ")
    return "\n".join(lines)


def _key(rnd: random.Random, s: str) -> str:
    import re

    keys = list(re.finditer(r"([A-Za-z_-]+):", s))
    if not keys:
        return s
    m = rnd.choice(keys)
    return s[: m.start(1)] + rnd.choice(KEYS) + s[m.end(1) :]


def _value(rnd: random.Random, s: str) -> str:
    import re

    values = list(re.finditer(r": (.+)$", s, re.M))
    if not values:
        return s
    m = rnd.choice(values)
    return s[: m.start(1)] + rnd.choice(VALUES) + s[m.end(1) :]


def _junk(rnd: random.Random, s: str) -> str:
    for _ in range(rnd.randint(1, 3)):
        i = rnd.randrange(len(s) + 1)
        s = s[:i] + rnd.choice(JUNK) + s[i:]
    return s


def _truncate(rnd: random.Random, s: str) -> str:
    return s[: rnd.randrange(len(s) + 1)]


def _markers(rnd: random.Random, s: str) -> str:
    for _ in range(rnd.randint(1, 6)):
        i = rnd.randrange(len(s) + 1)
        s = s[:i] + rnd.choice(MARKERS) + s[i:]
    return s


YAML_MUTATORS: list[Callable[[random.Random, str], str]] = [_flip, _lines, _indent, _key, _value, _value, _junk, _truncate]
TEXT_MUTATORS: list[Callable[[random.Random, str], str]] = [_flip, _lines, _junk, _truncate, _markers, _markers]


def mutate(rnd: random.Random, s: str, mutators: list[Callable[[random.Random, str], str]]) -> str:
    for _ in range(rnd.choice([1, 1, 2, 3])):
        s = rnd.choice(mutators)(rnd, s) if s else s
    return s


# --- running one input -------------------------------------------------------------------------


@dataclass
class Tally:
    inputs: int = 0
    loaded: int = 0
    read_through: int = 0
    written_back: int = 0
    changed: list[str] = field(default_factory=list)
    crashes: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # bucket -> (kind, input, traceback)
    counts: dict[str, int] = field(default_factory=dict)
    extracted: int = 0  # texts whose extraction was validated
    rejected: dict[str, int] = field(default_factory=dict)  # rule -> extractions it refused
    rejected_example: dict[str, str] = field(default_factory=dict)


def bucket(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/factcheck/" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__} at {where}"


def same(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


def write_back(located_data: Any, kind: str, tmp: Path) -> bool:
    """Whether the values survive a write and a read."""
    path = tmp / f"roundtrip-{kind}.yaml"
    path.write_text(dump(located_data), encoding="utf-8")
    again = load_located(path, schema_for(kind)).data  # type: ignore[arg-type]
    return same(again, located_data)


def readers(repo: store.Repository) -> None:
    """Every reader and renderer over a loaded repository (each format of
    each result's ``FORMATS`` registry)."""
    corpus = repo.load()
    try:
        corpus.raise_if_broken()
    except FactcheckError:
        return
    views = st.derive(corpus)
    sink = io.StringIO()
    for render_list in listing.FORMATS.values():
        render_list(list(views.values()), sink)
    for claim in list(views)[:2]:
        found = q.detail(corpus, claim, views)
        for render_detail in detail.FORMATS.values():
            render_detail(found, sink)
    counted = st.stats(corpus, views)
    for render_stats in stats.FORMATS.values():
        render_stats(counted, sink)
    for query in ["北朝鮮", "the", next(iter(views), "x")[:8]]:
        result = searching.find(corpus, query, claims=views.values(), scope="all")
        for render_hits in hits.FORMATS.values():
            render_hits(result, sink)
    report = claims_report.build_report(corpus, views=views, title="fuzz")
    for render_report in disputes.FORMATS.values():
        render_report(report, sink)
    prepared = exporting.prepare(corpus, url_base="https://example.org/r")
    for render_export in exports.FORMATS.values():
        render_export(prepared, sink)


def run_yaml(kind: str, text: str, seed_repo: Path, work: Path, tally: Tally) -> None:
    """One YAML input through load, the rules, the readers and the writer."""
    repo_dir = work / "repo"
    target = repo_dir / kind / ("d.yaml")
    target.write_bytes(text.encode("utf-8", "surrogatepass"))
    repo = store.Repository(repo_dir)
    validate(repo)
    loaded = store.load_file(target, kind)  # type: ignore[arg-type]
    if loaded.located is not None and not loaded.error:
        tally.loaded += 1
        if not write_back(loaded.located.data, kind, work):
            tally.changed.append(text)
        tally.written_back += 1
    if loaded.ok:
        readers(repo)
        tally.read_through += 1
        if loaded.claims_file is not None:
            store.read_claim_file(target)
            rendered = store.render_claim_file(loaded.claims_file)
        else:
            rendered = store.render_reference_file(loaded.references_file or ReferenceFile("d", ()))
        (work / "written.yaml").write_text(rendered, encoding="utf-8")
        again = store.load_file(work / "written.yaml", kind)  # type: ignore[arg-type]
        if not again.ok:
            tally.changed.append(text)


def run_text(text: str, work: Path, tally: Tally) -> None:
    ex = extract_text(text, doc_id="fuzz", source="sources/fuzz.txt", kind="other", lang="auto", title=None, url=None, retrieved=None)
    for kind, rendered in (
        ("claims", store.render_claim_file(ClaimFile(ex.document, ex.claims))),
        ("references", store.render_reference_file(ReferenceFile(ex.document.id, ex.references))),
    ):
        path = work / f"extracted-{kind}.yaml"
        path.write_text(rendered, encoding="utf-8")
        loaded = store.load_file(path, kind)  # type: ignore[arg-type]
        if loaded.error is not None or (loaded.located is not None and not write_back(loaded.located.data, kind, work)):
            tally.changed.append(text)
    extract_validates(text, work, tally)


def extract_validates(text: str, work: Path, tally: Tally) -> None:
    """What `factcheck extract` would write for ``text`` must pass `validate`
    (no error finding): the source as the CLI reads it, the claims and
    references as it writes them, in a repository of their own."""
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        return  # lone surrogates: no file holds this text, the CLI never sees it
    repo = work / "extracted"
    if repo.exists():
        shutil.rmtree(repo)
    for sub in ("claims", "references", "sources"):
        (repo / sub).mkdir(parents=True)
    (repo / "sources" / "fuzz.txt").write_bytes(raw)
    try:
        source = read_text(repo / "sources" / "fuzz.txt")
    except FactcheckError:
        return  # refused as a source: nothing is extracted
    ex = extract_text(source, doc_id="fuzz", source="sources/fuzz.txt", kind="other", lang="auto", title=None, url=None, retrieved=None)
    store.write_claim_file(repo / "claims" / "fuzz.yaml", ClaimFile(ex.document, ex.claims))
    store.write_reference_file(repo / "references" / "fuzz.yaml", ReferenceFile(ex.document.id, ex.references))
    tally.extracted += 1
    for rule in sorted({f.rule for f in validate(store.Repository(repo)).findings if f.severity == "error"}):
        tally.rejected[rule] = tally.rejected.get(rule, 0) + 1
        tally.rejected_example.setdefault(rule, text)


def fresh_workspace(seed_repo: Path, work: Path) -> None:
    repo_dir = work / "repo"
    if repo_dir.exists():
        shutil.rmtree(repo_dir)
    for sub in ("claims", "references", "sources"):
        (repo_dir / sub).mkdir(parents=True)
    for src in (seed_repo / "sources").glob("*.txt"):
        shutil.copyfile(src, repo_dir / "sources" / src.name)


def crashes_of(fn: Callable[[], None]) -> BaseException | None:
    try:
        fn()
    except FactcheckError:
        return None
    except RecursionError as exc:
        return exc
    except Exception as exc:
        return exc
    return None


def minimize(text: str, still_crashes: Callable[[str], bool], budget: int = 300) -> str:
    """Drop lines, then characters, while the input still crashes the same way."""
    for unit in ("\n", ""):
        parts = text.split("\n") if unit else list(text)
        chunk = max(1, len(parts) // 2)
        while chunk >= 1 and budget > 0:
            i = 0
            while i < len(parts) and budget > 0:
                trial = parts[:i] + parts[i + chunk :]
                budget -= 1
                if trial and still_crashes(unit.join(trial)):
                    parts = trial
                else:
                    i += chunk
            chunk //= 2
        text = unit.join(parts)
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inputs", type=int, default=2000, help="mutated YAML inputs")
    ap.add_argument("--texts", type=int, default=None, help="mutated source texts (default: inputs / 10)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path("fuzz-findings"), help="where minimized reproducers go")
    args = ap.parse_args(argv)
    texts_wanted = args.inputs // 10 if args.texts is None else args.texts
    yseeds, tseeds = yaml_seeds(), text_seeds()
    tally = Tally()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        current_repo: Path | None = None
        order = sorted(range(args.inputs), key=lambda i: i % len(yseeds))  # one workspace per seed repository at a time
        jobs = [(i, yseeds[i % len(yseeds)]) for i in order]
        for i, (kind, seed_text, seed_repo) in jobs:
            if seed_repo != current_repo:
                fresh_workspace(seed_repo, work)
                current_repo = seed_repo
            text = mutate(random.Random(args.seed * 1_000_003 + i), seed_text, YAML_MUTATORS)
            for k in ("claims", "references"):
                (work / "repo" / k / "d.yaml").unlink(missing_ok=True)
            tally.inputs += 1
            exc = crashes_of(lambda kind=kind, text=text, seed_repo=seed_repo: run_yaml(kind, text, seed_repo, work, tally))
            if exc is not None:
                name = "yaml " + bucket(exc)
                tally.counts[name] = tally.counts.get(name, 0) + 1
                if name not in tally.crashes:
                    tally.crashes[name] = (kind, text, "".join(traceback.format_exception(exc)))
        for i in range(texts_wanted):
            text = mutate(random.Random(args.seed * 2_000_003 + i), tseeds[i % len(tseeds)], TEXT_MUTATORS)
            exc = crashes_of(lambda text=text: run_text(text, work, tally))
            if exc is not None:
                name = "text " + bucket(exc)
                tally.counts[name] = tally.counts.get(name, 0) + 1
                if name not in tally.crashes:
                    tally.crashes[name] = ("text", text, "".join(traceback.format_exception(exc)))
        # Minimized reproducers, one per bucket.
        if tally.crashes:
            args.out.mkdir(parents=True, exist_ok=True)
        for n, (name, (kind, text, trace)) in enumerate(sorted(tally.crashes.items())):
            if kind == "text":
                def still(t: str, name: str = name) -> bool:
                    e = crashes_of(lambda: run_text(t, work, Tally()))
                    return e is not None and "text " + bucket(e) == name
            else:
                def still(t: str, name: str = name, kind: str = kind) -> bool:
                    e = crashes_of(lambda: run_yaml(kind, t, ROOT, work, Tally()))
                    return e is not None and "yaml " + bucket(e) == name
            small = minimize(text, still)
            (args.out / f"crash-{n:02d}.{'txt' if kind == 'text' else 'yaml'}").write_text(small, encoding="utf-8", errors="surrogatepass")
            (args.out / f"crash-{n:02d}.trace").write_text(f"{name}\n(kind: {kind})\n\n{trace}", encoding="utf-8")
    secs = time.perf_counter() - t0
    print(f"seed {args.seed}: {tally.inputs} YAML inputs ({tally.loaded} loaded, {tally.read_through} through every reader), "
          f"{texts_wanted} texts in {secs:.0f} s")
    print(f"non-project exceptions: {sum(tally.counts.values())} in {len(tally.counts)} buckets; values changed by a write: {len(tally.changed)}")
    for name, count in sorted(tally.counts.items(), key=lambda x: -x[1]):
        print(f"  {count:6}  {name}")
    if tally.crashes:
        print(f"minimized reproducers in {args.out}/")
    for text in tally.changed[:3]:
        print("  changed by a write:", json.dumps(text[:200], ensure_ascii=False))
    refused = sum(tally.rejected.values())
    print(f"extractions validated: {tally.extracted}; refused by validate (an error finding): {refused}")
    for rule, count in sorted(tally.rejected.items(), key=lambda x: -x[1]):
        print(f"  {count:6}  {rule}  e.g. {json.dumps(tally.rejected_example[rule][:160], ensure_ascii=False)}")
    return 1 if tally.crashes or tally.changed or refused else 0


if __name__ == "__main__":
    sys.exit(main())
