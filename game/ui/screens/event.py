"""An event dialog: the situation and its choices."""

from __future__ import annotations

import pygame

from game.rules.decisions import ChooseOption
from game.rules.events import touched
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
        """As tall as the text and the choices need, not the whole window."""
        top = chrome.header_height(self) + self.s(24)
        w = min(self.W - self.s(80), self.s(960))
        body = text.height_of(self.event.text, self.font("h3"), w - self.s(56))
        need = self.s(96 + 16 + 24) + body + sum(self.row_heights(w)) + \
            len(self.event.choices) * self.s(10)
        return pygame.Rect((self.W - w) // 2, top, w, min(self.H - top - self.s(24),
                                                            max(need, self.s(300))))

    def effects_width(self, card_width: int | None = None) -> int:
        return int((card_width or self.card().width) * 0.34)

    def row_heights(self, card_width: int) -> list[int]:
        """Each choice's row: a button, taller when what it touches needs more lines."""
        fs = self.font("small", True)
        width = self.effects_width(card_width)
        return [max(self.s(50), len(text.wrap(touched(ch, self.app.scenario), fs, width))
                    * fs.get_linesize() + self.s(8)) for ch in self.event.choices]

    def build(self) -> None:
        card = self.card()
        choices = self.event.choices
        closed = getattr(self.app.session.pending_event, "closed", ()) or ("",) * len(choices)
        heights = self.row_heights(card.width)
        y = card.bottom - self.s(24) - sum(heights) - len(choices) * self.s(10)
        width = card.width - self.s(56) - self.effects_width() - self.s(12)
        for i, (ch, h) in enumerate(zip(choices, heights, strict=True)):
            label = f"[{i + 1}] {ch.label}" + (f" — {closed[i]}" if closed[i] else "")
            button = self.button(f"choice:{i}", label, pygame.Rect(
                card.left + self.s(28), y, width, h), "@choice",
                focusable=not closed[i], tooltip=closed[i] or ch.label)
            if closed[i]:
                button.disable()  # greyed: shown with its reason, cannot be chosen
            y += h + self.s(10)
        # No choice has the focus when the event appears: Enter, pressed out of habit from
        # the screens before, answers nothing. A number key, a click, or Tab then Enter does.

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
        else:
            self.app.say(f"Choose with a number key (1 to {len(self.event.choices)}), a click, "
                         "or Tab to a choice and Enter.")

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        chrome.header(self, surface, self.app.scenario.title)
        card = self.card()
        pygame.draw.rect(surface, self.col("panel"), card, border_radius=self.s(10))
        pygame.draw.rect(surface, self.col("warn"), card, self.s(3), border_radius=self.s(10))
        icons.triangle(surface, (card.left + self.s(42), card.top + self.s(44)), self.s(16),
                       self.col("warn"), up=True)
        tag = text.draw(surface, "Event", self.font("small", True), self.col("warn"),
                        (card.left + self.s(70), card.top + self.s(14)))
        text.draw(surface, self.event.title, self.font("h1", True), self.col("ink"),
                  (card.left + self.s(70), tag.bottom), width=card.width - self.s(100))
        first_button = card.bottom - self.s(24) - sum(self.row_heights(card.width)) - \
            len(self.event.choices) * self.s(10)
        body = pygame.Rect(card.left + self.s(28), card.top + self.s(96), card.width - self.s(56),
                           first_button - card.top - self.s(110))
        text.paragraph(surface, self.event.text, self.font("h3"), self.col("ink"), body)
        fs = self.font("small", True)
        for i, ch in enumerate(self.event.choices):
            button = self.widgets.get(f"choice:{i}")
            if button is None:
                continue
            x, right = button.rect.right + self.s(12), card.right - self.s(28)
            words = touched(ch, self.app.scenario)
            lines = len(text.wrap(words, fs, right - x))
            top = button.rect.centery - lines * fs.get_linesize() // 2
            text.paragraph(surface, words, fs, self.col("ink"),
                           pygame.Rect(x, top, right - x, lines * fs.get_linesize()))
        hint, colour = ("What each choice touches: + raises, − lowers (amounts show in the "
                        "report)", "ink_soft")
        if self.app.toast_time > 0:   # no footer here: a refused Enter is said on the card
            hint, colour = self.app.toast, "ink" if self.app.toast_good else "bad"
        text.draw(surface, hint, self.font("small", self.app.toast_time > 0), self.col(colour),
                  (card.left + self.s(28), card.bottom - self.s(20)), width=card.width - self.s(56))

