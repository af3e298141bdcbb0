"""Every round's drafts of many decision sequences as arrays, converted once per game.

The same numbers as the session's conversion (`game.rules.plans.plans_from_drafts`, a test
checks it), read with one C-level lookup per team instead of one per project, and each
draft object converted once however many rounds or sequences share it (a fixed policy, the
starting manager of a leader-only player).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from game.model import LEADER_ACTION_ORDER, RoundPlan
from game.scenario.types import Scenario

if TYPE_CHECKING:
    from game.search.batch import DecisionSequence

Array = np.ndarray


def _reader(keys: Sequence[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function reading `keys` from a mapping in order, 0.0 for a missing one."""
    if not keys:
        return lambda _: ()
    pick = itemgetter(*keys)
    one = len(keys) == 1

    def read(row: dict[str, Any]) -> tuple[Any, ...]:
        try:
            got = pick(row)
        except KeyError:
            return tuple(row.get(k, 0.0) for k in keys)
        return (got,) if one else got

    return read


@dataclass(frozen=True)
class SequencePlans:
    """(P, R, ...) the plan arrays of P sequences over R rounds, and their money."""

    vision: Array     # (P, R) int
    actions: Array    # (P, R, A)
    coached: Array    # (P, R, T)
    schedule: Array   # (P, R, T, Pj)
    overtime: Array   # (P, R)
    reviews: Array    # (P, R)
    money: Array      # (P, R, C) money per budget category (world.categories order)
    spent: Array      # (P, R) the draft's total, summed in its own order

    def round(self, r: int, rows: Array, budget: Array) -> RoundPlan:
        """Round r's plan on the batch's rows (row b plays sequence `rows[b]`)."""
        return RoundPlan(vision=self.vision[rows, r], actions=self.actions[rows, r],
                         coached=self.coached[rows, r], budget=budget, schedule=self.schedule[rows, r],
                         overtime=self.overtime[rows, r], reviews=self.reviews[rows, r])


def sequence_plans(scenario: Scenario, categories: tuple[str, ...],
                   sequences: Sequence[DecisionSequence]) -> SequencePlans:
    vision_ids = {v.id: i for i, v in enumerate(scenario.visions)}
    team_ids = [t.id for t in scenario.organization.teams]
    project_ids = [p.id for p in scenario.projects]
    team_index = {t: i for i, t in enumerate(team_ids)}
    action_ids = {a: i for i, a in enumerate(LEADER_ACTION_ORDER)}
    n_seq, rounds = len(sequences), scenario.rounds
    n_teams, n_projects = len(team_ids), len(project_ids)
    schedule_row, money_row = _reader(project_ids), _reader(categories)
    pick_projects, pick_money = itemgetter(*project_ids), itemgetter(*categories)
    idle = (0.0,) * n_projects
    leaders: dict[int, list[Any]] = {}    # draft id -> [vision, *actions, *coached]
    managers: dict[int, list[Any]] = {}   # draft id -> [*schedule, *money, spent, overtime, reviews]
    no_actions = [0.0] * (len(LEADER_ACTION_ORDER) + n_teams)
    led: list[Any] = []
    managed: list[Any] = []
    for seq in sequences:
        for leader, manager in seq.rounds:
            row = leaders.get(id(leader))
            if row is None:
                row = [vision_ids[leader.vision] if leader.vision else -1, *no_actions]
                for act in leader.actions:
                    row[1 + action_ids[act.action]] = 1.0
                    if act.team is not None:
                        row[1 + len(LEADER_ACTION_ORDER) + team_index[act.team]] = 1.0
                leaders[id(leader)] = row
            led.extend(row)
            row = managers.get(id(manager))
            if row is None:
                row = []
                plan, budget = manager.schedule, manager.budget
                for t in team_ids:
                    shares = plan.get(t)
                    if not shares:
                        row.extend(idle)
                        continue
                    try:
                        row.extend(pick_projects(shares))
                    except (KeyError, TypeError):  # a project left out; or only one project
                        row.extend(schedule_row(shares))
                try:
                    row.extend(pick_money(budget))
                except KeyError:
                    row.extend(money_row(budget))
                row += (sum(budget.values()), manager.overtime, float(manager.reviews))
                managers[id(manager)] = row
            managed.extend(row)
    n_actions, n_money = len(LEADER_ACTION_ORDER), len(categories)
    lead_table = np.array(led, dtype=float).reshape(n_seq, rounds, 1 + n_actions + n_teams)
    table = np.array(managed, dtype=float).reshape(n_seq, rounds, n_teams * n_projects + n_money + 3)
    cut = n_teams * n_projects
    shape = (n_seq, rounds)
    return SequencePlans(
        vision=lead_table[:, :, 0].astype(np.int64),
        actions=np.ascontiguousarray(lead_table[:, :, 1:1 + n_actions]),
        coached=np.ascontiguousarray(lead_table[:, :, 1 + n_actions:]),
        schedule=np.ascontiguousarray(table[:, :, :cut]).reshape(shape + (n_teams, n_projects)),
        overtime=np.ascontiguousarray(table[:, :, -2]),
        reviews=np.ascontiguousarray(table[:, :, -1]),
        money=np.ascontiguousarray(table[:, :, cut:cut + n_money]),
        spent=np.ascontiguousarray(table[:, :, cut + n_money]),
    )
