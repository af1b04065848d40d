"""The learned combiner: its weights file, its bar, and that it never proposes without evidence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factcheck.contradict import analyse, combine, compare, compare_analyses
from factcheck.contradict.combine import Weights, decide, probability
from factcheck.contradict.features import FEATURES, Signals, signals
from factcheck.contradict.model import Conflict, PairContext

ROOT = Path(__file__).resolve().parents[1]


def test_weights_file_covers_exactly_the_features() -> None:
    # A feature added without retraining would weigh nothing; a stale name would be ignored.
    w = combine.weights()
    assert set(w.weights) == set(FEATURES)
    assert 0.0 < w.threshold <= w.scan_threshold < 1.0


def test_a_scan_weighs_with_its_own_model() -> None:
    # The pair model learned from labelled pairs alone, the scan model from the corpus of blocked
    # pairs as well: both cover every feature, they differ, and each mode uses its own.
    pair, scan = combine.weights(), combine.weights(scan=True)
    assert set(scan.weights) == set(FEATURES) and scan.weights != pair.weights
    s = signals(PairContext(analyse("The bridge opened in 1998."), analyse("The bridge opened in 2001.")))
    assert decide(s)[0] == pytest.approx(probability(s, pair))
    assert decide(s, scan=True)[0] == pytest.approx(probability(s, scan))
    assert probability(s, pair) != pytest.approx(probability(s, scan))


def test_two_editions_never_conflict_on_their_dates_or_figures() -> None:
    w = Weights(bias=5.0, weights={"date_aligned": 1.0}, threshold=0.5, scan_threshold=0.6)
    s = Signals(values={"qualifiers_differ": 1.0, "date_aligned": 1.0},
                evidence={"date": Conflict("date", 0.5, "2018", "2019")})
    assert decide(s, w)[1] is None
    s.values["qualifiers_differ"] = 0.0
    assert decide(s, w)[1] is not None


def test_a_denial_said_to_be_possible_is_shown_as_no_denial() -> None:
    s = signals(PairContext(analyse("The fire may not have been caused by lightning.", "en"),
                            analyse("The fire was caused by lightning.", "en")))
    assert "polarity" not in s.evidence
    s = signals(PairContext(analyse("The fire was not caused by lightning.", "en"),
                            analyse("The fire was caused by lightning.", "en")))
    assert "polarity" in s.evidence


def test_signals_name_only_known_features() -> None:
    s = signals(PairContext(analyse("The bridge opened in 1998."), analyse("橋は2001年に開通した。")))
    assert set(s.values) <= set(FEATURES)
    assert len(s.vector()) == len(FEATURES)


def test_no_evidence_no_conflict_whatever_the_weights() -> None:
    eager = Weights(bias=10.0, weights={}, threshold=0.5, scan_threshold=0.6)
    s = Signals(values={"similarity": 1.0})
    p, conflict = decide(s, eager)
    assert p > 0.99 and conflict is None


def test_the_kind_that_weighs_most_names_the_conflict() -> None:
    w = Weights(bias=0.0, weights={"date_aligned": 3.0, "figure_incompatible": 1.0}, threshold=0.5,
                scan_threshold=0.6)
    s = Signals(values={"date_aligned": 1.0, "figure_incompatible": 1.0}, evidence={
        "date": Conflict("date", 0.5, "1998", "2001"), "quantity": Conflict("quantity", 0.5, "5 km", "7 km")})
    _, conflict = decide(s, w)
    assert conflict is not None and conflict.kind == "date" and conflict.evidence == ("1998", "2001")
    assert probability(s, w) == pytest.approx(1 / (1 + pow(2.718281828459045, -4.0)), rel=1e-6)


def test_a_scan_needs_a_kind_rule_as_well() -> None:
    w = Weights(bias=0.0, weights={"names_unmatched": 5.0}, threshold=0.5, scan_threshold=0.6)
    s = Signals(values={"names_unmatched": 1.0, "rule_entity": 0.0},
                evidence={"entity": Conflict("entity", 0.5, "Oslo", "Bergen")}, same_subject=True)
    assert decide(s, w)[1] is not None
    assert decide(s, w, scan=True)[1] is None
    s.values["rule_entity"] = 0.7
    assert decide(s, w, scan=True)[1] is not None
    s.same_subject = False  # a river's source and a bridge's tower: two heights of two things
    assert decide(s, w)[1] is not None and decide(s, w, scan=True)[1] is None


def test_a_scan_does_not_compare_heights_of_two_things() -> None:
    a = analyse("The river rises at a height of about 410 metres on the eastern slope of the moor.")
    b = analyse("The main tower of the bridge is 85 metres high and stands in the middle of the span.")
    assert not compare_analyses(a, b, scan=True).contradiction
    # Two infobox rows of two articles: one word each says nothing of their subject.
    assert not compare_analyses(analyse("所在地 群馬県沼上市稲荷町3-12"), analyse("所在地 新潟県芦見市"), scan=True).contradiction


def test_verdict_score_is_the_probability() -> None:
    v = compare("The Marsh Canal is 17.3 km long.", "The Marsh Canal is 173 km long.")
    a, b = analyse("The Marsh Canal is 17.3 km long."), analyse("The Marsh Canal is 173 km long.")
    assert v.contradiction and v.score == round(probability(signals(PairContext(a, b))), 3)
    assert compare_analyses(a, b, scan=True).contradiction  # a rule holds too: a scan proposes it


def test_training_script_estimates_without_writing(tmp_path: Path) -> None:
    pairs = yaml.safe_load((ROOT / "benchmarks" / "pairs" / "cases.yaml").read_text(encoding="utf-8"))["pairs"]
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(yaml.safe_dump({"version": 1, "pairs": pairs[:40]}, allow_unicode=True), encoding="utf-8")
    two.write_text(yaml.safe_dump({"version": 1, "pairs": pairs[40:80]}, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "combiner.yaml"
    verdicts = tmp_path / "oof.json"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "train_contradictions.py"), str(one), str(two),
                          "--out", str(out), "--check", "--oof", str(verdicts)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "one.yaml" in run.stdout and "all (pooled)" in run.stdout
    assert not out.exists()
    # Each pair once, scored by the model fitted on the other file only.
    held = json.loads(verdicts.read_text(encoding="utf-8"))
    assert [v["id"] for v in held] == [p.get("id") for p in pairs[:80]]
    assert all(0.0 <= v["p"] <= 1.0 and v["flagged"] == (v["p"] >= 0.5) for v in held)
    assert {v["file"] for v in held} == {"one.yaml", "two.yaml"}
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "train_contradictions.py"), str(one), str(two),
                          "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert set(written["weights"]) == set(FEATURES) and written["pairs"] == 80
    assert written["pairwise"] and all("*" in name for name in written["pairwise"])


def test_on_a_page_of_one_topic_a_denial_must_repeat_most_of_the_other_claims_words() -> None:
    w = Weights(bias=0.0, weights={"rule_polarity": 5.0}, threshold=0.5, scan_threshold=0.6)
    denial = Conflict("polarity", 0.8, "negated: …", "affirmed: …", "one side denies")
    s = Signals(values={"rule_polarity": 0.8, "overlap_min": 0.2}, evidence={"polarity": denial})
    assert decide(s, w, scan=True, topic="one")[1] is None  # 死者は出なかった / 宣言が出たのは4月: one verb
    s.values["overlap_min"] = 0.8
    assert decide(s, w, scan=True, topic="one")[1] is not None


def test_a_scan_takes_two_dates_for_one_event_only_when_their_predicates_say_so() -> None:
    w = Weights(bias=0.0, weights={"rule_date": 5.0}, threshold=0.5, scan_threshold=0.6)
    dates = Conflict("date", 0.8, "3月17日", "3月24日", "same event, different dates")
    s = Signals(values={"rule_date": 0.8, "date_aligned": 0.5}, evidence={"date": dates}, same_subject=True)
    assert decide(s, w)[1] is not None  # two claims put side by side by a person: the weights decide
    assert decide(s, w, scan=True)[1] is None  # 発生した / 発表した: predicates no group relates
    s.values["date_aligned"] = 1.0
    assert decide(s, w, scan=True)[1] is not None


@pytest.mark.parametrize(("a", "b", "evidence"), [
    # paid / returned are in no antonym table: the words come from the negation's own scope.
    ("The company paid the fine in March.", "The company has not paid the fine.", ("paid", "not paid")),
    ("The museum returned the statue to Greece.", "The museum never returned the statue to Greece.",
     ("returned", "never returned")),
])
def test_a_denial_names_the_words_it_denies_and_the_words_that_say_them(
        a: str, b: str, evidence: tuple[str, str]) -> None:
    v = compare(a, b, lang_a="en", lang_b="en")
    assert v.contradiction and v.kind == "polarity"
    assert v.evidence == evidence
    assert v.evidence[0] in a and v.evidence[1] in b  # values as written, not a paraphrase


def test_a_slipped_figure_on_one_page_is_proposed_though_the_claims_name_other_things() -> None:
    # "a list price of $11,450 a month ... Corvexa" / "the monthly list price of $14,150 ... IPF":
    # one page, one measure named alike, the same digits in another order.
    w = Weights(bias=5.0, weights={"rule_quantity": 1.0}, threshold=0.5, scan_threshold=0.5)
    s = Signals(values={"rule_quantity": 0.95}, evidence={"quantity": Conflict("quantity", 0.95, "$11,450", "$14,150")},
                named_apart=True)
    assert decide(s, w, scan=True, topic="page")[1] is not None
    s.values["rule_quantity"] = 0.8  # the measure named alike, but no slip: the names may be two subjects
    assert decide(s, w, scan=True, topic="page")[1] is None


def test_on_pages_of_one_topic_opposite_acts_on_one_day_share_a_subject() -> None:
    w = Weights(bias=0.0, weights={"rule_polarity": 5.0}, threshold=0.5, scan_threshold=0.5)
    s = Signals(values={"rule_polarity": 0.7, "poles_opposed": 1.0, "overlap_min": 0.2},
                evidence={"polarity": Conflict("polarity", 0.7, "lowered", "raised")})
    assert decide(s, w, scan=True, topic="one")[1] is None  # few words in common, no day in common
    s.same_day = True  # "On 2 September … lowered the alert" / "On September 2 … raised the alert"
    assert decide(s, w, scan=True, topic="one")[1] is not None
    s.named_apart = True
    assert decide(s, w, scan=True, topic="one")[1] is None


def test_on_pages_of_one_topic_two_credits_of_one_work_are_weighed_as_a_pair() -> None:
    # Two architects of one library's exterior: the scan weights discount two names apart (in real
    # pages they mostly make two subjects); on two pages about one thing they are its two credits.
    a = analyse("基本計画は県の技術陣がまとめ、新しい図書館の外観のデザインは建築家の水野晴美が担当した。")
    b = analyse("外観のデザインを手がけたのは建築家の大西拓也さんで、本棚をイメージしているそうです。")
    v = compare_analyses(a, b, scan=True, topic="one")
    assert v.contradiction and v.kind == "attribution" and set(v.evidence) == {"水野晴美", "大西拓也"}
    assert v.score >= combine.weights().threshold
    for topic in (None, "two", "page"):  # nothing says the pages are about one thing
        assert not compare_analyses(a, b, scan=True, topic=topic).contradiction


def test_two_signals_together_weigh_their_product_weight_as_well() -> None:
    # "22 wins and 6 losses" / "22 wins and 8 losses": an agreeing figure beside one that does not
    # means more than either signal alone, which a weight per signal cannot say.
    w = Weights(bias=0.0, weights={"figure_agree": -1.0, "figure_incompatible": 1.0}, threshold=0.5,
                scan_threshold=0.6, pairs={"figure_agree*figure_incompatible": 2.0})
    alone = Signals(values={"figure_agree": 1.0})
    both = Signals(values={"figure_agree": 1.0, "figure_incompatible": 1.0})
    assert probability(alone, w) == pytest.approx(1 / (1 + pow(2.718281828459045, 1.0)), rel=1e-6)
    assert probability(both, w) == pytest.approx(1 / (1 + pow(2.718281828459045, -2.0)), rel=1e-6)


def test_the_shipped_pair_weights_hold_products_of_paired_signals_and_the_scan_weights_none() -> None:
    from factcheck.contradict.features import PAIRED
    w = combine.weights()
    assert w.pairs, "the pair model weighs products of signals"
    for name in w.pairs:
        x, y = name.split("*")
        assert x in PAIRED and y in PAIRED and PAIRED.index(x) < PAIRED.index(y)
    assert not combine.weights(scan=True).pairs  # the scan model weighs the signals alone
