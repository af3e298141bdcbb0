"""The leader/manager profile drawn in proportion: how much each round was led and managed
(each 0..1, read from the round records), never a 50/50 split for a round with neither."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.rules.profile import HANDS_OFF_ACTIVITY
from game.ui.screens.base import Screen
from game.ui.widgets import text


def balance_words(lead: float, manage: float, hands_off: bool) -> str:
    """The game's balance in one line, as the bar under it shows it."""
    if hands_off:
        return f"Hands-off: leading {lead:.0%}, managing {manage:.0%} of what you could"
    share = lead / (lead + manage)
    return (f"Leader {share:.0%} · Manager {1 - share:.0%}  "
            f"(leading {lead:.0%}, managing {manage:.0%} of what you could)")


def balance_bar(sc: Screen, surface: pygame.Surface, rect: pygame.Rect, lead: float,
                manage: float, hands_off: bool) -> None:
    """One bar split leader | manager by their shares; a hands-off game gets an empty bar
    that says so, not a split down the middle."""
    if hands_off:
        pygame.draw.rect(surface, sc.col("surface"), rect)
        pygame.draw.rect(surface, sc.col("line"), rect, max(1, sc.s(1)))
        text.draw(surface, "Hands-off: nobody led, nobody managed", sc.font("small", True),
                  sc.col("ink"), rect.center, "center", width=rect.width - sc.s(16))
        return
    share = lead / (lead + manage)
    split = rect.left + int(rect.width * share)
    pygame.draw.rect(surface, sc.col("leader"), (rect.left, rect.top, split - rect.left, rect.height))
    pygame.draw.rect(surface, sc.col("manager"), (split, rect.top, rect.right - split, rect.height))
    pygame.draw.line(surface, sc.col("ink"), (rect.centerx, rect.top - sc.s(6)),
                     (rect.centerx, rect.bottom + sc.s(6)), max(1, sc.s(2)))
    white, fb = sc.col("on_accent"), sc.font("small", True)
    half = rect.width // 2 - sc.s(12)
    text.draw(surface, f"Leader {share:.0%}", fb, white, (rect.left + sc.s(8), rect.centery),
              "midleft", width=half)
    text.draw(surface, f"Manager {1 - share:.0%}", fb, white, (rect.right - sc.s(8), rect.centery),
              "midright", width=half)


def activity_strip(sc: Screen, surface: pygame.Surface, rect: pygame.Rect,
                   leads: Sequence[float], manages: Sequence[float], label: str) -> None:
    """Two bars per round, side by side: how much it was led (leader colour) and managed
    (manager colour), each from 0 to the full height; a round with neither shows a dash."""
    if not leads:
        return
    fs = sc.font("small")
    line = fs.get_linesize()
    bars = pygame.Rect(rect.left, rect.top + sc.s(4), rect.width, rect.height - line - sc.s(6))
    n = len(leads)
    pitch = bars.width / n
    bar_w = max(sc.s(3), min(sc.s(18), int(pitch * 0.35)))
    long_names = fs.size(f"{label} {n}")[0] < pitch - sc.s(4)
    step = 1 if long_names or fs.size(str(n))[0] * 2 < pitch else max(1, n // 8)
    pygame.draw.line(surface, sc.col("line"), bars.bottomleft, bars.bottomright, 1)
    for i, (lead, manage) in enumerate(zip(leads, manages, strict=True)):
        cx = int(bars.left + pitch * (i + 0.5))
        for value, colour, left in ((lead, "leader", cx - bar_w - sc.s(1)),
                                    (manage, "manager", cx + sc.s(1))):
            height = int(bars.height * max(0.0, min(1.0, value)))
            pygame.draw.rect(surface, sc.col(colour), (left, bars.bottom - height, bar_w, height))
        if max(lead, manage) < HANDS_OFF_ACTIVITY:
            text.draw(surface, "–", sc.font("small", True), sc.col("ink_faint"),
                      (cx, bars.bottom - sc.s(2)), "midbottom")
        if i % step == 0 or i == n - 1:
            name = f"{label} {i + 1}" if long_names else str(i + 1)
            text.draw(surface, name, fs, sc.col("ink_faint"), (cx, bars.bottom + sc.s(2)), "midtop")
