"""The pause overlay (Esc)."""

from __future__ import annotations

import pygame

from game.ui.screens.base import Screen
from game.ui.widgets import text

ITEMS = (("resume", "[Esc] Resume"), ("settings", "[S] Settings"),
         ("restart", "[R] Restart scenario"), ("title", "[T] Quit to title"))


class PauseScreen(Screen):
    kind = "pause"
    opaque = False

    def build(self) -> None:
        w = max(max(self.button_width(label) for _, label in ITEMS), self.s(300))
        y = self.H // 2 - self.s(100)
        for name, label in ITEMS:
            rect = pygame.Rect(0, 0, w, self.s(46))
            rect.midtop = (self.W // 2, y)
            self.button(name, label, rect, "@primary" if name == "resume" else "")
            y += self.s(58)
        self.focus = self.focus or "resume"

    def on_click(self, name: str) -> None:
        from game.ui.screens.settings_screen import SettingsScreen
        from game.ui.screens.title import TitleScreen

        if name == "resume":
            self.app.pop()
        elif name == "settings":
            self.app.push(SettingsScreen(self.app))
        elif name == "restart" and self.app.scenario_path is not None:
            path = self.app.scenario_path
            self.app.ask("Restart the scenario?", "The game starts again from the first round; "
                         "the choices made so far are lost.", "Restart",
                         lambda: self.app.start_game(path))
        elif name == "title":
            def to_title() -> None:
                self.app.session = None
                self.app.set_root(TitleScreen(self.app))

            self.app.ask("Quit to the title screen?", self.app.kept_or_lost(), "Quit to title",
                         to_title)

    def on_char(self, char: str) -> None:
        keys = {"s": "settings", "r": "restart", "t": "title"}
        if char in keys:
            self.on_click(keys[char])

    def on_commit(self) -> None:
        self.on_click(self.focus or "resume")

    def on_back(self) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_backdrop(surface)
        card = pygame.Rect(0, 0, self.s(440), self.s(80 + 58 * len(ITEMS) + 12))
        card.midtop = (self.W // 2, self.H // 2 - self.s(180))
        pygame.draw.rect(surface, self.col("panel"), card, border_radius=self.s(10))
        text.draw(surface, "Paused", self.font("h1", True), self.col("ink"),
                  (self.W // 2, card.top + self.s(16)), "midtop")
