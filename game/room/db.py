"""The room's database: rooms, participants, every round they played, and the inbox.

SQLAlchemy Core, so the default SQLite file and an organisation's PostgreSQL
(`--db postgresql+psycopg://...`) run the same statements. Everything a room knows is
here; a server killed mid-game resumes from it. Decisions are stored as the save format's
JSON, so any round can be replayed.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

METADATA = sa.MetaData()

ROOMS = sa.Table(
    "rooms", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(12), nullable=False, index=True),
    sa.Column("secret", sa.String(64), nullable=False),
    sa.Column("scenario_id", sa.String(100), nullable=False),
    sa.Column("scenario_yaml", sa.Text, nullable=False),
    sa.Column("scenario_sha256", sa.String(64), nullable=False),
    sa.Column("seed", sa.BigInteger, nullable=False),
    sa.Column("state", sa.String(10), nullable=False),
    sa.Column("timer", sa.Integer, nullable=False, default=0),
    sa.Column("created", sa.Float, nullable=False),
)

PARTICIPANTS = sa.Table(
    "participants", METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("room_id", sa.Integer, sa.ForeignKey("rooms.id"), nullable=False, index=True),
    sa.Column("names", sa.Text, nullable=False),            # JSON list: one name, or a pair
    sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("joined", sa.Float, nullable=False),
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


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def database_url(value: str) -> str:
    """A SQLAlchemy URL from `--db`: a URL (plain `postgresql://` means psycopg 3, the driver
    the `postgres` extra installs), or a plain path for a SQLite file."""
    for plain in ("postgresql://", "postgres://"):
        if value.startswith(plain):
            return "postgresql+psycopg://" + value[len(plain):]
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


@dataclass(frozen=True)
class RoomRow:
    id: int
    code: str
    secret: str
    scenario_id: str
    scenario_yaml: str
    scenario_sha256: str
    seed: int
    state: str
    timer: int


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    names: tuple[str, ...]
    joined: float


@dataclass(frozen=True)
class RoundRow:
    participant_id: int
    round: int
    decisions: list[Any]
    record: dict[str, Any]
    received: float


@dataclass(frozen=True)
class InboxRow:
    id: int
    kind: str
    body: str
    targets: list[int] | None
    created: float

    def for_participant(self, participant: int) -> bool:
        return self.targets is None or participant in self.targets


class Store:
    """One database; every write is its own transaction, committed before anyone is told."""

    def __init__(self, url: str) -> None:
        self.url = database_url(url)
        sqlite = self.url.startswith("sqlite")
        self.engine: Engine = sa.create_engine(self.url, future=True,
                                               connect_args={"timeout": 30} if sqlite else {})
        if sqlite:
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        METADATA.create_all(self.engine)

    @property
    def shown_url(self) -> str:
        """The database's URL as it may be printed: any password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    # --- rooms -------------------------------------------------------------------------------

    def create_room(self, code: str, secret: str, scenario_id: str, yaml_text: str, sha: str,
                    seed: int) -> RoomRow:
        with self.engine.begin() as db:
            result = db.execute(ROOMS.insert().values(
                code=code, secret=secret, scenario_id=scenario_id, scenario_yaml=yaml_text,
                scenario_sha256=sha, seed=seed, state="lobby", timer=0, created=time.time()))
            room_id = _new_id(result)
        room = self.room(room_id)
        assert room is not None
        return room

    def room(self, room_id: int) -> RoomRow | None:
        with self.engine.connect() as db:
            row = db.execute(sa.select(ROOMS).where(ROOMS.c.id == room_id)).first()
        return None if row is None else _room(row)

    def latest_open_room(self) -> RoomRow | None:
        """The newest room that has not ended: the one a restarted server resumes."""
        with self.engine.connect() as db:
            row = db.execute(sa.select(ROOMS).where(ROOMS.c.state != "ended")
                             .order_by(ROOMS.c.id.desc()).limit(1)).first()
        return None if row is None else _room(row)

    def open_room_with_code(self, code: str) -> RoomRow | None:
        """The newest room with this join code that has not ended."""
        with self.engine.connect() as db:
            row = db.execute(sa.select(ROOMS).where(ROOMS.c.code == code, ROOMS.c.state != "ended")
                             .order_by(ROOMS.c.id.desc()).limit(1)).first()
        return None if row is None else _room(row)

    @property
    def shared(self) -> bool:
        """A database server, which other facilitators' rooms may share (not a SQLite file)."""
        return not self.url.startswith("sqlite")

    def set_state(self, room_id: int, state: str | None = None, timer: int | None = None) -> None:
        values: dict[str, Any] = {}
        if state is not None:
            values["state"] = state
        if timer is not None:
            values["timer"] = timer
        with self.engine.begin() as db:
            db.execute(ROOMS.update().where(ROOMS.c.id == room_id).values(**values))

    # --- participants ------------------------------------------------------------------------

    def add_participant(self, room_id: int, names: tuple[str, ...], token: str) -> ParticipantRow:
        joined = time.time()
        with self.engine.begin() as db:
            result = db.execute(PARTICIPANTS.insert().values(
                room_id=room_id, names=json.dumps(list(names)), token_sha256=token_hash(token),
                joined=joined))
            pid = _new_id(result)
        return ParticipantRow(pid, names, joined)

    def participant_by_token(self, room_id: int, token: str) -> int | None:
        with self.engine.connect() as db:
            row = db.execute(sa.select(PARTICIPANTS.c.id).where(
                PARTICIPANTS.c.room_id == room_id,
                PARTICIPANTS.c.token_sha256 == token_hash(token))).first()
        return None if row is None else int(row[0])

    def participants(self, room_id: int) -> list[ParticipantRow]:
        with self.engine.connect() as db:
            rows = db.execute(sa.select(PARTICIPANTS).where(PARTICIPANTS.c.room_id == room_id)
                              .order_by(PARTICIPANTS.c.id)).all()
        return [ParticipantRow(int(r.id), tuple(json.loads(r.names)), float(r.joined)) for r in rows]

    # --- rounds ------------------------------------------------------------------------------

    def add_round(self, participant: int, number: int, decisions: list[Any],
                  record: dict[str, Any]) -> None:
        """Record a round; the (participant, round) key makes a second copy impossible."""
        with self.engine.begin() as db:
            db.execute(ROUNDS.insert().values(
                participant_id=participant, round=number,
                decisions=json.dumps(decisions, allow_nan=False),
                record=json.dumps(record, allow_nan=False), received=time.time()))

    def rounds(self, room_id: int) -> list[RoundRow]:
        with self.engine.connect() as db:
            rows = db.execute(
                sa.select(ROUNDS).join(PARTICIPANTS, PARTICIPANTS.c.id == ROUNDS.c.participant_id)
                .where(PARTICIPANTS.c.room_id == room_id)
                .order_by(ROUNDS.c.participant_id, ROUNDS.c.round)).all()
        return [RoundRow(int(r.participant_id), int(r.round), json.loads(r.decisions),
                         json.loads(r.record), float(r.received)) for r in rows]

    # --- the inbox ---------------------------------------------------------------------------

    def add_inbox(self, room_id: int, kind: str, body: str, targets: list[int] | None) -> InboxRow:
        created = time.time()
        with self.engine.begin() as db:
            result = db.execute(INBOX.insert().values(
                room_id=room_id, kind=kind, body=body,
                targets=None if targets is None else json.dumps(targets), created=created))
            item_id = _new_id(result)
        return InboxRow(item_id, kind, body, targets, created)

    def inbox(self, room_id: int) -> list[InboxRow]:
        with self.engine.connect() as db:
            rows = db.execute(sa.select(INBOX).where(INBOX.c.room_id == room_id)
                              .order_by(INBOX.c.id)).all()
        return [InboxRow(int(r.id), r.kind, r.body, None if r.targets is None else json.loads(r.targets),
                         float(r.created)) for r in rows]


def shown(url: str) -> str:
    """A database URL fit to print: any password hidden."""
    try:
        return sa.engine.make_url(database_url(url)).render_as_string(hide_password=True)
    except Exception:   # not a URL SQLAlchemy reads: show none of it
        return "the --db URL"


def _new_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _room(row: Any) -> RoomRow:
    return RoomRow(int(row.id), row.code, row.secret, row.scenario_id, row.scenario_yaml,
                   row.scenario_sha256, int(row.seed), row.state, int(row.timer))


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL with synchronous=NORMAL: a committed round survives the server being killed
    # (the log is in the operating system's hands); only a power cut can lose the last ones.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
