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
TERMINAL_ENV = ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "UNICODE_VERSION", "TERM", "COLORTERM")


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in TERMINAL_ENV:
        monkeypatch.delenv(name, raising=False)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


# A terminal's colour system as rich detects it (Console._detect_color_system)
# from the environment, and whether NO_COLOR is set; None: a pipe.
TERMINALS = {
    "standard": {"TERM": "xterm"},
    "256": {"TERM": "xterm-256color"},
    "truecolor": {"COLORTERM": "truecolor", "TERM": "xterm-256color"},
}
TERM = st.one_of(st.none(), st.tuples(st.sampled_from(sorted(TERMINALS)), st.booleans()))


def fresh_rich_styles() -> None:
    """rich keeps a style's codes once written (Style._ansi, on parsed and
    combined styles shared across consoles), for whichever colour system
    wrote it first: in a process that draws once that is its terminal's,
    but the tests draw for several in one process."""
    from rich.default_styles import DEFAULT_STYLES
    from rich.style import Style

    Style.parse.cache_clear()
    Style._add.cache_clear()
    for style in DEFAULT_STYLES.values():
        style._ansi = None


def _terminal(term: tuple[str, bool] | None, width: int, monkeypatch: pytest.MonkeyPatch) -> type[io.StringIO]:
    """The conditions of ``term`` at ``width``: the stream class to write to."""
    monkeypatch.setenv("COLUMNS", str(width))
    for name in ("TERM", "COLORTERM", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    if term is None:
        return io.StringIO
    system, no_color = term
    for name, value in TERMINALS[system].items():
        monkeypatch.setenv(name, value)
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    return _Tty


def _compare(render: Callable[[Any, Any], None], rich_render: Callable[[Any, Any], None], draw: Callable[..., str],
             data: Any, width: int, monkeypatch: pytest.MonkeyPatch, term: tuple[str, bool] | None = None) -> bool:
    """rich's bytes at ``width`` (COLUMNS; a pipe, or a terminal of ``term``'s
    colour system) against the plain drawing: equal when it draws; True when
    it drew.  The command's renderer (plain first, rich when uncertain) gives
    rich's bytes either way."""
    stream = _terminal(term, width, monkeypatch)
    found = plain.ink_for(stream())
    assert found is not None and found[0] == width
    ink = found[1]
    if term is None:
        assert ink is None
    else:
        assert ink is not None and ink.system == term[0] and ink.no_color == term[1]
    theirs = stream()
    fresh_rich_styles()
    try:
        rich_render(data, theirs)
    except Exception as exc:  # rich fails on some joiners at narrow widths: then so does the command, and nothing is drawn
        with pytest.raises(type(exc)):
            render(data, stream())
        with pytest.raises(plain.Uncertain):
            draw(data, width, ink)
        return False
    ours = stream()
    fresh_rich_styles()
    render(data, ours)
    assert ours.getvalue() == theirs.getvalue()
    try:
        drawn = draw(data, width, ink)
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
@given(views=st.lists(VIEW, max_size=6), width=WIDTHS, term=TERM)
def test_the_list_table_is_riches(views: list[_View], width: int, term: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _compare(listing.render_table, listing.rich_table, listing.plain_table, views, width, monkeypatch, term)


def _hit(view: _View | None, score: int, spans: list[tuple[int, int]], document: str) -> Hit:
    text = view.claim.text if view is not None else "a reference / 出版社"
    spans = [(min(a, len(text)), min(a + n, len(text))) for a, n in spans]
    kind = "claim" if view is not None else "reference"
    return Hit(kind, view.id if view else f"ref-{score}", document, text, Score(score, 0, 0, 0, tuple(spans)), view)


HIT = st.builds(_hit, st.one_of(st.none(), VIEW), st.integers(0, 100), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=3), WORD)


@SETTINGS
@given(found=st.lists(HIT, max_size=5), width=WIDTHS, term=TERM)
def test_the_search_table_is_riches(found: list[Hit], width: int, term: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    result = SearchResult("q", tuple(found))
    _compare(hits.render_table, hits.rich_table, hits.plain_table, result, width, monkeypatch, term)


@SETTINGS
@given(documents=st.dictionaries(WORD, st.just(("t", "en")), max_size=6), seed=st.integers(0, 10**6), width=WIDTHS, term=TERM)
def test_the_stats_table_is_riches(documents: dict[str, tuple[str, str]], seed: int, width: int, term: Any,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    rng = random.Random(seed)
    groups = [(d, frozenset(rng.sample(STATUSES, rng.randrange(0, 4))), rng.choice([0, 1, 7, 99, 12345, 10**9]))
              for d in documents for _ in range(rng.randrange(0, 3))]
    result = tally_groups(documents, groups)
    _compare(stats_report.render_table, stats_report._render_table, stats_report.plain_table, result, width, monkeypatch, term)


RUNS = st.lists(st.tuples(TEXT, st.sampled_from(["", "bold", "italic", "blue", "dim", "yellow", "bold dark_orange"])).map(list),
               min_size=1, max_size=4)
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
@given(record=PANEL, context=CONTEXT, problem=st.sampled_from(["", "the source file is gone", "sources/x.txt: 読めない"]),
       width=WIDTHS, term=TERM)
def test_the_show_panels_are_riches(record: dict[str, Any], context: list[Any] | None, problem: str, width: int, term: Any,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _compare(detail.render_panels, detail.rich_panels, detail.plain_panels, [record, context, problem], width, monkeypatch, term)


def _many_documents(count: int, *, wide: bool = False) -> Any:
    """The counts of ``count`` documents (a desk's year), names and count
    lengths varied; one name of wide characters when ``wide``."""
    import random

    rng = random.Random(count)
    names = [f"{rng.choice(['wiki-ja', 'news-en', 'blog-ja-ru', 'x'])}-{n:05d}" for n in range(count)]
    names[:3] = ["a b", "trailing ", " lead"]  # spaces kept where they stand
    if wide:
        names[3] = "北朝鮮-ja-00001"
    documents = {name: ("t", "en") for name in names}
    groups = [(d, frozenset(rng.sample(STATUSES, rng.randrange(0, 4))), rng.choice([0, 1, 7, 42, 99, 100, 12345]))
              for d in names for _ in range(rng.randrange(0, 3))]
    return tally_groups(documents, groups)


@pytest.mark.parametrize(("width", "term", "wide"), [
    (100, ("standard", False), False), (100, ("truecolor", False), False), (140, ("standard", False), False),
    (140, ("truecolor", False), False), (100, ("256", True), False), (100, None, False), (140, None, False),
    (100, ("256", False), True), (140, None, True),
])
def test_a_long_stats_table_is_drawn_a_column_at_a_time_as_rich_draws_it(width: int, term: Any, wide: bool,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # 2,000 rows: the body is drawn at once (each distinct text of a column
    # laid out once, the rows joined), not cell by cell, and is rich's bytes.
    result = _many_documents(2000, wide=wide)
    bodies: list[Any] = []

    def body_lines(*args: Any) -> Any:
        bodies.append(found := body(*args))
        return found

    body = plain._body_lines
    monkeypatch.setattr(plain, "_body_lines", body_lines)
    assert _compare(stats_report.render_table, stats_report._render_table, stats_report.plain_table, result, width,
                    monkeypatch, term)
    assert bodies and all(b is not None and len(b) == 2000 for b in bodies)



@pytest.mark.parametrize(("width", "term"), [(80, ("standard", False)), (80, ("truecolor", False)), (60, ("256", True)),
                                             (80, None)])
def test_long_stats_lines_are_drawn_as_rich_draws_them(width: int, term: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Too narrow for the table: 2,000 documents' lines, each pattern of
    # count lengths laid out (and styled) once, are rich's bytes.
    assert _compare(stats_report.render_table, stats_report._render_table, stats_report.plain_table,
                    _many_documents(2000), width, monkeypatch, term)


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


SEED_CONDITIONS = [(width, term) for width in (60, 80, 100, 132, 200)
                   for term in (None, ("standard", False), ("256", False), ("truecolor", False))]
SEED_CONDITIONS += [(80, ("256", True)), (100, ("truecolor", True))]


@pytest.mark.parametrize(("width", "term"), SEED_CONDITIONS)
def test_the_seed_repository_is_drawn_as_rich_draws_it(seed: Any, width: int, term: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every one is drawn (ordinary data at ordinary widths is never left to
    # rich), on a pipe and on a terminal of each colour system, and is rich's.
    for views in (seed.views, [v for v in seed.views if "disputed" in v.statuses], seed.views[:1], []):
        assert _compare(listing.render_table, listing.rich_table, listing.plain_table, views, width, monkeypatch, term)
    assert _compare(stats_report.render_table, stats_report._render_table, stats_report.plain_table, seed.stats, width,
                    monkeypatch, term)
    for result in seed.found:
        assert result.hits
        assert _compare(hits.render_table, hits.rich_table, hits.plain_table, result, width, monkeypatch, term)
    for d in seed.details:
        c = d.context
        shown = [detail.panel_record(d), [c.path, c.line, c.before, c.claim, c.after] if c is not None else None, d.context_problem]
        assert _compare(detail.render_panels, detail.rich_panels, detail.plain_panels, shown, width, monkeypatch, term)


# --- when it draws -------------------------------------------------------------------------


ENVS = [
    ({}, io.StringIO, None),
    ({"NO_COLOR": "1", "COLUMNS": "90"}, io.StringIO, None),
    ({"FORCE_COLOR": "1"}, io.StringIO, "standard"),  # rich writes styles to a pipe then
    ({"FORCE_COLOR": "1", "TERM": "xterm-kitty"}, io.StringIO, "256"),
    ({"TTY_COMPATIBLE": "1", "COLORTERM": "24bit"}, io.StringIO, "truecolor"),
    ({"FORCE_COLOR": ""}, io.StringIO, None),  # empty: not forced
    ({}, _Tty, "standard"),  # a terminal: colour
    ({"TERM": "screen-256color"}, _Tty, "256"),
    ({"TERM": "xterm-16color", "COLUMNS": "70"}, _Tty, "standard"),
    ({"NO_COLOR": "1", "COLORTERM": "truecolor"}, _Tty, "truecolor"),  # a terminal without colour: still bold, dim, underline
    ({"TERM": "dumb", "COLUMNS": "70"}, _Tty, "dumb"),  # rich writes no style, at 80 columns unless LINES is set too
    ({"TERM": "dumb", "COLUMNS": "70", "LINES": "20"}, _Tty, "dumb"),
    ({"TTY_COMPATIBLE": "0", "COLUMNS": "70"}, _Tty, None),
    ({"UNICODE_VERSION": "9.0.0"}, io.StringIO, False),  # rich measures by another table
    ({"UNICODE_VERSION": "9.0.0"}, _Tty, False),
]


@pytest.mark.parametrize(("env", "stream", "system"), ENVS)
def test_it_draws_what_rich_writes_where_it_writes_it(seed: Any, env: dict[str, str], stream: Any, system: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # ``system``: the colour system plain writes in (None: no styles; False: rich draws).
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    found = plain.ink_for(stream())
    if system is False:
        assert found is None
    else:
        assert found is not None
        ink = found[1]
        assert (ink.system if ink is not None and ink.system else ("dumb" if ink is not None else None)) == system
        assert ink is None or ink.no_color == ("NO_COLOR" in env)
    for render, rich_render, data in (
        (listing.render_table, listing.rich_table, seed.views[:20]),
        (stats_report.render_table, stats_report._render_table, seed.stats),
        (hits.render_table, hits.rich_table, seed.found[0]),
        (detail.render_table, detail.rich_panels, seed.details[7]),
    ):
        ours, theirs = stream(), stream()
        fresh_rich_styles()
        if rich_render is detail.rich_panels:
            c = data.context
            rich_render([detail.panel_record(data), [c.path, c.line, c.before, c.claim, c.after], data.context_problem], theirs)
        else:
            rich_render(data, theirs)
        fresh_rich_styles()
        render(data, ours)
        assert ours.getvalue() == theirs.getvalue()
        if system is not False:  # styles exactly where a colour system is
            assert ("\x1b[" in ours.getvalue()) is (system in plain.SYSTEMS)


def test_the_styles_are_riches() -> None:
    # Every style the reports give, combined as they are, in each colour system, as rich writes it.
    from rich.color import ColorSystem
    from rich.style import Style

    from factcheck.report.styles import STATUS_STYLES

    names = {*STATUS_STYLES.values(), "cyan", "bold", "dim", "bold cyan", "bold underline", "bold reverse", "italic",
             "blue", "yellow", "red", "bold red", "magenta", "bold dark_orange"}
    systems = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT, "truecolor": ColorSystem.TRUECOLOR}
    for system, colour_system in systems.items():
        for no_color in (False, True):
            ink = plain.Ink(system, no_color)
            for first in names:
                for second in ("", *names):
                    combined = Style.parse(first) + Style.parse(second) if second else Style.parse(first)
                    style = combined.without_color if no_color else combined.copy()
                    style._ansi = None
                    codes = style._make_ansi_codes(colour_system)
                    assert ink.codes((first, second) if second else (first,)) == codes, (system, first, second)
    with pytest.raises(plain.Uncertain):
        plain.Ink("256").codes(("on red",))


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
