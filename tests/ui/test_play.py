"""Whole games through the real screens, on the stand-in core."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.autoplay import Autoplayer
from game.ui.screens.title import TitleScreen
from tests.ui import fakes


def key(k: int, char: str = "", mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=char,
                                         scancode=0))


def commit() -> None:
    key(pygame.K_RETURN, "\r", pygame.KMOD_CTRL)


def run_frames(app, n: int = 3) -> None:  # type: ignore[no-untyped-def]
    for _ in range(n):
        app.frame(1 / 60)


def test_autoplay_matches_headless_and_shoots_every_screen(make_app, scenario_dir, tmp_path):
    shots = tmp_path / "shots"
    path = scenario_dir / "harbour.yaml"
    app = make_app(size=(1280, 720))
    app.driver = Autoplayer(fakes.FakeStrategy(3), path, shots)
    app.set_root(TitleScreen(app))
    assert app.run(fps=0, fixed_dt=1 / 60) == 0
    assert app.driver.final_score == fakes.fake_simulate(fakes.make_scenario(), 3) or \
        round(app.driver.final_score, 1) == fakes.fake_simulate(fakes.make_scenario(), 3)
    kinds = {p.stem.split("-", 1)[1] for p in shots.glob("*.png")}
    assert {"leader", "manager", "report", "event", "debrief"} <= kinds
    assert len(kinds) >= 8


def test_hotseat_hands_over_between_phases(make_app) -> None:
    app = make_app(hotseat=True, players=("Ana", "Ben"))
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
    assert app.session.leader.vision == "modern"
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
    assert app.top.kind == "event"
    key(pygame.K_1, "1")
    run_frames(app)
    assert app.top.kind == "report"
    key(pygame.K_RETURN)
    run_frames(app)
    assert app.top.kind == "handover" and app.top.player == "Ana"
    assert app.session.round == 2


def test_timer_expiry_commits_the_phase(make_app) -> None:
    app = make_app(timer=2)
    app.start_game(app.scenario_path)
    app.advance()
    assert app.top.kind == "leader"
    app.apply(fakes.SetVision("fleet"))
    run_frames(app)
    app.update(1.0)
    assert app.phase() == "LEADER"
    app.update(1.5)
    assert app.phase() == "MANAGER" and app.top.kind == "manager"
    assert app.session.vision == "fleet"   # the draft was committed as it stood
    app.update(2.5)
    assert app.top.kind == "resolution" and app.phase() in ("EVENT", "REPORT")


def test_illegal_decision_is_shown_not_raised(make_app) -> None:
    app = make_app()
    app.start_game(app.scenario_path)
    app.advance()
    for _ in range(3):
        app.top.on_click("action:town_hall")   # 2 energy each, 5 in all
    assert len(app.session.leader.actions) == 2
    app.top.handle(__import__("game.ui.input", fromlist=["Key"]).Key("char:c"))
    assert app.toast_time == 0 or "energy" in app.toast.lower()


def test_reload_reports_problems_in_the_window(make_app, scenario_dir: Path) -> None:
    app = make_app()
    app.start_game(app.scenario_path)
    app.scenario_path = scenario_dir / "broken.yaml"
    key(pygame.K_F5)
    run_frames(app)
    assert app.top.kind == "message" and "3:5" in app.top.body
    app.scenario_path = scenario_dir / "harbour.yaml"
    key(pygame.K_RETURN)
    key(pygame.K_F5)
    run_frames(app)
    assert app.top.kind == "briefing" and "Reloaded" in app.toast


def test_errors_become_messages(make_app) -> None:
    app = make_app()
    app.start_game(app.scenario_path)

    def boom(dt: float) -> None:
        raise RuntimeError("the model sprang a leak")

    app.top.update = boom  # type: ignore[method-assign]
    run_frames(app)
    assert app.top.kind == "message" and "sprang a leak" in app.top.body
