"""The detector's values: a pair being compared, a conflict found, a verdict."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Literal

from factcheck.contradict import lexicon
from factcheck.contradict.align import (
    NameAlignment,
    align_figures,
    align_names,
    different_roles,
    doer_changed,
    names_swapped,
    role_swap,
    similarity,
)
from factcheck.contradict.analysis import Analysis, Arg, Figure, denied_root, with_first_word_named
from factcheck.contradict.victors import winner_swapped

Kind = Literal["date", "quantity", "polarity", "entity", "attribution", "none"]


@dataclass(frozen=True)
class Conflict:
    """What one kind found: the two aligned values (as written) and how sure it is."""

    kind: Kind
    score: float
    a: str
    b: str
    why: str = ""

    @property
    def evidence(self) -> tuple[str, ...]:
        return (self.a, self.b)


@dataclass(frozen=True)
class Verdict:
    """Whether two claims contradict each other, how surely, and where."""

    contradiction: bool
    score: float
    kind: Kind = "none"
    evidence: tuple[str, ...] = ()
    why: str = ""


NO_CONFLICT = Verdict(False, 0.0)


@dataclass
class PairContext:
    """Two analyses and what every kind asks of them, computed once."""

    a: Analysis
    b: Analysis
    _cache: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.a, self.b = _lexical_denials(self.a, self.b), _lexical_denials(self.b, self.a)
        self.a, self.b = _prefix_denials_en(self.a, self.b), _prefix_denials_en(self.b, self.a)
        self.a, self.b = with_first_word_named(self.a, self.b), with_first_word_named(self.b, self.a)
        self.a, self.b = _denials_of_the_other(self.a, self.b), _denials_of_the_other(self.b, self.a)

    @cached_property
    def similarity(self) -> float:
        return similarity(self.a, self.b)

    @cached_property
    def names(self) -> NameAlignment:
        return align_names(self.a, self.b)

    @cached_property
    def figures(self) -> list[tuple[Figure, Figure, float]]:
        """The figures of a and b paired by measure (``align.align_figures``), asked by the
        quantity, date and polarity kinds and the signals."""
        return align_figures(self.a, self.b)

    @cached_property
    def swap(self) -> tuple[str, str] | None:
        """Two phrases in swapped agent/patient roles (``align.role_swap``), or two aligned names
        (日本が米国を破り / アメリカが日本を下して), or a winner and a loser swapped between the two
        claims (``victors``: A beat B / B beat A), asked by several signals."""
        return self.converse or doer_changed(self.a, self.b) or self.winner_swapped

    @cached_property
    def winner_swapped(self) -> tuple[str, str] | None:
        found = winner_swapped(self.a, self.b)
        return (found[0].text, found[1].text) if found else None

    @cached_property
    def converse(self) -> tuple[str, str] | None:
        """A swap of agent and patient of one act (A beat B / B lost to A): with opposite verbs,
        one fact told from each side.  A changed doer alone (each claim making another party
        the doer) is no such telling."""
        return role_swap(self.a, self.b) or names_swapped(self.names, self.a, self.b)

    @cached_property
    def roles_differ(self) -> bool:
        """Each claim credits a part the other does not name (``align.different_roles``),
        asked by the entity and attribution kinds and the combiner."""
        return different_roles(self.a, self.b)

    def same_named(self, x: Arg, y: Arg) -> bool:
        """Two slot phrases, x of a and y of b, holding names the alignment pairs
        (Velo ~ ヴェロ, 日銀 ~ 日本銀行)."""
        def inside(arg: Arg, start: int) -> bool:
            return arg.start <= start < arg.start + len(arg.text)

        return any(inside(x, na.start) and inside(y, nb.start) for na, nb in self.names.matched)

    @property
    def cross_language(self) -> bool:
        return self.a.lang != self.b.lang


def _lexical_denials(x: Analysis, other: Analysis) -> Analysis:
    """``x`` without the prefix negations whose whole word the other claim also uses: 不登校 or
    不始末 in both names one thing (truancy, carelessness); 不起訴 against 起訴 still denies."""
    shared = [keys for word, keys in x.prefixed if word in other.text]
    if not shared:
        return x
    denied = frozenset().union(*shared)
    return replace(x, negations=max(0, x.negations - len(shared)), negated=x.negated - denied, prefixed=())


_MIN_DENIED_ROOT = 4  # "unsound" denies "sound"; a shorter root is as often no word of its own


def _prefix_denials_en(x: Analysis, other: Analysis) -> Analysis:
    """``x`` with one more negation for each English word that denies, by its prefix, a word
    the other claim says as it is ("declared structurally unsound" / "declared structurally
    sound"): the prefix is a negation only where the plain word stands against it."""
    if x.lang != "en" or other.lang != "en":
        return x
    prefixed = [(t, root) for t in x.tokens if t.kind in ("content", "pred")
                and (root := denied_root(t.text)) is not None and len(root) >= _MIN_DENIED_ROOT]
    if not prefixed:
        return x  # most claims: nothing to look up in the other
    plain = {t.text.lower(): t for t in other.tokens if t.kind in ("content", "pred")}
    found = [plain[root].keys or frozenset({plain[root].lemma}) for t, root in prefixed
             if root in plain and t.text.lower() not in plain]
    if not found:
        return x
    return replace(x, negations=x.negations + len(found), negated=x.negated.union(*found),
                   denials=x.denials + tuple(found))


@cache
def _meta_nouns() -> frozenset[str]:
    return frozenset(lexicon.cues()["negation"].get("ja_meta_nouns", ()))


def _denials_of_the_other(x: Analysis, other: Analysis) -> Analysis:
    """``x`` counting only the negations that deny what the other claim speaks of, when it has
    several: "did not contest the charges and raised no objections" against 起訴内容を争わない
    denies one thing the other says, not two (whose parity would make it affirm)."""
    if x.negations < 2 or len(x.denials) != x.negations:
        return x  # one negation, or some cancelled by a phrase ("not only"): the count stands
    said = other.keys | other.wide
    meta = _meta_nouns()
    # A negation of nothing, or of a formal noun (ないわけではない, していない事実はない), denies the
    # negation before it: it always counts.
    kept = [d for d in x.denials if not d or d & said or d & meta]
    if len(kept) == len(x.denials) or not any(d & said for d in kept):
        return x  # nothing dropped, or nothing the other says denied: the count stands
    return replace(x, negations=len(kept), negated=frozenset().union(*kept), denials=tuple(kept))
