"""The three metrics and their drivers.

Morale is the mean morale of the people employed. Innovation and delivery are levels that
move a share of the way (`metric_rate`) toward what their components say each round, plus
one-off shocks and bonuses. Everything is bounded so a metric stays in 0..100, and the
drivers always sum to the change.

A driver is the change one cause made this round. A component's driver is the part of the
move that comes from the component's own change since last round, so its sign is the
sign of that change; the rest of the move is the metric still closing the gap left by
earlier rounds, shown apart as one driver (`CATCH_UP`), which is not a cause.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.model import kernels as k
from game.model.params import Params

Array = np.ndarray
Drivers = list[tuple[str, Array]]

CATCH_UP = "Catching up with earlier rounds"  # the lag of a metric behind its components
LIMITS = "Limits"                             # what the 0..100 bounds cut off
LEAVING = "People leaving"
JOINING = "People joining"
BONUSES = frozenset({"Ideas launched", "Projects shipped"})  # the one-offs that only ever add
INNOVATION_PARTS: tuple[str, ...] = ("Creativity", "Idea pipeline", "Innovation work shipped")
DELIVERY_PARTS: tuple[str, ...] = ("Progress against plan", "Quality", "Deadlines kept")


def morale_update(morale: Array, terms: dict[str, Array], lifting: frozenset[str], act: Array,
                  count: Array, mean_frac: Array | None = None) -> tuple[Array, Drivers, Array]:
    """Apply the morale terms as a bounded change: each is (B,), the same for everyone, or
    (B, N), per person; a per-person term named in `lifting` only ever lifts, any other
    only ever lowers. Returns the new (B, N) morale, within 0..1,
    and each term's mean effect on those employed (`act`, `count` of them), in points, and
    the mean morale of those employed before the terms, 0..1 (`mean_frac`, if known)."""
    frac = morale
    room = k.ONE - morale
    if mean_frac is None:
        mean_frac = k.active_mean(morale, act, count)
    names = list(terms)
    values = list(terms.values())
    shared = [i for i, t in enumerate(values) if t.ndim == 1]
    personal = [i for i, t in enumerate(values) if t.ndim == 2]
    # (B, K), rows contiguous so each row adds up in the same order whatever the batch size.
    table = np.ascontiguousarray(np.array([values[i] for i in shared]).T)
    rises = np.add.reduce(np.maximum(table, k.ZERO), axis=1)
    falls = np.add.reduce(np.minimum(table, k.ZERO), axis=1)
    # Each term times the room above (a rise) or below (a fall) the mean, in points.
    effect = k.HUNDRED * (table * np.where(table > k.ZERO, (k.ONE - mean_frac)[:, None],
                                           mean_frac[:, None]))
    means = values[:]
    for i, column in zip(shared, effect.T, strict=True):
        means[i] = column
    new = morale + rises[:, None] * room + falls[:, None] * frac
    if personal:
        parts = [values[i] * (room if names[i] in lifting else frac) for i in personal]
        for part in parts:
            new = new + part
        for i, mean in zip(personal, k.active_means(tuple(parts), act, count), strict=True):
            means[i] = k.HUNDRED * mean
    return np.minimum(np.maximum(new, k.ZERO), k.ONE), list(zip(names, means, strict=True)), mean_frac


def total_of(drivers: Drivers, batch: int) -> Array:
    """(B,) the drivers added one after another to 0, as `sum` adds them (a running total
    over the rows of a (K + 1, B) table: the same additions in the same order)."""
    return np.add.accumulate(np.array([np.zeros(batch), *(value for _, value in drivers)]),
                             axis=0)[-1]


def people_drivers(before: Array, felt: Array, stayed: Array | None, after: Array | None,
                   explained: Array) -> Drivers:
    """The last morale drivers: what the 0..1 bounds cut off (`before` the mean morale at
    the start, in points, `felt` after the terms, 0..1, and `explained` the sum of the
    terms' drivers), and the change that comes from who left (`stayed`: the mean morale of
    those who stayed; None if nobody left) and who joined (`after`: the mean morale of
    everyone employed now; None if nobody joined)."""
    drivers: Drivers = []
    felt = k.HUNDRED * felt
    limits = felt - before - explained
    if np.count_nonzero(np.abs(limits) > 1e-9):
        drivers.append((LIMITS, limits))
    stayed = felt if stayed is None else k.HUNDRED * stayed
    drivers.append((LEAVING, stayed - felt))
    after = stayed if after is None else k.HUNDRED * after
    drivers.append((JOINING, after - stayed))
    return drivers


_RATED: dict[str, tuple[Params, Array, Array]] = {}  # by metric: the last params' rates


def _rated(metric: str, weights: Callable[[Params], Array], p: Params) -> tuple[Array, Array]:
    """`metric_rate × weights(p)` and 100 times that, worked out once per `p`."""
    cached = _RATED.get(metric)
    if cached is None or cached[0] is not p:
        rated = p.metric_rate * weights(p)
        cached = _RATED[metric] = (p, rated, 100.0 * rated)
    return cached[1], cached[2]


def _pull(level: Array, names: tuple[str, ...], rates: tuple[Array, Array], now: Array,
          before: Array, shocks: dict[str, Array]) -> tuple[Array, Drivers]:
    """Move `level` toward its components `now` (B, K); drivers split each component's
    pull into its own change since `before` and the catch-up of earlier rounds. Each
    one-off in `shocks` keeps one sign: a bonus (>= 0) or a penalty (<= 0), by its name."""
    frac = level / k.HUNDRED
    room = k.ONE - frac
    rated, rated_points = rates  # metric_rate × weights, and 100 times that
    pull = rated * (k.HUNDRED * now - level[:, None])
    factor = np.where(pull > k.ZERO, room[:, None], frac[:, None])
    own = factor * rated_points * (now - before)
    total = np.add.reduce(pull * factor, axis=1)
    drivers: Drivers = list(zip(names, own.T, strict=True))
    drivers.append((CATCH_UP, total - np.add.reduce(own, axis=1)))
    for name, shock in shocks.items():
        part = shock * (room if name in BONUSES else frac)
        drivers.append((name, part))
        total = total + part
    moved = level + total
    new = np.minimum(np.maximum(moved, k.ZERO), k.HUNDRED)
    # Where no bound cut, the residual is rounding only (|level|, |new| <= 100): far under
    # 1e-9, so it is worked out only where a bound did cut.
    if np.count_nonzero(new != moved):
        residual = new - level - total
        if np.count_nonzero(np.abs(residual) > 1e-9):
            drivers.append((LIMITS, residual))
    return new, drivers


def innovation_components(creativity: Array, ideas: Array, momentum: Array, headcount: Array
                          ) -> Array:
    """(B, 3) in INNOVATION_PARTS order, each 0..1."""
    pipeline = k.ONE - np.exp(-ideas / np.maximum(headcount * 0.4, k.ONE))
    return np.array([creativity, pipeline, momentum]).T


def innovation_weights(p: Params) -> Array:
    return np.array([p.innovation_creativity_weight, p.innovation_pipeline_weight,
                     p.innovation_shipped_weight])


def innovation_update(level: Array, now: Array, before: Array, launched: Array, p: Params
                      ) -> tuple[Array, Drivers]:
    return _pull(level, INNOVATION_PARTS, _rated("innovation", innovation_weights, p), now, before,
                 {"Ideas launched": p.shipped_bonus * launched})


def delivery_components(delivered_ratio: Array, quality: Array, kept: Array) -> Array:
    """(B, 3) in DELIVERY_PARTS order, each 0..1."""
    return np.array([delivered_ratio, quality, kept], dtype=float).T


def delivery_weights(p: Params) -> Array:
    return np.array([p.delivery_progress_weight, p.delivery_quality_weight,
                     p.delivery_deadline_weight])


def delivery_update(level: Array, now: Array, before: Array, shipped: Array, missed: Array,
                    shock: Array, p: Params) -> tuple[Array, Drivers]:
    shocks = {
        "Projects shipped": p.shipped_bonus * shipped,
        "Missed deadlines": -p.missed_penalty * missed,
        "Risk events": -shock,
    }
    return _pull(level, DELIVERY_PARTS, _rated("delivery", delivery_weights, p), now, before, shocks)


def starting_level(components: Array, weights: Array) -> Array:
    """A metric's level before round 1: where its components point."""
    return np.asarray(100.0 * np.add.reduce(components * weights, axis=1) / weights.sum())
