"""Small array-in, array-out pieces of a round. Each is pure and batch-first.

Shapes: B playthroughs, N employee slots, T teams, P projects.
"""

from __future__ import annotations

import numpy as np

from game.model.params import Params

Array = np.ndarray
# Bounds as 0-d arrays: numpy compares a small array with one faster than with a Python
# float, with the same results (for float arrays).
ZERO, ONE, HUNDRED, TINY = np.array(0.0), np.array(1.0), np.array(100.0), np.array(1e-9)
SMALL_BATCH = 16  # up to this many rows, one call on stacked arrays beats a call per array


def saturate(share: Array, reference: float) -> Array:
    """Diminishing returns: 0 at 0, 0.63 at the reference share, approaching 1."""
    return 1.0 - np.exp(-np.maximum(share, 0.0) / max(reference, 1e-9))


def bounded_apply(level: Array, terms: dict[str, Array], scale: float = 1.0
                  ) -> tuple[Array, dict[str, Array]]:
    """Add signed terms to a 0..scale level so it can never leave its range.

    A rise is scaled by the room left above, a fall by the room left below, so each term's
    contribution is exact and the contributions sum to the change.
    """
    frac = level / scale
    room = 1.0 - frac
    contributions: dict[str, Array] = {}
    total: Array | float = 0.0
    for name, term in terms.items():
        part = np.where(term > 0, term * room, term * frac)
        contributions[name] = part
        total = total + part
    new = np.clip(level + total, 0.0, scale)
    return new, contributions


def bounded(level: Array, rises: Array | float, falls: Array | float) -> Array:
    """`bounded_apply` without the parts, for a level nobody reports term by term: the sum
    of the rising terms (each >= 0) is scaled by the room above, the sum of the falling
    terms (each <= 0) by the room below, and the result kept within 0..1."""
    new = level + rises * (ONE - level) + falls * level
    return np.minimum(np.maximum(new, ZERO), ONE)


def person_capacity(skill: Array, fatigue: Array, alignment: Array, tenure: Array,
                    active: Array, p: Params) -> Array:
    """(B, N) work points each person can give this round before org-wide multipliers."""
    able = (0.35 + 0.65 * skill) * (ONE - p.fatigue_capacity * fatigue)
    able = able * (ONE - p.alignment_capacity * (ONE - alignment))
    ramp = np.where(tenure < 2.0, 0.5, 1.0)
    return p.work_per_person * able * ramp * active


def slot_sum(values: Array, team_starts: Array) -> Array:
    """(B, T) per-team sums of (B, N) slot values; a team's slots are contiguous and start
    at `team_starts`. Added slot by slot within each row, not as a matrix product: BLAS
    adds in an order that depends on the batch size, and a row must come out bit for bit
    the same whether it is stepped alone or in a batch."""
    return np.add.reduceat(values, team_starts, axis=1)


def team_capacity(person_cap: Array, newcomers: Array, team_starts: Array, org_mult: Array,
                  p: Params) -> Array:
    """(B, T) capacity per team: people's work less onboarding load, times org multipliers."""
    raw = slot_sum(person_cap, team_starts)
    onboarding = slot_sum(newcomers, team_starts) * p.onboarding_load * p.work_per_person
    return np.maximum(raw - onboarding, ZERO) * org_mult[:, None]


def scheduled_work(team_cap: Array, schedule: Array, open_projects: Array, p: Params
                   ) -> tuple[Array, Array]:
    """Work done per project (B, P) and each team's load (B, T) from the schedule
    (`open_projects`: (B, P) True, or 1.0, for a project still open).

    Shares given to closed projects are idle time. Load above 1 is over-allocation: the
    extra work is done at reduced efficiency (and, elsewhere, becomes fatigue).
    """
    shares = schedule * open_projects[:, None, :]
    load = np.add.reduce(shares, axis=2)
    overloaded = load > ONE
    if not np.count_nonzero(overloaded):  # efficiency 1 everywhere: the same work, unscaled
        return np.add.reduce(team_cap[:, :, None] * shares, axis=1), load
    over = np.maximum(load - 1.0, 0.0)
    efficiency = np.where(overloaded, (1.0 + p.overload_efficiency * over) / np.maximum(load, 1e-9), 1.0)
    work = np.add.reduce(team_cap[:, :, None] * shares * efficiency[:, :, None], axis=1)
    return work, load


def per_person(team_values: Array, slot_team: Array) -> Array:
    """Spread (B, T) team values onto (B, N) employee slots (`slot_team`: each slot's team)."""
    return team_values.take(slot_team, axis=1)  # as team_values[:, slot_team], faster


def active_mean(values: Array, active: Array, count: Array | None = None) -> Array:
    """(B,) the mean of (B, N) values over the active slots (`count` of them, if known)."""
    if count is None:
        count = np.maximum(np.add.reduce(active, axis=1), 1)
    return np.add.reduce(values * active, axis=1) / count


def employed(active: Array) -> tuple[Array, Array, Array]:
    """For (B, N) bool `active`: 1.0 for each person employed, (B,) how many, and (B,) that
    at least 1 (what `active_mean` divides by)."""
    act = active.astype(float)
    headcount = np.add.reduce(act, axis=1)
    return act, headcount, np.maximum(headcount, ONE)


def active_means(values: tuple[Array, ...], active: Array, count: Array) -> tuple[Array, ...]:
    """`active_mean` of each of K (B, N) arrays. A small batch takes them in one reduction
    of the (K, B, N) stack (each row adds up in the same order as alone); a large one
    array by array, as stacking large arrays costs more than it saves."""
    if active.shape[0] <= SMALL_BATCH:
        return tuple(np.add.reduce(np.array(values) * active, axis=2) / count)
    return tuple(active_mean(v, active, count) for v in values)


def fill_slots(active: Array, hires: Array, hire_order: Array, place: Array | None = None
               ) -> Array:
    """(B, N) bool: the slots new hires take, filled in `hire_order`, `hires[b]` per row
    (`place`, if `hire_order` orders every slot: each slot's place in it, its inverse)."""
    free_in_order = ~active.take(hire_order, axis=1)
    rank = np.cumsum(free_in_order, axis=1)
    chosen_in_order = free_in_order & (rank <= hires[:, None])
    if place is not None:
        return chosen_in_order.take(place, axis=1)
    chosen = np.zeros_like(active)
    chosen[:, hire_order] = chosen_in_order
    return chosen
