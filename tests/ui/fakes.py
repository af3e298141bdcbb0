"""A stand-in for the core session, following its published contract, so UI tests run
without the model. Numbers are made up; only the shapes and the rules of play matter."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

import numpy as np

from game.rules.decisions import (
    LEADER_ACTIONS,
    MAX_TEAM_LOAD,
    AllocateBudget,
    CancelInspire,
    ChooseOption,
    Continue,
    EndPhase,
    IllegalDecision,
    Inspire,
    Schedule,
    SetOvertime,
    SetReviews,
    SetVision,
)
from game.rules.records import TeamStatus
from game.scenario.types import (
    Budget,
    Choice,
    Event,
    Lesson,
    Organization,
    Project,
    RoundIs,
    Scenario,
    Team,
    Vision,
)


class Phase(Enum):
    LEADER = "leader"
    MANAGER = "manager"
    EVENT = "event"
    REPORT = "report"
    END = "end"


def make_scenario(rounds: int = 3, source: str = "") -> Scenario:
    return Scenario(
        id="fake-harbour", title="Harbour Works (test scenario)",
        summary="A small shipyard must modernise while delivering two hulls on time.",
        rounds=rounds,
        organization=Organization(teams=(
            Team("yard", "Yard crew", 12, 0.6, 0.7), Team("design", "Design office", 6, 0.5, 0.6),
            Team("rigging", "Rigging", 8, 0.55, 0.65))),
        budget=Budget(per_round=100.0),
        visions=(Vision("steady", "Steady as she goes", 0.2),
                 Vision("modern", "The modern yard", 0.6),
                 Vision("fleet", "A fleet in every harbour", 0.95)),
        projects=(Project("hull", "Hull 41", "delivery", 100, 2, 30),
                  Project("mast", "Carbon mast", "innovation", 80, 3, 20),
                  Project("dock", "Dry dock repair", "delivery", 60, 3, 15)),
        events=(Event("storm", "Storm warning", "A storm front is coming in early.", RoundIs(1),
                      (Choice("Secure the yard", (("delivery", -2),), "The yard is safe."),
                       Choice("Work through it", (("morale", -3),), "Tired but on time."))),),
        debrief=(Lesson(RoundIs(1), "Ideas need slack and safety to grow."),),
        objectives=("Ship Hull 41 on time", "Keep the crew with you"),
        difficulty="easy", minutes=20, round_label="Quarter",
        briefing="You take over the yard in spring. The owners want both steadiness and change.",
        par=55.0, source=source,
    )


@dataclass
class LeaderDraft:
    vision: str | None
    actions: tuple[Inspire, ...] = ()
    energy_total: int = 5

    @property
    def energy_left(self) -> int:
        return self.energy_total - sum(LEADER_ACTIONS[a.action].cost for a in self.actions)


@dataclass
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
        return {t: min(MAX_TEAM_LOAD, sum(p.values())) for t, p in self.schedule.items()}


@dataclass
class ProjectStatus:
    id: str
    title: str
    kind: str
    progress: float
    due: int
    state: str
    waiting: str = ""


@dataclass
class RoundRecord:
    round: int
    metrics: dict[str, float]
    deltas: dict[str, float]
    drivers: dict[str, list[tuple[str, float]]]
    gauges: dict[str, float]
    revealed: bool
    events: list[EventOutcome]
    projects: list[ProjectStatus]
    leader_share: float
    coach: str
    score: float
    vision: str | None
    lead: float = 0.5
    manage: float = 0.5


@dataclass
class EventOutcome:
    event_id: str
    title: str
    choice: str
    outcome: str


@dataclass
class GameResult:
    final: dict[str, float]
    score: float
    par: float | None
    history: list[RoundRecord]
    leader_share: float
    profile: str
    lessons: list[str]
    lead: float = 0.45
    manage: float = 0.55
    objectives: tuple[object, ...] = ()


@dataclass
class PendingEvent:
    event: Event


@dataclass
class FakeSession:
    scenario: Scenario
    seed: int = 0
    phase: Phase = Phase.LEADER
    round: int = 1
    history: list[RoundRecord] = field(default_factory=list)
    pending_event: PendingEvent | None = None

    def __post_init__(self) -> None:
        self.rng = np.random.default_rng(self.seed)
        self.metrics = {"morale": 60.0, "innovation": 45.0, "delivery": 55.0}
        self.projects = [ProjectStatus(p.id, p.title, p.kind, 0.0, p.due, "open")
                         for p in self.scenario.projects]
        self.teams = [TeamStatus(t.id, t.name, t.size, t.morale, t.skill, t.size * 10.0)
                      for t in self.scenario.organization.teams]
        self.vision: str | None = self.scenario.organization.vision
        self._events_done: set[str] = set()
        self._event_log: list[EventOutcome] = []
        self._log: list[object] = []
        self._new_drafts()

    @property
    def over(self) -> bool:
        return self.phase is Phase.END

    def _new_drafts(self) -> None:
        self.leader = LeaderDraft(self.vision, (), self.scenario.organization.leader_energy)
        sched = {t.id: {p.id: 0.0 for p in self.scenario.projects} for t in self.teams}
        self.manager = ManagerDraft(self.scenario.budget.default_split(),
                                    self.scenario.budget.per_round, sched)

    @property
    def log(self) -> tuple[object, ...]:
        return tuple(self._log)

    def apply(self, d: object) -> None:
        self._apply(d)
        self._log.append(d)

    def _apply(self, d: object) -> None:  # noqa: C901 - a fake; flat is clearer
        ph = self.phase
        if isinstance(d, SetVision | Inspire | CancelInspire) and ph is not Phase.LEADER:
            raise IllegalDecision("That is a leader decision; it is not the leader phase.")
        if isinstance(d, AllocateBudget | Schedule | SetOvertime | SetReviews) and \
                ph is not Phase.MANAGER:
            raise IllegalDecision("That is a manager decision; it is not the manager phase.")
        if isinstance(d, SetVision):
            if d.vision is not None and d.vision not in {v.id for v in self.scenario.visions}:
                raise IllegalDecision(f"No vision called {d.vision!r}.")
            self.leader.vision = d.vision
        elif isinstance(d, Inspire):
            act = LEADER_ACTIONS.get(d.action)
            if act is None:
                raise IllegalDecision(f"No action called {d.action!r}.")
            if act.needs_team and d.team is None:
                raise IllegalDecision(f"{act.title} needs a team.")
            if act.cost > self.leader.energy_left:
                raise IllegalDecision(f"Not enough energy for {act.title}.")
            self.leader.actions += (d,)
        elif isinstance(d, CancelInspire):
            acts = list(self.leader.actions)
            acts.remove(Inspire(d.action, d.team))
            self.leader.actions = tuple(acts)
        elif isinstance(d, AllocateBudget):
            new = dict(self.manager.budget)
            new.update(d.amounts)
            if any(v < 0 for v in new.values()):
                raise IllegalDecision("A budget amount cannot be negative.")
            if sum(new.values()) > self.manager.budget_total + 1e-9:
                raise IllegalDecision("That is more than the budget.")
            self.manager.budget = new
        elif isinstance(d, Schedule):
            for t, row in d.assignments.items():
                for p, share in row.items():
                    if not 0 <= share <= 1:
                        raise IllegalDecision("A share must be between 0 and 1.")
                    self.manager.schedule[t][p] = share
        elif isinstance(d, SetOvertime):
            if not 0 <= d.level <= 1:
                raise IllegalDecision("Overtime must be between 0 and 1.")
            self.manager.overtime = d.level
        elif isinstance(d, SetReviews):
            self.manager.reviews = d.on
        elif isinstance(d, EndPhase):
            if ph is Phase.LEADER:
                self.vision = self.leader.vision
                self._leader_spent = self.leader.energy_total - self.leader.energy_left
                self.phase = Phase.MANAGER
            elif ph is Phase.MANAGER:
                self._play_round()
            else:
                raise IllegalDecision("There is no phase to end now.")
        elif isinstance(d, ChooseOption):
            if ph is not Phase.EVENT or self.pending_event is None:
                raise IllegalDecision("No event is waiting for an answer.")
            ev = self.pending_event.event
            if not 0 <= d.index < len(ev.choices):
                raise IllegalDecision("No such choice.")
            ch = ev.choices[d.index]
            self._event_log.append(EventOutcome(ev.id, ev.title, ch.label, ch.outcome))
            self.pending_event = None
            self._record()
            self.phase = Phase.REPORT
        elif isinstance(d, Continue):
            if ph is not Phase.REPORT:
                raise IllegalDecision("Nothing to continue from.")
            if self.round >= self.scenario.rounds:
                self.phase = Phase.END
            else:
                self.round += 1
                self._new_drafts()
                self.phase = Phase.LEADER
        else:
            raise IllegalDecision(f"Unknown decision {d!r}.")

    def _play_round(self) -> None:
        m = self.manager
        self._drivers: dict[str, list[tuple[str, float]]] = {
            "morale": [("overtime", -8 * m.overtime), ("leader energy", 1.2 * self._leader_spent),
                       ("wellbeing budget", m.budget.get("wellbeing", 0) / 20)],
            "innovation": [("innovation budget", m.budget.get("innovation", 0) / 15),
                           ("vision ambition", 3.0 if self.vision else -2.0)],
            "delivery": [("scheduled capacity", 10 * sum(m.team_load.values()) - 8),
                         ("reviews", 1.5 if m.reviews else 0.0),
                         ("noise", float(self.rng.normal(0, 1)))],
        }
        for p in self.projects:
            p.progress = min(1.0, p.progress + 0.3 + 0.2 * float(self.rng.random()))
            if p.progress >= 1 and p.state == "open":
                p.state = "shipped"
            elif self.round >= p.due and p.state == "open":
                p.state = "missed"
        due = [e for e in self.scenario.events if e.id not in self._events_done
               and isinstance(e.when, RoundIs) and e.when.round == self.round]
        if due:
            self._events_done.add(due[0].id)
            self.pending_event = PendingEvent(due[0])
            self.phase = Phase.EVENT
        else:
            self._record()
            self.phase = Phase.REPORT

    def _record(self) -> None:
        deltas = {k: sum(v for _, v in drv) for k, drv in self._drivers.items()}
        for k, dv in deltas.items():
            self.metrics[k] = float(np.clip(self.metrics[k] + dv, 0, 100))
        score = sum(self.metrics.values()) / 3
        self.history.append(RoundRecord(
            self.round, dict(self.metrics), deltas, {k: list(v) for k, v in self._drivers.items()},
            {"fatigue": 30 + 40 * self.manager.overtime, "trust": 55, "clarity": 60,
             "alignment": 50, "creativity": 45, "skill": 52, "ideas": 20},
            any(a.action == "listening" for a in self.leader.actions), list(self._event_log),
            [ProjectStatus(**vars(p)) for p in self.projects],
            0.5, "Steady work. Your people noticed the overtime, though.", score,
            self.vision))
        self._event_log = []

    def result(self) -> GameResult:
        if self.phase is not Phase.END:
            raise IllegalDecision("The game is not over yet.")
        score = self.history[-1].score
        return GameResult(dict(self.metrics), score, self.scenario.par, self.history, 0.45,
                          "balanced", [lesson.text for lesson in self.scenario.debrief])


class FakeStrategy:
    """Decides like a scripted player: awkward float amounts on purpose."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = np.random.default_rng(seed)

    def decide(self, s: FakeSession) -> list[object]:
        if s.phase is Phase.LEADER:
            team = s.teams[int(self.rng.integers(len(s.teams)))].id
            return [SetVision(s.scenario.visions[1].id), Inspire("coaching", team),
                    Inspire("listening"), EndPhase()]
        if s.phase is Phase.MANAGER:
            cats = s.scenario.budget.categories
            w = self.rng.random(len(cats))
            amounts = {c: float(x) for c, x in zip(cats, w / w.sum() * 97.3, strict=True)}
            sched = {t.id: {p.id: round(float(self.rng.random()) * 0.6, 3)
                            for p in s.scenario.projects} for t in s.teams}
            return [AllocateBudget(amounts), Schedule(sched), SetOvertime(0.25),
                    SetReviews(True), EndPhase()]
        if s.phase is Phase.EVENT:
            return [ChooseOption(1)]
        if s.phase is Phase.REPORT:
            return [Continue()]
        return []


class FakeKeeper:
    """Stands in for keeping a finished game: remembers scores in memory, gives notes."""

    def __init__(self) -> None:
        self.scores: list[float] = []
        self.players: list[str] = []
        self.notes: list[str] = []

    def __call__(self, session: FakeSession, player: str) -> object:
        from pathlib import Path

        from game.persistence import KeptGame
        from game.persistence.history import HistoryEntry

        previous = [HistoryEntry(session.scenario.id, "2025-01-01", 1, "someone", {}, score,
                                 session.scenario.par, 0.5, "balanced") for score in self.scores]
        self.scores.append(session.result().score)
        self.players.append(player)
        return KeptGame(Path(f"fake-{len(self.scores)}.json"), previous, notes=list(self.notes))
