"""The model reproduces management's reference modes, played through real games.

- Overload boom and bust (People Express; Sterman, *Business Dynamics*; Abdel-Hamid &
  Madnick): every team held at 130 % load gets more done at first, then fatigue, errors and
  rework pull delivery below the path of a team held at 100 %.
- Brooks's law (*The Mythical Man-Month*): people hired onto a late project make it later
  while they are brought up to speed.
- Deadlines are steep, not cliffs: a project missed by a little costs a little.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pytest

from game.analysis.strategies import Balanced, focused_schedule, play
from game.model import new_game, params_for, step
from game.rules.decisions import AllocateBudget, Decision, Schedule
from game.rules.plans import naive_schedule, plan_from_drafts
from game.rules.records import Phase
from game.rules.session import GameSession
from game.scenario import load_scenario
from game.search.batch import DecisionSequence, evaluate
from game.search.players import Budget, search

SEEDS = range(10)


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
    """The balanced persona's budget and leadership on the starting schedule (every team
    spread over every project), hiring with `hire_share` of the budget in `hire_rounds`
    only (the rest of the budget as the persona splits it)."""

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


def rounds_of(scenario_id: str, player: Balanced) -> dict[str, np.ndarray]:
    """Per round, the mean over SEEDS of the delivery metric, the work delivered so far
    (progress × scope, summed over projects) and each project's progress."""
    scenario = load_scenario(scenario_id)
    delivery, work, progress = [], [], []
    for seed in SEEDS:
        session = play(GameSession(scenario, seed), player)
        delivery.append([r.metrics["delivery"] for r in session.history])
        work.append([sum(p.progress * scenario.project(p.id).scope for p in r.projects)
                     for r in session.history])
        progress.append([[p.progress for p in r.projects] for r in session.history])
    return {"delivery": np.mean(delivery, axis=0), "work": np.mean(work, axis=0),
            "progress": np.mean(progress, axis=0)}


@pytest.mark.parametrize("scenario_id", ["scaling-new-markets", "hard-deadline"])
def test_sustained_overload_booms_then_busts_below_the_sustainable_path(scenario_id: str) -> None:
    steady = rounds_of(scenario_id, Loaded(load=1.0))
    overloaded = rounds_of(scenario_id, Loaded(load=1.3))
    ahead = overloaded["work"] - steady["work"]
    behind = overloaded["delivery"] - steady["delivery"]
    # The boom: more work done in the first rounds.
    assert ahead[0] > 2.0 and ahead[1] > 2.0, ahead
    # The bust: from round 3 the delivery metric is below the sustainable path every round,
    # ending far below it, and the extra work done early is lost again to rework: some
    # round finds the overloaded teams behind on work too.
    assert (behind[2:] < 0.0).all(), behind
    assert behind[-1] < -5.0, behind
    assert ahead.min() < -1.0, ahead


@pytest.mark.parametrize(("scenario_id", "project"), [("scaling-new-markets", "emea"),
                                                      ("hard-deadline", "close-breach")])
def test_hiring_onto_a_late_project_makes_it_later(scenario_id: str, project: str) -> None:
    scenario = load_scenario(scenario_id)
    index = [p.id for p in scenario.projects].index(project)
    due = scenario.project(project).due
    alone = rounds_of(scenario_id, Hiring())["progress"][:, index]
    hired = rounds_of(scenario_id, Hiring(hire_rounds=(due - 2, due - 1)))["progress"][:, index]
    assert alone[due - 1] < 1.0  # the project is late on this schedule
    # At its due round, the hires' onboarding has cost it at least 5 % of its scope...
    assert hired[due - 1] <= alone[due - 1] - 0.05, (alone, hired)
    # ...and every round of the ramp-up is behind; only later do the hires pay.
    assert (hired[due - 2:due + 1] < alone[due - 2:due + 1]).all(), (alone, hired)


def test_the_best_deadline_game_is_not_a_knife_edge() -> None:
    """Deadline misses are steep but not cliffs: taking a round's overtime (or an eighth of
    its schedule) out of hard-deadline's best searched game costs under 3 points."""
    scenario = load_scenario("hard-deadline")
    best = search(scenario, "free", Budget.scaled(0.5)).sequence
    seeds = list(range(60))
    weakened = []
    for r, (leader, manager) in enumerate(best.rounds):
        lighter = {t: {p: s * 0.87 for p, s in row.items()} for t, row in manager.schedule.items()}
        for change in (replace(manager, overtime=0.0), replace(manager, schedule=lighter)):
            rounds = list(best.rounds)
            rounds[r] = (leader, change)
            weakened.append(DecisionSequence(tuple(rounds), best.answers))
    scores = evaluate(scenario, [best, *weakened], seeds).mean_score()
    assert scores[0] - scores[1:].min() < 3.0, scores


def test_a_near_miss_costs_a_little_of_a_clean_miss() -> None:
    """The same project missed by 3 % of its scope or by 60 %: the delivery penalty and the
    value still earned late are graded by the shortfall at the date."""
    scenario = load_scenario("hard-deadline")
    world, start = new_game(scenario)
    params = params_for(scenario)
    due = scenario.project("customer-care")
    index = [p.id for p in scenario.projects].index(due.id)
    session = GameSession(scenario, 0)
    plan = plan_from_drafts(scenario, world, session.leader, session.manager)
    penalties = []
    for short in (0.03, 0.6):
        progress = start.progress.copy()
        progress[0, index] = due.scope * (1.0 - short)
        state = start.evolve(progress=progress, round=due.due - 1)
        quiet = replace(plan, schedule=np.zeros_like(plan.schedule))  # no work this round
        _, report = step(state, quiet, world, params, np.random.default_rng(0))
        assert report.missed[0, index]
        penalties.append(-float(dict(report.drivers["delivery"])["Missed deadlines"][0]))
    assert 0.0 < penalties[0] < 0.15 * penalties[1], penalties
