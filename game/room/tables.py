"""The room's tables, and the upgrade of a database made by an older version.

Rooms, participants, every round they played, the inbox, and the leases: which server
is running which room right now (a row per live room, its heartbeat renewed every few
seconds), so that two servers never run one room.
"""

from __future__ import annotations

import hashlib
import re

import sqlalchemy as sa
from sqlalchemy.engine import Engine

METADATA = sa.MetaData()

ROOMS = sa.Table(
    "rooms", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(12), nullable=False, index=True),
    sa.Column("secret", sa.String(64), nullable=False),      # its SHA-256, never the secret itself
    sa.Column("scenario_id", sa.String(100), nullable=False),
    sa.Column("scenario_yaml", sa.Text, nullable=False),
    sa.Column("scenario_sha256", sa.String(64), nullable=False),
    sa.Column("seed", sa.BigInteger, nullable=False),
    sa.Column("state", sa.String(10), nullable=False),
    sa.Column("timer", sa.Integer, nullable=False, default=0),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("locked", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
    sa.Column("countdown", sa.Float, nullable=True),          # the projector's countdown ends then (epoch s)
)

PARTICIPANTS = sa.Table(
    "participants", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("room_id", sa.Integer, sa.ForeignKey("rooms.id"), nullable=False, index=True),
    sa.Column("names", sa.Text, nullable=False),            # JSON list: one name, or a pair
    sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("joined", sa.Float, nullable=False),
    sa.Column("number", sa.Integer, nullable=True),          # 1, 2, ... within its room
    sa.Column("removed", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
)

ROUNDS = sa.Table(
    "rounds", METADATA,
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), primary_key=True),
    sa.Column("round", sa.Integer, primary_key=True),
    sa.Column("decisions", sa.Text, nullable=False),        # JSON list, the save format's
    sa.Column("record", sa.Text, nullable=False),           # JSON: the room's replay of the round
    sa.Column("received", sa.Float, nullable=False),
)

INBOX = sa.Table(
    "inbox", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("room_id", sa.Integer, sa.ForeignKey("rooms.id"), nullable=False, index=True),
    sa.Column("kind", sa.String(10), nullable=False),       # "event" or "announce"
    sa.Column("body", sa.Text, nullable=False),             # an event id, or the announcement
    sa.Column("targets", sa.Text, nullable=True),           # JSON list of participant ids; null: all
    sa.Column("created", sa.Float, nullable=False),
)


LEASES = sa.Table(
    "leases", METADATA,
    sa.Column("room_id", sa.Integer, sa.ForeignKey("rooms.id"), primary_key=True),
    sa.Column("owner", sa.String(200), nullable=False),      # host, process and a random part
    sa.Column("host", sa.String(200), nullable=False),
    sa.Column("pid", sa.Integer, nullable=False),
    sa.Column("address", sa.String(200), nullable=False),    # where that server listens
    sa.Column("heartbeat", sa.Float, nullable=False),
)

# Columns added since the first version: (table, column, its SQL type and default).
ADDED = (
    ("rooms", "locked", "BOOLEAN NOT NULL DEFAULT FALSE"),
    ("participants", "number", "INTEGER"),
    ("participants", "removed", "BOOLEAN NOT NULL DEFAULT FALSE"),
    ("rooms", "countdown", "FLOAT"),
)
_HASHED = re.compile("[0-9a-f]{64}")


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_and_upgrade(engine: Engine) -> None:
    """Make the tables; add the columns an older version's database lacks, number its
    participants within each room, and hash any facilitator secret kept in plain text."""
    METADATA.create_all(engine)
    inspector = sa.inspect(engine)
    with engine.begin() as db:
        for table, column, kind in ADDED:
            if column not in {c["name"] for c in inspector.get_columns(table)}:
                db.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column} {kind}"))
        unnumbered = db.execute(sa.select(PARTICIPANTS.c.id, PARTICIPANTS.c.room_id)
                                .where(PARTICIPANTS.c.number.is_(None))
                                .order_by(PARTICIPANTS.c.id)).all()
        for pid, room_id in unnumbered:
            top = db.execute(sa.select(sa.func.max(PARTICIPANTS.c.number))
                             .where(PARTICIPANTS.c.room_id == room_id)).scalar()
            db.execute(PARTICIPANTS.update().where(PARTICIPANTS.c.id == pid)
                       .values(number=(top or 0) + 1))
        for room_id, secret in db.execute(sa.select(ROOMS.c.id, ROOMS.c.secret)).all():
            if not _HASHED.fullmatch(secret):
                db.execute(ROOMS.update().where(ROOMS.c.id == room_id).values(secret=secret_hash(secret)))
