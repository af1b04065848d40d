"""Fit the contradiction detector's decision weights on labelled pairs.

Usage::

    python benchmarks/train_contradictions.py PAIRS.yaml [PAIRS.yaml ...] [--out PATH] [--check VALID.yaml]

Reads each pair's texts (never its kind or note), computes the features of
``factcheck.contradict.features`` and fits a logistic regression with an L2
penalty by plain gradient descent (deterministic: same files, same weights).
Writes the weights as JSON (default ``factcheck/contradict/weights.json``).
With ``--check``, prints precision and recall on a validation file that was
not trained on.  Never train on a held-out file you report on.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.contradict import analyse  # noqa: E402
from factcheck.contradict.features import FEATURES, features  # noqa: E402
from factcheck.contradict.model import PairContext  # noqa: E402


def _vectors(path: Path) -> tuple[list[list[float]], list[int]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    xs, ys = [], []
    for p in data["pairs"]:
        lang = p["lang"] if p["lang"] in ("ja", "en") else None
        ctx = PairContext(analyse(p["a"]["text"], lang), analyse(p["b"]["text"], lang))
        f = features(ctx)
        xs.append([f[name] for name in FEATURES])
        ys.append(1 if p["label"] == "contradiction" else 0)
    return xs, ys


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(min(z, 30), -30)))


def fit(xs: list[list[float]], ys: list[int], *, l2: float = 0.02, steps: int = 4000, rate: float = 0.5) -> list[float]:
    n, d = len(xs), len(xs[0])
    w = [0.0] * d
    for _ in range(steps):
        grad = [0.0] * d
        for x, y in zip(xs, ys):
            err = _sigmoid(sum(wi * xi for wi, xi in zip(w, x))) - y
            for i in range(d):
                grad[i] += err * x[i]
        for i in range(d):
            penalty = l2 * w[i] if i else 0.0  # the bias is not shrunk
            w[i] -= rate * (grad[i] / n + penalty)
    return w


def score(w: list[float], xs: list[list[float]], ys: list[int], threshold: float) -> tuple[float, float, int, int, int]:
    tp = fp = fn = 0
    for x, y in zip(xs, ys):
        p = _sigmoid(sum(wi * xi for wi, xi in zip(w, x))) >= threshold
        tp += p and y
        fp += p and not y
        fn += (not p) and y
    prec = tp / (tp + fp) if tp + fp else float("nan")
    rec = tp / (tp + fn) if tp + fn else float("nan")
    return prec, rec, tp, fp, fn


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pairs", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "factcheck" / "contradict" / "weights.json")
    ap.add_argument("--check", type=Path, action="append", default=[])
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--l2", type=float, default=0.02)
    args = ap.parse_args(argv)
    xs: list[list[float]] = []
    ys: list[int] = []
    for path in args.pairs:
        x, y = _vectors(path)
        xs += x
        ys += y
    w = fit(xs, ys, l2=args.l2)
    p, r, tp, fp, fn = score(w, xs, ys, args.threshold)
    print(f"trained on {len(xs)} pairs: P {p:.3f} R {r:.3f} (tp {tp} fp {fp} fn {fn})")
    for path in args.check:
        x, y = _vectors(path)
        p, r, tp, fp, fn = score(w, x, y, args.threshold)
        print(f"check {path.name}: P {p:.3f} R {r:.3f} (tp {tp} fp {fp} fn {fn})")
    args.out.write_text(json.dumps({
        "features": list(FEATURES),
        "weights": [round(v, 4) for v in w],
        "threshold": args.threshold,
        "trained_on": [p.name for p in args.pairs],
        "pairs": len(xs),
    }, indent=1) + "\n", encoding="utf-8")
    for name, v in sorted(zip(FEATURES, w), key=lambda t: -abs(t[1])):
        print(f"  {name:16s} {v:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
