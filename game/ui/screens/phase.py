"""Shared by the leader and manager phases: the facilitator's countdown and the commit."""

from __future__ import annotations

from game.rules.decisions import EndPhase
from game.ui.screens.base import Screen


class PhaseScreen(Screen):
    phase = ""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.time_left: float | None = float(app.settings.timer) if app.settings.timer else None

    def update(self, dt: float) -> None:
        if self.time_left is None:
            return
        self.time_left -= dt
        if self.time_left <= 0:
            self.time_left = 0.0
            self.app.say("Time is up: the phase was committed with the choices made so far.")
            self.commit()

    def commit(self) -> None:
        if self.app.phase() != self.phase:
            return
        if self.app.apply(EndPhase()):
            self.after_commit()

    def after_commit(self) -> None:
        self.app.advance()

    def on_commit(self) -> None:
        self.commit()
