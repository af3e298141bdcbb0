"""The title screen."""

from __future__ import annotations

import pygame

from game.ui.screens.base import Screen
from game.ui.widgets import icons, text

MENU = (("solo", "[P] Play solo", "p"), ("hotseat", "[H] Hot-seat: two players", "h"),
        ("settings", "[S] Settings", "s"), ("quit", "[Q] Quit", "q"))


class TitleScreen(Screen):
    kind = "title"

    def build(self) -> None:
        w = max(self.button_width(label) for _, label, _ in MENU)
        w = max(w, self.s(320))
        y = self.H // 2 + self.s(10)
        for name, label, _ in MENU:
            rect = pygame.Rect(0, 0, w, self.s(48))
            rect.midtop = (self.W // 2, y)
            self.button(name, label, rect, "@primary" if name == "solo" else "")
            y += self.s(60)
        self.focus = self.focus or "solo"

    def on_click(self, name: str) -> None:
        from game.ui.screens.picker import PickerScreen
        from game.ui.screens.settings_screen import SettingsScreen

        if name == "solo":
            from game.ui.screens.name import NameScreen

            self.app.settings.hotseat = False
            self.app.push(NameScreen(self.app))
        elif name == "hotseat":
            self.app.settings.hotseat = True
            self.app.push(PickerScreen(self.app))
        elif name == "settings":
            self.app.push(SettingsScreen(self.app))
        elif name == "quit":
            self.app.running = False

    def on_char(self, char: str) -> None:
        for name, _, key in MENU:
            if char == key:
                self.on_click(name)

    def on_commit(self) -> None:
        self.on_click(self.focus or "solo")

    def on_back(self) -> None:
        self.app.running = False

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        cx, top = self.W // 2, self.H // 2 - self.s(250)
        icons.sail(surface, (cx - self.s(40), top + self.s(50)), self.s(42), self.col("leader"))
        icons.keel(surface, (cx + self.s(46), top + self.s(50)), self.s(42), self.col("manager"))
        text.draw(surface, "Sail & Keel", self.font("display", True), self.col("ink"),
                  (cx, top + self.s(110)), "midtop")
        text.draw(surface, "Lead with vision. Manage with care. Win with both.",
                  self.font("h3"), self.col("ink_soft"), (cx, top + self.s(176)), "midtop")
        keys = ("Tab / arrows move · Space or Enter presses · Ctrl+Enter commits a phase · "
                "Ctrl+Z undoes · Esc goes back · F11 full screen")
        text.draw(surface, keys, self.font("small"), self.col("ink_faint"),
                  (cx, self.H - self.s(24)), "midbottom", width=self.W - self.s(40))
