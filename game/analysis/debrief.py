"""A room's debrief: many participants' finished games of one scenario, gathered.

Pure: it reads each game's `GameResult` (its record) and never runs the model.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from game.rules.records import METRIC_NAMES, GameResult
from game.scenario.types import Scenario

PROFILES: tuple[str, ...] = ("leader-heavy", "balanced", "manager-heavy", "hands-off")
MEASURES: tuple[str, ...] = (*METRIC_NAMES, "score")


@dataclass(frozen=True)
class Participant:
    name: str
    source: str            # where their result came from (a save file)
    result: GameResult

    def measure(self, name: str) -> float:
        return self.result.score if name == "score" else self.result.final[name]


@dataclass(frozen=True)
class Spread:
    mean: float
    sd: float              # population standard deviation: the room is the whole population
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        return cls(statistics.fmean(values), statistics.pstdev(values), min(values), max(values))


@dataclass(frozen=True)
class ProfileGroup:
    profile: str
    count: int
    mean_score: float | None   # None when nobody played this way


@dataclass(frozen=True)
class LessonCount:
    text: str
    held_for: int              # participants whose game the lesson held for


@dataclass(frozen=True)
class RoomDebrief:
    scenario_id: str
    title: str
    par: float | None
    participants: list[Participant]
    spread: dict[str, Spread]          # per metric and "score"
    profiles: list[ProfileGroup]
    lessons: list[LessonCount]         # the scenario's lessons, in its order, with counts
    beat_par: int | None               # None when the scenario has no par


def debrief_room(scenario: Scenario, participants: Sequence[Participant]) -> RoomDebrief:
    """Gather finished games of `scenario` into one debrief; needs at least one participant."""
    if not participants:
        raise ValueError("a debrief needs at least one finished game")
    spread = {m: Spread.of([p.measure(m) for p in participants]) for m in MEASURES}
    profiles = []
    for profile in PROFILES:
        scores = [p.result.score for p in participants if p.result.profile == profile]
        profiles.append(ProfileGroup(profile, len(scores), statistics.fmean(scores) if scores else None))
    texts = [lesson.text for lesson in scenario.debrief]
    for p in participants:  # lessons a game recorded that the scenario no longer has
        texts += [t for t in p.result.lessons if t not in texts]
    lessons = [LessonCount(t, sum(t in p.result.lessons for p in participants)) for t in texts]
    beat = None if scenario.par is None else sum(p.result.score > scenario.par for p in participants)
    return RoomDebrief(scenario.id, scenario.title, scenario.par, list(participants), spread,
                       profiles, lessons, beat)


def room_json(room: RoomDebrief) -> dict[str, object]:
    """The debrief as plain JSON-ready data (numbers rounded to 4 places)."""
    def r4(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    return {
        "scenario": room.scenario_id,
        "par": room.par,
        "participants": [
            {"name": p.name, "file": p.source, "seed": p.result.seed,
             **{m: r4(p.result.final[m]) for m in METRIC_NAMES},
             "score": r4(p.result.score),
             "leader_share": None if p.result.hands_off else r4(p.result.leader_share),
             "lead": r4(p.result.lead), "manage": r4(p.result.manage),
             "profile": p.result.profile, "lessons": p.result.lessons}
            for p in room.participants
        ],
        "room": {m: {"mean": r4(s.mean), "sd": r4(s.sd), "min": r4(s.low), "max": r4(s.high)}
                 for m, s in room.spread.items()},
        "profiles": {g.profile: {"count": g.count, "mean_score": r4(g.mean_score)} for g in room.profiles},
        "lessons": [{"text": lesson.text, "held_for": lesson.held_for} for lesson in room.lessons],
        "beat_par": room.beat_par,
    }
