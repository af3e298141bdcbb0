"""Is every lever priced? Take each lever away from the free search and see what it costs.

`lever_costs(scenario)` finds the best free game, then the best free game with each lever
forbidden (game/search/genome.py `LEVERS`), all scored on the same unseen seeds: the cost
of a lever is how many points its loss takes from the best game. A game found without a
lever is a free game too, so when one beats the best, it becomes the best and the levers
are searched again from it (up to `PASSES` times). A lever that costs under
a point in every shipped scenario is inert. `at_maximum` says which levers the best game
uses to the full in every round (an action every round, overtime or reviews every round,
most of the budget on one category, the boldest vision throughout).

Run `python -m game.analysis.levers [SCENARIO ...]` for a table (it takes minutes).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.analysis.searched import best_of, openings_of
from game.scenario import load_scenario
from game.scenario.types import Scenario
from game.search.batch import DecisionSequence, evaluate
from game.search.genome import LEVERS
from game.search.players import SEARCH_SEEDS, Budget

INERT_BELOW = 1.0
PASSES = 3                        # at most this many rounds of lever searches
SELECTION_SEEDS = SEARCH_SEEDS // 2  # seeds that choose the best game: never searched or reported


@dataclass(frozen=True)
class LeverCosts:
    scenario: str
    best: float                 # the best free game's mean score on the report seeds
    cost: dict[str, float]      # lever -> points lost when it is forbidden
    at_maximum: tuple[str, ...]


def at_maximum(scenario: Scenario, best: DecisionSequence) -> tuple[str, ...]:
    """Levers the game uses to the full in every round."""
    rounds = best.rounds
    full = []
    for category in scenario.budget.categories:
        if all(m.budget.get(category, 0.0) >= 0.8 * m.budget_total for _, m in rounds):
            full.append(f"budget:{category}")
    if all(m.overtime >= 0.95 for _, m in rounds):
        full.append("overtime")
    if all(m.reviews for _, m in rounds):
        full.append("reviews")
    for lever in LEVERS:
        if lever.startswith("action:") and all(any(f"action:{a.action}" == lever for a in lead.actions)
                                               for lead, _ in rounds):
            full.append(lever)
    boldest = max(scenario.visions, key=lambda v: v.ambition).id if scenario.visions else None
    if boldest is not None and all(lead.vision == boldest for lead, _ in rounds):
        full.append("vision")
    return tuple(full)


def lever_costs(scenario: Scenario, budget: Budget | None = None, runs: int = 100,
                levers: Sequence[str] = LEVERS) -> LeverCosts:
    budget = budget or Budget.scaled(0.5)
    fixed = best_of(scenario, "fixed", budget)
    best = best_of(scenario, "free", budget, openings=openings_of(scenario, "free"), start=fixed)
    applicable = [lever for lever in levers if _applies(scenario, lever)]
    choosing = list(range(SELECTION_SEEDS, SELECTION_SEEDS + runs))
    for _ in range(PASSES):
        # Each lever's loss: the search from the best game with the lever taken away (one
        # run), polished by the climb.
        without = [best_of(scenario, "free", budget, start=best, forbidden=frozenset({lever}),
                           restarts=1) for lever in applicable]
        # A game found without a lever is a free game too: when one beats the best (on seeds
        # neither the search nor the report plays), search each lever's loss again from it.
        scores = evaluate(scenario, [best.sequence] + [f.sequence for f in without], choosing).mean_score()
        top = int(np.argmax(scores))
        if top == 0:
            break
        best = without[top - 1]
    seeds = list(range(runs))
    scores = evaluate(scenario, [best.sequence] + [f.sequence for f in without], seeds).mean_score()
    cost = {lever: float(scores[0] - scores[i + 1]) for i, lever in enumerate(applicable)}
    return LeverCosts(scenario.id, float(scores[0]), cost, at_maximum(scenario, best.sequence))


def _applies(scenario: Scenario, lever: str) -> bool:
    if lever.startswith("budget:"):
        return lever.removeprefix("budget:") in scenario.budget.categories
    if lever == "answers":
        return bool(scenario.events)
    if lever == "vision":
        return len(scenario.visions) > 1
    return True


def main(argv: Sequence[str]) -> None:
    ids = list(argv) or ["first-voyage", "scaling-new-markets", "the-pivot", "hard-deadline",
                         "turnaround", "comfortable-giant", "rocket-in-a-garage", "the-ward-merger"]
    results = []
    for sid in ids:
        result = lever_costs(load_scenario(sid))
        results.append(result)
        costs = ", ".join(f"{lever} {cost:+.1f}" for lever, cost in result.cost.items())
        print(f"{sid}: best {result.best:.1f}; cost of losing each lever: {costs}; "
              f"at maximum every round: {', '.join(result.at_maximum) or 'none'}", flush=True)
    inert = [lever for lever in LEVERS
             if all(r.cost.get(lever, 0.0) < INERT_BELOW for r in results)]
    everywhere = [lever for lever in LEVERS if all(lever in r.at_maximum for r in results)]
    print(f"inert (costs under {INERT_BELOW:g} point everywhere): {', '.join(inert) or 'none'}")
    print(f"at maximum in every scenario's best game: {', '.join(everywhere) or 'none'}")


if __name__ == "__main__":
    main(sys.argv[1:])
