"""The window on the real core: autoplay through the real screens scores exactly what the
headless `simulate` scores for the same scenario, strategy and seed, and keeps the game."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pygame_gui

from game.analysis.strategies import make_strategy, play
from game.persistence import history, load_save
from game.rules.session import GameSession
from game.scenario import load_scenario
from game.ui.app import App
from game.ui.autoplay import Autoplayer
from game.ui.core import default_core
from game.ui.screens.title import TitleScreen
from game.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SEED = 4


def test_autoplay_scores_as_simulate_and_survives_a_damaged_history(sail_keel_home: Path) -> None:
    (sail_keel_home / "history.jsonl").write_bytes(b'{"scenario": "scaling-new-markets", \xc3\n')
    core = default_core()
    path = core.default_dir / f"{core.default_scenario}.yaml"
    driver = Autoplayer(core.make_strategy("random", SEED), path, tour=False, player="random")
    app = App(core, Settings(seed=SEED), scenario_path=path, driver=driver)
    try:
        app.set_root(TitleScreen(app))
        assert app.run(fps=0, fixed_dt=1 / 60) == 0, driver.problem
        assert app.top.kind == "debrief"
        kept = app.kept_game
    finally:
        app.close()
        pygame_gui.core.utility.set_default_manager(None)
    headless = play(GameSession(load_scenario(path), SEED), make_strategy("random", SEED))
    assert driver.final_score == headless.result().score
    # the window sends a decision per click, so its log is longer; the rounds are the same
    assert app.session.history == headless.history
    assert kept.notes == ["1 damaged line of your play history skipped."]
    assert kept.save is not None and kept.save.parent == sail_keel_home / "saves"
    assert load_save(kept.save).decisions == app.session.log
    entries = history("scaling-new-markets").entries
    assert [(e.player, e.score) for e in entries] == [("random", headless.result().score)]


def test_play_command_prints_simulates_score(sail_keel_home: Path) -> None:
    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, check=True,
                              capture_output=True, text=True)
        return done.stdout

    shown = run("play", "--autoplay", "balanced", "--seed", str(SEED))
    simulated = json.loads(run("simulate", "--strategy", "balanced", "--seed", str(SEED),
                               "--json"))
    assert f"score: {simulated['final']['score']:.1f}\n" in shown
    assert len(list((sail_keel_home / "saves").glob("scaling-new-markets-*-seed4.json"))) == 1
    assert run("play", "--autoplay", "balanced", "--seed", str(SEED), "--no-save") \
        .startswith(f"score: {simulated['final']['score']:.1f}\n")
    assert len(list((sail_keel_home / "saves").glob("*.json"))) == 1
