"""The debrief: trends over the whole game, the leader/manager balance, lessons, score."""

from __future__ import annotations

import pygame

from game.ui.screens.base import Screen
from game.ui.theme import METRIC_LABELS, METRIC_NAMES
from game.ui.widgets import charts, chrome, icons, text


class DebriefScreen(Screen):
    kind = "debrief"

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.result = app.session.result()

    def build(self) -> None:
        chrome.footer_buttons(self, [("again", "[R] Play again", ""),
                                     ("title", "[Enter] Back to title", "@primary")])
        self.focus = "title"

    def on_click(self, name: str) -> None:
        if name == "again" and self.app.scenario_path is not None:
            self.app.start_game(self.app.scenario_path)
        elif name == "title":
            self.on_commit()

    def on_char(self, char: str) -> None:
        if char == "r":
            self.on_click("again")

    def on_commit(self) -> None:
        from game.ui.screens.title import TitleScreen

        self.app.session = None
        self.app.set_root(TitleScreen(self.app))

    def on_back(self) -> None:
        self.on_commit()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        res, sc = self.result, self.app.scenario
        chrome.header(self, surface, f"{sc.title} · debrief")
        top = chrome.header_height(self) + self.s(12)
        h = self.H - top - chrome.footer_height(self) - self.s(12)
        lw = int((self.W - self.s(48)) * 0.55)
        left = pygame.Rect(self.s(16), top, lw, h)
        right = pygame.Rect(left.right + self.s(16), top, self.W - left.right - self.s(32), h)
        chart = pygame.Rect(left.left, left.top, left.width, int(h * 0.62))
        inner = self.panel(surface, chart, "How the organisation moved")
        hist = res.history
        start = {m: hist[0].metrics[m] - hist[0].deltas[m] for m in METRIC_NAMES} if hist else None
        charts.trend(self, surface, inner, {m: [r.metrics[m] for r in hist] for m in METRIC_NAMES},
                     start)
        bal = pygame.Rect(left.left, chart.bottom + self.s(10), left.width,
                          left.bottom - chart.bottom - self.s(10))
        inner = self.panel(surface, bal, "Your balance: where your attention went")
        share = float(res.leader_share)
        charts.balance(self, surface, pygame.Rect(inner.left, inner.top + self.s(4), inner.width,
                                                  self.s(30)), share)
        verdict = ("balanced: vision and execution together" if 0.35 <= share <= 0.65 else
                   "mostly leading: ambitions may outrun the plan" if share > 0.65 else
                   "mostly managing: the plan may stifle ideas")
        text.paragraph(surface, f"Leader {share * 100:.0f}% · manager {(1 - share) * 100:.0f}% "
                       f"· {verdict}", self.font("small"), self.col("ink"),
                       pygame.Rect(inner.left, inner.top + self.s(44), inner.width,
                                   inner.bottom - inner.top - self.s(44)), max_lines=2)
        self.score_card(surface, pygame.Rect(right.left, right.top, right.width, self.s(170)))
        lessons = pygame.Rect(right.left, right.top + self.s(180), right.width,
                              right.height - self.s(180))
        inner = self.panel(surface, lessons, "Lessons")
        y = inner.top
        for lesson in res.lessons or ["No lessons matched this play."]:
            if y + self.font("body").get_linesize() > inner.bottom:
                break
            y += text.paragraph(surface, f"•  {lesson}", self.font("body"), self.col("ink"),
                                pygame.Rect(inner.left, y, inner.width, inner.bottom - y),
                                max_lines=3) + self.s(6)
        chrome.footer(self, surface, "Thanks for playing.")

    def score_card(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        res = self.result
        inner = self.panel(surface, rect)
        t = text.draw(surface, f"Score {res.score:.1f}", self.font("h1", True), self.col("ink"),
                      inner.topleft)
        if res.par is not None:
            diff = res.score - res.par
            word = "above" if diff >= 0 else "below"
            icons.triangle(surface, (t.right + self.s(20), t.centery), self.s(8),
                           self.col("good" if diff >= 0 else "bad"), up=diff >= 0)
            text.draw(surface, f"{charts.signed(diff)} {word} par {res.par:.0f}",
                      self.font("h3", True), self.col("ink"), (t.right + self.s(34), t.centery),
                      "midleft", width=inner.right - t.right - self.s(34))
        x = inner.left
        y = inner.top + self.s(56)
        col_w = inner.width // 3
        for name in METRIC_NAMES:
            icons.metric(surface, name, (x + self.s(10), y + self.s(12)), self.s(10),
                         self.col(name))
            text.draw(surface, METRIC_LABELS[name], self.font("small"), self.col("ink_soft"),
                      (x + self.s(26), y))
            text.draw(surface, f"{res.final[name]:.0f}", self.font("h2", True), self.col("ink"),
                      (x + self.s(26), y + self.s(18)))
            x += col_w
