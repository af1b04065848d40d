"""Tables and panels drawn without rich (factcheck.report.plain): rich is the
oracle.  For the same data and conditions, what the plain renderer writes
must be rich's bytes, or nothing (it says Uncertain and rich draws)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

import pytest
import rich
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from factcheck import answers
from factcheck.options import STATUSES
from factcheck.report import detail, hits, listing, plain
from factcheck.report import stats as stats_report
from factcheck.report import table as rich_table_module
from factcheck.search import Hit, Score, SearchResult
from factcheck.store import Repository
from factcheck.tally import tally_groups

ROOT = Path(__file__).parent.parent
TERMINAL_ENV = ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "UNICODE_VERSION", "TERM")


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in TERMINAL_ENV:
        monkeypatch.delenv(name, raising=False)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _compare(render: Callable[[Any, Any], None], rich_render: Callable[[Any, Any], None], draw: Callable[[Any, int], str],
             data: Any, width: int, monkeypatch: pytest.MonkeyPatch) -> bool:
    """rich's bytes at ``width`` (COLUMNS, a pipe) against the plain drawing:
    equal when it draws; True when it drew.  The command's renderer (plain
    first, rich when uncertain) gives rich's bytes either way."""
    monkeypatch.setenv("COLUMNS", str(width))
    theirs = io.StringIO()
    try:
        rich_render(data, theirs)
    except Exception as exc:  # rich fails on some joiners at narrow widths: then so does the command, and nothing is drawn
        with pytest.raises(type(exc)):
            render(data, io.StringIO())
        with pytest.raises(plain.Uncertain):
            draw(data, width)
        return False
    ours = io.StringIO()
    render(data, ours)
    assert ours.getvalue() == theirs.getvalue()
    try:
        drawn = draw(data, width)
    except plain.Uncertain:
        return False
    assert drawn == theirs.getvalue()
    return True


# --- cell widths --------------------------------------------------------------------------


def test_every_certain_width_is_riches() -> None:
    for ranges, cells in ((plain._NARROW, 1), (plain._WIDE, 2)):
        for low, high in ranges:
            for code in range(low, high + 1):
                assert get_character_cell_size(chr(code)) == cells, hex(code)


@pytest.mark.parametrize("text", ["e\u0301", "👍", "👨\u200d👩", "☺\ufe0f", "a\tb", "\x1b[31m", "\u202e", "\u200b", "\u00ad"])
def test_what_is_not_certain_is_said(text: str) -> None:
    with pytest.raises(plain.Uncertain):
        plain.check(text)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_a_width_given_is_riches(text: str) -> None:
    try:
        width = plain.cells(plain.check(text).replace("\n", ""))
    except plain.Uncertain:
        return
    assert width == cell_len(text.replace("\n", ""))


# --- hypothesis data -------------------------------------------------------------------------

# Text of characters whose widths are certain (drawn) or, in some examples,
# with emoji, joiners, combining marks, tabs and controls as well (rich's to draw).
_CERTAIN = ["a", "Z", " ", "  ", "-", "[1]", "é", "ß", "Ω", "я", "…", "—", "→", "北", "朝鮮", "ウクライナ", "、", "。",
            "（", "Ａ", "한", "\n", "\u3000", "longwordwithoutanyspacesatallforfolding", "ロシアと北朝鮮の関係が再び注目を集めています", ""]
_WILD = ["👍", "e\u0301", "\u200d", "\t", "\x1b", "\ufe0f", "\u00ad"]
_WILD_EXAMPLE = st.shared(st.booleans(), key="wild")
_PIECES = _WILD_EXAMPLE.flatmap(lambda wild: st.sampled_from(_CERTAIN + _WILD if wild else _CERTAIN))
TEXT = st.lists(_PIECES, max_size=12).map("".join)
WORD = _WILD_EXAMPLE.flatmap(lambda wild: st.lists(
    st.sampled_from(["a", "b", "-", "0", "9", "é", "北", "ア", "x" * 12, *(["👍", "e\u0301"] if wild else [])]),
    min_size=1, max_size=5).map("".join))
WIDTHS = st.one_of(st.integers(8, 220), st.sampled_from([20, 40, 60, 72, 79, 80, 100, 109, 110, 160]))
STATUS_SETS = st.frozensets(st.sampled_from(STATUSES), max_size=4)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


class _View:
    """What the list and search tables read of a ClaimView."""

    def __init__(self, cid: str, document: str, text: str, statuses: frozenset[str], labels: list[str]) -> None:
        self.id, self.statuses, self.labels = cid, statuses, tuple(labels)
        self.claim = SimpleNamespace(document=document, text=text)

    def ordered_statuses(self) -> tuple[str, ...]:
        return tuple(s for s in STATUSES if s in self.statuses)


