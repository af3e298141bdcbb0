"""The leader/manager profile: how much a round was led and how much it was managed.

Both are measured in proportion, each a number from 0 to 1 recorded in the round's record
(`RoundRecord.lead`, `.manage`), so the debrief, charts, saves and the room read them and
never work them out again.

- Leading: the share of the round's energy spent on a need the round has (0.6: coaching a
  team not there yet meets none, an action repeated from the round before meets half, as
  people get used to it) and a vision the player set and keeps (0.4; a vision the
  organisation started with is not the player's).
- Managing: how much of the offered plan the player changed, and how well it fits the
  work. The schedule (0.5): the capacity moved away from the plans the game offers,
  weighed by how near each team's load is to its capacity (neither idle nor overloaded).
  The budget (0.35): the money moved away from the default split. Overtime or reviews
  (0.15). A careful budget-and-schedule plan reads 0.85 without either.

Everything is worked out from the drafts (this round's and the leader's the round before)
and the round number alone, so the batched evaluator (game.search) reads the same numbers
for a condition on the leader share.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from game.rules.decisions import LEADER_ACTIONS
from game.rules.plans import naive_schedule, starting_budget, starting_schedule
from game.rules.records import LeaderDraft, ManagerDraft
from game.scenario.types import Scenario

HANDS_OFF_ACTIVITY = 0.1  # below this on both halves a round (or a game) is hands-off
SCHEDULE_WEIGHT, BUDGET_WEIGHT, CONTROLS_WEIGHT = 0.5, 0.35, 0.15
FULL_SCHEDULE_CHANGE = 0.3   # capacity moved per team (shares, summed) that counts in full
FULL_BUDGET_CHANGE = 0.2     # share of the money moved that counts in full
FIT_LOW, FIT_HIGH, OVERLOAD_SPAN = 0.75, 1.0, 0.5  # a team's load that fits the work
REPEAT_WORTH = 0.5           # an action taken two rounds running meets half a need
PROFILES: tuple[str, ...] = ("leader-heavy", "balanced", "manager-heavy", "hands-off")


@dataclass(frozen=True)
class Activity:
    """What the player did in a round, each 0..1, against leaving things as they were."""

    lead: float
    manage: float

    @property
    def hands_off(self) -> bool:
        return max(self.lead, self.manage) < HANDS_OFF_ACTIVITY

    @property
    def share(self) -> float:
        """0..1: how much of the round's activity was leadership (0.5 when there was none;
        read `hands_off` first: such a round has no share to show)."""
        total = self.lead + self.manage
        return 0.5 if total <= 0 else self.lead / total

    @property
    def level(self) -> float:
        """How much was done at all: the larger of the two halves."""
        return max(self.lead, self.manage)


def _moved(schedule: Mapping[str, Mapping[str, float]],
           offered: Mapping[str, Mapping[str, float]]) -> float:
    """Capacity moved away from an offered plan: the shares changed, summed over cells."""
    return sum(abs(schedule.get(t, {}).get(p, 0.0) - s)
               for t, row in offered.items() for p, s in row.items())


def load_fit(load: float) -> float:
    """0..1: how well one team's load fits its capacity (1 between 75% and 100%)."""
    if load < FIT_LOW:
        return max(load, 0.0) / FIT_LOW
    if load <= FIT_HIGH:
        return 1.0
    return max(0.0, 1.0 - (load - FIT_HIGH) / OVERLOAD_SPAN)


def schedule_change(scenario: Scenario, manager: ManagerDraft) -> float:
    """0..1: how much of the schedule the player rebuilt, weighed by how well it fits."""
    teams = [t.id for t in scenario.organization.teams]
    moved = min(_moved(manager.schedule, naive_schedule(scenario)),
                _moved(manager.schedule, starting_schedule(scenario)))
    changed = min(1.0, moved / (FULL_SCHEDULE_CHANGE * len(teams)))
    loads = manager.team_load
    fit = sum(load_fit(loads.get(t, 0.0)) for t in teams) / len(teams)
    return changed * (0.5 + 0.5 * fit)


