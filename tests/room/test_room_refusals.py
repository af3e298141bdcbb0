"""Garbage from one participant gets a clear refusal; nobody else's game is affected."""

from __future__ import annotations

import json
from typing import Any

import pytest
from room_helpers import RoomProcess
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from game.analysis.strategies import make_strategy
from game.persistence.codec import encode_decision
from game.room.client import RoomClient, play_in_room
from game.rules.decisions import EndPhase, InjectEvent
from game.rules.session import GameSession


def _socket(room: RoomProcess) -> Any:
    return connect(f"ws://{room.address}/ws/play", max_size=2**21, compression=None, proxy=None,
                   open_timeout=10)


def _ask(ws: Any, message: Any) -> dict[str, Any]:
    ws.send(message if isinstance(message, str | bytes) else json.dumps(message))
    return dict(json.loads(ws.recv(timeout=10)))


def _joined(room: RoomProcess, ws: Any, name: str = "Mallory") -> dict[str, Any]:
    welcome = _ask(ws, {"type": "join", "code": room.code, "names": [name]})
    assert welcome["type"] == "welcome"
    return welcome


def test_an_unknown_code_is_refused_and_the_connection_closed(room: RoomProcess) -> None:
    with _socket(room) as ws:
        answer = _ask(ws, {"type": "join", "code": "ZZZZZZ", "names": ["Eve"]})
        assert answer == {"type": "refused", "reason": "unknown join code"}
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4003
    with _socket(room) as ws:
        assert _ask(ws, {"type": "resume", "token": "x" * 32})["reason"] == "unknown participant token"


@pytest.mark.parametrize("message, reason", [
    ("not json", "not a JSON message"),
    ("[1, 2]", "a message must be a JSON object"),
    ({"type": "hack"}, "unknown message type 'hack'"),
    ({"type": "round", "round": 1, "decisions": [], "score": 50}, "join the room first"),
    ({"type": "join", "code": 123, "names": ["A"]}, "unknown join code"),
    ({"type": "join", "code": "ABCDEF", "names": "Ana"}, "names must be a list"),
    ({"type": "join", "code": "ABCDEF", "names": ["A" * 41]}, "a name must be 1 to 40"),
    ({"type": "join", "code": "ABCDEF", "names": ["A", "B", "C"]}, "names must be a list"),
    ({"type": "join", "code": "ABCDEF"}, "the field 'names' is missing"),
    ({"type": "join", "code": "ABCDEF", "names": ["A"], "admin": True}, "unknown field 'admin'"),
])
def test_malformed_messages_are_refused_by_name(room: RoomProcess, message: Any, reason: str) -> None:
    with _socket(room) as ws:
        answer = _ask(ws, message)
        assert answer["type"] == "refused" and reason in answer["reason"], answer


def test_bad_rounds_are_refused_and_the_honest_player_is_unaffected(room: RoomProcess) -> None:
    room.control(action="start")
    honest = RoomClient(room.address, room.code, ["Honest"])
    honest.join()
    scenario, _ = honest.scenario()
    with _socket(room) as ws:
        welcome = _joined(room, ws)
        seed = welcome["seed"]
        game = GameSession(scenario, seed)
        game.apply(EndPhase())
        game.apply(EndPhase())
        while game.pending_event is not None:
            from game.rules.decisions import ChooseOption
            game.apply(ChooseOption(0))
        decisions = [encode_decision(d) for d in game.log]
        score = game.history[0].score
        bad = [
            ({"type": "round", "round": "1", "decisions": decisions, "score": score}, "round must be"),
            ({"type": "round", "round": 99, "decisions": decisions, "score": score}, "round must be"),
            ({"type": "round", "round": 1, "decisions": "all", "score": score}, "decisions must be a list"),
            ({"type": "round", "round": 1, "decisions": [{"type": "Sudo"}], "score": score},
             "unknown decision type"),
            ({"type": "round", "round": 1, "decisions": decisions, "score": 1e308}, "score must be a number"),
            ({"type": "round", "round": 1, "decisions": decisions, "score": score + 5}, "is not what these"),
            ({"type": "round", "round": 2, "decisions": decisions, "score": score}, "arrived before round 1"),
            ({"type": "round", "round": 1, "decisions": decisions[1:], "score": score}, "is not complete"),
            ({"type": "round", "round": 1, "decisions": [encode_decision(InjectEvent(scenario.events[0].id)),
                                                         *decisions], "score": score},
             "was not sent to you"),
        ]
        for message, reason in bad:
            answer = _ask(ws, message)
            assert answer["type"] == "refused" and reason in answer["reason"], (message, answer)
        good = {"type": "round", "round": 1, "decisions": decisions, "score": score}
        assert _ask(ws, good) == {"type": "ack", "round": 1, "duplicate": False}
        assert _ask(ws, good) == {"type": "ack", "round": 1, "duplicate": True}      # a replay counts once
        replayed = _ask(ws, {**good, "decisions": [*decisions, encode_decision(EndPhase())]})
        assert replayed == {"type": "refused", "round": 1,
                            "reason": "round 1 is already recorded; a round counts once"}
        # Just over the limit: the server closes this connection with "message too big" (1009).
        with pytest.raises(ConnectionClosed) as closed:
            ws.send(json.dumps({"type": "round", "round": 2, "decisions": ["x" * 70_000], "score": 1}))
            ws.recv(timeout=10)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
    with _socket(room) as ws:
        # 10 MB: refused from the frame's header on, without reading it all; the close frame
        # may be lost in the reset of a connection that is still sending.
        with pytest.raises(ConnectionClosed) as closed:
            ws.send(json.dumps({"type": "round", "round": 2, "decisions": ["x" * (10 * 1024 * 1024)],
                                "score": 1}))
            ws.recv(timeout=10)
        assert closed.value.rcvd is None or closed.value.rcvd.code == 1009
    session = play_in_room(honest, make_strategy("balanced"), scenario, honest.welcome.seed,  # type: ignore[union-attr]
                           patience=60)
    assert session.over and honest.wait_sent(20) and not honest.refusals
    state = room.state()
    rounds = {p["names"][0]: p["round"] for p in state["participants"]}
    assert rounds == {"Honest": scenario.rounds, "Mallory": 1}
    honest.close()


