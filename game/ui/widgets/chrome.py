"""The frame around in-game screens: a header (round, phase badge, metrics, timer) and a
footer (messages and key hints)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.theme import METRIC_LABELS, METRIC_NAMES
from game.ui.widgets import icons, text

if TYPE_CHECKING:
    from game.ui.screens.base import Screen

PHASE_STYLE = {  # phase name -> (palette colour, label, glyph)
    "LEADER": ("leader", "LEADER PHASE", icons.sail),
    "MANAGER": ("manager", "MANAGER PHASE", icons.keel),
}


def header_height(sc: Screen) -> int:
    return sc.s(64)


def footer_height(sc: Screen) -> int:
    return sc.s(60)


def header(sc: Screen, surface: pygame.Surface, title: str, phase: str | None = None,
           timer: float | None = None) -> None:
    app = sc.app
    h = header_height(sc)
    band = pygame.Rect(0, 0, sc.W, h)
    colour_key, label, glyph = PHASE_STYLE.get(phase or "", ("ink", "", None))
    if glyph is not None and app.settings.hotseat:   # whose turn it is
        leader, manager = app.settings.players
        label = f"{label} · {leader if phase == 'LEADER' else manager}"
    bg = sc.col(colour_key) if phase in PHASE_STYLE else sc.col("ink")
    pygame.draw.rect(surface, bg, band)
    white = sc.col("on_accent")
    x = sc.s(20)
    if glyph is not None:
        glyph(surface, (x + sc.s(14), h // 2), sc.s(14), white)
        x += sc.s(40)
        t = text.draw(surface, label, sc.font("h3", True), white, (x, h // 2), "midleft",
                      width=sc.s(330))
        x = t.right + sc.s(20)
    session = app.session
    if session is not None and app.scenario is not None:
        rl = f"{app.scenario.round_label} {session.round} of {app.scenario.rounds}"
        branch = getattr(session, "branch", None)
        if branch is not None:   # a "what if": say so, and from where
            rl += f" · what if (from {app.scenario.round_label.lower()} {branch.from_round})"
        t = text.draw(surface, rl, sc.font("body", True), white, (x, h // 2 - sc.s(10)), "midleft",
                      width=sc.s(330))
        text.draw(surface, title, sc.font("small"), white, (x, h // 2 + sc.s(12)), "midleft",
                  width=sc.s(330))
    else:
        text.draw(surface, title, sc.font("h3", True), white, (x, h // 2), "midleft")
    # metrics, right-aligned, with the timer to their left
    right = sc.W - sc.s(20)
    if session is not None:
        for name in reversed(METRIC_NAMES):
            right = metric_chip(sc, surface, name, session.metrics[name], right, h // 2)
            right -= sc.s(10)
    if timer is not None:
        urgent = timer <= 10
        chip = pygame.Rect(0, 0, sc.s(104), sc.s(40))
        chip.midright = (right - sc.s(6), h // 2)
        pygame.draw.rect(surface, sc.col("bad" if urgent else "panel"), chip,
                         border_radius=sc.s(8))
        ink = white if urgent else sc.col("ink")
        icons.clock(surface, (chip.left + sc.s(18), chip.centery), sc.s(9), ink)
        m, s = divmod(max(0, int(timer + 0.999)), 60)
        text.draw(surface, f"{m}:{s:02d}", sc.font("h3", True), ink,
                  (chip.left + sc.s(34), chip.centery), "midleft")


def metric_chip(sc: Screen, surface: pygame.Surface, name: str, value: float, right: int,
                cy: int) -> int:
    """A white chip with the metric's glyph, name and value; returns its left edge."""
    f_small, f_val = sc.font("small", True), sc.font("h3", True)
    label = METRIC_LABELS[name]
    w = sc.s(36) + max(f_small.size(label)[0], f_val.size("100")[0]) + sc.s(12)
    tall = f_small.get_height() + f_val.get_height() - sc.s(6)   # the boxes' blank edges meet
    rect = pygame.Rect(right - w, cy - max(sc.s(22), tall // 2 + sc.s(1)), w,
                       max(sc.s(44), tall + sc.s(2)))
    pygame.draw.rect(surface, sc.col("panel"), rect, border_radius=sc.s(8))
    icons.metric(surface, name, (rect.left + sc.s(18), rect.centery), sc.s(10), sc.col(name))
    top = text.draw(surface, label, f_small, sc.col("ink_soft"),
                    (rect.left + sc.s(34), rect.top - sc.s(2)))
    text.draw(surface, f"{value:.0f}", f_val, sc.col("ink"), (rect.left + sc.s(34), top.bottom),
              "topleft")
    return rect.left


def footer(sc: Screen, surface: pygame.Surface, hint: str) -> pygame.Rect:
    """The footer band; returns its rect (buttons go on its right)."""
    h = footer_height(sc)
    band = pygame.Rect(0, sc.H - h, sc.W, h)
    pygame.draw.rect(surface, sc.col("surface"), band)
    pygame.draw.line(surface, sc.col("line"), band.topleft, band.topright)
    app = sc.app
    tone = "good" if app.toast_good else "bad"
    msg, colour = (app.toast, tone) if app.toast_time > 0 else (hint, "ink_soft")
    buttons = [el.rect.left for el in sc.widgets.values() if el.rect.top >= band.top]
    width = min(buttons, default=band.width // 2) - sc.s(64)   # up to the footer's buttons
    if app.toast_time > 0:
        if app.toast_good:  # a sail for good news, a warning triangle otherwise: not colour alone
            icons.sail(surface, (sc.s(28), band.centery), sc.s(9), sc.col(tone))
        else:
            icons.triangle(surface, (sc.s(28), band.centery), sc.s(8), sc.col(tone), up=True)
        text.draw(surface, msg, sc.font("body", True), sc.col(colour),
                  (sc.s(44), band.centery), "midleft", width=width)
    else:
        text.draw(surface, msg, sc.font("small"), sc.col(colour), (sc.s(20), band.centery),
                  "midleft", width=width)
    return band


def footer_buttons(sc: Screen, specs: list[tuple[str, str, str]]) -> None:
    """Buttons (name, label, style) laid out right to left in the footer."""
    h = footer_height(sc)
    right = sc.W - sc.s(20)
    bh = sc.s(42)
    for name, label, style in reversed(specs):
        w = sc.button_width(label, 120)
        rect = pygame.Rect(right - w, sc.H - h + (h - bh) // 2, w, bh)
        sc.button(name, label, rect, style)
        right -= w + sc.s(12)
