"""Tutorial tips: each appears on its screen, is dismissed with Enter or its button, never
comes back, and never covers a control at any supported window size and UI scale."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.scenario.types import TUTORIAL_TOPICS
from game.ui.app import App
from game.ui.autoplay import Autoplayer
from game.ui.core import default_core
from game.ui.input import Key
from game.ui.screens.title import TitleScreen
from game.ui.settings import Settings

TUTORIAL = Path(__file__).resolve().parents[1] / "data" / "tutorial" / "tutorial-tips.yaml"


class TipInspector(Autoplayer):
    """Plays the game and checks every tip's card the moment it appears."""

    def __init__(self, *args: object, **kw: object) -> None:
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.tips: list[str] = []
        self.overlaps: list[str] = []

    def before_events(self, app: App) -> None:
        tip = getattr(app.top, "tip", None)
        if tip is not None and (not self.tips or self.tips[-1] != tip.topic):
            self.tips.append(tip.topic)
            window = pygame.Rect((0, 0), app.window.get_size())
            if not window.contains(tip.card):
                self.overlaps.append(f"{tip.topic}: card outside the window")
            for name, el in app.top.widgets.items():
                if name != "tip:ok" and el.visible and el.rect.colliderect(tip.card):
                    self.overlaps.append(f"{tip.topic}: covers {name}")
            if not tip.card.contains(app.top.widgets["tip:ok"].rect):
                self.overlaps.append(f"{tip.topic}: its button sticks out")
        super().before_events(app)


@pytest.mark.parametrize(("size", "scale"), [((1280, 720), 1.0), ((1920, 1080), 1.5),
                                             ((2560, 1440), 2.0), ((1280, 720), 2.0)])
def test_every_tip_shows_once_and_covers_no_control(size: tuple[int, int], scale: float) -> None:
    core = default_core()
    driver = TipInspector(core.make_strategy("balanced", 1), TUTORIAL, tour=True)
    app = App(core, Settings(size=size, ui_scale=scale, seed=1,
                             scenario_dirs=[str(TUTORIAL.parent)]),
              scenario_path=TUTORIAL, driver=driver)
    try:
        app.set_root(TitleScreen(app))
        assert app.run(fps=0, fixed_dt=1 / 60) == 0, driver.problem
    finally:
        app.close()
        pygame_gui.core.utility.set_default_manager(None)
    assert sorted(driver.tips) == sorted(TUTORIAL_TOPICS)     # each once, none missing
    assert driver.overlaps == []


def test_enter_dismisses_the_tip_before_it_commits(make_app) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    app = make_app()
    app.start_game(app.scenario_path)
    app.scenario = replace(app.scenario, tutorial=(("briefing", "Read me first."),
                                                   ("vision", "Pick one.")))
    app.top.rebuild()
    assert app.top.tip is not None and app.top.tip.topic == "briefing"
    app.top.handle(Key("enter"))
    assert app.top.kind == "briefing" and app.top.tip is None and "tip:ok" not in app.top.widgets
    app.top.handle(Key("enter"))
    assert app.top.kind == "leader" and app.top.tip.topic == "vision"
    app.top.on_click("vision:modern")          # a rebuild keeps the tip until it is dismissed
    assert app.top.tip.topic == "vision"
    app.top.handle(__import__("game.ui.input", fromlist=["Click"]).Click("tip:ok"))
    assert app.top.tip is None and app.tips_dismissed == {"briefing", "vision"}
