"""Rooms that never cross: two servers on one database each keep their own room, and a
server killed with kill -9 and started again with the same command resumes its own room."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from room_helpers import ROOT, RoomProcess, free_port

from game.room.client import RoomClient, RoomError


def _serve(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A `room serve` that is expected to refuse (and so to end by itself)."""
    return subprocess.run([sys.executable, "-m", "game", "room", "serve", *args, "--host", "127.0.0.1",
                           "--db", str(db)], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT)


def _joined(room: RoomProcess, name: str) -> RoomClient:
    client = RoomClient(room.address, room.code, [name])
    client.join()
    return client


def _names(room: RoomProcess) -> list[str]:
    return [" & ".join(p["names"]) for p in room.state()["participants"]]


def test_a_second_server_never_runs_the_first_ones_room(tmp_path: Path) -> None:
    db = tmp_path / "room.sqlite"
    a = RoomProcess(db, free_port()).start("first-voyage", "--seed", "1")
    b = RoomProcess(db, free_port())
    try:
        ana = _joined(a, "Ana")
        # The same command on another port: refused, naming the live room; never resumed.
        refused = _serve(db, "first-voyage", "--port", str(b.port))
        assert refused.returncode == 2 and "--new" in refused.stderr
        assert f"{a.code} (first-voyage, live at 127.0.0.1:{a.port})" in refused.stderr
        assert refused.stderr.count("\n") == 1, refused.stderr
        taken = _serve(db, "--code", a.code, "--port", str(b.port))      # not even by its code
        assert taken.returncode == 2 and "is live on another server" in taken.stderr, taken.stderr
        assert f"127.0.0.1:{a.port}" in taken.stderr

        b.start("first-voyage", "--new", "--seed", "2")
        assert b.code != a.code and b.secret != a.secret
        ben = _joined(b, "Ben")
        assert ben.welcome is not None and ben.welcome.participant == 1      # B's first, whatever A has
        a.control(action="start")                                        # A's Start is A's alone
        deadline = time.monotonic() + 10
        while ana.state != "running" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ana.state == "running" and ben.state == "lobby"
        assert a.state()["room"]["state"] == "running" and b.state()["room"]["state"] == "lobby"
        assert _names(a) == ["Ana"] and _names(b) == ["Ben"]
        assert [p["id"] for p in b.state()["participants"]] == [1]      # numbered from 1 in each room
        assert b.request("/api/state", secret=a.secret)[0] == 403        # one room's secret only
        with pytest.raises(RoomError, match="unknown join code"):
            RoomClient(b.address, a.code, ["Eve"]).join()
        ana.close()
        ben.close()
    finally:
        a.stop()
        b.stop()


def test_kill_9_and_the_same_command_resumes_its_own_room_among_others(tmp_path: Path) -> None:
    db = tmp_path / "room.sqlite"
    a = RoomProcess(db, free_port()).start("first-voyage", "--seed", "1")
    b = RoomProcess(db, free_port()).start("turnaround", "--new", "--seed", "2")
    try:
        ana = _joined(a, "Ana")
        ben = _joined(b, "Ben")
        codes, secrets = (a.code, b.code), (a.secret, b.secret)
        ana.close()
        a.kill()                                                          # kill -9, B's room is newer
        a.start("first-voyage", "--seed", "1")                             # the same command
        assert "Resumed room" in a.banner and a.code == codes[0] and "#secret=" not in a.banner
        assert a.state()["room"]["code"] == codes[0] and _names(a) == ["Ana"]   # the old secret works
        again = RoomClient(a.address, a.code, ["Ana"])
        assert again.join().resumed                                       # A's participant is back in
        cleo = _joined(a, "Cleo")                                         # and A's code still lets in
        assert _names(a) == ["Ana", "Cleo"] and _names(b) == ["Ben"]

        ben.close()
        b.kill()
        b.start("turnaround", "--seed", "2")                               # B's command, without --new
        assert "Resumed room" in b.banner and b.code == codes[1] and b.secret == secrets[1]
        assert _names(b) == ["Ben"] and b.state()["scenario"]["id"] == "turnaround"
        for c in (again, cleo):
            c.close()
    finally:
        a.stop()
        b.stop()
    # Files for this user only; the database holds no facilitator secret, only its hash.
    room_files = sorted(tmp_path.glob("room.sqlite.*.room"))
    assert len(room_files) == 2
    for path in (db, *room_files):
        assert path.stat().st_mode & 0o777 == 0o600, path
    assert all(s.encode() not in db.read_bytes() for s in secrets)


def test_a_stale_lease_is_taken_over_and_a_live_one_never(tmp_path: Path) -> None:
    import sqlalchemy as sa

    from game.room import lease
    from game.room.db import Store
    from game.room.room import Room
    from game.room.tables import LEASES
    from game.scenario import resolve_scenario

    store = Store(str(tmp_path / "room.sqlite"))
    room = Room.create(store, resolve_scenario("first-voyage").read_text(encoding="utf-8"), "first-voyage", 1)
    there = lease.Holder("other-laptop", 4242, "a" * 16, "10.0.0.9:8765")     # a server elsewhere
    here = lease.Holder.here("127.0.0.1:8765")
    lease.take(store, room.row.id, room.row.code, there)
    with pytest.raises(lease.LeaseTaken, match=r"live on another server \(10.0.0.9:8765"):
        lease.take(store, room.row.id, room.row.code, here)
    assert lease.beat(store, room.row.id, there) and not lease.beat(store, room.row.id, here)
    with store.engine.begin() as db:                  # that laptop went quiet a while ago
        db.execute(LEASES.update().values(heartbeat=time.time() - lease.STALE - 1))
    lease.take(store, room.row.id, room.row.code, here)
    assert not lease.beat(store, room.row.id, there)  # the old server learns it lost the room
    with store.engine.connect() as db:
        assert db.execute(sa.select(LEASES.c.owner)).scalar() == here.owner
    store.close()


def test_served_on_every_interface_the_join_page_gives_the_lan_address(tmp_path: Path) -> None:
    import ipaddress
    import json

    from game.room.site import lan_address

    outward = lan_address()
    ipaddress.ip_address(outward)                       # an address, whatever the machine has
    room = RoomProcess(tmp_path / "room.sqlite", free_port(), host="0.0.0.0").start("first-voyage", "--new")
    try:
        assert f"--room {outward}:{room.port} " in room.banner
        assert f"http://127.0.0.1:{room.port}/dashboard#secret={room.secret}" in room.banner
        status, info = room.request("/api/info", secret=None)         # asked on 127.0.0.1
        assert status == 200 and json.loads(info)["address"] == f"{outward}:{room.port}"
        assert room.state()["join"]["play"] == f"http://{outward}:{room.port}/play?code={room.code}"
    finally:
        room.stop()


def test_a_server_whose_room_was_taken_over_stops(tmp_path: Path) -> None:
    """A laptop that slept past its lease finds another server running its room: it stops
    rather than run the room twice."""
    import sqlite3

    room = RoomProcess(tmp_path / "room.sqlite", free_port()).start("first-voyage", "--new")
    try:
        db = sqlite3.connect(room.db)
        db.execute("UPDATE leases SET owner = 'elsewhere/1/x', host = 'elsewhere'")
        db.commit()
        db.close()
        assert room.process is not None and room.process.wait(timeout=20) is not None
        assert room.process.stderr is not None
        assert f"another server took over the room {room.code}; this one stops" in room.process.stderr.read()
    finally:
        room.stop()
