"""Writers under stress: concurrent commands and kill -9 at random points.

Run:  python benchmarks/stress_writers.py [--trials 100] [--kills 300] [--seed 1]

1. Concurrency (``--trials``): on a fresh copy of tests/data/repo-small with
   its unreviewed relations removed and one claim deleted, start
   ``factcheck contradictions --write`` twice and ``factcheck extract`` (a
   re-extraction, which adds the deleted claim back) at once.  A lost update
   is a trial where the re-added claim or a recorded candidate is missing at
   the end; a duplicate is the same relation recorded twice.
2. Crashes (``--kills``): start a writing command (first extraction,
   re-extraction, contradictions --write) and kill -9 it after a random
   delay.  Then every claim and reference file must load, ``validate`` must
   accept the repository or name the interrupted write, and after the next
   writing command no temporary file or journal is left and ``validate``
   accepts it.

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
    env = {**os.environ, "NO_COLOR": "1"}
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


def concurrency_trial(seed: int) -> tuple[bool, bool]:
    """(lost update, duplicated relation) for one trial."""
    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        root, dropped = prepare(Path(tmp))
        expected = candidates(root)
        commands = [("contradictions", "--write"), ("contradictions", "--write"), ("extract", "sources/ja-noto.txt", "--id", "ja-noto", "--lang", "ja")]
        rnd.shuffle(commands)
        procs = []
        for c in commands:
            procs.append(factcheck(*c, cwd=root))
            time.sleep(rnd.random() * 0.05)
        for p in procs:
            p.communicate()
        rels = relations(root)
        texts = {c.text for path in (root / "claims").glob("*.yaml") for c in store.read_claim_file(path).claims}
        recorded = {(a, t) for a, kind, t in rels if kind == "contradicts"}
        lost = dropped not in texts or not expected <= recorded or any(p.returncode != 0 for p in procs)
        duplicated = len(rels) != len(set(rels))
        return lost, duplicated


WRITERS = [
    ("extract", "sources/ja-noto.txt", "--id", "ja-noto", "--lang", "ja"),  # re-extraction
    ("extract", "../new.txt", "--id", "new-doc", "--lang", "en"),  # first extraction
    ("contradictions", "--write"),
]


def kill_trial(seed: int) -> list[str]:
    """What is wrong after one kill -9 (empty: nothing)."""
    rnd = random.Random(seed)
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        root, _ = prepare(Path(tmp))
        (Path(tmp) / "new.txt").write_text(NEW_TEXT, encoding="utf-8")
        command = rnd.choice(WRITERS)
        p = factcheck(*command, cwd=root)
        time.sleep(rnd.random() * 1.2)  # a command takes about 0.5-1 s here
        p.send_signal(signal.SIGKILL)
        p.communicate()
        for path in [*(root / "claims").glob("*.yaml"), *(root / "references").glob("*.yaml")]:
            try:
                (store.read_claim_file if path.parent.name == "claims" else store.read_reference_file)(path)
            except Exception as exc:
                problems.append(f"{path.name} does not load: {exc}")
        code, out = validate(root)
        if code != 0 and "was interrupted" not in out:
            problems.append(f"validate after the kill: {code} {out[:300]}")
        again = factcheck(*command, cwd=root)
        again.communicate()
        if again.returncode != 0:
            problems.append(f"rerun failed: {again.returncode}")
        code, out = validate(root)
        if code != 0:
            problems.append(f"validate after the rerun: {code} {out[:300]}")
        if leftovers(root):
            problems.append(f"left behind: {leftovers(root)}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--kills", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    lost = duplicated = 0
    t0 = time.perf_counter()
    for i in range(args.trials):
        lo, du = concurrency_trial(args.seed * 100_000 + i)
        lost += lo
        duplicated += du
    print(f"concurrent writers: {args.trials} trials, {lost} lost updates, {duplicated} duplicated relations ({time.perf_counter() - t0:.0f} s)")
    broken = 0
    t0 = time.perf_counter()
    for i in range(args.kills):
        problems = kill_trial(args.seed * 100_000 + i)
        if problems:
            broken += 1
            print(f"  kill {i}: {problems}")
    print(f"kill -9 at random points: {args.kills} kills, {broken} left a problem ({time.perf_counter() - t0:.0f} s)")
    return 1 if lost or duplicated or broken else 0


if __name__ == "__main__":
    sys.exit(main())
