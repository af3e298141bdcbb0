"""Checks that turn a bad decision into one readable `IllegalDecision`."""

from __future__ import annotations

import math
from collections.abc import Mapping

from game.rules.decisions import LEADER_ACTIONS, MAX_TEAM_LOAD, IllegalDecision, Inspire
from game.rules.records import LeaderDraft
from game.scenario.types import Scenario


def number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise IllegalDecision(f"{what} must be a number, not {value!r}.")
    value = float(value)
    if not math.isfinite(value):
        raise IllegalDecision(f"{what} must be a finite number.")
    if value < 0:
        raise IllegalDecision(f"{what} cannot be negative ({value:g}).")
    return value


def fraction(value: object, what: str) -> float:
    value = number(value, what)
    if value > 1.0:
        raise IllegalDecision(f"{what} must be between 0 and 1, not {value:g}.")
    return value


def vision(scenario: Scenario, vision_id: str | None) -> None:
    if vision_id is not None and vision_id not in {v.id for v in scenario.visions}:
        raise IllegalDecision(f"There is no vision {vision_id!r} in this scenario.")


def cost(action: str) -> int:
    return LEADER_ACTIONS[action].cost


def inspire(scenario: Scenario, draft: LeaderDraft, decision: Inspire) -> int:
    action = LEADER_ACTIONS.get(decision.action)
    if action is None:
        known = ", ".join(LEADER_ACTIONS)
        raise IllegalDecision(f"Unknown leader action {decision.action!r} (one of: {known}).")
    if action.needs_team:
        if decision.team is None:
            raise IllegalDecision(f"{action.title} needs a team to work with.")
        if decision.team not in {t.id for t in scenario.organization.teams}:
            raise IllegalDecision(f"There is no team {decision.team!r}.")
    elif decision.team is not None:
        raise IllegalDecision(f"{action.title} is for everyone; it takes no team.")
    if any(a.action == decision.action for a in draft.actions):
        raise IllegalDecision(f"{action.title} is already planned this round.")
    if action.cost > draft.energy_left:
        raise IllegalDecision(
            f"{action.title} needs {action.cost} energy; you have {draft.energy_left} left.")
    return action.cost


def budget(scenario: Scenario, amounts: Mapping[str, float], limit: float) -> dict[str, float]:
    """The amounts per category, checked against `limit`, the money the round has."""
    categories = scenario.budget.categories
    result = {c: 0.0 for c in categories}
    for category, amount in amounts.items():
        if category not in result:
            raise IllegalDecision(f"There is no budget category {category!r} here.")
        result[category] = number(amount, f"The {category} budget")
    total = sum(result.values())
    if total > limit + 1e-6:
        raise IllegalDecision(f"That spends {total:g}, over the budget of {limit:g} this round.")
    return result


def schedule(scenario: Scenario, current: Mapping[str, Mapping[str, float]],
             assignments: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    teams = {t.id: t.name for t in scenario.organization.teams}
    projects = [p.id for p in scenario.projects]
    result = {team: dict(shares) for team, shares in current.items()}
    for team, shares in assignments.items():
        if team not in teams:
            raise IllegalDecision(f"There is no team {team!r}.")
        row = {p: 0.0 for p in projects}
        for project, share in shares.items():
            if project not in projects:
                raise IllegalDecision(f"There is no project {project!r}.")
            row[project] = fraction(share, f"{teams[team]}'s share of {project}")
        load = sum(row.values())
        if load > MAX_TEAM_LOAD + 1e-6:
            raise IllegalDecision(
                f"{teams[team]} would be at {load:.0%} of capacity; the most is {MAX_TEAM_LOAD:.0%}.")
        result[team] = row
    return result
