"""Dump the pairs a repository's candidate blocking lets through, as a labelled pairs file.

Usage::

    python benchmarks/corpus_pairs.py REPO [--within] [--id-prefix P] > pairs.yaml

Labelled pairs written by people are all about one subject; a real
repository is mostly pairs that only share a few words.  The combiner must
see those too, or it learns that any two differing figures conflict.  Every
blocked pair is labelled from the repository's own review: a ``contradicts``
relation marked ``accepted`` is a contradiction; everything else (rejected,
unreviewed, never proposed) is taken as consistent, which holds for
repositories whose documents were checked to agree (say so when you use one).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck import index
from factcheck.contradict import analyse, detect_lang
from factcheck.contradict.blocking import block
from factcheck.store import Repository


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("repo", type=Path)
    ap.add_argument("--within", action="store_true", help="also pairs inside one document")
    ap.add_argument("--id-prefix", default="corpus")
    args = ap.parse_args(argv)
    corpus, _ = index.load(Repository.locate(args.repo))
    facts = [c for c in corpus.claims if c.kind == "fact"]
    accepted = {frozenset((c.id, r.target)) for c in corpus.claims for r in c.relations
                if r.type == "contradicts" and r.review == "accepted"}
    read = [analyse(c.text) for c in facts]
    pairs = []
    for n, (i, j, _) in enumerate(block(read, [c.document for c in facts], within=args.within), 1):
        a, b = facts[i], facts[j]
        la, lb = detect_lang(a.text), detect_lang(b.text)
        conflict = frozenset((a.id, b.id)) in accepted
        pairs.append({
            "id": f"{args.id_prefix}-{n:04d}", "lang": la if la == lb else "mixed",
            "label": "contradiction" if conflict else "consistent", "kind": "corpus",
            "a": {"doc": a.document, "text": a.text}, "b": {"doc": b.document, "text": b.text},
            "note": f"{a.id} / {b.id}, blocked in {args.repo.name}",
        })
    yaml.safe_dump({"version": 1, "pairs": pairs}, sys.stdout, allow_unicode=True, sort_keys=False, width=200)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
