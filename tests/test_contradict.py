"""The contradiction detector: its kinds' documented examples, general behaviours, blocking, the eval script.

The one-line cases below were written for these tests, on subjects of no
labelled pairs file; the detector's quality on unseen pairs is measured by
``benchmarks/eval_contradictions.py``, not here.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.contradict import Verdict, analyse, candidates, compare
from factcheck.contradict.blocking import block
from factcheck.contradict.kinds import KINDS
from factcheck.model import Claim, Span

ROOT = Path(__file__).resolve().parents[1]


# --- each kind's docstring examples --------------------------------------------------

_EXAMPLE = re.compile(r'^(PASS|FAIL) \(([\w -]+)\): "(.+?)" /\s*"(.+?)"', re.MULTILINE | re.DOTALL)


def _examples() -> list[tuple[str, str, str, str, str]]:
    out = []
    for name, check in KINDS.items():
        doc = sys.modules[check.__module__].__doc__ or ""
        found = _EXAMPLE.findall(doc)
        assert {verdict for verdict, *_ in found} == {"PASS", "FAIL"}, f"{name}: needs a PASS and a FAIL example"
        out += [(name, verdict, label, " ".join(a.split()), " ".join(b.split())) for verdict, label, a, b in found]
    return out


@pytest.mark.parametrize(("kind", "verdict", "label", "a", "b"), _examples())
def test_kind_docstring_examples_hold(kind: str, verdict: str, label: str, a: str, b: str) -> None:
    v = compare(a, b)
    if verdict == "FAIL":
        assert v.contradiction and v.kind == label, v
    else:
        assert not v.contradiction, v


# --- behaviours, one folder of cases per kind ------------------------------------------

CASES_DIR = ROOT / "tests" / "data" / "contradict"


def _cases() -> list[tuple[str, str, str, str]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            out.append((path.stem, case["a"], case["b"], case["expect"]))
    return out


CASES = _cases()


def test_every_kind_has_cases_of_both_outcomes() -> None:
    for kind in KINDS:
        expects = {e for k, _, _, e in CASES if k == kind}
        assert kind in expects and "consistent" in expects, kind


_MIN_FOLDER_ACCURACY = 0.9  # the verdicts come from learned weights: a folder may keep a rare miss, named below


@pytest.mark.parametrize("folder", sorted({k for k, *_ in CASES}))
def test_each_folder_of_cases_holds(folder: str) -> None:
    cases = [(a, b, e) for k, a, b, e in CASES if k == folder]
    misses = []
    for a, b, expect in cases:
        v = compare(a, b)
        if (v.kind if v.contradiction else "consistent") != expect:
            misses.append(f"{expect}: {a} / {b} -> {v}")
    allowed = int(len(cases) * (1 - _MIN_FOLDER_ACCURACY) + 1e-9)
    assert len(misses) <= allowed, "\n".join(misses)


@pytest.mark.parametrize(("folder", "a", "b", "expect"), CASES)
def test_compare_is_symmetric(folder: str, a: str, b: str, expect: str) -> None:
    one, other = compare(a, b), compare(b, a)
    assert (one.contradiction, one.kind, one.score) == (other.contradiction, other.kind, other.score)
    assert one.evidence == other.evidence[::-1]


def test_evidence_names_the_two_aligned_values() -> None:
    v = compare("The land border is 17.3 km long and the coast 40 km.", "陸上国境は173km、海岸線は40kmである。")
    assert v.contradiction and v.kind == "quantity"
    assert v.evidence == ("17.3 km", "173km")


def test_no_conflict_scores_low() -> None:
    v = compare("The river is 1,200 km long.", "The river is about 750 miles long.")
    assert not v.contradiction and v.evidence == () and v.score < 0.5


def test_vocabulary_entries_are_strings() -> None:
    # YAML 1.1 reads a bare no, on or off as a boolean: every cue must stay a word.
    data = yaml.safe_load((ROOT / "factcheck" / "vocab" / "contradiction.yaml").read_text(encoding="utf-8"))

    def walk(x: object) -> list[object]:
        if isinstance(x, dict):
            return [v for value in x.values() for v in walk(value)]
        if isinstance(x, list):
            return [v for value in x for v in walk(value)]
        return [x]

    # The tables of numbers: the months of a part of a year, the days of a part of a month, the
    # shares fractions stand for and the counts before them.
    months = data["year_parts"].pop("months")
    days = data["year_parts"].pop("days")
    shares = [*data["fractions"].pop("en").values(), *data["fractions"].pop("ja").values()]
    counts = list(data["fractions"].pop("counts").values())
    assert all(isinstance(v, str) for v in walk(data))
    assert all(isinstance(m, int) and 1 <= m <= 12 for ms in months.values() for m in ms)
    assert all(isinstance(d, int) and 1 <= d <= 31 for ds in days.values() for d in ds)
    assert all(isinstance(s, int | float) and 0 < s <= 50 for s in shares)
    assert all(isinstance(c, int) and c >= 1 for c in counts)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_compare_never_raises(a: str, b: str) -> None:
    assert isinstance(compare(a, b), Verdict)


# --- the evaluation script ---------------------------------------------------------


def _load_eval(name: str = "eval_contradictions"):  # type: ignore[no-untyped-def]
    path = ROOT / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


PAIRS = """\
version: 1
pairs:
  - {id: t1, lang: en, label: contradiction, kind: date, a: {doc: d1, text: "x"}, b: {doc: d2, text: "y"}}
  - {id: t2, lang: en, label: contradiction, kind: date, a: {doc: d1, text: "x"}, b: {doc: d2, text: "y"}}
  - {id: t3, lang: ja, label: contradiction, kind: quantity, a: {doc: d1, text: "x"}, b: {doc: d2, text: "y"}}
  - {id: t4, lang: ja, label: consistent, kind: paraphrase, a: {doc: d1, text: "x"}, b: {doc: d2, text: "y"}}
  - {id: t5, lang: ja, label: consistent, kind: paraphrase, a: {doc: d1, text: "x"}, b: {doc: d2, text: "y"}}
  - {id: t6, lang: mixed, label: consistent, kind: approximation, a: {doc: d1, text: "x"}, b: {doc: d2, text: "y"}}
