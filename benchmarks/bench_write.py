"""What keeping comments costs a write: targeted edits vs a fresh rendering.

Run:  python benchmarks/bench_write.py [--claims 2000] [--repeat 3]

One synthetic claims file (Japanese claims, a hand comment above every tenth
claim), then, in the same run, the time to write it back with one relation's
review changed:

  baseline     render the whole model afresh (what writes did before; comments lost)
  kept         read the file, edit only the changed entry, read the result back to
               verify it (what write_claim_file does now)
  unchanged    the same write when nothing changed (the file is left as it is)

and the ratio of each to the baseline.  The machines are shared and noisy:
compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

from _timing import print_rows, timed

from factcheck.model import Claim, ClaimFile, DateMention, Document, Relation, Span
from factcheck.store import read_claim_file, render_claim_file, render_kept

SENTENCE = "{n}年10月、北朝鮮兵士{k},500人がロシア極東で訓練を受けているという報道が出てきた。"


def build(path: Path, claims: int) -> ClaimFile:
    cs = []
    for i in range(claims):
        text = SENTENCE.format(n=2000 + i % 25, k=i % 9 + 1)
        cs.append(Claim(
            id=f"d-{i + 1:04d}", text=text, location=Span(i + 1, 1, i + 1, len(text) + 1), section="歴史",
            cites=(f"d-ref-{i % 20 + 1}",), dates=(DateMention(f"{2000 + i % 25}年10月", f"{2000 + i % 25}-10"),),
            relations=(Relation("contradicts", f"e-{i:04d}", "suspected by factcheck: date"),) if i % 5 == 0 else (),
        ))
    cf = ClaimFile(Document("d", "sources/d.txt", title="t"), tuple(cs))
    text = render_claim_file(cf)
    for i in range(0, claims, 10):
        text = text.replace(f"  - id: d-{i + 1:04d}\n", f"  # TODO check d-{i + 1:04d} with the press office\n  - id: d-{i + 1:04d}\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return read_claim_file(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claims", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims" / "d.yaml"
        cf = build(path, args.claims)
        mid = args.claims // 2 // 5 * 5
        c = cf.claims[mid]
        changed = dataclasses.replace(cf, claims=(*cf.claims[:mid], dataclasses.replace(
            c, relations=(dataclasses.replace(c.relations[0], review="rejected", reviewed="2026-11-29"),)), *cf.claims[mid + 1:]))
        text, kept = render_kept(path, changed, "claims")
        assert kept and text.count("# TODO") == len(range(0, args.claims, 10))
        rows = [
            ("baseline (fresh rendering)", timed(lambda: render_claim_file(changed), args.repeat)),
            ("kept (targeted edit, verified)", timed(lambda: render_kept(path, changed, "claims"), args.repeat)),
            ("unchanged (nothing to edit)", timed(lambda: render_kept(path, cf, "claims"), args.repeat)),
        ]
        print(f"1 file, {args.claims} claims, median of {args.repeat} runs, python {sys.version.split()[0]}")
        print_rows(rows, amount=args.claims, per="claims/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
