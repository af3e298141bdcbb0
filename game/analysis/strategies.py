"""Scripted players. Each plays through the same decision API a person uses: given the
session, `decide` returns the decisions for the current phase, ending with the one that
closes it (EndPhase, ChooseOption or Continue)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from game.rules.decisions import (
    LEADER_ACTIONS,
    AllocateBudget,
    ChooseOption,
    Continue,
    Decision,
    EndPhase,
    Inspire,
    Schedule,
    SetOvertime,
    SetReviews,
    SetVision,
)
from game.rules.records import Phase, ProjectStatus
from game.rules.session import GameSession
from game.scenario.types import Vision


class Strategy(Protocol):
    @property
    def name(self) -> str: ...

    def decide(self, session: GameSession) -> list[Decision]: ...


def focused_schedule(session: GameSession, load: float, innovation_share: float
                     ) -> dict[str, dict[str, float]]:
    """Shares for every team: innovation work gets `innovation_share` of the capacity used
    (no faster than its date needs, while there is delivery work to take the rest), delivery
    projects the rest, soonest due first, each at the pace its date needs."""
    open_projects = [p for p in session.projects if p.state in ("open", "missed") and not p.waiting]
    innovation = [p for p in open_projects if p.kind == "innovation"]
    delivery = sorted((p for p in open_projects if p.kind == "delivery"), key=lambda p: p.due)
    shares: dict[str, float] = {p.id: 0.0 for p in session.projects}
    total = load
    innovation_part = total * innovation_share if innovation else 0.0
    if not delivery:
        innovation_part = total
    capacity = max(sum(t.capacity for t in session.teams), 1e-9)
    spent = 0.0
    for p in innovation:
        shares[p.id] = innovation_part / len(innovation)
        if delivery:  # work paced to its date, not rushed to an early finish
            shares[p.id] = min(shares[p.id], _pace(session, p, capacity))
        spent += shares[p.id]
    left = total - spent
    for p in delivery:
        if left <= 1e-9:
            break
        give = min(max(_pace(session, p, capacity), 0.0), left)
        shares[p.id] = give
        left -= give
    if left > 1e-9 and delivery:  # spare capacity goes to the soonest delivery work
        shares[delivery[0].id] += left
    return {t.id: dict(shares) for t in session.scenario.organization.teams}


def _pace(session: GameSession, project: ProjectStatus, capacity: float) -> float:
    """The share of all capacity that finishes `project` by its date, with a quarter to spare."""
    remaining = session.scenario.project(project.id).scope * (1.0 - project.progress)
    rounds_left = max(project.due - session.round + 1, 1)
    return min(remaining / rounds_left * 1.25 / capacity, remaining / capacity)


def budget_split(session: GameSession, weights: dict[str, float]) -> dict[str, float]:
    categories = session.scenario.budget.categories
    used = {c: w for c, w in weights.items() if c in categories}
    total = sum(used.values()) or 1.0
    per_round = session.available_budget
    return {c: per_round * w / total * 0.999999 for c, w in used.items()}


def answer_event(session: GameSession, prefer: Callable[[dict[str, float]], float]) -> list[Decision]:
    pending = session.pending_event
    assert pending is not None
    choices = pending.event.choices  # type: ignore[attr-defined]
    open_ = [i for i in range(len(choices)) if not (pending.closed and pending.closed[i])]
    best = max(open_, key=lambda i: prefer(choices[i].all_amounts()))
    return [ChooseOption(best)]


class ManagerOnly:
    """Runs a tight ship: lean budget, full schedules, reviews every round, and never leads."""

    name = "manager-only"

    def decide(self, session: GameSession) -> list[Decision]:
        if session.phase is Phase.LEADER:
            return [EndPhase()]
        if session.phase is Phase.MANAGER:
            return [
                AllocateBudget(budget_split(session, {"operations": 50, "reserve": 15, "training": 10,
                                                      "hiring": 10, "innovation": 10, "wellbeing": 5})),
                Schedule(focused_schedule(session, 1.0, 0.1)),
                SetReviews(True),
                SetOvertime(0.2 if session.metrics["delivery"] < 50 else 0.0),
                EndPhase(),
            ]
        if session.phase is Phase.EVENT:
            return answer_event(session, lambda e: e.get("delivery", 0) + 0.2 * e.get("cash", 0))
        return [Continue()]


class LeaderOnly:
    """The boldest vision, every ounce of energy on people, and the plan left as it came."""

    name = "leader-only"

    def decide(self, session: GameSession) -> list[Decision]:
        if session.phase is Phase.LEADER:
            boldest = max(session.scenario.visions, key=lambda v: v.ambition)
            decisions: list[Decision] = [SetVision(boldest.id)]
            energy = session.leader.energy_left
            for action in ("town_hall", "challenge", "recognition", "celebrate", "listening"):
                if LEADER_ACTIONS[action].cost <= energy:
                    decisions.append(Inspire(action))
                    energy -= LEADER_ACTIONS[action].cost
            return decisions + [EndPhase()]
        if session.phase is Phase.MANAGER:
            return [EndPhase()]
        if session.phase is Phase.EVENT:
            return answer_event(session, lambda e: e.get("morale", 0) + e.get("innovation", 0))
        return [Continue()]


@dataclass(frozen=True)
class Balanced:
    """Leads and manages: a vision that fits and is kept, energy spread over people, a
    budget with something for people and ideas, and a schedule with slack. When the world
    moves on from its vision (a scenario's `fits:`), it changes to one that fits.

    The knobs are what a search (the greedy player) varies; the defaults are the scripted
    player every scenario is balanced against."""

    load: float = 0.92                 # share of each team's capacity scheduled
    innovation_share: float = 0.25     # of the scheduled capacity, the part on innovation work
    max_ambition: float = 0.7          # the boldest vision it will pick
    people_weight: float = 1.0         # scales the training and wellbeing budget
    ideas_weight: float = 1.0          # scales the innovation budget
    challenge: bool = True             # challenge the status quo every third round
    adapt: bool = True                 # change a vision that no longer fits the world
    name: str = "balanced"

    def decide(self, session: GameSession) -> list[Decision]:
        if session.phase is Phase.LEADER:
            return self._lead(session) + [EndPhase()]
        if session.phase is Phase.MANAGER:
            behind = session.metrics["delivery"] < 45
            # No hiring: newcomers slow the teams while they are brought up to speed, and in
            # a game of a few rounds they rarely pay that back; training is left small:
            # coaching grows skill where it is needed.
            weights = {"operations": 38, "innovation": 24 * self.ideas_weight,
                       "training": 4 * self.people_weight, "hiring": 0,
                       "wellbeing": 10 * self.people_weight, "reserve": 8}
            return [
                AllocateBudget(budget_split(session, weights)),
                Schedule(focused_schedule(session, self.load, self.innovation_share)),
                SetReviews(session.round % 2 == 0),
                SetOvertime(0.15 if behind else 0.0),
                EndPhase(),
            ]
        if session.phase is Phase.EVENT:
            # Work added to a project is weighed as delivery it will cost; money as money.
            return answer_event(session, lambda e: sum(e.get(m, 0) for m in ("morale", "innovation",
                                "delivery", "trust")) - e.get("fatigue", 0) - 0.5 * e.get("scope", 0)
                                + 0.05 * (e.get("cash", 0) + e.get("budget", 0)))
        return [Continue()]

    def _lead(self, session: GameSession) -> list[Decision]:
        decisions: list[Decision] = []
        current = session.leader.vision
        if current is None or (self.adapt and not session.vision_fits(current)):
            pick = self._vision(session, current)
            if pick != current:
                decisions.append(SetVision(pick))
        last = session.history[-1] if session.history else None
        shipped_last = bool(last and any(p.state.startswith("shipped") for p in last.projects)
                            and last.deltas["delivery"] > 0)
        here = [t for t in session.teams if t.headcount] or session.teams  # nobody to coach elsewhere
        weakest = min(here, key=lambda t: t.skill)
        wanted: list[Inspire] = []
        if session.round % 2 == 1:
            wanted.append(Inspire("town_hall"))
        else:
            wanted.append(Inspire("coaching", weakest.id))
        if self.challenge and session.round % 3 == 2:
            wanted.append(Inspire("challenge"))
        wanted += [Inspire("recognition"), Inspire("listening")]
        if shipped_last:
            wanted.insert(1, Inspire("celebrate"))
        energy = session.leader.energy_left
        for inspire in wanted:
            cost = LEADER_ACTIONS[inspire.action].cost
            if cost <= energy:
                decisions.append(inspire)
                energy -= cost
        return decisions

    def _vision(self, session: GameSession, current: str | None) -> str | None:
        """The boldest vision within `max_ambition` (else the humblest) among those that
        fit the world this round; if none fits, the current one (or one from them all)."""
        visions = session.scenario.visions
        fitting = tuple(v for v in visions if session.vision_fits(v.id)) if self.adapt else visions
        if not fitting:
            return current if current is not None else _within(visions, self.max_ambition)
        return _within(fitting, self.max_ambition)


def _within(visions: Sequence[Vision], max_ambition: float) -> str:
    bold_enough = [v for v in visions if v.ambition <= max_ambition]
    pick = max(bold_enough, key=lambda v: v.ambition) if bold_enough else min(
        visions, key=lambda v: v.ambition)
    return pick.id


class RandomPlayer:
    """Legal but aimless: a fair baseline that every thought-out strategy should beat."""

    name = "random"

    def __init__(self, seed: int = 0) -> None:
        self._rng = np.random.default_rng(seed + 7919)

    def decide(self, session: GameSession) -> list[Decision]:
        rng = self._rng
        if session.phase is Phase.LEADER:
            decisions: list[Decision] = []
            if rng.random() < 0.3:
                vision = session.scenario.visions[int(rng.integers(len(session.scenario.visions)))]
                decisions.append(SetVision(vision.id))
            energy = session.leader.energy_left
            for action in rng.permutation(list(LEADER_ACTIONS)):
                spec = LEADER_ACTIONS[str(action)]
                if spec.cost <= energy and rng.random() < 0.5:
                    team = None
                    if spec.needs_team:
                        teams = session.scenario.organization.teams
                        team = teams[int(rng.integers(len(teams)))].id
                    decisions.append(Inspire(str(action), team))
                    energy -= spec.cost
            return decisions + [EndPhase()]
        if session.phase is Phase.MANAGER:
            categories = session.scenario.budget.categories
            weights = rng.random(len(categories))
            amounts = weights / weights.sum() * session.available_budget * 0.999
            projects = session.scenario.projects
            schedule = {}
            for squad in session.scenario.organization.teams:
                raw = rng.random(len(projects))
                raw = np.minimum(raw / raw.sum() * rng.uniform(0.6, 1.2), 1.0)  # a share is at most 1
                schedule[squad.id] = {p.id: float(s) for p, s in zip(projects, raw, strict=True)}
            return [AllocateBudget(dict(zip(categories, map(float, amounts), strict=True))),
                    Schedule(schedule), SetOvertime(float(rng.choice([0.0, 0.0, 0.3, 0.6]))),
                    SetReviews(bool(rng.random() < 0.4)), EndPhase()]
        if session.phase is Phase.EVENT:
            pending = session.pending_event
            assert pending is not None
            open_ = [i for i, why in enumerate(pending.closed or [""] * len(pending.choices))
                     if not why]
            return [ChooseOption(open_[int(rng.integers(len(open_)))])]
        return [Continue()]


STRATEGIES: dict[str, Callable[[int], Strategy]] = {
    "balanced": lambda seed: Balanced(),
    "manager-only": lambda seed: ManagerOnly(),
    "leader-only": lambda seed: LeaderOnly(),
    "random": lambda seed: RandomPlayer(seed),
    "greedy": lambda seed: _greedy(seed),
}


def _greedy(seed: int) -> Strategy:
    from game.analysis.greedy import Greedy  # it builds on this module

    return Greedy(seed)


def make_strategy(name: str, seed: int = 0) -> Strategy:
    try:
        return STRATEGIES[name](seed)
    except KeyError:
        raise ValueError(f"unknown strategy {name!r} (one of: {', '.join(STRATEGIES)})") from None


def play(session: GameSession, strategy: Strategy) -> GameSession:
    """Play a session to its end with a strategy."""
    while not session.over:
        for decision in strategy.decide(session):
            session.apply(decision)
    return session
