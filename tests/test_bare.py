"""The plain writers that stand in for rich when it would write no style
(factcheck.report.bare): each must be what rich does, byte for byte."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from typing import Any

import pytest

from factcheck.options import STATUSES
from factcheck.report import bare
from factcheck.report import stats as stats_report
from factcheck.report.table import console
from factcheck.tally import count_groups, from_columns, tally_counts, tally_groups

ENVS = [
    {},
    {"COLUMNS": "57"},
    {"COLUMNS": "160"},
    {"COLUMNS": "0"},
    {"COLUMNS": "wide"},
    {"LINES": "10"},
    {"COLUMNS": "95", "LINES": "40"},
    {"FORCE_COLOR": "1"},
    {"FORCE_COLOR": ""},
    {"TTY_COMPATIBLE": "1"},
    {"TTY_COMPATIBLE": "0", "COLUMNS": "70"},
    {"TERM": "dumb"},
    {"NO_COLOR": "1", "COLUMNS": "111"},
]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("env", ENVS, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()) or "none")
@pytest.mark.parametrize("stream", [io.StringIO, _Tty])
def test_plain_width_is_what_rich_lays_out_to(env: dict[str, str], stream: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE", "TERM", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = stream()
    con = console(out)
    width = bare.plain_width(out)
    if width is not None:  # it answers only for what rich writes unstyled, to what is not a terminal
        assert (width, con.color_system, con.is_terminal) == (con.width, None, False)
    if not con.is_terminal:  # and it answers for every such stream
        assert width == con.width


def test_plain_width_in_a_real_terminal_size_and_a_pipe() -> None:
    # A subprocess whose stdout is a pipe: rich's width comes from the environment or 80.
    code = ("import sys; from factcheck.report import bare; from factcheck.report.table import console; "
            "c = console(sys.stdout); print(bare.plain_width(sys.stdout), c.width, c.color_system)")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE")}
    for extra in ({}, {"COLUMNS": "133"}):
        done = subprocess.run([sys.executable, "-c", code], env={**env, **extra}, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, check=True)
        ours, theirs, colour = done.stdout.split()
        assert (ours, colour) == (theirs, "None")


def _stats(documents: dict[str, tuple[str, str]], seed: int) -> Any:
    rng = random.Random(seed)
    groups = [(d, frozenset(rng.sample(STATUSES, rng.randrange(0, 4))), rng.choice([0, 1, 7, 99, 12345, 10**9]))
              for d in documents for _ in range(rng.randrange(0, 4))]
    return tally_groups(documents, groups)


DOCUMENT_SETS = [
    {"news-en-00001": ("t", "en"), "wiki-ja-00002": ("タイトル", "ja")},
    {"a": ("", "")},
    {"d" * 8: ("t", "en"), "e" * 7: ("t", "en")},  # short ids: the table at 72+ columns
    {"x" * 120: ("t", "en")},  # an id wider than most terminals
    {"日本語の文書": ("t", "ja")},  # not simple: rich's
    {"tab\tid": ("t", "en"), "ok": ("t", "en")},  # a control character: rich's
    {},
]


@pytest.mark.parametrize("columns", ["20", "40", "71", "72", "80", "109", "110", "160"])
@pytest.mark.parametrize("which", range(len(DOCUMENT_SETS)))
def test_the_stats_table_without_rich_is_rich_byte_for_byte(columns: str, which: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    result = _stats(DOCUMENT_SETS[which], which)
    ours, theirs = io.StringIO(), io.StringIO()
    stats_report.render_table(result, ours)
    stats_report._render_table(result, theirs)  # rich decides and draws
    assert ours.getvalue() == theirs.getvalue()
    # The plain path answers for simple ids that rich prints as lines, and only then.
    plain = stats_report._plain_lines(result, int(columns))
    if which == 0 and columns in ("40", "71", "80"):
        assert plain is not None  # the lines of ordinary ids (so the comparison above covers the plain path)
    if which == 0 and columns in ("109", "160"):
        assert plain is None  # the table
    if which in (4, 5):
        assert plain is None


def test_the_plain_stats_path_loads_no_rich() -> None:
    code = (
        "import io, sys; from factcheck.report import stats; from factcheck.tally import tally_groups; "
        "r = tally_groups({'news-en-00001': ('t', 'en')}, [('news-en-00001', frozenset({'sourced'}), 3)]); "
        "stats.render_table(r, io.StringIO()); print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("seed", range(5))
def test_counts_per_document_tally_as_the_groups_do(seed: int) -> None:
    rng = random.Random(seed)
    documents = {f"doc-{i}": (f"title {i}", rng.choice(["ja", "en"])) for i in range(rng.randrange(0, 30))}
    others = [f"orphan-{i}" for i in range(3)]  # claims of a document no claims file names
    groups = [(rng.choice([*documents, *others]), frozenset(rng.sample(STATUSES, rng.randrange(0, 5))), rng.randrange(1, 50))
              for _ in range(rng.randrange(0, 200))]
    # The statuses as the rows keep them (space-separated) and as sets: the same counts.
    assert tally_counts(documents, count_groups((d, sorted(s), n) for d, s, n in groups)) == tally_groups(documents, groups)
    # One by one, as status.stats counts views.
    expected: dict[str, dict[str, int]] = {}
    for d, s, n in groups:
        row = expected.setdefault(d, dict.fromkeys(STATUSES, 0))
        for status in s:
            row[status] += n
    result = tally_groups(documents, groups)
    assert [r.document for r in result.documents] == sorted({*documents, *(d for d, _, _ in groups)})
    for r in result.documents:
        assert r.counts == expected.get(r.document, dict.fromkeys(STATUSES, 0))
        assert r.claims == sum(n for d, _, n in groups if d == r.document)
    assert result.total.claims == sum(n for _, _, n in groups)
    # As the index keeps them (JSON) and reads them back: the same counts.
    assert from_columns(*json.loads(json.dumps(result.as_kept()))) == result


def test_an_unknown_status_is_still_an_error() -> None:
    with pytest.raises(KeyError):
        count_groups([("d", ["sourced", "made-up"], 1)])


def test_reading_no_vocabulary_loads_no_yaml() -> None:
    # A search or `show` that reads no month name or stopword does not pay for PyYAML.
    code = ("import sys; import factcheck.search, factcheck.text as t; before = 'yaml' in sys.modules; "
            "n = len(t.MONTHS) + len(t.STOPWORDS); print(before, 'yaml' in sys.modules, n > 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "True"]
