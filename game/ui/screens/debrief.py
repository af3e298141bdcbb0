"""The debrief: trends over the whole game, the leader/manager balance, lessons, the score
against par and the player's own progress on this scenario (the game is kept on arrival)."""

from __future__ import annotations

import pygame

from game.rules.coach import par_words
from game.ui.screens.base import Screen
from game.ui.theme import METRIC_LABELS, METRIC_NAMES
from game.ui.widgets import charts, chrome, icons, objectives, profile, text

# The article the game's claims come from; lessons that quote it name it.
ARTICLE = ("\u201cUnlocking organizational success by mastering what is the difference between "
           "leadership and management\u201d (Join The Collective)")
PROFILE_WORDS = {
    "leader-heavy": "leader-heavy — mostly leading, so ambitions may outrun the plan",
    "balanced": "balanced — vision and execution together",
    "manager-heavy": "manager-heavy — mostly managing, so the plan may stifle ideas",
    "hands-off": "hands-off — things were left as they were, so nobody led or managed",
}


def lesson_pages(lessons: list[str], font: pygame.font.Font, width: int, height: int,
                 gap: int, max_lines: int = 3) -> list[list[str]]:
    """The lessons split into pages that fit a `width` x `height` box, in order; none is lost."""
    pages: list[list[str]] = [[]]
    used = 0
    for lesson in lessons:
        lines = min(len(text.wrap(f"•  {lesson}", font, width)), max_lines)
        need = lines * font.get_linesize() + gap
        if pages[-1] and used + need > height:
            pages.append([])
            used = 0
        pages[-1].append(lesson)
        used += need
    return pages


