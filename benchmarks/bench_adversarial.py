"""Extraction time on adversarial text vs ordinary text of the same size.

Run:  python benchmarks/bench_adversarial.py [--size 1000000] [--case NAME ...]

Each case repeats a short unit up to ``--size`` characters: long runs of
spaces, digits, brackets, dates and numbers packed end to end, the inputs
that once made a regular expression backtrack (40 KB of spaces took 54 s).
The baseline is the project's own sources repeated to the same size.
Extraction must stay linear: every case should be within a small factor of
the baseline, and 1 MB of any of them under 10 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from factcheck.extract import extract_text

ROOT = Path(__file__).resolve().parents[1]

UNITS: dict[str, str] = {
    "spaces": " ",
    "spaces-in-a-line": "a" + " " * 5000 + "b.\n",
    "newlines": "\n",
    "tabs-and-spaces": " \t",
    "digits": "1",
    "full-width-digits": "１",
    "grouped-digits": "1,",
    "dotted-digits": "1.",
    "open-brackets": "[",
    "bracket-digits": "[1",
    "open-parens": "(",
    "quotes": "「",
    "dots": ".",
    "initials": "A. ",
    "english-dates": " Jan. 5",
    "japanese-years": "2024年",
    "counts": "約1,500人",
    "words": "the ",
    "caret-entries": "^ a b c ",
    "url": "http://a",
}


def run(text: str) -> float:
    t0 = time.perf_counter()
    extract_text(text, doc_id="d", source="sources/d.txt", kind="other", lang="auto", title=None, url=None, retrieved=None)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=1_000_000, help="characters per input")
    ap.add_argument("--case", action="append", choices=sorted(UNITS), help="only these cases (repeatable)")
    args = ap.parse_args()
    ordinary = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources").glob("*.txt")))
    base = run((ordinary * (args.size // len(ordinary) + 1))[: args.size])
    print(f"{'input (' + str(args.size) + ' characters)':36} {'seconds':>9} {'x baseline':>11}")
    print(f"{'ordinary text (baseline)':36} {base:9.2f} {1.0:11.2f}")
    worst = 0.0
    for name in args.case or UNITS:
        unit = UNITS[name]
        secs = run((unit * (args.size // len(unit) + 1))[: args.size])
        worst = max(worst, secs)
        print(f"{name:36} {secs:9.2f} {secs / base:11.2f}", flush=True)
    print(f"slowest adversarial input: {worst:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
