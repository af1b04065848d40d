"""Evaluate the contradiction detector on a labelled pairs file.

Usage::

    python benchmarks/eval_contradictions.py PAIRS.yaml [--format text|json]

Prediction reads only ``a.text``, ``b.text`` and ``lang`` of each pair; ``label``
and ``kind`` are used for scoring only.  Prints overall, per-language and
per-kind confusion counts with precision, recall and F1 (``-`` where a
denominator is zero), the misclassified pairs, and a naive baseline measured
in the same run ("flag when both claims carry dates or figures that differ").
With ``--format json`` the last line of stdout is one JSON object: the overall counts and
figures, ``by_lang`` and ``by_kind`` (the same per slice, with the baseline's), ``slices``,
``errors`` and ``seconds``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factcheck.contradict import compare
from factcheck.extract.dates import find_dates
from factcheck.extract.quantities import find_quantities, to_base

LANGS = ("ja", "en", "mixed")
POSITIVE = "contradiction"


@dataclass(frozen=True)
class Pair:
    id: str
    lang: str
    label: str
    kind: str
    a: str
    b: str


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, Any]:
        return {
            "n": self.n, "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
        }


def _ratio(num: int, den: int) -> float | None:
    # A zero denominator is "undefined", printed as "-", never 0.
    return None if den == 0 else num / den


def count(gold: Iterable[bool], predicted: Iterable[bool]) -> Counts:
    """Confusion counts with contradiction as the positive class."""
    tp = fp = fn = tn = 0
    for g, p in zip(gold, predicted, strict=True):
        if g and p:
            tp += 1
        elif p:
            fp += 1
        elif g:
            fn += 1
        else:
            tn += 1
    return Counts(tp, fp, fn, tn)


def load_pairs(path: Path) -> list[Pair]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Pair(str(p["id"]), str(p["lang"]), str(p["label"]), str(p.get("kind", "-")), p["a"]["text"], p["b"]["text"])
        for p in data["pairs"]
    ]


def _langs(pair: Pair) -> tuple[str | None, str | None]:
    """Languages of a and b from the pair's lang; mixed pairs are detected per side."""
    return (pair.lang, pair.lang) if pair.lang in ("ja", "en") else (None, None)


def predict(pair: Pair) -> bool:
    lang_a, lang_b = _langs(pair)
    return compare(pair.a, pair.b, lang_a=lang_a, lang_b=lang_b).contradiction


def baseline(pair: Pair) -> bool:
    """Naive: flag when both claims carry dates, or figures in one unit, that differ."""
    da = {d.value for d in find_dates(pair.a)[0]}
    db = {d.value for d in find_dates(pair.b)[0]}
    if da and db and da != db:
        return True
    qa = {to_base(q) for q in find_quantities(pair.a)}
    qb = {to_base(q) for q in find_quantities(pair.b)}
    units_a = {u for _, u in qa}
    units_b = {u for _, u in qb}
    return bool(units_a & units_b) and qa != qb


@dataclass(frozen=True)
class Slice:
    name: str
    detector: Counts
    baseline: Counts


def evaluate(pairs: Sequence[Pair], predictor: Callable[[Pair], bool] = predict) -> tuple[list[Slice], list[tuple[Pair, bool]]]:
    """Slices (all, per language, per kind) and every pair with its prediction."""
    predicted = [predictor(p) for p in pairs]
    naive = [baseline(p) for p in pairs]
    gold = [p.label == POSITIVE for p in pairs]

    def slice_of(name: str, keep: Callable[[Pair], bool]) -> Slice:
        idx = [i for i, p in enumerate(pairs) if keep(p)]
        return Slice(
            name,
            count([gold[i] for i in idx], [predicted[i] for i in idx]),
            count([gold[i] for i in idx], [naive[i] for i in idx]),
        )

    slices = [slice_of("all", lambda p: True)]
    slices += [slice_of(f"lang={lang}", lambda p, lang=lang: p.lang == lang) for lang in LANGS]
    kinds = sorted({p.kind for p in pairs})
    slices += [slice_of(f"kind={kind}", lambda p, kind=kind: p.kind == kind) for kind in kinds]
    return slices, list(zip(pairs, predicted, strict=True))


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def render_text(slices: Sequence[Slice], results: Sequence[tuple[Pair, bool]], seconds: float) -> str:
    """The detector's table with the naive baseline's figures beside it, then the errors."""
    head = (
        f"{'slice':<28}{'n':>4}{'TP':>5}{'FP':>5}{'FN':>5}{'TN':>5}{'precision':>11}{'recall':>8}{'F1':>8}"
        f"   | baseline:{'TP':>4}{'FP':>5}{'precision':>11}{'recall':>8}{'F1':>8}"
    )
    lines = [
        "detector = factcheck.contradict.compare; baseline = flag when dates or same-unit figures differ",
        head,
    ]
    lines += [_row(s.name, s.detector) + "   | " + " " * 9 + _base(s.baseline) for s in slices]
    errors = [(p, pred) for p, pred in results if pred != (p.label == POSITIVE)]
    lines += ["", f"errors ({len(errors)}):"]
    for p, pred in errors:
        what = "FP" if pred else "FN"
        lines.append(f"  {p.id:<10} {what}  label={p.label:<14} kind={p.kind:<22} lang={p.lang}")
    lines.append(f"\n{len(results)} pairs in {seconds:.2f} s")
    return "\n".join(lines)


def _row(name: str, c: Counts) -> str:
    return (
        f"{name:<28}{c.n:>4}{c.tp:>5}{c.fp:>5}{c.fn:>5}{c.tn:>5}"
        f"{_fmt(c.precision):>11}{_fmt(c.recall):>8}{_fmt(c.f1):>8}"
    )


def _base(c: Counts) -> str:
    return f"{c.tp:>4}{c.fp:>5}{_fmt(c.precision):>11}{_fmt(c.recall):>8}{_fmt(c.f1):>8}"


def render_json(slices: Sequence[Slice], results: Sequence[tuple[Pair, bool]], seconds: float) -> str:
    overall = slices[0]
    summary: dict[str, Any] = overall.detector.as_dict()
    summary["baseline"] = overall.baseline.as_dict()
    summary["slices"] = {s.name: {"detector": s.detector.as_dict(), "baseline": s.baseline.as_dict()} for s in slices}
    # The same slices keyed as the issue names them: by_lang["en"], by_kind["date"] (detector
    # figures, with the baseline's beside them).
    for prefix, key in (("lang=", "by_lang"), ("kind=", "by_kind")):
        summary[key] = {s.name.removeprefix(prefix): {**s.detector.as_dict(), "baseline": s.baseline.as_dict()}
                        for s in slices if s.name.startswith(prefix)}
    summary["errors"] = [
        {"id": p.id, "label": p.label, "kind": p.kind, "lang": p.lang, "predicted": pred}
        for p, pred in results
        if pred != (p.label == POSITIVE)
    ]
    summary["seconds"] = round(seconds, 3)
    return json.dumps(summary, ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", type=Path, help="labelled pairs YAML (see /work/shared/eval/README.md)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    pairs = load_pairs(args.pairs)
    slices, results = evaluate(pairs)
    seconds = time.perf_counter() - start
    if args.format == "json":
        # The text table goes first for people; the last line is the JSON a hook reads.
        print(render_text(slices, results, seconds))
        print(render_json(slices, results, seconds))
    else:
        print(render_text(slices, results, seconds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
