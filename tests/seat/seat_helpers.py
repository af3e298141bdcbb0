"""A room served by uvicorn in a thread of this process, and a scripted browser seat.

`SeatPlayer` speaks to `/play/ws` exactly as the page does: it joins with the code and a
name, sends each decision in the save format, and reads the views the server answers."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from websockets.sync.client import connect

from game.persistence.codec import encode_decision
from game.room.db import Store
from game.room.room import Room
from game.room.server import build_app
from game.rules.decisions import Decision
from game.scenario import resolve_scenario
from game.scenario.loader import read_text
from game.seat.store import Seats


@dataclass
class ServedRoom:
    room: Room
    port: int
    app: Any

    @property
    def seats(self) -> Seats:
        return self.app.state.room_server.seat_server.seats  # type: ignore[no-any-return]

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/play/ws"


@contextmanager
def served_room(folder: Path, scenario_id: str, seed: int, db: Path | None = None
                ) -> Iterator[ServedRoom]:
    """A room for `scenario_id` (or the one open in `db`), served until the block ends."""
    store = Store(str(db or folder / "room.sqlite"))
    row = next(iter(store.open_rooms()), None)   # the test's own database: one room at most
    if row is not None:
        room = Room.resume(store, row)
    else:
        path = resolve_scenario(scenario_id)
        room = Room.create(store, read_text(path), scenario_id, seed)
    app = build_app(room)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on", ws="auto"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield ServedRoom(room, sock.getsockname()[1], app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


class SeatPlayer:
    """One page's traffic: join (or resume), then decisions, each answered with a view."""

    def __init__(self, url: str) -> None:
        self._stack = ExitStack()
        self.ws = self._stack.enter_context(connect(url, max_size=2**22, proxy=None, open_timeout=10))
        self.token = ""
        self.view: dict[str, Any] = {}
        self.pushed: list[dict[str, Any]] = []
        self._seq = 0

    def join(self, code: str, name: str) -> dict[str, Any]:
        answer = self.ask({"type": "join", "code": code, "name": name})
        self.token = str(answer.get("token", ""))
        return answer

    def resume(self, token: str) -> dict[str, Any]:
        self.token = token
        return self.ask({"type": "resume", "token": token})

    def act(self, decision: Decision) -> dict[str, Any]:
        return self.ask({"type": "act", "decision": encode_decision(decision)})

    def ask(self, message: dict[str, Any]) -> dict[str, Any]:
        self._seq += 1
        self.ws.send(json.dumps({**message, "seq": self._seq}))
        while True:
            data = json.loads(self.ws.recv(timeout=30))
            if data.get("type") in ("room", "inbox"):
                self.pushed.append(data)
                continue
            if data.get("type") == "view":
                self.view = data["view"]
            return dict(data)

    def close(self) -> None:
        self._stack.close()
