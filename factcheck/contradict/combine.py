"""Weigh a pair's signals into one probability of conflict, with weights learned from labelled pairs.

The weights are data (``combiner.yaml``), written by
``benchmarks/train_contradictions.py`` from the labelled pairs it names, and
read here: a logistic model over :data:`features.FEATURES`.  A pair is
proposed only when the probability reaches the file's threshold *and* some
kind holds evidence (two aligned values), so the combiner can never
propose a conflict from wording alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from factcheck.contradict.features import PAIRED, Signals, pair_name
from factcheck.contradict.model import Conflict, Kind

__all__ = ["Topic", "Weights", "decide", "probability", "weights"]

# Which features speak for which kind: the kind a verdict names is the one whose features weigh most.
_KIND_OF: dict[str, Kind] = {
    "rule_quantity": "quantity", "figure_": "quantity",
    "rule_date": "date", "date_": "date",
    "rule_attribution": "attribution", "credit_": "attribution", "quotes_both": "attribution",
    "rule_entity": "entity", "name_": "entity", "role_swap": "entity", "corrected": "entity",
    "other_agent": "entity", "focus_": "entity",
    "rule_polarity": "polarity", "negation_": "polarity", "parity_": "polarity", "poles_": "polarity",
    "denies_shared": "polarity", "restarted_halted": "polarity", "stance_opposed": "polarity",
}


_OF_EACH_EDITION: frozenset[Kind] = frozenset({"date", "quantity", "entity"})

Topic = Literal["one", "two", "page"] | None  # what the claims' documents say of their subject

# The quantity rule's score when the words around two figures name one measure (its alignment
# at 0.9 or more: "operating profit ... £412m" / "operating profit ... £421m").
_TOPIC_QUANTITY = 0.78
_TOPIC_POLARITY_OVERLAP = 0.5  # the share of each claim's words a denial on a page of one topic must repeat
_TOPIC_SLIP = 0.9  # the quantity rule's score for a slipped digit or decimal point


@dataclass(frozen=True)
class Weights:
    bias: float
    weights: dict[str, float]
    threshold: float  # for one pair said to be about one thing (labelled pairs are half conflicts)
    scan_threshold: float  # for a repository scan, where few blocked pairs are about one fact at all
    pairs: dict[str, float] = field(default_factory=dict)  # products of two signals (features.PAIRED)


@cache
def _data() -> dict[str, Any]:
    text = resources.files("factcheck.contradict").joinpath("combiner.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _read(model: dict[str, Any], data: dict[str, Any]) -> Weights:
    return Weights(float(model["bias"]), {str(k): float(v) for k, v in model["weights"].items()},
                   float(data["threshold"]), float(data.get("scan_threshold", data["threshold"])),
                   {str(k): float(v) for k, v in (model.get("pairwise") or {}).items()})


@cache
def weights(scan: bool = False) -> Weights:
    """The weights for two claims a person puts side by side, or with ``scan`` for a repository
    scan: those were also fitted on the pairs blocking lets through in real pages, nearly all
    about two facts, which teach caution a side-by-side pair does not need (the file's
    ``scan`` section; without one, the pair weights serve both)."""
    data = _data()
    return _read(data["scan"] if scan and "scan" in data else data, data)


def probability(s: Signals, w: Weights | None = None) -> float:
    w = w or weights()
    z = w.bias + sum(w.weights.get(name, 0.0) * value for name, value in s.values.items())
    if w.pairs:
        # Most signals are zero for a pair: only the products of those that are not can weigh.
        held = [(name, s.values[name]) for name in PAIRED if s.values.get(name)]
        z += sum(w.pairs.get(pair_name(x, y), 0.0) * vx * vy
                 for i, (x, vx) in enumerate(held) for y, vy in held[i + 1:])
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def _kind_of(feature: str) -> Kind | None:
    for prefix, kind in _KIND_OF.items():
        if feature == prefix or (prefix.endswith("_") and feature.startswith(prefix)):
            return kind
    return None


def _topical(s: Signals, kind: Kind) -> bool:
    """Whether a kind's own rule, on pages of one topic, may stand for a shared subject."""
    figure = s.values.get("rule_quantity", 0.0)
    if kind == "quantity":
        # Two figures may measure two parts of the topic (a crater's width, an exclusion zone's
        # radius): their measure must be named alike, and named apart only a slipped digit
        # (14.2 km / 142 km) is one figure misreported.
        return figure >= _TOPIC_SLIP or (figure >= _TOPIC_QUANTITY and not s.named_apart)
    if kind == "polarity":
        # One statement affirmed and denied: the two must say most of the same words, whatever
        # the page is about ("死者は出なかった" / "宣言が出たのは4月" share only a verb); or
        # opposite acts on one day ("lowered the alert" / "raised the alert", both 2 September).
        same_day_opposites = bool(s.values.get("poles_opposed")) and s.same_day
        return not s.named_apart and (s.values.get("overlap_min", 0.0) >= _TOPIC_POLARITY_OVERLAP
                                      or same_day_opposites)
    # Two different names are what an attribution or entity conflict rests on (two architects of
    # one tower); for the other kinds they make two subjects.
    return kind in ("attribution", "entity") or not s.named_apart


