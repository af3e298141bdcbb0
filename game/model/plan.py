"""A round's decisions as arrays (batch-first), the form the model steps on.

The rules turn a player's decisions into a `RoundPlan`; analysis code can build plans for
many playthroughs at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.model.state import LEADER_ACTION_ORDER, World

Array = np.ndarray


@dataclass(frozen=True)
class RoundPlan:
    vision: Array     # (B,) int vision index, -1 for none
    actions: Array    # (B, A) 1.0 where a leader action is taken (order: LEADER_ACTION_ORDER)
    coached: Array    # (B, T) 1.0 for each coached team
    budget: Array     # (B, C) share of the round's budget per category (order: world.categories)
    schedule: Array   # (B, T, P) share of each team's capacity given to each project
    overtime: Array   # (B,) 0..1
    reviews: Array    # (B,) 0 or 1

    def action(self, name: str) -> Array:
        return self.actions[:, LEADER_ACTION_ORDER.index(name)]

    def share(self, world: World, category: str) -> Array:
        if category not in world.categories:
            return np.zeros(self.budget.shape[0])
        return self.budget[:, world.categories.index(category)]


def empty_plan(world: World, batch: int = 1) -> RoundPlan:
    return RoundPlan(
        vision=np.full(batch, -1, dtype=np.int64),
        actions=np.zeros((batch, len(LEADER_ACTION_ORDER))),
        coached=np.zeros((batch, world.teams)),
        budget=np.zeros((batch, len(world.categories))),
        schedule=np.zeros((batch, world.teams, world.projects)),
        overtime=np.zeros(batch),
        reviews=np.zeros(batch),
    )
