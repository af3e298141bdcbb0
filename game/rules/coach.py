"""The coach: a remark that explains a round (its leader/manager balance is measured in
`game.rules.profile`).

The coach reads the round's record (drivers, decisions) and never recomputes the model.
It blames only a driver that took something away this round and praises only one that
added something; the catch-up of earlier rounds and the 0..100 limits are not causes,
so it names neither.
"""

from __future__ import annotations

from game.model.metrics import CATCH_UP, LIMITS
from game.rules.records import RoundRecord
from game.rules.remarks import remark
from game.scenario.types import Scenario

NOT_CAUSES = frozenset({CATCH_UP, LIMITS})


def coach_remark(scenario: Scenario, record: RoundRecord, history: list[RoundRecord]) -> str:
    """The coach's remark on a round (see `game.rules.remarks`)."""
    return remark(scenario, record, history)


def par_words(score: float, par: float) -> tuple[str, int]:
    """("Par 70.0 — 1.7 below par", -1 | 0 | +1)."""
    diff = round(score - par, 1)
    if diff == 0:
        return f"Par {par:.1f} — on par", 0
    word = "above" if diff > 0 else "below"
    return f"Par {par:.1f} — {abs(diff):.1f} {word} par", 1 if diff > 0 else -1
