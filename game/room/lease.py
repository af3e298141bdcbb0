"""Which server runs a room: a lease row in the room's database, renewed by a heartbeat.

A server takes its room's lease before it serves it and renews it every few seconds. A
second server refuses a room whose lease is live. A lease is stale, and may be taken over,
when its heartbeat is older than `STALE` seconds, or at once when it was held by a process
on this machine that is no longer running (a server killed with kill -9 and started again).
"""

from __future__ import annotations

import os
import secrets
import socket
import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from game.room.db import Store
from game.room.tables import LEASES

EVERY = 2.0          # seconds between heartbeats
STALE = 10.0         # a heartbeat older than this: the server that held the lease is gone


class LeaseTaken(Exception):
    """The room is live on another server; the text says where, in one line."""


@dataclass(frozen=True)
class Holder:
    """This server: its machine, its process, a random part, and where it listens."""

    host: str
    pid: int
    nonce: str
    address: str

    @classmethod
    def here(cls, address: str) -> Holder:
        return cls(socket.gethostname()[:100], os.getpid(), secrets.token_hex(8), address[:200])

    @property
    def owner(self) -> str:
        return f"{self.host}/{self.pid}/{self.nonce}"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed process its parent has not reaped yet (Linux): it runs no room."""
    try:
        stat = open(f"/proc/{pid}/stat", encoding="ascii", errors="replace").read()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def live(row: Any, me: Holder, now: float) -> bool:
    """Whether the lease in `row` is held by another server that is still running."""
    if row.owner == me.owner or now - float(row.heartbeat) > STALE:
        return False
    if row.host == me.host and (int(row.pid) == me.pid or not _running(int(row.pid))):
        return False
    return True


def describe(row: Any, code: str, now: float) -> str:
    ago = max(0, round(now - float(row.heartbeat)))
    return (f"the room {code} is live on another server ({row.address}, process {row.pid} on "
            f"{row.host}, seen {ago} s ago)")


def live_rooms(store: Store, me: Holder) -> dict[int, Any]:
    """The rooms other servers are running now: room id -> their lease row."""
    now = time.time()
    with store.engine.connect() as db:
        rows = db.execute(sa.select(LEASES)).all()
    return {int(r.room_id): r for r in rows if live(r, me, now)}


def take(store: Store, room_id: int, code: str, me: Holder) -> None:
    """Take the room's lease, or raise LeaseTaken if another server runs the room."""
    now = time.time()
    values = {"owner": me.owner, "host": me.host, "pid": me.pid, "address": me.address, "heartbeat": now}
    with store.engine.begin() as db:
        row = db.execute(sa.select(LEASES).where(LEASES.c.room_id == room_id)).first()
        if row is None:
            try:
                db.execute(LEASES.insert().values(room_id=room_id, **values))
                return
            except IntegrityError:
                raise LeaseTaken(f"the room {code} was taken by another server just now") from None
        if live(row, me, now):
            raise LeaseTaken(describe(row, code, now))
        # Compare and swap: only if nobody renewed or took it since it was read.
        done = db.execute(LEASES.update().where(LEASES.c.room_id == room_id, LEASES.c.owner == row.owner,
                                                LEASES.c.heartbeat == row.heartbeat).values(**values))
        if done.rowcount != 1:
            raise LeaseTaken(f"the room {code} was taken by another server just now")


def beat(store: Store, room_id: int, me: Holder) -> bool:
    """Renew the lease; False if it is no longer ours (another server took the room over)."""
    with store.engine.begin() as db:
        done = db.execute(LEASES.update().where(LEASES.c.room_id == room_id, LEASES.c.owner == me.owner)
                          .values(heartbeat=time.time()))
    return done.rowcount == 1


def release(store: Store, room_id: int, me: Holder) -> None:
    """Give the lease back (a server that stops properly): the room can be resumed at once."""
    with store.engine.begin() as db:
        db.execute(LEASES.delete().where(LEASES.c.room_id == room_id, LEASES.c.owner == me.owner))
