"""Can a condition ever hold? A small solver for `when:` conditions, used by lint.

A condition becomes a list of boxes (its disjunctive normal form): each box maps a quantity
(the round, a gauge, the leader share, the vision, a project's state) to the values it may
take. `all` intersects boxes, `any` joins the lists, `not` is pushed down to the leaves.
An empty list means the condition can never hold. When the list would grow too big the
solver gives up and answers "possible": lint warns only about what it can prove. Each
condition gets a work budget (`MAX_WORK` box meetings); past it `TooComplex` is raised, and
lint warns that it gave up rather than running on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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

MAX_BOXES = 256
MAX_WORK = 50_000  # box meetings for one condition (about 0.1 s); then the solver gives up


class TooComplex(Exception):
    """The condition needs more work than `MAX_WORK` to judge; lint says so and moves on."""
PROJECT_STATES = frozenset({"open", "missed", "shipped", "shipped late"})


@dataclass(frozen=True)
class Span:
    """Numbers from lo to hi; an open end excludes its bound."""

    lo: float = -math.inf
    hi: float = math.inf
    lo_open: bool = False
    hi_open: bool = False

    def meet(self, other: Span) -> Span:
        lo, lo_open = max((self.lo, self.lo_open), (other.lo, other.lo_open))
        hi, hi_open = min((self.hi, not self.hi_open), (other.hi, not other.hi_open))
        return Span(lo, hi, lo_open, not hi_open)

    def empty(self, whole: bool = False) -> bool:
        if whole and math.isfinite(self.lo) and math.isfinite(self.hi):
            # rounds: is there a whole number inside?
            lo = math.floor(self.lo) + 1 if self.lo_open or self.lo != math.floor(self.lo) else self.lo
            hi = math.ceil(self.hi) - 1 if self.hi_open or self.hi != math.ceil(self.hi) else self.hi
            return lo > hi
        return self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open))


Value = Span | frozenset[str | None]
Box = dict[str, Value]


def _meet(a: Box, b: Box) -> Box | None:
    box = dict(a)
    for key, value in b.items():
        if key not in box:
            box[key] = value
            continue
        mine = box[key]
        if isinstance(mine, Span) and isinstance(value, Span):
            joined: Value = mine.meet(value)
            if joined.empty(whole=key == "round"):  # type: ignore[union-attr]
                return None
        else:
            joined = mine & value  # type: ignore[operator]
            if not joined:
                return None
        box[key] = joined
    return box


class Reach:
    """Boxes for conditions, within a scenario's domain (rounds, visions)."""

    def __init__(self, first_round: int, last_round: int, visions: list[str]) -> None:
        self.domain: Box = {"round": Span(first_round, last_round)}
        self.visions: frozenset[str | None] = frozenset([*visions, None])
        self.flags_set: set[str] | None = None   # flags some choice sets (None: unknown)
        self.never_fire: set[str] = set()        # events known never to fire
        self.work = 0

    def spend(self, work: int) -> None:
        self.work += work
        if self.work > MAX_WORK:
            raise TooComplex(f"over {MAX_WORK} steps")

    def possible(self, condition: Condition) -> bool:
        return bool(self.boxes(condition))

    def boxes(self, condition: Condition, negate: bool = False) -> list[Box]:
        self.spend(1)
        return [b for b in (_meet(self.domain, box) for box in self._boxes(condition, negate))
                if b is not None]

    def _boxes(self, c: Condition, neg: bool) -> list[Box]:
        match c:
            case AllOf(conditions=parts) if not neg:
                return self._all(parts, False)
            case AnyOf(conditions=parts) if neg:
                return self._all(parts, True)
            case AllOf(conditions=parts) | AnyOf(conditions=parts):
                boxes = [box for part in parts for box in self._boxes(part, neg)]
                self.spend(len(boxes))
                return boxes if len(boxes) <= MAX_BOXES else [{}]
            case Not(condition=inner):
                return self._boxes(inner, not neg)
            case RoundIs(round=r):
                return ([{"round": Span(-math.inf, r - 1)}, {"round": Span(r + 1)}] if neg
                        else [{"round": Span(r, r)}])
            case RoundAtLeast(round=r):
                return [{"round": Span(-math.inf, r - 1)}] if neg else [{"round": Span(r)}]
            case GaugeCompare(gauge=g, below=below, above=above):
                return self._span(f"gauge:{g}", below, above, neg, Span(0.0, 100.0))
            case ProfileCompare(leader_share_below=below, leader_share_above=above):
                return self._span("leader_share", below, above, neg, Span(0.0, 1.0))
            case TeamGauge(team=t, gauge=g, below=below, above=above):
                return self._span(f"team:{t}:{g}", below, above, neg, Span(0.0, 100.0))
            case FlagIs(flag=name, below=below, above=above):
                if self.flags_set is None or name in self.flags_set:
                    return [{}]
                zero = c.bare is False and (below is None or 0 < below) and \
                    (above is None or 0 > above)  # a flag never set is always 0
                return [{}] if zero != neg else []
            case After(event=event, rounds=rounds):
                if event in self.never_fire:
                    return [{}] if neg else []
                return [{}] if neg else [{"round": Span(1 + rounds)}]
            case VisionIs(vision=v):
                return [{"vision": self.visions - {v} if neg else frozenset({v})}]
            case ProjectState(project=p, state=state):
                matches = PROJECT_STATE_MATCHES[state]
                return [{f"project:{p}": PROJECT_STATES - matches if neg else matches}]
        return [{}]

    def _all(self, parts: tuple[Condition, ...], neg: bool) -> list[Box]:
        result: list[Box] = [{}]
        for part in parts:
            options = self._boxes(part, neg)
            self.spend(len(result) * len(options))
            result = [m for a in result for b in options if (m := _meet(a, b)) is not None]
            if len(result) > MAX_BOXES:
                return [{}]
        return result

    @staticmethod
    def _span(key: str, below: float | None, above: float | None, neg: bool, whole: Span
              ) -> list[Box]:
        if not neg:
            span = Span(-math.inf if above is None else above, math.inf if below is None else below,
                        lo_open=above is not None, hi_open=below is not None)
            return [{key: whole.meet(span)}] if not whole.meet(span).empty() else []
        boxes: list[Box] = []
        if below is not None:
            boxes.append({key: whole.meet(Span(below))})
        if above is not None:
            boxes.append({key: whole.meet(Span(-math.inf, above))})
        return [b for b in boxes if not b[key].empty()]  # type: ignore[union-attr]
