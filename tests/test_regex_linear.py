"""Every regular expression of extraction runs in linear time on the inputs
that make a backtracking engine go quadratic (issue 12: 40 KB of spaces took
54 s).  Each pattern is run over each adversarial input of 10,000 characters;
a quadratic pattern takes tens of seconds there, a linear one milliseconds,
so the bound below is loose on purpose (timings live in
benchmarks/bench_adversarial.py)."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import factcheck.extract as extract
from factcheck.extract import dates

SIZE = 10_000
BOUND_SECONDS = 1.0

# Applied only to short strings, so their input is bounded: the word before a
# period (segment._LONGEST_WORD characters at most), the last 17 characters of
# a line.
BOUNDED_INPUT = {"segment._ACRONYM", "segment._EDIT_SUFFIX"}
# Used only with .match at one position (anchored with ^ or called at the end
# of a number): tested that way, from the start and from the middle.
MATCH_ONLY = {"references._SHORT_RE"}

UNITS = [
    " ", "\n", " \t", "\n ", "1", "１", "1,", "1.", " 1", "[", "[1", "(", "（", "「", ".", "a.", "A. ", "ab ", "a-",
    " Jan. 5", "2024年", "年", "約1,500人", "^ a ", "http://a", "-", "‐ ", "(a)", "編", "a1 .,[]()",
]


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: list[tuple[str, re.Pattern[str]]] = []
    modules = [importlib.import_module(f"factcheck.extract.{m.name}") for m in pkgutil.iter_modules(extract.__path__)]
    for module in [extract, *modules]:
        short = module.__name__.rsplit(".", 1)[-1]
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and f"{short}.{name}" not in BOUNDED_INPUT:
                found.append((f"{short}.{name}", value))
    found += [(f"dates._COMPILED.{kind}", rx) for kind, rx in dates._COMPILED]
    found.append(("dates._unit_after()", dates._unit_after()))
    return found


PATTERNS = patterns()


def test_the_patterns_are_found() -> None:
    assert len(PATTERNS) > 40


@pytest.mark.parametrize("name, pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_pattern_is_linear_on_adversarial_input(name: str, pattern: re.Pattern[str]) -> None:
    slow = []
    for unit in UNITS:
        text = (unit * (SIZE // len(unit) + 1))[:SIZE] + "\x00"
        t0 = time.perf_counter()
        if name in MATCH_ONLY:
            pattern.match(text, SIZE // 2)
        else:
            for _ in pattern.finditer(text):
                pass
        pattern.match(text)
        secs = time.perf_counter() - t0
        if secs > BOUND_SECONDS:
            slow.append((unit, round(secs, 2)))
    assert not slow, f"{name} backtracks on {slow}: {pattern.pattern[:120]}"
