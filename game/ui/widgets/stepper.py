"""A numeric control: [−] [typed value] [+], with exact round-tripping of typed numbers.

Percentages are parsed with decimals, so a share typed as its percent string comes back as
exactly the same float (what the autoplayer relies on to match a headless run).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.ui.screens.base import Screen


def parse(text: str, percent: bool) -> float | None:
    t = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return float(value / 100) if percent else float(value)


def typed(value: float, percent: bool) -> str:
    """The text a person would type to get exactly `value`."""
    if not percent:
        return repr(float(value))
    return format((Decimal(repr(float(value))) * 100).normalize(), "f")


def shown(value: float, percent: bool) -> str:
    if abs(value) < 0.0005:
        value = 0.0
    if percent:
        return f"{value * 100:.0f}%" if abs(value * 100 - round(value * 100)) < 0.05 \
            else f"{value * 100:.1f}%"
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def build(sc: Screen, name: str, rect: pygame.Rect, value: float, percent: bool) -> None:
    """Lay out a stepper in `rect`: buttons `name:-`, `name:+`, field `name:field`.
    The stepper takes keyboard focus as `name` (Left/Right step it)."""
    bw = min(rect.height, sc.s(36), max(sc.s(22), rect.width // 4))
    sc.button(f"{name}:-", "−", pygame.Rect(rect.left, rect.top, bw, rect.height),
              focusable=False)
    sc.entry(f"{name}:field", shown(value, percent),
             pygame.Rect(rect.left + bw + sc.s(2), rect.top, rect.width - 2 * bw - sc.s(4),
                         rect.height))
    sc.button(f"{name}:+", "+", pygame.Rect(rect.right - bw, rect.top, bw, rect.height),
              focusable=False)
    sc.widgets[name] = sc.widgets[f"{name}:field"]
    sc.focus_order.append(name)


def refresh_field(sc: Screen, name: str, value: float, percent: bool) -> None:
    field = sc.widgets.get(f"{name}:field")
    if field is not None and not field.is_focused:
        want = shown(value, percent)
        if field.get_text() != want:  # type: ignore[attr-defined]
            field.set_text(want)  # type: ignore[attr-defined]


def refresh(sc: Screen, name: str, value: float, percent: bool, can_down: bool,
            can_up: bool) -> None:
    refresh_field(sc, name, value, percent)
    for sign, ok in (("-", can_down), ("+", can_up)):
        btn = sc.widgets[f"{name}:{sign}"]
        if ok and not btn.is_enabled:
            btn.enable()
        elif not ok and btn.is_enabled:
            btn.disable()
