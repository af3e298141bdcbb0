"""The round report: each metric's change and its drivers, trends so far, the coach."""

from __future__ import annotations

import pygame

from game.rules.decisions import Continue
from game.rules.records import RoundRecord
from game.rules.remarks import remark
from game.ui.screens.base import Screen
from game.ui.theme import METRIC_LABELS, METRIC_NAMES
from game.ui.widgets import charts, chrome, icons, reasons, text

ROWS = 5  # reasons a metric's card shows at most; the last row opens the smaller ones


class ReportScreen(Screen):
    kind = "report"
    tip_topics = ("report", "drivers")

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self._coach: tuple[int, str] | None = None   # (id of the record, the remark shown)

    def tip_anchor(self, topic: str) -> pygame.Rect | None:
        left, _ = self.columns()
        card_h = (left.height - 2 * self.s(10)) // 3
        if topic == "report":   # the first metric's name and change
            return pygame.Rect(left.left, left.top, left.width, self.s(44))
        if topic == "drivers":  # its bars
            return pygame.Rect(left.left, left.top + self.s(40), left.width, card_h - self.s(40))
        return None

    def cards(self) -> list[pygame.Rect]:
        left, _ = self.columns()
        card_h = (left.height - 2 * self.s(10)) // 3
        return [pygame.Rect(left.left, left.top + i * (card_h + self.s(10)), left.width, card_h)
                for i in range(len(METRIC_NAMES))]

    def bars_rect(self, card: pygame.Rect) -> pygame.Rect:
        x, y = card.left + self.s(14), card.top + self.s(10)
        return pygame.Rect(x, y + self.s(32), card.width - self.s(28), card.bottom - y - self.s(38))

    def rows(self, name: str, bars: pygame.Rect) -> tuple[list[reasons.Item], list[reasons.Item]]:
        """The reasons a metric's card shows, and the smaller ones its last row opens."""
        fit = max(1, bars.height // reasons.row_height(self))
        return reasons.split(self.record.drivers.get(name, []), min(ROWS, fit))

    def build_reasons(self) -> None:
        """Each reason a button that explains itself; the smaller ones behind one that opens."""
        row = reasons.row_height(self)
        for name, card in zip(METRIC_NAMES, self.cards(), strict=True):
            bars = self.bars_rect(card)
            cols = reasons.Columns.of(self, bars)
            shown, rest = self.rows(name, bars)
            for i, (label, _) in enumerate(shown):
                reasons.button(self, f"reason:{name}:{i}", label,
                               reasons.label_rect(self, cols, bars.left, bars.top + i * row),
                               reasons.hover_text(label))
            if rest:
                label = f"See {len(rest)} smaller causes"
                reasons.button(self, f"more:{name}", label,
                               reasons.label_rect(self, cols, bars.left, bars.top + len(shown) * row),
                               f"{label}: every cause of {METRIC_LABELS[name].lower()} this "
                               f"{self.round_word()}, each with what it is and the lever that "
                               "moves it (click, Enter or Space).")

    def coach_text(self) -> str:
        """The coach's remark; in hot-seat its advice goes to the leader or the manager by name."""
        rec = self.record
        if not self.app.settings.hotseat or not isinstance(rec, RoundRecord):
            return str(rec.coach)
        if self._coach is None or self._coach[0] != id(rec):
            history = list(self.app.session.history)
            self._coach = (id(rec), remark(self.app.scenario, rec, history[:history.index(rec)],
                                           tuple(self.app.settings.players)))
        return self._coach[1]

    @property
    def record(self):  # type: ignore[no-untyped-def]
        return self.app.session.history[-1]

    def build(self) -> None:
        last = self.app.session.round >= self.app.scenario.rounds
        label = "[Enter] See the debrief" if last else "[Enter] Next " + \
            self.app.scenario.round_label.lower()
        specs = [("continue", label, "@primary")]
        if self.app.core.rewind is not None:
            specs.insert(0, ("whatif", f"[W] What if? Replay this {self.round_word()}", ""))
        chrome.footer_buttons(self, specs)
        self.build_reasons()
        # Tab from "Next" goes on to the reasons, top to bottom; Shift+Tab from them comes back.
        named = [n for n in self.focus_order if n.startswith(("reason:", "more:"))]
        rest = [n for n in self.focus_order if n not in named and n != "continue"]
        self.focus_order = [*rest, "continue", *named]
        if self.focus not in self.widgets:   # back from the causes: the reason keeps the focus
            self.focus = "continue"

    def round_word(self) -> str:
        return str(self.app.scenario.round_label).lower()

    def on_click(self, name: str) -> None:
        if name == "whatif":
            self.what_if()
        elif name.startswith(("reason:", "more:")):
            self.open_causes(name)
        else:
            self.on_commit()

    def open_causes(self, name: str) -> None:
        """Every cause of the metric, the one pressed first (or the biggest)."""
        from game.ui.screens.causes import CausesScreen

        parts = name.split(":")
        metric = parts[1]
        bars = self.bars_rect(self.cards()[METRIC_NAMES.index(metric)])
        shown, _ = self.rows(metric, bars)
        first = shown[int(parts[2])][0] if parts[0] == "reason" else None
        self.app.push(CausesScreen(self.app, metric, first))

    def draw_focus(self, surface: pygame.Surface) -> None:
        """The focus ring; on a reason, what it is and the lever that moves it as well."""
        super().draw_focus(surface)
        el = self.widgets.get(self.focus or "")
        if el is not None and el.visible and (self.focus or "").startswith(("reason:", "more:")):
            reasons.callout(self, surface, el.rect, el.tool_tip_text or "")

    def on_char(self, char: str) -> None:
        if char == "w":
            self.what_if()

    def what_if(self) -> None:
        """Go back to the start of this round on a new branch; the original line is kept."""
        core, session = self.app.core, self.app.session
        if core.rewind is None:
            return
        word, round_no = self.round_word(), session.round
        from game.ui.screens.confirm import ConfirmScreen

        def go() -> None:
            self.app.session = core.rewind(self.app.session, round_no)
            self.app.say(f"What if: back to the start of {word} {round_no}. Your first line is "
                         "kept; the debrief shows both.", good=True)
            self.app.advance()

        self.app.push(ConfirmScreen(
            self.app, f"Replay {word} {round_no} differently?",
            f"The game goes back to the start of {word} {round_no} with the same luck, so you "
            "can try other choices. What you played is kept as your first line: the save "
            "records both and the debrief draws both.", f"Replay from {word} {round_no}", go))

    def on_commit(self) -> None:
        if self.app.apply(Continue()):
            self.app.advance()

    def columns(self) -> tuple[pygame.Rect, pygame.Rect]:
        top = chrome.header_height(self) + self.s(12)
        h = self.H - top - chrome.footer_height(self) - self.s(12)
        lw = int((self.W - self.s(48)) * 0.52)
        left = pygame.Rect(self.s(16), top, lw, h)
        return left, pygame.Rect(left.right + self.s(16), top, self.W - left.right - self.s(32), h)

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        sc, rec = self.app.scenario, self.record
        chrome.header(self, surface, f"{sc.title} · report")
        _, right = self.columns()
        for name, card in zip(METRIC_NAMES, self.cards(), strict=True):
            self.metric_card(surface, name, card)
        chart_h = int(right.height * 0.29)
        inner = self.panel(surface, pygame.Rect(right.left, right.top, right.width, chart_h),
                           "Trends so far")
        hist = self.app.session.history
        start = {m: hist[0].metrics[m] - hist[0].deltas[m] for m in METRIC_NAMES}
        charts.trend(self, surface, inner, {m: [r.metrics[m] for r in hist] for m in METRIC_NAMES},
                     start, slots=sc.rounds)
        coach = pygame.Rect(right.left, right.top + chart_h + self.s(10), right.width,
                            int(right.height * 0.31))
        inner = self.panel(surface, coach, "Coach")
        f, words = self.font("body"), self.coach_text()
        if text.height_of(words, f, inner.width) > inner.height:
            f = self.font("small")
        text.paragraph(surface, words, f, self.col("ink"), inner)
        rest = pygame.Rect(right.left, coach.bottom + self.s(10), right.width,
                           right.bottom - coach.bottom - self.s(10))
        self.round_facts(surface, self.panel(surface, rest, "This round"))
        chrome.footer(self, surface,
                      f"This round scores {rec.score:.1f} (the game's score is the mean of its rounds)")

    def metric_card(self, surface: pygame.Surface, name: str, rect: pygame.Rect) -> None:
        rec = self.record
        pygame.draw.rect(surface, self.col("panel"), rect, border_radius=self.s(8))
        pygame.draw.rect(surface, self.col(name), rect, max(1, self.s(2)), border_radius=self.s(8))
        x, y = rect.left + self.s(14), rect.top + self.s(10)
        icons.metric(surface, name, (x + self.s(10), y + self.s(13)), self.s(10), self.col(name))
        t = text.draw(surface, f"{METRIC_LABELS[name]} {rec.metrics[name]:.0f}",
                      self.font("h3", True), self.col("ink"), (x + self.s(28), y))
        delta = rec.deltas[name]
        word = "up" if delta >= 0.05 else ("down" if delta <= -0.05 else "flat")
        if word != "flat":
            icons.triangle(surface, (t.right + self.s(18), t.centery), self.s(7),
                           self.col("good" if delta > 0 else "bad"), up=delta > 0)
        text.draw(surface, f"{charts.signed(delta)} {word}", self.font("h3", True),
                  self.col("ink"), (t.right + self.s(32), y))
        text.draw(surface, "why (point at one):", self.font("small"), self.col("ink_soft"),
                  (rect.right - self.s(14), y + self.s(4)), "topright")
        bars = self.bars_rect(rect)
        shown, rest = self.rows(name, bars)
        values = [v for _, v in shown] + ([sum(v for _, v in rest)] if rest else [])
        cols, row = reasons.Columns.of(self, bars), reasons.row_height(self)
        biggest = max((abs(v) for v in values), default=1.0)
        for i, value in enumerate(values):
            reasons.bar(self, surface, cols, bars.top + i * row, value, biggest)

    def round_facts(self, surface: pygame.Surface, r: pygame.Rect) -> None:
        """Projects (bar, state in words, due), events answered, and the gauges; fatigue and
        risk stay "?" unless listening revealed them this round."""
        rec, fs, fb = self.record, self.font("small"), self.font("small", True)
        line = fs.get_linesize()
        g = rec.gauges
        hidden = "" if rec.revealed else " (?: hidden until a listening tour)"
        fatigue = f"{g['fatigue']:.0f}" if rec.revealed else "?"
        risk = f"{g['risk']:.0f}" if rec.revealed and "risk" in g else "?"
        gauges = (f"Fatigue {fatigue} · risk {risk} · trust {g['trust']:.0f} · "
                  f"clarity {g['clarity']:.0f} · ideas {g['ideas']:.0f}{hidden}")
        legend = ("All 0-100. Better low: fatigue, risk. Better high: trust, clarity, ideas "
                  "(innovation work ready).")
        events = [f"Event · {ev.title}: {ev.choice}" for ev in rec.events]
        events += [f"Landed · {line}" for line in getattr(rec, "landed", ())]  # chosen earlier
        events += [f"Timer · {line}" for line in getattr(rec, "timed_out", ())]
        people = [f"{rec.left} left"] if rec.left else []   # people come and go
        if rec.hired:
            people.append(f"{rec.hired} joined (the new ones start unskilled and take others' time)")
        if people:
            events.append("People · " + ", ".join(people))
        bottom = r.bottom - line * (2 + len(events)) - self.s(4)
        state_w = fb.size("shipped late")[0]
        due_w = fs.size("due 00")[0]
        bar_w = max(self.s(40), int(r.width * 0.28))
        title_w = r.width - state_w - due_w - bar_w - self.s(36)
        y = r.top
        projects = rec.projects
        for n, p in enumerate(projects):
            if y + line > bottom or (n < len(projects) - 1 and y + 2 * line > bottom):
                text.draw(surface, f"and {len(projects) - n} more projects", fs,
                          self.col("ink_soft"), (r.left, y))
                y += line
                break
            mid = y + line // 2
            icons.metric(surface, "innovation" if p.kind == "innovation" else "delivery",
                         (r.left + self.s(6), mid), self.s(6), self.col(p.kind
                                                                        if p.kind == "innovation"
                                                                        else "delivery"))
            text.draw(surface, p.title, fs, self.col("ink"), (r.left + self.s(18), mid),
                      "midleft", width=title_w)
            bar = pygame.Rect(r.left + self.s(22) + title_w, mid - self.s(5), bar_w, self.s(10))
            pygame.draw.rect(surface, self.col("surface"), bar, border_radius=self.s(3))
            done = bar.copy()
            done.width = int(bar.width * max(0.0, min(1.0, p.progress)))
            good = p.state in ("shipped", "shipped late")
            pygame.draw.rect(surface, self.col("good" if good else "bad" if p.state == "missed"
                                               else "accent"), done, border_radius=self.s(3))
            pygame.draw.rect(surface, self.col("line"), bar, 1, border_radius=self.s(3))
            x = bar.right + self.s(6)
            text.draw(surface, f"due {p.due}", fs, self.col("ink_soft"), (x, mid), "midleft")
            x += due_w + self.s(8)
            word = p.state if p.state != "open" else f"open {p.progress * 100:.0f}%"
            waiting = getattr(p, "waiting", "")
            if waiting and p.state == "open":  # a dependency not shipped, or not here yet
                word = "waits" if waiting.startswith("needs") else "not yet"
            text.draw(surface, word, fb if p.state != "open" else fs,
                      self.col("bad" if p.state == "missed" else "ink"), (x, mid), "midleft",
                      width=r.right - x)
            y += line
        y += self.s(4)
        for ev in events:
            text.draw(surface, ev, fs, self.col("ink"), (r.left, y), width=r.width)
            y += line
        text.draw(surface, gauges, fs, self.col("ink"), (r.left, r.bottom - 2 * line),
                  width=r.width)
        text.draw(surface, legend, fs, self.col("ink_soft"), (r.left, r.bottom - line),
                  width=r.width)
