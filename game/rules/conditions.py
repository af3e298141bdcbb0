"""Scenario conditions (structured data) evaluated against what the session knows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from game.scenario.types import (
    PROJECT_STATE_MATCHES,
    After,
    AllOf,
    AnyOf,
    Condition,
    FlagIs,
    GaugeCompare,
    Not,
    ProfileCompare,
    ProjectState,
    RoundAtLeast,
    RoundIs,
    TeamGauge,
    Used,
    VisionIs,
)


@dataclass(frozen=True)
class Situation:
    round: int
    gauges: Mapping[str, float]          # metrics and gauges, 0..100, plus "score"
    vision: str | None
    projects: Mapping[str, str]          # project id -> "open" | "shipped" | "missed" | "shipped late"
    leader_share: float | None       # None for a hands-off player: no profile holds
    flags: Mapping[str, float] = field(default_factory=dict)   # flags and counters; unset: 0
    teams: Mapping[str, Mapping[str, float]] = field(default_factory=dict)  # team -> gauges
    answers: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    # event id -> (choice id, round answered) for each time it was answered
    used: frozenset[str] = frozenset()  # levers used in the game (debrief lessons only)


def _between(value: float, below: float | None, above: float | None) -> bool:
    return (below is None or value < below) and (above is None or value > above)


def holds(condition: Condition, s: Situation) -> bool:
    match condition:
        case RoundIs(round=r):
            return s.round == r
        case RoundAtLeast(round=r):
            return s.round >= r
        case GaugeCompare(gauge=g, below=below, above=above):
            value = s.gauges[g]
            return (below is None or value < below) and (above is None or value > above)
        case VisionIs(vision=v):
            return s.vision == v
        case ProjectState(project=pid, state=state):
            return s.projects[pid] in PROJECT_STATE_MATCHES[state]
        case TeamGauge(team=team, gauge=g, below=below, above=above):
            return _between(s.teams[team][g], below, above)
        case FlagIs(flag=name, below=below, above=above):
            value = s.flags.get(name, 0.0)
            return value != 0 if condition.bare else _between(value, below, above)
        case After(event=event, choice=choice, rounds=rounds):
            return any(r + rounds == s.round and (choice is None or c == choice)
                       for c, r in s.answers.get(event, ()))
        case ProfileCompare(leader_share_below=below, leader_share_above=above):
            if s.leader_share is None:
                return False
            return ((below is None or s.leader_share < below)
                    and (above is None or s.leader_share > above))
        case Used(lever=lever):
            return lever in s.used
        case AllOf(conditions=cs):
            return all(holds(c, s) for c in cs)
        case AnyOf(conditions=cs):
            return any(holds(c, s) for c in cs)
        case Not(condition=c):
            return not holds(c, s)
    raise TypeError(f"unknown condition {condition!r}")
