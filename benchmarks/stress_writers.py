"""Writers under stress: concurrent commands and kill -9 at random points.

Run:  python benchmarks/stress_writers.py [--trials 100] [--kills 300] [--seed 1]

1. Concurrency (``--trials``): on a fresh copy of tests/data/repo-small with
   its unreviewed relations removed and one claim deleted, start writers at
   once, rotating four mixes:

   - two ``contradictions --write`` and a re-extraction (which adds the
     deleted claim back);
   - ``contradictions --write`` against a re-extraction;
   - two ``contradictions --write``;
   - ``review --reject``, two ``relate`` and ``contradictions --write``
     (one ``relate`` names the pair the detector proposes, the other way round;
     the review and the first ``relate`` edit the same file).

   A lost update is a trial where a command failed or an expected change is
   missing at the end (the re-added claim, a recorded candidate, the verdict,
   the relation); a duplicate is a pair of claims joined by two relations.
2. Crashes (``--kills``): start one writing command (first extraction,
   re-extraction, extract --update, contradictions --write, review, relate,
   validate --fix, validate --write-baseline, init) and kill -9 it after a
   random delay.  Then every claim and reference file must load, ``validate``
   must report nothing the repository did not have before the command (or
   name the interrupted write), and after the same command again no temporary
   file or journal is left and ``validate`` accepts the repository.

Prints the counts; a sound writer has 0 lost, 0 duplicated, 0 broken.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from factcheck import store

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "repo-small"
DROPPED = "ja-noto-8"  # deleted before a trial; the re-extraction adds it back (as a new id)
# A first extraction that validates clean (no [n] markers without a reference list).
NEW_TEXT = "Flood report\n\nThe river rose by two metres on 3 March 2023. About 1,200 people left their homes.\nThe bridge reopened in May 2023.\n"


def factcheck(*args: str, cwd: Path) -> subprocess.Popen[str]:
    # Writers queue on the lock; on a loaded machine three of them can take
    # longer than the default 10 s wait, and a writer that gives up (exit 2,
    # "another factcheck command is writing") is not what this measures.
    env = {"FACTCHECK_LOCK_WAIT": "120", **os.environ, "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "factcheck", *args], cwd=cwd, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def prepare(folder: Path) -> tuple[Path, str]:
    """A fresh repository, and the text of the claim deleted from it."""
    root = folder / "repo"
    shutil.copytree(SMALL, root)
    dropped = ""
    for path in (root / "claims").glob("*.yaml"):
        cf = store.read_claim_file(path)
        dropped = next((c.text for c in cf.claims if c.id == DROPPED), dropped)
        claims = tuple(
            dataclasses.replace(c, relations=tuple(r for r in c.relations if r.review != "unreviewed"))
            for c in cf.claims
            if c.id != DROPPED
        )
        store.write_claim_file(path, store.ClaimFile(cf.document, claims))
    return root, dropped


def relations(root: Path) -> list[tuple[str, str, str]]:
    out = []
    for path in (root / "claims").glob("*.yaml"):
        for c in store.read_claim_file(path).claims:
            out += [(c.id, r.type, r.target) for r in c.relations]
    return out


def candidates(root: Path) -> set[tuple[str, str]]:
    p = factcheck("contradictions", "--format", "json", cwd=root)
    out, _ = p.communicate()
    return {(c["a"], c["b"]) for c in json.loads(out)}


def validate(root: Path) -> tuple[int, str]:
    p = factcheck("validate", "--format", "json", cwd=root)
    out, err = p.communicate()
    return p.returncode, out + err


def leftovers(root: Path) -> list[str]:
    found = [p.name for d in ("claims", "references", "sources") if (root / d).is_dir() for p in (root / d).iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]
    if (root / ".factcheck.journal").exists():
        found.append(".factcheck.journal")
    return found


REEXTRACT = ("extract", "sources/ja-noto.txt", "--id", "ja-noto", "--lang", "ja")
MIXES = {
    "contradictions x2 + extract": [("contradictions", "--write"), ("contradictions", "--write"), REEXTRACT],
    "contradictions + extract": [("contradictions", "--write"), REEXTRACT],
    "contradictions x2": [("contradictions", "--write"), ("contradictions", "--write")],
    "review + relate x2 + contradictions": [
        ("review", "ja-noto-2", "en-noto-2", "--reject", "--note", "stress"),
        ("relate", "ja-noto-1", "en-noto-1", "--supports"),
        ("relate", "ja-news-1", "en-noto-2", "--contradicts"),
        ("contradictions", "--write"),
    ],
}


def pairs_joined_twice(rels: list[tuple[str, str, str]]) -> list[frozenset[str]]:
    seen: dict[frozenset[str], int] = {}
    for a, _, t in rels:
        seen[frozenset((a, t))] = seen.get(frozenset((a, t)), 0) + 1
    return [p for p, n in seen.items() if n > 1]


def claims_of(root: Path) -> list[store.Claim]:
    return [c for path in sorted((root / "claims").glob("*.yaml")) for c in store.read_claim_file(path).claims]


def concurrency_trial(seed: int, mix: str) -> tuple[list[str], bool]:
    """(what was lost, duplicated relation) for one trial."""
    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        root, dropped = prepare(Path(tmp))
        expected = candidates(root)
        commands = list(MIXES[mix])
        rnd.shuffle(commands)
        procs = []
        for c in commands:
            procs.append(factcheck(*c, cwd=root))
            time.sleep(rnd.random() * 0.05)
        errors = [p.communicate()[1] for p in procs]
        lost = [f"{' '.join(c[:2])} exit {p.returncode}: {e.strip()[-200:]}" for c, p, e in zip(commands, procs, errors, strict=True) if p.returncode != 0]
        claims = claims_of(root)
        rels = [(c.id, r.type, r.target) for c in claims for r in c.relations]
        joined = {frozenset((a, t)) for a, _, t in rels}
        if REEXTRACT in commands and dropped not in {c.text for c in claims}:
            lost.append("the re-extracted claim")
        if ("contradictions", "--write") in commands and not {frozenset(p) for p in expected} <= joined:
            lost.append("a recorded candidate")
        by_holder = {(c.id, r.target): r for c in claims for r in c.relations}
        if mix.startswith("review"):
            if getattr(by_holder.get(("ja-noto-2", "en-noto-2")), "review", None) != "rejected":
                lost.append("the review verdict")
            if getattr(by_holder.get(("ja-noto-1", "en-noto-1")), "type", None) != "supports":
                lost.append("the supports relation")
            if frozenset(("ja-news-1", "en-noto-2")) not in joined:
                lost.append("the contradicts relation")
        return lost, bool(pairs_joined_twice(rels))


@dataclasses.dataclass(frozen=True)
class Writer:
    """A writing command to kill: its arguments, where it runs (the
    repository, or beside it for init), and a change made before it."""

    args: tuple[str, ...]
    setup: str = ""  # "revise": a line inserted at the top of sources/ja-noto.txt
    where: str = "repo"  # "repo", or "fresh": a new folder beside it (init)


WRITERS = {
    "re-extraction": Writer(REEXTRACT),
    "first extraction": Writer(("extract", "../new.txt", "--id", "new-doc", "--lang", "en")),
    "extract --update": Writer(("extract", "../revised.txt", "--id", "ja-noto", "--lang", "ja", "--update")),
    "contradictions --write": Writer(("contradictions", "--write")),
    "review --reject": Writer(("review", "ja-noto-2", "en-noto-2", "--reject", "--note", "stress")),
    "relate": Writer(("relate", "ja-noto-1", "en-noto-1", "--supports")),
    "validate --fix": Writer(("validate", "--fix"), setup="revise"),
    "validate --write-baseline": Writer(("validate", "--write-baseline")),
    "init": Writer(("init", "."), where="fresh"),
}
REVISED_LINE = "改訂: 冒頭に一文を加えた。\n"


def setup(folder: Path, writer: Writer) -> Path:
    """A fresh repository for ``writer``; the folder it runs in."""
    root, _ = prepare(folder)
    (folder / "new.txt").write_text(NEW_TEXT, encoding="utf-8")
    source = (root / "sources" / "ja-noto.txt").read_text(encoding="utf-8")
    (folder / "revised.txt").write_text(REVISED_LINE + source, encoding="utf-8")
    if writer.setup == "revise":
        (root / "sources" / "ja-noto.txt").write_text(REVISED_LINE + source, encoding="utf-8")
    if writer.where == "fresh":
        fresh = folder / "fresh"
        fresh.mkdir()
        return fresh
    return root


def rules_reported(root: Path) -> tuple[int, set[str], str]:
    code, out = validate(root)
    try:
        rules = {f["rule"] for f in json.loads(out[: out.rindex("]") + 1])}
    except ValueError:
        rules = {"(no json)"}
    return code, rules, out


def rules_before(writer: Writer) -> set[str]:
    """What validate reports before the command runs: a kill may leave that."""
    with tempfile.TemporaryDirectory() as tmp:
        where = setup(Path(tmp), writer)
        if writer.where == "fresh":
            return set()
        return rules_reported(where)[1]


def kill_trial(seed: int, name: str, before: set[str]) -> list[str]:
    """What is wrong after one kill -9 of ``name`` (empty: nothing)."""
    rnd = random.Random(seed)
    writer = WRITERS[name]
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        where = setup(Path(tmp), writer)
        p = factcheck(*writer.args, cwd=where)
        time.sleep(rnd.random() * 1.2)  # a command takes about 0.5-1.5 s here
        p.send_signal(signal.SIGKILL)
        p.communicate()
        for path in [*where.glob("claims/*.yaml"), *where.glob("references/*.yaml")]:
            try:
                (store.read_claim_file if path.parent.name == "claims" else store.read_reference_file)(path)
            except Exception as exc:
                problems.append(f"{path.name} does not load: {exc}")
        if (where / "claims").is_dir():  # init killed before it made claims/: nothing to validate yet
            code, rules, out = rules_reported(where)
            if code != 0 and not rules <= before and "was interrupted" not in out:
                problems.append(f"validate after the kill: {code} {sorted(rules - before)} {out[:300]}")
        again = factcheck(*writer.args, cwd=where)
        _, err = again.communicate()
        if again.returncode not in (0, 1):
            problems.append(f"rerun failed: {again.returncode} {err[:200]}")
        code, rules, out = rules_reported(where)
        if code != 0:
            problems.append(f"validate after the rerun: {code} {out[:300]}")
        if leftovers(where):
            problems.append(f"left behind: {leftovers(where)}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--kills", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    lost = duplicated = 0
    t0 = time.perf_counter()
    mixes = list(MIXES)
    for i in range(args.trials):
        mix = mixes[i % len(mixes)]
        missing, dup = concurrency_trial(args.seed * 100_000 + i, mix)
        lost += bool(missing)
        duplicated += dup
        if missing or dup:
            print(f"  trial {i} ({mix}): lost {missing}, duplicated {dup}", flush=True)
    print(f"concurrent writers: {args.trials} trials ({', '.join(mixes)}), {lost} lost updates, "
          f"{duplicated} duplicated relations ({time.perf_counter() - t0:.0f} s)", flush=True)
    broken = 0
    t0 = time.perf_counter()
    names = list(WRITERS)
    before = {name: rules_before(w) for name, w in WRITERS.items()} if args.kills else {}
    for i in range(args.kills):
        name = names[i % len(names)]
        problems = kill_trial(args.seed * 100_000 + i, name, before[name])
        if problems:
            broken += 1
            print(f"  kill {i} ({name}): {problems}", flush=True)
    per = ", ".join(f"{n} {len(range(i, args.kills, len(names)))}" for i, n in enumerate(names))
    print(f"kill -9 at random points: {args.kills} kills ({per}), {broken} left a problem ({time.perf_counter() - t0:.0f} s)")
    return 1 if lost or duplicated or broken else 0


if __name__ == "__main__":
    sys.exit(main())
