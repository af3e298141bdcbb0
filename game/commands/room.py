"""`room serve`: run a workshop room on the local network for participants' game windows.

    sailkeel room serve [SCENARIO] [--port N] [--db URL] [--host H] [--seed N] [--new | --code C]

Prints the join code and the address to give the room, and the facilitator's dashboard
address with its secret (for this machine only). Results go to a SQLite file in the data
folder unless --db names another file or a database URL. Started again on the same SQLite
file, it resumes the room that was open; on a database server (which other facilitators'
rooms may share) give --new to open a room and --code CODE to resume it.
"""

from __future__ import annotations

import argparse
import socket
import sys
from typing import Any

DEFAULT_PORT = 8765


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("room", help="run a workshop room (server and dashboard)")
    sub = p.add_subparsers(dest="room_command", required=True)
    serve = sub.add_parser("serve", help="serve a room on the local network")
    serve.add_argument("scenario", nargs="?", help="scenario id or YAML path (default: the default "
                       "scenario, or the open room's)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT,
                       help=f"default {DEFAULT_PORT}; 0 picks a free one")
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on (default: every interface)")
    serve.add_argument("--db", metavar="URL", help="a SQLite file or a database URL such as "
                       "postgresql+psycopg://user@host/rooms (default: room.sqlite in the data folder)")
    serve.add_argument("--seed", type=int, default=None, help="the seed every participant plays "
                       "(default: a random one)")
    serve.add_argument("--new", action="store_true", help="start a new room even if one is open")
    serve.add_argument("--code", help="resume the open room with this join code (on a shared "
                       "database server, the way to resume a room)")
    serve.set_defaults(func=run)


def lan_address() -> str:
    """This machine's address on the local network, as others will reach it."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))      # no packet is sent: this only picks a route
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def run(args: argparse.Namespace) -> int:
    try:
        from game.room.serve import open_room, serve
    except ModuleNotFoundError as exc:
        print(f"room: the room needs the 'room' extra ({exc.name} is missing): "
              "pip install 'sail-and-keel[room]'", file=sys.stderr)
        return 2
    from game.persistence.datadir import data_dir
    from game.room.serve import RoomOpenError

    if not 0 <= args.port < 65536:
        print("room: --port must be from 0 to 65535", file=sys.stderr)
        return 2
    if args.seed is not None and not 0 <= args.seed < 2**63:
        print("room: --seed must be from 0 to 2**63-1", file=sys.stderr)
        return 2
    if args.db:
        db = args.db
    else:      # a laptop that never saved a game has no data folder yet
        folder = data_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"room: cannot make the data folder {folder}: {exc.strerror or exc}; "
                  "give --db FILE", file=sys.stderr)
            return 2
        db = str(folder / "room.sqlite")
    try:
        room, resumed = open_room(db, args.scenario, args.seed, args.new, args.code)
    except RoomOpenError as exc:
        print(f"room: {exc}", file=sys.stderr)
        return 2
    try:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
        sock.listen(128)     # connections wait in the queue until the server takes them
    except OSError as exc:
        print(f"room: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    everywhere = args.host in ("0.0.0.0", "")
    host = lan_address() if everywhere else args.host
    local = "127.0.0.1" if everywhere else args.host     # where this machine reaches the server
    row = room.row
    print(f"{'Resumed' if resumed else 'Opened'} room for {room.scenario.title!r} "
          f"({len(room.players)} participant(s) so far); results in {room.store.shown_url}")
    print(f"Join code: {row.code}")
    print(f"Participants: sailkeel play --room {host}:{port} --code {row.code} --name YOUR-NAME")
    print(f"Join page:    http://{host}:{port}/")
    print(f"Dashboard (this machine only, keep the secret): "
          f"http://{local}:{port}/dashboard#secret={row.secret}", flush=True)
    serve(room, sock)
    return 0
