"""Every cause of one metric this round, opened from the round report: each one a row that
explains itself (what it is and the lever that moves it) under the pointer and the focus."""

from __future__ import annotations

import pygame

from game.rules.reasons import explain
from game.ui.screens.base import Screen
from game.ui.theme import METRIC_LABELS
from game.ui.widgets import charts, icons, reasons, text

CLOSE = "[Esc] Back to the report"


class CausesScreen(Screen):
    kind = "causes"
    opaque = False

    def __init__(self, app, metric: str, first: str | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.metric = metric
        record = app.session.history[-1]
        self.items = reasons.biggest_first(record.drivers.get(metric, []))
        self.delta = float(record.deltas[metric])
        labels = [label for label, _ in self.items]
        self.first = labels.index(first) if first in labels else 0

    # --- layout ------------------------------------------------------------------------------
    def card(self) -> pygame.Rect:
        rect = pygame.Rect(0, 0, min(self.W - self.s(48), self.s(1000)), self.H - self.s(48))
        rect.center = (self.W // 2, self.H // 2)
        return rect

    def why_height(self) -> int:
        return 3 * self.font("body").get_linesize() + self.s(16)

    def lists(self) -> list[pygame.Rect]:
        """One rect for the rows, or two side by side when one column is too short."""
        card, row = self.card(), reasons.row_height(self)
        top = card.top + self.s(20) + self.font("h2", True).get_linesize() + \
            self.font("small").get_linesize() + self.s(14)
        bottom = card.bottom - self.s(22) - self.s(44) - self.s(12) - self.why_height()
        area = pygame.Rect(card.left + self.s(24), top, card.width - self.s(48), bottom - top)
        if len(self.items) * row <= area.height:
            return [area]
        half = (area.width - self.s(24)) // 2
        return [pygame.Rect(area.left, area.top, half, area.height),
                pygame.Rect(area.right - half, area.top, half, area.height)]

    def places(self) -> list[tuple[pygame.Rect, int]]:
        """(the column's rect, the row's top) for each item that fits, in order."""
        row, spots = reasons.row_height(self), []
        for area in self.lists():
            for i in range(area.height // row):
                spots.append((area, area.top + i * row))
        return spots[:len(self.items)]

    def build(self) -> None:
        card = self.card()
        for i, ((label, _), (area, top)) in enumerate(zip(self.items, self.places(), strict=False)):
            cols = reasons.Columns.of(self, area, 0.55)
            reasons.button(self, f"cause:{i}", label, reasons.label_rect(self, cols, area.left, top),
                           reasons.hover_text(label))
        w = self.button_width(CLOSE, 200)
        self.button("close", CLOSE, pygame.Rect(card.right - self.s(24) - w,
                                                card.bottom - self.s(22) - self.s(44), w,
                                                self.s(44)), "@primary")
        first = f"cause:{self.first}"
        if self.focus not in self.widgets:
            self.focus = first if first in self.widgets else "close"

    # --- input -------------------------------------------------------------------------------
    def on_click(self, name: str) -> None:
        if name == "close":
            self.app.pop()   # a cause pressed only takes the focus, which explains it

    def on_enter(self) -> None:
        if self.focused_control() == "close":
            self.app.pop()

    def on_commit(self) -> None:
        self.app.pop()

    def on_back(self) -> None:
        self.app.pop()

    # --- drawing -----------------------------------------------------------------------------
    def shown(self) -> str | None:
        """The cause explained at the bottom: the one under the pointer, else the focused one."""
        for name, el in self.widgets.items():
            if name.startswith("cause:") and el.hovered:
                return name
        return self.focus if (self.focus or "").startswith("cause:") else None

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_backdrop(surface, 150)
        card, pad = self.card(), self.s(24)
        pygame.draw.rect(surface, self.col("panel"), card, border_radius=self.s(10))
        pygame.draw.rect(surface, self.col(self.metric), card, self.s(3), border_radius=self.s(10))
        fh, fs = self.font("h2", True), self.font("small")
        icons.metric(surface, self.metric, (card.left + pad + self.s(10),
                                            card.top + self.s(20) + fh.get_linesize() // 2),
                     self.s(10), self.col(self.metric))
        title = (f"{METRIC_LABELS[self.metric]} {charts.signed(self.delta)} this "
                 f"{str(self.app.scenario.round_label).lower()}: every cause")
        text.draw(surface, title, fh, self.col("ink"), (card.left + pad + self.s(28),
                                                        card.top + self.s(20)),
                  width=card.width - 2 * pad - self.s(28))
        text.draw(surface, "Biggest first; together they make the change. Point at a cause or "
                  "Tab to it: what it is, and the lever that moves it.",
                  fs, self.col("ink_soft"), (card.left + pad, card.top + self.s(24) +
                                             fh.get_linesize()), width=card.width - 2 * pad)
        biggest = max((abs(v) for _, v in self.items), default=1.0)
        for (_, value), (area, top) in zip(self.items, self.places(), strict=False):
            reasons.bar(self, surface, reasons.Columns.of(self, area, 0.55), top, value, biggest)
        area = self.lists()[0]
        why = pygame.Rect(area.left, area.bottom + self.s(8), card.width - 2 * pad,
                          self.why_height() - self.s(8))
        pygame.draw.line(surface, self.col("line"), why.topleft, why.topright, 1)
        name = self.shown()
        words = (self.explanation(name) if name else
                 "No cause chosen: point at one, or press Tab.")
        text.paragraph(surface, words, self.font("body"), self.col("ink"),
                       why.inflate(0, -self.s(8)).move(0, self.s(4)), max_lines=3)

    def explanation(self, name: str) -> str:
        label = self.items[int(name.split(":")[1])][0]
        return f"{label}. {explain(label)}"
