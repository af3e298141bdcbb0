"""Every browser seat's game, kept on the room server and in the room's database.

A seat's game is the room's recorded rounds of that participant (`Room`'s own copy of the
game) followed by the seat's *draft*: the decisions made since, in the save format, kept
in the `seats` table after every change. A restarted server or a reloaded page rebuilds
the game by replaying both, bit for bit. Finished rounds go to the room by `Room.submit`,
as a window client's do; a round the room will take later (it is paused, or not started)
stays in the draft and goes when the room runs.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from game.persistence.codec import BadValue, decode_decision, encode_decision
from game.room import protocol
from game.room.protocol import Refused
from game.room.room import Player, Room
from game.rules import branching
from game.rules.decisions import Continue, Decision, EndPhase, IllegalDecision, InjectEvent
from game.rules.records import Phase
from game.rules.session import GameSession, replay
from game.seat import clock
from game.seat.clock import Clock

log = logging.getLogger("game.seat")
METADATA = sa.MetaData()
SEATS = sa.Table(
    "seats", METADATA,
    sa.Column("participant_id", sa.Integer, primary_key=True),
    sa.Column("draft", sa.Text, nullable=False),       # JSON list: decisions after the room's rounds
    sa.Column("updated", sa.Float, nullable=False),
)
PLAYING = (Phase.LEADER, Phase.MANAGER)
TIME_UP = "Time is up: the phase was committed with the choices made so far."


@dataclass
class Seat:
    player: Player
    game: GameSession                  # the live game: the room's rounds, then the draft
    clock: Clock = field(default_factory=Clock)    # this phase's timer (clock.py)
    news: list[str] = field(default_factory=list)   # what the page should say next, oldest first
    held: str = ""                     # why finished rounds wait here (the room is paused), or ""
    saved: tuple[Decision, ...] = ()   # the draft as the database has it
    refused: int = 0                   # a round the room refused for good (it never should)

    @property
    def base(self) -> int:
        """How many decisions of the live game's log the room has recorded."""
        room_game = self.player.session
        return len(room_game.log) - (1 if room_game.over else 0)

    @property
    def draft(self) -> tuple[Decision, ...]:
        return self.game.log[self.base:]


