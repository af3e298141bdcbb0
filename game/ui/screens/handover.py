"""Hot-seat hand-over: names who plays the next phase, hides the screen until they are ready."""

from __future__ import annotations

import pygame

from game.ui.screens.base import Screen
from game.ui.widgets import icons, text


class HandoverScreen(Screen):
    kind = "handover"

    def __init__(self, app, phase: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.phase = phase
        leader, manager = app.settings.players
        self.player = leader if phase == "LEADER" else manager
        self.role = "leader" if phase == "LEADER" else "manager"

    def build(self) -> None:
        label = f"[Enter] I am {self.player}: start"
        w = self.button_width(label, 300)
        rect = pygame.Rect(0, 0, w, self.s(52))
        rect.midtop = (self.W // 2, self.H // 2 + self.s(90))
        self.button("ready", label, rect)   # light on the phase colour, so it reads as a button
        self.focus = "ready"

    def on_click(self, name: str) -> None:
        self.on_commit()

    def on_commit(self) -> None:
        self.app.advance(hand_over=False)

    def draw(self, surface: pygame.Surface) -> None:
        colour = self.col(self.role)
        surface.fill(colour)
        white = self.col("on_accent")
        glyph = icons.sail if self.role == "leader" else icons.keel
        cx, cy = self.W // 2, self.H // 2
        glyph(surface, (cx, cy - self.s(150)), self.s(48), white)
        sc = self.app.scenario
        text.draw(surface, f"{sc.round_label} {self.app.session.round} · {self.role} phase",
                  self.font("h2"), white, (cx, cy - self.s(80)), "center")
        text.draw(surface, f"Pass the keyboard to {self.player}", self.font("h1", True), white,
                  (cx, cy - self.s(20)), "center", width=self.W - self.s(60))
        text.draw(surface, f"{self.player} plays the {self.role}. The other player looks away.",
                  self.font("h3"), white, (cx, cy + self.s(36)), "center",
                  width=self.W - self.s(60))
