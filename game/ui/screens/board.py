"""The manager's schedule board, drawn: each project's header (title, due round, verdict,
needs and gets from the model's forecast), the teams' rows and loads, the legend, and what
each part says on hover and focus. The screen (manager.py) lays out the controls."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.screens import board_words as words
from game.ui.widgets import explain, icons, people, text
from game.ui.widgets.meters import load_bar

if TYPE_CHECKING:
    from game.ui.screens.manager import ManagerScreen

def head_rows(sc: ManagerScreen, right: pygame.Rect) -> tuple[int, int, int, int]:
    """The y of each project header's lines under its title: due, verdict, needs, gets;
    and (last) where the header ends."""
    fs, fsb = sc.font("small"), sc.font("small", True)
    due = right.top + sc.s(10) + sc.font("h3", True).get_linesize() + sc.s(6) + sc.s(56)
    verdict = due + fs.get_linesize()
    needs = verdict + fsb.get_linesize()
    return due, verdict, needs, needs + 2 * fs.get_linesize()

def draw_board(sc: ManagerScreen, surface: pygame.Surface, right: pygame.Rect) -> None:
    inner = sc.panel(surface, right, "Schedule: share of each team's capacity per project")
    x0, cw, y0, pitch = sc.grid(right)
    fs, fsb = sc.font("small"), sc.font("small", True)
    outlook = sc.outlook()
    due_y, verdict_y, needs_y, _ = head_rows(sc, right)
    for j, proj in enumerate(sc.app.scenario.projects):
        cx = x0 + j * cw + sc.s(3)
        kind_name = "innovation" if proj.kind == "innovation" else "delivery"
        icons.metric(surface, kind_name, (cx + sc.s(7), inner.top + sc.s(9)), sc.s(6),
                     sc.col(kind_name))
        title_w = cw - sc.s(20)
        font = fsb if text.longest_word(proj.title, fsb) <= title_w else fs
        text.paragraph(surface, proj.title, font, sc.col("ink"),
                       pygame.Rect(cx + sc.s(16), inner.top, title_w, sc.s(54)),
                       max_lines=3)
        status = next((p for p in sc.app.session.projects if p.id == proj.id), None)
        line = f"due {proj.due}"
        if status is not None:
            line += f" · {status.progress * 100:.0f}%" if status.state == "open" \
                else f" · {status.state}"
        text.draw(surface, line, fs, sc.col("ink_soft"), (cx, due_y),
                  width=cw - sc.s(6))
        seen = outlook.projects.get(proj.id) if outlook is not None else None
        if status is not None and status.waiting:   # work on it does not count yet
            text.draw(surface, "waits" if "arrives" not in status.waiting else "not yet",
                      fsb, sc.col("ink_soft"), (cx, verdict_y),
                      width=cw - sc.s(6))
        elif seen is not None:
            draw_verdict(sc, surface, seen, (cx, verdict_y), cw - sc.s(6))
            for k, line in enumerate(words.needs_gets(seen)):
                text.draw(surface, line, fs, sc.col("ink"),
                          (cx, needs_y + k * fs.get_linesize()),
                          width=cw - sc.s(6))
    lx = x0 + len(sc.app.scenario.projects) * cw + sc.s(8)
    text.draw(surface, "Load", fsb, sc.col("ink"), (lx, inner.top))
    loads = sc.draft.team_load
    for i, team in enumerate(sc.app.session.teams):
        y = y0 + i * pitch
        text.draw(surface, team.name, sc.font("body", True), sc.col("ink"),
                  (inner.left, y), width=x0 - inner.left - sc.s(8))
        text.draw(surface, people.joins_later(sc, team)
                  or f"{team.capacity:.0f} pts · {team.headcount} people", fs,
                  sc.col("ink_soft"), (inner.left, y + sc.s(22)),
                  width=x0 - inner.left - sc.s(8))
        load = float(loads.get(team.id, 0.0))
        over = load > 1.0 + 1e-9
        slack = max(0.0, 1 - load) * 100
        label = f"{load * 100:.0f}%" + (" over!" if over else f" · slack {slack:.0f}%")
        if over:
            icons.triangle(surface, (lx + sc.s(6), y + sc.s(9)), sc.s(6),
                           sc.col("bad"), up=True)
        width = inner.right - lx - sc.s(4)
        text.draw(surface, label, fsb if over else fs, sc.col("bad" if over else "ink"),
                  (lx + (sc.s(16) if over else 0), y), width=width - sc.s(16))
        load_bar(sc, surface, pygame.Rect(lx, y + sc.s(22), width, sc.s(7)), load)
        team_view = outlook.teams.get(team.id) if outlook is not None else None
        if team_view is not None and pitch >= sc.s(50) and \
                not team.absent(sc.app.session.round):
            change = team_view.fatigue_change
            said = f"fatigue {change:+.0f} next" if abs(change) >= 0.5 else "fatigue steady"
            text.draw(surface, said, fsb if over else fs,
                      sc.col("bad" if change >= 0.5 else "ink_soft"),
                      (lx, y + sc.s(32)), width=width)
    legend_y = inner.bottom - legend_height(sc, right) + sc.s(10)
    icons.star(surface, (inner.left + sc.s(8), legend_y + sc.s(9)), sc.s(7),
               sc.col("innovation"))
    text.draw(surface, "innovation", fs, sc.col("ink_soft"),
              (inner.left + sc.s(20), legend_y))
    bx = inner.left + sc.s(20) + fs.size("innovation")[0] + sc.s(16)
    icons.box(surface, (bx, legend_y + sc.s(9)), sc.s(7), sc.col("delivery"))
    text.paragraph(surface, "delivery. " + words.legend(sc.app.scenario.round_label), fs,
                   sc.col("ink_soft"), pygame.Rect(bx + sc.s(12), legend_y,
                                                     inner.right - bx - sc.s(12),
                                                     inner.bottom - legend_y), max_lines=3)

def legend_height(sc: ManagerScreen, right: pygame.Rect) -> int:
    """Room under the teams for the legend: as many lines as it needs, up to three."""
    fs = sc.font("small")
    width = right.width - sc.s(24) - sc.s(20) - fs.size("innovation")[0] - sc.s(40)
    note = "delivery. " + words.legend(sc.app.scenario.round_label)
    lines = min(3, text.height_of(note, fs, max(width, 1)) // fs.get_linesize())
    return lines * fs.get_linesize() + sc.s(14)

def spots(sc: ManagerScreen) -> list[explain.Spot]:
    """What explains itself on hover and focus: budget lines, overtime, reviews, projects."""
    left, right = sc.columns()
    out = []
    for name in [*sc.draft.budget, "overtime", "reviews"]:
        el = sc.widgets.get(f"budget:{name}:field" if name in sc.draft.budget else
                              ("overtime:field" if name == "overtime" else name))
        if el is None:
            continue
        row = pygame.Rect(left.left, el.rect.top, el.rect.left - left.left - sc.s(40),
                          el.rect.height)
        title, body = words.control_words(name)
        control = f"budget:{name}" if name in sc.draft.budget else name
        out += [explain.Spot(row, title, body, control)]
    outlook = sc.outlook()
    x0, cw, _, _ = sc.grid(right)
    period = sc.app.scenario.round_label
    for j, proj in enumerate(sc.app.scenario.projects):
        seen = outlook.projects.get(proj.id) if outlook is not None else None
        body = proj.description
        if seen is not None:
            body = (body + "\n" if body else "") + words.project_sentence(proj.title, seen, period)
        head = pygame.Rect(x0 + j * cw, right.top + sc.s(40), cw, sc.s(110))
        out.append(explain.Spot(head, proj.title, body or f"Due {period.lower()} {proj.due}."))
        for team in sc.app.session.teams:
            cell = f"cell:{team.id}:{proj.id}"
            if cell in sc.widgets:
                out.append(explain.Spot(sc.widgets[cell].rect, f"{team.name} on {proj.title}",
                                        "Share of the team's capacity on this project. "
                                        + (words.project_sentence(proj.title, seen, period)
                                           if seen is not None else ""), cell))
    return out

def draw_verdict(sc: ManagerScreen, surface: pygame.Surface, seen, pos: tuple[int, int],  # type: ignore[no-untyped-def]
                 width: int) -> None:
    """On track / at risk / off track, with a glyph so colour is not alone."""
    colour = {"on track": "good", "at risk": "warn"}.get(seen.verdict, "bad")
    x, y = pos
    mid = y + sc.font("small", True).get_linesize() // 2
    if seen.verdict == "on track":
        icons.triangle(surface, (x + sc.s(6), mid), sc.s(5), sc.col(colour), up=True)
    else:
        icons.triangle(surface, (x + sc.s(6), mid), sc.s(5), sc.col(colour), up=False)
    text.draw(surface, seen.verdict, sc.font("small", True),
              sc.col(colour), (x + sc.s(14), y), width=width - sc.s(14))
