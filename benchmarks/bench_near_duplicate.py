"""near-duplicate by blocking vs comparing all pairs, and validate on one big file.

Run:  python benchmarks/bench_near_duplicate.py [--claims 32000] [--pairs 2000] [--file-claims 0]

1. Distinct claims of one document (varied sentences, a few near-duplicates
   planted): the blocked rule over ``--claims`` texts, against the all-pairs
   comparison it replaced, timed on ``--pairs`` texts (all pairs of 32,000
   take minutes; its time grows with the square, so the script prints the
   measured time and the square-law estimate for the full count).
2. With ``--file-claims N`` (e.g. 200000): one claim file of N claims written
   and checked by the whole ``validate``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from factcheck.checks.near_duplicate import _similar_pairs

WORDS = (
    "北朝鮮 ロシア ウクライナ 兵士 派遣 報道 確認 国防 長官 会談 首脳 協定 署名 軍事 経済 協力 制裁 弾薬 砲弾 ミサイル "
    "the army troops report minister summit treaty signed border shells missiles sanctions talks agreed denied"
).split()


@dataclass(frozen=True)
class Entry:
    id: str


def _vocabulary(rnd: random.Random, size: int = 5000) -> list[str]:
    letters = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん北朝鮮露軍兵士派遣報道確認国防長官会談首脳協定署名経済協力制裁弾薬砲"
    return [*WORDS, *("".join(rnd.choices(letters, k=rnd.randint(2, 5))) for _ in range(size))]


def texts(n: int, seed: int = 1, *, narrow: bool = False) -> list[str]:
    """Distinct sentences: words drawn with Zipf's law from a 5,000-word
    vocabulary (a few words everywhere, most words rare, as in prose); with
    ``narrow``, from 40 words only (every trigram common: the hard case)."""
    rnd = random.Random(seed)
    vocabulary = WORDS if narrow else _vocabulary(rnd)
    weights = [1 / (r + 1) for r in range(len(vocabulary))]
    out = []
    for i in range(n):
        words = rnd.choices(vocabulary, weights, k=rnd.randint(6, 18))
        out.append(f"{' '.join(words)} {rnd.randint(1, 99999)}人")
        if i % 500 == 7:  # a planted near-duplicate
            out.append(out[-1][:-1] + "名")
    return out[:n]


def all_pairs(entries: list[tuple[Entry, str]], threshold: float = 95.0) -> int:
    found = 0
    for k, (_, text) in enumerate(entries):
        for _, other in entries[:k]:
            total = len(text) + len(other)
            if total and 200 * min(len(text), len(other)) / total < threshold:
                continue
            if fuzz.ratio(text, other, score_cutoff=threshold):
                found += 1
                break
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claims", type=int, default=32000)
    ap.add_argument("--pairs", type=int, default=2000, help="texts for the all-pairs baseline")
    ap.add_argument("--file-claims", type=int, default=0, help="also validate one claim file of this many claims")
    args = ap.parse_args()

    small = [(Entry(f"c{i}"), t) for i, t in enumerate(texts(args.pairs))]
    t0 = time.perf_counter()
    base_found = all_pairs(small)
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    blocked_small = len(list(_similar_pairs(small, 95.0)))
    fast_small = time.perf_counter() - t0
    assert blocked_small == base_found, (blocked_small, base_found)

    estimate = base * (args.claims / args.pairs) ** 2
    print(f"{'what':52} {'seconds':>9} {'found':>7}")
    print(f"{f'all pairs, {args.pairs} claims (baseline)':52} {base:9.2f} {base_found:7}")
    print(f"{f'blocked, {args.pairs} claims':52} {fast_small:9.2f} {blocked_small:7}")
    print(f"{f'all pairs, {args.claims} claims (square-law estimate)':52} {estimate:9.0f} {'':>7}")
    for narrow in (False, True):
        big = [(Entry(f"c{i}"), t) for i, t in enumerate(texts(args.claims, narrow=narrow))]
        t0 = time.perf_counter()
        found = len(list(_similar_pairs(big, 95.0)))
        fast = time.perf_counter() - t0
        label = f"blocked, {args.claims} claims" + (" (40-word vocabulary)" if narrow else "")
        print(f"{label:52} {fast:9.2f} {found:7}")

    if args.file_claims:
        from factcheck.checks.runner import validate
        from factcheck.model import Claim, ClaimFile, Document, Span
        from factcheck.store import Repository, write_claim_file

        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            lines = texts(args.file_claims, seed=2)
            (root / "sources").mkdir()
            (root / "sources" / "big.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
            claims = tuple(
                Claim(id=f"big-{i + 1:06d}", text=line, location=Span(i + 1, 1, i + 1, len(line) + 1))
                for i, line in enumerate(lines)
            )
            write_claim_file(root / "claims" / "big.yaml", ClaimFile(Document("big", "sources/big.txt"), claims))
            (root / "references").mkdir()
            t0 = time.perf_counter()
            result = validate(Repository(root))
            secs = time.perf_counter() - t0
            print(f"{f'validate, one file of {args.file_claims} claims':52} {secs:9.2f} {len(result.findings):7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
