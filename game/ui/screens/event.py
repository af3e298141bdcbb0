"""An event dialog: the situation and its choices."""

from __future__ import annotations

import pygame

from game.rules.decisions import ChooseOption
from game.ui.screens.base import Screen
from game.ui.widgets import chrome, icons, text


class EventScreen(Screen):
    kind = "event"
    tip_topics = ("event",)

    def tip_anchor(self, topic: str) -> pygame.Rect | None:
        return self.widgets_rect("choice:")

    @property
    def event(self):  # type: ignore[no-untyped-def]
        return self.app.session.pending_event.event

    def card(self) -> pygame.Rect:
        top = chrome.header_height(self) + self.s(24)
        w = min(self.W - self.s(80), self.s(960))
        return pygame.Rect((self.W - w) // 2, top, w, self.H - top - self.s(24))

    def build(self) -> None:
        card = self.card()
        choices = self.event.choices
        closed = getattr(self.app.session.pending_event, "closed", ()) or ("",) * len(choices)
        h = self.s(50)
        y = card.bottom - self.s(24) - len(choices) * (h + self.s(10))
        for i, ch in enumerate(choices):
            label = f"[{i + 1}] {ch.label}" + (f" — {closed[i]}" if closed[i] else "")
            button = self.button(f"choice:{i}", label, pygame.Rect(
                card.left + self.s(28), y, card.width - self.s(56), h), "@choice",
                focusable=not closed[i], tooltip=closed[i] or None)
            if closed[i]:
                button.disable()  # greyed: shown with its reason, cannot be chosen
            y += h + self.s(10)
        first_open = next((i for i, why in enumerate(closed) if not why), 0)
        self.focus = self.focus or f"choice:{first_open}"

    def choose(self, index: int) -> None:
        if self.app.apply(ChooseOption(index)):
            self.app.advance()

    def on_click(self, name: str) -> None:
        if name.startswith("choice:"):
            self.choose(int(name[7:]))

    def on_char(self, char: str) -> None:
        if char.isdigit() and 1 <= int(char) <= len(self.event.choices):
            self.choose(int(char) - 1)

    def on_commit(self) -> None:
        if self.focus and self.focus.startswith("choice:"):
            self.on_click(self.focus)

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        chrome.header(self, surface, self.app.scenario.title)
        card = self.card()
        pygame.draw.rect(surface, self.col("panel"), card, border_radius=self.s(10))
        pygame.draw.rect(surface, self.col("warn"), card, self.s(3), border_radius=self.s(10))
        icons.triangle(surface, (card.left + self.s(42), card.top + self.s(44)), self.s(16),
                       self.col("warn"), up=True)
        text.draw(surface, "Event", self.font("small", True), self.col("warn"),
                  (card.left + self.s(70), card.top + self.s(20)))
        text.draw(surface, self.event.title, self.font("h1", True), self.col("ink"),
                  (card.left + self.s(70), card.top + self.s(36)), width=card.width - self.s(100))
        first_button = card.bottom - self.s(24) - len(self.event.choices) * self.s(60)
        body = pygame.Rect(card.left + self.s(28), card.top + self.s(96), card.width - self.s(56),
                           first_button - card.top - self.s(110))
        text.paragraph(surface, self.event.text, self.font("h3"), self.col("ink"), body)
