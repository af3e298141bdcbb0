"""Kill the server (SIGKILL) mid-game and start it again: the room resumes from the database."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

from room_helpers import RoomProcess

from game.analysis.strategies import make_strategy
from game.room.client import RoomClient, RoomLink, play_in_room
from game.rules.records import Phase
from game.rules.session import GameSession


def test_a_killed_room_resumes_and_nothing_is_lost_or_doubled(room_process: RoomProcess) -> None:
    room = room_process.start("first-voyage", "--new", "--seed", "3")
    code, secret = room.code, room.secret
    clients = [RoomClient(room.address, code, [f"P{i}"]) for i in range(4)]
    for c in clients:
        c.join()
    scenario, _ = clients[0].scenario()
    room.control(action="inject", event=scenario.events[0].id, to=[2])
    room.control(action="start")
    killed = threading.Event()
    restarted = threading.Event()

    def crash_after_round_two(session: GameSession) -> None:
        if len(session.history) == 2 and session.phase is Phase.REPORT and not killed.is_set():
            assert clients[0].wait_sent(10)
            room.kill()
            killed.set()
        if killed.is_set() and len(session.history) == 3 and session.phase is Phase.REPORT:
            restarted.wait(60)          # play on offline until the room is back

    sessions: list[GameSession] = []

    def play(i: int) -> None:
        between = crash_after_round_two if i == 0 else None
        sessions.append(play_in_room(clients[i], make_strategy("balanced", i), scenario,
                                     clients[i].welcome.seed, between=between, patience=120))  # type: ignore[union-attr]

    threads = [threading.Thread(target=play, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    assert killed.wait(60)
    time.sleep(0.5)
    room.start()                                    # the same database: it resumes
    restarted.set()
    assert "Resumed room" in room.banner and room.code == code
    assert "#secret=" not in room.banner and room.secret == secret    # shown once; it still works
    for t in threads:
        t.join(timeout=120)
    assert len(sessions) == 4 and all(s.over for s in sessions)
    for c in clients:
        assert c.wait_sent(30) and not c.refusals, c.refusals
        c.close()
    state = room.state()
    assert state["room"]["state"] == "running"
    assert all(p["round"] == scenario.rounds and p["finished"] for p in state["participants"])
    db = sqlite3.connect(room.db)
    count, distinct = db.execute("SELECT COUNT(*), COUNT(DISTINCT participant_id || '-' || round) "
                                 "FROM rounds").fetchone()
    db.close()
    assert count == distinct == 4 * scenario.rounds


def test_rounds_sent_late_after_the_end_still_count(room: RoomProcess) -> None:
    late = RoomClient(room.address, room.code, ["Late"])
    late.join()
    scenario, _ = late.scenario()
    room.control(action="start")
    late.offline = True                              # plays the whole game offline
    session = GameSession(scenario, late.welcome.seed)  # type: ignore[union-attr]
    from game.room.client import RoomLink

    link = RoomLink(late, session)
    strategy = make_strategy("balanced")
    while not session.over:
        for decision in strategy.decide(session):
            session.apply(decision)
            link.sync()
    room.control(action="end")
    late.offline = False
    assert late.wait_sent(20) and not late.refusals
    (player,) = room.state()["participants"]
    assert player["finished"] and room.state()["debrief"]["participants"][0]["name"] == "Late"
    late.close()


def test_a_restarted_client_rejoins_as_the_same_participant_and_goes_on(
        room: RoomProcess, sail_keel_home: Path) -> None:
    from game.rules.decisions import InjectEvent

    first = RoomClient(room.address, room.code, ["Ana"])
    first.join()
    scenario, _ = first.scenario()
    room.control(action="inject", event=scenario.events[0].id)
    room.control(action="start")
    session = first.session(scenario)
    link = RoomLink(first, session)
    strategy = make_strategy("balanced")
    while len(session.history) < 3 or session.phase is not Phase.REPORT:
        for decision in strategy.decide(session):
            session.apply(decision)
            link.sync()
    link.sync()
    assert first.wait_sent(10)
    first.close()                                     # the window crashed
    token_file = sail_keel_home / "room-tokens.json"
    assert token_file.stat().st_mode & 0o777 == 0o600

    again = RoomClient(room.address, room.code, ["Ana"])
    welcome = again.join()
    assert welcome.resumed and welcome.participant == first.welcome.participant  # type: ignore[union-attr]
    assert len(welcome.rounds) == 3
    rebuilt = again.session(scenario)
    assert rebuilt.history == session.history and rebuilt.phase is Phase.REPORT
    finished = play_in_room(again, make_strategy("balanced"), scenario, welcome.seed, patience=60)
    assert finished.over and again.wait_sent(20) and not again.refusals, again.refusals
    assert finished.log.count(InjectEvent(scenario.events[0].id)) == 1    # not played twice
    (player,) = room.state()["participants"]
    assert player["round"] == scenario.rounds and player["finished"]
    other = RoomClient(room.address, room.code, ["Ben"])
    assert not other.join().resumed
    again.close()
    other.close()


def test_the_projectors_countdown_survives_a_killed_server(room_process: RoomProcess) -> None:
    room = room_process.start("first-voyage", "--new", "--seed", "3")
    room.control(action="countdown", seconds=300)
    time.sleep(1.0)
    room.kill()
    time.sleep(1.0)                                  # down a moment: the countdown keeps its end
    room.start("--seed", "3")
    status, body = room.request("/api/projector", secret=None)
    left = json.loads(body)["countdown"]
    assert status == 200 and 296.0 <= left <= 298.5
    room.control(action="countdown", seconds=0)      # taken off, and off after a restart too
    room.kill()
    room.start("--seed", "3")
    assert json.loads(room.request("/api/projector", secret=None)[1])["countdown"] is None
