"""Row-wise work on a batch's state: some rows changed, some rows taken out and put back,
people leaving a team row by row, a team's gauges as the session reads them.

Each function gives every row exactly the numbers it would get stepped alone (a row's numbers
never depend on the others), so the story rules can work on the rows they touch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

import numpy as np

from game.model import OrgState, World
from game.model.scope import team_slots

Array = np.ndarray


def select(mask: Array, chosen: OrgState, other: OrgState) -> OrgState:
    """Rows where `mask` from `chosen`, the rest from `other`."""
    changes = {}
    for f in fields(OrgState):
        a, b = getattr(chosen, f.name), getattr(other, f.name)
        if isinstance(a, np.ndarray) and a is not b:
            where = mask.reshape((-1,) + (1,) * (a.ndim - 1))
            changes[f.name] = np.where(where, a, b)
    return other.evolve(**changes) if changes else other


def on_rows(state: OrgState, mask: Array, change: Callable[[OrgState], OrgState]) -> OrgState:
    """`change` made to the rows of `mask` only (worked out on those rows alone when they
    are few: a row's numbers never depend on the others)."""
    rows = np.flatnonzero(mask)
    if rows.size == 0:
        return state
    if rows.size * 4 > state.batch:
        return select(mask, change(state), state)
    part = rows_of(state, rows)
    changed = change(part)
    updates = {}
    for f in fields(OrgState):
        new = getattr(changed, f.name)
        if isinstance(new, np.ndarray) and new is not getattr(part, f.name):
            whole = getattr(state, f.name).copy()
            whole[rows] = new
            updates[f.name] = whole
    return state.evolve(**updates) if updates else state


def rows_of(state: OrgState, rows: Array) -> OrgState:
    """The state of some rows only."""
    return state.evolve(**{f.name: getattr(state, f.name)[rows] for f in fields(OrgState)
                           if isinstance(getattr(state, f.name), np.ndarray)})


def stitch(parts: list[tuple[Array, OrgState]], batch: int) -> OrgState:
    """One state from the states of disjoint groups of rows (rows, state) covering the batch."""
    first = parts[0][1]
    changes = {}
    for f in fields(OrgState):
        value = getattr(first, f.name)
        if not isinstance(value, np.ndarray):
            continue
        whole = np.empty((batch,) + value.shape[1:], dtype=value.dtype)
        for rows, part in parts:
            whole[rows] = getattr(part, f.name)
        changes[f.name] = whole
    return first.evolve(**changes)


def leave_rows(state: OrgState, world: World, team: int, count: int, mask: Array) -> OrgState:
    """`count` people leave a team in the rows of `mask`: the newest first, as
    `game.model.scope.leave` does row by row."""
    members = state.active & team_slots(world, team)[None, :]
    from_the_end = np.cumsum(members[:, ::-1], axis=1)[:, ::-1]
    leaving = members & (from_the_end <= count) & mask[:, None]
    return state.evolve(active=state.active & ~leaving)


def team_gauge(state: OrgState, world: World, team: int, gauge: str) -> Array:
    """(B,) a team's gauge as the session reads it: 100 x the mean over its people (summed
    in slot order, as numpy sums the session's one row), or its headcount."""
    slots = team_slots(world, team)
    members = state.active[:, slots]
    count = np.add.reduce(members, axis=1)
    if gauge == "headcount":
        return count.astype(float)
    values = getattr(state, gauge)[:, slots]
    packed = np.take_along_axis(values, np.argsort(~members, axis=1, kind="stable"), axis=1)
    result = np.zeros(state.batch)
    for n in np.unique(count):
        if n == 0:
            continue
        rows = count == n
        block = np.ascontiguousarray(packed[rows, :n])
        result[rows] = 100.0 * (np.add.reduce(block, axis=1) / n)
    return result
