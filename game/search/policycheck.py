"""Check many policies at once: the same drafts and the same refusals as one `GameSession`
a policy (`game.search.policy.to_sequence`), about twenty times faster.

A policy's decisions are checked by the rules' own checks (`game.rules.validate`), and its
drafts are carried from round to round as the session carries them. The one thing the
session knows that the decisions do not is how much money each round has (a debt being
repaid, a budget moved by an event): that comes from playing the policies' drafts on seed 0,
the checking game's seed, with the batched model. Round r's money depends only on rounds
before it, so the drafts and the money agree after at most one pass per round; usually two
passes do. An answer that a condition has closed becomes the first open choice, in the
checking game as on every seed (`game.search.rowstory`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.model import new_game
from game.rules import validate as check
from game.rules.decisions import (
    AllocateBudget,
    CancelInspire,
    Decision,
    IllegalDecision,
    Inspire,
    Schedule,
    SetOvertime,
    SetReviews,
    SetVision,
)
from game.rules.plans import starting_budget, starting_schedule
from game.rules.records import LeaderDraft, ManagerDraft
from game.scenario.types import Scenario
from game.search.batch import DecisionSequence, evaluate


@dataclass(frozen=True)
class Checked:
    """One policy's drafts under the money given, or the first refusal (round, message)."""

    sequence: DecisionSequence
    refusal: tuple[int, str] | None


_LEADER = (SetVision, Inspire, CancelInspire)


def drafts_of(scenario: Scenario, rounds: Sequence[Sequence[Decision]],
              answers: tuple[tuple[int, ...], ...], totals: Sequence[float],
              first_total: float) -> Checked:
    """The drafts a session would hold with `totals[r]` money in round r + 1, or its refusal.

    The session's own steps, on plain values: leader decisions first, then the manager's, each
    in the order written; the budget split is kept in proportion when a round's money
    changes (`GameSession._open_budget`); the vision carries over, leader actions do not."""
    org = scenario.organization
    energy = org.leader_energy
    vision: str | None = org.vision
    budget, total = starting_budget(scenario), first_total
    schedule, overtime, reviews = starting_schedule(scenario), 0.0, False
    played: list[tuple[LeaderDraft, ManagerDraft]] = []
    refusal: tuple[int, str] | None = None
    for r, decisions in enumerate(rounds):
        scale = totals[r] / total if total > 0 else 0.0
        if scale != 1.0:
            budget = {c: v * scale for c, v in budget.items()}
        total = totals[r]
        actions: tuple[Inspire, ...] = ()
        left = energy
        for d in decisions:
            if not isinstance(d, _LEADER):
                continue
            try:
                if isinstance(d, SetVision):
                    check.vision(scenario, d.vision)
                    vision = d.vision
                elif isinstance(d, Inspire):
                    left -= check.inspire(scenario, LeaderDraft(vision, actions, energy, left), d)
                    actions += (d,)
                else:
                    planned = Inspire(d.action, d.team)
                    if planned not in actions:
                        raise IllegalDecision(f"{d.action.replace('_', ' ')} is not planned this "
                                              "round.")
                    listed = list(actions)
                    listed.remove(planned)
                    actions, left = tuple(listed), left + check.cost(d.action)
            except IllegalDecision as exc:
                refusal = refusal or (r, str(exc))
        for d in decisions:
            try:
                if isinstance(d, AllocateBudget):
                    budget = check.budget(scenario, d.amounts, total)
                elif isinstance(d, Schedule):
                    schedule = check.schedule(scenario, schedule, d.assignments)
                elif isinstance(d, SetOvertime):
                    overtime = check.fraction(d.level, "Overtime")
                elif isinstance(d, SetReviews):
                    reviews = bool(d.on)
            except IllegalDecision as exc:
                refusal = refusal or (r, str(exc))
        played.append((LeaderDraft(vision, actions, energy, left),
                       ManagerDraft(budget, total, schedule, overtime, reviews)))
    return Checked(DecisionSequence(tuple(played), answers), refusal)


def check_all(scenario: Scenario, policies: Sequence[tuple[Sequence[Sequence[Decision]],
                                                           tuple[tuple[int, ...], ...]]]
              ) -> list[Checked]:
    """Every policy (its rounds of decisions and its answers) checked as its own session would."""
    world, _ = new_game(scenario)
    first_total = float(world.budget[1])
    rounds = scenario.rounds
    totals = np.tile(np.asarray([float(world.budget[min(r + 1, world.rounds)])
                                 for r in range(rounds)]), (len(policies), 1))
    for _ in range(rounds + 1):
        checked = [drafts_of(scenario, decisions, answers, totals[p], first_total)
                   for p, (decisions, answers) in enumerate(policies)]
        played = evaluate(scenario, [c.sequence for c in checked], [0])
        assert played.available is not None
        money = played.available[:, 0, :]
        if np.array_equal(money, totals):
            return checked
        totals = money
    raise AssertionError("the money of the rounds did not settle")   # cannot happen: see above
