"""A room on localhost, 30 participants running the real client code headless, to the end.

One participant is a hot-seat pair, one loses the network for a round and a half, the
facilitator injects an event and sends an announcement; then the database and the CSV
must hold every round of every participant exactly once.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import threading
import time
from typing import Any

from room_helpers import RoomProcess

from game.analysis.strategies import make_strategy
from game.room.client import RoomClient, play_in_room
from game.rules.decisions import InjectEvent
from game.rules.records import Phase
from game.rules.session import GameSession

CLIENTS = 30
STRATEGIES = ("balanced", "manager-only", "leader-only", "random")


def test_thirty_clients_play_a_room_to_the_end(room: RoomProcess) -> None:
    clients = []
    for i in range(CLIENTS):
        names = ["Ana", "Ben"] if i == 0 else [f"Player {i:02d}"]
        client = RoomClient(room.address, room.code.lower(), names)   # the code is not case-sensitive
        client.join()
        clients.append(client)
    scenario, _ = clients[0].scenario()
    seed = clients[0].welcome.seed  # type: ignore[union-attr]
    assert room.state()["participants"][0]["names"] == ["Ana", "Ben"]

    event = scenario.events[-1]
    room.control(action="inject", event=event.id)                       # to everyone, before the start
    room.control(action="announce", text="Ten minutes left for round 1", to=[1, 2])
    room.control(action="timer", seconds=90)
    room.control(action="start")

    dropped = clients[7]
    seen_offline: dict[str, Any] = {}

    def network_trouble(session: GameSession) -> None:
        # Lose the network when round 3 is reported, come back after round 4 is played.
        if session.phase is Phase.REPORT and len(session.history) == 3 and not dropped.offline \
                and "back" not in seen_offline:
            assert dropped.wait_sent(10)            # rounds 1-3 are in the room
            dropped.offline = True
            dropped.drop_connection()
            seen_offline["at"] = 3
        elif dropped.offline and len(session.history) >= 4 and session.phase is Phase.REPORT:
            seen_offline["pending"] = dropped.pending
            seen_offline["back"] = True
            dropped.offline = False

    sessions: list[GameSession | None] = [None] * CLIENTS
    errors: list[BaseException] = []

    def play(i: int) -> None:
        try:
            strategy = make_strategy(STRATEGIES[i % len(STRATEGIES)], i)
            between = network_trouble if i == 7 else None
            sessions[i] = play_in_room(clients[i], strategy, scenario, seed, between=between, patience=120)
            assert clients[i].wait_sent(30), f"client {i} still has rounds {clients[i].pending}"
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=play, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors[0]
    assert all(s is not None and s.over for s in sessions)
    assert seen_offline.get("back") and seen_offline["pending"] == [4], seen_offline
    assert dropped.reconnects >= 1
    assert all(not c.refusals for c in clients), [c.refusals for c in clients if c.refusals]

    # Every client saw the injected event in its first round, and the announcement only where sent.
    for s in sessions:
        assert s is not None and InjectEvent(event.id) in s.log
        assert event.title in [e.title for e in s.history[0].events]
    assert [i["kind"] for i in clients[0].heard] == ["event", "announce"]
    assert [i["kind"] for i in clients[2].heard] == ["event"]      # the announcement went to 1 and 2

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not all(p["finished"] for p in room.state()["participants"]):
        time.sleep(0.1)
    room.control(action="end")
    state = room.state()
    assert state["room"]["state"] == "ended"
    assert len(state["participants"]) == CLIENTS and all(p["finished"] for p in state["participants"])
    assert state["debrief"]["separating"] and state["debrief"]["lessons"]
    assert [row["n"] for row in state["per_round"]["score"]] == [CLIENTS] * scenario.rounds

    # The database: every round of every participant once, with the room's own results.
    db = sqlite3.connect(room.db)
    rows = db.execute("SELECT participant_id, round FROM rounds ORDER BY participant_id, round").fetchall()
    db.close()
    assert len(rows) == CLIENTS * scenario.rounds
    assert set(rows) == {(p, r) for p in range(1, CLIENTS + 1) for r in range(1, scenario.rounds + 1)}
    by_id = {p["id"]: p for p in state["participants"]}
    for i, s in enumerate(sessions):
        assert s is not None
        assert abs(by_id[i + 1]["score"] - s.result().score) < 1e-4

    # The CSV: the same rounds, with the pair's both names, the room and the scenario's own
    # word for a round.
    status, body = room.request("/api/export.csv")
    assert status == 200
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert len(table) == CLIENTS * scenario.rounds
    label = scenario.round_label.lower()
    assert {(int(r["participant"]), int(r[label])) for r in table} == set(rows)
    assert table[0]["names"] == "Ana & Ben"
    assert {(r["room"], r["scenario"]) for r in table} == {(room.code, scenario.id)}
    for c in clients:
        c.close()

