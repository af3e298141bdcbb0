"""Which screen shows the session's current phase."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.screens.base import Screen


def screen_for(app: App, hand_over: bool = True) -> Screen:
    from game.ui.screens.debrief import DebriefScreen
    from game.ui.screens.event import EventScreen
    from game.ui.screens.handover import HandoverScreen
    from game.ui.screens.leader import LeaderScreen
    from game.ui.screens.manager import ManagerScreen
    from game.ui.screens.report import ReportScreen

    phase = app.phase()
    if phase in ("LEADER", "MANAGER"):
        if app.settings.hotseat and hand_over:
            return HandoverScreen(app, phase)
        return LeaderScreen(app) if phase == "LEADER" else ManagerScreen(app)
    if phase == "EVENT":
        return EventScreen(app)
    if phase == "REPORT":
        return ReportScreen(app)
    return DebriefScreen(app)
