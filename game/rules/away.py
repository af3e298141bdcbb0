"""People away for a while (an effect's `away: {team, people, rounds}`): they stop working,
and come back with the skill, morale, creativity and fatigue they left with.

Shared by the session (one row) and the batched evaluator (many rows), so both take the
same steps in the same order and stay bit for bit equal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from game.model import OrgState, Params, World
from game.model.plan import RoundPlan
from game.model.scope import join, team_slots

Array = np.ndarray
KEPT = ("skill", "morale", "creativity", "fatigue")


@dataclass(frozen=True)
class Away:
    """People of one team away until `back` (the round they work again)."""

    back: int
    team: int
    count: Array                # (B, 1) how many left in each row (0 where none did)
    values: dict[str, Array]    # (B, 1) their mean skill, morale, ... when they left
    rows: Array | None = None   # (B,) 1 for the rows the effect landed in (the batch's record)


def went_away(before: OrgState, after: OrgState, world: World, team: int, back: int) -> Away:
    """What the people who left between `before` and `after` take with them."""
    left = before.active & ~after.active & team_slots(world, team)[None, :]
    count = np.add.reduce(left, axis=1).astype(np.int64)
    n = np.maximum(count, 1)
    values = {name: (np.add.reduce(np.where(left, getattr(before, name), 0.0), axis=1) / n)[:, None]
              for name in KEPT}
    return Away(back, team, count[:, None], values)


def come_back(state: OrgState, world: World, away: Away, p: Params) -> OrgState:
    """The people of `away` join their team again, in its free slots, as they were."""
    return join(state, world, away.team, away.count, p, away.values)  # type: ignore[arg-type]


def cut_budget(plan: RoundPlan, categories: tuple[str, ...], cuts: dict[str, float] | Array
               ) -> RoundPlan:
    """The plan with each category's share of the money changed by a percentage: `cuts` maps
    a category to its change (one row), or is (B, C) changes (every row); never below 0."""
    if isinstance(cuts, dict):
        if not cuts:
            return plan
        cuts = np.array([[cuts.get(c, 0.0) for c in categories]])
    if not np.any(cuts):
        return plan
    factor = np.maximum(0.0, 1.0 + cuts / 100.0)
    return replace(plan, budget=plan.budget * factor)
