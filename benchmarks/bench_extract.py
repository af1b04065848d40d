"""Extraction throughput against a naive splitter measured in the same run.

Run:  python benchmarks/bench_extract.py [--copies 40] [--repeat 3]

The input is the repository's own sources (the seed article and blog),
concatenated ``--copies`` times.  Printed side by side:

  baseline   split on 。！？ and strip [n] markers with one regex (what a
             quick script does, and gets wrong: markers land on the next
             sentence, quotes are split)
  segment    factcheck's segmenter alone (sentences, markers, sections)
  extract    the whole pipeline: segment, reference list, coverage, dates,
             quantities

with their ratio to the baseline.  Shared, noisy machines: compare ratios.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from _timing import print_rows, timed

from factcheck.extract import extract_text
from factcheck.extract.segment import segment

ROOT = Path(__file__).resolve().parents[1]
_NAIVE_SENT = re.compile(r"(?<=[。！？])")
_NAIVE_MARK = re.compile(r"\[[^\]]{1,20}\]")


def naive(text: str) -> list[str]:
    return [_NAIVE_MARK.sub("", s).strip() for s in _NAIVE_SENT.split(text) if s.strip()]




def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    sources = sorted((ROOT / "sources").glob("*.txt"))
    # Prose only: the article's reference list would otherwise swallow every later copy.
    prose = []
    for p in sources:
        text = p.read_text(encoding="utf-8")
        cut = text.find("\n参照\n")
        prose.append(text[:cut] if cut > 0 else text)
    text = "\n\n".join(prose * args.copies)
    chars = len(text)
    rows = [
        ("baseline (regex split)", timed(lambda: naive(text), args.repeat)),
        ("segment", timed(lambda: segment(text, "ja"), args.repeat)),
        ("extract (whole pipeline)", timed(lambda: extract_text(text, doc_id="b", source="s", lang="ja"), args.repeat)),
    ]
    claims = len(extract_text(text, doc_id="b", source="s", lang="ja").claims)
    print(f"{chars:,} characters, {claims:,} claims, median of {args.repeat} runs")
    print_rows(rows, amount=chars, per="chars/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
