"""One module per conflict kind, each a ``check(a, b, ctx) -> Conflict | None``.

Like the validation rules in ``factcheck/checks/``, each module's docstring
is its documentation with a passing (consistent) and a failing (conflicting)
example; the registry below is the order in which they are asked.
"""

from __future__ import annotations

from typing import Callable

from factcheck.contradict.kinds import attribution, date, entity, polarity, quantity
from factcheck.contradict.model import Conflict, PairContext

Check = Callable[[PairContext], "Conflict | None"]

KINDS: dict[str, Check] = {
    "quantity": quantity.check,
    "date": date.check,
    "attribution": attribution.check,
    "entity": entity.check,
    "polarity": polarity.check,
}
