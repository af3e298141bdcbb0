"""Rounds played offline survive the window: the outbox is on disk (atomically, this user only)
from the moment a round is finished until the room has it, and the next start sends them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from room_helpers import RoomProcess, joined, play_to, window_in_room

from game.analysis.strategies import make_strategy
from game.room.client import OUTBOX_FOLDER, RoomClient, RoomLink, play_in_room
from game.rules.session import GameSession


def test_rounds_played_offline_are_sent_by_the_next_start(room: RoomProcess, sail_keel_home: Path) -> None:
    room.control(action="start")
    first = RoomClient(room.address, room.code, ["Ana"])
    first.join()
    scenario, _ = first.scenario()
    link = RoomLink(first, first.session(scenario))
    play_to(link, 2)
    assert first.wait_sent(10)
    outbox = sail_keel_home / OUTBOX_FOLDER
    assert list(outbox.iterdir()) == []                    # nothing waiting: no file

    first.offline = True                                   # the network goes...
    first.drop_connection()
    play_to(link, 4)
    assert first.pending == [3, 4]
    (kept,) = outbox.iterdir()
    assert kept.stat().st_mode & 0o777 == 0o600
    assert sorted(json.loads(kept.read_text())["rounds"]) == ["3", "4"]
    first.close()                                          # ...and the window closes

    again = RoomClient(room.address, room.code, ["Ana"])
    welcome = again.join()
    assert welcome.resumed and len(welcome.rounds) == 4    # the room's two and the two unsent
    rebuilt = again.session(scenario)
    assert rebuilt.history == link.session.history
    assert again.wait_sent(10) and not again.refusals, again.refusals
    assert room.state()["participants"][0]["round"] == 4
    assert list(outbox.iterdir()) == []
    finished = play_in_room(again, make_strategy("balanced"), scenario, welcome.seed, patience=60)
    assert finished.over and again.wait_sent(20) and not again.refusals, again.refusals
    again.close()
    db = sqlite3.connect(room.db)
    count, distinct = db.execute("SELECT COUNT(*), COUNT(DISTINCT round) FROM rounds").fetchone()
    db.close()
    assert count == distinct == scenario.rounds


def test_an_outbox_that_does_not_replay_is_dropped_not_sent(room: RoomProcess, sail_keel_home: Path) -> None:
    room.control(action="start")
    first = RoomClient(room.address, room.code, ["Ben"])
    first.join()
    scenario, _ = first.scenario()
    first.offline = True
    link = RoomLink(first, GameSession(scenario, first.welcome.seed))  # type: ignore[union-attr]
    play_to(link, 2)
    first.close()
    (kept,) = (sail_keel_home / OUTBOX_FOLDER).iterdir()
    data = json.loads(kept.read_text())
    data["rounds"]["2"]["decisions"] = [{"type": "ChooseOption", "index": 99}]   # damaged by hand
    kept.write_text(json.dumps(data))

    again = RoomClient(room.address, room.code, ["Ben"])
    assert again.join().rounds == () and again.pending == []
    assert again.session(scenario).history == []
    assert not (sail_keel_home / OUTBOX_FOLDER / kept.name).exists()
    assert room.state()["participants"][0]["round"] == 0
    again.close()


def test_a_restarted_window_goes_on_after_the_rounds_it_could_not_send(room: RoomProcess) -> None:
    room.control(action="start")
    first, link, path = joined(room, "Cy")
    play_to(link, 1)
    assert first.wait_sent(10)
    first.offline = True
    first.drop_connection()
    play_to(link, 3)
    first.close()

    app, client = window_in_room(room, "Cy", path)
    try:
        assert app.start_game(path)
        app.frame(1 / 60)
        assert app.session.history == link.session.history and type(app.top).__name__ == "ReportScreen"
        assert client.wait_sent(10) and not client.refusals
        assert room.state()["participants"][0]["round"] == 3
    finally:
        app.close()
        client.close()


PLAYER = """
import sys, time
from game.analysis.strategies import make_strategy
from game.room.client import RoomClient, RoomLink
from game.rules.records import Phase

client = RoomClient(sys.argv[1], sys.argv[2], ["Kim"])
client.join()
client.offline = True                     # plays offline from the start
client.drop_connection()
scenario, _ = client.scenario()
link = RoomLink(client, client.session(scenario))
strategy = make_strategy("balanced")
while not link.session.over:
    for decision in strategy.decide(link.session):
        link.session.apply(decision)
        link.sync()
        print("sent", link.sent, flush=True)
time.sleep(60)
"""


def test_a_window_killed_while_offline_loses_no_round(room: RoomProcess, sail_keel_home: Path) -> None:
    import os
    import random
    import signal
    import subprocess
    import sys
    import time

    from room_helpers import ROOT

    room.control(action="start")
    rounds = room.state()["scenario"]["rounds"]
    rng = random.Random(5)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    sent = 0
    for _ in range(3):
        child = subprocess.Popen([sys.executable, "-c", PLAYER, room.address, room.code],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        assert child.stdout is not None
        while True:                                        # a round further each time
            line = child.stdout.readline()
            assert line, child.communicate()[1]
            if int(line.split()[1]) >= min(sent + 1, rounds - 1):
                break
        time.sleep(rng.uniform(0.0, 0.02))                 # then killed at any moment
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        sent = max([sent, *(int(x.split()[1]) for x in [line, *out.splitlines()])])
    from game.persistence.datadir import tidy

    tidy(sail_keel_home)                                   # what `play` does first
    assert not [p for p in (sail_keel_home / OUTBOX_FOLDER).iterdir() if p.name.endswith(".tmp")]
    again = RoomClient(room.address, room.code, ["Kim"])
    welcome = again.join()
    assert len(welcome.rounds) >= sent >= 3                # every round a killed window played
    assert again.wait_sent(10) and not again.refusals, again.refusals
    assert room.state()["participants"][0]["round"] == len(welcome.rounds)
    again.close()
