"""The scenario's objectives as they stand: met, missed or still open, and how far.

Read-only. The statuses come from the rules (`game.rules.objectives`, which reads the round
records); this file only draws them: a list for the debrief, one line for the manager board.
Each status has its own shape as well as its colour (met: a filled square, missed: a
down-pointing triangle, open: a hollow square, a plain objective: a dot).
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.rules.objectives import objectives_status
from game.rules.records import ObjectiveStatus
from game.ui.screens.base import Screen
from game.ui.widgets import icons, text

WORDS = {"met": "Met", "missed": "Missed", "open": "Open", "": ""}


def statuses(sc: Screen) -> tuple[ObjectiveStatus, ...]:
    """The objectives of the game on screen, from its records so far."""
    session, scenario = sc.app.session, sc.app.scenario
    if session is None or scenario is None:
        return ()
    return objectives_status(scenario, list(getattr(session, "history", [])))


def marker(sc: Screen, surface: pygame.Surface, centre: tuple[int, int], status: str) -> None:
    r = sc.s(6)
    if status == "met":
        pygame.draw.rect(surface, sc.col("good"), (centre[0] - r, centre[1] - r, 2 * r, 2 * r))
    elif status == "missed":
        icons.triangle(surface, centre, r + sc.s(1), sc.col("bad"), up=False)
    elif status == "open":
        pygame.draw.rect(surface, sc.col("ink_soft"), (centre[0] - r, centre[1] - r, 2 * r, 2 * r),
                         max(1, sc.s(2)))
    else:
        pygame.draw.circle(surface, sc.col("ink_faint"), centre, max(2, sc.s(3)))


def line_of(status: ObjectiveStatus) -> str:
    if not status.scored:
        return f"{status.text} (not scored)"
    return f"{WORDS[status.status]}: {status.text} — {status.how}"


def list_height(sc: Screen, shown: Sequence[ObjectiveStatus]) -> int:
    """The height `draw_list` needs: two lines a scored objective, one a plain one."""
    return sum(2 if s.scored else 1 for s in shown) * sc.font("small").get_linesize()


def draw_list(sc: Screen, surface: pygame.Surface, rect: pygame.Rect,
              shown: Sequence[ObjectiveStatus]) -> None:
    """Each objective: its marker and text, then met/missed/open and how far."""
    fs, fb, y = sc.font("small"), sc.font("small", True), rect.top
    step = fs.get_linesize()
    width = rect.width - sc.s(20)
    for status in shown:
        if y + step > rect.bottom:
            break
        marker(sc, surface, (rect.left + sc.s(7), y + step // 2), status.status)
        words = status.text if status.scored else f"{status.text} (shown, not scored)"
        text.draw(surface, words, fs, sc.col("ink"), (rect.left + sc.s(20), y), width=width)
        y += step
        if status.scored:
            t = text.draw(surface, WORDS[status.status], fb,
                          sc.col("good" if status.status == "met" else "bad"
                                 if status.status == "missed" else "ink_soft"),
                          (rect.left + sc.s(20), y))
            text.draw(surface, f"· {status.how}", fs, sc.col("ink_soft"),
                      (t.right + sc.s(6), y), width=rect.right - t.right - sc.s(6))
            y += step


def board_strip(sc: Screen, surface: pygame.Surface, rect: pygame.Rect) -> None:
    """A few lines for the manager board: each scored objective's marker with a count, then
    the first one still open (else the first) and how far it is."""
    shown = [s for s in statuses(sc) if s.scored]
    fs, fsb = sc.font("small"), sc.font("small", True)
    if not shown or rect.height < fsb.get_linesize():
        return
    counts = {w: sum(s.status == w for s in shown) for w in ("met", "open", "missed")}
    label = text.draw(surface, "Objectives", fsb, sc.col("ink"), rect.topleft)
    x = label.right + sc.s(6)
    for status in shown:
        marker(sc, surface, (x + sc.s(8), label.centery), status.status)
        x += sc.s(18)
    summary = " · ".join(f"{n} {w}" for w, n in counts.items() if n)
    text.draw(surface, summary, fs, sc.col("ink_soft"), (x + sc.s(6), label.centery), "midleft",
              width=max(0, rect.right - x - sc.s(6)))
    first = next((s for s in shown if s.status == "open"), shown[0])
    body = pygame.Rect(rect.left, label.bottom + sc.s(2), rect.width,
                       rect.bottom - label.bottom - sc.s(2))
    if body.height < fs.get_linesize():   # room for the count alone
        return
    text.paragraph(surface, f"{first.text}: {first.how}", fs, sc.col("ink_soft"), body,
                   max_lines=max(1, body.height // fs.get_linesize()))
