"""A room a facilitator can run safely: remove, rename, lock, a cap on joins, names that never
look alike, controls that refuse garbage in one line, and sockets only from the room's pages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from room_helpers import RoomProcess, free_port
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from game.room.client import RoomClient, RoomError


def _socket(room: RoomProcess, **kwargs: Any) -> Any:
    return connect(f"ws://{room.address}/ws/play", compression=None, proxy=None, open_timeout=10, **kwargs)


def _join(room: RoomProcess, *names: str) -> dict[str, Any]:
    with _socket(room) as ws:
        ws.send(json.dumps({"type": "join", "code": room.code, "names": list(names)}))
        return dict(json.loads(ws.recv(timeout=10)))


def _names(room: RoomProcess) -> dict[int, str]:
    return {p["id"]: " & ".join(p["names"]) for p in room.state()["participants"]}


def test_300_joins_at_once_are_capped_and_the_room_has_a_ceiling(tmp_path: Path) -> None:
    from game.room.limits import JOIN_BURST

    room = RoomProcess(tmp_path / "room.sqlite", free_port()).start(
        "first-voyage", "--new", "--max-participants", "50")
    try:
        answers = [_join(room, f"P{i}") for i in range(300)]
        taken = [a for a in answers if a["type"] == "welcome"]
        refused = {a["reason"].split(";")[0] for a in answers if a["type"] == "refused"}
        assert JOIN_BURST <= len(taken) < JOIN_BURST + 10, len(taken)
        assert refused == {"the room is taking many joins at once"}
        assert sorted(_names(room)) == list(range(1, len(taken) + 1))
        import time
        time.sleep(0.5 * (50 - len(taken)) + 1)              # the room takes joins again, up to its cap
        more = [_join(room, f"Q{i}") for i in range(60)]
        assert len(_names(room)) == 50
        assert more[-1] == {"type": "refused", "reason": "the room is full (50 participants)"}
    finally:
        room.stop()


def test_the_facilitator_removes_renames_and_locks(room: RoomProcess) -> None:
    ana = RoomClient(room.address, room.code, ["Ana"])
    ana.join()
    assert _join(room, "ana")["names"] == ["ana (2)"]               # never two alike
    assert _join(room, "Ana", "Ben")["names"] == ["Ana", "Ben"]
    assert _join(room, "Ana", "ben")["names"] == ["Ana", "ben (2)"]
    mallory = RoomClient(room.address, room.code, ["Mallory"])
    mallory.join()
    assert _names(room) == {1: "Ana", 2: "ana (2)", 3: "Ana & Ben", 4: "Ana & ben (2)", 5: "Mallory"}

    assert room.control(action="rename", participant=2, names=["Anna"])["sent"]["names"] == ["Anna"]
    assert room.control(action="rename", participant=4, names=["Anna"])["sent"]["names"] == ["Anna (2)"]
    room.control(action="kick", participant=5)
    assert 5 not in _names(room)
    with pytest.raises(RoomError, match="removed you"):      # the same window, started again
        RoomClient(room.address, room.code, ["Mallory"]).join()
    assert 5 not in _names(room)

    room.control(action="lock", locked=True)
    assert room.state()["room"]["locked"]
    assert _join(room, "Late") == {"type": "refused",
                                   "reason": "the room is locked: the facilitator lets no one else join"}
    ana.close()
    again = RoomClient(room.address, room.code, ["Ana"])            # a participant's own token still works
    assert again.join().resumed
    room.control(action="lock", locked=False)
    assert _join(room, "Late")["type"] == "welcome"
    for control, reason in [({"action": "kick", "participant": 99}, "no participant 99"),
                            ({"action": "kick"}, "the field 'participant' is missing"),
                            ({"action": "rename", "participant": 1, "names": ["x" * 41]}, "1 to 40"),
                            ({"action": "lock", "locked": "yes"}, "locked must be true or false")]:
        status, body = room.request("/api/control", control)
        assert status == 400 and reason in json.loads(body)["error"], (control, body)
    room.control(action="end")
    for control in ({"action": "timer", "seconds": 60}, {"action": "announce", "text": "hi"}):
        status, body = room.request("/api/control", control)
        assert status == 400 and json.loads(body)["error"] == "the game has ended"
    again.close()
    mallory.close()


def test_deep_json_gets_a_one_line_400_and_the_server_logs_no_traceback(room: RoomProcess) -> None:
    for raw in (b"[" * 5000 + b"]" * 5000, b'{"action": ' * 50 + b"1" + b"}" * 50):
        status, body = room.request("/api/control", raw=raw)
        assert status == 400 and json.loads(body) == {"error": "a request is nested at most 20 deep"}
    with connect(f"ws://{room.address}/ws/dashboard", proxy=None) as dash:
        dash.send("[" * 5000 + "]" * 5000)
        assert json.loads(dash.recv(timeout=10))["type"] == "refused"
    room.stop()
    assert room.process is not None and room.process.stderr is not None
    log = room.process.stderr.read()
    assert "Traceback" not in log and "RecursionError" not in log, log


def test_websockets_only_from_the_rooms_own_pages(room: RoomProcess) -> None:
    for path in ("/ws/play", "/ws/dashboard"):
        with pytest.raises(InvalidStatus) as refused:
            connect(f"ws://{room.address}{path}", proxy=None, origin="http://evil.example")  # type: ignore[arg-type]
        assert refused.value.response.status_code == 403
    with _socket(room, origin=f"http://{room.address}") as ws:                  # the room's own page
        ws.send(json.dumps({"type": "join", "code": room.code, "names": ["Ana"]}))
        assert json.loads(ws.recv(timeout=10))["type"] == "welcome"
