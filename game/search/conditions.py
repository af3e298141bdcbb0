"""Scenario conditions tested on a whole batch at once: `holds_batch(condition, situation)`.

The same rules as `game.rules.conditions.holds`, row by row; a test checks the two agree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from game.model import STATUS_NAMES
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
            value = s.gauges[g]
            result = np.ones(s.batch, dtype=bool)
            if below is not None:
                result &= value < below
            if above is not None:
                result &= value > above
            return result
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
