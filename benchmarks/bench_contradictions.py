"""Contradiction scan time at 10k and 100k claims, against a plain pass measured in the same run.

Run:  python benchmarks/bench_contradictions.py [--claims 10000 100000]

Each size gets a synthetic repository of claims (Japanese and English, 100 a
document, on as many different subjects as claims/4, with dates, figures,
names and a few planted conflicts across documents).  Printed per size:

  baseline     a plain pass: NFKC-fold every claim text (what any tool pays)
  analyse      the detector's analysis of every claim (morphology, keys, values)
  candidates   the whole scan: analysis, blocking, comparison

with their ratio to the baseline, the number of pairs the blocking let
through and the candidates found; then the growth t(100k)/t(10k) of the scan
(the issue asks for at most ~12x, i.e. near-linear).  Each size runs in a
fresh process so caches do not carry over.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
_LATIN = ["ka", "ri", "mo", "ta", "ne", "so", "lu", "vi", "da", "pe", "zo", "ha", "ni", "be", "go", "mi"]
_JA = [
    "{s}橋は{y}年{m}月に開通した。",
    "{s}社の{y}年度の売上高は{n}億円だった。",
    "{s}湖の面積は約{n}平方キロメートルである。",
    "{s}美術館は{y}年に開館し、年間{n}万人が訪れる。",
    "{s}市の人口は{y}年時点で{n}万人だった。",
    "{s}選手は{y}年の大会で優勝した。",
]
_EN = [
    "The {s} Bridge opened in {mon} {y}.",
    "{s} Corp reported revenue of ${n} million for {y}.",
    "Lake {s} covers about {n} square kilometres.",
    "The {s} Museum opened in {y} and draws {n},000 visitors a year.",
    "{s} had a population of {n},000 in {y}.",
    "{s} won the national title in {y}.",
]
_MONTHS = ["January", "March", "May", "July", "September", "November"]


def _name(rng: random.Random, latin: bool) -> str:
    # Four syllables (16^4 = 65,536 names): with three, 25,000 subjects at 100k claims would
    # share each Latin name six times over, and the scan would rightly compare them all.
    if latin:
        return "".join(rng.choice(_LATIN) for _ in range(4)).capitalize()
    return "".join(rng.choice(_KANA) for _ in range(5))


def make_claims(n: int, seed: int = 7) -> list:
    from factcheck.model import Claim, Span

    rng = random.Random(seed)
    subjects = [(_name(rng, False), _name(rng, True)) for _ in range(max(1, n // 4))]
    claims = []
    for i in range(n):
        ja_name, en_name = rng.choice(subjects)
        k = rng.randrange(len(_JA))
        y, mon, num = rng.randint(1950, 2024), rng.randint(1, 12), rng.randint(2, 900)
        if rng.random() < 0.5:
            text = _JA[k].format(s=ja_name, y=y, m=mon, n=num)
        else:
            text = _EN[k].format(s=en_name, y=y, mon=_MONTHS[mon % 6], n=num)
        claims.append(Claim(id=f"c{i}", text=text, location=Span(1, 1, 1, 2), document=f"doc-{i // 100}"))
    return claims


def run_size(n: int) -> dict:
    from factcheck.contradict import analyse, candidates
    from factcheck.contradict.blocking import block

    claims = make_claims(n)
    t0 = time.perf_counter()
    for c in claims:
        unicodedata.normalize("NFKC", c.text).casefold()
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    read = [analyse(c.text) for c in claims]
    t_analyse = time.perf_counter() - t0
    pairs = sum(1 for _ in block(read, [c.document for c in claims]))
    analyse.cache_clear()
    t0 = time.perf_counter()
    found = candidates(claims)
    t_scan = time.perf_counter() - t0
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"claims": n, "baseline": base, "analyse": t_analyse, "candidates": t_scan, "pairs": pairs,
            "found": len(found), "peak_mb": peak}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_size(args.one)))
        return 0
    results = []
    for n in args.claims:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{'claims':>8} {'what':12} {'seconds':>9} {'x baseline':>11} {'pairs compared':>15} {'found':>6} {'peak MB':>8}")
    for r in results:
        for what in ("baseline", "analyse", "candidates"):
            extra = f"{r['pairs']:>15} {r['found']:>6} {r['peak_mb']:>8.0f}" if what == "candidates" else ""
            print(f"{r['claims']:>8} {what:12} {r[what]:9.2f} {r[what] / r['baseline']:11.0f} {extra}")
    if len(results) >= 2:
        first, last = results[0], results[-1]
        print(f"growth of the scan, {last['claims']} / {first['claims']} claims: "
              f"{last['candidates'] / first['candidates']:.1f}x for {last['claims'] / first['claims']:.0f}x the claims")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
