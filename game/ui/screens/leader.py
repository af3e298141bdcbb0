"""The leader phase: choose the vision and spend energy inspiring people."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.rules.decisions import LEADER_ACTIONS, CancelInspire, Inspire, SetVision
from game.ui.screens.phase import PhaseScreen
from game.ui.widgets import chrome, explain, handover, people, text
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
        here = [t.id for t in app.session.teams if not t.absent(app.session.round)]
        self.team: str | None = here[0] if here else None

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

    def vision_row(self) -> int:
        left, _ = self.columns()
        n = len(self.app.scenario.visions) + 1
        return max(self.s(56), min(self.s(74), (left.height * 6 // 10 - self.s(112)) // n))

    def left_cards(self) -> tuple[pygame.Rect, pygame.Rect | None]:
        """The vision card, sized to its rows, and the people card below it (if it fits)."""
        left, _ = self.columns()
        n = len(self.app.scenario.visions)
        vision_h = self.s(52) + n * self.vision_row() + self.s(40 + 56)
        vision = pygame.Rect(left.left, left.top, left.width, min(vision_h, left.height))
        room = left.bottom - vision.bottom - self.s(12)
        if room < self.s(110) or self.app.core.people is None:
            vision.height = left.height
            return vision, None
        return vision, pygame.Rect(left.left, vision.bottom + self.s(12), left.width, room)

    def team_row_y(self) -> int:
        _, right = self.columns()
        return right.top + self.s(92) + len(LEADER_ACTIONS) * self.s(46) + self.s(30)

    def fits_now(self, vision: Vision) -> bool | None:
        """Whether a vision fits the world this round; None where the world never moves
        (no vision in the scenario has `fits:`), so there is nothing to say."""
        visions = self.app.scenario.visions
        if not any(v.fits_from > 1 or v.fits_until is not None for v in visions):
            return None
        return bool(self.app.session.vision_fits(vision.id))

    def build(self) -> None:
        vision_card, _ = self.left_cards()
        visions = list(self.app.scenario.visions)
        y = vision_card.top + self.s(52)
        row_h = self.vision_row()
        for i, v in enumerate(visions):
            fits = self.fits_now(v)
            fit = "" if fits is None else (" · fits now" if fits else " · out of step")
            b = self.button(f"vision:{v.id}", f"[{i + 1}] {v.title}{fit}",
                            pygame.Rect(vision_card.left + self.s(12), y,
                                        vision_card.width - self.s(24), row_h - self.s(30)),
                            "@choice")
            if self.draft.vision == v.id:
                b.select()
            y += row_h
        b = self.button("vision:none", "[0] No vision", pygame.Rect(
            vision_card.left + self.s(12), y, vision_card.width - self.s(24), self.s(40)),
            "@choice")
        if self.draft.vision is None:
            b.select()
        _, right = self.columns()
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
        # coaching target, each team's morale (and fatigue once known) drawn under it
        y = self.team_row_y()
        teams = self.app.session.teams
        tw = (right.width - self.s(24) - self.s(8) * (len(teams) - 1)) // max(1, len(teams))
        for i, t in enumerate(teams):
            b = self.button(f"team:{t.id}", t.name, pygame.Rect(
                x + i * (tw + self.s(8)), y, tw, self.s(38)), "@choice")
            if t.id == self.team:
                b.select()
            if t.absent(self.app.session.round):
                b.disable()  # not here yet: nobody to coach
        # planned actions (click to take back): chips in up to two rows
        top = y + self.s(38 + 22 + 34)
        px, py, rows = x, top, 1
        row_room = right.bottom - self.s(12) - top
        max_rows = max(1, min(2, (row_room + self.s(6)) // self.s(40)))
        for i, a in enumerate(self.draft.actions[:PLANNED_MAX]):
            label = f"× {LEADER_ACTIONS[a.action].title}"
            if a.team:
                label += f" ({self._team_name(a.team)})"
            w = min(self.button_width(label), right.width - self.s(24))
            if px + w > right.right - self.s(12):
                if rows == max_rows:
                    break
                px, py, rows = x, py + self.s(40), rows + 1
            self.button(f"planned:{i}", label, pygame.Rect(px, py, w, self.s(34)), "@small")
            px += w + self.s(8)
        chrome.footer_buttons(self, self.footer_specs("Commit leader phase", "@leader"))
        self.refresh_undo()

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
        elif kind == "undo":
            self.on_undo()

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
    def spots(self) -> list[explain.Spot]:
        """Visions and actions explain themselves on hover and focus: a vision its description
        and ambition, an action what it buys and its price (the price table)."""
        out = []
        # The cards go over the people card: beside the choices, never on top of them.
        place = self.left_cards()[1]
        for v in self.app.scenario.visions:
            el = self.widgets.get(f"vision:{v.id}")
            if el is not None:
                body = (v.description + "\n" if v.description else "") + \
                    f"Ambition {v.ambition * 100:.0f}%. " + explain.priced("vision (ambition)")
                out.append(explain.Spot(el.rect, v.title, body, f"vision:{v.id}", place))
        for aid, act in LEADER_ACTIONS.items():
            el = self.widgets.get(f"action:{aid}")
            if el is not None:
                out.append(explain.Spot(el.rect, f"{act.title} · {act.cost} energy",
                                        f"{act.blurb}\n{explain.priced(act.title.lower())}",
                                        f"action:{aid}", place))
        return out

    def draw_focus(self, surface: pygame.Surface) -> None:
        super().draw_focus(surface)
        explain.draw(self, surface, explain.pick(self.spots(), self.focus, explain.pointer()))

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        chrome.header(self, surface, self.app.scenario.title, "LEADER", self.time_left)
        vision_card, people_card = self.left_cards()
        inner = self.panel(surface, vision_card, "Vision: where are we going?")
        visions = list(self.app.scenario.visions)
        y = vision_card.top + self.s(52)
        row_h = self.vision_row()
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
                       pygame.Rect(inner.left, vision_card.bottom - self.s(52), inner.width,
                                   self.s(40)), max_lines=2)
        if people_card is not None:
            inner = self.panel(surface, people_card, "Your people")
            people.team_rows(self, surface, inner, self.app.session.teams, self.folk(),
                             self.fatigue())
        _, right = self.columns()
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
        y = self.team_row_y()
        text.draw(surface, "Team to coach (Tab to a team, Space to choose):",
                  self.font("body", True), self.col("ink"), (inner.left, y - self.s(26)),
                  width=inner.width)
        fatigue = self.fatigue()
        for t in self.app.session.teams:
            el = self.widgets.get(f"team:{t.id}")
            if el is None:
                continue
            words = f"morale {t.morale * 100:.0f}"
            words += f" · fatigue {fatigue[t.id] * 100:.0f}" if fatigue else " · fatigue ?"
            words = people.joins_later(self, t) or words
            text.draw(surface, words, self.font("small"), self.col("ink_soft"),
                      (el.rect.left, el.rect.bottom + self.s(3)), width=el.rect.width)
        y += self.s(38 + 22)
        planned = "Planned (click to take back):" if d.actions else "Nothing planned yet."
        text.draw(surface, planned, self.font("body", True), self.col("ink"), (inner.left, y),
                  width=inner.width)
        shown = sum(1 for name in self.widgets if name.startswith("planned:"))
        if len(d.actions) > shown:
            text.draw(surface, f"and {len(d.actions) - shown} more", self.font("small"),
                      self.col("ink_soft"), (inner.right, y + self.s(4)), "topright")
        handover.last_plan(self, surface, inner)
        chrome.footer(self, surface, f"Energy left {d.energy_left} of {d.energy_total} · "
                      "letters plan actions, digits pick the vision")

    def folk(self) -> list:  # type: ignore[type-arg]
        """The people, read once per session state (not every frame)."""
        key = (id(self.app.session), len(self.app.session.log))
        if getattr(self, "_folk_key", None) != key:
            self._folk_key, self._folk = key, self.app.core.people(self.app.session)
        return self._folk  # type: ignore[no-any-return]

    def fatigue(self) -> dict[str, float] | None:
        core = self.app.core
        return core.team_fatigue(self.app.session) if core.team_fatigue is not None else None

    def unspent(self) -> str | None:
        d = self.draft
        cheapest = min(a.cost for a in LEADER_ACTIONS.values())
        if d.energy_left >= cheapest:
            return (f"You have {d.energy_left} of {d.energy_total} energy left. Energy does not "
                    "carry over to the next round.")
        return None
