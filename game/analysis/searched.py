"""The searched extremes of a scenario: each search mode's best game, scored on unseen seeds.

`search_all` runs the search players (game/search/players.py) in every mode, the free search
starting from the best fixed policy and from the balanced persona played at a few paces,
restarts each search once from a fresh seed, polishes the better game with a hill-climb
(game/search/climb.py), and plays each mode's best and the hands-off game on the report's
seeds with the batched evaluator. The seeds the search plays never overlap them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from game.analysis.strategies import Balanced, Strategy, make_strategy
from game.rules.decisions import ChooseOption, EndPhase
from game.rules.records import METRIC_NAMES, Phase
from game.rules.session import GameSession
from game.scenario.types import Scenario
from game.search.batch import DecisionSequence, evaluate
from game.search.climb import Climb, climb
from game.search.genome import MODE_TEXT, Space
from game.search.players import SEARCH_SEEDS, Budget, Found, Progress, search
from game.search.policy import from_sequence

SEARCHED: tuple[str, ...] = ("best-free", "best-fixed", "best-manager-only", "best-leader-only")
SEARCH_ORDER: tuple[str, ...] = ("fixed", "free", "manager-only", "leader-only")
# Each mode's search starts from the scripted persona that plays by its rules.
OPENINGS = {"free": "balanced", "manager-only": "manager-only", "leader-only": "leader-only"}
# The free search also starts from the balanced persona at other paces: the scenario's own
# deadlines set each project's pace, and these vary how hard the teams are pushed to them.
PACES: tuple[Balanced, ...] = (Balanced(load=1.0), Balanced(load=0.85, innovation_share=0.35),
                               Balanced(load=0.97, innovation_share=0.15))
CHOICE_SEEDS = SEARCH_SEEDS + 900_000_000  # seeds that choose between the restarts
RESTARTS = 2  # each mode is searched from this many seeds; the climb polishes the better game


@dataclass(frozen=True)
class Searched:
    found: dict[str, Found]                 # by mode
    rows: dict[str, np.ndarray]             # by strategy name: per seed, final metrics, score, round scores
    budget: Budget
    policies: dict[str, dict[str, Any]]     # by strategy name: the game as a policy line

    def as_dict(self) -> dict[str, Any]:
        return {
            "budget": vars(self.budget),
            "modes": {f"best-{mode}": {"means": MODE_TEXT[mode],
                                       "search_score": round(found.search_score, 3),
                                       "policy": self.policies[f"best-{mode}"]}
                      for mode, found in self.found.items()},
        }


def hands_off(scenario: Scenario) -> DecisionSequence:
    """Enter pressed through every phase: the starting drafts, every event's first choice."""
    space = Space.of(scenario)
    return DecisionSequence(
        tuple((space.starting_leader(), space.starting_manager()) for _ in range(scenario.rounds)),
        tuple(tuple(0 for _ in scenario.events) for _ in range(scenario.rounds)))


def played(scenario: Scenario, name: str | Strategy, seed: int) -> tuple[GameSession, DecisionSequence]:
    """A scripted persona's game on one seed (a persona's name, or a strategy), played
    through the session, and the drafts and answers it made: what the batched evaluator
    replays."""
    session = GameSession(scenario, seed)
    strategy = make_strategy(name, seed) if isinstance(name, str) else name
    ids = [e.id for e in scenario.events]
    rounds, answers = [], [[0] * len(ids) for _ in range(scenario.rounds)]
    while not session.over:
        for decision in strategy.decide(session):
            if session.phase is Phase.MANAGER and isinstance(decision, EndPhase):
                rounds.append((session.leader, session.manager))
            if isinstance(decision, ChooseOption) and session.pending_event is not None:
                answers[session.round - 1][ids.index(session.pending_event.event_id)] = decision.index
            session.apply(decision)
    return session, DecisionSequence(tuple(rounds), tuple(tuple(row) for row in answers))


def recorded(scenario: Scenario, name: str | Strategy, seed: int) -> DecisionSequence:
    """A scripted persona's game on one seed, as the drafts and answers it played."""
    return played(scenario, name, seed)[1]


def openings_of(scenario: Scenario, mode: str) -> list[DecisionSequence]:
    """The known games a mode's search starts from: the persona that plays by its rules
    (for the free search, at several paces)."""
    if mode not in OPENINGS:
        return []
    openings = [recorded(scenario, OPENINGS[mode], SEARCH_SEEDS - 1)]
    if mode == "free":
        openings += [recorded(scenario, pace, SEARCH_SEEDS - 1) for pace in PACES]
    return openings


def best_of(scenario: Scenario, mode: str, budget: Budget, progress: Progress | None = None,
            openings: Sequence[DecisionSequence] = (), start: Found | None = None,
            forbidden: frozenset[str] = frozenset(), restarts: int = RESTARTS) -> Found:
    """The best game found in `mode`: the search from `restarts` seeds (the free search with
    twice the generations: it decides every round), the best polished by the climb."""
    effort = replace(budget, generations=budget.generations * 2) if mode == "free" else budget
    tries = [search(scenario, mode, effort, seed=seed, progress=progress, openings=openings,
                    start=start, forbidden=forbidden) for seed in range(restarts)]
    scores = evaluate(scenario, [f.sequence for f in tries],
                      list(range(CHOICE_SEEDS, CHOICE_SEEDS + budget.final_seeds))).mean_score()
    steps = Climb.scaled(budget.generations / Budget().generations)
    return climb(scenario, tries[int(np.argmax(scores))], steps, forbidden=forbidden)


def search_all(scenario: Scenario, budget: Budget, seeds: Sequence[int],
               progress: Progress | None = None, known: Sequence[DecisionSequence] = ()) -> Searched:
    """Each mode's best game; `known` games (say, a better game another search or a player
    found) start the free search beside its openings, so par is never below the best of them."""
    found: dict[str, Found] = {}
    for mode in SEARCH_ORDER:
        openings = openings_of(scenario, mode) + (list(known) if mode == "free" else [])
        found[mode] = best_of(scenario, mode, budget, progress, openings,
                              start=found.get("fixed") if mode == "free" else None)
    names = [f"best-{mode}" for mode in found] + ["hands-off"]
    sequences = [f.sequence for f in found.values()] + [hands_off(scenario)]
    result = evaluate(scenario, sequences, list(seeds))
    rows = {}
    for p, name in enumerate(names):
        columns = [result.final[m][p] for m in METRIC_NAMES] + [result.raw_score[p]]
        rows[name] = np.column_stack(columns + [result.per_round[p]])
    policies = {name: from_sequence(scenario, seq, name) for name, seq in zip(names, sequences, strict=True)}
    ordered = {mode: found[mode] for mode in ("free", "fixed", "manager-only", "leader-only")}
    return Searched(ordered, rows, budget, policies)
