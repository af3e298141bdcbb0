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
    "headcount",
)
# Gauges a condition may read for one team (`team:` beside `metric:`).
TEAM_GAUGES: tuple[str, ...] = ("morale", "fatigue", "skill", "creativity", "alignment",
                                "headcount")
DIFFICULTIES: tuple[str, ...] = ("tutorial", "easy", "medium", "hard")
# Levers a debrief lesson's `used:` condition asks about: a vision the player set, the
# manager's overtime and reviews, and the leader's actions (game.rules.decisions).
LEVERS: tuple[str, ...] = ("vision", "overtime", "reviews", "town_hall", "coaching",
                           "recognition", "listening", "challenge", "celebrate")
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
    "budget",
    "size",
)
# Effect keys that may be given to one team (`team:`); `size` needs a team.
TEAM_EFFECT_KEYS: tuple[str, ...] = ("morale", "fatigue", "creativity", "skill", "size")
# Effect keys that move a project (`project:`): its due round and its scope.
PROJECT_EFFECT_KEYS: tuple[str, ...] = ("due", "scope")
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
    arrives: int = 1  # the first round the team works in
    flag: str | None = None  # `when: {flag: x}`: it arrives only once the flag is set


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
    per_round: float  # the reference budget: the mean over the rounds
    categories: tuple[str, ...] = BUDGET_CATEGORIES
    # The split a player starts from, as amounts; defaults to an even split.
    default: tuple[tuple[str, float], ...] = ()
    by_round: tuple[float, ...] = ()  # round r's scheduled budget at index r - 1 (empty: flat)

    def scheduled(self, round_no: int) -> float:
        """The budget scheduled for a round (before any event's `budget` effect)."""
        if not self.by_round:
            return self.per_round
        return self.by_round[min(max(round_no, 1), len(self.by_round)) - 1]

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
    requires: tuple[str, ...] = ()  # projects that must ship before work here counts
    arrives: int = 1                # the first round it can be worked on
    central: bool = False           # the story needs it: the best game must not abandon it
    flag: str | None = None         # `when: {flag: x}`: work counts only once the flag is set


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


# What a condition's project `state:` matches among the model's project states. The four
# states an author writes are disjoint: on_time (shipped by its due round), late (shipped
# after it), overdue (past due, not done) and open (not done, not yet due).
PROJECT_STATE_MATCHES: dict[str, frozenset[str]] = {
    "on_time": frozenset({"shipped"}),
    "late": frozenset({"shipped late"}),
    "overdue": frozenset({"missed"}),
    "open": frozenset({"open"}),
    # Old names, kept as aliases (lint suggests the new ones): they overlap.
    "shipped": frozenset({"shipped", "shipped late"}),
    "missed": frozenset({"missed", "shipped late"}),
}
PROJECT_STATES: tuple[str, ...] = ("on_time", "late", "overdue", "open")
OLD_PROJECT_STATES: dict[str, str] = {"shipped": "on_time or late", "missed": "overdue or late"}


@dataclass(frozen=True)
class ProjectState:
    project: str
    state: str  # a PROJECT_STATE_MATCHES key


@dataclass(frozen=True)
class TeamGauge:
    """A gauge of one team (0..100; headcount in people)."""

    team: str
    gauge: str  # one of TEAM_GAUGES
    below: float | None = None
    above: float | None = None


@dataclass(frozen=True)
class FlagIs:
    """A flag or counter set by choices: bare, it holds while the value is not 0."""

    flag: str
    below: float | None = None
    above: float | None = None

    @property
    def bare(self) -> bool:
        return self.below is None and self.above is None


@dataclass(frozen=True)
class After:
    """Holds `rounds` rounds after `event` was answered (with `choice`, if given)."""

    event: str
    choice: str | None = None
    rounds: int = 1


@dataclass(frozen=True)
class ProfileCompare:
    """The player's leader share of attention (0..1), for debrief lessons."""

    leader_share_below: float | None = None
    leader_share_above: float | None = None


@dataclass(frozen=True)
class Used:
    """A lever the player used in at least one round of the game (debrief lessons only: it
    reads the whole game). `vision`: a vision the player set, not the organisation's own."""

    lever: str  # one of LEVERS


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
    | TeamGauge | FlagIs | After | Used | AllOf | AnyOf | Not
)


def mentions(c: Condition, kinds: tuple[type, ...]) -> bool:
    """Whether a condition tests one of these kinds of condition anywhere inside."""
    match c:
        case AllOf(conditions=parts) | AnyOf(conditions=parts):
            return any(mentions(p, kinds) for p in parts)
        case Not(condition=inner):
            return mentions(inner, kinds)
    return isinstance(c, kinds)


def reads_memory(c: Condition) -> bool:
    """Whether a condition reads a flag or an earlier answer."""
    return mentions(c, (FlagIs, After))


