"""A room in play: its scenario, its participants' games, its state, the facilitator's controls.

No web here: the server turns messages into calls on `Room` and sends back what it
returns. Every change is written to the database before it is acknowledged, and a room
rebuilt from the database (`Room.resume`) is the room that was there.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from game.analysis.debrief import Participant, debrief_room, room_json
from game.persistence.codec import decode_decision
from game.room import protocol, rounds
from game.room.db import InboxRow, RoomRow, Store
from game.room.protocol import Refused
from game.room.separate import separating_decisions
from game.rules.decisions import InjectEvent
from game.rules.profile import game_profile
from game.rules.records import METRIC_NAMES
from game.rules.session import GameSession
from game.scenario import load_scenario_text
from game.scenario.types import Scenario

MEASURES = (*METRIC_NAMES, "score")
log = logging.getLogger("game.room")
# Room states in which rounds wait on the participants' laptops, and what they are told.
WAITING = {"lobby": "the room has not started yet", "paused": "the room is paused"}


@dataclass
class Player:
    id: int
    names: tuple[str, ...]
    session: GameSession
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

    # --- creating and resuming --------------------------------------------------------------

    @classmethod
    def create(cls, store: Store, scenario_yaml: str, scenario_id: str, seed: int) -> Room:
        load_scenario_text(scenario_yaml, f"{scenario_id}.yaml")     # refuse a bad file up front
        sha = hashlib.sha256(scenario_yaml.encode("utf-8")).hexdigest()
        row = store.create_room(protocol.new_code(), protocol.new_secret(), scenario_id,
                                scenario_yaml, sha, seed)
        return cls(store, row)

    @classmethod
    def resume(cls, store: Store, row: RoomRow) -> Room:
        """The room as the database has it: every participant's game replayed round by round."""
        room = cls(store, row)
        for p in store.participants(row.id):
            room.players[p.id] = Player(p.id, p.names, GameSession(room.scenario, row.seed))
        room.inbox = store.inbox(row.id)
        for r in store.rounds(row.id):
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

    def join(self, message: protocol.Join) -> tuple[Player, str]:
        if not secrets.compare_digest(message.code, self.row.code):
            raise Refused("unknown join code")
        if self.row.state == "ended":
            raise Refused("this room's game has ended")
        token = secrets.token_urlsafe(24)
        row = self.store.add_participant(self.row.id, message.names, token)
        player = Player(row.id, row.names, GameSession(self.scenario, self.row.seed))
        self.players[row.id] = player
        self.version += 1
        return player, token

    def player_for(self, token: str) -> Player:
        pid = self.store.participant_by_token(self.row.id, token)
        if pid is None or pid not in self.players:
            raise Refused("unknown participant token")
        return self.players[pid]

    def welcome(self, player: Player, since: int = 0) -> dict[str, Any]:
        """What a (re)connecting client is told: its game, what the room has of it, its inbox."""
        return {
            "type": "welcome", "participant": player.id, "names": list(player.names),
            "scenario": {"id": self.row.scenario_id, "yaml": self.row.scenario_yaml,
                         "sha256": self.row.scenario_sha256},
            "seed": self.row.seed, "recorded": len(player.records),
            "rounds": player.decisions,          # their own rounds, so a restarted game rebuilds
            "room": self.room_status(), "inbox": self.inbox_for(player.id, since),
        }

    def room_status(self) -> dict[str, Any]:
        return {"type": "room", "state": self.row.state, "timer": self.row.timer}

    def inbox_for(self, pid: int, since: int = 0) -> list[dict[str, Any]]:
        return [self._item(i) for i in self.inbox if i.id > since and i.for_participant(pid)]

    def _item(self, item: InboxRow) -> dict[str, Any]:
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
        """Apply a checked control; returns who to tell (None: every participant) and what."""
        action = command["action"]
        if action == "start":
            self._set_state("running")
        elif action == "pause":
            self._set_state("paused")
        elif action == "end":
            self._set_state("ended")
        elif action == "timer":
            self.store.set_state(self.row.id, timer=command["seconds"])
            self.row = _with(self.row, timer=command["seconds"])
        else:
            if self.row.state == "ended":
                raise Refused("the game has ended")
            to = command["to"]
            if to is not None:
                unknown = [i for i in to if i not in self.players]
                if unknown or not to:
                    raise Refused(f"no participant {unknown[0]}" if unknown else "to names nobody")
            body = command["event"] if action == "inject" else command["text"]
            item = self.store.add_inbox(self.row.id, "event" if action == "inject" else "announce", body, to)
            self.inbox.append(item)
            self.version += 1
            return to, {"type": "inbox", "items": [self._item(item)]}
        self.version += 1
        return None, self.room_status()

    def _set_state(self, state: str) -> None:
        if self.row.state == "ended":
            raise Refused("the game has ended")
        self.store.set_state(self.row.id, state=state)
        self.row = _with(self.row, state=state)

    # --- what the dashboard shows -------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        players = []
        for p in self.players.values():
            scores = [r["score"] for r in p.records]
            played = game_profile([r.get("lead", 0.0) for r in p.records],
                                  [r.get("manage", 0.0) for r in p.records])
            players.append({
                "id": p.id, "names": list(p.names), "round": len(p.records), "online": p.online > 0,
                "finished": p.finished, "score": statistics.fmean(scores) if scores else None,
                "profile": played.name if p.records else None,
                "leader_share": played.share,
                "last": p.records[-1] if p.records else None,
            })
        return {
            "type": "snapshot", "version": self.version,
            "room": {"code": self.row.code, "state": self.row.state, "timer": self.row.timer,
                     "seed": self.row.seed},
            "scenario": {"id": self.scenario.id, "title": self.scenario.title,
                         "rounds": self.scenario.rounds, "round_label": self.scenario.round_label,
                         "par": self.scenario.par,
                         "events": [{"id": e.id, "title": e.title} for e in self.scenario.events]},
            "participants": players,
            "per_round": self.per_round(),
            "inbox": [self._item(i) | {"to": i.targets} for i in self.inbox],
            "debrief": self.debrief() if self.row.state == "ended" else None,
        }

    def per_round(self) -> dict[str, list[dict[str, float | int]]]:
        """The room's mean and spread per round, for each metric and the score."""
        result: dict[str, list[dict[str, float | int]]] = {}
        for m in MEASURES:
            rows = []
            for n in range(1, self.scenario.rounds + 1):
                values = [p.records[n - 1][m] for p in self.players.values() if len(p.records) >= n]
                if values:
                    rows.append({"round": n, "n": len(values), "mean": statistics.fmean(values),
                                 "sd": statistics.pstdev(values), "min": min(values), "max": max(values)})
            result[m] = rows
        return result

    def debrief(self) -> dict[str, Any] | None:
        """The room's debrief over the finished games: profiles, lessons, what set the best apart."""
        finished = [p for p in self.players.values() if p.finished]
        if not finished:
            return None
        gathered = debrief_room(self.scenario, [Participant(p.label, f"participant {p.id}",
                                                            p.session.result()) for p in finished])
        data = room_json(gathered)
        lessons: list[dict[str, Any]] = list(data["lessons"])  # type: ignore[call-overload]
        data["lessons"] = sorted(lessons, key=lambda lesson: -int(lesson["held_for"]))
        data["separating"] = separating_decisions({p.id: p.records for p in finished},
                                                  {p.id: p.session.result().score for p in finished})
        return data


def _with(row: RoomRow, **changes: Any) -> RoomRow:
    from dataclasses import replace
    return replace(row, **changes)
