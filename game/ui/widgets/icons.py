"""Vector glyphs (Noto Sans has no symbol glyphs): one per metric, phase and sign."""

from __future__ import annotations

import math

import pygame


def heart(surface: pygame.Surface, c: tuple[int, int], r: int, colour: pygame.Color) -> None:
    x, y = c
    lobe = max(2, int(r * 0.52))
    pygame.draw.circle(surface, colour, (x - lobe + 1, y - r // 4), lobe)
    pygame.draw.circle(surface, colour, (x + lobe - 1, y - r // 4), lobe)
    pygame.draw.polygon(
        surface, colour,
        [(x - 2 * lobe + 1, y - r // 6), (x + 2 * lobe - 1, y - r // 6), (x, y + r)],
    )


def star(surface: pygame.Surface, c: tuple[int, int], r: int, colour: pygame.Color) -> None:
    pts = []
    for i in range(10):
        ang = -math.pi / 2 + i * math.pi / 5
        rad = r if i % 2 == 0 else r * 0.45
        pts.append((c[0] + rad * math.cos(ang), c[1] + rad * math.sin(ang)))
    pygame.draw.polygon(surface, colour, pts)


def box(surface: pygame.Surface, c: tuple[int, int], r: int, colour: pygame.Color) -> None:
    """A parcel: delivery."""
    rect = pygame.Rect(0, 0, int(r * 1.7), int(r * 1.5))
    rect.center = (c[0], c[1] + r // 8)
    pygame.draw.rect(surface, colour, rect, border_radius=max(1, r // 5))
    lid = max(1, r // 5)
    pygame.draw.line(surface, pygame.Color("white"), (rect.left, rect.top + r // 2),
                     (rect.right - 1, rect.top + r // 2), lid)
    pygame.draw.line(surface, pygame.Color("white"), (rect.centerx, rect.top),
                     (rect.centerx, rect.top + r // 2), lid)


def sail(surface: pygame.Surface, c: tuple[int, int], r: int, colour: pygame.Color) -> None:
    """The leader's glyph: a sail on a mast."""
    x, y = c
    pygame.draw.polygon(surface, colour, [(x - r // 6, y - r), (x - r // 6, y + r // 2),
                                          (x - r, y + r // 2)])
    pygame.draw.polygon(surface, colour, [(x + r // 8, y - r * 3 // 4), (x + r // 8, y + r // 2),
                                          (x + r * 3 // 4, y + r // 2)])
    pygame.draw.polygon(surface, colour, [(x - r, y + r * 2 // 3), (x + r, y + r * 2 // 3),
                                          (x + r * 2 // 3, y + r), (x - r * 2 // 3, y + r)])


def keel(surface: pygame.Surface, c: tuple[int, int], r: int, colour: pygame.Color) -> None:
    """The manager's glyph: a hull with its keel."""
    x, y = c
    pygame.draw.polygon(surface, colour, [(x - r, y - r * 2 // 3), (x + r, y - r * 2 // 3),
                                          (x + r * 2 // 3, y + r // 6),
                                          (x - r * 2 // 3, y + r // 6)])
    pygame.draw.polygon(surface, colour, [(x - r // 5, y + r // 6), (x + r // 5, y + r // 6),
                                          (x + r // 8, y + r), (x - r // 8, y + r)])


def triangle(surface: pygame.Surface, c: tuple[int, int], r: int, colour: pygame.Color,
             up: bool) -> None:
    x, y = c
    if up:
        pts = [(x, y - r), (x + r, y + r * 2 // 3), (x - r, y + r * 2 // 3)]
    else:
        pts = [(x, y + r), (x + r, y - r * 2 // 3), (x - r, y - r * 2 // 3)]
    pygame.draw.polygon(surface, colour, pts)


def clock(surface: pygame.Surface, c: tuple[int, int], r: int, colour: pygame.Color) -> None:
    pygame.draw.circle(surface, colour, c, r, max(1, r // 5))
    pygame.draw.line(surface, colour, c, (c[0], c[1] - r * 2 // 3), max(1, r // 5))
    pygame.draw.line(surface, colour, c, (c[0] + r // 2, c[1]), max(1, r // 5))


METRIC_ICONS = {"morale": heart, "innovation": star, "delivery": box}
METRIC_SHAPE_WORD = {"morale": "heart", "innovation": "star", "delivery": "parcel"}


def metric(surface: pygame.Surface, name: str, c: tuple[int, int], r: int,
           colour: pygame.Color) -> None:
    METRIC_ICONS[name](surface, c, r, colour)