@dataclass(frozen=True)
class Effect:
    """Changes a choice makes: now or later (`delay` rounds on), once or `lasts` rounds in a
    row, to the whole organisation, one `team`, or one `project` (its due round and scope)."""

    amounts: tuple[tuple[str, float], ...]  # (EFFECT_KEYS or PROJECT_EFFECT_KEYS item, amount)
    team: str | None = None
    project: str | None = None
    delay: int = 0   # `in:` rounds before it lands (0: now)
    lasts: int = 1   # `for:` rounds it lands in, one after another
    category: str | None = None   # with `budget`: a % change to one category's money
    away_rounds: int = 0          # with `away` (people of `team`): rounds before they are back

    @property
    def now(self) -> bool:
        """Lands at once on the organisation's state (the model's `apply_effects` alone)."""
        return (self.delay == 0 and self.lasts == 1 and self.team is None
                and self.project is None and "budget" not in dict(self.amounts))


@dataclass(frozen=True)
class Choice:
    label: str
    effects: tuple[tuple[str, float], ...] = ()  # what lands now, organisation-wide
    outcome: str = ""  # text shown after the choice is made
    id: str = ""       # for `after: {choice: ...}`; default: the choice's number, "1", "2", ...
    later: tuple[Effect, ...] = ()  # effects with a team, a project, a delay or a duration
    sets: tuple[tuple[str, float], ...] = ()  # flags and counters set to a value
    adds: tuple[tuple[str, float], ...] = ()  # counters changed by an amount
    require: Condition | None = None  # the choice is open only while this holds
    reason: str = ""  # why it is closed, shown greyed beside it

    def all_amounts(self) -> dict[str, float]:
        """Every amount the choice moves, now or later, summed by key (for scripted players);
        a project's `scope` and `due` changes are summed over projects; a cut on one budget
        line is 'budget:<category>'."""
        total = dict(self.effects)
        for effect in self.later:
            for key, amount in effect.amounts:
                if effect.category is not None:   # a share of one line, not money: its own key
                    key = f"{key}:{effect.category}"
                total[key] = total.get(key, 0.0) + amount * effect.lasts
        return total


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
    priority: int = 0  # higher comes first in the debrief; ties keep file order


@dataclass(frozen=True)
class Objective:
    """What the player should aim for. A plain objective is only shown; one with `project`,
    `metric` or `vision` is tracked during play and scored in the debrief."""

    text: str
    projects: tuple[str, ...] = ()       # met when they ship by their due rounds ...
    at_least: int | None = None          # ... this many of them (None: all)
    metrics: tuple[str, ...] = ()        # GAUGES at the end of the game, all of them ...
    above: float | None = None           # ... strictly above this
    below: float | None = None           # ... and/or strictly below this
    vision: str | None = None            # a vision id in force at the end, or "kept"

    @property
    def scored(self) -> bool:
        return bool(self.projects) or bool(self.metrics) or self.vision is not None

    def __str__(self) -> str:
        return self.text


KEPT_VISION = "kept"  # an objective's `vision: kept`: one vision of the player's own, held


# Who an expectation (`expect:`) is about: a scripted player, or the best game a search
# finds in a mode (`best` is the best free game).
EXPECT_PLAYERS: tuple[str, ...] = ("balanced", "manager-only", "leader-only", "random", "best",
                                   "best-fixed", "best-manager-only", "best-leader-only")
# The end states an expectation may ask of a project (the story's words); `shipped` is on
# time or late, `abandoned` never started or overdue.
EXPECT_STATES: tuple[str, ...] = ("on_time", "late", "shipped", "overdue", "never_started",
                                  "open", "abandoned")


@dataclass(frozen=True)
class Expectation:
    """What the story must do for one player (`in`), checked by `story`, `balance` and
    `validate --strict`: an event fires in at least a share of the games, or a project ends
    in a state in at least a share of them."""

    player: str                  # one of EXPECT_PLAYERS
    event: str | None = None
    project: str | None = None
    state: str | None = None     # with `project`: one of EXPECT_STATES
    share: float = 0.5           # `fires:` for an event, `at_least:` for a project
    at: str = ""                 # "file:line:column" of the expectation, for messages


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
    objectives: tuple[Objective, ...] = ()
    difficulty: str = "medium"
    minutes: int = 30
    round_label: str = "Round"
    briefing: str = ""
    scoring: Scoring = field(default_factory=Scoring)
    claims: tuple[Claim, ...] = ()
    par: float | None = None
    params: tuple[tuple[str, float], ...] = ()  # model coefficient overrides
    tutorial: tuple[tuple[str, str], ...] = ()  # (screen or control id, tip text)
    expect: tuple[Expectation, ...] = ()        # what the story must do (`expect:`)
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
