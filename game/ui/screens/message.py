"""A readable message in the window: errors, scenario problems."""

from __future__ import annotations

import pygame

from game.ui.screens.base import Screen
from game.ui.widgets import icons, text


class MessageScreen(Screen):
    kind = "message"
    opaque = False

    def __init__(self, app, title: str, body: str, then_title: bool = False) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.title, self.body, self.then_title = title, body, then_title

    def card(self) -> pygame.Rect:
        rect = pygame.Rect(0, 0, min(self.W - self.s(80), self.s(900)),
                           min(self.H - self.s(80), self.s(520)))
        rect.center = (self.W // 2, self.H // 2)
        return rect

    def build(self) -> None:
        card = self.card()
        label = "[Enter] Back to title" if self.then_title else "[Enter] OK"
        w = self.button_width(label, 140)
        rect = pygame.Rect(card.right - w - self.s(24), card.bottom - self.s(66), w, self.s(44))
        self.button("ok", label, rect, "@primary")
        self.focus = "ok"

    def on_click(self, name: str) -> None:
        self.close()

    def on_commit(self) -> None:
        self.close()

    def on_back(self) -> None:
        self.close()

    def close(self) -> None:
        if self.then_title:
            from game.ui.screens.title import TitleScreen

            self.app.session = None
            self.app.set_root(TitleScreen(self.app))
        else:
            self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_backdrop(surface, 150)
        card = self.card()
        pygame.draw.rect(surface, self.col("panel"), card, border_radius=self.s(10))
        pygame.draw.rect(surface, self.col("bad"), card, self.s(3), border_radius=self.s(10))
        icons.triangle(surface, (card.left + self.s(40), card.top + self.s(42)), self.s(16),
                       self.col("bad"), up=True)
        text.draw(surface, self.title, self.font("h2", True), self.col("ink"),
                  (card.left + self.s(70), card.top + self.s(42)), "midleft",
                  width=card.width - self.s(100))
        body = pygame.Rect(card.left + self.s(28), card.top + self.s(84),
                           card.width - self.s(56), card.height - self.s(170))
        text.paragraph(surface, self.body, self.font("body"), self.col("ink"), body)
