"""The coach: a round's leader/manager balance, and a remark that explains it.

The coach reads the round's record (drivers, decisions) and never recomputes the model.
"""

from __future__ import annotations

from game.model.step import MISFIT
from game.rules.plans import naive_schedule
from game.rules.records import LeaderDraft, ManagerDraft, RoundRecord
from game.scenario.types import Scenario

ADVICE: dict[str, str] = {
    "Missed deadlines": "Put capacity on what is due next, and keep a reserve for surprises.",
    "Progress against plan": "Work is behind plan: focus team capacity on the projects due soonest.",
    "Deadlines kept": "Every missed date stays on the record: bring the next ones in on time.",
    "Quality": "Quality slips with overtime and fatigue; reviews and process bring it back.",
    "Risk events": "A reserve in the budget absorbs shocks; process and calm lower the risk.",
    "Overtime": "Overtime buys capacity now and costs morale and quality later.",
    "Fatigue": "People are tired: leave slack in the schedule and fund wellbeing.",
    "Cynicism (ambition beyond capacity)":
        "The vision outruns what the teams can do: resource it, or choose a humbler one.",
    "No leadership attention": "People notice when nobody leads: spend energy on them.",
    MISFIT: "The world has moved on from this vision: a change costs clarity once; keeping it "
            "costs every round.",
    "Creativity": "Creativity is fading: slack time, trust and a challenge to the status quo feed it.",
    "Idea pipeline": "Ideas are drying up: fund innovation and leave people some slack.",
    "Innovation work shipped": "Ideas do not ship themselves: schedule a team onto innovation work.",
    "People leaving and joining": "People left: recognition and a lighter load keep them.",
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


def leader_share(scenario: Scenario, leader: LeaderDraft, manager: ManagerDraft) -> float:
    """0..1: how much of a round's play was leadership rather than management."""
    spent = (leader.energy_total - leader.energy_left) / max(leader.energy_total, 1)
    lead = 0.6 * spent + 0.4 * (leader.vision is not None)
    default = scenario.budget.default_split()
    tolerance = 0.01 * scenario.budget.per_round
    budget_set = any(abs(manager.budget.get(c, 0.0) - v) > tolerance for c, v in default.items())
    naive = naive_schedule(scenario)
    schedule_set = any(abs(manager.schedule[t].get(p, 0.0) - s) > 1e-6
                       for t, row in naive.items() for p, s in row.items())
    manage = (budget_set + schedule_set + (manager.reviews or manager.overtime > 0)) / 3.0
    if lead + manage == 0:
        return 0.5
    return lead / (lead + manage)


def profile_name(share: float) -> str:
    if share > 0.65:
        return "leader-heavy"
    if share < 0.35:
        return "manager-heavy"
    return "balanced"


def coach_remark(scenario: Scenario, record: RoundRecord, history: list[RoundRecord]) -> str:
    profile = profile_name(record.leader_share)
    lines = [{
        "leader-heavy": f"You led far more than you managed this {scenario.round_label.lower()} "
                        f"({record.leader_share:.0%} leadership).",
        "manager-heavy": f"You managed far more than you led this {scenario.round_label.lower()} "
                         f"({1 - record.leader_share:.0%} management).",
        "balanced": f"A balanced {scenario.round_label.lower()}: "
                    f"{record.leader_share:.0%} leadership, {1 - record.leader_share:.0%} management.",
    }[profile]]
    every = [(metric, label, value) for metric, drivers in record.drivers.items()
             for label, value in drivers]
    worst = min(every, key=lambda d: d[2], default=None)
    best = max(every, key=lambda d: d[2], default=None)
    if best is not None and best[2] > 0.5:
        why = PRAISE.get(best[1], best[1].lower())
        lines.append(f"{best[0].capitalize()} gained most from {why} ({best[2]:+.1f}).")
    if worst is not None and worst[2] < -0.5:
        lines.append(f"{worst[0].capitalize()} lost most to {worst[1].lower()} ({worst[2]:+.1f}).")
        advice = ADVICE.get(worst[1].removeprefix("Event: ") if worst[1].startswith("Event") else worst[1])
        if advice:
            lines.append(advice)
    if record.revealed:
        lines.append(f"Listening showed fatigue at {record.gauges['fatigue']:.0f}% "
                     f"and risk at {record.gauges['risk']:.0f}%.")
    return " ".join(lines)
