"""The layout audit: every screen, drawn for real, checked for overlapping text, text cut
without an ellipsis (or with no way to read it whole) and controls that are hidden or
outside the window.

`audit(scenario_path, size, scale)` returns a list of problems, one line each, for one
shipped scenario at one window size and UI scale. It drives the real session and the real
screens; the scenario's own strings are what gets drawn, its longest event and all of its
lessons included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.rules.decisions import EndPhase, Inspire
from game.rules.records import Phase
from game.ui.app import App
from game.ui.core import default_core
from game.ui.input import Key
from game.ui.settings import Settings
from game.ui.widgets import explain, text

SIZES = (((1280, 720), 1.0), ((1920, 1080), 1.5), ((2560, 1440), 2.0))
TIPS = ("vision", "energy", "actions", "budget", "schedule", "overtime", "reviews", "briefing",
        "event", "report", "drivers", "debrief")


def overlap(a: pygame.Rect, b: pygame.Rect, slack: int) -> bool:
    """Whether two boxes share more than `slack` pixels each way (touching is fine)."""
    clip = a.clip(b)
    return clip.width > slack and clip.height > slack


def check(app: App, where: str) -> list[str]:
    """Draw the screen on top and check it."""
    text.RECORD = []
    try:
        app.update(0.0)
        app.draw()
        drawn = list(text.RECORD)
    finally:
        text.RECORD = None
    window = app.window.get_rect()
    slack = max(1, round(app.scale))
    problems = []
    boxes = [(r, t) for r, t, _ in drawn if r.width > 0 and r.height > 0 and t.strip()]
    for i, (a, ta) in enumerate(boxes):
        if not window.contains(a):
            problems.append(f"{where}: text {ta[:40]!r} runs out of the window at {a}")
        for b, tb in boxes[i + 1:]:
            if overlap(a, b, slack):
                problems.append(f"{where}: text {ta[:40]!r} overlaps {tb[:40]!r}")
    cut_whole = {id(r) for r, _ in text.CUT}
    for r, t, cut in drawn:
        if cut and ("…" not in t or id(r) not in cut_whole):
            problems.append(f"{where}: {t[:40]!r} is cut with no ellipsis or no way to read it")
    controls = {id(el): (name, el) for name, el in app.top.widgets.items()}
    shown = [(name, el) for name, el in controls.values()]
    for i, (name, el) in enumerate(shown):
        if not el.visible:
            problems.append(f"{where}: control {name!r} is hidden")
        if not window.contains(el.rect):
            problems.append(f"{where}: control {name!r} is outside the window at {el.rect}")
        for other, el2 in shown[i + 1:]:
            if overlap(el.rect, el2.rect, slack):
                problems.append(f"{where}: controls {name!r} and {other!r} overlap")
        for r, t in boxes:
            if overlap(el.rect, r, slack):
                problems.append(f"{where}: text {t[:40]!r} lies under control {name!r}")
        label = getattr(el, "text", "")
        if isinstance(label, str) and label.endswith("…") and not getattr(el, "tool_tip_text",
                                                                         None):
            problems.append(f"{where}: control {name!r} reads {label!r} with no way to read it")
    spots = getattr(app.top, "spots", None)   # explanations shown on hover and focus
    for spot in spots() if callable(spots) else []:
        box, head, body = explain.card(app.top, spot, window)
        if not window.contains(box) or not head or not body:
            problems.append(f"{where}: the explanation of {spot.title[:40]!r} is empty or "
                            f"outside the window at {box}")
    return problems


def screens(app: App, path: Path) -> Iterator[tuple[str, Callable[[], Any]]]:
    """(name, show) for every screen of a game on `path`, in the order a game meets them."""
    from game.ui.screens.confirm import ConfirmScreen
    from game.ui.screens.handover import HandoverScreen
    from game.ui.screens.name import NameScreen
    from game.ui.screens.picker import PickerScreen
    from game.ui.screens.resolution import ResolutionScreen
    from game.ui.screens.settings_screen import SettingsScreen
    from game.ui.screens.title import TitleScreen

    yield "title", lambda: app.set_root(TitleScreen(app))
    yield "name", lambda: app.push(NameScreen(app))
    yield "settings", lambda: app.set_root(SettingsScreen(app))
    yield "picker", lambda: app.set_root(PickerScreen(app))
    yield "briefing", lambda: app.start_game(path)
    session = lambda: app.session  # noqa: E731 - read late: the app replaces its session
    yield "leader", lambda: app.advance(hand_over=False)
    yield "leader+plan", lambda: (app.apply(Inspire("town_hall")),
                                  app.apply(Inspire("coaching", session().teams[-1].id)),
                                  app.apply(Inspire("recognition")),
                                  app.advance(hand_over=False))
    yield "confirm", lambda: app.push(ConfirmScreen(app, "Commit with something unspent?",
                                                    app.top.unspent() or "x", "Commit anyway",
                                                    lambda: None))
    yield "pause", lambda: (app.advance(hand_over=False), app.open_pause())
    yield "handover", lambda: app.set_root(HandoverScreen(app, "MANAGER"))
    yield "manager", lambda: (app.apply(EndPhase()), app.advance(hand_over=False))
    yield "resolution", lambda: (app.apply(EndPhase()), app.set_root(ResolutionScreen(app)))

    def longest_event() -> None:
        s = session()
        while s.phase is not Phase.REPORT:
            s.apply(app.core.make_strategy("balanced", 0).decide(s)[0])
        s.apply(__import__("game.rules.decisions", fromlist=["Continue"]).Continue())
        events = sorted(s.scenario.events, key=lambda e: -len(e.text + "".join(
            c.label for c in e.choices)))
        if not events:
            return
        fork = s.fork()   # shown only: the game itself carries on from `real`
        fork._queue, fork.phase = [events[0]], Phase.EVENT
        real.append(s)
        app.session = fork
        app.advance()

    real: list[Any] = []

    yield "report", lambda: (_to_report(app), app.advance())
    yield "report reason", lambda: app.top.handle(Key("next"))   # a reason explains itself
    yield "causes", lambda: app.top.handle(Key("enter"))         # every cause of a metric
    yield "causes back", lambda: app.top.handle(Key("back"))
    yield "event", longest_event
    yield "debrief", lambda: (setattr(app, "session", real[0]) if real else None,
                              _to_debrief(app))

    def what_if() -> None:
        app.session = app.core.rewind(app.session, 2)
        app.advance(hand_over=False)

    yield "what-if leader", what_if
    yield "what-if debrief", lambda: _to_debrief(app)


def _to_report(app: App) -> None:
    s = app.session
    strategy = app.core.make_strategy("balanced", 0)
    while s.phase is not Phase.REPORT:
        for d in strategy.decide(s):
            s.apply(d)


def _to_debrief(app: App) -> None:
    s = app.session
    strategy = app.core.make_strategy("balanced", 0)
    while not s.over:
        s.apply_all(strategy.decide(s))
    from game.ui.screens.debrief import DebriefScreen

    screen = DebriefScreen(app)
    lessons = sorted((lesson.text for lesson in s.scenario.debrief), key=len, reverse=True)
    screen.result = replace(screen.result, lessons=lessons)   # every lesson, longest first
    app.set_root(screen)


def audit(path: Path, size: tuple[int, int], scale: float, hotseat: bool = True,
          shots: Path | None = None) -> list[str]:
    core = default_core()
    app = App(core, Settings(size=size, ui_scale=scale, seed=2, save_results=False,
                             hotseat=hotseat, players=("Ana Maria Lopez-Garcia",
                                                       "Benedikt Oberhuber-Schmidt")))
    app.tips_dismissed.update(TIPS)
    problems: list[str] = []
    try:
        for name, show in screens(app, path):
            show()
            problems += check(app, f"{path.stem} {size[0]}x{size[1]}@{scale} {name}")
            if shots is not None:
                shots.mkdir(parents=True, exist_ok=True)
                pygame.image.save(app.window, str(shots / f"{path.stem}-{size[0]}-{name}.png"))
    finally:
        app.close()
        pygame_gui.core.utility.set_default_manager(None)
    return problems


if __name__ == "__main__":   # python -m tests.ui.audit [FOLDER]: print every problem
    import os
    import sys
    import tempfile

    os.environ["SAIL_KEEL_HOME"] = tempfile.mkdtemp()   # never the player's own files

    from game.scenario import scenarios_dir

    found = []
    shots = Path(sys.argv[1]) if len(sys.argv) > 1 else None   # a folder for the pictures
    for file in sorted(Path(scenarios_dir()).glob("*.yaml")):
        for size, scale in SIZES:
            found += audit(file, size, scale, shots=shots)
    print("\n".join(found) or "no problems")
    print(len(found), "problems")
    sys.exit(1 if found else 0)
