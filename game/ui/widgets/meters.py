"""Small meters: ambition, energy pips, load bars. Each carries a text label too."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.widgets import icons, text

if TYPE_CHECKING:
    from game.ui.screens.base import Screen


def ambition(sc: Screen, surface: pygame.Surface, rect: pygame.Rect, value: float) -> None:
    label = f"Ambition {value * 100:.0f}%"
    f = sc.font("small", True)
    text.draw(surface, label, f, sc.col("ink_soft"), (rect.left, rect.centery), "midleft")
    bar = pygame.Rect(rect.left + f.size("Ambition 100%")[0] + sc.s(10), 0, sc.s(120), sc.s(8))
    bar.centery = rect.centery
    pygame.draw.rect(surface, sc.col("surface"), bar, border_radius=sc.s(4))
    fill = bar.copy()
    fill.width = int(bar.width * max(0.0, min(1.0, value)))
    pygame.draw.rect(surface, sc.col("leader"), fill, border_radius=sc.s(4))
    if value >= 0.8:
        icons.triangle(surface, (bar.right + sc.s(12), bar.centery), sc.s(6), sc.col("warn"),
                       up=True)
        text.draw(surface, "delivery risk", sc.font("small"), sc.col("warn"),
                  (bar.right + sc.s(22), rect.centery), "midleft")


def pips(sc: Screen, surface: pygame.Surface, pos: tuple[int, int], left: int, total: int,
         colour: pygame.Color) -> None:
    x, y = pos
    f = sc.font("body", True)
    label = text.draw(surface, f"Energy {left} of {total}", f, sc.col("ink"), (x, y))
    x = label.right + sc.s(14)
    r = sc.s(8)
    for i in range(total):
        c = (x + i * (2 * r + sc.s(6)) + r, label.centery)
        if i < left:
            pygame.draw.circle(surface, colour, c, r)
        else:
            pygame.draw.circle(surface, sc.col("line"), c, r, max(1, sc.s(2)))


def load_bar(sc: Screen, surface: pygame.Surface, rect: pygame.Rect, load: float) -> None:
    """A team's load: the share of its capacity scheduled; over 100% is marked and named."""
    over = load > 1.0 + 1e-9
    pygame.draw.rect(surface, sc.col("surface"), rect, border_radius=sc.s(3))
    fill = rect.copy()
    fill.width = int(rect.width * min(1.0, load / 1.5))
    pygame.draw.rect(surface, sc.col("bad" if over else "accent"), fill, border_radius=sc.s(3))
    full = rect.left + int(rect.width / 1.5)
    pygame.draw.line(surface, sc.col("ink"), (full, rect.top - sc.s(3)),
                     (full, rect.bottom + sc.s(2)), max(1, sc.s(2)))