def budget_change(scenario: Scenario, manager: ManagerDraft) -> float:
    """0..1: the share of the money moved away from the split a game starts from (offered in
    round 1 against that round's budget, and kept in the same proportions since)."""
    default = starting_budget(scenario)
    scale = manager.budget_total / max(scenario.budget.scheduled(1), 1e-9)
    moved = sum(abs(manager.budget.get(c, 0.0) - v * scale) for c, v in default.items()) / 2.0
    if moved < 1e-6 * max(manager.budget_total, 1.0):   # the same split, rescaled: nothing moved
        return 0.0
    return min(1.0, moved / max(FULL_BUDGET_CHANGE * manager.budget_total, 1e-9))


def matched(scenario: Scenario, leader: LeaderDraft, round_no: int,
            before: LeaderDraft | None) -> float:
    """0..1: the share of the energy spent that meets a need the round has. Coaching a team
    that has not arrived yet meets none; an action also taken the round before meets half
    (people get used to it: the model's habituation)."""
    arrives = {t.id: t.arrives for t in scenario.organization.teams}
    last = {(a.action, a.team) for a in before.actions} if before is not None else set()
    repeated = {a.action for a in before.actions} if before is not None else set()
    spent = useful = 0.0
    for act in leader.actions:
        cost = float(LEADER_ACTIONS[act.action].cost)
        spent += cost
        if act.team is not None and arrives.get(act.team, 1) > round_no:
            continue
        useful += cost * (REPEAT_WORTH if (act.action, act.team) in last
                          or (act.team is None and act.action in repeated) else 1.0)
    return 1.0 if spent <= 0 else useful / spent


def activity(scenario: Scenario, leader: LeaderDraft, manager: ManagerDraft,
             chose_vision: bool, round_no: int = 1, before: LeaderDraft | None = None
             ) -> Activity:
    """A round's leading and managing. `chose_vision`: the vision in force is one the
    player set, not the one the organisation started with; `before`: the leader's draft
    of the round before (None in the first)."""
    spent = (leader.energy_total - leader.energy_left) / max(leader.energy_total, 1)
    spent *= matched(scenario, leader, round_no, before)
    lead = 0.6 * spent + 0.4 * float(chose_vision and leader.vision is not None)
    controls = float(manager.reviews or manager.overtime > 0)
    manage = (SCHEDULE_WEIGHT * schedule_change(scenario, manager)
              + BUDGET_WEIGHT * budget_change(scenario, manager) + CONTROLS_WEIGHT * controls)
    return Activity(min(lead, 1.0), min(manage, 1.0))


def leader_share(scenario: Scenario, leader: LeaderDraft, manager: ManagerDraft,
                 chose_vision: bool, round_no: int = 1, before: LeaderDraft | None = None
                 ) -> float | None:
    """The leader share a scenario's `leader_share` condition reads: None in a hands-off
    round, where no profile condition holds."""
    done = activity(scenario, leader, manager, chose_vision, round_no, before)
    return None if done.hands_off else done.share


@dataclass(frozen=True)
class GameProfile:
    """A whole game's profile from its rounds' `lead` and `manage`."""

    lead: float          # mean over the rounds
    manage: float
    name: str            # one of PROFILES

    @property
    def share(self) -> float | None:
        """The leader share of the game; None for a hands-off game (it has none)."""
        if self.name == "hands-off":
            return None
        return self.lead / (self.lead + self.manage)


def game_profile(leads: Sequence[float], manages: Sequence[float]) -> GameProfile:
    """The profile of a game (or of the rounds played so far)."""
    if not leads:
        return GameProfile(0.0, 0.0, "hands-off")
    lead, manage = sum(leads) / len(leads), sum(manages) / len(manages)
    if max(lead, manage) < HANDS_OFF_ACTIVITY:
        return GameProfile(lead, manage, "hands-off")
    return GameProfile(lead, manage, profile_name(lead / (lead + manage)))


def profile_name(share: float, level: float = 1.0) -> str:
    """The profile of a round or a game: hands-off when the player hardly did anything."""
    if level < HANDS_OFF_ACTIVITY:
        return "hands-off"
    if share > 0.65:
        return "leader-heavy"
    if share < 0.35:
        return "manager-heavy"
    return "balanced"


def profile_words(profile: str, lead: float, manage: float, share: float) -> str:
    """A game's profile in one line for the command line: 'balanced (52% leadership; led
    97%, managed 89%)'; a hands-off game has no leadership share to give."""
    done = f"led {lead:.0%}, managed {manage:.0%}"
    if profile == "hands-off":
        return f"hands-off ({done})"
    return f"{profile} ({share:.0%} leadership; {done})"
