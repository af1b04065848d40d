"""How much the strict, located loader and the validator cost over a bare YAML load.

Run:  python benchmarks/bench_store.py [--docs 20] [--claims 300] [--repeat 3]

It writes a synthetic repository (Japanese claims with citations, disputes,
dates) to a temporary folder, then times, in the same run:

  baseline   yaml.load(CSafeLoader) of every file (what a naive tool would do)
  load       factcheck's located, schema-typed, schema-validated load
  validate   every rule of `factcheck validate` over the repository

and prints each time with its ratio to the baseline.  Machines here are shared
and noisy, so the ratio, not the absolute time, is the figure to compare.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml
from _timing import print_rows, timed

from factcheck.model import Claim, ClaimFile, DateMention, Dispute, Document, Reference, ReferenceFile, Span
from factcheck.store import Repository, load_file, write_claim_file, write_reference_file

SENTENCE = "{n}年10月、北朝鮮兵士{k},500人がロシア極東で訓練を受けているという報道が出てきた。"


def build(root: Path, docs: int, claims: int) -> None:
    for d in range(docs):
        doc_id = f"doc-{d:03d}"
        lines = [SENTENCE.format(n=2000 + i % 25, k=i % 9 + 1) + f"[{i % 20 + 1}]" for i in range(claims)]
        (root / "sources").mkdir(parents=True, exist_ok=True)
        (root / "sources" / f"{doc_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        cs = []
        for i, line in enumerate(lines):
            text = line[: line.index("[")]
            cs.append(
                Claim(
                    id=f"{doc_id}-{i + 1:04d}",
                    text=text,
                    location=Span(i + 1, 1, i + 1, len(line) + 1),
                    section="歴史",
                    cites=(f"{doc_id}-ref-{i % 20 + 1}",),
                    disputes=(Dispute("[疑わしい–議論する]", "dubious"),) if i % 7 == 0 else (),
                    dates=(DateMention(f"{2000 + i % 25}年10月", f"{2000 + i % 25}-10"),),
                )
            )
        write_claim_file(root / "claims" / f"{doc_id}.yaml", ClaimFile(Document(doc_id, f"sources/{doc_id}.txt"), tuple(cs)))
        refs = tuple(Reference(id=f"{doc_id}-ref-{r}", label=str(r), title=f"Title {r}", issued="2024-10-19") for r in range(1, 21))
        write_reference_file(root / "references" / f"{doc_id}.yaml", ReferenceFile(doc_id, refs))




def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--claims", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, args.docs, args.claims)
        repo = Repository(root)
        files = repo.all_paths()
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        def baseline() -> None:
            for p, _ in files:
                yaml.load(p.read_text(encoding="utf-8"), Loader=loader)

        def load() -> None:
            for p, kind in files:
                load_file(p, kind)

        rows = [("baseline (yaml.CSafeLoader)", timed(baseline, args.repeat)), ("load (located, typed, schema)", timed(load, args.repeat))]
        try:
            from factcheck.checks.runner import validate
        except ImportError:  # the validator is not there yet
            validate = None
        if validate is not None:
            rows.append(("validate (all rules)", timed(lambda: validate(repo, None), args.repeat)))
        n = args.docs * args.claims
        print(f"{len(files)} files, {n} claims, median of {args.repeat} runs, python {sys.version.split()[0]}")
        print_rows(rows, amount=n, per="claims/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
