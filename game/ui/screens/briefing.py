"""The briefing: what the scenario is about, before round 1."""

from __future__ import annotations

import pygame

from game.ui.screens.base import Screen
from game.ui.widgets import chrome, icons, text


class BriefingScreen(Screen):
    kind = "briefing"
    tip_topics = ("briefing",)

    def card(self) -> pygame.Rect:
        """As tall as the briefing needs (at most the room there is), not an empty card."""
        top = chrome.header_height(self) + self.s(24)
        w = min(self.W - self.s(64), self.s(1000))
        room = self.H - top - chrome.footer_height(self) - self.s(24)
        sc = self.app.scenario
        inner_w = w - self.s(24)
        body = text.height_of(sc.briefing or sc.summary, self.font("h3"), inner_w)
        col_w = (inner_w - self.s(24)) // 2
        objectives = sum(min(2, len(text.wrap(f"•  {o}", self.font("body"), col_w)))
                         * self.font("body").get_linesize() + self.s(4) for o in sc.objectives[:5])
        columns = max(self.s(34) + 3 * self.s(52), self.s(34) + objectives)
        need = self.s(20 + 50) + body + self.s(16) + columns
        return pygame.Rect((self.W - w) // 2, top, w, min(room, need))

    def tip_anchor(self, topic: str) -> pygame.Rect | None:
        return self.widgets_rect("begin")  # "read this, then begin": it sits in the free space

    def build(self) -> None:
        chrome.footer_buttons(self, [("begin", "[Enter] Begin", "@primary")])
        self.focus = "begin"

    def on_click(self, name: str) -> None:
        self.on_commit()

    def on_commit(self) -> None:
        self.app.advance()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        sc = self.app.scenario
        chrome.header(self, surface, sc.title)
        r = self.card()
        inner = self.panel(surface, r)
        text.draw(surface, "Briefing", self.font("h1", True), self.col("ink"), inner.topleft)
        y = inner.top + self.s(50)
        body = sc.briefing or sc.summary
        room = inner.bottom - y - self.s(34 + 3 * 52 + 16)   # leave room for the columns below
        y += text.paragraph(surface, body, self.font("h3"), self.col("ink"),
                            pygame.Rect(inner.left, y, inner.width, max(self.s(60), room)))
        y += self.s(16)
        col_w = (inner.width - self.s(24)) // 2
        text.draw(surface, "How a round works", self.font("h3", True), self.col("ink"),
                  (inner.left, y))
        steps = [("leader", icons.sail, "Leader: set the vision, spend energy inspiring people."),
                 ("manager", icons.keel, "Manager: split the budget, schedule teams onto work."),
                 ("ink_soft", icons.clock, "The round plays out; the report explains why.")]
        yy = y + self.s(34)
        for colour, glyph, line in steps:
            glyph(surface, (inner.left + self.s(12), yy + self.s(11)), self.s(10),
                  self.col(colour))
            used = text.paragraph(surface, line, self.font("body"), self.col("ink"),
                                  pygame.Rect(inner.left + self.s(32), yy, col_w - self.s(32),
                                              self.s(44)), max_lines=2)
            yy += used + self.s(8)
        x2 = inner.left + col_w + self.s(24)
        text.draw(surface, "Objectives", self.font("h3", True), self.col("ink"), (x2, y))
        yy = y + self.s(34)
        for obj in sc.objectives[:5]:
            yy += text.paragraph(surface, f"•  {obj}", self.font("body"), self.col("ink"),
                                 pygame.Rect(x2, yy, col_w, self.s(44)), max_lines=2) + self.s(4)
        chrome.footer(self, surface, f"{sc.rounds} {sc.round_label.lower()}s · "
                      "Esc pauses · F5 reloads the scenario file")
