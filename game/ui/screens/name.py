"""Who is playing? Solo players give a name once; it is remembered for the next game and
names their saves and play history."""

from __future__ import annotations

import pygame

from game.ui import prefs
from game.ui.input import EnterText
from game.ui.screens.base import Screen
from game.ui.widgets import text

DEFAULT = "Player 1"
MAX_LEN = 40


class NameScreen(Screen):
    kind = "name"

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        given = app.settings.players[0]
        self.name = given if given != DEFAULT else prefs.load().player

    def card(self) -> pygame.Rect:
        w = min(self.W - self.s(80), self.s(640))
        rect = pygame.Rect(0, 0, w, self.s(250))
        rect.center = (self.W // 2, self.H // 2)
        return rect

    def build(self) -> None:
        card = self.card()
        field = self.entry("name:field", self.name, pygame.Rect(
            card.left + self.s(28), card.top + self.s(110), card.width - self.s(56), self.s(46)))
        field.set_text_length_limit(MAX_LEN)  # type: ignore[attr-defined]
        self.app.manager.set_focus_set(field)
        y = card.bottom - self.s(66)
        label = "[Enter] Continue"
        w = self.button_width(label, 160)
        self.button("go", label, pygame.Rect(card.right - self.s(28) - w, y, w, self.s(44)),
                    "@primary")
        self.button("back", "[Esc] Back", pygame.Rect(card.left + self.s(28), y,
                                                      self.button_width("[Esc] Back", 120),
                                                      self.s(44)))

    def typed(self) -> str:
        field = self.widgets.get("name:field")
        return field.get_text() if field is not None else self.name  # type: ignore[attr-defined]

    def go(self, name: str) -> None:
        from game.ui.screens.picker import PickerScreen

        name = " ".join(name.split())[:MAX_LEN] or DEFAULT
        self.app.settings.players = (name, self.app.settings.players[1])
        if name != DEFAULT:
            remembered = prefs.load()
            if remembered.player != name:
                remembered.player = name
                prefs.save(remembered)
        self.app.replace(PickerScreen(self.app))

    def on_other(self, intent: object) -> None:
        if isinstance(intent, EnterText) and intent.name == "name:field":
            self.go(intent.text)

    def on_click(self, name: str) -> None:
        if name == "go":
            self.go(self.typed())
        elif name == "back":
            self.app.pop()

    def on_commit(self) -> None:
        self.go(self.typed())

    def on_back(self) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        card = self.card()
        inner = self.panel(surface, card)
        text.draw(surface, "Who is playing?", self.font("h2", True), self.col("ink"),
                  inner.topleft, width=inner.width)
        text.paragraph(surface, "Your name goes on your saves and your play history; it is "
                       "remembered for next time.", self.font("body"), self.col("ink_soft"),
                       pygame.Rect(inner.left, inner.top + self.s(40), inner.width, self.s(50)),
                       max_lines=2)
