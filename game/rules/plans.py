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
        # Shares of the money the manager had; the model scales them to what the round has.
        budget[0, world.categories.index(category)] = amount / max(manager.budget_total, 1e-9)
    schedule = np.zeros_like(plan.schedule)
    for team, shares in manager.schedule.items():
        for project, share in shares.items():
            schedule[0, team_ids.index(team), project_ids.index(project)] = share
    return RoundPlan(
        vision=vision, actions=actions, coached=coached, budget=budget, schedule=schedule,
        overtime=np.array([manager.overtime]), reviews=np.array([float(manager.reviews)]),
    )
