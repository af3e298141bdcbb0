"""A room in play: its scenario, its participants' games, its state, the facilitator's controls.

No web here: the server turns messages into calls on `Room` and sends back what it
returns. Every change is written to the database before it is acknowledged, and a room
rebuilt from the database (`Room.resume`) is the room that was there.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from game.persistence.codec import decode_decision
from game.room import moderation, protocol, rounds, view
from game.room.db import InboxRow, RoomRow, Store
from game.room.limits import JOIN_BURST, JOIN_EVERY, Bucket
from game.room.protocol import Refused
from game.room.tables import secret_hash
from game.rules.decisions import InjectEvent
from game.rules.session import GameSession
from game.scenario import load_scenario_text
from game.scenario.types import Scenario

MAX_PARTICIPANTS = 100
log = logging.getLogger("game.room")
# Room states in which rounds wait on the participants' laptops, and what they are told.
WAITING = {"lobby": "the room has not started yet", "paused": "the room is paused"}


@dataclass
class Player:
    id: int                       # the database's; the facilitator sees `number`
    names: tuple[str, ...]
    session: GameSession
    number: int = 0               # 1, 2, ... within the room
    records: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[list[Any]] = field(default_factory=list)     # encoded, per round
    online: int = 0                                                # open connections
    seen: float = 0.0

    @property
    def label(self) -> str:
        return " & ".join(self.names)

    @property
    def finished(self) -> bool:
        return self.session.over


class Room:
    def __init__(self, store: Store, row: RoomRow) -> None:
        self.store = store
        self.row = row
        self.scenario: Scenario = load_scenario_text(row.scenario_yaml, f"room:{row.scenario_id}.yaml")
        self.players: dict[int, Player] = {}
        self.inbox: list[InboxRow] = []
        self.version = 0          # goes up with every change the dashboard should see
        self.round_times: list[tuple[int, int, float]] = []   # (participant, round, recorded at)
        self.removed: set[int] = set()        # participants the facilitator removed
        self.max_participants = MAX_PARTICIPANTS
        self.joins = Bucket(JOIN_BURST, JOIN_EVERY)
        self.new_secret: str | None = None    # the secret of a room made just now, to show once

    # --- creating and resuming --------------------------------------------------------------

    @classmethod
    def create(cls, store: Store, scenario_yaml: str, scenario_id: str, seed: int) -> Room:
        load_scenario_text(scenario_yaml, f"{scenario_id}.yaml")     # refuse a bad file up front
        sha = hashlib.sha256(scenario_yaml.encode("utf-8")).hexdigest()
        secret = protocol.new_secret()
        row = store.create_room(protocol.new_code(), secret, scenario_id, scenario_yaml, sha, seed)
        room = cls(store, row)
        room.new_secret = secret
        return room

    @classmethod
    def resume(cls, store: Store, row: RoomRow) -> Room:
        """The room as the database has it: every participant's game replayed round by round."""
        room = cls(store, row)
        for p in store.participants(row.id):
            if p.removed:
                room.removed.add(p.id)
            else:
                room.players[p.id] = Player(p.id, p.names, GameSession(room.scenario, row.seed),
                                            number=p.number)
        room.inbox = store.inbox(row.id)
        for r in store.rounds(row.id):
            if r.participant_id not in room.players:
                continue                   # a removed participant's rounds stay out of the room
            player = room.players[r.participant_id]
            decisions = tuple(decode_decision(d, "decisions") for d in r.decisions)
            player.session = rounds.play_round(player.session, r.round, decisions,
                                               room._injectable(player), None)
            player.records.append(r.record)
            player.decisions.append(r.decisions)
            rounds.finish(player.session)
        return room

    @property
    def event_ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.scenario.events)

    # --- participants -------------------------------------------------------------------------

    def code_matches(self, code: str) -> bool:
        return secrets.compare_digest(code, self.row.code)

    def is_facilitator(self, secret: str | None) -> bool:
        return secret is not None and secrets.compare_digest(secret_hash(secret), self.row.secret_sha256)

    def change_secret(self, secret: str) -> None:
        self.store.set_state(self.row.id, secret=secret)
        self.row = _with(self.row, secret_sha256=secret_hash(secret))
        self.new_secret = secret

    def join(self, message: protocol.Join) -> tuple[Player, str]:
        """A new participant (their names numbered if the room has them already), and their token."""
        if not self.code_matches(message.code):
            raise Refused("unknown join code")
        if self.row.state == "ended":
            raise Refused("this room's game has ended")
        if self.row.locked:
            raise Refused("the room is locked: the facilitator lets no one else join")
        if len(self.players) >= self.max_participants:
            raise Refused(f"the room is full ({self.max_participants} participants)")
        wait = self.joins.take()
        if wait:
            raise Refused(f"the room is taking many joins at once; try again in {wait} s")
        names = moderation.numbered(message.names, [p.names for p in self.players.values()])
        token = secrets.token_urlsafe(24)
        row = self.store.add_participant(self.row.id, names, token)
        player = Player(row.id, row.names, GameSession(self.scenario, self.row.seed), number=row.number)
        self.players[row.id] = player
        self.version += 1
        return player, token

    def player_for(self, token: str) -> Player:
        pid = self.store.participant_by_token(self.row.id, token)
        if pid is not None and pid in self.removed:
            raise Refused(moderation.REMOVED)
        if pid is None or pid not in self.players:
            raise Refused("unknown participant token")
        return self.players[pid]

    def by_number(self, number: int) -> Player:
        for player in self.players.values():
            if player.number == number:
                return player
        raise Refused(f"no participant {number}")

    def welcome(self, player: Player, since: int = 0) -> dict[str, Any]:
        """What a (re)connecting client is told: its game, what the room has of it, its inbox."""
        return {
            "type": "welcome", "participant": player.number, "names": list(player.names),
            "scenario": {"id": self.row.scenario_id, "yaml": self.row.scenario_yaml,
                         "sha256": self.row.scenario_sha256},
            "seed": self.row.seed, "recorded": len(player.records),
            "rounds": player.decisions,          # their own rounds, so a restarted game rebuilds
            "room": self.room_status(), "inbox": self.inbox_for(player.id, since),
        }

    def room_status(self) -> dict[str, Any]:
        return {"type": "room", "state": self.row.state, "timer": self.row.timer}

    def inbox_for(self, pid: int, since: int = 0) -> list[dict[str, Any]]:
        return [self.item(i) for i in self.inbox if i.id > since and i.for_participant(pid)]

    def item(self, item: InboxRow) -> dict[str, Any]:
        data: dict[str, Any] = {"id": item.id, "kind": item.kind}
        if item.kind == "event":
            event = next(e for e in self.scenario.events if e.id == item.body)
            data.update(event=event.id, title=event.title)
        else:
            data["text"] = item.body
        return data

    def _injectable(self, player: Player) -> Counter[str]:
        sent = Counter(i.body for i in self.inbox if i.kind == "event" and i.for_participant(player.id))
        used = Counter(d.event for d in player.session.log if isinstance(d, InjectEvent))
        return sent - used

    # --- rounds -------------------------------------------------------------------------------

    def submit(self, player: Player, sub: protocol.RoundSubmission) -> dict[str, Any]:
        """Record a round, once. A round already recorded with the same decisions is acknowledged
        again (a client that lost the answer resends); with other decisions it is refused.

        While the room is paused (or not started) a new round is refused for now: the client
        keeps it and sends it again when the room runs. After the end every round is taken,
        so a laptop that was offline still counts."""
        done = len(player.records)
        encoded = rounds.encoded(sub.decisions)
        if sub.round <= done:
            if player.decisions[sub.round - 1] == encoded:
                return {"type": "ack", "round": sub.round, "duplicate": True}
            raise Refused(f"round {sub.round} is already recorded; a round counts once")
        if self.row.state in WAITING:
            raise Refused(f"{WAITING[self.row.state]}: round {sub.round} waits on your laptop and is "
                          "sent when the facilitator starts the room", retry="start")
        if sub.round != done + 1:
            raise Refused(f"round {sub.round} arrived before round {done + 1}; send round {done + 1} first",
                          retry="soon")
        before = player.session.log
        try:
            game = rounds.play_round(player.session, sub.round, sub.decisions, self._injectable(player),
                                     sub.score)
            record = rounds.record_json(game.history[-1])
            self.store.add_round(player.id, sub.round, encoded, record)
        except BaseException as exc:
            # Whatever went wrong, the room's copy of this game goes back to its recorded rounds:
            # a copy left half-way through a round would refuse every round after it.
            player.session = rounds.restore(player.session, before)
            if isinstance(exc, SQLAlchemyError):
                log.error("round %s of participant %s not recorded: %s", sub.round, player.id,
                          str(exc).splitlines()[0])
                raise Refused(f"the room could not record round {sub.round} just now; your game "
                              "sends it again", retry="soon") from None
            raise
        rounds.finish(game)
        player.session = game
        player.records.append(record)
        player.decisions.append(encoded)
        self.round_times.append((player.id, sub.round, time.monotonic()))
        self.version += 1
        return {"type": "ack", "round": sub.round, "duplicate": False}

    # --- the facilitator ----------------------------------------------------------------------

    def control(self, command: dict[str, Any]) -> tuple[list[int] | None, dict[str, Any]]:
        """Apply a checked control; returns who to tell (None: every participant) and what.
        Participants are named by their number in the control, by their id in the answer."""
        action = command["action"]
        if action in moderation.ACTIONS:
            return moderation.apply(self, command)
        if action == "start":
            self._set_state("running")
        elif action == "pause":
            self._set_state("paused")
        elif action == "end":
            self._set_state("ended")
        elif action == "timer":
            if self.row.state == "ended":
                raise Refused("the game has ended")
            self.store.set_state(self.row.id, timer=command["seconds"])
            self.row = _with(self.row, timer=command["seconds"])
        else:
            if self.row.state == "ended":
                raise Refused("the game has ended")
            to = command["to"]
            if to is not None:
                if not to:
                    raise Refused("to names nobody")
                to = [self.by_number(n).id for n in to]
            body = command["event"] if action == "inject" else command["text"]
            item = self.store.add_inbox(self.row.id, "event" if action == "inject" else "announce", body, to)
            self.inbox.append(item)
            self.version += 1
            return to, {"type": "inbox", "items": [self.item(item)]}
        self.version += 1
        return None, self.room_status()

    def set_countdown(self, ends: float | None) -> None:
        """The projector's countdown ends at `ends` (epoch seconds), or is taken off (None)."""
        self.store.set_countdown(self.row.id, ends)
        self.row = _with(self.row, countdown=ends)
        self.version += 1

    def _set_state(self, state: str) -> None:
        if self.row.state == "ended":
            raise Refused("the game has ended")
        self.store.set_state(self.row.id, state=state)
        self.row = _with(self.row, state=state)

    def snapshot(self) -> dict[str, Any]:
        return view.snapshot(self)

    def projector(self) -> dict[str, Any]:
        return view.projector(self)


def _with(row: RoomRow, **changes: Any) -> RoomRow:
    return replace(row, **changes)
