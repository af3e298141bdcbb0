"""Opening a room (new, or the one the database has open) and running its server."""

from __future__ import annotations

import secrets
import socket

import uvicorn
from sqlalchemy.exc import SQLAlchemyError

from game.room.db import Store, shown
from game.room.protocol import MAX_MESSAGE
from game.room.room import Room
from game.room.server import build_app
from game.scenario import DEFAULT_SCENARIO_ID, ScenarioError, load_scenario, resolve_scenario
from game.scenario.loader import read_text


class RoomOpenError(Exception):
    """The room cannot be opened; one line."""


def open_room(db: str, scenario: str | None, seed: int | None, new: bool,
              code: str | None = None) -> tuple[Room, bool]:
    """The room to serve and whether it was resumed from the database.

    `code` resumes the open room with that join code. Without it, a SQLite file's open room
    is resumed (unless `new`); a database server may hold other facilitators' rooms, so
    there a room is resumed only by its code, never by being the newest.
    """
    if new and code is not None:
        raise RoomOpenError("give --new to open a room, or --code to resume one, not both")
    try:
        store = Store(db)
        if code is not None:
            open_row = store.open_room_with_code(code.strip().upper())
            if open_row is None:
                raise RoomOpenError(f"{shown(db)} has no open room with the join code {code.strip()!r}")
        elif new:
            open_row = None
        elif store.shared:
            raise RoomOpenError(f"{shown(db)} may hold other facilitators' rooms: give --new to open "
                                "a room, or --code CODE (its join code) to resume yours")
        else:
            open_row = store.latest_open_room()
    except (SQLAlchemyError, ModuleNotFoundError) as exc:
        reason = str(exc).splitlines()[0].replace(db, shown(db))
        raise RoomOpenError(f"cannot open the database {shown(db)}: {reason}") from None
    try:
        if open_row is not None:
            room = Room.resume(store, open_row)
            if scenario is not None and load_scenario(scenario).id != room.scenario.id:
                raise RoomOpenError(f"the database has an open room for {room.scenario.id!r}; give "
                                    "that scenario, or --new to start another room")
            return room, True
        path = resolve_scenario(scenario or DEFAULT_SCENARIO_ID)
        text = read_text(path)
        loaded = load_scenario(path)
        return Room.create(store, text, loaded.id,
                           secrets.randbelow(2**31) if seed is None else seed), False
    except ScenarioError as exc:
        raise RoomOpenError(str(exc).splitlines()[0]) from None


def serve(room: Room, sock: socket.socket) -> None:
    """Run the server on an already bound socket until interrupted."""
    config = uvicorn.Config(build_app(room), ws="auto", ws_max_size=MAX_MESSAGE,
                            log_level="warning", lifespan="on", ws_ping_interval=10,
                            ws_ping_timeout=20)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        room.store.close()
