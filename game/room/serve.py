"""Opening a room (new, or the one this command served before) and running its server.

A room is resumed only by its own identity: the code in this command's room file
(`identity`), or `--code`. A room that another server is running (`lease`) is refused.
"""

from __future__ import annotations

import secrets
import socket
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from sqlalchemy.exc import SQLAlchemyError

from game.room import identity, lease
from game.room.db import RoomRow, Store, shown
from game.room.lease import Holder, LeaseTaken
from game.room.protocol import MAX_MESSAGE, new_secret
from game.room.room import Room
from game.room.server import Site, build_app
from game.scenario import DEFAULT_SCENARIO_ID, ScenarioError, load_scenario, resolve_scenario
from game.scenario.loader import read_text


class RoomOpenError(Exception):
    """The room cannot be opened; one line."""


@dataclass
class Opened:
    room: Room
    resumed: bool
    secret: str | None       # a secret made now, to show once; None: the one shown before stands
    holder: Holder
    room_file: Path
    note: str | None = None  # something the facilitator should know (printed on stderr)


def open_room(db: str, scenario: str | None, seed: int | None, new: bool, code: str | None = None,
              *, port: int = 8765, holder: Holder | None = None, fresh_secret: bool = False) -> Opened:
    """The room to serve, its lease taken.

    `code` resumes the open room with that join code. Without it, the room this command's
    room file names (the same database and port) is resumed, unless `new`. Other open rooms
    are never resumed by being there: a database with open rooms and no room of this
    command's is refused, naming them.
    """
    if new and code is not None:
        raise RoomOpenError("give --new to open a room, or --code to resume one, not both")
    me = holder or Holder.here(f"port {port}")
    try:
        store = Store(db)
    except ModuleNotFoundError as exc:
        raise RoomOpenError(f"the database {shown(db)} needs {exc.name}, which the game's 'postgres' extra "
                            "installs: pip install \"sail_and_keel-0.1.0-py3-none-any.whl[room,postgres]\" "
                            "(in a checkout: pip install -e \".[room,postgres]\")") from None
    except SQLAlchemyError as exc:
        raise RoomOpenError(_database_failed(db, exc)) from None
    path = identity.room_file(store.file, store.url, port)
    try:
        row = _chosen_room(store, db, new, code, path, me)
        opened = _open(store, row, scenario, seed, me, fresh_secret)
    except SQLAlchemyError as exc:
        store.close()
        raise RoomOpenError(_database_failed(db, exc)) from None
    except RoomOpenError:
        store.close()
        raise
    opened.room_file = path
    opened.note = identity.remember(path, opened.room.row.code)
    return opened


def _database_failed(db: str, exc: Exception) -> str:
    reason = str(exc).splitlines()[0].replace(db, shown(db))
    return f"cannot open the database {shown(db)}: {reason}"


def _chosen_room(store: Store, db: str, new: bool, code: str | None, path: Path,
                 me: Holder) -> RoomRow | None:
    if code is not None:
        row = store.open_room_with_code(code.strip().upper())
        if row is None:
            raise RoomOpenError(f"{shown(db)} has no open room with the join code {code.strip()!r}")
        return row
    if new:
        return None
    own = identity.remembered_code(path)
    row = store.open_room_with_code(own) if own else None
    if row is None:
        others = store.open_rooms()
        if others:
            live = lease.live_rooms(store, me)
            listed = ", ".join(f"{r.code} ({r.scenario_id}"
                               f"{', live at ' + str(live[r.id].address) if r.id in live else ''})"
                               for r in others[:5])
            more = f" and {len(others) - 5} more" if len(others) > 5 else ""
            raise RoomOpenError(f"{shown(db)} has open rooms this command did not open here: {listed}{more}; "
                                "give --new to open a room, or --code CODE (its join code) to resume yours")
    return row


def _open(store: Store, row: RoomRow | None, scenario: str | None, seed: int | None, me: Holder,
          fresh_secret: bool) -> Opened:
    try:
        if row is not None:
            if scenario is not None and load_scenario(scenario).id != row.scenario_id:
                raise RoomOpenError(f"the room {row.code} is an open room for {row.scenario_id!r}; give "
                                    "that scenario, or --new to start another room")
            _take(store, row, me)
            try:
                room = Room.resume(store, row)
                secret = None
                if fresh_secret:
                    secret = new_secret()
                    room.change_secret(secret)
            except BaseException:
                lease.release(store, row.id, me)
                raise
            return Opened(room, True, secret, me, Path())
        path = resolve_scenario(scenario or DEFAULT_SCENARIO_ID)
        text = read_text(path)
        loaded = load_scenario(path)
        room = Room.create(store, text, loaded.id, secrets.randbelow(2**31) if seed is None else seed)
        _take(store, room.row, me)
        return Opened(room, False, room.new_secret, me, Path())
    except ScenarioError as exc:
        raise RoomOpenError(str(exc).splitlines()[0]) from None


def _take(store: Store, row: RoomRow, me: Holder) -> None:
    try:
        lease.take(store, row.id, row.code, me)
    except LeaseTaken as exc:
        raise RoomOpenError(f"{exc}; two servers never run one room: give --new to open another "
                            "room, or stop that server first") from None


def _heartbeat(opened: Opened, server: uvicorn.Server, stop: threading.Event) -> None:
    """Renew the room's lease; stop this server if another server has taken the room over."""
    store, room_id = opened.room.store, opened.room.row.id
    while not stop.wait(lease.EVERY):
        try:
            ours = lease.beat(store, room_id, opened.holder)
        except SQLAlchemyError:
            continue          # the database is busy for a moment: the next beat renews it
        if not ours:
            print(f"room: another server took over the room {opened.room.row.code}; this one stops",
                  file=sys.stderr, flush=True)
            server.should_exit = True
            return


def serve(opened: Opened, sock: socket.socket, site: Site,
          tls: tuple[str, str] | None = None) -> None:
    """Run the server on an already bound socket until interrupted; then give the lease back."""
    room = opened.room
    config = uvicorn.Config(build_app(room, site), ws="auto", ws_max_size=MAX_MESSAGE,
                            log_level="warning", lifespan="on", ws_ping_interval=10,
                            ws_ping_timeout=20, ssl_certfile=tls[0] if tls else None,
                            ssl_keyfile=tls[1] if tls else None)
    server = uvicorn.Server(config)
    stop = threading.Event()
    beats = threading.Thread(target=_heartbeat, args=(opened, server, stop), daemon=True)
    beats.start()
    try:
        server.run(sockets=[sock])
    finally:
        stop.set()
        beats.join(timeout=5)
        release(opened)


def release(opened: Opened) -> None:
    try:
        lease.release(opened.room.store, opened.room.row.id, opened.holder)
    except SQLAlchemyError:
        pass                  # a stale lease: its heartbeat ages and the room can be taken over
    opened.room.store.close()
