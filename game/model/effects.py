"""Event choices change the organisation directly: `apply_effects`.

Metric effects are points on the 0..100 scale; the rest are points on the same scale applied
to the matching state (trust, clarity, fatigue, creativity, skill, ideas, cash). The change
each effect makes to a metric is returned as a driver named after the event.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from game.model import kernels as k
from game.model.state import OrgState
from game.model.step import ideas_reference, metrics_of

Array = np.ndarray


def apply_effects(state: OrgState, effects: Mapping[str, float], label: str
                  ) -> tuple[OrgState, dict[str, Array]]:
    """Apply one event choice's effects; return the new state and each metric's change."""
    before = metrics_of(state)
    changes: dict[str, object] = {}
    for key, amount in effects.items():
        delta = float(amount) / 100.0
        if key == "morale":
            changes["morale"], _ = k.bounded_apply(state.morale, {label: np.full_like(state.morale, delta)})
        elif key in ("innovation", "delivery"):
            level = getattr(state, key)
            changes[key], _ = k.bounded_apply(level, {label: np.full_like(level, float(amount))}, 100.0)
        elif key in ("trust", "clarity", "fatigue", "creativity", "skill"):
            level = getattr(state, key)
            changes[key], _ = k.bounded_apply(level, {label: np.full_like(level, delta)})
        elif key == "ideas":
            changes["ideas"] = np.maximum(state.ideas + delta * ideas_reference(state), 0.0)
        elif key == "cash":
            changes["cash"] = state.cash + float(amount)
        else:
            raise KeyError(f"unknown effect {key!r}")
    new_state = state.evolve(**changes)
    after = metrics_of(new_state)
    return new_state, {m: after[m] - before[m] for m in before}
