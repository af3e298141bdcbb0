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
