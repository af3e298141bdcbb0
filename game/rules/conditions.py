"""Scenario conditions (structured data) evaluated against what the session knows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from game.scenario.types import (
    PROJECT_STATE_MATCHES,
    AllOf,
    AnyOf,
    Condition,
    GaugeCompare,
    Not,
    ProfileCompare,
    ProjectState,
    RoundAtLeast,
    RoundIs,
    VisionIs,
)


@dataclass(frozen=True)
class Situation:
    round: int
    gauges: Mapping[str, float]          # metrics and gauges, 0..100, plus "score"
    vision: str | None
    projects: Mapping[str, str]          # project id -> "open" | "shipped" | "missed" | "shipped late"
    leader_share: float | None       # None for a hands-off player: no profile holds


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
        case ProfileCompare(leader_share_below=below, leader_share_above=above):
            if s.leader_share is None:
                return False
            return ((below is None or s.leader_share < below)
                    and (above is None or s.leader_share > above))
        case AllOf(conditions=cs):
            return all(holds(c, s) for c in cs)
        case AnyOf(conditions=cs):
            return any(holds(c, s) for c in cs)
        case Not(condition=c):
            return not holds(c, s)
    raise TypeError(f"unknown condition {condition!r}")
