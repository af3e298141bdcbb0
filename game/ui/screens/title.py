"""The title screen: Continue (a game in progress), solo, hot-seat, settings, quit.

Enter presses the control with the focus ring, and the ring starts on what this window was
opened for: the game in progress if there is one, hot-seat after `play --hotseat`, else solo.
"""

from __future__ import annotations

import pygame

from game.ui.screens.base import Screen
from game.ui.widgets import icons, text

MENU = (("solo", "[P] Play solo", "p"), ("hotseat", "[H] Hot-seat: two players", "h"),
        ("settings", "[S] Settings", "s"), ("quit", "[Q] Quit", "q"))
CONTINUE = ("continue", "[C] Continue the game in progress", "c")


class TitleScreen(Screen):
    kind = "title"

    def enter(self) -> None:
        self.app.autosaver.check()
        super().enter()

    def menu(self) -> tuple[tuple[str, str, str], ...]:
        return ((CONTINUE,) if self.app.autosaver.offer is not None else ()) + MENU

    def first_choice(self) -> str:
        if self.app.autosaver.offer is not None:
            return "continue"
        return "hotseat" if self.app.settings.hotseat else "solo"

    def build(self) -> None:
        menu = self.menu()
        w = max(max(self.button_width(label) for _, label, _ in menu), self.s(320))
        y = self.H // 2 + self.s(14)
        first = self.first_choice()
        for name, label, _ in menu:
            rect = pygame.Rect(0, 0, w, self.s(48))
            rect.midtop = (self.W // 2, y)
            self.button(name, label, rect, "@primary" if name == first else "")
            y += self.s(60)
        if self.focus not in self.widgets:
            self.focus = first

    def on_click(self, name: str) -> None:
        offer = self.app.autosaver.offer
        if name in ("solo", "hotseat") and offer is not None:   # it would be replaced
            from game.ui.screens.confirm import ConfirmScreen

            self.app.push(ConfirmScreen(
                self.app, "Start a new game?", f"The game in progress ({offer.describe()}) is "
                "kept until you make your first move in a new game; then the new game takes its "
                "place. Continue resumes it instead.", "Start a new game",
                lambda: self.start(name)))
            return
        self.start(name)

    def start(self, name: str) -> None:
        from game.ui.screens.picker import PickerScreen
        from game.ui.screens.settings_screen import SettingsScreen

        if name == "continue":
            self.app.autosaver.resume()
        elif name == "solo":
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
        for name, _, key in self.menu():
            if char == key:
                self.on_click(name)

    def on_commit(self) -> None:
        self.on_click(self.focus or self.first_choice())

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
        offer, problem = self.app.autosaver.offer, self.app.autosaver.problem
        button = self.widgets.get("continue")
        if offer is not None and button is not None:   # which game Continue resumes
            text.draw(surface, offer.describe(), self.font("small"), self.col("ink_soft"),
                      (cx, button.rect.top - self.s(4)), "midbottom", width=self.W - self.s(40))
        keys = ("Tab / arrows move · Space or Enter presses · Ctrl+Enter commits a phase · "
                "Ctrl+Z undoes · Esc goes back · F11 full screen")
        text.draw(surface, keys, self.font("small"), self.col("ink_faint"),
                  (cx, self.H - self.s(24)), "midbottom", width=self.W - self.s(40))
        if problem:
            f = self.font("small", True)
            rect = pygame.Rect(self.s(40), self.H - self.s(56) - 2 * f.get_linesize(),
                               self.W - self.s(80), 2 * f.get_linesize())
            icons.triangle(surface, (rect.left - self.s(14), rect.top + f.get_linesize() // 2),
                           self.s(7), self.col("bad"), up=True)
            text.paragraph(surface, problem, f, self.col("bad"), rect, max_lines=2)
