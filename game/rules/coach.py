"""The coach: a round's leader/manager balance, and a remark that explains it.

The coach reads the round's record (drivers, decisions) and never recomputes the model.
It blames only a driver that took something away this round and praises only one that
added something; the catch-up of earlier rounds and the 0..100 limits are not causes,
so it names neither.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.model.metrics import CATCH_UP, LEAVING, LIMITS
from game.model.step import MISFIT, NEGLECT, PRESSURE, UNCLEAR
from game.rules.plans import naive_schedule, starting_budget, starting_schedule
from game.rules.records import LeaderDraft, ManagerDraft, RoundRecord
from game.scenario.types import Scenario

HIDDEN = " (hidden until you listen)"  # marks a driver whose cause the player cannot see
NOT_CAUSES = frozenset({CATCH_UP, LIMITS})
HANDS_OFF_ACTIVITY = 0.1  # below this mean activity a game is hands-off

ADVICE: dict[str, str] = {
    "Missed deadlines": "Put capacity on what is due next, and keep a reserve for surprises.",
    "Progress against plan": "Work is behind plan: focus team capacity on the projects due soonest.",
    "Deadlines kept": "Every missed date stays on the record: bring the next ones in on time.",
    "Quality": "Quality slips with pressure and fatigue; reviews and process bring it back.",
    "Risk events": "A reserve in the budget absorbs shocks; process and calm lower the risk.",
    PRESSURE:
        "Overtime and over-full schedules buy capacity now and cost morale, quality and rest.",
    "Fatigue": "People are tired: leave slack in the schedule and fund wellbeing.",
    "Cynicism (ambition beyond capacity)":
        "The vision outruns what the teams can do: resource it, or choose a humbler one.",
    NEGLECT: "People notice when nobody leads: spend energy on them.",
    UNCLEAR: "People cannot yet see where they are going: hold one vision and it grows clear "
             "round by round; changing it or having none keeps them guessing.",
    MISFIT: "The world has moved on from this vision: a change costs clarity once; keeping it "
            "costs every round.",
    "Creativity": "Creativity is fading: slack time, trust and a challenge to the status quo feed it.",
    "Idea pipeline": "Ideas are drying up: fund innovation and leave people some slack.",
    "Innovation work shipped": "Ideas do not ship themselves: schedule a team onto innovation work.",
    LEAVING: "People left: recognition and a lighter load keep them.",
    "Performance reviews": "Reviews steady delivery but wear on morale and creativity if run every round.",
}
PRAISE: dict[str, str] = {
    "Vision": "a clear, ambitious vision",
    "Recognition": "recognition for real work",
    "Town hall": "the town hall",
    "Coaching": "coaching",
    "Celebration": "celebrating a win",
    "Work shipped": "shipping work",
    "Projects shipped": "shipping projects",
    "Wellbeing budget": "the wellbeing budget",
    "Progress against plan": "progress against plan",
    "Innovation work shipped": "innovation work shipping",
    "Ideas launched": "launching ideas",
    "Creativity": "creative people",
}


@dataclass(frozen=True)
class Activity:
    """What the player did in a round, each 0..1, against leaving things as they were."""

    lead: float     # energy spent, and a vision the player chose (an inherited one is not)
    manage: float   # budget, schedule, and reviews or overtime set away from the starting plan

    @property
    def share(self) -> float:
        """0..1: how much of the round's activity was leadership (0.5 when there was none)."""
        total = self.lead + self.manage
        return 0.5 if total <= 0 else self.lead / total

    @property
    def level(self) -> float:
        return (self.lead + self.manage) / 2.0


