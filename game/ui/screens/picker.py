"""The scenario picker: shipped scenarios plus any folder given with --scenarios."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from game.ui.core import scenario_files
from game.ui.screens.base import Screen
from game.ui.widgets import text

PAGE = 7


@dataclass
class Entry:
    path: Path
    scenario: Any = None
    problem: str = ""

    @property
    def title(self) -> str:
        return self.scenario.title if self.scenario else f"{self.path.name} (cannot load)"


def is_tutorial(entry: Entry) -> bool:
    return entry.scenario is not None and getattr(entry.scenario, "difficulty", "") == "tutorial"


class PickerScreen(Screen):
    kind = "picker"

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.entries = self.load()
        self.selected = self.index_of(app.scenario_path)  # the file given on the command line
        if app.scenario_path is None and self.entries and self.first_time():
            self.selected = 0   # the tutorial, first in the list
        self.page = self.selected // PAGE

    def load(self) -> list[Entry]:
        core, dirs = self.app.core, [Path(d) for d in self.app.settings.scenario_dirs]
        if core.default_dir is not None:
            dirs.insert(0, core.default_dir)
        out = []
        for path in scenario_files(dirs):
            try:
                out.append(Entry(path, core.load_scenario(path)))
            except core.scenario_error as exc:
                out.append(Entry(path, problem=str(exc)))
            except Exception as exc:  # one odd file must not cost the player the others
                out.append(Entry(path, problem=f"{path.name}: cannot be loaded ({type(exc).__name__})"))
        default = core.default_scenario
        tutorial_first = self.first_time()
        out.sort(key=lambda e: (e.scenario is None,
                                not (tutorial_first and is_tutorial(e)),
                                not (e.scenario and e.scenario.id == default), e.title))
        return out

    def first_time(self) -> bool:
        """Until a player finishes a tutorial, it comes first and is chosen for them."""
        from game.ui import prefs

        return not prefs.load().tutorial_done

    def index_of(self, path: Path | None) -> int:
        """The entry for `path`, or 0 (the default scenario comes first)."""
        if path is not None:
            for i, entry in enumerate(self.entries):
                if entry.path.resolve() == Path(path).resolve():
                    return i
        return 0

    def list_rect(self) -> pygame.Rect:
        return pygame.Rect(self.s(32), self.s(110), int(self.W * 0.36), self.H - self.s(200))

    def build(self) -> None:
        area = self.list_rect()
        shown = self.entries[self.page * PAGE:(self.page + 1) * PAGE]
        h = min(self.s(60), (area.height - self.s(60)) // PAGE)
        for i, entry in enumerate(shown):
            idx = self.page * PAGE + i
            rect = pygame.Rect(area.left, area.top + i * (h + self.s(8)), area.width, h)
            b = self.button(f"pick:{idx}", f"[{i + 1}] {entry.title}", rect, "@choice")
            if idx == self.selected:
                b.select()
        if len(self.entries) > PAGE:
            self.button("more", "[M] More scenarios", pygame.Rect(
                area.left, area.bottom - self.s(44), area.width, self.s(44)))
        y = self.H - self.s(70)
        self.button("back", "[Esc] Back", pygame.Rect(self.s(32), y, self.button_width(
            "[Esc] Back", 120), self.s(46)))
        label = "[Enter] Start this scenario"
        w = self.button_width(label, 200)
        start = self.button("start", label, pygame.Rect(self.W - self.s(32) - w, y, w, self.s(46)),
                            "@primary")
        if not self.entries or self.entries[self.selected].scenario is None:
            start.disable()
        self.focus = self.focus or "start"

    def on_click(self, name: str) -> None:
        if name.startswith("pick:"):
            self.selected = int(name[5:])
            self.rebuild()
        elif name == "more":
            self.page = (self.page + 1) % ((len(self.entries) + PAGE - 1) // PAGE)
            self.selected = self.page * PAGE  # the details shown are on the page shown
            self.rebuild()
        elif name == "back":
            self.app.pop()
        elif name == "start":
            self.on_commit()

    def on_char(self, char: str) -> None:
        if char.isdigit() and 1 <= int(char) <= PAGE:
            idx = self.page * PAGE + int(char) - 1
            if idx < len(self.entries):
                self.on_click(f"pick:{idx}")
        elif char == "m" and len(self.entries) > PAGE:
            self.on_click("more")

    def on_commit(self) -> None:
        if self.entries and self.entries[self.selected].scenario is not None:
            self.app.start_game(self.entries[self.selected].path)

    def on_back(self) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.col("paper"))
        text.draw(surface, "Choose a scenario", self.font("h1", True), self.col("ink"),
                  (self.s(32), self.s(36)))
        mode = "Hot-seat: one leader, one manager" if self.app.settings.hotseat else "Solo"
        text.draw(surface, mode, self.font("body", True), self.col("ink_soft"),
                  (self.W - self.s(32), self.s(50)), "topright")
        if not self.entries:
            text.draw(surface, "No scenario files found.", self.font("h3"), self.col("bad"),
                      (self.s(32), self.s(120)))
            return
        area = self.list_rect()
        detail = pygame.Rect(area.right + self.s(24), area.top, self.W - area.right - self.s(56),
                             area.height)
        entry = self.entries[self.selected]
        if entry.scenario is not None:   # as tall as its text, not an empty card
            detail.height = min(detail.height,
                                self.detail_height(entry.scenario, detail.width - self.s(24))
                                + self.s(20))
        inner = self.panel(surface, detail)
        self.draw_detail(surface, entry, inner)

    def detail_height(self, sc: Any, width: int) -> int:
        """The height `draw_detail` uses for a scenario at this width."""
        line = self.font("body").get_linesize()
        title = min(2, len(text.wrap(sc.title, self.font("h2", True), width))) * \
            self.font("h2", True).get_linesize()
        h = title + self.s(40) + min(5, len(text.wrap(sc.summary, self.font("body"), width))) * line
        if sc.objectives:
            h += self.s(14 + 30)
            for obj in sc.objectives[:5]:
                h += min(2, len(text.wrap(f"•  {obj}", self.font("body"), width))) * line + self.s(2)
        return h

    def draw_detail(self, surface: pygame.Surface, entry: Entry, r: pygame.Rect) -> None:
        ink, soft = self.col("ink"), self.col("ink_soft")
        if entry.scenario is None:
            text.draw(surface, entry.path.name, self.font("h2", True), ink, r.topleft,
                      width=r.width)
            text.paragraph(surface, entry.problem, self.font("small"), self.col("bad"),
                           pygame.Rect(r.left, r.top + self.s(44), r.width, r.height - self.s(44)))
            return
        sc = entry.scenario
        y = r.top
        y += text.paragraph(surface, sc.title, self.font("h2", True), ink,
                            pygame.Rect(r.left, y, r.width, self.s(64)), max_lines=2)
        facts = (f"{sc.rounds} {sc.round_label.lower()}s  ·  {sc.difficulty}  ·  "
                 f"about {sc.minutes} min")
        if sc.par is not None:
            facts += f"  ·  par {sc.par:.0f}"
        text.draw(surface, facts, self.font("body", True), soft, (r.left, y + self.s(6)),
                  width=r.width)
        y += self.s(40)
        y += text.paragraph(surface, sc.summary, self.font("body"), ink,
                            pygame.Rect(r.left, y, r.width, self.s(120)), max_lines=5)
        if sc.objectives:
            y += self.s(14)
            text.draw(surface, "Objectives", self.font("h3", True), ink, (r.left, y))
            y += self.s(30)
            for obj in sc.objectives[:5]:
                used = text.paragraph(surface, f"•  {obj}", self.font("body"), ink,
                                      pygame.Rect(r.left, y, r.width, r.bottom - y), max_lines=2)
                y += used + self.s(2)