class Seats:
    """The room's browser seats: join, resume, act, and each round into the room."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.seats: dict[int, Seat] = {}
        METADATA.create_all(room.store.engine)
        clock.create_table(room.store.engine)

    def load_all(self) -> None:
        """Every browser seat of the room, from the database: their clocks run with no page open."""
        with self.room.store.engine.connect() as db:
            ids = [int(pid) for (pid,) in db.execute(sa.select(SEATS.c.participant_id))]
        for pid in ids:
            if pid in self.room.players:
                self.seat(self.room.players[pid])

    # --- joining ------------------------------------------------------------------------------

    def join(self, code: object, names: object) -> tuple[Seat, str]:
        """A new participant: one name, or two for a pair at one device (leader, manager)."""
        message = protocol.join({"type": "join", "code": code, "names": names})
        player, token = self.room.join(message)
        self._save(player.id, [])
        return self.seat(player), token

    def resume(self, token: object) -> Seat:
        message = protocol.resume({"type": "resume", "token": token})
        return self.seat(self.room.player_for(message.token))

    def seat(self, player: Player) -> Seat:
        """The participant's seat, rebuilt from the room's rounds and the saved draft."""
        seat = self.seats.get(player.id)
        if seat is not None and seat.player is player:
            return seat
        base, draft = _recorded(player), self._load(player.id)
        try:
            game = replay(self.room.scenario, self.room.row.seed, base + draft)
        except IllegalDecision as exc:    # a draft the room's rounds no longer lead to
            log.warning("participant %s: draft dropped: %s", player.id, exc)
            game = replay(self.room.scenario, self.room.row.seed, base)
        seat = self.seats[player.id] = Seat(player, game, saved=draft,
                                            clock=clock.load(self.room.store.engine, player.id))
        self._settle(seat)
        return seat

    # --- playing ------------------------------------------------------------------------------

    def act(self, seat: Seat, decision: Decision) -> None:
        """Apply one of the page's decisions; IllegalDecision (changing nothing) if refused."""
        if isinstance(decision, InjectEvent):
            raise IllegalDecision("Only the facilitator brings in events.")
        if len(seat.draft) >= protocol.MAX_DECISIONS - 20 and not isinstance(decision, EndPhase | Continue) \
                and seat.game.phase in PLAYING:
            raise IllegalDecision("This round has had too many changes: commit the phase.")
        self._inject(seat)
        seat.game.apply(decision)
        self._settle(seat)

    def undo(self, seat: Seat) -> None:
        seat.game = branching.undo(seat.game)
        self._settle(seat)

    def refresh(self, seat: Seat) -> None:
        """Bring the seat up to date with the room: events sent in, held rounds out."""
        self._settle(seat)

    def room_changed(self) -> None:
        """The room started, paused, ended or changed its timer: every seat's clock follows."""
        row, now = self.room.row, time.time()
        for seat in list(self.seats.values()):
            after = seat.clock.for_room(row.state, row.timer, now)
            if after != seat.clock:
                seat.clock = after
                self._save_clock(seat)

    def time_up(self) -> list[Seat]:
        """Commit every leader or manager phase whose time ran out, as a window's timer does
        (`EndPhase(timed_out=True)`); the seats whose phase moved on."""
        now, moved = time.time(), []
        for seat in list(self.seats.values()):
            if seat.clock.out(now) and seat.game.phase in PLAYING and seat.player.id not in self.room.removed:
                self._inject(seat)
                seat.game.apply(EndPhase(timed_out=True))
                seat.news.append(TIME_UP)
                self._settle(seat)
                moved.append(seat)
        return moved

    def flush_held(self) -> None:
        """Send the rounds seats hold, now that the room may take them (it started again)."""
        for seat in list(self.seats.values()):
            if seat.held:
                self._settle(seat)

    # --- inside -------------------------------------------------------------------------------

    def _settle(self, seat: Seat) -> None:
        self._inject(seat)
        self._send_rounds(seat)
        key, game = f"{seat.game.round}:{seat.game.phase.value}", seat.game
        if key != seat.clock.phase:
            seconds = self.room.row.timer if game.phase in PLAYING and not game.over else 0
            seat.clock = Clock.begin(key, seconds, self.room.row.state, time.time())
            self._save_clock(seat)
        draft = seat.draft
        if draft != seat.saved:
            try:
                self._save(seat.player.id, [encode_decision(d) for d in draft])
                seat.saved = draft
            except SQLAlchemyError as exc:   # kept in memory; the next change saves it all
                log.error("participant %s: draft not saved: %s", seat.player.id, str(exc).splitlines()[0])

    def _save_clock(self, seat: Seat) -> None:
        try:
            with self.room.store.engine.begin() as db:
                clock.save(db, seat.player.id, seat.clock)
        except SQLAlchemyError as exc:       # kept in memory; the phase's next clock is saved
            log.error("participant %s: clock not saved: %s", seat.player.id, str(exc).splitlines()[0])

    def _inject(self, seat: Seat) -> None:
        """Events the facilitator sent this participant go into the round being planned."""
        game = seat.game
        if game.phase not in PLAYING:
            return
        used = Counter(d.event for d in game.log if isinstance(d, InjectEvent))
        for item in self.room.inbox:
            if item.kind != "event" or not item.for_participant(seat.player.id):
                continue
            if used[item.body] > 0:
                used[item.body] -= 1
                continue
            game.apply(InjectEvent(item.body))
            title = next((e.title for e in self.room.scenario.events if e.id == item.body), item.body)
            seat.news.append(f"The facilitator brings in an event: {title}. It comes up after this round.")

    def _send_rounds(self, seat: Seat) -> None:
        """Each finished round the room does not have yet, through the room's own checks."""
        player, game = seat.player, seat.game
        seat.held = ""
        while len(player.records) < len(game.history):
            number = len(player.records) + 1
            if seat.refused and number >= seat.refused:
                return
            start = branching.round_start(game.log, number)
            rest = game.log[start:]
            end = next((i for i, d in enumerate(rest) if isinstance(d, Continue)), len(rest))
            message = {"type": "round", "round": number, "score": game.history[number - 1].score,
                       "decisions": [encode_decision(d) for d in rest[:end]]}
            try:
                self.room.submit(player, protocol.round_submission(message, self.room.scenario.rounds))
            except Refused as exc:
                if exc.retry is not None:
                    seat.held = str(exc).split(":")[0]
                    return
                log.error("participant %s: round %s refused: %s", player.id, number, exc)
                seat.news.append(f"The room refused round {number}: {exc}")
                seat.refused = number
                return

    # --- the database -------------------------------------------------------------------------

    def _save(self, participant: int, draft: list[dict[str, object]]) -> None:
        text = json.dumps(draft, allow_nan=False)
        with self.room.store.engine.begin() as db:
            changed = db.execute(SEATS.update().where(SEATS.c.participant_id == participant)
                                 .values(draft=text, updated=time.time()))
            if changed.rowcount == 0:
                db.execute(SEATS.insert().values(participant_id=participant, draft=text,
                                                 updated=time.time()))

    def _load(self, participant: int) -> tuple[Decision, ...]:
        with self.room.store.engine.connect() as db:
            row = db.execute(sa.select(SEATS.c.draft).where(SEATS.c.participant_id == participant)).first()
        if row is None:
            return ()
        try:
            raw: Any = json.loads(row[0])
            return tuple(decode_decision(d, f"draft[{i}]") for i, d in enumerate(raw))
        except (ValueError, BadValue) as exc:
            log.warning("participant %s: unreadable draft dropped: %s", participant, exc)
            return ()


def _recorded(player: Player) -> tuple[Decision, ...]:
    """The room's recorded rounds of this game, without the `Continue` that ends a finished one."""
    log_ = player.session.log
    return log_[:-1] if player.session.over else log_
