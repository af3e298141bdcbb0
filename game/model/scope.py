"""Changes aimed at part of the organisation: one team's people, people leaving or joining a
team, a team arriving. Small array-in, array-out functions the session calls between rounds.

A team is a mask over employee slots (`world.slot_team == t`); nothing here resizes arrays.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from game.model import kernels as k
from game.model.params import Params
from game.model.state import OrgState, World
from game.model.step import metrics_of

Array = np.ndarray
TEAM_FIELDS = ("morale", "fatigue", "creativity", "skill")


def team_slots(world: World, team: int) -> Array:
    """(N,) True for the slots of one team."""
    return np.asarray(world.slot_team == team)


def apply_team_effects(state: OrgState, world: World, team: int, effects: Mapping[str, float],
                       label: str) -> tuple[OrgState, dict[str, Array]]:
    """Points (0..100 scale) on one team's people; return the new state and metric changes."""
    before = metrics_of(state)
    mask = team_slots(world, team)[None, :]
    changes: dict[str, Array] = {}
    for key, amount in effects.items():
        if key not in TEAM_FIELDS:
            raise KeyError(f"{key!r} cannot be given to one team")
        level = getattr(state, key)
        term = np.where(mask, float(amount) / 100.0, 0.0) * np.ones_like(level)
        changes[key], _ = k.bounded_apply(level, {label: term})
    new_state = state.evolve(**changes)
    after = metrics_of(new_state)
    return new_state, {m: after[m] - before[m] for m in before}


def leave(state: OrgState, world: World, team: int, count: int) -> OrgState:
    """`count` people leave a team: the newest first (the last active slots)."""
    active = state.active.copy()
    for b in range(state.batch):
        members = np.flatnonzero(active[b] & team_slots(world, team))
        active[b, members[::-1][:count]] = False
    return state.evolve(active=active)


def join(state: OrgState, world: World, team: int, count: int, p: Params,
         veterans: Mapping[str, float] | None = None) -> OrgState:
    """`count` people join a team in its free slots (as many as there are room for).

    New hires start as the model's hires do; `veterans` (a team's starting skill, morale,
    creativity, fatigue) makes them an experienced team arriving instead."""
    free = ~state.active & team_slots(world, team)[None, :]
    chosen = np.cumsum(free, axis=1) <= count
    joining = free & chosen
    start = {"skill": p.new_hire_skill, "morale": 0.65, "creativity": 0.5, "fatigue": 0.0,
             "alignment": 0.3, "tenure": 0.0, **(veterans or {})}
    if veterans:
        start["tenure"], start["alignment"] = 4.0, 0.45
    fields = {name: np.where(joining, value, getattr(state, name)) for name, value in start.items()}
    fields["learning"] = np.where(joining, 0.0, state.learning)
    return state.evolve(active=state.active | joining, **fields)
