"""`kill -9` while games are being saved and added to the history: no corrupt file, no orphan.

A child process keeps the same finished game over and over (a save file and a history row
each time, as the window does at the debrief) and is killed with SIGKILL at a random moment.
After each kill every save must load and the history must read; the temporary files a kill
leaves behind are removed by the next start. The default run kills 8 times; `-m slow` 300.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.persistence import history, load_save
from game.persistence.datadir import tidy

ROOT = Path(__file__).resolve().parents[2]

KEEPER = """
import sys
from game.analysis.strategies import make_strategy, play
from game.persistence import keep_game
from game.rules.session import GameSession
from game.scenario import load_scenario

session = play(GameSession(load_scenario("first-voyage"), 5), make_strategy("balanced", 5))
home = sys.argv[1]
keep_game(session, "Zoë", home=home)
print("ready", flush=True)
while True:
    kept = keep_game(session, "Zoë", home=home)
    assert not kept.notes, kept.notes
"""


def orphans(home: Path) -> list[Path]:
    return [p for p in [*home.glob(".*.tmp"), *home.glob("saves/.*.tmp")]]


def check(home: Path) -> None:
    for save in (home / "saves").glob("*.json"):
        load_save(save)                         # SaveError if any save is cut or corrupt
    read = history("first-voyage", home)
    assert read.problems == [] and read.entries, read.problems


def kill_loop(home: Path, kills: int, seed: int = 9) -> dict[str, int]:
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    seen = {"kills": 0, "orphans_left_by_kills": 0}
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, "-c", KEEPER, str(home)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        assert child.stdout is not None
        line = child.stdout.readline()
        if line != "ready\n":
            child.kill()
            pytest.fail(f"the keeper did not start: {child.communicate()[1][-500:]}")
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.communicate()
        seen["kills"] += 1
        seen["orphans_left_by_kills"] += len(orphans(home))
        check(home)
    tidy(home)                                  # what the next start does
    check(home)
    assert orphans(home) == []
    # A rollback journal a kill leaves is SQLite's own: the next writer rolls it back. What must
    # hold is that the database it guards is whole.
    with sqlite3.connect(home / "history.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    return seen


def test_kill_9_while_saving_leaves_no_corrupt_file_and_no_orphan(tmp_path: Path) -> None:
    seen = kill_loop(tmp_path, kills=8)
    assert seen["kills"] == 8


@pytest.mark.slow
def test_300_kills(tmp_path: Path) -> None:
    seen = kill_loop(tmp_path, kills=300)
    print(f"\n{seen}")
    assert seen["kills"] == 300
