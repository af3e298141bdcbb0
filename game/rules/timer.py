"""The facilitator's timer: what a phase it commits leaves unspent, in words for the report."""

from __future__ import annotations

from game.rules.records import LeaderDraft, ManagerDraft, Phase


def left_by_timer(phase: Phase, leader: LeaderDraft, manager: ManagerDraft) -> list[str]:
    """One line if the timer ends `phase` with energy or budget unspent, else none."""
    if phase is Phase.LEADER and leader.energy_left > 0:
        return [f"The timer ended the leader phase with {leader.energy_left} of "
                f"{leader.energy_total} energy unspent"]
    if phase is Phase.MANAGER and manager.budget_left >= 0.5:
        return [f"The timer ended the manager phase with {manager.budget_left:.0f} of "
                f"{manager.budget_total:.0f} budget unspent"]
    return []
