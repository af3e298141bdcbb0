"""`room serve`: run a workshop room on the local network for participants' games.

    sailkeel room serve [SCENARIO] [--port N] [--db URL] [--host H] [--seed N] [--new | --code C]
                        [--max-participants N] [--tls-cert FILE --tls-key FILE] [--new-secret]

Prints the join code, the address to give the room, the projector's page, and (once, when
the room is made) the facilitator's dashboard address with its secret. Results go to a
SQLite file in the data folder unless --db names another file or a database URL. The same
command started again resumes its own room (its code is kept in a room file beside the
database); --code CODE resumes a room by its join code, --new opens another. A room that
another server is running is refused.
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path
from typing import Any

DEFAULT_PORT = 8765


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("room", help="run a workshop room (server and dashboard)")
    sub = p.add_subparsers(dest="room_command", required=True)
    serve = sub.add_parser("serve", help="serve a room on the local network")
    serve.add_argument("scenario", nargs="?", help="scenario id or YAML path (default: the default "
                       "scenario, or the resumed room's)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT,
                       help=f"default {DEFAULT_PORT}; 0 picks a free one")
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on (default: every interface)")
    serve.add_argument("--db", metavar="URL", help="a SQLite file or a database URL such as "
                       "postgresql+psycopg://user@host/rooms (default: room.sqlite in the data folder)")
    serve.add_argument("--seed", type=int, default=None, help="the seed every participant plays "
                       "(default: a random one)")
    serve.add_argument("--new", action="store_true", help="open a new room, even if this command "
                       "served one before")
    serve.add_argument("--code", help="resume the open room with this join code")
    serve.add_argument("--max-participants", type=int, default=100, metavar="N",
                       help="how many may join (default 100)")
    serve.add_argument("--new-secret", action="store_true", help="give the resumed room a new "
                       "facilitator secret (the old one stops working) and print it")
    serve.add_argument("--tls-cert", metavar="FILE", help="serve https and wss with this certificate "
                       "(PEM); needs --tls-key")
    serve.add_argument("--tls-key", metavar="FILE", help="the certificate's private key (PEM)")
    serve.add_argument("--allow-origin", action="append", default=[], metavar="URL",
                       help="another site whose pages may open the room's WebSockets (repeatable)")
    serve.set_defaults(func=run)


def _checked(args: argparse.Namespace) -> str | None:
    """Why the arguments cannot be served, or None."""
    if not 0 <= args.port < 65536:
        return "--port must be from 0 to 65535"
    if args.seed is not None and not 0 <= args.seed < 2**63:
        return "--seed must be from 0 to 2**63-1"
    if not 1 <= args.max_participants <= 10_000:
        return "--max-participants must be from 1 to 10000"
    if bool(args.tls_cert) != bool(args.tls_key):
        return "give both --tls-cert and --tls-key, or neither"
    for flag, path in (("--tls-cert", args.tls_cert), ("--tls-key", args.tls_key)):
        if path and not Path(path).is_file():
            return f"{flag} {path}: no such file"
    return None


def _database(args: argparse.Namespace) -> str | None:
    if args.db:
        return str(args.db)
    from game.persistence.datadir import data_dir

    folder = data_dir()      # a laptop that never saved a game has no data folder yet
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"room: cannot make the data folder {folder}: {exc.strerror or exc}; "
              "give --db FILE", file=sys.stderr)
        return None
    return str(folder / "room.sqlite")


def run(args: argparse.Namespace) -> int:
    try:
        from game.room.serve import open_room, serve
    except ModuleNotFoundError as exc:
        print(f"room: the room needs the game's 'room' extra ({exc.name} is missing): "
              "pip install \"sail_and_keel-0.1.0-py3-none-any.whl[room]\" "
              "(in a checkout: pip install -e \".[room]\")", file=sys.stderr)
        return 2
    from game.room.lease import Holder
    from game.room.serve import RoomOpenError
    from game.room.site import Site, lan_address, shown_host

    problem = _checked(args)
    if problem:
        print(f"room: {problem}", file=sys.stderr)
        return 2
    db = _database(args)
    if db is None:
        return 2
    try:
        sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
        sock.listen(128)     # connections wait in the queue until the server takes them
    except OSError as exc:
        print(f"room: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    everywhere = args.host in ("0.0.0.0", "", "::")
    host = shown_host(lan_address() if everywhere else args.host)
    local = "127.0.0.1" if everywhere else host     # where this machine reaches the server
    try:
        opened = open_room(db, args.scenario, args.seed, args.new, args.code, port=args.port,
                           holder=Holder.here(f"{host}:{port}"), fresh_secret=args.new_secret)
    except RoomOpenError as exc:
        sock.close()
        print(f"room: {exc}", file=sys.stderr)
        return 2
    room = opened.room
    room.max_participants = args.max_participants
    scheme = "https" if args.tls_cert else "http"
    if opened.note:
        print(f"room: {opened.note}; the same command will not find this room again (use --code)",
              file=sys.stderr)
    code = room.row.code
    print(f"{'Resumed' if opened.resumed else 'Opened'} room {code} for {room.scenario.title!r} "
          f"({len(room.players)} participant(s) so far); results in {room.store.shown_url}")
    print(f"Join code: {code}")
    address = f"https://{host}:{port}" if args.tls_cert else f"{host}:{port}"
    print(f"Participants: {scheme}://{host}:{port}/play?code={code} in any browser, "
          f"or: sailkeel play --room {address} --code {code} --name YOUR-NAME")
    print(f"Projector:    {scheme}://{host}:{port}/projector   Join page: {scheme}://{host}:{port}/")
    if opened.secret:
        print(f"Dashboard (this machine only; the secret is shown this once, keep it): "
              f"{scheme}://{local}:{port}/dashboard#secret={opened.secret}", flush=True)
    else:
        print(f"Dashboard (this machine only): {scheme}://{local}:{port}/dashboard — with the secret "
              "shown when the room opened (--new-secret makes another)", flush=True)
    site = Site(f"{host}:{port}", scheme, tuple(args.allow_origin))
    serve(opened, sock, site, (args.tls_cert, args.tls_key) if args.tls_cert else None)
    return 0
