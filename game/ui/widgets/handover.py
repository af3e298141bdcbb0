"""What one role hands the other, read-only: the manager sees the vision and the actions the
leader chose this round; the leader sees the manager's plan of the last round in one line.
In hot-seat the two are different people, so neither plays blind. And the timer's warning:
a flashing banner in the last seconds of a phase (seen, not heard)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.rules.decisions import LEADER_ACTIONS
from game.ui.widgets import icons, text

if TYPE_CHECKING:
    from game.ui.screens.base import Screen

WARN_AT = 10.0   # seconds left when the timer starts to warn


def _who(sc: Screen, role: int, fallback: str) -> str:
    return sc.app.settings.players[role] if sc.app.settings.hotseat else fallback


def leader_lines(sc: Screen) -> list[str]:
    """The leader's choices of this round, as the manager reads them."""
    session, scenario = sc.app.session, sc.app.scenario
    draft = session.leader
    teams = {t.id: t.name for t in session.teams}
    history = session.history
    kept = history[-1].vision if history else scenario.organization.vision
    if draft.vision is None:
        vision = "Vision: none"
    else:
        title = next((v.title for v in scenario.visions if v.id == draft.vision), draft.vision)
        vision = f"Vision: {title} ({'kept' if draft.vision == kept else 'new'})"
    actions = [LEADER_ACTIONS[a.action].title if not a.team else
               f"Coach {teams.get(a.team, a.team)}" for a in draft.actions]
    lines = [vision, " · ".join(actions) if actions else "No actions"]
    if draft.energy_left:
        lines[-1] += f" · {draft.energy_left} energy unspent"
    return lines


def leader_strip(sc: Screen, surface: pygame.Surface, rect: pygame.Rect) -> int:
    """A small card in `rect` (what fits of it): the leader's vision and actions. Returns the
    card's bottom edge (`rect.top` when nothing fits), so a strip can follow it."""
    fb, fs = sc.font("small", True), sc.font("small")
    lines = leader_lines(sc)
    width = rect.width - sc.s(20)
    need = fb.get_linesize() + sum(text.height_of(line, fs, width) for line in lines) + sc.s(12)
    if rect.height < fb.get_linesize() + fs.get_linesize() + sc.s(12):
        return rect.top
    rect = pygame.Rect(rect.left, rect.top, rect.width, min(rect.height, need))
    pygame.draw.rect(surface, sc.col("surface"), rect, border_radius=sc.s(6))
    pygame.draw.line(surface, sc.col("leader"), (rect.left, rect.top + sc.s(4)),
                     (rect.left, rect.bottom - sc.s(4)), max(2, sc.s(3)))
    x, y = rect.left + sc.s(12), rect.top + sc.s(6)
    icons.sail(surface, (x + sc.s(7), y + fb.get_linesize() // 2), sc.s(7), sc.col("leader"))
    word = sc.app.scenario.round_label.lower()
    head = f"{_who(sc, 0, 'The leader')}'s plan this {word}"
    text.draw(surface, head, fb, sc.col("ink"), (x + sc.s(20), y), width=rect.right - x - sc.s(28))
    y += fb.get_linesize()
    body = pygame.Rect(x, y, rect.right - x - sc.s(8), rect.bottom - y - sc.s(4))
    text.paragraph(surface, "\n".join(lines), fs, sc.col("ink"), body)
    return rect.bottom


def manager_line(sc: Screen) -> str | None:
    """The manager's plan of the last round in one line, or None in round 1."""
    history = sc.app.session.history
    if not history:
        return None
    last = history[-1]
    word = sc.app.scenario.round_label.lower()
    spent = ", ".join(f"{c} {v:.0f}" for c, v in last.budget.items() if v >= 0.5)
    line = f"{_who(sc, 1, 'The manager')}'s plan last {word}: {spent or 'no budget spent'}"
    line += f" · overtime {last.overtime:.0%}" if last.overtime else ""
    return line + (" · reviews on" if last.reviews else "")


def last_plan(sc: Screen, surface: pygame.Surface, rect: pygame.Rect) -> None:
    """The manager's last plan on the bottom line of `rect` (from round 2)."""
    line = manager_line(sc)
    if line is None:
        return
    f = sc.font("small")
    y = rect.bottom - f.get_linesize()
    icons.keel(surface, (rect.left + sc.s(7), y + f.get_linesize() // 2), sc.s(7),
               sc.col("manager"))
    text.draw(surface, line, f, sc.col("ink_soft"), (rect.left + sc.s(20), y),
              width=rect.width - sc.s(20))


def timer_banner(sc: Screen, surface: pygame.Surface, time_left: float) -> None:
    """The last seconds: a band under the header that flashes twice a second."""
    from game.ui.widgets import chrome

    if time_left > WARN_AT:
        return
    band = pygame.Rect(0, chrome.header_height(sc), sc.W, sc.s(44))
    bright = int(time_left * 2) % 2 == 0
    pygame.draw.rect(surface, sc.col("warn" if bright else "bad"), band)
    white = sc.col("on_accent")
    icons.clock(surface, (band.left + sc.s(28), band.centery), sc.s(11), white)
    seconds = max(0, int(time_left + 0.999))
    words = (f"{seconds} s left: the phase commits itself with the choices made so far "
             "(Ctrl+Enter commits now)")
    text.draw(surface, words, sc.font("h3", True), white, (band.left + sc.s(50), band.centery),
              "midleft", width=band.width - sc.s(70))
