"""The room's pure parts: message checks, the separating habits, the CSV cells, addresses."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from game.room import protocol
from game.room.client import RoomError, room_url
from game.room.export import _cell
from game.room.protocol import Refused
from game.room.separate import habits, separating_decisions


def _round(number: int, **changes: object) -> dict[str, object]:
    record: dict[str, object] = {"round": number, "budget": {"operations": 60.0, "training": 40.0},
                                 "actions": ["coaching:growth", "town_hall"], "overtime": 0.0,
                                 "reviews": False, "vision": "a"}
    record.update(changes)
    return record


def test_habits_average_a_game_over_its_rounds() -> None:
    h = habits([_round(1), _round(2, vision="b", overtime=0.5, reviews=True, actions=[])])
    assert h["budget to training"] == pytest.approx(0.4)
    assert h["coaching per round"] == pytest.approx(0.5)
    assert h["overtime"] == pytest.approx(0.25)
    assert h["rounds with reviews"] == pytest.approx(0.5)
    assert h["vision changes"] == 1.0


def test_the_best_quarter_is_set_apart_by_what_it_did_differently() -> None:
    records = {pid: [_round(1, budget={"operations": 100.0 - 10 * pid, "training": 10.0 * pid})]
               for pid in range(1, 9)}
    scores = {pid: float(pid) for pid in range(1, 9)}          # more training, better score
    rows = separating_decisions(records, scores)
    top = rows[0]
    assert top["habit"] in ("budget to training", "budget to operations")
    training = next(r for r in rows if r["habit"] == "budget to training")
    assert training["best"] > training["rest"] and training["percent"]
    assert all(r["habit"] != "coaching per round" for r in rows)   # everyone coached alike
    assert separating_decisions({1: [_round(1)]}, {1: 50.0}) == []


def test_messages_are_checked_before_anything_reads_them() -> None:
    with pytest.raises(Refused, match="too big"):
        protocol.parse("x" * (protocol.MAX_MESSAGE + 1))
    with pytest.raises(Refused, match="not a JSON"):
        protocol.parse('{"type": "join", "x": NaN}')
    with pytest.raises(Refused, match="nested at most 20 deep"):
        protocol.parse("[" * 30_000 + "]" * 30_000)
    with pytest.raises(Refused, match="nested at most 20 deep"):
        protocol.loads(b'{"a": ' * 21 + b"1" + b"}" * 21, "request")
    assert protocol.loads('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"[["}') == {"a": '[' * 30 + '"[['}
    join = protocol.join(protocol.parse(json.dumps({"type": "join", "code": " abcdef ",
                                                    "names": ["  Ana   Maria "]})))
    assert join == protocol.Join("ABCDEF", ("Ana Maria",))
    with pytest.raises(Refused, match="printable"):
        protocol.join({"type": "join", "code": "ABCDEF", "names": ["Ana\x1b[31m"]})
    with pytest.raises(Refused, match="score must be"):
        protocol.round_submission({"type": "round", "round": 1, "decisions": [], "score": True}, 8)
    with pytest.raises(Refused, match="at most 400"):
        protocol.round_submission({"type": "round", "round": 1, "decisions": [{}] * 401, "score": 1}, 8)
    assert protocol.control({"action": "announce", "text": " hi \n all ", "to": [2, 1, 2]}, ()) == \
        {"action": "announce", "to": [1, 2], "text": "hi all"}
    with pytest.raises(Refused, match="participant numbers"):
        protocol.control({"action": "announce", "text": "hi", "to": [True]}, ())
    assert set(protocol.new_code()) <= set(protocol.CODE_ALPHABET)


def test_csv_cells_never_become_spreadsheet_formulas() -> None:
    assert _cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _cell("-3.5") == "-3.5" and _cell(-3.5) == "-3.5"
    assert _cell("@SUM(A1)") == "'@SUM(A1)"
    assert _cell({"a": 1}) == '{"a": 1}'


def test_room_addresses() -> None:
    assert room_url("192.168.1.20:8765") == "ws://192.168.1.20:8765/ws/play"
    assert room_url("http://host:80/") == "ws://host:80/ws/play"
    for bad in ("host", "host:0", "host:99999", ":8765"):
        with pytest.raises(RoomError):
            room_url(bad)


def test_database_urls_and_what_is_printed_of_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.room.db import database_url, shown

    assert database_url("postgresql://ana@db/rooms") == "postgresql+psycopg://ana@db/rooms"
    assert database_url("postgresql+psycopg://ana@db/rooms") == "postgresql+psycopg://ana@db/rooms"
    assert database_url(str(tmp_path / "room.sqlite")) == f"sqlite:///{tmp_path / 'room.sqlite'}"
    monkeypatch.chdir(tmp_path)         # a relative SQLite URL is the file in the folder it was given in
    assert database_url("sqlite:///rel.sqlite") == f"sqlite:///{tmp_path / 'rel.sqlite'}"
    assert database_url(f"sqlite:///{tmp_path}/abs.sqlite") == f"sqlite:///{tmp_path}/abs.sqlite"
    assert shown("postgresql://ana:hunter2@db/rooms") == "postgresql+psycopg://ana:***@db/rooms"


def test_room_serve_refuses_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main
    from game.room.db import Store
    from game.room.room import Room
    from game.scenario import resolve_scenario

    db = str(tmp_path / "room.sqlite")
    assert main(["room", "serve", "no-such-scenario", "--db", db, "--port", "0"]) == 2
    assert "no such scenario file or id" in capsys.readouterr().err
    assert main(["room", "serve", "--db", db, "--port", "70000"]) == 2
    assert "--port must be" in capsys.readouterr().err
    store = Store(db)
    Room.create(store, resolve_scenario("first-voyage").read_text(encoding="utf-8"), "first-voyage", 1)
    store.close()
    assert main(["room", "serve", "turnaround", "--db", db, "--port", "0"]) == 2
    err = capsys.readouterr().err          # a room this command did not open is never resumed
    assert "open rooms this command did not open here" in err and "(first-voyage)" in err
    assert "--new" in err and err.count("\n") == 1
    for flags, reason in ((["--max-participants", "0"], "--max-participants must be"),
                          (["--tls-cert", db], "both --tls-cert and --tls-key"),
                          (["--tls-cert", db, "--tls-key", str(tmp_path / "no.key")], "no such file")):
        assert main(["room", "serve", "--db", db, "--port", "0", *flags]) == 2
        err = capsys.readouterr().err
        assert reason in err and err.count("\n") == 1, err


def test_room_serve_makes_the_data_folder_for_its_default_database(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A fresh laptop has no data folder yet: the room's default database goes there anyway."""
    import socket

    from game.cli import main

    home = tmp_path / "fresh" / "sail-and-keel"
    monkeypatch.setenv("SAIL_KEEL_HOME", str(home))
    with socket.socket() as taken:                # the port is busy: run stops after the database
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["room", "serve", "--host", "127.0.0.1", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert "cannot listen" in err and "database" not in err, err
    assert home.is_dir()


def test_the_client_keeps_rounds_the_room_takes_later_and_drops_those_after_a_refused_one() -> None:
    from game.room.client import RoomClient

    client = RoomClient("127.0.0.1:9", "ABCDEF", ["Ana"])
    for number in (1, 2, 3):
        client.submit(number, [], 50.0)
    client._handle({"type": "refused", "round": 1, "reason": "the database failed", "retry": "soon"})
    client._handle({"type": "refused", "round": 2, "reason": "round 2 arrived before round 1; "
                    "send round 1 first"})                     # a room that does not say retry
    assert client.pending == [1, 2, 3] and not client.refusals
    client.state = "paused"
    client._handle({"type": "refused", "round": 3, "reason": "the room is paused", "retry": "start"})
    assert client.held == [3] and [n["kind"] for n in client.take_news()] == ["held"]
    client._handle({"type": "room", "state": "running", "timer": 0})
    assert client.held == [] and client.pending == [1, 2, 3]

    client._handle({"type": "refused", "round": 2, "reason": "not what these decisions give"})
    assert client.pending == [1]
    assert client.refusals[2] == "not what these decisions give"
    assert "round 2 was refused" in client.refusals[3]
    client.submit(4, [], 50.0)                                  # never sent: it cannot count
    assert client.pending == [1] and "round 2 was refused" in client.refusals[4]


def test_a_rooms_scenario_id_never_leads_the_file_out_of_its_folder(tmp_path: Path) -> None:
    import hashlib

    from game.room.client import RoomClient, Welcome
    from game.scenario import resolve_scenario

    text = resolve_scenario("first-voyage").read_text(encoding="utf-8")
    client = RoomClient("127.0.0.1:9", "ABCDEF", ["Ana"])
    folder = tmp_path / "scenarios"
    for given in ("../../escaped", "/etc/passwd", "x" * 300, "first-voyage"):
        client.welcome = Welcome(1, ("Ana",), "t" * 32, given, text,
                                 hashlib.sha256(text.encode()).hexdigest(), 1)
        _, path = client.scenario(folder)
        assert path.parent == folder and path.name.endswith(".yaml")
    assert sorted(p.name.split("-")[0] for p in folder.iterdir()) == ["first", "room"]
    assert [p.name for p in tmp_path.iterdir()] == ["scenarios"]


def test_leaving_a_paused_room_says_the_rounds_wait_on_this_laptop(
        capsys: pytest.CaptureFixture[str]) -> None:
    import time

    from game.commands.play import leave_room

    class Paused:
        state, pending, closed = "paused", [3, 4], False

        def wait_sent(self, timeout: float) -> bool:
            time.sleep(timeout)
            return False

        def close(self) -> None:
            self.closed = True

    client = Paused()
    started = time.monotonic()
    assert leave_room(client, 0) == 1 and client.closed
    assert time.monotonic() - started < 5                  # no waiting on a paused room
    err = capsys.readouterr().err
    assert "the room is paused" in err and "3, 4" in err and "run the same command again" in err


def test_failed_joins_are_limited_per_address_and_the_limit_refills() -> None:
    from game.room.limits import FailedJoins

    now = [0.0]
    joins = FailedJoins(burst=3, every=6.0, clock=lambda: now[0])
    for _ in range(3):
        assert joins.wait("10.0.0.5") == 0
        joins.failed("10.0.0.5")
    assert joins.wait("10.0.0.5") == 6 and joins.wait("10.0.0.6") == 0   # only that address
    now[0] = 4.0
    assert joins.wait("10.0.0.5") == 2
    now[0] = 6.0
    assert joins.wait("10.0.0.5") == 0                                  # one more try
    joins.failed("10.0.0.5")
    assert joins.wait("10.0.0.5") == 6
    now[0] = 600.0
    assert joins.wait("10.0.0.5") == 0
    joins.failed("10.0.0.5")
    assert joins.wait("10.0.0.5") == 0                                  # full again: burst of 3


def test_the_next_start_removes_an_outbox_write_cut_by_a_kill(sail_keel_home: Path) -> None:
    from game.persistence.datadir import tidy
    from game.room.client import OUTBOX_FOLDER

    folder = sail_keel_home / OUTBOX_FOLDER
    folder.mkdir()
    orphan = folder / ".abc.json.sk999999999-0123abcd.tmp"        # a pid that cannot run
    orphan.write_text('{"participant": 1, "rou')
    tidy(sail_keel_home)
    assert not orphan.exists()


def test_a_room_is_resumed_by_its_join_code(tmp_path: Path) -> None:
    from game.room.db import Store
    from game.room.room import Room
    from game.room.serve import RoomOpenError, open_room, release
    from game.scenario import resolve_scenario

    db = str(tmp_path / "room.sqlite")
    store = Store(db)
    text = resolve_scenario("first-voyage").read_text(encoding="utf-8")
    first, second = (Room.create(store, text, "first-voyage", seed) for seed in (1, 2))
    store.close()
    for code, expected in ((first.row.code, first), (f" {second.row.code.lower()} ", second)):
        opened = open_room(db, None, None, False, code, port=0)
        assert opened.resumed and opened.room.row.id == expected.row.id and opened.secret is None
        release(opened)
    with pytest.raises(RoomOpenError, match="open rooms this command did not open here"):
        open_room(db, None, None, False)                 # never the newest by being the newest
    with pytest.raises(RoomOpenError, match="no open room with the join code 'ZZZZZZ'"):
        open_room(db, None, None, False, "ZZZZZZ")
    with pytest.raises(RoomOpenError, match="not both"):
        open_room(db, None, None, True, first.row.code)


def test_a_database_from_the_first_version_is_upgraded_in_place(tmp_path: Path) -> None:
    """Rooms made before moderation: the new columns are added, participants numbered from 1
    in each room, and a facilitator secret kept in plain text is replaced by its hash."""
    import sqlite3

    from game.room.db import Store
    from game.room.tables import secret_hash

    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.executescript("""
        CREATE TABLE rooms (id INTEGER PRIMARY KEY, code VARCHAR(12) NOT NULL, secret VARCHAR(64) NOT NULL,
            scenario_id VARCHAR(100) NOT NULL, scenario_yaml TEXT NOT NULL,
            scenario_sha256 VARCHAR(64) NOT NULL,
            seed BIGINT NOT NULL, state VARCHAR(10) NOT NULL, timer INTEGER NOT NULL, created FLOAT NOT NULL);
        CREATE TABLE participants (id INTEGER PRIMARY KEY, room_id INTEGER NOT NULL REFERENCES rooms(id),
            names TEXT NOT NULL, token_sha256 VARCHAR(64) NOT NULL UNIQUE, joined FLOAT NOT NULL);
        INSERT INTO rooms VALUES (1, 'AAAAAA', 'plain-secret-one', 'x', '', '', 1, 'ended', 0, 0);
        INSERT INTO rooms VALUES (2, 'BBBBBB', 'plain-secret-two', 'x', '', '', 1, 'lobby', 0, 0);
        INSERT INTO participants VALUES (1, 1, '["Ana"]', 'a', 0), (2, 2, '["Ben"]', 'b', 0),
                                        (3, 1, '["Cy"]', 'c', 0), (4, 2, '["Di"]', 'd', 0);
    """)
    old.commit()
    old.close()
    store = Store(str(path))
    assert [(p.names, p.number) for p in store.participants(2)] == [(("Ben",), 1), (("Di",), 2)]
    assert [(p.names, p.number) for p in store.participants(1)] == [(("Ana",), 1), (("Cy",), 2)]
    room = store.room(2)
    assert room is not None and room.secret_sha256 == secret_hash("plain-secret-two") and not room.locked
    store.close()
    assert b"plain-secret" not in path.read_bytes()


def test_a_missing_postgres_driver_names_the_extra_in_one_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    from game.cli import main

    monkeypatch.setitem(sys.modules, "psycopg", None)          # as if the extra were not installed
    assert main(["room", "serve", "--db", "postgresql://ana@127.0.0.1:1/rooms", "--port", "0",
                 "--host", "127.0.0.1"]) == 2
    err = capsys.readouterr().err
    assert "'postgres' extra" in err and "[room,postgres]" in err and err.count("\n") == 1, err


def test_a_killed_server_its_parent_has_not_reaped_yet_holds_no_lease() -> None:
    import signal
    import subprocess

    from game.room.lease import _running

    child = subprocess.Popen(["sleep", "30"])
    assert _running(child.pid)
    child.send_signal(signal.SIGKILL)
    time.sleep(0.3)                          # killed, not yet waited for: a zombie
    assert not _running(child.pid)
    child.wait()
