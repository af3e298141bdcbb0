"""The organisation model: numpy arrays, pure functions, no pygame.

`new_game` builds the arrays for a scenario; `step` plays a round; `apply_effects` applies
an event choice.
"""

from __future__ import annotations

import numpy as np

from game.model import kernels as k
from game.model.effects import apply_effects
from game.model.metrics import (
    delivery_components,
    delivery_weights,
    innovation_components,
    innovation_weights,
    starting_level,
)
from game.model.params import DEFAULT_PARAMS, Params
from game.model.plan import RoundPlan, empty_plan
from game.model.state import LEADER_ACTION_ORDER, STATUS_NAMES, OrgState, World, build_world, initial_state
from game.model.step import RoundReport, available_budget, base_capacity, gauges_of, metrics_of, step
from game.scenario.types import Scenario

__all__ = [
    "DEFAULT_PARAMS", "LEADER_ACTION_ORDER", "STATUS_NAMES", "OrgState", "Params", "RoundPlan",
    "RoundReport", "World", "apply_effects", "available_budget", "base_capacity", "empty_plan", "gauges_of",
    "metrics_of", "new_game", "params_for", "step",
]


def params_for(scenario: Scenario) -> Params:
    return Params.with_overrides(dict(scenario.params))


def new_game(scenario: Scenario, batch: int = 1) -> tuple[World, OrgState]:
    """The world and the starting state for `batch` playthroughs of a scenario."""
    p = params_for(scenario)
    world = build_world(scenario)
    state = initial_state(scenario, world, batch)
    act = state.active.astype(float)
    headcount = state.active.sum(axis=1)
    innovation_parts = innovation_components(
        k.active_mean(state.creativity, act), state.ideas, state.momentum, headcount)
    delivery_parts = delivery_components(np.full(batch, 0.6), state.quality.mean(axis=1),
                                         np.ones(batch))
    return world, state.evolve(
        innovation=starting_level(innovation_parts, innovation_weights(p)),
        delivery=starting_level(delivery_parts, delivery_weights(p)),
        innovation_parts=innovation_parts, delivery_parts=delivery_parts)
