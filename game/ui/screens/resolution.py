"""The round plays out: a short, skippable animation. The outcome is already in the session;
this screen only paces its reveal."""

from __future__ import annotations

import pygame

from game.ui.screens.base import Screen
from game.ui.widgets import chrome, icons, text

DURATION = 1.6


class ResolutionScreen(Screen):
    kind = "resolution"

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.t = 0.0

    def build(self) -> None:
        chrome.footer_buttons(self, [("skip", "[Enter] Skip", "@primary")])
        self.focus = "skip"

    def update(self, dt: float) -> None:
        self.t += dt
        if self.t >= DURATION:
            self.app.advance()

    def on_click(self, name: str) -> None:
        self.app.advance()

    def on_commit(self) -> None:
        self.app.advance()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        sc = self.app.scenario
        chrome.header(self, surface, sc.title)
        done = min(1.0, self.t / DURATION)
        cx, cy = self.W // 2, self.H // 2
        text.draw(surface, f"The {sc.round_label.lower()} plays out…", self.font("h1", True),
                  self.col("ink"), (cx, cy - self.s(90)), "center")
        bar = pygame.Rect(0, 0, min(self.W - self.s(120), self.s(700)), self.s(18))
        bar.center = (cx, cy)
        pygame.draw.rect(surface, self.col("surface"), bar, border_radius=self.s(9))
        fill = bar.copy()
        fill.width = int(bar.width * done)
        pygame.draw.rect(surface, self.col("manager"), fill, border_radius=self.s(9))
        icons.sail(surface, (fill.right, bar.top - self.s(26)), self.s(18), self.col("leader"))
        stages = ("People react to the vision", "Teams work the schedule",
                  "Ideas and risks surface")
        stage = stages[min(len(stages) - 1, int(done * len(stages)))]
        text.draw(surface, stage, self.font("h3"), self.col("ink_soft"), (cx, cy + self.s(50)),
                  "center")
        chrome.footer(self, surface, f"{done * 100:.0f}%")
