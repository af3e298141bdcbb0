"""The manager phase: budget, schedule board, overtime and performance reviews."""

from __future__ import annotations

import pygame

from game.rules.decisions import AllocateBudget, Schedule, SetOvertime, SetReviews
from game.ui.screens import board
from game.ui.screens.phase import PhaseScreen
from game.ui.widgets import chrome, explain, handover, objectives, stepper, text

ROW = 44


class ManagerScreen(PhaseScreen):
    kind = "manager"
    phase = "MANAGER"
    tip_topics = ("budget", "schedule", "overtime", "reviews")
    note = ""   # the last budget note this screen put in the footer

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
        name_w, load_w = self.s(120), self.s(150)
        n = max(1, len(self.app.scenario.projects))
        cell = (right.width - self.s(24) - name_w - load_w) // n
        teams = max(1, len(self.app.session.teams))
        top = board.head_rows(self, right)[-1] + self.s(4)
        pitch = min(self.s(60), (right.bottom - self.s(10) - top - board.legend_height(self, right)) // teams)
        return right.left + self.s(12) + name_w, cell, top, pitch


    def outlook(self):  # type: ignore[no-untyped-def]
        """The model's forecast of the plan as it stands, computed again only when it changes."""
        core, session = self.app.core, self.app.session
        if core.forecast is None:
            return None
        key = (id(session), len(session.log))
        if getattr(self, "_outlook_key", None) != key:
            self._outlook_key, self._outlook = key, core.forecast(session)
        return self._outlook

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
        for i, team in enumerate(self.app.session.teams):
            for j, proj in enumerate(self.app.scenario.projects):
                r = pygame.Rect(x0 + j * cw + self.s(3), y0 + i * pitch, cw - self.s(6), self.s(36))
                share = d.schedule.get(team.id, {}).get(proj.id, 0.0)
                stepper.build(self, f"cell:{team.id}:{proj.id}", r, share, True)
        chrome.footer_buttons(self, self.footer_specs("Commit and play the round", "@manager"))
        self.refresh()

    def refresh(self) -> None:
        d = self.draft
        left = d.budget_left
        for cat, amount in d.budget.items():
            others = any(v > 1e-9 for c, v in d.budget.items() if c != cat)
            stepper.refresh(self, f"budget:{cat}", amount, False, amount > 1e-9,
                            left > 1e-9 or others)
        stepper.refresh(self, "overtime", d.overtime, True, d.overtime > 0, d.overtime < 1)
        for team in self.app.session.teams:
            for proj in self.app.scenario.projects:
                share = d.schedule.get(team.id, {}).get(proj.id, 0.0)
                stepper.refresh(self, f"cell:{team.id}:{proj.id}", share, True, share > 0,
                                share < 1)
        self.refresh_undo()

    # --- decisions -------------------------------------------------------------------------
    def set_value(self, name: str, value: float) -> None:
        d = self.draft
        kind, _, rest = name.partition(":")
        if kind == "budget":
            ok = self.set_budget(rest, value)
        elif kind == "overtime":
            kept = max(0.0, min(1.0, value))
            ok = self.app.apply(SetOvertime(kept))
            if ok and kept != value:
                self.app.say(f"Overtime set to {stepper.shown(kept, True)}: it runs from 0% to 100%.")
        elif kind == "cell":
            team, _, proj = rest.partition(":")
            rows = {t: dict(p) for t, p in d.schedule.items()}
            kept = max(0.0, min(1.0, value))
            rows.setdefault(team, {})[proj] = kept
            ok = self.app.apply(Schedule(rows))
            if ok and kept != value:
                self.app.say(f"Set to {stepper.shown(kept, True)}: a cell holds from 0% to 100% of "
                             "the team's capacity.")
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

    def set_budget(self, category: str, value: float) -> bool:
        """One rule for typing an amount and for "+": what is not free is taken from the
        reserve, then from the largest other line, and a line in the footer says so. Below 0
        or more than the whole budget is kept in range, and said."""
        d = self.draft
        budget, want = dict(d.budget), max(0.0, value)
        need = want - budget[category] - max(0.0, d.budget_left)
        taken: dict[str, float] = {}
        while need > 1e-9:
            others = {c: v for c, v in budget.items() if c != category and v > 1e-9}
            if not others:
                break
            source = "reserve" if "reserve" in others else max(others, key=lambda c: others[c])
            amount = min(need, others[source])
            budget[source] = others[source] - amount if amount < others[source] else 0.0
            taken[source] = taken.get(source, 0.0) + amount
            need -= amount
        kept = want if need <= 1e-9 else want - need   # typed amounts are kept exactly
        budget[category] = kept
        if not self.app.apply(AllocateBudget(budget)):
            return False
        said = f"{category.capitalize()} {stepper.shown(kept, False)}"
        if kept != value:
            said += (f", not {stepper.shown(value, False)}: "
                     + ("a line cannot go below 0." if value < 0 else "that is the whole budget."))
        if taken:
            said += ": " + ", ".join(f"{stepper.shown(v, False)} taken from {c}"
                                     for c, v in taken.items()) + "."
        if taken or kept != value:
            self.note = said
            self.app.say(said, good=kept == value)
        return True

    def exit(self) -> None:
        """A budget note belongs to this screen: it does not follow the player to the report."""
        if self.note and self.app.toast == self.note:
            self.app.toast_time = 0.0
        self.note = ""
        super().exit()

    def unspent(self) -> str | None:
        left = self.draft.budget_left
        if left > 0.5:
            return (f"{stepper.shown(left, False)} of the budget is not allocated, and unspent "
                    "budget does nothing this round. (The reserve line is the one that absorbs "
                    "shocks.)")
        return None

    def on_click(self, name: str) -> None:
        if name == "undo":
            self.on_undo()
        elif name.endswith((":-", ":+")):
            self.on_adjust(name[:-2], -1 if name.endswith("-") else 1)
        elif name == "reviews":
            if self.app.apply(SetReviews(not self.draft.reviews)):
                self.rebuild()
        elif name == "commit":
            self.commit()
        elif f"{name}:field" in self.widgets:   # Enter on a focused box: type into it
            self.app.manager.set_focus_set(self.widgets[f"{name}:field"])

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
        # the objectives' count first (one line; each reads whole on the debrief and under
        # the pointer), then the leader's card in what is left
        top = y + self.s(46)
        line = self.font("small", True).get_linesize()
        objectives.board_strip(self, surface, pygame.Rect(inner.left, top, inner.width, line))
        top += line + self.s(4)
        handover.leader_strip(self, surface, pygame.Rect(inner.left, top, inner.width, inner.bottom - top))
        board.draw_board(self, surface, right)
        chrome.footer(self, surface, "−/+ or type a number and press Enter; Tab to a box and use "
                      "Left/Right · loads over 100% become fatigue")




    def draw_focus(self, surface: pygame.Surface) -> None:
        super().draw_focus(surface)
        explain.draw(self, surface, explain.pick(self.spots(), self.focus, explain.pointer()))

    def spots(self) -> list[explain.Spot]:
        """What explains itself on hover and focus (see board.spots)."""
        return board.spots(self)

