"""Shared by the leader and manager phases: the facilitator's countdown, the commit (its own
key, Ctrl+Enter, and a question first when something is left unspent) and undo."""

from __future__ import annotations

import pygame

from game.rules.decisions import EndPhase
from game.ui.screens.base import Screen
from game.ui.widgets import handover

COMMIT_KEY = "Ctrl+Enter"
UNDO_KEY = "Ctrl+Z"


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
            self.commit(ask=False, timed_out=True)

    def draw_alerts(self, surface: pygame.Surface) -> None:
        if self.time_left is not None:
            handover.timer_banner(self, surface, self.time_left)

    def unspent(self) -> str | None:
        """What the player would leave unused by committing now, in words, or None."""
        return None

    def commit(self, ask: bool = True, timed_out: bool = False) -> None:
        if self.app.phase() != self.phase:
            return
        left = self.unspent() if ask else None
        if left is not None:
            from game.ui.screens.confirm import ConfirmScreen

            self.app.push(ConfirmScreen(self.app, "Commit with something unspent?", left,
                                        "Commit anyway", lambda: self.commit(ask=False)))
            return
        if self.app.apply(EndPhase(timed_out=timed_out)):
            self.after_commit()

    def after_commit(self) -> None:
        self.app.advance()

    def on_commit(self) -> None:
        self.commit()

    def on_enter(self) -> None:
        name = self.focused_control()
        if name is not None and not name.endswith(":field"):
            self.on_click(name)
        else:
            self.app.say(f"Enter presses the control with the ring; {COMMIT_KEY} commits the phase.")

    def can_undo(self) -> bool:
        core = self.app.core
        return core.can_undo is not None and bool(core.can_undo(self.app.session))

    def on_undo(self) -> None:
        if not self.can_undo():
            self.app.say("Nothing to undo in this phase.")
            return
        self.app.session = self.app.core.undo(self.app.session)
        self.app.say("Undone.", good=True)
        self.rebuild()

    def footer_specs(self, commit_label: str, style: str) -> list[tuple[str, str, str]]:
        specs = []
        if self.app.core.undo is not None:
            specs.append(("undo", f"[{UNDO_KEY}] Undo", ""))
        return [*specs, ("commit", f"[{COMMIT_KEY}] {commit_label}", style)]

    def refresh_undo(self) -> None:
        el = self.widgets.get("undo")
        if el is not None:
            (el.enable if self.can_undo() else el.disable)()
