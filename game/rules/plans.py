"""From a player's drafts to the model's arrays, and the defaults a new player starts from."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from game.model import LEADER_ACTION_ORDER, RoundPlan, World, empty_plan, new_game, params_for, step
from game.rules.records import LeaderDraft, ManagerDraft
from game.scenario.types import Scenario


def naive_schedule(scenario: Scenario) -> dict[str, dict[str, float]]:
    """Where a player starts: every team spread evenly over every project, no slack."""
    share = 1.0 / len(scenario.projects)
    return {t.id: {p.id: share for p in scenario.projects} for t in scenario.organization.teams}


# The starting budget, as weights over the categories a scenario offers: most to operations
# (capacity), a real share for ideas and people, a little hiring (newcomers slow their team
# for two rounds, so a steady trickle, not a wave) and a little reserve.
STARTING_WEIGHTS = {"operations": 50, "innovation": 20, "training": 5, "hiring": 5,
                    "wellbeing": 10, "reserve": 10}
STEP = 0.05          # the schedule board's step: a share of a team's capacity
# The nearest-due work gets this much more than its date needs: room for bad luck and for the
# rounds after the first, when rework and tiredness take some of round 1's capacity.
PACE_MARGIN = 1.2


def starting_budget(scenario: Scenario) -> dict[str, float]:
    """The split a new game starts from: the scenario's own `default:` if it gives one,
    else STARTING_WEIGHTS over its categories, the whole first round's money."""
    if scenario.budget.default:
        return scenario.budget.default_split()
    total = scenario.budget.scheduled(1)
    weights = {c: float(STARTING_WEIGHTS[c]) for c in scenario.budget.categories}
    whole = sum(weights.values()) or 1.0
    return {c: math.floor(total * w / whole * 1e4) / 1e4 for c, w in weights.items()}


def project_pace(scenario: Scenario, index: int) -> float:
    """Work points a round that bring project `index` in on its due round from the start."""
    project = scenario.projects[index]
    return project.scope / max(project.due - max(project.arrives, 1) + 1, 1)


def first_round_capacity(scenario: Scenario) -> list[float]:
    """Each team's work points in round 1 on the starting budget, as the model gives them
    (skill, fatigue, alignment, process and the operations money all count)."""
    world, state = new_game(scenario)
    budget = starting_budget(scenario)
    total = max(sum(budget.values()), scenario.budget.scheduled(1), 1e-9)
    plan = replace(empty_plan(world), budget=np.array(
        [[budget.get(c, 0.0) / total for c in world.categories]]))
    _, report = step(state, plan, world, params_for(scenario), np.random.default_rng(0))
    return [float(c) for c in report.capacity[0]]


def _wanted(scenario: Scenario, free: float) -> dict[int, float]:
    """Work points a round each project is given: the nearest-due ones their pace with
    PACE_MARGIN; then the others their pace, the most valuable work per point first, while
    `free` capacity lasts."""
    order = sorted(range(len(scenario.projects)), key=lambda i: (scenario.projects[i].due, i))
    first_due = scenario.projects[order[0]].due if order else 0
    wants = {i: project_pace(scenario, i) * PACE_MARGIN for i in order
             if scenario.projects[i].due == first_due}
    left = free - sum(wants.values())
    rest = sorted((i for i in order if i not in wants),
                  key=lambda i: -scenario.projects[i].value / scenario.projects[i].scope)
    for i in rest:
        wants[i] = min(project_pace(scenario, i), max(left, 0.0))
        left -= wants[i]
    return wants


_STARTS: dict[int, tuple[Scenario, dict[str, dict[str, float]]]] = {}


def starting_schedule(scenario: Scenario) -> dict[str, dict[str, float]]:
    """`_starting_schedule`, worked out once per scenario (a copy each time)."""
    known = _STARTS.get(id(scenario))
    if known is None or known[0] is not scenario:
        if len(_STARTS) > 64:
            _STARTS.clear()
        known = _STARTS[id(scenario)] = (scenario, _starting_schedule(scenario))
    return {team: dict(row) for team, row in known[1].items()}


def _starting_schedule(scenario: Scenario) -> dict[str, dict[str, float]]:
    """The schedule a new game starts from, and a plan that can be kept: each project, in
    order of its due round, gets the work `_wanted` gives it from the team with the most
    capacity still free (so most projects sit with one team); capacity left over goes to
    every project in proportion to its pace. Shares of the teams' round-1 capacity."""
    capacity = first_round_capacity(scenario)
    free = list(capacity)
    shares = [[0.0] * len(scenario.projects) for _ in capacity]
    wants = _wanted(scenario, sum(free))
    for i in sorted(wants, key=lambda i: (scenario.projects[i].due, i)):
        need = wants[i]
        while need > 1e-6:
            t = max(range(len(free)), key=lambda j: (free[j], -j))
            if free[t] <= 1e-6:
                break
            given = min(need, free[t])
            shares[t][i] += given / max(capacity[t], 1e-9)
            free[t] -= given
            need -= given
    paces = [project_pace(scenario, i) for i in range(len(scenario.projects))]
    for t, spare in enumerate(free):
        if spare > 1e-6 and capacity[t] > 1e-9:
            for i, pace in enumerate(paces):
                shares[t][i] += spare * pace / (sum(paces) or 1.0) / capacity[t]
    plan = {}
    for t, team in enumerate(scenario.organization.teams):   # in the board's 5% steps
        row = [min(round(share / STEP) * STEP, 1.0) for share in shares[t]]
        while sum(row) > 1.0 + 1e-9:   # rounding up must not overload a team
            row[row.index(max(row))] -= STEP
        plan[team.id] = {p.id: round(row[i], 4) for i, p in enumerate(scenario.projects)}
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