VIEW = st.builds(
    lambda prefix, doc, suffix, text, statuses, labels: _View(
        f"{doc}-{suffix}" if prefix else f"{suffix}-{doc}", doc, text, statuses, labels),
    st.booleans(), WORD, WORD, TEXT, STATUS_SETS, st.lists(st.sampled_from(["[1]", "[12]", "[要出典]", "ref-3", "注"]), max_size=3),
)


@SETTINGS
@given(views=st.lists(VIEW, max_size=6), width=WIDTHS)
def test_the_list_table_is_riches(views: list[_View], width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    _compare(listing.render_table, listing.rich_table, listing.plain_table, views, width, monkeypatch)


def _hit(view: _View | None, score: int, spans: list[tuple[int, int]], document: str) -> Hit:
    text = view.claim.text if view is not None else "a reference / 出版社"
    spans = [(min(a, len(text)), min(a + n, len(text))) for a, n in spans]
    kind = "claim" if view is not None else "reference"
    return Hit(kind, view.id if view else f"ref-{score}", document, text, Score(score, 0, 0, 0, tuple(spans)), view)


HIT = st.builds(_hit, st.one_of(st.none(), VIEW), st.integers(0, 100), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=3), WORD)


@SETTINGS
@given(found=st.lists(HIT, max_size=5), width=WIDTHS)
def test_the_search_table_is_riches(found: list[Hit], width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    result = SearchResult("q", tuple(found))
    _compare(hits.render_table, hits.rich_table, hits.plain_table, result, width, monkeypatch)


@SETTINGS
@given(documents=st.dictionaries(WORD, st.just(("t", "en")), max_size=6), seed=st.integers(0, 10**6), width=WIDTHS)
def test_the_stats_table_is_riches(documents: dict[str, tuple[str, str]], seed: int, width: int,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    rng = random.Random(seed)
    groups = [(d, frozenset(rng.sample(STATUSES, rng.randrange(0, 4))), rng.choice([0, 1, 7, 99, 12345, 10**9]))
              for d in documents for _ in range(rng.randrange(0, 3))]
    result = tally_groups(documents, groups)
    _compare(stats_report.render_table, stats_report._render_table, stats_report.plain_table, result, width, monkeypatch)


RUNS = st.lists(st.tuples(TEXT, st.sampled_from(["", "bold", "italic", "blue", "dim"])).map(list), min_size=1, max_size=4)
PANEL = st.fixed_dictionaries({
    "head": st.tuples(WORD, WORD, st.one_of(st.just(""), TEXT), st.sampled_from(["fact", "opinion"])).map(list),
    "text": TEXT,
    "statuses": STATUS_SETS.map(sorted),
    "banners": st.lists(TEXT, max_size=2),
    "attribution": st.one_of(st.none(), st.tuples(TEXT, WORD).map(list)),
    "disputes": st.lists(st.tuples(WORD, st.sampled_from(["citation-needed", "dubious"])).map(list), max_size=2),
    "dates": st.lists(st.tuples(TEXT, WORD).map(list), max_size=2),
    "quantities": st.lists(TEXT, max_size=2),
    "references": st.lists(st.tuples(st.sampled_from(["cites", "covered by"]), st.one_of(
        RUNS, st.tuples(WORD, st.just("red"), st.just("whole")).map(lambda r: [list(r)]))).map(list), max_size=3),
    "relations": st.lists(st.tuples(st.sampled_from(["outgoing", "incoming"]), WORD, WORD, WORD, st.one_of(st.none(), TEXT),
                                    st.one_of(st.none(), TEXT)).map(list), max_size=2),
})
CONTEXT = st.one_of(st.none(), st.tuples(WORD.map(lambda w: f"sources/{w}.txt"), st.integers(1, 9999), TEXT, TEXT, TEXT).map(list))


@SETTINGS
@given(record=PANEL, context=CONTEXT, problem=st.sampled_from(["", "the source file is gone", "sources/x.txt: 読めない"]), width=WIDTHS)
def test_the_show_panels_are_riches(record: dict[str, Any], context: list[Any] | None, problem: str, width: int,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _compare(detail.render_panels, detail.rich_panels, detail.plain_panels, [record, context, problem], width, monkeypatch)


# --- the seed repository -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Any:
    from factcheck import query
    from factcheck.search import find
    from factcheck.status import derive, stats

    corpus = Repository(ROOT).load()
    views = list(derive(corpus).values())
    details = [query.detail(corpus, c.id) for c in corpus.claims]
    found = [find(corpus, q, claims=views, scope="claims", limit=20) for q in ("北朝鮮", "ロシア", "NATO", "兵士", "ウクライナ外務省")]
    return SimpleNamespace(views=views, details=details, stats=stats(corpus), found=found)


@pytest.mark.parametrize("width", [60, 80, 100, 132, 200])
def test_the_seed_repository_is_drawn_as_rich_draws_it(seed: Any, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every one is drawn (ordinary data at ordinary widths is never left to rich), and is rich's.
    for views in (seed.views, [v for v in seed.views if "disputed" in v.statuses], seed.views[:1], []):
        assert _compare(listing.render_table, listing.rich_table, listing.plain_table, views, width, monkeypatch)
    assert _compare(stats_report.render_table, stats_report._render_table, stats_report.plain_table, seed.stats, width, monkeypatch)
    for result in seed.found:
        assert result.hits
        assert _compare(hits.render_table, hits.rich_table, hits.plain_table, result, width, monkeypatch)
    for d in seed.details:
        c = d.context
        shown = [detail.panel_record(d), [c.path, c.line, c.before, c.claim, c.after] if c is not None else None, d.context_problem]
        assert _compare(detail.render_panels, detail.rich_panels, detail.plain_panels, shown, width, monkeypatch)


# --- when it draws -------------------------------------------------------------------------


ENVS = [
    ({}, io.StringIO, True),
    ({"NO_COLOR": "1", "COLUMNS": "90"}, io.StringIO, True),
    ({"FORCE_COLOR": "1"}, io.StringIO, False),  # rich writes styles to a pipe then
    ({"TTY_COMPATIBLE": "1"}, io.StringIO, False),
    ({}, _Tty, False),  # a terminal: colour
    ({"NO_COLOR": "1"}, _Tty, False),  # a terminal without colour: still bold, dim, underline
    ({"TTY_COMPATIBLE": "0", "COLUMNS": "70"}, _Tty, True),
    ({"UNICODE_VERSION": "9.0.0"}, io.StringIO, False),  # rich measures by another table
]


@pytest.mark.parametrize(("env", "stream", "draws"), ENVS)
def test_it_draws_only_what_rich_writes_unstyled(seed: Any, env: dict[str, str], stream: Any, draws: bool,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert (plain.width_for(stream()) is not None) is draws
    for render, rich_render, data in (
        (listing.render_table, listing.rich_table, seed.views[:20]),
        (stats_report.render_table, stats_report._render_table, seed.stats),
        (hits.render_table, hits.rich_table, seed.found[0]),
    ):
        ours, theirs = stream(), stream()
        render(data, ours)
        rich_render(data, theirs)
        assert ours.getvalue() == theirs.getvalue()


class _Latin1(io.StringIO):
    encoding = "latin-1"


def test_a_stream_not_in_utf8_gets_riches_ascii_boxes(seed: Any) -> None:
    assert plain.width_for(_Latin1()) is None
    ours, theirs = _Latin1(), _Latin1()
    listing.render_table(seed.views[:3], ours)
    listing.rich_table(seed.views[:3], theirs)
    assert ours.getvalue() == theirs.getvalue() and "-" * 10 in ours.getvalue()


def test_another_rich_release_is_riches_to_draw(seed: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    release = plain._rich_release()
    assert release == rich_version()  # read without importing rich, as pip installed it
    assert plain.RELIED_ON == [rich.__file__]
    # It draws for the releases its rules were read from (the comparisons above
    # hold them to whichever rich is installed); for another, rich draws.
    assert (plain.width_for(io.StringIO()) is not None) is release.startswith(plain.RICH)
    monkeypatch.setattr(plain, "RICH", ("0.0.",))
    assert plain.width_for(io.StringIO()) is None
    assert not plain.draw(io.StringIO(), listing.plain_table, seed.views)


def rich_version() -> str:
    from importlib.metadata import version

    return version("rich")


def test_a_kept_answer_drawn_without_rich_depends_on_rich(seed: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Its bytes are rich's for this release: an upgrade leaves the answer stale.
    monkeypatch.setattr(plain, "RICH", (rich_version(),))
    assert plain.draw(io.StringIO(), listing.plain_table, seed.views[:2])
    assert rich.__file__ in answers._libraries()


def test_the_plain_constants_are_the_rich_modules() -> None:
    assert listing._TEXT_CELLS == rich_table_module.TEXT_CELLS


def test_drawing_a_table_loads_no_rich() -> None:
    code = (
        "import io, sys; from factcheck.report import stats; from factcheck.tally import tally_groups; "
        "r = tally_groups({'d': ('t', 'en')}, [('d', frozenset({'sourced'}), 3)]); "
        "out = io.StringIO(); stats.render_table(r, out); assert '─' in out.getvalue(), out.getvalue(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'typing')))"
    )
    env = {k: v for k, v in os.environ.items() if k not in TERMINAL_ENV}
    done = subprocess.run([sys.executable, "-c", code], env={**env, "COLUMNS": "120"}, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
