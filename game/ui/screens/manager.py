"""The manager phase: budget, schedule board, overtime and performance reviews."""

from __future__ import annotations

import pygame

from game.rules.decisions import AllocateBudget, Schedule, SetOvertime, SetReviews
from game.ui.screens.phase import PhaseScreen
from game.ui.widgets import chrome, icons, stepper, text
from game.ui.widgets.meters import load_bar

ROW = 44


class ManagerScreen(PhaseScreen):
    kind = "manager"
    phase = "MANAGER"
    tip_topics = ("budget", "schedule", "overtime", "reviews")

    def tip_anchor(self, topic: str) -> pygame.Rect | None:
        prefix = {"budget": "budget:", "schedule": "cell:", "overtime": "overtime",
                  "reviews": "reviews"}.get(topic)
        return self.widgets_rect(prefix) if prefix else None

    @property
    def draft(self):  # type: ignore[no-untyped-def]
        return self.app.session.manager

    def columns(self) -> tuple[pygame.Rect, pygame.Rect]:
        top = chrome.header_height(self) + self.s(16)
        h = self.H - top - chrome.footer_height(self) - self.s(16)
        left_w = int((self.W - self.s(48)) * 0.32)
        left = pygame.Rect(self.s(16), top, left_w, h)
        return left, pygame.Rect(left.right + self.s(16), top, self.W - left.right - self.s(32), h)

    def step(self) -> float:
        return max(1.0, round(self.draft.budget_total / 20))

    def grid(self, right: pygame.Rect) -> tuple[int, int, int, int]:
        """(x of first cell, cell width, y of first row, row pitch)."""
        name_w, load_w = self.s(130), self.s(136)
        n = max(1, len(self.app.scenario.projects))
        cell = (right.width - self.s(24) - name_w - load_w) // n
        return right.left + self.s(12) + name_w, cell, right.top + self.s(130), self.s(58)

    def build(self) -> None:
        left, right = self.columns()
        d = self.draft
        y = left.top + self.s(52)
        sw = self.s(150)
        for cat in d.budget:
            stepper.build(self, f"budget:{cat}", pygame.Rect(left.right - self.s(12) - sw, y, sw,
                                                            self.s(36)), d.budget[cat], False)
            y += self.s(ROW)
        y += self.s(44)
        stepper.build(self, "overtime", pygame.Rect(left.right - self.s(12) - sw, y, sw,
                                                    self.s(36)), d.overtime, True)
        y += self.s(ROW + 4)
        label = "[V] Reviews: on" if d.reviews else "[V] Reviews: off"
        self.button("reviews", label, pygame.Rect(left.right - self.s(12) - sw, y, sw,
                                                  self.s(36)))
        x0, cw, y0, pitch = self.grid(right)
        buttons = cw >= self.s(130)
        for i, team in enumerate(self.app.session.teams):
            for j, proj in enumerate(self.app.scenario.projects):
                r = pygame.Rect(x0 + j * cw + self.s(4), y0 + i * pitch, cw - self.s(8), self.s(36))
                share = d.schedule.get(team.id, {}).get(proj.id, 0.0)
                if buttons:
                    stepper.build(self, f"cell:{team.id}:{proj.id}", r, share, True)
                else:
                    self.entry(f"cell:{team.id}:{proj.id}:field", stepper.shown(share, True), r)
                    self.widgets[f"cell:{team.id}:{proj.id}"] = self.widgets[
                        f"cell:{team.id}:{proj.id}:field"]
                    self.focus_order.append(f"cell:{team.id}:{proj.id}")
        chrome.footer_buttons(self, [("commit", "[Enter] Commit and play the round", "@manager")])
        self.refresh()

    def refresh(self) -> None:
        d = self.draft
        left = d.budget_left
        for cat, amount in d.budget.items():
            stepper.refresh(self, f"budget:{cat}", amount, False, amount > 1e-9, left > 1e-9)
        stepper.refresh(self, "overtime", d.overtime, True, d.overtime > 0, d.overtime < 1)
        for team in self.app.session.teams:
            for proj in self.app.scenario.projects:
                share = d.schedule.get(team.id, {}).get(proj.id, 0.0)
                name = f"cell:{team.id}:{proj.id}"
                if f"{name}:-" in self.widgets:
                    stepper.refresh(self, name, share, True, share > 0, share < 1)
                else:
                    stepper.refresh_field(self, name, share, True)

    # --- decisions -------------------------------------------------------------------------
    def set_value(self, name: str, value: float) -> None:
        d = self.draft
        kind, _, rest = name.partition(":")
        if kind == "budget":
            current = d.budget[rest]
            value = max(0.0, min(value, current + d.budget_left))
            ok = self.app.apply(AllocateBudget({**d.budget, rest: value}))
        elif kind == "overtime":
            ok = self.app.apply(SetOvertime(max(0.0, min(1.0, value))))
        elif kind == "cell":
            team, _, proj = rest.partition(":")
            rows = {t: dict(p) for t, p in d.schedule.items()}
            rows.setdefault(team, {})[proj] = max(0.0, min(1.0, value))
            ok = self.app.apply(Schedule(rows))
        else:
            return
        if ok:
            self.refresh()

    def value_of(self, name: str) -> float:
        kind, _, rest = name.partition(":")
        if kind == "budget":
            return float(self.draft.budget[rest])
        if kind == "overtime":
            return float(self.draft.overtime)
        team, _, proj = rest.partition(":")
        return float(self.draft.schedule.get(team, {}).get(proj, 0.0))

    def on_adjust(self, name: str, step: int) -> None:
        if name.startswith("budget:"):
            self.set_value(name, round(self.value_of(name) + step * self.step(), 6))
        elif name.startswith(("overtime", "cell:")):
            unit = 0.1 if name == "overtime" else 0.05
            self.set_value(name, round(self.value_of(name) + step * unit, 6))

    def on_click(self, name: str) -> None:
        if name.endswith((":-", ":+")):
            self.on_adjust(name[:-2], -1 if name.endswith("-") else 1)
        elif name == "reviews":
            if self.app.apply(SetReviews(not self.draft.reviews)):
                self.rebuild()
        elif name == "commit":
            self.commit()

    def on_other(self, intent: object) -> None:
        from game.ui.input import EnterText

        if isinstance(intent, EnterText) and intent.name.endswith(":field"):
            name = intent.name[: -len(":field")]
            value = stepper.parse(intent.text, percent=not name.startswith("budget:"))
            if value is None:
                self.app.say(f"{intent.text!r} is not a number.")
            else:
                self.set_value(name, value)
            self.app.manager.set_focus_set(None)  # leave the field; Tab carries on from here
            self.focus = name
            self.refresh()

    def on_char(self, char: str) -> None:
        if char == "v":
            self.on_click("reviews")

    def after_commit(self) -> None:
        from game.ui.screens.resolution import ResolutionScreen

        self.app.set_root(ResolutionScreen(self.app))

    # --- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        chrome.header(self, surface, self.app.scenario.title, "MANAGER", self.time_left)
        left, right = self.columns()
        d = self.draft
        inner = self.panel(surface, left, f"Budget: {stepper.shown(d.budget_total, False)} "
                           "this round")
        y = left.top + self.s(52)
        f = self.font("body")
        label_w = inner.width - self.s(160)
        for cat in d.budget:
            text.draw(surface, cat.capitalize(), f, self.col("ink"), (inner.left, y + self.s(18)),
                      "midleft", width=label_w)
            y += self.s(ROW)
        over = d.budget_left < -1e-9
        left_txt = f"Left to spend: {stepper.shown(d.budget_left, False)} of " \
                   f"{stepper.shown(d.budget_total, False)}"
        text.draw(surface, left_txt, self.font("body", True), self.col("bad" if over else "ink"),
                  (inner.left, y + self.s(6)), width=inner.width)
        y += self.s(44)
        text.draw(surface, "Overtime", self.font("small"),
                  self.col("ink"), (inner.left, y + self.s(18)), "midleft", width=label_w)
        y += self.s(ROW + 4)
        text.draw(surface, "Performance reviews", self.font("small"), self.col("ink"),
                  (inner.left, y + self.s(18)), "midleft", width=label_w)
        self.draw_board(surface, right)
        chrome.footer(self, surface, "Type a number and press Enter, or Tab to a box and use "
                      "Left/Right · loads over 100% become fatigue")

    def draw_board(self, surface: pygame.Surface, right: pygame.Rect) -> None:
        inner = self.panel(surface, right, "Schedule: share of each team's capacity per project")
        x0, cw, y0, pitch = self.grid(right)
        fs, fsb = self.font("small"), self.font("small", True)
        for j, proj in enumerate(self.app.scenario.projects):
            cx = x0 + j * cw + self.s(4)
            kind_name = "innovation" if proj.kind == "innovation" else "delivery"
            icons.metric(surface, kind_name, (cx + self.s(8), inner.top + self.s(12)), self.s(7),
                         self.col(kind_name))
            text.paragraph(surface, proj.title, fsb, self.col("ink"),
                           pygame.Rect(cx + self.s(18), inner.top, cw - self.s(24), self.s(54)),
                           max_lines=3)
            status = next((p for p in self.app.session.projects if p.id == proj.id), None)
            line = f"due {proj.due}"
            if status is not None:
                line += f" · {status.progress * 100:.0f}%" if status.state == "open" \
                    else f" · {status.state}"
            text.draw(surface, line, fs, self.col("ink_soft"), (cx, inner.top + self.s(56)),
                      width=cw - self.s(8))
        lx = x0 + len(self.app.scenario.projects) * cw + self.s(8)
        text.draw(surface, "Load", fsb, self.col("ink"), (lx, inner.top))
        loads = self.draft.team_load
        for i, team in enumerate(self.app.session.teams):
            y = y0 + i * pitch
            text.draw(surface, team.name, self.font("body", True), self.col("ink"),
                      (inner.left, y), width=x0 - inner.left - self.s(8))
            text.draw(surface, f"{team.capacity:.0f} pts · {team.headcount} people", fs,
                      self.col("ink_soft"), (inner.left, y + self.s(22)),
                      width=x0 - inner.left - self.s(8))
            load = float(loads.get(team.id, 0.0))
            over = load > 1.0 + 1e-9
            slack = max(0.0, 1 - load) * 100
            label = f"{load * 100:.0f}%" + (" over!" if over else f" · slack {slack:.0f}%")
            if over:
                icons.triangle(surface, (lx + self.s(6), y + self.s(9)), self.s(6),
                               self.col("bad"), up=True)
            text.draw(surface, label, fsb if over else fs, self.col("bad" if over else "ink"),
                      (lx + (self.s(16) if over else 0), y), width=inner.right - lx - self.s(16))
            load_bar(self, surface, pygame.Rect(lx, y + self.s(24), inner.right - lx - self.s(4),
                                                self.s(8)), load)
        legend_y = inner.bottom - self.s(22)
        icons.star(surface, (inner.left + self.s(8), legend_y + self.s(9)), self.s(7),
                   self.col("innovation"))
        text.draw(surface, "innovation project", fs, self.col("ink_soft"),
                  (inner.left + self.s(20), legend_y))
        bx = inner.left + self.s(20) + fs.size("innovation project")[0] + self.s(24)
        icons.box(surface, (bx, legend_y + self.s(9)), self.s(7), self.col("delivery"))
        text.draw(surface, "delivery project · a cell is the share of the team's capacity",
                  fs, self.col("ink_soft"), (bx + self.s(12), legend_y),
                  width=inner.right - bx - self.s(12))
