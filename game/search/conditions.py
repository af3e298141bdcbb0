"""Scenario conditions tested on a whole batch at once: `holds_batch(condition, situation)`.

The same rules as `game.rules.conditions.holds`, row by row; a test checks the two agree.
What a story remembers (flags, earlier answers) and a team's gauges are per row too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from game.model import STATUS_NAMES
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
    VisionIs,
)

Array = np.ndarray


@dataclass(frozen=True)
class BatchSituation:
    round: int
    batch: int
    gauges: Mapping[str, Array]          # metrics, gauges and "score", (B,) each
    vision: Array                        # (B,) vision index, -1 for none
    vision_ids: tuple[str, ...]
    projects: Mapping[str, Array]        # project id -> (B,) status code
    leader_share: Callable[[], Array]    # (B,) worked out only when asked; NaN: hands-off
    flags: Mapping[str, Array] = field(default_factory=dict)  # flag -> (B,) value; unset: 0
    answered: Array | None = None        # (B, E, rounds + 2) choice index answered in a round, -1
    events: Mapping[str, tuple[int, tuple[str, ...]]] = field(default_factory=dict)
    # event id -> (its index, its choices' ids)
    team_gauge: Callable[[str, str], Array] | None = None  # (team id, gauge) -> (B,)


def _between(value: Array, below: float | None, above: float | None, batch: int) -> Array:
    result = np.ones(batch, dtype=bool)
    if below is not None:
        result &= value < below
    if above is not None:
        result &= value > above
    return result


def uses_profile(condition: Condition) -> bool:
    match condition:
        case ProfileCompare():
            return True
        case AllOf(conditions=cs) | AnyOf(conditions=cs):
            return any(uses_profile(c) for c in cs)
        case Not(condition=c):
            return uses_profile(c)
    return False


def holds_batch(condition: Condition, s: BatchSituation) -> Array:
    """(B,) bool: where the condition holds."""
    match condition:
        case RoundIs(round=r):
            return np.full(s.batch, s.round == r)
        case RoundAtLeast(round=r):
            return np.full(s.batch, s.round >= r)
        case GaugeCompare(gauge=g, below=below, above=above):
            return _between(s.gauges[g], below, above, s.batch)
        case TeamGauge(team=team, gauge=g, below=below, above=above):
            if s.team_gauge is None:
                raise ValueError("a condition asks for a team's gauge")
            return _between(s.team_gauge(team, g), below, above, s.batch)
        case FlagIs(flag=name, below=below, above=above):
            value = s.flags.get(name)
            if value is None:
                value = np.zeros(s.batch)
            return value != 0 if condition.bare else _between(value, below, above, s.batch)
        case After(event=event, choice=choice, rounds=rounds):
            answered_in = s.round - rounds
            if s.answered is None or event not in s.events or not 0 <= answered_in < s.answered.shape[2]:
                return np.zeros(s.batch, dtype=bool)
            index, choice_ids = s.events[event]
            taken = s.answered[:, index, answered_in]
            if choice is None:
                return taken >= 0
            return np.isin(taken, [i for i, c in enumerate(choice_ids) if c == choice])
        case VisionIs(vision=v):
            index = -1 if v is None else (s.vision_ids.index(v) if v in s.vision_ids else -2)
            return s.vision == index
        case ProjectState(project=pid, state=state):
            codes = [i for i, name in enumerate(STATUS_NAMES) if name in PROJECT_STATE_MATCHES[state]]
            return np.isin(s.projects[pid], codes)
        case ProfileCompare(leader_share_below=below, leader_share_above=above):
            share = s.leader_share()
            result = ~np.isnan(share)  # a hands-off round has no profile
            if below is not None:
                result &= share < below
            if above is not None:
                result &= share > above
            return result
        case AllOf(conditions=cs):
            result = np.ones(s.batch, dtype=bool)
            for c in cs:
                result &= holds_batch(c, s)
            return result
        case AnyOf(conditions=cs):
            result = np.zeros(s.batch, dtype=bool)
            for c in cs:
                result |= holds_batch(c, s)
            return result
        case Not(condition=c):
            return ~holds_batch(c, s)
    raise TypeError(f"unknown condition {condition!r}")
