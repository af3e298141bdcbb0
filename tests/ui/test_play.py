"""Whole games through the real screens, on the real session and a shipped scenario."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.analysis.strategies import make_strategy, play
from game.rules.decisions import Inspire, SetVision
from game.rules.session import GameSession
from game.ui.app import App
from game.ui.autoplay import Autoplayer
from game.ui.input import Key
from game.ui.screens.title import TitleScreen
from tests.ui.keyboard import keystroke


def key(k: int, char: str = "", mod: int = 0) -> None:
    """A key press as SDL sends it: KEYDOWN, the TEXTINPUT of its character, KEYUP."""
    for event in keystroke(k, mod, char or None):
        pygame.event.post(event)


def commit() -> None:
    key(pygame.K_RETURN, "\r", pygame.KMOD_CTRL)


def run_frames(app: App, n: int = 3) -> None:
    for _ in range(n):
        app.frame(1 / 60)


def test_autoplay_matches_headless_and_shoots_every_screen(make_real, tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    app = make_real(size=(1280, 720))
    app.driver = Autoplayer(make_strategy("balanced", 3), app.scenario_path, shots)
    app.set_root(TitleScreen(app))
    assert app.run(fps=0, fixed_dt=1 / 60) == 0, app.driver.problem
    headless = play(GameSession(app.scenario, 3), make_strategy("balanced", 3))
    assert app.driver.final_score == headless.result().score
    kinds = {p.stem.split("-", 1)[1] for p in shots.glob("*.png")}
    assert {"title", "name", "picker", "briefing", "leader", "manager", "report", "event",
            "debrief"} <= kinds


def test_autoplay_of_a_player_who_never_schedules_matches_headless(make_real) -> None:
    """The window offers a focused first plan; a strategy that never touches the schedule
    puts the session's own starting plan back, so it scores what it scores headless."""
    app = make_real()
    app.driver = Autoplayer(make_strategy("leader-only", 3), app.scenario_path, tour=False)
    app.set_root(TitleScreen(app))
    assert app.run(fps=0, fixed_dt=1 / 60) == 0, app.driver.problem
    headless = play(GameSession(app.scenario, 3), make_strategy("leader-only", 3))
    assert app.session.history == headless.history


def test_hotseat_hands_over_between_phases(make_real) -> None:
    app = make_real(hotseat=True, players=("Ana", "Ben"))
    app.start_game(app.scenario_path)
    run_frames(app)
    key(pygame.K_RETURN)          # briefing -> hand-over to the leader
    run_frames(app)
    assert app.top.kind == "handover" and app.top.player == "Ana"
    key(pygame.K_RETURN)
    run_frames(app)
    assert app.top.kind == "leader"
    key(pygame.K_2, "2")          # vision 2
    key(pygame.K_t, "t")          # a town hall
    run_frames(app)
    assert app.session.leader.vision == "europe-first"
    assert [a.action for a in app.session.leader.actions] == ["town_hall"]
    key(pygame.K_RETURN)          # Enter alone presses a focused control; none: a hint
    run_frames(app)
    assert app.phase() == "LEADER" and "Ctrl+Enter" in app.toast
    commit()
    run_frames(app)
    assert app.top.kind == "confirm" and "3 of 5 energy" in app.top.body
    key(pygame.K_y, "y")          # commit anyway
    run_frames(app)
    assert app.top.kind == "handover" and app.top.player == "Ben"
    assert app.phase() == "MANAGER"
    key(pygame.K_RETURN)
    run_frames(app)
    assert app.top.kind == "manager"
    key(pygame.K_v, "v")          # reviews on
    run_frames(app)
    assert app.session.manager.reviews is True
    commit()
    run_frames(app, 200)          # the resolution animation runs out by itself
    while app.top.kind == "event":
        key(pygame.K_1, "1")
        run_frames(app)
    assert app.top.kind == "report"
    key(pygame.K_RETURN)
    run_frames(app)
    assert app.top.kind == "handover" and app.top.player == "Ana"
    assert app.session.round == 2


def test_timer_expiry_commits_the_phase(make_real) -> None:
    app = make_real(timer=2)
    app.start_game(app.scenario_path)
    app.advance()
    assert app.top.kind == "leader"
    app.apply(SetVision("global"))
    app.apply(Inspire("town_hall"))     # energy left: time's up does not ask
    run_frames(app)
    app.update(1.0)
    assert app.phase() == "LEADER"
    app.update(1.5)
    assert app.phase() == "MANAGER" and app.top.kind == "manager"
    assert app.session.leader.vision == "global"   # the draft was committed as it stood
    app.update(2.5)
    assert app.top.kind == "resolution" and app.phase() in ("EVENT", "REPORT")


def test_illegal_decision_is_shown_not_raised(make_real) -> None:
    app = make_real()
    app.start_game(app.scenario_path)
    app.advance()
    app.top.on_click("action:town_hall")   # 2 energy
    app.top.on_click("action:challenge")   # 2 more: 1 of 5 left
    assert not app.top.widgets["action:coaching"].is_enabled
    app.top.handle(Key("char:c"))          # the key still asks: the rules say no, in words
    assert len(app.session.leader.actions) == 2 and "energy" in app.toast.lower()


def test_reload_reports_problems_in_the_window(make_real, tmp_path: Path) -> None:
    app = make_real()
    mine = tmp_path / "mine.yaml"
    mine.write_bytes(app.scenario_path.read_bytes())
    app.start_game(mine)
    mine.write_text(mine.read_text().replace("leader_energy: 5", "leader_energi: 5"))
    key(pygame.K_F5)
    run_frames(app)
    assert app.top.kind == "message" and "leader_energi" in app.top.body
    mine.write_text(mine.read_text().replace("leader_energi: 5", "leader_energy: 4"))
    key(pygame.K_RETURN)
    key(pygame.K_F5)
    run_frames(app)
    assert app.top.kind == "briefing" and "Reloaded" in app.toast
    assert app.scenario.organization.leader_energy == 4


def test_errors_become_messages(make_real) -> None:
    app = make_real()
    app.start_game(app.scenario_path)

    def boom(dt: float) -> None:
        raise RuntimeError("the model sprang a leak")

    app.top.update = boom  # type: ignore[method-assign]
    run_frames(app)
    assert app.top.kind == "message" and "sprang a leak" in app.top.body
