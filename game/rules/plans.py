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


def starting_schedule(scenario: Scenario, slack: float = 0.1) -> dict[str, dict[str, float]]:
    """A focused first plan to start from: projects in order of their due round are dealt
    to the teams in turn, and each team splits all but `slack` of its capacity evenly over
    the projects it was dealt. Every project is staffed, no team is spread over all of them,
    and a tenth of every team's capacity is left free for recovery and ideas."""
    teams = [t.id for t in scenario.organization.teams]
    order = sorted(scenario.projects, key=lambda p: (p.due, scenario.projects.index(p)))
    dealt: dict[str, list[str]] = {t: [] for t in teams}
    for i, project in enumerate(order):
        dealt[teams[i % len(teams)]].append(project.id)
    plan = {}
    for team in teams:
        mine = dealt[team] or [order[teams.index(team) % len(order)].id]
        share = round((1.0 - slack) / len(mine), 4)
        plan[team] = {p.id: (share if p.id in mine else 0.0) for p in scenario.projects}
    return plan


def plan_from_drafts(scenario: Scenario, world: World, leader: LeaderDraft,
                     manager: ManagerDraft) -> RoundPlan:
    return plans_from_drafts(scenario, world, [(leader, manager)])


def plans_from_drafts(scenario: Scenario, world: World,
                      drafts: Sequence[tuple[LeaderDraft, ManagerDraft]]) -> RoundPlan:
    """One plan row per (leader, manager) draft pair: the session's conversion, batched."""
    vision_ids = {v.id: i for i, v in enumerate(scenario.visions)}
    team_ids = [t.id for t in scenario.organization.teams]
    project_ids = [p.id for p in scenario.projects]
    team_index = {t: i for i, t in enumerate(team_ids)}
    action_ids = {a: i for i, a in enumerate(LEADER_ACTION_ORDER)}
    categories = world.categories
    n_actions, n_teams, n_projects = len(LEADER_ACTION_ORDER), len(team_ids), len(project_ids)
    idle = [0.0] * n_projects
    vision, actions, coached, budget, schedule, overtime, reviews = [], [], [], [], [], [], []
    for leader, manager in drafts:
        vision.append(vision_ids[leader.vision] if leader.vision else -1)
        acts, coach = [0.0] * n_actions, [0.0] * n_teams
        for act in leader.actions:
            acts[action_ids[act.action]] = 1.0
            if act.team is not None:
                coach[team_index[act.team]] = 1.0
        actions.append(acts)
        coached.append(coach)
        # Shares of the money the manager had; the model scales them to what the round has.
        total = max(manager.budget_total, 1e-9)
        money = manager.budget
        budget.append([money[c] / total if c in money else 0.0 for c in categories])
        plan = manager.schedule
        schedule.append([[row.get(p, 0.0) for p in project_ids] if (row := plan.get(t)) else idle
                         for t in team_ids])
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
