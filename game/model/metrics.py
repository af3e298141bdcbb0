"""The three metrics and their drivers.

Morale is the mean morale of the people employed. Innovation and delivery are levels that
move a share of the way (`metric_rate`) toward what their components say each round, plus
one-off shocks and bonuses; each component's pull is a driver. Everything is bounded so a
metric stays in 0..100, and the drivers always sum to the change.
"""

from __future__ import annotations

import numpy as np

from game.model import kernels as k
from game.model.params import Params

Array = np.ndarray
Drivers = list[tuple[str, Array]]


def morale_metric_drivers(old: Array, new: Array, parts: dict[str, Array], old_active: Array,
                          new_active: Array) -> Drivers:
    """Morale drivers: each term's mean effect on those employed, plus who left or joined."""
    drivers = [(name, 100.0 * k.active_mean(part, old_active)) for name, part in parts.items()]
    before = 100.0 * k.active_mean(old, old_active)
    after = 100.0 * k.active_mean(new, new_active)
    explained = sum((value for _, value in drivers), np.zeros_like(before))
    drivers.append(("People leaving and joining", after - before - explained))
    return drivers


def _pull(level: Array, components: dict[str, tuple[float, Array]], shocks: dict[str, Array],
          p: Params) -> tuple[Array, Drivers]:
    terms = {name: p.metric_rate * weight * (100.0 * value - level)
             for name, (weight, value) in components.items()}
    terms.update(shocks)
    new, parts = k.bounded_apply(level, terms, scale=100.0)
    drivers = [(name, part) for name, part in parts.items()]
    residual = new - level - sum((part for part in parts.values()), np.zeros_like(level))
    if np.any(np.abs(residual) > 1e-9):
        drivers.append(("Limits", residual))
    return new, drivers


def innovation_components(creativity: Array, ideas: Array, momentum: Array, headcount: Array,
                          p: Params) -> dict[str, tuple[float, Array]]:
    pipeline = 1.0 - np.exp(-ideas / np.maximum(headcount * 0.4, 1.0))
    return {
        "Creativity": (p.innovation_creativity_weight, creativity),
        "Idea pipeline": (p.innovation_pipeline_weight, pipeline),
        "Innovation work shipped": (p.innovation_shipped_weight, momentum),
    }


def innovation_update(level: Array, creativity: Array, ideas: Array, momentum: Array,
                      launched: Array, headcount: Array, p: Params) -> tuple[Array, Drivers]:
    components = innovation_components(creativity, ideas, momentum, headcount, p)
    return _pull(level, components, {"Ideas launched": p.shipped_bonus * launched}, p)


def delivery_components(delivered_ratio: Array, quality: Array, kept: Array, p: Params
                        ) -> dict[str, tuple[float, Array]]:
    return {
        "Progress against plan": (p.delivery_progress_weight, delivered_ratio),
        "Quality": (p.delivery_quality_weight, quality),
        "Deadlines kept": (p.delivery_deadline_weight, kept),
    }


def delivery_update(level: Array, delivered_ratio: Array, quality: Array, kept: Array,
                    shipped: Array, missed: Array, shock: Array, p: Params
                    ) -> tuple[Array, Drivers]:
    components = delivery_components(delivered_ratio, quality, kept, p)
    shocks = {
        "Projects shipped": p.shipped_bonus * shipped,
        "Missed deadlines": -p.missed_penalty * missed,
        "Risk events": -shock,
    }
    return _pull(level, components, shocks, p)


def starting_level(components: dict[str, tuple[float, Array]]) -> Array:
    """A metric's level before round 1: where its components point."""
    total = sum(weight for weight, _ in components.values())
    return np.asarray(100.0 * sum(weight * value for weight, value in components.values()) / total)
