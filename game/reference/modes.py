"""The personas that play management's reference modes, and the round-by-round series they
make: what tests/core/test_reference_modes.py asserts and `reference_plot` draws.

- Overload boom and bust: every team held at 130 % load against 100 % (`Loaded`).
- Brooks's law: a share of the budget on hiring in the two rounds before a late project's
  date, against no hiring, both on the even starting spread (`Hiring`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.analysis.strategies import Balanced, focused_schedule, play
from game.rules.decisions import AllocateBudget, Decision, Schedule
from game.rules.plans import naive_schedule
from game.rules.records import Phase
from game.rules.session import GameSession
from game.scenario import load_scenario

SEEDS = range(10)
LATE_PROJECT = {"scaling-new-markets": "emea", "hard-deadline": "close-breach"}   # Brooks's law


@dataclass(frozen=True)
class Loaded(Balanced):
    """The balanced persona, with every team scheduled at `load` of its capacity."""

    def decide(self, session: GameSession) -> list[Decision]:
        decisions = super().decide(session)
        if session.phase is not Phase.MANAGER:
            return decisions
        return [Schedule(self._loaded(session)) if isinstance(d, Schedule) else d for d in decisions]

    def _loaded(self, session: GameSession) -> dict[str, dict[str, float]]:
        open_ids = [p.id for p in session.projects if p.state in ("open", "missed") and not p.waiting]
        schedule = {}
        for team, shares in focused_schedule(session, 1.0, self.innovation_share).items():
            scaled = {p: min(share * self.load, 1.0) for p, share in shares.items()}
            extra = self.load * sum(shares.values()) - sum(scaled.values())
            for p in open_ids:  # what one project cannot take goes to the others
                give = min(1.0 - scaled[p], extra)
                scaled[p] += give
                extra -= give
            schedule[team] = scaled
        return schedule


@dataclass(frozen=True)
class Hiring(Balanced):
    """The balanced persona's budget and leadership on the even starting spread (every team
    over every project), hiring with `hire_share` of the budget in `hire_rounds` only (the
    rest of the budget as the persona splits it)."""

    hire_rounds: tuple[int, ...] = ()
    hire_share: float = 0.4

    def decide(self, session: GameSession) -> list[Decision]:
        decisions = super().decide(session)
        if session.phase is not Phase.MANAGER:
            return decisions
        kept: list[Decision] = []
        for decision in decisions:
            if isinstance(decision, Schedule):   # the even spread, not the persona's focus
                decision = Schedule(naive_schedule(session.scenario))
            if isinstance(decision, AllocateBudget):
                total = sum(decision.amounts.values())
                hiring = self.hire_share * total if session.round in self.hire_rounds else 0.0
                rest = {c: v for c, v in decision.amounts.items() if c != "hiring"}
                scale = (total - hiring) / sum(rest.values())
                decision = AllocateBudget({**{c: v * scale for c, v in rest.items()}, "hiring": hiring})
            kept.append(decision)
        return kept


def rounds_of(scenario_id: str, player: Balanced, seeds: range = SEEDS) -> dict[str, np.ndarray]:
    """Per round, the mean over `seeds` of the delivery metric, the work delivered so far
    (progress × scope, summed over projects) and each project's progress."""
    scenario = load_scenario(scenario_id)
    delivery, work, progress = [], [], []
    for seed in seeds:
        session = play(GameSession(scenario, seed), player)
        delivery.append([r.metrics["delivery"] for r in session.history])
        work.append([sum(p.progress * scenario.project(p.id).scope for p in r.projects)
                     for r in session.history])
        progress.append([[p.progress for p in r.projects] for r in session.history])
    return {"delivery": np.mean(delivery, axis=0), "work": np.mean(work, axis=0),
            "progress": np.mean(progress, axis=0)}


def boom_bust(scenario_id: str) -> dict[str, dict[str, np.ndarray]]:
    """The 100 % path and the 130 % path."""
    return {"100% load": rounds_of(scenario_id, Loaded(load=1.0)),
            "130% load": rounds_of(scenario_id, Loaded(load=1.3))}


def brooks(scenario_id: str, project: str) -> dict[str, dict[str, np.ndarray]]:
    """No hiring, and hiring in the two rounds before `project`'s date."""
    due = load_scenario(scenario_id).project(project).due
    hired = rounds_of(scenario_id, Hiring(hire_rounds=(due - 2, due - 1)))
    return {"no hiring": rounds_of(scenario_id, Hiring()), f"hiring in rounds {due - 2}-{due - 1}": hired}
