"""Tutorial tip callouts: placed where they cover no control, pointing at what they explain.

`place` is pure geometry (tested at every supported scale); `draw` paints the card, a ring
around the thing the tip is about and a pointer line to it. The "Got it" button is a real
widget the screen creates inside the card.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from game.ui.widgets import text

if TYPE_CHECKING:
    from game.ui.screens.base import Screen

TITLES = {  # tip id -> what the card calls it
    "briefing": "The briefing", "vision": "The vision", "energy": "Leader energy",
    "actions": "Inspiring people", "budget": "The budget", "schedule": "The schedule",
    "overtime": "Overtime", "reviews": "Performance reviews", "report": "The round report",
    "drivers": "Drivers", "event": "Events", "debrief": "The debrief",
}
DISMISS = "[Enter] Got it"


@dataclass(frozen=True)
class Tip:
    topic: str
    body: str
    anchor: pygame.Rect      # what the tip is about
    card: pygame.Rect        # where the callout sits
    button: pygame.Rect      # its "Got it" button, inside the card


def card_size(sc: Screen, body: str, width: int) -> tuple[int, int]:
    pad = sc.s(14)
    f, fb = sc.font("body"), sc.font("small", True)
    h = pad + fb.get_linesize() + sc.s(4) + text.height_of(body, f, width - 2 * pad) \
        + sc.s(10) + sc.s(36) + pad
    return width, h


def place(size: tuple[int, int], anchor: pygame.Rect, bounds: pygame.Rect,
          controls: Sequence[pygame.Rect], gap: int, step: int) -> pygame.Rect | None:
    """A rect of `size` inside `bounds` touching no control (each kept `gap` away), as near
    the anchor as possible; beside the anchor if it can be, else anywhere free."""
    w, h = size
    if w > bounds.width or h > bounds.height:
        return None
    blocked = [c.inflate(2 * gap, 2 * gap) for c in controls]

    def free(r: pygame.Rect) -> bool:
        return bounds.contains(r) and r.collidelist(blocked) < 0

    def clamp(x: int, y: int) -> pygame.Rect:
        r = pygame.Rect(x, y, w, h)
        return r.clamp(bounds)

    beside = [clamp(anchor.left, anchor.bottom + gap), clamp(anchor.left, anchor.top - gap - h),
              clamp(anchor.right + gap, anchor.top), clamp(anchor.left - gap - w, anchor.top),
              clamp(anchor.right - w, anchor.bottom + gap), clamp(anchor.right - w, anchor.top - gap - h)]
    for r in beside:
        if free(r) and not r.colliderect(anchor):
            return r
    spots = [pygame.Rect(x, y, w, h)
             for y in range(bounds.top, bounds.bottom - h + 1, step)
             for x in range(bounds.left, bounds.right - w + 1, step)]
    spots += [pygame.Rect(bounds.right - w, y, w, h) for y in range(bounds.top,
                                                                      bounds.bottom - h + 1, step)]
    spots += [pygame.Rect(x, bounds.bottom - h, w, h) for x in range(bounds.left,
                                                                       bounds.right - w + 1, step)]

    def distance(r: pygame.Rect) -> float:
        dx, dy = r.centerx - anchor.centerx, r.centery - anchor.centery
        return float(dx * dx + dy * dy)

    for over_anchor_ok in (False, True):
        ok = [r for r in spots if free(r) and (over_anchor_ok or not r.colliderect(anchor))]
        if ok:
            return min(ok, key=distance)
    return None


def draw(sc: Screen, surface: pygame.Surface, tip: Tip) -> None:
    accent, pad = sc.col("accent"), sc.s(14)
    ring = tip.anchor.inflate(sc.s(10), sc.s(10))
    if not tip.card.contains(ring):
        pygame.draw.rect(surface, accent, ring, max(2, sc.s(2)), border_radius=sc.s(8))
        a = pygame.Vector2(tip.card.center)
        b = pygame.Vector2(max(ring.left, min(a.x, ring.right)), max(ring.top, min(a.y, ring.bottom)))
        start = pygame.Vector2(max(tip.card.left, min(b.x, tip.card.right)),
                               max(tip.card.top, min(b.y, tip.card.bottom)))
        pygame.draw.line(surface, accent, start, b, max(2, sc.s(2)))
        pygame.draw.circle(surface, accent, b, sc.s(5))
    shadow = tip.card.move(sc.s(4), sc.s(4))
    pygame.draw.rect(surface, sc.col("line"), shadow, border_radius=sc.s(10))
    pygame.draw.rect(surface, sc.col("panel"), tip.card, border_radius=sc.s(10))
    pygame.draw.rect(surface, accent, tip.card, max(2, sc.s(3)), border_radius=sc.s(10))
    fb = sc.font("small", True)
    title = f"Tip · {TITLES.get(tip.topic, tip.topic)}"
    text.draw(surface, title, fb, accent, (tip.card.left + pad, tip.card.top + pad),
              width=tip.card.width - 2 * pad)
    body = pygame.Rect(tip.card.left + pad, tip.card.top + pad + fb.get_linesize() + sc.s(4),
                       tip.card.width - 2 * pad, tip.button.top - tip.card.top - pad)
    text.paragraph(surface, tip.body, sc.font("body"), sc.col("ink"), body)


def whole_text(app: Any, surface: pygame.Surface) -> None:
    """Text cut short with an ellipsis is shown whole while the pointer rests on it."""
    if not text.CUT or not pygame.mouse.get_focused():
        return
    pos = pygame.mouse.get_pos()
    whole = next((full for rect, full in reversed(text.CUT) if rect.collidepoint(pos)), None)
    if whole is None:
        return
    font = app.fonts.get("small")
    pad = round(8 * app.scale)
    width = min(round(420 * app.scale), surface.get_width() - 2 * pad)
    lines = text.wrap(whole, font, width - 2 * pad)
    box = pygame.Rect(0, 0, max(font.size(line)[0] for line in lines) + 2 * pad,
                      len(lines) * font.get_linesize() + 2 * pad)
    box.topleft = (pos[0] + pad, pos[1] + 2 * pad)
    box.clamp_ip(surface.get_rect())
    pygame.draw.rect(surface, app.palette.rgb("ink"), box, border_radius=pad)
    y = box.top + pad
    for line in lines:
        surface.blit(font.render(line, True, app.palette.rgb("on_accent")), (box.left + pad, y))
        y += font.get_linesize()
