"""Are you sure? An overlay that asks before something is lost or committed half-done.

The focus ring starts on the safe choice (Cancel), so Enter pressed out of habit loses
nothing; the other choice takes its own key (Y), a click, or Tab then Enter."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.screens.base import Screen
from game.ui.widgets import icons, text


class ConfirmScreen(Screen):
    kind = "confirm"
    opaque = False

    def __init__(self, app, title: str, body: str, yes: str,  # type: ignore[no-untyped-def]
                 on_yes: Callable[[], None], no: str = "Cancel") -> None:
        super().__init__(app)
        self.title, self.body, self.on_yes = title, body, on_yes
        self.yes_label, self.no_label = f"[Y] {yes}", f"[Esc] {no}"

    def card(self) -> pygame.Rect:
        w = min(self.W - self.s(80), self.s(760))
        body_h = text.height_of(self.body, self.font("body"), w - self.s(56))
        h = min(self.H - self.s(80), self.s(84 + 40 + 80) + body_h)
        rect = pygame.Rect(0, 0, w, h)
        rect.center = (self.W // 2, self.H // 2)
        return rect

    def build(self) -> None:
        card = self.card()
        bh = self.s(44)
        y = card.bottom - self.s(22) - bh
        yes_w = self.button_width(self.yes_label, 160)
        no_w = self.button_width(self.no_label, 140)
        if yes_w + no_w + self.s(12) > card.width - self.s(56):   # narrow: share the row
            yes_w = no_w = (card.width - self.s(56) - self.s(12)) // 2
        yes = pygame.Rect(card.right - self.s(28) - yes_w, y, yes_w, bh)
        self.button("no", self.no_label, pygame.Rect(yes.left - self.s(12) - no_w, y, no_w, bh))
        self.button("yes", self.yes_label, yes, "@primary")
        self.focus = self.focus or "no"

    def on_click(self, name: str) -> None:
        self.app.pop()
        if name == "yes":
            self.on_yes()

    def on_char(self, char: str) -> None:
        if char == "y":
            self.on_click("yes")
        elif char == "n":
            self.on_click("no")

    def on_commit(self) -> None:
        self.on_click("yes")

    def on_back(self) -> None:
        self.on_click("no")

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_backdrop(surface, 150)
        card = self.card()
        pygame.draw.rect(surface, self.col("panel"), card, border_radius=self.s(10))
        pygame.draw.rect(surface, self.col("warn"), card, self.s(3), border_radius=self.s(10))
        icons.triangle(surface, (card.left + self.s(40), card.top + self.s(42)), self.s(16),
                       self.col("warn"), up=True)
        text.draw(surface, self.title, self.font("h2", True), self.col("ink"),
                  (card.left + self.s(70), card.top + self.s(42)), "midleft",
                  width=card.width - self.s(100))
        body = pygame.Rect(card.left + self.s(28), card.top + self.s(84),
                           card.width - self.s(56), card.height - self.s(84 + 80))
        text.paragraph(surface, self.body, self.font("body"), self.col("ink"), body)