class DebriefScreen(Screen):
    kind = "debrief"
    tip_topics = ("debrief",)

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.result = app.session.result()
        self.kept = app.keep_finished_game()
        self.progress = None
        core = app.core
        self.branch = getattr(app.session, "branch", None)
        self.original = core.original_line(app.session) if core.original_line is not None \
            and self.branch is not None else []
        if self.kept is not None:
            from game.persistence import Progress

            self.progress = Progress.of(self.kept, float(self.result.score), self.result.par)
        self.lesson_page = 0

    @property
    def in_room(self) -> bool:
        """A workshop room counts one game: no second game from here."""
        return bool(getattr(self.app.driver, "in_room", False))

    def build(self) -> None:
        more = [("lessons", "[L] More lessons", "")] if len(self.pages()) > 1 else []
        again = [] if self.in_room else [("again", "[R] Play again", "")]
        chrome.footer_buttons(self, [*more, *again,
                                     ("title", "[Enter] Back to title", "@primary")])
        self.focus = "title"

    def lessons_box(self) -> tuple[pygame.Rect, pygame.Rect]:
        """The lessons card and the rect inside it, below its title (as `panel` lays it out)."""
        _, right = self.columns()
        top = right.top + self.score_height() + self.s(10) + self.progress_height() + self.s(10)
        top += self.objectives_height() + (self.s(10) if self.result.objectives else 0)
        card = pygame.Rect(right.left, top, right.width, right.bottom - top)
        inner = card.inflate(-self.s(24), -self.s(20))
        title = self.font("h3", True).get_linesize() + self.s(6)
        return card, pygame.Rect(inner.left, inner.top + title, inner.width, inner.height - title)

    def score_height(self) -> int:
        """The score card: tighter when the objectives need the room."""
        return self.s(126 if self.result.objectives else 150)

    def progress_height(self) -> int:
        """The progress card: smaller when the objectives need the room."""
        return self.s(128 if self.result.objectives else 160)

    def objectives_height(self) -> int:
        """The objectives card's height (0 when the scenario has none)."""
        count = len(self.result.objectives)
        if not count:
            return 0
        return self.font("h3", True).get_linesize() + self.s(6) + self.s(20) + \
            objectives.list_height(self, self.result.objectives)

    def source_line(self) -> str:
        """The article's citation, when a lesson quotes it."""
        quotes = any(w in lesson.lower() for lesson in self.result.lessons
                     for w in ("article", "research"))
        return f"Source: {ARTICLE}." if quotes else ""

    def pages(self) -> list[list[str]]:
        """Every lesson shown, in the order the rules give (priority first), page by page."""
        _, inner = self.lessons_box()
        source = self.source_line()
        height = inner.height - (text.height_of(source, self.font("small"), inner.width)
                                 if source else 0)
        lessons = self.result.lessons or ["No lessons matched this play."]
        return lesson_pages(lessons, self.font("body"), inner.width, height, self.s(6))

    def on_click(self, name: str) -> None:
        if name == "lessons":
            self.lesson_page = (self.lesson_page + 1) % len(self.pages())
        elif name == "again" and self.app.scenario_path is not None and not self.in_room:
            self.app.start_game(self.app.scenario_path)
        elif name == "title":
            self.on_commit()

    def on_char(self, char: str) -> None:
        if char == "r":
            self.on_click("again")
        elif char == "l":
            self.on_click("lessons")

    def on_commit(self) -> None:
        from game.ui.screens.title import TitleScreen

        self.app.session = None
        self.app.set_root(TitleScreen(self.app))

    def on_back(self) -> None:
        self.on_commit()

    def tip_anchor(self, topic: str) -> pygame.Rect | None:
        _, right = self.columns()
        return pygame.Rect(right.left, right.top, right.width, self.score_height())  # the score card

    # --- drawing ---------------------------------------------------------------------------
    def columns(self) -> tuple[pygame.Rect, pygame.Rect]:
        top = chrome.header_height(self) + self.s(12)
        h = self.H - top - chrome.footer_height(self) - self.s(12)
        lw = int((self.W - self.s(48)) * 0.55)
        left = pygame.Rect(self.s(16), top, lw, h)
        return left, pygame.Rect(left.right + self.s(16), top, self.W - left.right - self.s(32), h)

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        res, sc = self.result, self.app.scenario
        chrome.header(self, surface, f"{sc.title} · debrief")
        left, right = self.columns()
        chart = pygame.Rect(left.left, left.top, left.width, int(left.height * 0.55))
        inner = self.panel(surface, chart, "How the organisation moved")
        hist = res.history
        start = {m: hist[0].metrics[m] - hist[0].deltas[m] for m in METRIC_NAMES} if hist else None
        series = {m: [r.metrics[m] for r in hist] for m in METRIC_NAMES}
        if self.original and start is not None:
            first = self.original
            word = sc.round_label.lower()
            legend = (f"dashed: your first line, before you went back to {word} "
                      f"{self.branch.from_round} ({len(first)} {word}s played, mean score "
                      f"{sum(r.score for r in first) / len(first):.1f})")
            fs = self.font("small")
            text.draw(surface, legend, fs, self.col("ink_soft"), (inner.left, inner.top),
                      width=inner.width)
            below = fs.get_linesize() + fs.get_height() // 2   # clear of the axis' "100"
            inner = pygame.Rect(inner.left, inner.top + below, inner.width, inner.height - below)
            charts.ghost(self, surface, inner, {m: [r.metrics[m] for r in first]
                                                for m in METRIC_NAMES}, start, len(hist))
        charts.trend(self, surface, inner, series, start)
        self.balance_card(surface, pygame.Rect(left.left, chart.bottom + self.s(10), left.width,
                                               left.bottom - chart.bottom - self.s(10)))
        score = pygame.Rect(right.left, right.top, right.width, self.score_height())
        self.score_card(surface, score)
        mine = pygame.Rect(right.left, score.bottom + self.s(10), right.width,
                           self.progress_height())
        self.progress_card(surface, mine)
        if res.objectives:
            met = sum(o.status == "met" for o in res.objectives)
            scored = sum(o.scored for o in res.objectives)
            goals = pygame.Rect(right.left, mine.bottom + self.s(10), right.width,
                                self.objectives_height())
            inner = self.panel(surface, goals, f"Objectives: {met} of {scored} met")
            objectives.draw_list(self, surface, inner, res.objectives)
        card, _ = self.lessons_box()
        pages = self.pages()
        page = min(self.lesson_page, len(pages) - 1)
        title = "Lessons" if len(pages) == 1 else f"Lessons ({page + 1} of {len(pages)})"
        inner = self.panel(surface, card, title)
        y, fb, fs = inner.top, self.font("body"), self.font("small")
        source = self.source_line()
        bottom = inner.bottom - (text.height_of(source, fs, inner.width) if source else 0)
        quotes = bool(source)
        for lesson in pages[page]:
            y += text.paragraph(surface, f"•  {lesson}", fb, self.col("ink"),
                                pygame.Rect(inner.left, y, inner.width, bottom - y),
                                max_lines=3) + self.s(6)
        if quotes:
            text.paragraph(surface, source, fs, self.col("ink_soft"),
                           pygame.Rect(inner.left, bottom, inner.width, inner.bottom - bottom))
        chrome.footer(self, surface, self.footer_text())

    def footer_text(self) -> str:
        if self.kept is None:
            return "Thanks for playing. This game was not saved."
        if self.kept.save is None:
            return "Thanks for playing."
        return f"Thanks for playing. Saved as {self.kept.save.name}"

    def balance_card(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        res = self.result
        inner = self.panel(surface, rect, "Your balance: where your attention went")
        lead, manage, idle = float(res.lead), float(res.manage), res.profile == "hands-off"
        profile.balance_bar(self, surface, pygame.Rect(inner.left, inner.top + self.s(4),
                                                       inner.width, self.s(28)), lead, manage, idle)
        fs = self.font("small")
        y = inner.top + self.s(40)
        y += text.paragraph(surface, profile.balance_words(lead, manage, idle), fs,
                            self.col("ink_soft"), pygame.Rect(inner.left, y, inner.width,
                                                              fs.get_linesize()), max_lines=1)
        words = PROFILE_WORDS.get(res.profile, res.profile)
        y += text.paragraph(surface, f"Profile: {words}.", self.font("small", True),
                            self.col("ink"), pygame.Rect(inner.left, y, inner.width,
                                                         2 * fs.get_linesize()), max_lines=2)
        strip = pygame.Rect(inner.left, y + self.s(4), inner.width, inner.bottom - y - self.s(4))
        if strip.height >= 4 * fs.get_linesize():
            label = self.app.scenario.round_label
            text.draw(surface, f"Each {label.lower()}: how much you led (left bar) and managed "
                      "(right bar)", fs, self.col("ink_soft"), strip.topleft, width=strip.width)
            strip.top += fs.get_linesize() + self.s(2)
            strip.height -= fs.get_linesize() + self.s(2)
            profile.activity_strip(self, surface, strip, [r.lead for r in res.history],
                                   [r.manage for r in res.history], label)

    def score_card(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        res = self.result
        inner = self.panel(surface, rect)
        t = text.draw(surface, f"Score {res.score:.1f}", self.font("h1", True), self.col("ink"),
                      inner.topleft)
        if res.par is not None:
            words, sign = par_words(float(res.score), float(res.par))
            centre = (t.right + self.s(24), t.centery)
            if sign == 0:
                icons.box(surface, centre, self.s(7), self.col("ink_soft"))
            else:
                icons.triangle(surface, centre, self.s(9), self.col("good" if sign > 0 else "bad"),
                               up=sign > 0)
            text.draw(surface, words, self.font("h3", True), self.col("ink"),
                      (t.right + self.s(40), t.centery), "midleft",
                      width=inner.right - t.right - self.s(40))
        x, y = inner.left, t.bottom + self.s(8)
        col_w = inner.width // 3
        for name in METRIC_NAMES:
            icons.metric(surface, name, (x + self.s(10), y + self.s(12)), self.s(10),
                         self.col(name))
            text.draw(surface, METRIC_LABELS[name], self.font("small"), self.col("ink_soft"),
                      (x + self.s(26), y))
            text.draw(surface, f"{res.final[name]:.0f}", self.font("h2", True), self.col("ink"),
                      (x + self.s(26), y + self.s(18)))
            x += col_w

    def progress_card(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        inner = self.panel(surface, rect, "Your progress on this scenario")
        fs, fb = self.font("small"), self.font("small", True)
        p, kept = self.progress, self.kept
        notes = list(kept.notes)[:2] if kept is not None else []
        note_w = inner.width - self.s(16)   # notes wrap whole: a warning is never cut short
        bottom = inner.bottom - sum(text.height_of(n, fs, note_w) for n in notes)
        if p is None:
            text.paragraph(surface, "Saving was turned off for this game, so it is not in your "
                           "history.", fs, self.col("ink_soft"), inner, max_lines=2)
            return
        if p.plays == 1:
            line = "Your first play of this scenario. Play again to see your progress."
        else:
            best = f" · previous best {p.previous_best:.1f}" if p.previous_best is not None else ""
            line = f"Played {p.plays} times{best}"
        t = text.draw(surface, line, fb, self.col("ink"), inner.topleft, width=inner.width)
        if p.new_best:
            icons.star(surface, (t.right + self.s(16), t.centery), self.s(7), self.col("accent"))
            text.draw(surface, "new personal best", fb, self.col("accent"),
                      (t.right + self.s(28), t.centery), "midleft",
                      width=inner.right - t.right - self.s(28))
        spark = pygame.Rect(inner.left, t.bottom + self.s(2), inner.width,
                            bottom - t.bottom - self.s(4))
        if spark.height >= self.s(30):
            charts.sparkline(self, surface, spark, p.scores, p.par)
        y = bottom
        for note in notes:
            icons.triangle(surface, (inner.left + self.s(6), y + fs.get_linesize() // 2),
                           self.s(5), self.col("warn"), up=True)
            y += text.paragraph(surface, note, fs, self.col("ink_soft"),
                                pygame.Rect(inner.left + self.s(16), y, note_w, inner.bottom - y))