def _ruled(s: Signals, scan: bool) -> list[Conflict]:
    """The conflicts a kind's own rule holds.  In a scan, two dates count only when their
    predicates say they date one event (the same act, or one event group): on pages of one
    subject, a fire's outbreak and the day its end was declared are two events, however alike
    the sentences."""
    return [c for c in s.evidence.values() if s.values.get(f"rule_{c.kind}", 0.0) > 0
            and not (scan and c.kind == "date" and s.values.get("date_aligned", 0.0) < 1.0)]


def decide(s: Signals, w: Weights | None = None, *, scan: bool = False,
           topic: Topic = None) -> tuple[float, Conflict | None]:
    """The probability of conflict and, when it is proposed, the kind and evidence that carry it.

    ``scan``: the pair came from blocking a repository, not from a person
    who put two claims side by side; most such pairs share words but state
    different facts.  A scan proposes a pair only at the file's
    ``scan_threshold``, when the two share a subject (a name, or most of
    their words) *and* one kind's own rule holds (the two values date one
    event, measure one thing, fill one slot): the combiner's
    weights were learned on pairs about one subject, where any difference
    counts for more than it does between two sentences that only share a
    country's name.  ``topic``: "one", the claims' documents are about one
    thing, so two claims that name nothing apart are taken to share its
    subject; "two", about two things, so two claims alike in wording but
    sharing no name ("It opened in 1963") speak of two; "page", both from one
    page, which names many things: only two figures whose measure is named
    alike share a subject there (the lead's 385,000 visitors and a later
    paragraph's 358,000); None, unknown.  On pages of one thing, an attribution conflict (two
    people credited with one quote or one work) is weighed by the pair weights as well.
    """
    w = w or weights(scan)
    p = probability(s, w)
    if s.values.get("qualifiers_differ", 0.0):
        # 第3回 / 第4回, the men's / the women's, the opening / the closing: two editions or parts,
        # whose dates, figures and names (winner, venue) differ as a matter of course (the kinds'
        # own rules refuse them too).
        s = replace(s, evidence={k: c for k, c in s.evidence.items() if k not in _OF_EACH_EDITION})
    ruled = _ruled(s, scan)
    if scan and topic == "one" and any(c.kind == "attribution" for c in ruled):
        # Two people credited with one quote or one work: the attribution rule rests on two names
        # apart, which in the pairs blocking draws from real pages mostly make two subjects, so the
        # scan weights discount it.  On pages of one topic the two names are the two credits of one
        # thing the topic holds, and the pair weights judge it as they judge two claims side by side.
        p = max(p, probability(s, weights()))
    if p < (w.scan_threshold if scan else w.threshold) or not s.evidence:
        return p, None
    ruled_kinds = [c.kind for c in ruled]
    figure = s.values.get("rule_quantity", 0.0)
    strong_figure = figure >= _TOPIC_QUANTITY and not s.named_apart
    subject = (s.same_subject and (topic != "two" or s.shares_name)) or (
        topic == "one" and any(_topical(s, kind) for kind in ruled_kinds)) or (
        topic == "page" and "quantity" in ruled_kinds and (strong_figure or figure >= _TOPIC_SLIP))
    if scan and not (subject and ruled_kinds):
        return p, None
    support: dict[Kind, float] = {}
    for name, value in s.values.items():
        kind = _kind_of(name)
        if kind is not None and kind in s.evidence:
            support[kind] = support.get(kind, 0.0) + w.weights.get(name, 0.0) * value
    if ruled:
        best = max(ruled, key=lambda c: c.score)
    elif support:
        best = s.evidence[max(support, key=lambda k: support[k])]
    else:
        return p, None
    return p, Conflict(best.kind, p, best.a, best.b, best.why)


