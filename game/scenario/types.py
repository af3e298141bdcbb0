"""The typed scenario: what a YAML file becomes once it has been loaded and checked.

Every class here is a frozen dataclass of plain values, so a scenario can be shared by
sessions, strategies and the model without anyone changing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BUDGET_CATEGORIES: tuple[str, ...] = (
    "operations",
    "innovation",
    "training",
    "hiring",
    "wellbeing",
    "reserve",
)
PROJECT_KINDS: tuple[str, ...] = ("delivery", "innovation")
METRICS: tuple[str, ...] = ("morale", "innovation", "delivery")
# Quantities a condition may test besides the three metrics (all on a 0..100 scale).
GAUGES: tuple[str, ...] = (
    "morale",
    "innovation",
    "delivery",
    "score",
    "fatigue",
    "trust",
    "clarity",
    "alignment",
    "creativity",
    "skill",
    "ideas",
)
DIFFICULTIES: tuple[str, ...] = ("tutorial", "easy", "medium", "hard")
# What an event choice may change. Metric keys are points on the 0..100 scale;
# the other keys are points on the same scale applied to the organisation's state.
EFFECT_KEYS: tuple[str, ...] = (
    "morale",
    "innovation",
    "delivery",
    "trust",
    "clarity",
    "fatigue",
    "creativity",
    "skill",
    "ideas",
    "cash",
)
Difficulty = Literal["tutorial", "easy", "medium", "hard"]


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    size: int
    skill: float = 0.5
    morale: float = 0.6
    creativity: float = 0.5
    fatigue: float = 0.1


@dataclass(frozen=True)
class Organization:
    teams: tuple[Team, ...]
    leader_energy: int = 5
    trust: float = 0.5
    process: float = 0.4
    cash: float = 0.0
    vision: str | None = None  # a vision id the organisation starts with, if any


@dataclass(frozen=True)
class Budget:
    per_round: float
    categories: tuple[str, ...] = BUDGET_CATEGORIES
    # The split a player starts from, as amounts; defaults to an even split.
    default: tuple[tuple[str, float], ...] = ()

    def default_split(self) -> dict[str, float]:
        if self.default:
            split = {c: 0.0 for c in self.categories}
            split.update(dict(self.default))
            return split
        share = self.per_round / len(self.categories)
        return {c: share for c in self.categories}


@dataclass(frozen=True)
class Vision:
    id: str
    title: str
    ambition: float
    description: str = ""
    fits_from: int = 1               # the first round the vision fits the world
    fits_until: int | None = None    # the last round it fits (None: to the end)

    def fits(self, round_no: int) -> bool:
        """Whether the vision fits the world in this round (rounds count from 1)."""
        return self.fits_from <= round_no and (self.fits_until is None
                                               or round_no <= self.fits_until)


@dataclass(frozen=True)
class Project:
    id: str
    title: str
    kind: str  # "delivery" | "innovation"
    scope: float
    due: int
    value: float
    description: str = ""


# --- conditions: structured data, never evaluated strings -------------------------------


@dataclass(frozen=True)
class RoundIs:
    round: int


@dataclass(frozen=True)
class RoundAtLeast:
    round: int


@dataclass(frozen=True)
class GaugeCompare:
    gauge: str  # one of GAUGES
    below: float | None = None
    above: float | None = None


@dataclass(frozen=True)
class VisionIs:
    vision: str | None  # None: no vision set


# What a condition's project `state:` matches among a project's states: a late ship was both
# missed and shipped; a missed project is still open to work.
PROJECT_STATE_MATCHES: dict[str, frozenset[str]] = {
    "shipped": frozenset({"shipped", "shipped late"}),
    "missed": frozenset({"missed", "shipped late"}),
    "open": frozenset({"open", "missed"}),
}


@dataclass(frozen=True)
class ProjectState:
    project: str
    state: str  # "shipped" | "missed" | "open"


@dataclass(frozen=True)
class ProfileCompare:
    """The player's leader share of attention (0..1), for debrief lessons."""

    leader_share_below: float | None = None
    leader_share_above: float | None = None


@dataclass(frozen=True)
class AllOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    condition: Condition


Condition = (
    RoundIs | RoundAtLeast | GaugeCompare | VisionIs | ProjectState | ProfileCompare
    | AllOf | AnyOf | Not
)


@dataclass(frozen=True)
class Choice:
    label: str
    effects: tuple[tuple[str, float], ...] = ()  # (EFFECT_KEYS item, amount)
    outcome: str = ""  # text shown after the choice is made


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    text: str
    when: Condition
    choices: tuple[Choice, ...]
    once: bool = True


@dataclass(frozen=True)
class Lesson:
    when: Condition
    text: str


@dataclass(frozen=True)
class Claim:
    """"`strategy` beats `beats` by at least `by` (a fraction: 0.15 is 15%) in mean score."""

    strategy: str
    beats: str
    by: float


@dataclass(frozen=True)
class Scoring:
    morale: float = 1.0
    innovation: float = 1.0
    delivery: float = 1.0


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    summary: str
    rounds: int
    organization: Organization
    budget: Budget
    visions: tuple[Vision, ...]
    projects: tuple[Project, ...]
    events: tuple[Event, ...] = ()
    debrief: tuple[Lesson, ...] = ()
    objectives: tuple[str, ...] = ()
    difficulty: str = "medium"
    minutes: int = 30
    round_label: str = "Round"
    briefing: str = ""
    scoring: Scoring = field(default_factory=Scoring)
    claims: tuple[Claim, ...] = ()
    par: float | None = None
    params: tuple[tuple[str, float], ...] = ()  # model coefficient overrides
    tutorial: tuple[tuple[str, str], ...] = ()  # (screen or control id, tip text)
    source: str = ""  # the file it was loaded from, for messages

    def team(self, team_id: str) -> Team:
        return next(t for t in self.organization.teams if t.id == team_id)

    def vision(self, vision_id: str) -> Vision:
        return next(v for v in self.visions if v.id == vision_id)

    def project(self, project_id: str) -> Project:
        return next(p for p in self.projects if p.id == project_id)


# Names a scenario's `claims:` may use (the scripted players in game.analysis.strategies).
KNOWN_STRATEGIES: tuple[str, ...] = ("balanced", "manager-only", "leader-only", "random", "greedy")
# Places the game can show a scenario's `tutorial:` tips (tip id -> the screen or control).
TUTORIAL_TOPICS: tuple[str, ...] = (
    "briefing", "vision", "energy", "actions", "budget", "schedule", "overtime", "reviews",
    "report", "drivers", "event", "debrief",
)
