"""What every benchmark shares: a median timer and the side-by-side table."""

from __future__ import annotations

import statistics
import time
from typing import Callable, Sequence


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` runs; the median shrugs off a noisy neighbour."""
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def print_rows(rows: Sequence[tuple[str, float]], *, amount: float, per: str) -> None:
    """Each timing with its throughput and its ratio to the first row, the baseline."""
    print(f"{'what':32} {'seconds':>9} {per:>12} {'x baseline':>11}")
    base = rows[0][1]
    for name, secs in rows:
        print(f"{name:32} {secs:9.3f} {amount / secs:12.0f} {secs / base:11.2f}")
