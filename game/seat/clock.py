"""A browser seat's phase timer, kept by the room's server; the page only shows it.

When the facilitator sets a phase timer, each leader or manager phase a seat begins gets
that many seconds, as a window's phase does. The clock runs while the room runs (or has
ended) and stands still while it waits (not started, or paused), as a window's timer
stands still under the pause screen. When it runs out the server commits the phase with
the choices made so far, marked `timed_out`, whether or not the page is open. The clock is
kept in the room's database (`seat_clocks`), so a reloaded page and a restarted server go
on with the time that was left.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

CLOCKS_METADATA = sa.MetaData()
CLOCKS = sa.Table(
    "seat_clocks", CLOCKS_METADATA,
    sa.Column("participant_id", sa.Integer, primary_key=True),
    sa.Column("phase", sa.String(40), nullable=False),    # "ROUND:PHASE" the clock is for
    sa.Column("ends", sa.Float, nullable=True),           # epoch seconds, while the clock runs
    sa.Column("left", sa.Float, nullable=True),           # seconds left, while it stands still
)
WAITING_STATES = ("lobby", "paused")     # the room's states in which phase clocks stand still


@dataclass(frozen=True)
class Clock:
    phase: str = ""                 # the phase it is for ("3:manager"); "" before any
    ends: float | None = None       # when it runs out (epoch seconds), while it runs
    left: float | None = None       # seconds left, while it stands still

    @classmethod
    def begin(cls, phase: str, seconds: int, room_state: str, now: float) -> Clock:
        """The clock of a phase just begun: `seconds` of it (0: no timer)."""
        if seconds <= 0:
            return cls(phase)
        if room_state in WAITING_STATES:
            return cls(phase, left=float(seconds))
        return cls(phase, ends=now + seconds)

    @property
    def timed(self) -> bool:
        return self.ends is not None or self.left is not None

    def remaining(self, now: float) -> float | None:
        """Seconds left (never below 0), or None when this phase has no timer."""
        if self.ends is not None:
            return max(0.0, self.ends - now)
        return self.left

    def for_room(self, room_state: str, timer: int, now: float) -> Clock:
        """The clock after the room changed: it stands still while the room waits, runs
        while it runs, and is taken off when the facilitator turns the timer off."""
        if timer <= 0:
            return Clock(self.phase)
        if room_state in WAITING_STATES and self.ends is not None:
            return Clock(self.phase, left=max(0.0, self.ends - now))
        if room_state not in WAITING_STATES and self.left is not None:
            return Clock(self.phase, ends=now + self.left)
        return self

    def out(self, now: float) -> bool:
        return self.ends is not None and self.ends <= now


def create_table(engine: Engine) -> None:
    CLOCKS_METADATA.create_all(engine)


def save(db: Connection, participant: int, clock: Clock) -> None:
    values = {"phase": clock.phase, "ends": clock.ends, "left": clock.left}
    changed = db.execute(CLOCKS.update().where(CLOCKS.c.participant_id == participant).values(**values))
    if changed.rowcount == 0:
        db.execute(CLOCKS.insert().values(participant_id=participant, **values))


def load(engine: Engine, participant: int) -> Clock:
    with engine.connect() as db:
        row = db.execute(sa.select(CLOCKS.c.phase, CLOCKS.c.ends, CLOCKS.c.left)
                         .where(CLOCKS.c.participant_id == participant)).first()
    if row is None:
        return Clock()
    return Clock(str(row.phase), None if row.ends is None else float(row.ends),
                 None if row.left is None else float(row.left))
