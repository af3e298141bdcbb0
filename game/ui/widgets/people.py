"""The team panel: one drawn figure per person, team by team.

A figure's colour and posture tell its morale (high: upright, arms up, the palette's good
colour; low: head down, the bad colour), so nothing is told by colour alone. Once a
listening tour has revealed fatigue, a bar under each figure fills with it. New hires are
drawn hollow with a small star. The figures are drawn, not loaded: no image files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.ui.widgets import icons, text

if TYPE_CHECKING:
    from game.ui.screens.base import Screen


def morale_colour(sc: Screen, morale: float) -> pygame.Color:
    low, mid, high = sc.col("bad"), sc.col("warn"), sc.col("good")
    m = max(0.0, min(1.0, morale))
    if m < 0.5:
        return low.lerp(mid, m / 0.5)
    return mid.lerp(high, (m - 0.5) / 0.5)


def figure(sc: Screen, surface: pygame.Surface, foot: tuple[int, int], unit: int,
           person: Any) -> None:
    """A person standing on `foot` (bottom centre), `unit` pixels wide."""
    x, y = foot
    colour = morale_colour(sc, person.morale)
    slump = int(unit * 0.35 * (1.0 - max(0.0, min(1.0, person.morale))))   # low morale: head down
    body = pygame.Rect(0, 0, max(4, int(unit * 0.7)), max(6, int(unit * 1.05)))
    body.midbottom = (x, y - max(2, unit // 4))
    head_r = max(2, int(unit * 0.28))
    head = (x, body.top - head_r + slump)
    width = 0 if not person.new else max(1, unit // 6)
    pygame.draw.rect(surface, colour, body, width, border_radius=max(2, unit // 3))
    pygame.draw.circle(surface, colour, head, head_r, width)
    if person.morale >= 0.72:   # arms up
        arm = max(1, unit // 8)
        pygame.draw.line(surface, colour, (body.left, body.top + arm * 2),
                         (body.left - unit // 5, body.top - unit // 5), arm)
        pygame.draw.line(surface, colour, (body.right - 1, body.top + arm * 2),
                         (body.right + unit // 5, body.top - unit // 5), arm)
    if person.new:
        icons.star(surface, (body.right + unit // 4, body.top - unit // 3), max(2, unit // 4),
                   sc.col("innovation"))
    if person.fatigue is not None:
        bar = pygame.Rect(body.left, y - max(2, unit // 6), body.width, max(2, unit // 6))
        pygame.draw.rect(surface, sc.col("surface"), bar)
        filled = bar.copy()
        filled.width = int(bar.width * max(0.0, min(1.0, person.fatigue)))
        pygame.draw.rect(surface, sc.col("ink_soft"), filled)


def joins_later(sc: Screen, team: Any) -> str:
    """'joins in month 3' for a team that is not here yet ('joins if chosen' for one that
    waits for a flag), else ''."""
    session = sc.app.session
    if not team.absent(session.round):
        return ""
    if getattr(team, "waits_for", ""):   # a choice's flag brings it in, or nothing does
        return "joins if chosen"
    return f"joins in {sc.app.scenario.round_label.lower()} {team.arrives}"


def team_rows(sc: Screen, surface: pygame.Surface, rect: pygame.Rect, teams: list[Any],
              people: list[Any], fatigue: dict[str, float] | None) -> None:
    """Each team: its name, mean morale (and fatigue once known) in words, and its people."""
    fb, fs = sc.font("small", True), sc.font("small")
    legend_h = fs.get_linesize()
    rows = max(1, len(teams))
    pitch = (rect.height - legend_h - sc.s(4)) // rows
    words_w = fs.size("morale 100 · fatigue 100" if fatigue is not None else "morale 100")[0]
    name_w = min(int(rect.width * 0.36),
                 max([fb.size(t.name)[0] for t in teams] + [words_w]) + sc.s(8))
    unit = max(6, min(sc.s(16), pitch // 2))
    for i, team in enumerate(teams):
        top = rect.top + i * pitch
        text.draw(surface, team.name, fb, sc.col("ink"), (rect.left, top), width=name_w)
        words = f"morale {team.morale * 100:.0f}"
        if fatigue is not None:
            words += f" · fatigue {fatigue.get(team.id, 0.0) * 100:.0f}"
        words = joins_later(sc, team) or words
        text.draw(surface, words, fs, sc.col("ink_soft"), (rect.left, top + fb.get_linesize()),
                  width=name_w)
        folk = [p for p in people if p.team == team.id]
        x0 = rect.left + name_w + sc.s(8)
        room = rect.right - x0
        step = max(3, min(int(unit * 1.6), room // max(1, len(folk))))
        foot_y = top + min(pitch - sc.s(4), unit * 2 + sc.s(6))
        for j, person in enumerate(folk):
            figure(sc, surface, (x0 + j * step + step // 2, foot_y), min(unit, step), person)
    legend = "colour and posture: morale · hollow, starred: new hire"
    legend += " · bar: fatigue" if fatigue is not None else " · listen to see fatigue"
    text.draw(surface, legend, fs, sc.col("ink_soft"), (rect.left, rect.bottom - legend_h),
              width=rect.width)
