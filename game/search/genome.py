"""What a search player may decide, and how a sampled decision becomes the session's drafts.

A round's decision is: a vision, a set of leader actions within the energy (coaching names
a team), the budget split (with a share left unspent), each team's load and how it is split
over the projects, overtime, reviews, and an answer for every event. `Space` lists the
choices a scenario offers; `Mode` says which of them a player may touch.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from game.rules.decisions import LEADER_ACTIONS, MAX_TEAM_LOAD, Inspire
from game.rules.plans import naive_schedule
from game.rules.records import LeaderDraft, ManagerDraft
from game.scenario.types import Scenario

MODES: tuple[str, ...] = ("free", "fixed", "manager-only", "leader-only")
MODE_TEXT = {
    "free": "any decision, round by round",
    "fixed": "the same decisions every round",
    "manager-only": "budget, schedule, overtime and reviews; no energy spent, vision untouched",
    "leader-only": "vision and leader actions; the manager's controls left as they start",
}


@dataclass(frozen=True)
class Mode:
    name: str
    lead: bool      # may set the vision and spend energy
    manage: bool    # may set the budget, schedule, overtime and reviews
    fixed: bool     # one round's decisions repeated every round

    @classmethod
    def named(cls, name: str) -> Mode:
        if name not in MODES:
            raise ValueError(f"unknown search mode {name!r} (one of: {', '.join(MODES)})")
        return cls(name, name != "manager-only", name != "leader-only", name == "fixed")


def action_sets(scenario: Scenario) -> list[tuple[Inspire, ...]]:
    """Every set of leader actions the energy allows (coaching once, for one team)."""
    energy = scenario.organization.leader_energy
    teams = [t.id for t in scenario.organization.teams]
    names = list(LEADER_ACTIONS)
    sets: list[tuple[Inspire, ...]] = []
    for size in range(len(names) + 1):
        for combo in combinations(names, size):
            if sum(LEADER_ACTIONS[a].cost for a in combo) > energy:
                continue
            if "coaching" in combo:
                for team in teams:
                    sets.append(tuple(Inspire(a, team if a == "coaching" else None) for a in combo))
            else:
                sets.append(tuple(Inspire(a) for a in combo))
    return sets


@dataclass(frozen=True)
class Space:
    """The choices one scenario offers a search player."""

    scenario: Scenario
    actions: tuple[tuple[Inspire, ...], ...]
    categories: tuple[str, ...]
    teams: tuple[str, ...]
    projects: tuple[str, ...]
    visions: tuple[str, ...]
    choices: tuple[int, ...]      # number of choices of each event

    @classmethod
    def of(cls, scenario: Scenario) -> Space:
        return cls(scenario, tuple(action_sets(scenario)), tuple(scenario.budget.categories),
                   tuple(t.id for t in scenario.organization.teams),
                   tuple(p.id for p in scenario.projects), tuple(v.id for v in scenario.visions),
                   tuple(len(e.choices) for e in scenario.events))

    def leader(self, vision: str | None, action_set: int) -> LeaderDraft:
        energy = self.scenario.organization.leader_energy
        actions = self.actions[action_set]
        spent = sum(LEADER_ACTIONS[a.action].cost for a in actions)
        return LeaderDraft(vision, actions, energy, energy - spent)

    def starting_leader(self) -> LeaderDraft:
        energy = self.scenario.organization.leader_energy
        return LeaderDraft(self.scenario.organization.vision, (), energy, energy)

    def manager(self, budget: list[float], loads: list[float], splits: list[list[float]],
                overtime: float, reviews: bool) -> ManagerDraft:
        """`budget`: shares per category (summing to at most 1); `splits[t]`: team t's shares
        of its load per project (summing to 1)."""
        per_round = float(self.scenario.budget.per_round)
        amounts = {c: per_round * float(s) for c, s in zip(self.categories, budget, strict=True)}
        schedule = {}
        for team, load, split in zip(self.teams, loads, splits, strict=True):
            load = min(max(float(load), 0.0), MAX_TEAM_LOAD)
            schedule[team] = {p: min(load * float(s), 1.0) for p, s in zip(self.projects, split, strict=True)}
        return ManagerDraft(amounts, per_round, schedule, min(max(float(overtime), 0.0), 1.0), bool(reviews))

    def starting_manager(self) -> ManagerDraft:
        scenario = self.scenario
        return ManagerDraft(scenario.budget.default_split(), float(scenario.budget.per_round),
                            naive_schedule(scenario))
