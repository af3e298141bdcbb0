"""Nothing lost: the game in progress is kept after every move and Continue on the title
resumes it exactly, launched as the README says and played with real keys."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.analysis.strategies import make_strategy
from game.persistence import autosave
from game.ui.app import App
from tests.ui.keyboard import Player, launch
from tests.ui.test_input_count import by_keyboard


def test_a_closed_window_continues_where_it_was_and_plays_to_the_end(monkeypatch,  # type: ignore[no-untyped-def]
                                                                     sail_keel_home: Path) -> None:
    before: dict[str, object] = {}

    def first(app: App) -> None:
        p = by_keyboard(app)                          # round 1, to round 2's leader phase
        for char in "tl":                             # round 2: town hall, listening tour
            p.press(ord(char))
        p.press(pygame.K_RETURN, pygame.KMOD_LCTRL)
        p.press(pygame.K_y)                           # commit with energy unspent: yes
        p.wait_for("manager")
        p.press(pygame.K_RETURN, pygame.KMOD_LCTRL)   # round 2 plays
        p.wait_for("event", "report")
        while app.top.kind == "event":
            p.press(pygame.K_1)
        p.press(pygame.K_w)                           # what if? replay round 2
        p.press(pygame.K_y)
        p.wait_for("leader")
        p.press(pygame.K_c)                           # coach, on the new branch
        s = app.session
        before.update(log=s.log, history=s.history, metrics=s.metrics, branch=s.branch,
                      round=s.round, phase=s.phase)
        p.close_window()
        assert not app.running

    assert launch(monkeypatch, first) == 0
    assert (sail_keel_home / autosave.FILE).is_file()
    assert before["round"] == 2 and before["branch"].from_round == 2

    def second(app: App) -> None:
        p = Player(app)
        assert app.top.kind == "title" and app.top.focus == "continue"
        p.press(pygame.K_RETURN)                      # Enter: what the focus says
        s = app.session
        assert app.top.kind == "leader"
        assert (s.log, s.history, s.metrics, s.branch, s.round, s.phase) == (
            before["log"], before["history"], before["metrics"], before["branch"],
            before["round"], before["phase"])
        assert app.settings.players[0] == "Ana"
        p.press(pygame.K_RETURN, pygame.KMOD_LCTRL)   # commit the phase it was in
        p.press(pygame.K_y)
        s = app.session
        assert s.phase.name == "MANAGER"
        strategy = make_strategy("balanced", 0)
        while not s.over:                             # and it plays to the end
            for decision in strategy.decide(s):
                assert app.apply(decision)
            p.frames(1)
        app.advance()
        p.wait_for("debrief")
        p.frames()
        assert not (sail_keel_home / autosave.FILE).exists()   # finished: kept as a save
        assert app.kept_game is not None and app.kept_game.save is not None
        app.running = False

    assert launch(monkeypatch, second) == 0


def test_a_damaged_game_in_progress_is_said_in_one_line_and_moved_aside(  # type: ignore[no-untyped-def]
        monkeypatch, sail_keel_home: Path) -> None:
    damaged = sail_keel_home / autosave.FILE
    damaged.write_text('{"format": "sail-and-keel-autosave", "version": 1,\n  "save": [}\n')
    seen: list[str] = []

    def script(app: App) -> None:
        p = Player(app)
        seen.append(app.autosaver.problem)
        assert "continue" not in app.top.widgets and app.top.focus == "solo"
        p.press(pygame.K_q)

    assert launch(monkeypatch, script) == 0
    problem = seen[0]
    assert "\n" not in problem and "autosave.json:2:" in problem and "moved to" in problem
    aside = [f for f in sail_keel_home.iterdir() if f.name.startswith("autosave-damaged-")]
    assert len(aside) == 1 and aside[0].name in problem
    assert aside[0].read_text().endswith('"save": [}\n')          # kept as it was
    assert not damaged.exists()


def test_a_new_game_asks_before_it_replaces_the_game_in_progress(monkeypatch,  # type: ignore[no-untyped-def]
                                                                 sail_keel_home: Path) -> None:
    def first(app: App) -> None:
        p = Player(app)
        p.press(pygame.K_p)
        p.type("Ana")
        p.press(pygame.K_RETURN)
        p.press(pygame.K_RETURN)                      # the tutorial
        while app.top.kind == "briefing":             # its tip (Got it), then begin
            p.press(pygame.K_RETURN)
        while app.top.tip is not None:                # the tutorial's tips: Got it
            p.press(pygame.K_RETURN)
        p.press(pygame.K_1)                           # a vision: a move, so it is kept
        p.close_window()

    assert launch(monkeypatch, first) == 0
    kept = (sail_keel_home / autosave.FILE).read_text()
    names: list[str] = []

    def second(app: App) -> None:
        p = Player(app)
        p.press(pygame.K_p)
        assert app.top.kind == "confirm" and "First voyage" in app.top.body
        p.press(pygame.K_RETURN)                      # Enter: the safe choice, Cancel
        assert app.top.kind == "title" and app.top.focus == "continue"
        p.press(pygame.K_p)
        p.press(pygame.K_y)                           # a new game, deliberately
        assert app.top.kind == "name"
        names.append(app.top.typed())
        app.running = False

    assert launch(monkeypatch, second) == 0
    assert names == ["Ana"]                           # neither P nor Y typed into the name
    assert (sail_keel_home / autosave.FILE).read_text() == kept   # no move yet: still kept


def test_a_scenario_file_edited_during_the_game_is_not_continued_on(monkeypatch, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                    sail_keel_home: Path) -> None:
    from game.scenario import scenarios_dir

    mine = tmp_path / "mine.yaml"
    mine.write_bytes((Path(scenarios_dir()) / "scaling-new-markets.yaml").read_bytes())

    def first(app: App) -> None:
        p = Player(app)
        p.press(pygame.K_h)                           # hot-seat: the picker, on mine.yaml
        p.press(pygame.K_RETURN)
        p.press(pygame.K_RETURN)                      # briefing
        mine.write_text(mine.read_text() + "\n# edited while playing\n")
        p.press(pygame.K_RETURN)                      # hand-over
        p.press(pygame.K_t)                           # a move on the game as it was loaded
        p.close_window()

    assert launch(monkeypatch, first, str(mine)) == 0
    seen: list[str] = []

    def second(app: App) -> None:
        seen.append(app.autosaver.problem)
        assert "continue" not in app.top.widgets
        app.running = False

    assert launch(monkeypatch, second) == 0
    assert "mine.yaml has changed since this game was saved" in seen[0] and "moved to" in seen[0]
