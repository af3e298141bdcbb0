"""Explanations: what a control or an area is, what it buys and its price, shown while the
pointer rests on it and while it has the keyboard focus (so a keyboard player reads the same).

A screen lists its `Spot`s (where, what it says, which control it belongs to); `pick` finds
the one to show now and `draw` paints it as a card beside the spot, in the screen's own
scaled fonts, kept inside the window. The words come from the rules (the price table in
game/rules/prices.py, the scenario's descriptions, the model's forecast), never from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.rules.prices import PRICES, plain
from game.ui.widgets import text

if TYPE_CHECKING:
    from game.ui.screens.base import Screen


@dataclass(frozen=True)
class Spot:
    rect: pygame.Rect          # the area the pointer rests on
    title: str
    body: str
    control: str | None = None  # the focusable control this explains, if any
    # Where the card goes when it fits there: an area with no controls (a screen's own
    # choice), so the card never hides the choices next to the one it explains.
    place: pygame.Rect | None = None


def priced(lever: str) -> str:
    """"Buys …; costs …" for a lever of the price table."""
    price, payoff = PRICES[lever]
    return f"Buys: {plain(payoff)}. Costs: {plain(price)}."


def pick(spots: Sequence[Spot], focus: str | None, pointer: tuple[int, int] | None
         ) -> Spot | None:
    """The spot under the pointer, else the one whose control has the focus."""
    if pointer is not None:
        for spot in spots:
            if spot.rect.collidepoint(pointer):
                return spot
    if focus is not None:
        for spot in spots:
            if spot.control == focus:
                return spot
    return None


def pointer() -> tuple[int, int] | None:
    return pygame.mouse.get_pos() if pygame.mouse.get_focused() else None


def card(sc: Screen, spot: Spot, window: pygame.Rect) -> tuple[pygame.Rect, list[str], list[str]]:
    """Where the card goes (in the spot's `place` if it fits there, else below the spot,
    else above, inside the window) and its lines."""
    pad = sc.s(10)
    width = min(sc.s(380), window.width - 2 * pad)
    bold, small = sc.font("small", True), sc.font("small")

    def lines(width: int) -> tuple[list[str], list[str], int]:
        head = text.wrap(spot.title, bold, width - 2 * pad)
        body = [line for para in spot.body.split("\n") for line in text.wrap(para, small, width - 2 * pad)]
        return head, body, len(head) * bold.get_linesize() + len(body) * small.get_linesize() + 2 * pad

    if spot.place is not None:
        inside = spot.place.inflate(-2 * pad, -2 * pad)
        head, body, height = lines(min(width, inside.width))
        if height <= inside.height and inside.width >= sc.s(240):
            return pygame.Rect(inside.left, inside.top, min(width, inside.width), height), head, body
    head, body, height = lines(width)
    box = pygame.Rect(spot.rect.left, spot.rect.bottom + sc.s(6), width, height)
    if box.bottom > window.bottom - pad:
        box.bottom = spot.rect.top - sc.s(6)
    box.clamp_ip(window)
    return box, head, body


def draw(sc: Screen, surface: pygame.Surface, spot: Spot | None) -> None:
    if spot is None:
        return
    box, head, body = card(sc, spot, surface.get_rect())
    pad = sc.s(10)
    pygame.draw.rect(surface, sc.col("ink"), box, border_radius=sc.s(8))
    y = box.top + pad
    for lines, font in ((head, sc.font("small", True)), (body, sc.font("small"))):
        for line in lines:
            surface.blit(text.render(line, font, sc.col("on_accent")), (box.left + pad, y))
            y += font.get_linesize()