def test_the_facilitator_controls_need_the_secret_and_are_checked(room: RoomProcess) -> None:
    assert room.request("/api/control", {"action": "end"}, secret=None)[0] == 403
    assert room.request("/api/control", {"action": "end"}, secret="wrong")[0] == 403
    assert room.request("/api/state", secret="wrong")[0] == 403
    assert room.request("/api/export.csv", secret=None)[0] == 403
    status, body = room.request("/api/control", raw=b"{" + b" " * (64 * 1024) + b"}")
    assert status == 413
    for control, reason in [({"action": "inject", "event": "nope"}, "no event 'nope'"),
                            ({"action": "timer", "seconds": -1}, "seconds must be"),
                            ({"action": "announce", "text": ""}, "an announcement must be"),
                            ({"action": "announce", "text": "hi", "to": [99]}, "no participant 99"),
                            ({"action": "explode"}, "unknown control")]:
        status, body = room.request("/api/control", control)
        assert status == 400 and reason in json.loads(body)["error"], (control, body)
    assert room.request("/api/control", raw=b"not json")[0] == 400
    assert room.state()["room"]["state"] == "lobby"


def test_participants_see_nothing_of_each_other_and_the_pages_escape_names(room: RoomProcess) -> None:
    with _socket(room) as ws:
        welcome = _joined(room, ws, "<img src=x onerror=alert(1)>")
        assert set(welcome) == {"type", "participant", "names", "scenario", "seed", "recorded", "room",
                                "inbox", "token", "rounds"}
        assert welcome["rounds"] == []                      # only ever their own
    status, info = room.request("/api/info", secret=None)
    assert status == 200 and set(json.loads(info)) == {"scenario", "rounds", "round_label", "state",
                                                        "joined", "address", "scheme"}
    assert room.code not in info.decode()
    status, page = room.request("/dashboard", secret=None)
    assert status == 200 and b"onerror" not in page
    status, script = room.request("/static/dashboard.js", secret=None)
    assert b"innerHTML" not in script and b"insertAdjacentHTML" not in script
    with _socket(room) as ws:
        ws.send(json.dumps({"secret": "guess"}))
    with connect(f"ws://{room.address}/ws/dashboard", proxy=None) as dash:
        dash.send(json.dumps({"secret": "guess"}))
        assert json.loads(dash.recv(timeout=10))["type"] == "refused"


def test_guessing_join_codes_is_limited_but_the_right_code_and_a_token_are_never_held_up(
        room: RoomProcess) -> None:
    import time

    from game.room.limits import BURST

    with _socket(room) as ws:
        token = _joined(room, ws, "Ana")["token"]
    for guess in range(BURST):
        with _socket(room) as ws:
            assert _ask(ws, {"type": "join", "code": "ZZZZZ" + "23456789"[guess % 8],
                             "names": ["Eve"]})["reason"] == "unknown join code"
    with _socket(room) as ws:                       # another wrong code: answered late, and refused
        started = time.monotonic()
        answer = _ask(ws, {"type": "join", "code": "ZZZZZZ", "names": ["Eve"]})
        assert answer["type"] == "refused" and answer["reason"].startswith(
            "too many failed attempts to join from your address; try again in"), answer
        assert "\n" not in answer["reason"] and time.monotonic() - started > 3
    started = time.monotonic()
    with _socket(room) as ws:                       # the right code, from the same (shared) address
        assert _ask(ws, {"type": "join", "code": room.code, "names": ["Ben"]})["type"] == "welcome"
    assert time.monotonic() - started < 2
    with _socket(room) as ws:
        assert _ask(ws, {"type": "resume", "token": token})["type"] == "welcome"
    assert [p["names"] for p in room.state()["participants"]] == [["Ana"], ["Ben"]]
