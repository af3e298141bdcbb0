"""Every round's drafts of many decision sequences as arrays, converted in one pass.

The same numbers as the session's conversion (`game.rules.plans.plans_from_drafts`, a test
checks it), read in bulk: each team's shares and each budget are read by C-level lookups
chained into one array, with no Python loop per project or category. Drafts that leave a
team, a project or a category out are read one by one, as the session reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from game.model import LEADER_ACTION_ORDER, RoundPlan
from game.rules.records import LeaderDraft, ManagerDraft
from game.scenario.types import Scenario

if TYPE_CHECKING:
    from game.search.batch import DecisionSequence

Array = np.ndarray


def _one_by_one(rows: Sequence[dict[str, Any] | None], keys: Sequence[str]) -> Array:
    """(len(rows), len(keys)) as the session reads them: 0.0 for a missing key, a missing
    or empty row all 0.0."""
    return np.array([[row.get(k, 0.0) for k in keys] if row else [0.0] * len(keys) for row in rows],
                    dtype=float).reshape(len(rows), len(keys))


def _read(rows: Sequence[dict[str, Any] | None], keys: Sequence[str]) -> Array:
    """(len(rows), len(keys)) the values of `keys` in each row, read in bulk when every row
    has every key (else one by one)."""
    if len(keys) > 1:
        try:
            flat = np.fromiter(chain.from_iterable(map(itemgetter(*keys), rows)),  # type: ignore[arg-type]
                               np.float64, len(rows) * len(keys))
            return flat.reshape(len(rows), len(keys))
        except (KeyError, TypeError):  # a key left out, a row missing
            pass
    return _one_by_one(rows, keys)


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
    vision_ids: dict[str | None, int] = {v.id: i for i, v in enumerate(scenario.visions)}
    team_ids = [t.id for t in scenario.organization.teams]
    project_ids = [p.id for p in scenario.projects]
    team_index = {t: i for i, t in enumerate(team_ids)}
    action_ids = {a: i for i, a in enumerate(LEADER_ACTION_ORDER)}
    n_teams, n_projects = len(team_ids), len(project_ids)
    leaders: list[LeaderDraft] = [lead for seq in sequences for lead, _ in seq.rounds]
    managers: list[ManagerDraft] = [manage for seq in sequences for _, manage in seq.rounds]
    n = len(leaders)
    vision = np.fromiter((vision_ids[v] if v else -1 for v in map(attrgetter("vision"), leaders)),
                         np.int64, n)
    actions = np.zeros((n, len(LEADER_ACTION_ORDER)))
    coached = np.zeros((n, n_teams))
    taken = [(i, action_ids[a.action], -1 if a.team is None else team_index[a.team])
             for i, lead in enumerate(leaders) for a in lead.actions]
    if taken:
        who, what, team = np.array(taken, dtype=np.intp).T
        actions[who, what] = 1.0
        coached[who[team >= 0], team[team >= 0]] = 1.0
    schedules = [manage.schedule for manage in managers]
    rows = [plan.get(t) for plan in schedules for t in team_ids]
    schedule = _read(rows, project_ids)
    budgets = [manage.budget for manage in managers]
    shape = (len(sequences), scenario.rounds)
    return SequencePlans(
        vision=vision.reshape(shape),
        actions=actions.reshape(shape + actions.shape[1:]),
        coached=coached.reshape(shape + coached.shape[1:]),
        schedule=schedule.reshape(shape + (n_teams, n_projects)),
        overtime=np.fromiter(map(attrgetter("overtime"), managers), np.float64, n).reshape(shape),
        reviews=np.fromiter(map(float, map(attrgetter("reviews"), managers)), np.float64, n).reshape(shape),
        money=_read(budgets, categories).reshape(shape + (len(categories),)),
        spent=np.fromiter(map(sum, map(dict.values, budgets)), np.float64, n).reshape(shape),
    )
