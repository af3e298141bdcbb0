"""The reasons on the round report: each metric's drivers as rows a player can point at.

A row's label is a button (so the pointer, Tab and the arrow keys reach it, and it explains
itself on hover); the bar and the signed value beside it are drawn. The words of each
explanation come from `game.rules.reasons`, never from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from game.rules.reasons import explain
from game.ui.widgets import text
from game.ui.widgets.charts import signed

if TYPE_CHECKING:
    from game.ui.screens.base import Screen

Item = tuple[str, float]   # (label, contribution in points)


def biggest_first(items: Sequence[Item]) -> list[Item]:
    return sorted(items, key=lambda kv: -abs(kv[1]))


def split(items: Sequence[Item], rows: int) -> tuple[list[Item], list[Item]]:
    """The drivers a card shows in `rows` rows, biggest first, and the smaller rest (which
    the last row sums up and opens)."""
    items = biggest_first(items)
    if len(items) <= rows:
        return items, []
    keep = max(rows - 1, 0)
    return items[:keep], items[keep:]


def row_height(sc: Screen) -> int:
    return max(sc.font("small").get_linesize(), sc.s(20)) + sc.s(2)


@dataclass(frozen=True)
class Columns:
    """Where a row's label, bar and value go, across a rect of rows."""

    label: int    # the label's width (the button's, less a gap)
    mid: int      # x of the zero line
    half: int     # the longest bar's length
    right: int    # the value's right edge

    @classmethod
    def of(cls, sc: Screen, rect: pygame.Rect, label_share: float = 0.45) -> Columns:
        label_w = int(rect.width * label_share)
        val_w = sc.font("small", True).size("−00.0")[0] + sc.s(6)
        bar_w = rect.width - label_w - val_w - sc.s(8)
        return cls(label_w - sc.s(6), rect.left + label_w + bar_w // 2, bar_w // 2, rect.right)


def label_rect(sc: Screen, cols: Columns, left: int, top: int) -> pygame.Rect:
    return pygame.Rect(left, top + sc.s(1), cols.label, row_height(sc) - sc.s(2))


def bar(sc: Screen, surface: pygame.Surface, cols: Columns, top: int, value: float,
        biggest: float) -> None:
    """One row's diverging bar and its signed value (the label is the row's button)."""
    row = row_height(sc)
    length = int(cols.half * abs(value) / (biggest or 1.0))
    box = pygame.Rect(cols.mid if value >= 0 else cols.mid - length, top + sc.s(4),
                      max(1, length), row - sc.s(8))
    pygame.draw.rect(surface, sc.col("good" if value >= 0 else "bad"), box)
    pygame.draw.line(surface, sc.col("ink_soft"), (cols.mid, top), (cols.mid, top + row), 1)
    text.draw(surface, signed(value), sc.font("small", True), sc.col("ink"),
              (cols.right, top + row // 2), "midright")


def button(sc: Screen, name: str, label: str, rect: pygame.Rect, tip: str
           ) -> pygame_gui.elements.UIButton:
    """A row's label as a flat, left-aligned button in the small type; `tip` shows on hover
    (and the whole label with it when the label is cut short)."""
    shown = text.fit(label, sc.font("small"), rect.width - 2 * sc.s(6))
    el = pygame_gui.elements.UIButton(
        rect, shown, manager=sc.app.manager, tool_tip_text=tip,
        object_id=ObjectID(object_id=f"#{name.replace(':', '_')}", class_id="@reason"))
    el.tool_tip_wrap_width = sc.s(420)   # a line or three, not a narrow column
    sc._register(name, el, focusable=True)
    return el


def hover_text(label: str) -> str:
    """What a row says under the pointer or the focus: its whole label, then why and the lever."""
    return f"{label}: {explain(label)}"


def callout(sc: Screen, surface: pygame.Surface, anchor: pygame.Rect, words: str) -> pygame.Rect:
    """A dark box with `words`, just under `anchor` (over it when there is no room below)."""
    font = sc.font("small")
    pad = sc.s(8)
    width = min(sc.s(460), surface.get_width() - 2 * pad)
    lines = text.wrap(words, font, width - 2 * pad)
    box = pygame.Rect(0, 0, max(font.size(line)[0] for line in lines) + 2 * pad,
                      len(lines) * font.get_linesize() + 2 * pad)
    box.topleft = (anchor.left, anchor.bottom + sc.s(4))
    if box.bottom > surface.get_height() - pad:
        box.bottom = anchor.top - sc.s(4)
    box.clamp_ip(surface.get_rect())
    pygame.draw.rect(surface, sc.col("ink"), box, border_radius=pad)
    y = box.top + pad
    for line in lines:
        surface.blit(text.render(line, font, sc.col("on_accent")), (box.left + pad, y))
        y += font.get_linesize()
    return box
