"""What a search player may decide, and how a sampled decision becomes the session's drafts.

A round's decision is: a vision, a set of leader actions within the energy (coaching names
a team), the budget split (with a share left unspent), each team's load and how it is split
over the projects, overtime, reviews, and an answer for every event. `Space` lists the
choices a scenario offers; `Mode` says which of them a player may touch.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from game.model.state import build_world
from game.rules.decisions import LEADER_ACTIONS, MAX_TEAM_LOAD, Inspire
from game.rules.plans import starting_budget, starting_schedule
from game.rules.records import LeaderDraft, ManagerDraft
from game.scenario.types import BUDGET_CATEGORIES, Scenario
from game.search.batch import DecisionSequence

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
    forbidden: frozenset[str] = frozenset()   # levers (LEVERS) the player may not use

    @classmethod
    def named(cls, name: str, forbidden: frozenset[str] = frozenset()) -> Mode:
        if name not in MODES:
            raise ValueError(f"unknown search mode {name!r} (one of: {', '.join(MODES)})")
        unknown = sorted(forbidden - set(LEVERS))
        if unknown:
            raise ValueError(f"unknown lever {unknown[0]!r} (one of: {', '.join(LEVERS)})")
        return cls(name, name != "manager-only", name != "leader-only", name == "fixed", forbidden)


# Every lever a player has, as the search can forbid it: a budget category (no money to
# it), overtime (none), reviews (never), a leader action (never taken), the vision (one
# vision, chosen in the first round, for the whole game) and event answers (always the first).
LEVERS: tuple[str, ...] = (
    *(f"budget:{c}" for c in BUDGET_CATEGORIES), "overtime", "reviews",
    *(f"action:{a}" for a in LEADER_ACTIONS), "vision", "answers",
)


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
    # Each round's money as the session offers it (index r - 1), so a round that is given
    # more is spent, as a player would spend it, not saved to cash.
    round_budgets: tuple[float, ...]

    @classmethod
    def of(cls, scenario: Scenario) -> Space:
        world = build_world(scenario)
        return cls(scenario, tuple(action_sets(scenario)), tuple(scenario.budget.categories),
                   tuple(t.id for t in scenario.organization.teams),
                   tuple(p.id for p in scenario.projects), tuple(v.id for v in scenario.visions),
                   tuple(len(e.choices) for e in scenario.events),
                   tuple(float(world.budget[r]) for r in range(1, scenario.rounds + 1)))

    @property
    def first_budget(self) -> float:
        """The money the first round has: what the starting plan spends."""
        return self.round_budgets[0]

    def leader(self, vision: str | None, action_set: int, forbidden: frozenset[str] = frozenset()
               ) -> LeaderDraft:
        energy = self.scenario.organization.leader_energy
        actions = tuple(a for a in self.actions[action_set] if f"action:{a.action}" not in forbidden)
        spent = sum(LEADER_ACTIONS[a.action].cost for a in actions)
        return LeaderDraft(vision, actions, energy, energy - spent)

    def starting_leader(self) -> LeaderDraft:
        energy = self.scenario.organization.leader_energy
        return LeaderDraft(self.scenario.organization.vision, (), energy, energy)

    def manager(self, budget: list[float], loads: list[float], splits: list[list[float]],
                overtime: float, reviews: bool, round_no: int = 1) -> ManagerDraft:
        """`budget`: shares per category (summing to at most 1) of round `round_no`'s
        scheduled money, spent as amounts: a round that has less (a debt, an event's cut)
        scales them down to what it has (as a player's budget is clamped), and one that has
        more (an event's grant) saves the rest as cash; `splits[t]`: team t's shares of its
        load per project (summing to 1)."""
        per_round = self.round_budgets[round_no - 1]
        amounts = {c: per_round * float(s) for c, s in zip(self.categories, budget, strict=True)}
        schedule = {}
        for team, load, split in zip(self.teams, loads, splits, strict=True):
            load = min(max(float(load), 0.0), MAX_TEAM_LOAD)
            schedule[team] = {p: min(load * float(s), 1.0) for p, s in zip(self.projects, split, strict=True)}
        return ManagerDraft(amounts, per_round, schedule, min(max(float(overtime), 0.0), 1.0), bool(reviews))

    def starting_manager(self) -> ManagerDraft:
        scenario = self.scenario
        return ManagerDraft(starting_budget(scenario), self.first_budget, starting_schedule(scenario))


def encode(space: Space, sequence: DecisionSequence) -> dict[str, np.ndarray]:
    """The genes (a population of one, one row per round) that decode to about `sequence`.

    Lets a search start from a known game, such as a scripted persona's. Budget and schedule
    round-trip closely (not bit for bit); a leader's actions map to the same action set."""
    index = {frozenset((a.action, a.team) for a in s): i for i, s in enumerate(space.actions)}
    eps = 1e-3
    genes: dict[str, list] = {k: [] for k in ("budget", "load", "split", "overtime", "reviews",
                                              "vision", "actions")}
    for leader, manager in sequence.rounds:
        total = max(manager.budget_total, 1e-9)
        shares = [manager.budget.get(c, 0.0) / total for c in space.categories]
        genes["budget"].append(np.log(np.array(shares + [max(1.0 - sum(shares), 0.0)]) + eps))
        loads, splits = [], []
        for team in space.teams:
            row = [manager.schedule.get(team, {}).get(p, 0.0) for p in space.projects]
            load = sum(row)
            loads.append(load)
            splits.append(np.log(np.array(row) / max(load, 1e-9) + eps))
        genes["load"].append(np.array(loads))
        genes["split"].append(np.array(splits))
        genes["overtime"].append(manager.overtime)
        genes["reviews"].append(manager.reviews)
        genes["vision"].append(space.visions.index(leader.vision) if leader.vision in space.visions else 0)
        genes["actions"].append(index.get(frozenset((a.action, a.team) for a in leader.actions), 0))
    result = {k: np.array(v)[None] for k, v in genes.items()}
    result["answers"] = np.array(sequence.answers, dtype=np.int64)[None]
    return result
