"""What the session records and shows: plain, frozen data that screens, the coach, saves
and the debrief read. Nothing here recomputes the model."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from game.rules.decisions import Decision, Inspire

METRIC_NAMES: tuple[str, ...] = ("morale", "innovation", "delivery")


class Phase(Enum):
    LEADER = "leader"
    MANAGER = "manager"
    EVENT = "event"
    REPORT = "report"
    END = "end"


@dataclass(frozen=True)
class LeaderDraft:
    vision: str | None
    actions: tuple[Inspire, ...]
    energy_total: int
    energy_left: int


@dataclass(frozen=True)
class ManagerDraft:
    budget: dict[str, float]
    budget_total: float
    schedule: dict[str, dict[str, float]]
    overtime: float = 0.0
    reviews: bool = False

    @property
    def budget_left(self) -> float:
        return self.budget_total - sum(self.budget.values())

    @property
    def team_load(self) -> dict[str, float]:
        return {team: sum(shares.values()) for team, shares in self.schedule.items()}


@dataclass(frozen=True)
class ProjectStatus:
    id: str
    title: str
    kind: str
    progress: float      # 0..1 of scope done
    due: int
    state: str           # "open" | "shipped" | "missed" | "shipped late"
    value: float
    waiting: str = ""    # why work on it does not count yet ("" when it does)


@dataclass(frozen=True)
class TeamStatus:
    id: str
    name: str
    headcount: int
    morale: float        # 0..1
    skill: float         # 0..1
    capacity: float      # work points a round, at the last round's conditions
    arrives: int = 1     # the round the team joins (a later round: not here yet)
    waits_for: str = ""  # the flag it still waits for before it joins ('' when none)

    def absent(self, round_no: int) -> bool:
        return self.arrives > round_no or bool(self.waits_for)


@dataclass(frozen=True)
class EventOutcome:
    event_id: str
    title: str
    choice: str
    outcome: str


@dataclass(frozen=True)
class RoundRecord:
    round: int
    metrics: dict[str, float]
    deltas: dict[str, float]
    drivers: dict[str, list[tuple[str, float]]]
    gauges: dict[str, float]
    revealed: bool                      # listening this round: fatigue and risk are visible
    events: list[EventOutcome]
    projects: list[ProjectStatus]
    leader_share: float                 # 0..1: lead / (lead + manage); 0.5 in a hands-off round
    score: float                        # composite 0..100 of this round's metrics
    coach: str
    vision: str | None
    actions: list[str]
    budget: dict[str, float]
    overtime: float
    reviews: bool
    risk_event: bool
    left: int
    hired: int
    activity: float = 1.0               # 0..1: how much the player did: max(lead, manage)
    lead: float = 0.0                   # 0..1: how much the round was led (game.rules.profile)
    manage: float = 0.0                 # 0..1: how much the round was managed
    available_budget: float = 0.0       # the money the round had to spend
    repaid: float = 0.0                 # the part of the round's budget that paid down debt
    cash: float = 0.0                   # money at the end of the round (negative: a debt)
    landed: list[str] = field(default_factory=list)  # earlier choices' effects that landed
    timed_out: list[str] = field(default_factory=list)   # phases the timer committed half-spent


@dataclass(frozen=True)
class PendingEvent:
    event_id: str
    title: str
    text: str
    choices: tuple[str, ...]
    event: object = field(repr=False, default=None)  # the scenario's Event
    closed: tuple[str, ...] = ()  # per choice: "" when it may be taken, else why not


@dataclass(frozen=True)
class ObjectiveStatus:
    """One of the scenario's objectives, as the records stand (game.rules.objectives)."""

    text: str
    status: str          # "met" | "missed" | "open" (can still be met) | "" (a plain objective)
    how: str = ""        # how far, in words: "shipped in round 4, due 4", "morale 52 (above 60)"
    gap: float | None = None  # by how much it is met (+) or missed (-), in the target's units

    @property
    def scored(self) -> bool:
        return bool(self.status)


@dataclass(frozen=True)
class GameResult:
    scenario_id: str
    seed: int
    final: dict[str, float]
    score: float
    par: float | None
    history: list[RoundRecord]
    leader_share: float                 # over the whole game (0.5 in a hands-off game: read profile)
    profile: str                        # "leader-heavy" | "balanced" | "manager-heavy" | "hands-off"
    lessons: list[str]
    decisions: tuple[Decision, ...]
    lead: float = 0.0                   # the rounds' mean lead, 0..1
    manage: float = 0.0                 # the rounds' mean manage, 0..1
    objectives: tuple[ObjectiveStatus, ...] = ()  # the scenario's objectives, as the game ended

    @property
    def hands_off(self) -> bool:
        return self.profile == "hands-off"
