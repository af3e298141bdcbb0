"""From a player's drafts to the model's arrays, and the defaults a new player starts from."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.model import LEADER_ACTION_ORDER, RoundPlan, World
from game.rules.records import LeaderDraft, ManagerDraft
from game.scenario.types import Scenario


def naive_schedule(scenario: Scenario) -> dict[str, dict[str, float]]:
    """Where a player starts: every team spread evenly over every project, no slack."""
    share = 1.0 / len(scenario.projects)
    return {t.id: {p.id: share for p in scenario.projects} for t in scenario.organization.teams}


def plan_from_drafts(scenario: Scenario, world: World, leader: LeaderDraft,
                     manager: ManagerDraft) -> RoundPlan:
    return plans_from_drafts(scenario, world, [(leader, manager)])


def plans_from_drafts(scenario: Scenario, world: World,
                      drafts: Sequence[tuple[LeaderDraft, ManagerDraft]]) -> RoundPlan:
    """One plan row per (leader, manager) draft pair: the session's conversion, batched."""
    vision_ids = {v.id: i for i, v in enumerate(scenario.visions)}
    team_ids = {t.id: i for i, t in enumerate(scenario.organization.teams)}
    project_ids = {p.id: i for i, p in enumerate(scenario.projects)}
    action_ids = {a: i for i, a in enumerate(LEADER_ACTION_ORDER)}
    category_ids = {c: i for i, c in enumerate(world.categories)}
    n_actions, n_teams, n_projects = len(LEADER_ACTION_ORDER), len(team_ids), len(project_ids)
    vision, actions, coached, budget, schedule, overtime, reviews = [], [], [], [], [], [], []
    for leader, manager in drafts:
        vision.append(vision_ids[leader.vision] if leader.vision else -1)
        acts, coach = [0.0] * n_actions, [0.0] * n_teams
        for act in leader.actions:
            acts[action_ids[act.action]] = 1.0
            if act.team is not None:
                coach[team_ids[act.team]] = 1.0
        actions.append(acts)
        coached.append(coach)
        split = [0.0] * len(world.categories)
        for category, amount in manager.budget.items():
            split[category_ids[category]] = amount / world.budget_per_round
        budget.append(split)
        rows = [[0.0] * n_projects for _ in range(n_teams)]
        for team, shares in manager.schedule.items():
            row = rows[team_ids[team]]
            for project, share in shares.items():
                row[project_ids[project]] = share
        schedule.append(rows)
        overtime.append(manager.overtime)
        reviews.append(float(manager.reviews))
    batch = len(drafts)
    return RoundPlan(
        vision=np.array(vision, dtype=np.int64).reshape(batch),
        actions=np.array(actions, dtype=float).reshape(batch, n_actions),
        coached=np.array(coached, dtype=float).reshape(batch, n_teams),
        budget=np.array(budget, dtype=float).reshape(batch, len(world.categories)),
        schedule=np.array(schedule, dtype=float).reshape(batch, n_teams, n_projects),
        overtime=np.array(overtime, dtype=float).reshape(batch),
        reviews=np.array(reviews, dtype=float).reshape(batch),
    )
