"""The coach: a round's leader/manager balance, and a remark that explains it.

The coach reads the round's record (drivers, decisions) and never recomputes the model.
It blames only a driver that took something away this round and praises only one that
added something; the catch-up of earlier rounds and the 0..100 limits are not causes,
so it names neither.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.model.metrics import CATCH_UP, LIMITS
from game.rules.plans import naive_schedule, starting_schedule
from game.rules.records import LeaderDraft, ManagerDraft, RoundRecord
from game.rules.remarks import remark
from game.scenario.types import Scenario

NOT_CAUSES = frozenset({CATCH_UP, LIMITS})
HANDS_OFF_ACTIVITY = 0.1  # below this mean activity a game is hands-off


@dataclass(frozen=True)
class Activity:
    """What the player did in a round, each 0..1, against leaving things as they were."""

    lead: float     # energy spent, and a vision the player chose (an inherited one is not)
    manage: float   # budget, schedule, and reviews or overtime set away from the starting plan

    @property
    def share(self) -> float:
        """0..1: how much of the round's activity was leadership (0.5 when there was none)."""
        total = self.lead + self.manage
        return 0.5 if total <= 0 else self.lead / total

    @property
    def level(self) -> float:
        return (self.lead + self.manage) / 2.0


def activity(scenario: Scenario, leader: LeaderDraft, manager: ManagerDraft,
             chose_vision: bool) -> Activity:
    """A round's leadership and management activity. `chose_vision`: the vision in force is
    one the player set, not the one the organisation started with."""
    spent = (leader.energy_total - leader.energy_left) / max(leader.energy_total, 1)
    lead = 0.6 * spent + 0.4 * (chose_vision and leader.vision is not None)
    default = scenario.budget.default_split()
    tolerance = 0.01 * scenario.budget.per_round
    budget_set = any(abs(manager.budget.get(c, 0.0) - v) > tolerance for c, v in default.items())
    # the window offers a focused first plan; keeping the plan offered is not managing
    schedule_set = all(any(abs(manager.schedule[t].get(p, 0.0) - s) > 1e-6
                           for t, row in offered.items() for p, s in row.items())
                       for offered in (naive_schedule(scenario), starting_schedule(scenario)))
    manage = (budget_set + schedule_set + (manager.reviews or manager.overtime > 0)) / 3.0
    return Activity(lead, manage)


def leader_share(scenario: Scenario, leader: LeaderDraft, manager: ManagerDraft,
                 chose_vision: bool) -> float | None:
    """The leader share a scenario's `leader_share` condition reads: None in a hands-off
    round, where no profile condition holds."""
    done = activity(scenario, leader, manager, chose_vision)
    return None if done.level < HANDS_OFF_ACTIVITY else done.share


def profile_name(share: float, level: float = 1.0) -> str:
    """The profile of a round or a game: hands-off when the player hardly did anything."""
    if level < HANDS_OFF_ACTIVITY:
        return "hands-off"
    if share > 0.65:
        return "leader-heavy"
    if share < 0.35:
        return "manager-heavy"
    return "balanced"


def coach_remark(scenario: Scenario, record: RoundRecord, history: list[RoundRecord]) -> str:
    """The coach's remark on a round (see `game.rules.remarks`)."""
    return remark(scenario, record, history)
