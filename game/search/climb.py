"""A hill-climb from a searched game: small changes to one round at a time, kept only when
they beat the game on seeds the climb checks with.

The cross-entropy search (players.py) finds the region of a good game; the climb polishes
it. Each step samples neighbours (one round changed a little: budget, loads, splits,
overtime, reviews, vision, actions or event answers), plays them with the current game on
a few fresh seeds (common random numbers), and plays the best few on the climb's check
seeds; a neighbour that beats the current game there becomes the current game.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.scenario.types import Scenario
from game.search.batch import evaluate
from game.search.genome import Mode, Space
from game.search.players import SEARCH_SEEDS, Found, _Distribution

Array = np.ndarray
CLIMB_SEEDS = SEARCH_SEEDS + 500_000_000  # the climb's seeds: apart from the search's own


@dataclass(frozen=True)
class Climb:
    """How hard the climb tries: steps, neighbours each, seeds per neighbour, check seeds."""

    steps: int = 90
    neighbours: int = 48
    seeds: int = 8
    check_seeds: int = 96
    shortlist: int = 3

    @classmethod
    def scaled(cls, effort: float) -> Climb:
        base = cls()
        return cls(max(2, round(base.steps * effort)), base.neighbours, base.seeds,
                   base.check_seeds, base.shortlist)


def _local(dist: _Distribution, genes: dict[str, Array], step: float) -> None:
    """Centre `dist` on `genes` with small steps around them."""
    dist.centre_on(genes, weight=0.85)
    dist.budget_std = np.full_like(dist.budget_mean, 0.35 * step)
    dist.load_std = np.full_like(dist.load_mean, 0.08 * step)
    dist.split_std = np.full_like(dist.split_mean, 0.35 * step)
    dist.overtime_std = np.full_like(dist.overtime_mean, 0.12 * step)


def _neighbours(dist: _Distribution, n: int, rng: np.random.Generator) -> dict[str, Array]:
    """`n` games that each differ from `dist`'s most likely game in one kind of decision
    (budget, loads, splits, overtime, reviews, vision, actions or answers) of one round."""
    sampled, base = dist.sample(n), dist.mode_sample()
    names = sorted(sampled)
    group = rng.integers(0, len(names), n)
    focus = rng.integers(0, dist.rounds, n)
    for g, name in enumerate(names):
        values = sampled[name]
        rows = values.shape[1]
        keep = np.ones((n, rows), dtype=bool)
        chosen = group == g
        keep[chosen, np.minimum(focus[chosen], rows - 1)] = False
        shape = keep.shape + (1,) * (values.ndim - 2)
        sampled[name] = np.where(keep.reshape(shape), base[name].astype(values.dtype), values)
    return sampled


def climb(scenario: Scenario, found: Found, effort: Climb | None = None, seed: int = 0,
          forbidden: frozenset[str] = frozenset()) -> Found:
    """`found` or a better game near it (never a worse one on the check seeds)."""
    effort = effort or Climb()
    mode = Mode.named(found.mode, forbidden)
    space = Space.of(scenario)
    rng = np.random.default_rng([seed, 17, sum(map(ord, scenario.id)), sum(map(ord, found.mode))])
    dist = _Distribution(space, mode, 1 if mode.fixed else scenario.rounds, rng)
    next_seed = CLIMB_SEEDS + seed * 10_000_000
    check = list(range(next_seed, next_seed + effort.check_seeds))
    next_seed += effort.check_seeds
    genes, sequence = found.genes, found.sequence
    score = float(evaluate(scenario, [sequence], check).mean_score()[0])
    step = 1.0
    _local(dist, genes, step)
    for _ in range(effort.steps):
        sampled = _neighbours(dist, effort.neighbours, rng)
        candidates = dist.decode(sampled)
        seeds = list(range(next_seed, next_seed + effort.seeds))
        next_seed += effort.seeds
        scores = evaluate(scenario, [sequence, *candidates], seeds).mean_score()
        order = [int(i) for i in np.argsort(-scores[1:], kind="stable")[:effort.shortlist]
                 if scores[1 + i] > scores[0]]
        if order:
            checked = evaluate(scenario, [candidates[i] for i in order], check).mean_score()
            best = int(np.argmax(checked))
            if checked[best] > score:
                pick = order[best]
                genes = {k: v[pick:pick + 1] for k, v in sampled.items()}
                sequence, score = candidates[pick], float(checked[best])
                _local(dist, genes, step)
                continue
        step = max(step * 0.8, 0.25)  # no better neighbour: look closer
        _local(dist, genes, step)
    return Found(found.mode, sequence, score, genes)
