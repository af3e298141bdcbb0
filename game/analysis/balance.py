"""Does a scenario teach what it claims? Play every scripted player over many seeds and compare.

    report = balance(load_scenario("scaling-new-markets"), runs=200)
    report.ratio("manager-only")      # balanced's mean score over manager-only's, e.g. 1.31
    all(c.holds for c in report.claims)

Every strategy plays the same seeds. The greedy player searches (it is ~60 times slower than
the others), so it plays at most `greedy_runs` of them; its mean score is the scenario's par.
Games run in `jobs` worker processes; the numbers do not depend on how many.

With `search=Budget(...)` the report also holds the best games a search found in each mode
(`best-free`, `best-fixed`, `best-manager-only`, `best-leader-only`, game/search/players.py)
and the hands-off game, all scored on the report's seeds, which the search never plays.
Then claims are checked against the searched extremes (`balanced` stands for the best free
game, `manager-only` and `leader-only` for the best of those modes) and par is the best free
game's mean score.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.analysis.searched import SEARCHED, Searched, search_all
from game.analysis.strategies import STRATEGIES, make_strategy, play
from game.rules.records import METRIC_NAMES
from game.rules.session import GameSession
from game.scenario.types import Claim, Scenario
from game.search.batch import DecisionSequence
from game.search.players import Budget, Progress

MEASURES: tuple[str, ...] = (*METRIC_NAMES, "score")
EXTREMES: tuple[str, ...] = ("manager-only", "leader-only")
GREEDY_RUNS = 20
PERSONAS: tuple[str, ...] = ("balanced", "manager-only", "leader-only", "random")
# With a search, a claim about a scripted extreme is checked against the searched one.
SEARCHED_FOR = {"balanced": "best-free", "manager-only": "best-manager-only",
                "leader-only": "best-leader-only"}


@dataclass(frozen=True)
class Spread:
    """Mean, standard deviation and the 5th..95th percentile range over the runs."""

    mean: float
    std: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float] | np.ndarray) -> Spread:
        a = np.asarray(values, dtype=float)
        return cls(float(a.mean()), float(a.std()), float(np.percentile(a, 5)),
                   float(np.percentile(a, 95)))

    def as_dict(self) -> dict[str, float]:
        return {k: round(v, 3) for k, v in vars(self).items()}


@dataclass(frozen=True)
class StrategyStats:
    name: str
    runs: int
    measures: dict[str, Spread]   # morale, innovation, delivery (final) and score
    per_round: list[float]        # mean score in each round, for charts


@dataclass(frozen=True)
class ClaimCheck:
    claim: Claim
    margin: float                 # observed: mean(strategy) / mean(beats) - 1
    holds: bool
    against: tuple[str, str] | None = None   # the searched players it was checked with

    def describe(self) -> str:
        c = self.claim
        verdict = "holds" if self.holds else "FAILS"
        mine, theirs = self.against or (c.strategy, c.beats)
        return (f"{mine} beats {theirs} by >= {c.by:.0%}: {self.margin:+.1%} "
                f"-> {verdict}")


@dataclass(frozen=True)
class BalanceReport:
    scenario_id: str
    title: str
    seeds: tuple[int, ...]
    stats: dict[str, StrategyStats]
    claims: tuple[ClaimCheck, ...]
    searched: Searched | None = None   # the search's bests, when it ran

    def mean_score(self, name: str) -> float:
        return self.stats[name].measures["score"].mean

    def ratio(self, name: str, over: str = "balanced") -> float:
        """Mean score of `over` divided by that of `name`."""
        return self.mean_score(over) / max(self.mean_score(name), 1e-9)

    @property
    def par(self) -> float | None:
        for name in ("best-free", "greedy"):
            if name in self.stats:
                return round(self.mean_score(name), 1)
        return None

    def best_ratio(self, extreme: str) -> float:
        """The best free game's mean score over the best `extreme` game's (searched)."""
        return self.ratio(f"best-{extreme}", "best-free")

    @property
    def ok(self) -> bool:
        return all(c.holds for c in self.claims)

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario_id,
            "title": self.title,
            "runs": len(self.seeds),
            "first_seed": self.seeds[0] if self.seeds else 0,
            "strategies": {
                s.name: {"runs": s.runs, **{m: s.measures[m].as_dict() for m in MEASURES},
                         "score_per_round": [round(v, 3) for v in s.per_round]}
                for s in self.stats.values()
            },
            "ratios": {f"balanced/{n}": round(self.ratio(n), 4) for n in self.stats
                       if n != "balanced" and "balanced" in self.stats},
            "par": self.par,
            **({"searched": self.searched.as_dict(), "best_ratios": {
                f"best-free/best-{x}": round(self.best_ratio(x), 4) for x in EXTREMES}}
               if self.searched is not None else {}),
            "claims": [{"strategy": c.claim.strategy, "beats": c.claim.beats, "by": c.claim.by,
                        **({"checked": list(c.against)} if c.against else {}),
                        "margin": round(c.margin, 4) if math.isfinite(c.margin) else None,
                        "holds": c.holds} for c in self.claims],
            "ok": self.ok,
        }


def _play_seeds(scenario: Scenario, name: str, seeds: Sequence[int]) -> list[list[float]]:
    """Per seed: the final metrics, the score, then the score of each round."""
    rows = []
    for seed in seeds:
        result = play(GameSession(scenario, seed), make_strategy(name, seed)).result()
        rows.append([result.final[m] for m in METRIC_NAMES] + [result.score]
                    + [r.score for r in result.history])
    return rows


def _chunks(seeds: Sequence[int], parts: int) -> list[list[int]]:
    size = max(1, math.ceil(len(seeds) / max(parts, 1)))
    return [list(seeds[i:i + size]) for i in range(0, len(seeds), size)]


def check_claims(scenario: Scenario, stats: dict[str, StrategyStats], searched: bool = False
                 ) -> tuple[ClaimCheck, ...]:
    checks = []
    for claim in scenario.claims:
        mine_name, theirs_name = claim.strategy, claim.beats
        if searched:
            mine_name = SEARCHED_FOR.get(mine_name, mine_name)
            theirs_name = SEARCHED_FOR.get(theirs_name, theirs_name)
        against = (mine_name, theirs_name) if searched else None
        if mine_name not in stats or theirs_name not in stats:
            checks.append(ClaimCheck(claim, float("nan"), False, against))
            continue
        mine = stats[mine_name].measures["score"].mean
        theirs = stats[theirs_name].measures["score"].mean
        margin = mine / max(theirs, 1e-9) - 1.0
        checks.append(ClaimCheck(claim, margin, margin >= claim.by - 1e-12, against))
    return tuple(checks)


def balance(scenario: Scenario, runs: int = 200, *, first_seed: int = 0,
            strategies: Sequence[str] | None = None, greedy_runs: int = GREEDY_RUNS,
            jobs: int = 1, search: Budget | None = None, progress: Progress | None = None,
            known: Sequence[DecisionSequence] = ()) -> BalanceReport:
    """Play each strategy over `runs` seeds (greedy over at most `greedy_runs`) and compare.

    With `search`, also find each mode's best game and score it on the same seeds; the
    scripted players then default to the personas (the greedy player is not needed for par).
    `known` games start the free search too (searched.search_all).
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    names = list(strategies or (PERSONAS if search is not None else STRATEGIES))
    seeds = tuple(range(first_seed, first_seed + runs))
    plan = {name: seeds[:min(runs, greedy_runs)] if name == "greedy" else seeds for name in names}
    # Split the slow greedy games finer so the workers finish together.
    tasks = [(name, chunk) for name in names
             for chunk in _chunks(plan[name], jobs * (4 if name == "greedy" else 1))]
    searched: Searched | None = None
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(_play_seeds, scenario, name, chunk) for name, chunk in tasks]
            if search is not None:  # the search runs here while the workers play the personas
                searched = search_all(scenario, search, seeds, progress, known)
            results = [f.result() for f in futures]
    else:
        if search is not None:
            searched = search_all(scenario, search, seeds, progress, known)
        results = [_play_seeds(scenario, name, chunk) for name, chunk in tasks]
    rows: dict[str, list[list[float]]] = {name: [] for name in names}
    for (name, _), result in zip(tasks, results, strict=True):
        rows[name].extend(result)
    stats = {}
    for name in names:
        table = np.asarray(rows[name], dtype=float)
        measures = {m: Spread.of(table[:, i]) for i, m in enumerate(MEASURES)}
        per_round = [float(v) for v in table[:, len(MEASURES):].mean(axis=0)]
        stats[name] = StrategyStats(name, len(rows[name]), measures, per_round)
    if searched is not None:
        for name in SEARCHED + ("hands-off",):
            table = searched.rows[name]
            measures = {m: Spread.of(table[:, i]) for i, m in enumerate(MEASURES)}
            stats[name] = StrategyStats(name, len(table),  measures,
                                        [float(v) for v in table[:, len(MEASURES):].mean(axis=0)])
    return BalanceReport(scenario.id, scenario.title, seeds, stats,
                         check_claims(scenario, stats, searched is not None), searched)
