"""The leader phase: choose the vision and spend energy inspiring people."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.rules.decisions import LEADER_ACTIONS, CancelInspire, Inspire, SetVision
from game.ui.screens.phase import PhaseScreen
from game.ui.widgets import chrome, text
from game.ui.widgets.meters import ambition, pips

if TYPE_CHECKING:
    from game.scenario.types import Vision

_KEYS: dict[str, str] = {}
for _id, _act in LEADER_ACTIONS.items():  # a letter per action, from its title
    _KEYS[_id] = next(c for c in _act.title.lower() if c.isalpha() and c not in _KEYS.values()
                      and c not in "p")
PLANNED_MAX = 6


class LeaderScreen(PhaseScreen):
    kind = "leader"
    phase = "LEADER"
    tip_topics = ("vision", "energy", "actions")

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.team: str | None = app.session.teams[0].id if app.session.teams else None

    @property
    def draft(self):  # type: ignore[no-untyped-def]
        return self.app.session.leader

    def columns(self) -> tuple[pygame.Rect, pygame.Rect]:
        top = chrome.header_height(self) + self.s(16)
        h = self.H - top - chrome.footer_height(self) - self.s(16)
        left_w = int((self.W - self.s(48)) * 0.40)
        left = pygame.Rect(self.s(16), top, left_w, h)
        right = pygame.Rect(left.right + self.s(16), top, self.W - left.right - self.s(32), h)
        return left, right

    def fits_now(self, vision: Vision) -> bool | None:
        """Whether a vision fits the world this round; None where the world never moves
        (no vision in the scenario has `fits:`), so there is nothing to say."""
        visions = self.app.scenario.visions
        if not any(v.fits_from > 1 or v.fits_until is not None for v in visions):
            return None
        return bool(self.app.session.vision_fits(vision.id))

    def build(self) -> None:
        left, right = self.columns()
        visions = list(self.app.scenario.visions)
        y = left.top + self.s(52)
        row_h = min(self.s(74), (left.bottom - y - self.s(60)) // max(1, len(visions) + 1))
        for i, v in enumerate(visions):
            fits = self.fits_now(v)
            fit = "" if fits is None else (" · fits now" if fits else " · out of step")
            b = self.button(f"vision:{v.id}", f"[{i + 1}] {v.title}{fit}",
                            pygame.Rect(left.left + self.s(12), y, left.width - self.s(24),
                                        row_h - self.s(30)), "@choice")
            if self.draft.vision == v.id:
                b.select()
            y += row_h
        b = self.button("vision:none", "[0] No vision", pygame.Rect(
            left.left + self.s(12), y, left.width - self.s(24), self.s(40)), "@choice")
        if self.draft.vision is None:
            b.select()
        # actions: a button each, blurb beside it
        x = right.left + self.s(12)
        y = right.top + self.s(92)
        bw = self.action_width(right)
        for aid, act in LEADER_ACTIONS.items():
            label = f"[{_KEYS[aid].upper()}] {act.title} · {act.cost} energy"
            b = self.button(f"action:{aid}", label, pygame.Rect(x, y, bw, self.s(38)), "@leader")
            if act.cost > self.draft.energy_left:
                b.disable()
            y += self.s(46)
        # coaching target
        y += self.s(30)
        teams = self.app.session.teams
        tw = (right.width - self.s(24) - self.s(8) * (len(teams) - 1)) // max(1, len(teams))
        for i, t in enumerate(teams):
            b = self.button(f"team:{t.id}", t.name, pygame.Rect(
                x + i * (tw + self.s(8)), y, tw, self.s(38)), "@choice")
            if t.id == self.team:
                b.select()
        # planned actions (click to take back)
        y += self.s(76)
        px = x
        for i, a in enumerate(self.draft.actions[:PLANNED_MAX]):
            label = f"✕ {LEADER_ACTIONS[a.action].title}".replace("✕", "×")
            if a.team:
                label += f" ({self._team_name(a.team)})"
            w = min(self.button_width(label), right.right - self.s(12) - px)
            if w < self.s(120):
                break
            self.button(f"planned:{i}", label, pygame.Rect(px, y, w, self.s(34)), "@small")
            px += w + self.s(8)
        chrome.footer_buttons(self, [("commit", "[Enter] Commit leader phase", "@leader")])

    def tip_anchor(self, topic: str) -> pygame.Rect | None:
        if topic == "vision":
            return self.widgets_rect("vision:")
        if topic == "actions":
            return self.widgets_rect("action:")
        if topic == "energy":
            _, right = self.columns()
            inner = right.inflate(-self.s(24), -self.s(20))
            top = inner.top + self.font("h3", True).get_linesize() + self.s(6)
            total = self.draft.energy_total
            label = self.font("body", True).size(f"Energy {total} of {total}")[0]
            return pygame.Rect(inner.left, top, label + self.s(14) + total * self.s(22),
                               self.font("body", True).get_linesize() + self.s(4))
        return None

    def action_width(self, right: pygame.Rect) -> int:
        widest = max(self.button_width(f"[X] {a.title} · {a.cost} energy")
                     for a in LEADER_ACTIONS.values())
        return min(widest, int(right.width * 0.55))

    def _team_name(self, team_id: str) -> str:
        return next((t.name for t in self.app.session.teams if t.id == team_id), team_id)

    # --- input -----------------------------------------------------------------------------
    def on_click(self, name: str) -> None:
        kind, _, arg = name.partition(":")
        if kind == "vision":
            if self.app.apply(SetVision(None if arg == "none" else arg)):
                self.rebuild()
        elif kind == "action":
            act = LEADER_ACTIONS[arg]
            if self.app.apply(Inspire(arg, self.team if act.needs_team else None)):
                self.rebuild()
        elif kind == "team":
            self.team = arg
            self.rebuild()
        elif kind == "planned":
            a = self.draft.actions[int(arg)]
            if self.app.apply(CancelInspire(a.action, a.team)):
                self.focus = None
                self.rebuild()
        elif kind == "commit":
            self.commit()

    def on_char(self, char: str) -> None:
        visions = self.app.scenario.visions
        if char.isdigit():
            n = int(char)
            if n == 0:
                self.on_click("vision:none")
            elif n <= len(visions):
                self.on_click(f"vision:{visions[n - 1].id}")
            return
        for aid, key in _KEYS.items():
            if key == char:
                self.on_click(f"action:{aid}")

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        chrome.header(self, surface, self.app.scenario.title, "LEADER", self.time_left)
        left, right = self.columns()
        inner = self.panel(surface, left, "Vision: where are we going?")
        visions = list(self.app.scenario.visions)
        y = left.top + self.s(52)
        row_h = min(self.s(74), (left.bottom - y - self.s(60)) // max(1, len(visions) + 1))
        current = self.app.session.leader.vision
        hist = self.app.session.history
        kept = hist[-1].vision if hist else self.app.scenario.organization.vision
        for v in visions:
            by = y + row_h - self.s(30) + self.s(4)
            ambition(self, surface, pygame.Rect(inner.left + self.s(4), by, inner.width,
                                                self.s(20)), v.ambition)
            if v.id == current:
                tag = "chosen" if v.id != kept else "chosen · kept (clarity grows)"
                if self.fits_now(v) is False:
                    tag = "chosen · out of step"
                text.draw(surface, tag, self.font("small", True), self.col("leader"),
                          (inner.right, by + self.s(10)), "midright")
            y += row_h
        note = ("Changing the vision costs clarity and trust; keeping it builds them.")
        text.paragraph(surface, note, self.font("small"), self.col("ink_soft"),
                       pygame.Rect(inner.left, left.bottom - self.s(52), inner.width,
                                   self.s(40)), max_lines=2)
        inner = self.panel(surface, right, "Inspire: spend your energy")
        d = self.draft
        pips(self, surface, (inner.left, inner.top + self.s(2)), d.energy_left, d.energy_total,
             self.col("leader"))
        x = right.left + self.s(12) + self.action_width(right) + self.s(14)
        y = right.top + self.s(92)
        for act in LEADER_ACTIONS.values():
            text.paragraph(surface, act.blurb, self.font("small"), self.col("ink_soft"),
                           pygame.Rect(x, y - self.s(1), right.right - x - self.s(12),
                                       self.s(40)), max_lines=2)
            y += self.s(46)
        text.draw(surface, "Team to coach (Tab to a team, Space to choose):",
                  self.font("body", True), self.col("ink"), (inner.left, y + self.s(4)),
                  width=inner.width)
        y += self.s(30 + 38 + 12)
        planned = "Planned (click to take back):" if d.actions else "Nothing planned yet."
        text.draw(surface, planned, self.font("body", True), self.col("ink"), (inner.left, y),
                  width=inner.width)
        if len(d.actions) > PLANNED_MAX:
            text.draw(surface, f"and {len(d.actions) - PLANNED_MAX} more", self.font("small"),
                      self.col("ink_soft"), (inner.left, y + self.s(72)))
        chrome.footer(self, surface, f"Energy left {d.energy_left} of {d.energy_total} · "
                      "letters plan actions, digits pick the vision")
