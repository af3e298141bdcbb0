"""A damaged or locked play history: said in full on the terminal and the debrief, the damaged
file kept aside and a new history started, and a lock never holds a game up for long.

Before: a damaged history silently stopped recording games (the debrief's note was cut with
"…"), and a history locked by another program added 10 to 28 s to the end of each game.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pygame_gui
import pytest

from game.analysis.strategies import make_strategy, play
from game.persistence import history, keep_game
from game.rules.session import GameSession
from game.scenario import load_scenario
from game.ui.app import App
from game.ui.autoplay import Autoplayer
from game.ui.core import default_core
from game.ui.screens.title import TitleScreen
from game.ui.settings import Settings
from game.ui.widgets import text

GARBAGE = b"SQLite format 3\x00" + bytes(range(256)) * 8   # a header, then nonsense pages


def finished(seed: int = 2) -> GameSession:
    return play(GameSession(load_scenario("first-voyage"), seed), make_strategy("balanced", seed))


@pytest.mark.parametrize("damage", [b"not a database at all\n" * 50, GARBAGE])
def test_a_damaged_history_is_kept_aside_and_a_new_one_records_the_game(
        damage: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "history.sqlite3").write_bytes(damage)
    kept = keep_game(finished(), "Ana", home=tmp_path)
    aside = list(tmp_path.glob("history-damaged-*.sqlite3"))
    assert len(aside) == 1 and aside[0].read_bytes() == damage        # its bytes kept
    assert kept.notes[0] == (f"Your play history was damaged: it is kept as {aside[0].name} and "
                             "a new one was started.")
    assert [e.player for e in history("first-voyage", tmp_path).entries] == ["Ana"]
    err = capsys.readouterr().err
    assert f"sail-keel: {tmp_path / 'history.sqlite3'}: the play history was damaged" in err
    assert aside[0].name in err
    keep_game(finished(3), "Ana", home=tmp_path)                      # and it goes on recording
    assert len(history("first-voyage", tmp_path).entries) == 2
    assert len(list(tmp_path.glob("history-damaged-*"))) == 1


def test_a_locked_history_costs_under_a_second_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keep_game(finished(), "Ana", home=tmp_path)
    other = sqlite3.connect(tmp_path / "history.sqlite3", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")                                  # another window, mid-write
    try:
        began = time.monotonic()
        kept = keep_game(finished(3), "Ana", home=tmp_path)
        waited = time.monotonic() - began
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert waited < 1.0, f"the lock held the game up {waited:.1f} s"
    assert kept.save is not None and kept.save.is_file()              # the save is still written
    assert "Your play history is in use by another program (another game window?), so this " \
           "game was not added to it." in kept.notes
    assert "the play history is locked by another program" in capsys.readouterr().err
    assert len(history("first-voyage", tmp_path).entries) == 1        # nothing damaged


def test_the_debrief_shows_the_damaged_history_note_whole(sail_keel_home: Path) -> None:
    (sail_keel_home / "history.sqlite3").write_bytes(GARBAGE)
    core = default_core()
    path = core.default_dir / "first-voyage.yaml"
    driver = Autoplayer(core.make_strategy("balanced", 1), path, tour=False, player="Ana")
    app = App(core, Settings(seed=1), scenario_path=path, driver=driver)
    text.RECORD = []
    try:
        app.set_root(TitleScreen(app))
        assert app.run(fps=0, fixed_dt=1 / 60) == 0, driver.problem
        assert app.top.kind == "debrief"
        text.RECORD = []
        app.frame(1 / 60)
        drawn = list(text.RECORD)
    finally:
        text.RECORD = None
        app.close()
        pygame_gui.core.utility.set_default_manager(None)
    notes = [(shown, cut) for _, shown, cut in drawn if "play history was damaged" in shown]
    assert notes and not any(cut for _, cut in notes), notes
    assert "a new one was started." in " ".join(shown.replace("\n", " ") for shown, _ in notes)