"""


def test_eval_metric_arithmetic(tmp_path: Path) -> None:
    ev = _load_eval()
    path = tmp_path / "pairs.yaml"
    path.write_text(PAIRS, encoding="utf-8")
    # t1 TP, t2 FN, t3 TP, t4 FP, t5 TN, t6 TN
    flagged = {"t1", "t3", "t4"}
    slices, results = ev.evaluate(ev.load_pairs(path), predictor=lambda p: p.id in flagged)
    by_name = {s.name: s.detector for s in slices}
    overall = by_name["all"]
    assert (overall.n, overall.tp, overall.fp, overall.fn, overall.tn) == (6, 2, 1, 1, 2)
    assert overall.precision == pytest.approx(2 / 3)
    assert overall.recall == pytest.approx(2 / 3)
    assert overall.f1 == pytest.approx(2 / 3)
    date = by_name["kind=date"]
    assert (date.precision, date.recall) == (1.0, 0.5) and date.f1 == pytest.approx(2 / 3)
    # Only consistent pairs: recall and F1 undefined; one FP makes precision 0, not "-".
    para = by_name["kind=paraphrase"]
    assert (para.fp, para.tn, para.precision, para.recall, para.f1) == (1, 1, 0.0, None, None)
    approx = by_name["kind=approximation"]
    assert (approx.precision, approx.recall, approx.f1) == (None, None, None)
    assert by_name["lang=mixed"].n == 1
    text = ev.render_text(slices, results, 0.0)
    row = next(line for line in text.splitlines() if line.startswith("kind=approximation"))
    assert row.split("|")[0].split()[-3:] == ["-", "-", "-"]
    assert "t2" in text and "t4" in text and "t5" not in text.split("errors")[1]


def test_eval_json_last_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ev = _load_eval()
    path = tmp_path / "pairs.yaml"
    path.write_text(
        "version: 1\npairs:\n"
        '  - {id: j1, lang: en, label: contradiction, kind: date, a: {doc: d1, text: "The Corvin Bridge opened on 4 June 1963."},'
        ' b: {doc: d2, text: "Corvin Bridge was opened on 14 June 1963."}}\n'
        '  - {id: j2, lang: en, label: consistent, kind: date, a: {doc: d1, text: "The Harlan Dam was completed in May 1954."},'
        ' b: {doc: d2, text: "Harlan Dam was completed on 20 May 1954."}}\n',
        encoding="utf-8",
    )
    assert ev.main([str(path), "--format", "json"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    data = json.loads(last)
    assert {"n", "precision", "recall", "f1", "tp", "fp", "fn", "tn", "by_lang", "by_kind", "errors"} <= set(data)
    assert (data["n"], data["tp"], data["tn"], data["f1"]) == (2, 1, 1, 1.0)
    assert (data["by_lang"]["en"]["tp"], data["by_kind"]["date"]["n"], data["errors"]) == (1, 2, [])
    assert "ja" in data["by_lang"] and data["by_lang"]["ja"]["n"] == 0


def test_scan_of_copied_pages_proposes_the_planted_conflict_only(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    ev = _load_eval("eval_scan_pages")
    docs = tmp_path / "pages" / "docs"
    docs.mkdir(parents=True)
    (docs / "wiki-canal.txt").write_text(
        "Marsh Canal\n\nThe Marsh Canal is a canal in Varde. It is 17.3 km long and was opened in 1911.\n",
        encoding="utf-8")
    (docs / "news-canal.txt").write_text(
        "Canal back in use\n\nThe Marsh Canal, about 17 km long, reopened to boats in 2020 after repairs.\n",
        encoding="utf-8")
    (docs / "blog-canal.txt").write_text(
        "A walk on the Marsh Canal\n\nI walked the Marsh Canal last week. The canal is 173 km long and was opened"
        " in 1911.\n", encoding="utf-8")
    (tmp_path / "pages" / "expect.yaml").write_text(
        "version: 1\nitems:\n"
        '  - {id: c1, expect: conflict, a: {doc: wiki-canal, snippet: "17.3 km long"}, b: {doc: blog-canal, snippet: "173 km"}}\n'
        '  - {id: n1, expect: no-conflict, a: {doc: wiki-canal, snippet: "17.3 km"}, b: {doc: news-canal, snippet: "about 17 km"}}\n',
        encoding="utf-8")
    assert ev.main([str(tmp_path / "pages"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (data["proposed"], data["negatives_proposed"], data["missed"]) == (1, 0, [])
    assert data["evidence_in_claims"] == data["proposals"] >= 1


# --- candidates and blocking ------------------------------------------------------------


def claim(cid: str, document: str, text: str) -> Claim:
    return Claim(id=cid, text=text, location=Span(1, 1, 1, len(text) + 1), document=document)


def test_candidates_pair_only_claims_of_different_documents_unless_within() -> None:
    claims = [
        claim("a1", "doc-a", "青葉美術館は1989年5月に開館した。"),
        claim("a2", "doc-a", "青葉美術館の開館は1992年5月である。"),
        claim("b1", "doc-b", "The Vessen Library holds 2.4 million books."),
        claim("c1", "doc-c", "The Vessen Library holds 4.2 million books."),
    ]
    across = {(c.a, c.b) for c in candidates(claims)}
    assert across == {("b1", "c1")}
    within = {(c.a, c.b): c.within_document for c in candidates(claims, within=True)}
    assert within == {("b1", "c1"): False, ("a1", "a2"): True}


def test_candidates_reach_across_languages() -> None:
    claims = [
        claim("ja1", "wiki-ja", "北浜トンネルは2001年4月に開通した。"),
        claim("en1", "news-en", "The Kitahama Tunnel opened in April 2004."),
        claim("en2", "news-en", "The Orla Bridge opened in 1963."),
    ]
    found = {(c.a, c.b) for c in candidates(claims)}
    assert ("ja1", "en1") in found


def test_candidates_skip_non_factual_claims() -> None:
    a = claim("a1", "doc-a", "The Vessen Library holds 2.4 million books.")
    b = Claim(id="b1", text="The Vessen Library holds 4.2 million books.", location=Span(1, 1, 1, 2),
              document="doc-b", kind="opinion")
    assert candidates([a, b]) == []


def test_the_seed_article_contradicts_itself_within() -> None:
    from factcheck.cli.common import load_corpus

    corpus = load_corpus(ROOT)
    proposed = {(c.a, c.b) for c in candidates(corpus.claims, within=True) if c.within_document}
    assert ("wiki-ja-kp-ua-relations-001", "wiki-ja-kp-ua-relations-009") in proposed


def test_blocking_never_walks_all_pairs() -> None:
    # 600 claims on 600 different subjects share only common words: blocking yields
    # no pair, where an all-pairs loop would compare 179,700.
    texts = [analyse(f"The Subject{i} Bridge opened in {1900 + i % 100}.") for i in range(600)]
    pairs = list(block(texts, [f"d{i}" for i in range(600)]))
    assert len(pairs) < 600


def test_pages_of_one_topic_share_its_subject_where_their_sentences_do_not_name_it() -> None:
    from factcheck.contradict.blocking import document_topics

    wiki = [claim("w1", "wiki", "The Harlow Viaduct is a railway viaduct in Varde."),
            claim("w2", "wiki", "The Harlow Viaduct was designed by Ines Varga."),
            claim("w3", "wiki", "It opened to traffic on 4 June 1963.")]
    blog = [claim("b1", "blog", "I finally walked across the Harlow Viaduct last summer."),
            claim("b2", "blog", "It opened to traffic on 14 June 1963, my guidebook says.")]
    other = [claim("o1", "other", "The Kestle Dam is a dam in Lund."),
             claim("o2", "other", "It opened to traffic on 14 June 1963.")]
    topics = document_topics([analyse(c.text) for c in wiki + blog + other], [c.document for c in wiki + blog + other])
    assert topics["wiki"] & topics["blog"] and not topics["wiki"] & topics["other"]
    found = {(c.a, c.b) for c in candidates(wiki + blog + other)}
    assert ("w3", "b2") in found or ("b2", "w3") in found
    assert not {("w3", "o2"), ("o2", "w3")} & found  # another page's "it" is another thing


def test_two_figures_of_one_page_conflict_only_when_their_measure_is_named_alike() -> None:
    page = [claim("p1", "wiki", "Attendance reached 385,000 visitors in fiscal 2031, a record for the hall."),
            claim("p2", "wiki", "In fiscal 2031 the building welcomed 358,000 visitors, its annual report says."),
            claim("p3", "wiki", "Its main auditorium seats 1,850 people.")]
    found = {(c.a, c.b) for c in candidates(page, within=True)}
    assert ("p1", "p2") in found and not {("p1", "p3"), ("p2", "p3"), ("p3", "p1"), ("p3", "p2")} & found
    # Two sections of one page (History / Equipment) mostly describe two things.
    apart = [replace(page[0], section="History"), replace(page[1], section="Visitors")]
    assert not candidates(apart, within=True)


def test_a_page_title_names_its_topic_where_its_sentences_do_not() -> None:
    wiki = [claim("w1", "wiki", "It is a steel arch bridge over the Tane estuary near Varde."),
            claim("w2", "wiki", "It opened to traffic on 4 June 1963.")]
    blog = [claim("b1", "blog", "My brother and I drove down from Lund last summer to walk across it."),
            claim("b2", "blog", "It opened to traffic on 14 June 1963, my guidebook says.")]
    untitled = {(c.a, c.b) for c in candidates(wiki + blog)}
    titled = {(c.a, c.b) for c in candidates(wiki + blog, titles={"wiki": "Harlow Viaduct",
                                                                  "blog": "A walk over the Harlow Viaduct"})}
    assert not {("w2", "b2"), ("b2", "w2")} & untitled and {("w2", "b2"), ("b2", "w2")} & titled


def test_on_pages_of_one_topic_a_slipped_digit_is_proposed_whatever_else_the_claims_name() -> None:
    from factcheck.contradict import analyse, compare_analyses

    wreck = analyse("The wreck of the Toyoura Maru lies 14.2 km north-east of Dogo.", "en")
    slipped = analyse("Divers found the hull 142 km north-east of the Oki pier, the researchers said.", "en")
    other = analyse("Divers found the hull 19.0 km north-east of the Oki pier, the researchers said.", "en")
    assert compare_analyses(wreck, slipped, scan=True, topic="one").contradiction
    assert not compare_analyses(wreck, slipped, scan=True, topic=None).contradiction
    assert not compare_analyses(wreck, other, scan=True, topic="one").contradiction


def test_blocking_brings_together_two_claims_holding_one_figure_s_digits() -> None:
    # They share no word: the transposed mass (1,370 / 1,730 kg) is what ties them.
    claims = [analyse("Heron-1 had a launch mass of 1,370 kg.", "en"),
              analyse("The 1,730-kilogram satellite circles Earth.", "en")]
    fillers = [analyse(f"The depot number {i} handled {i * 7} parcels on Monday.", "en") for i in range(40)]
    docs = ["a", "b"] + [f"f{i}" for i in range(40)]
    assert any({i, j} == {0, 1} for i, j, _ in block(claims + fillers, docs))
