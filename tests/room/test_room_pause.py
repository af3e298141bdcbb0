"""The room's pause holds rounds: while paused (or before the start) the room refuses new rounds
in one line, each window keeps them and sends them when the facilitator starts the room."""

from __future__ import annotations

import json
import time

from room_helpers import RoomProcess, play_to
from websockets.sync.client import connect

from game.analysis.strategies import make_strategy
from game.room.client import RoomClient, RoomLink
from game.rules.records import Phase
from game.rules.session import GameSession


def wait_for(test: object, timeout: float = 10) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if test():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_a_paused_room_refuses_rounds_and_the_window_sends_them_when_it_runs(room: RoomProcess) -> None:
    client = RoomClient(room.address, room.code, ["Ana"])
    client.join()
    scenario, _ = client.scenario()
    link = RoomLink(client, GameSession(scenario, client.welcome.seed))  # type: ignore[union-attr]

    play_to(link, 1)                                  # before the start: held
    assert wait_for(lambda: client.held == [1]), client.pending
    assert room.state()["participants"][0]["round"] == 0
    room.control(action="start")
    assert client.wait_sent(10) and client.held == []
    assert room.state()["participants"][0]["round"] == 1

    room.control(action="pause")
    assert wait_for(lambda: client.state == "paused")
    play_to(link, 3)                                  # played through the pause: both held
    assert wait_for(lambda: client.held == [2, 3]), (client.pending, client.held)
    link.sync()
    waits = [m for m in link.messages if "paused" in m]
    assert waits == ["The room is paused: round 2 waits on your laptop and is sent when the "
                     "facilitator starts the room.",
                     "The room is paused: round 3 waits on your laptop and is sent when the "
                     "facilitator starts the room."], link.messages
    assert room.state()["participants"][0]["round"] == 1 and not client.refusals

    room.control(action="start")
    assert client.wait_sent(10), client.pending
    assert room.state()["participants"][0]["round"] == 3 and not client.refusals
    client.close()


def test_the_refusal_while_paused_is_one_line_and_says_to_wait(room: RoomProcess) -> None:
    client = RoomClient(room.address, room.code, ["Ana"])
    client.join()
    scenario, _ = client.scenario()
    client.close()
    game = GameSession(scenario, client.welcome.seed)  # type: ignore[union-attr]
    strategy = make_strategy("balanced")
    while not game.history or game.phase is not Phase.REPORT:
        for decision in strategy.decide(game):
            game.apply(decision)
    from game.persistence.codec import encode_decision

    message = {"type": "round", "round": 1, "decisions": [encode_decision(d) for d in game.log],
               "score": game.history[0].score}
    room.control(action="start")
    room.control(action="pause")
    with connect(f"ws://{room.address}/ws/play", proxy=None, open_timeout=10) as ws:
        ws.send(json.dumps({"type": "resume", "token": client.welcome.token}))  # type: ignore[union-attr]
        assert json.loads(ws.recv(timeout=10))["type"] == "welcome"
        ws.send(json.dumps(message))
        answer = json.loads(ws.recv(timeout=10))
        assert answer["type"] == "refused" and answer["retry"] == "start" and answer["round"] == 1
        assert answer["reason"].startswith("the room is paused") and "\n" not in answer["reason"]
        room.control(action="end")                        # after the end, late rounds still count
        assert json.loads(ws.recv(timeout=10)) == {"type": "room", "state": "ended", "timer": 0}
        ws.send(json.dumps(message))
        assert json.loads(ws.recv(timeout=10)) == {"type": "ack", "round": 1, "duplicate": False}
