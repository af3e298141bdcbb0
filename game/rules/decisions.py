"""Decisions are data: what a player (or a scripted strategy) can do, one frozen class each.

Screens and strategies only build these; `GameSession.apply` is the one place that checks
and applies them. An illegal decision raises `IllegalDecision` and changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


class IllegalDecision(ValueError):
    """A decision the rules refuse; its message is one line, fit to show a player."""


@dataclass(frozen=True)
class LeaderAction:
    id: str
    title: str
    cost: int
    needs_team: bool
    blurb: str


LEADER_ACTIONS: Mapping[str, LeaderAction] = MappingProxyType(
    {
        a.id: a
        for a in (
            LeaderAction("town_hall", "Town hall", 2, False,
                         "Raise alignment and morale across the organisation; fades if held every round."),
            LeaderAction("coaching", "Coach a team", 2, True,
                         "Grow one team's skill (slowly) and lift its morale."),
            LeaderAction("recognition", "Recognition", 1, False,
                         "Lift morale and keep people; hollow when nothing was delivered."),
            LeaderAction("listening", "Listening tour", 1, False,
                         "Build trust and reveal hidden fatigue and risk."),
            LeaderAction("challenge", "Challenge the status quo", 2, False,
                         "Spark creativity and ideas; process and short-term delivery dip, risk rises."),
            LeaderAction("celebrate", "Celebrate a win", 1, False,
                         "Morale and trust from shipped work; empty if nothing shipped."),
        )
    }
)


# --- leader phase ------------------------------------------------------------------------

@dataclass(frozen=True)
class SetVision:
    """Choose the vision (None clears it). Keeping the current vision is simply not changing it."""

    vision: str | None


@dataclass(frozen=True)
class Inspire:
    """Spend leader energy on an action; `team` is required for coaching."""

    action: str
    team: str | None = None


@dataclass(frozen=True)
class CancelInspire:
    """Take back a planned action this phase (refunds its energy)."""

    action: str
    team: str | None = None


# --- manager phase -----------------------------------------------------------------------

@dataclass(frozen=True)
class AllocateBudget:
    """Amounts per budget category for this round; their sum may not exceed the budget."""

    amounts: Mapping[str, float]


@dataclass(frozen=True)
class Schedule:
    """Share of each team's capacity (0..1 per project) given to each project.

    A team's shares may add up to more than 1 (over-allocation: it becomes fatigue) up to
    `MAX_TEAM_LOAD`; what is left under 1 is slack, which feeds recovery and ideas.
    """

    assignments: Mapping[str, Mapping[str, float]]


@dataclass(frozen=True)
class SetOvertime:
    """Overtime level for the round, 0 (none) .. 1 (heavy)."""

    level: float


@dataclass(frozen=True)
class SetReviews:
    """Run performance reviews and process audits this round."""

    on: bool


# --- flow --------------------------------------------------------------------------------

@dataclass(frozen=True)
class EndPhase:
    """Commit the leader or manager phase (the manager's commit plays the round).

    `timed_out`: the facilitator's timer committed it, not the player; what the phase left
    unspent is then written on the round's record. Saves write the field only when true."""

    timed_out: bool = field(default=False, metadata={"omit_default": True})


@dataclass(frozen=True)
class ChooseOption:
    """Answer the pending event with the choice at `index` (0-based)."""

    index: int


@dataclass(frozen=True)
class Continue:
    """Leave the round report for the next round (or the end of the game)."""


@dataclass(frozen=True)
class InjectEvent:
    """A facilitator drops one of the scenario's events into this round (a workshop room):
    it comes up when the round has played, whatever its `when` says."""

    event: str


MAX_TEAM_LOAD = 1.5

Decision = (
    SetVision | Inspire | CancelInspire | AllocateBudget | Schedule | SetOvertime | SetReviews
    | EndPhase | ChooseOption | Continue | InjectEvent
)
