"""The room's database: rooms, participants, every round they played, and the inbox.

SQLAlchemy Core, so the default SQLite file and an organisation's PostgreSQL
(`--db postgresql+psycopg://...`) run the same statements. Everything a room knows is
here; a server killed mid-game resumes from it. Decisions are stored as the save format's
JSON, so any round can be replayed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from game.room.tables import INBOX, PARTICIPANTS, ROOMS, ROUNDS, create_and_upgrade, secret_hash


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def database_url(value: str) -> str:
    """A SQLAlchemy URL from `--db`: a URL (plain `postgresql://` means psycopg 3, the driver
    the `postgres` extra installs), or a plain path for a SQLite file."""
    for plain in ("postgresql://", "postgres://"):
        if value.startswith(plain):
            return "postgresql+psycopg://" + value[len(plain):]
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    if value.startswith(("sqlite:///", "sqlite+pysqlite:///")):
        url = sa.engine.make_url(value)      # sqlite:///rel.sqlite: made absolute against the cwd
        if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
            return url.set(database=str(Path(url.database).expanduser().resolve())).render_as_string(
                hide_password=False)
    return value


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for a database server or an in-memory database)."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


@dataclass(frozen=True)
class RoomRow:
    id: int
    code: str
    secret_sha256: str             # the facilitator secret's hash; the secret itself is never kept
    scenario_id: str
    scenario_yaml: str
    scenario_sha256: str
    seed: int
    state: str
    timer: int
    locked: bool = False
    countdown: float | None = None   # the projector's countdown ends then (epoch seconds), or None


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    names: tuple[str, ...]
    joined: float
    number: int = 0               # 1, 2, ... within its room: what the facilitator sees
    removed: bool = False         # the facilitator removed them: their token no longer works


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
        self.file = sqlite_file(self.url)
        if self.file is not None and not self.file.exists():
            # Created for this user only: SQLite gives its -wal and -shm files the same mode.
            os.close(os.open(self.file, os.O_CREAT | os.O_WRONLY, 0o600))
        self.engine: Engine = sa.create_engine(self.url, future=True,
                                               connect_args={"timeout": 30} if self.file else {})
        if self.file is not None:
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        create_and_upgrade(self.engine)

    @property
    def shown_url(self) -> str:
        """The database's URL as it may be printed: any password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    # --- rooms -------------------------------------------------------------------------------

    def create_room(self, code: str, secret: str, scenario_id: str, yaml_text: str, sha: str,
                    seed: int) -> RoomRow:
        """A new room; only the secret's hash is kept."""
        with self.engine.begin() as db:
            result = db.execute(ROOMS.insert().values(
                code=code, secret=secret_hash(secret), scenario_id=scenario_id, scenario_yaml=yaml_text,
                scenario_sha256=sha, seed=seed, state="lobby", timer=0, created=time.time()))
            room_id = _new_id(result)
        room = self.room(room_id)
        assert room is not None
        return room

    def room(self, room_id: int) -> RoomRow | None:
        with self.engine.connect() as db:
            row = db.execute(sa.select(ROOMS).where(ROOMS.c.id == room_id)).first()
        return None if row is None else _room(row)

    def open_rooms(self) -> list[RoomRow]:
        """Every room that has not ended, newest first."""
        with self.engine.connect() as db:
            rows = db.execute(sa.select(ROOMS).where(ROOMS.c.state != "ended")
                              .order_by(ROOMS.c.id.desc())).all()
        return [_room(row) for row in rows]

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

    def set_state(self, room_id: int, state: str | None = None, timer: int | None = None,
                  locked: bool | None = None, secret: str | None = None) -> None:
        values: dict[str, Any] = {}
        if state is not None:
            values["state"] = state
        if timer is not None:
            values["timer"] = timer
        if locked is not None:
            values["locked"] = locked
        if secret is not None:
            values["secret"] = secret_hash(secret)
        with self.engine.begin() as db:
            db.execute(ROOMS.update().where(ROOMS.c.id == room_id).values(**values))

    def set_countdown(self, room_id: int, ends: float | None) -> None:
        """The projector's countdown ends at `ends` (epoch seconds); None takes it off."""
        with self.engine.begin() as db:
            db.execute(ROOMS.update().where(ROOMS.c.id == room_id).values(countdown=ends))

    # --- participants ------------------------------------------------------------------------

    def add_participant(self, room_id: int, names: tuple[str, ...], token: str) -> ParticipantRow:
        """A new participant, numbered from 1 within the room."""
        joined = time.time()
        with self.engine.begin() as db:
            top = db.execute(sa.select(sa.func.max(PARTICIPANTS.c.number))
                             .where(PARTICIPANTS.c.room_id == room_id)).scalar()
            number = int(top or 0) + 1
            result = db.execute(PARTICIPANTS.insert().values(
                room_id=room_id, names=json.dumps(list(names)), token_sha256=token_hash(token),
                joined=joined, number=number, removed=False))
            pid = _new_id(result)
        return ParticipantRow(pid, names, joined, number)

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
        return [ParticipantRow(int(r.id), tuple(json.loads(r.names)), float(r.joined), int(r.number),
                               bool(r.removed)) for r in rows]

    def change_participant(self, pid: int, names: tuple[str, ...] | None = None,
                           removed: bool | None = None) -> None:
        values: dict[str, Any] = {}
        if names is not None:
            values["names"] = json.dumps(list(names))
        if removed is not None:
            values["removed"] = removed
        with self.engine.begin() as db:
            db.execute(PARTICIPANTS.update().where(PARTICIPANTS.c.id == pid).values(**values))

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
                   row.scenario_sha256, int(row.seed), row.state, int(row.timer), bool(row.locked),
                   None if row.countdown is None else float(row.countdown))


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL with synchronous=NORMAL: a committed round survives the server being killed
    # (the log is in the operating system's hands); only a power cut can lose the last ones.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")      # a replaced secret leaves no trace in the file
    cursor.close()