def activity(scenario: Scenario, leader: LeaderDraft, manager: ManagerDraft,
             chose_vision: bool) -> Activity:
    """A round's leadership and management activity. `chose_vision`: the vision in force is
    one the player set, not the one the organisation started with."""
    spent = (leader.energy_total - leader.energy_left) / max(leader.energy_total, 1)
    lead = 0.6 * spent + 0.4 * (chose_vision and leader.vision is not None)
    default = starting_budget(scenario)
    tolerance = 0.01 * scenario.budget.per_round
    budget_set = any(abs(manager.budget.get(c, 0.0) - v) > tolerance for c, v in default.items())
    # keeping the plan a game starts from (or the old even spread) is not managing
    schedule_set = all(any(abs(manager.schedule[t].get(p, 0.0) - s) > 1e-6
                           for t, row in offered.items() for p, s in row.items())
                       for offered in (naive_schedule(scenario), starting_schedule(scenario)))
    manage = (budget_set + schedule_set + (manager.reviews or manager.overtime > 0)) / 3.0
    return Activity(lead, manage)


def leader_share(scenario: Scenario, leader: LeaderDraft, manager: ManagerDraft,
                 chose_vision: bool) -> float | None:
    """The leader share a scenario's `leader_share` condition reads: None in a hands-off
    round, where no profile condition holds."""
    done = activity(scenario, leader, manager, chose_vision)
    return None if done.level < HANDS_OFF_ACTIVITY else done.share


def profile_name(share: float, level: float = 1.0) -> str:
    """The profile of a round or a game: hands-off when the player hardly did anything."""
    if level < HANDS_OFF_ACTIVITY:
        return "hands-off"
    if share > 0.65:
        return "leader-heavy"
    if share < 0.35:
        return "manager-heavy"
    return "balanced"


def _cause(label: str) -> str:
    return label.removesuffix(HIDDEN)


Named = tuple[str, str, float]  # (metric, driver label, contribution)


def verdict(record: RoundRecord, threshold: float = 0.5) -> tuple[Named | None, Named | None]:
    """The driver the coach praises and the one it blames: the largest gain and the largest
    loss among causes, each only when it exceeds `threshold` points."""
    causes = [(metric, label, value) for metric, drivers in record.drivers.items()
              for label, value in drivers if _cause(label) not in NOT_CAUSES]
    best = max(causes, key=lambda d: d[2], default=None)
    worst = min(causes, key=lambda d: d[2], default=None)
    return (best if best is not None and best[2] > threshold else None,
            worst if worst is not None and worst[2] < -threshold else None)


def coach_remark(scenario: Scenario, record: RoundRecord, history: list[RoundRecord]) -> str:
    profile = profile_name(record.leader_share, record.activity)
    period = scenario.round_label.lower()
    lines = [{
        "hands-off": f"You left everything as it was this {period}: no energy spent, no plan "
                     f"changed. The organisation ran on habit.",
        "leader-heavy": f"You led far more than you managed this {period} "
                        f"({record.leader_share:.0%} leadership).",
        "manager-heavy": f"You managed far more than you led this {period} "
                         f"({1 - record.leader_share:.0%} management).",
        "balanced": f"A balanced {period}: "
                    f"{record.leader_share:.0%} leadership, {1 - record.leader_share:.0%} management.",
    }[profile]]
    best, worst = verdict(record)
    if best is not None and profile != "hands-off":  # doing nothing is never praised
        why = PRAISE.get(_cause(best[1]), best[1].lower())
        lines.append(f"{best[0].capitalize()} gained most from {why} ({best[2]:+.1f}).")
    if worst is not None:
        lines.append(f"{worst[0].capitalize()} lost most to {worst[1].lower()} ({worst[2]:+.1f}).")
        advice = ADVICE.get(_cause(worst[1]).removeprefix("Event: "))
        if advice:
            lines.append(advice)
    if record.repaid > 0.005:
        lines.append(f"Debt took {record.repaid:.0f} of this {period}'s budget to pay it down "
                     f"(cash now {record.cash:+.0f}).")
    if record.revealed:
        lines.append(f"Listening showed fatigue at {record.gauges['fatigue']:.0f}% "
                     f"and risk at {record.gauges['risk']:.0f}%.")
    return " ".join(lines)
