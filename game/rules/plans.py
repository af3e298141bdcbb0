"""From a player's drafts to the model's arrays, and the defaults a new player starts from."""

from __future__ import annotations

import numpy as np

from game.model import LEADER_ACTION_ORDER, RoundPlan, World, empty_plan
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
    plan = empty_plan(world)
    vision_ids = [v.id for v in scenario.visions]
    team_ids = [t.id for t in scenario.organization.teams]
    project_ids = [p.id for p in scenario.projects]
    vision = np.array([vision_ids.index(leader.vision) if leader.vision else -1])
    actions = np.zeros_like(plan.actions)
    coached = np.zeros_like(plan.coached)
    for act in leader.actions:
        actions[0, LEADER_ACTION_ORDER.index(act.action)] = 1.0
        if act.team is not None:
            coached[0, team_ids.index(act.team)] = 1.0
    budget = np.zeros_like(plan.budget)
    for category, amount in manager.budget.items():
        budget[0, world.categories.index(category)] = amount / world.budget_per_round
    schedule = np.zeros_like(plan.schedule)
    for team, shares in manager.schedule.items():
        for project, share in shares.items():
            schedule[0, team_ids.index(team), project_ids.index(project)] = share
    return RoundPlan(
        vision=vision, actions=actions, coached=coached, budget=budget, schedule=schedule,
        overtime=np.array([manager.overtime]), reviews=np.array([float(manager.reviews)]),
    )
