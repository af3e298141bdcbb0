"""What the dashboard and the projector show of a room: read from its records, never recomputed."""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING, Any

from game.analysis.debrief import Participant, debrief_room, room_json
from game.room.separate import separating_decisions
from game.rules.profile import game_profile
from game.rules.records import METRIC_NAMES

if TYPE_CHECKING:
    from game.room.room import Room

MEASURES = (*METRIC_NAMES, "score")
PODIUM = 10          # the projector's leaderboard: the best this many games


def snapshot(room: Room) -> dict[str, Any]:
    """Everything the facilitator's dashboard shows (participants' games included)."""
    players = []
    for p in room.players.values():
        scores = [r["score"] for r in p.records]
        played = game_profile([r.get("lead", 0.0) for r in p.records],
                              [r.get("manage", 0.0) for r in p.records])
        players.append({
            "id": p.number, "names": list(p.names), "round": len(p.records), "online": p.online > 0,
            "finished": p.finished, "score": statistics.fmean(scores) if scores else None,
            "profile": played.name if p.records else None,
            "leader_share": played.share,
            "last": p.records[-1] if p.records else None,
        })
    numbers = {p.id: p.number for p in room.players.values()}
    return {
        "type": "snapshot", "version": room.version,
        "room": {"code": room.row.code, "state": room.row.state, "timer": room.row.timer,
                 "seed": room.row.seed, "locked": room.row.locked, "max": room.max_participants},
        "scenario": _scenario(room) | {"events": [{"id": e.id, "title": e.title}
                                                  for e in room.scenario.events]},
        "participants": players,
        "per_round": per_round(room),
        "inbox": [room.item(i) | {"to": None if i.targets is None else
                                  [numbers.get(t, 0) for t in i.targets]} for i in room.inbox],
        "debrief": debrief(room) if room.row.state == "ended" else None,
    }


def projector(room: Room) -> dict[str, Any]:
    """What the projector shows to the whole room: no controls, no decisions, no one's profile;
    the best games by score so far (names and scores), the room's means, the timer."""
    ranked = sorted((p for p in room.players.values() if p.records),
                    key=lambda p: (-statistics.fmean(r["score"] for r in p.records), p.number))
    return {
        "type": "projector", "version": room.version,
        "room": {"code": room.row.code, "state": room.row.state, "timer": room.row.timer,
                 "locked": room.row.locked, "joined": len(room.players),
                 "finished": sum(p.finished for p in room.players.values())},
        "scenario": _scenario(room),
        "leaders": [{"place": i + 1, "names": list(p.names), "round": len(p.records),
                     "score": statistics.fmean(r["score"] for r in p.records)}
                    for i, p in enumerate(ranked[:PODIUM])],
        "per_round": per_round(room),
    }


def _scenario(room: Room) -> dict[str, Any]:
    s = room.scenario
    return {"id": s.id, "title": s.title, "rounds": s.rounds, "round_label": s.round_label, "par": s.par}


def per_round(room: Room) -> dict[str, list[dict[str, float | int]]]:
    """The room's mean and spread per round, for each metric and the score."""
    result: dict[str, list[dict[str, float | int]]] = {}
    for m in MEASURES:
        rows = []
        for n in range(1, room.scenario.rounds + 1):
            values = [p.records[n - 1][m] for p in room.players.values() if len(p.records) >= n]
            if values:
                rows.append({"round": n, "n": len(values), "mean": statistics.fmean(values),
                             "sd": statistics.pstdev(values), "min": min(values), "max": max(values)})
        result[m] = rows
    return result


def debrief(room: Room) -> dict[str, Any] | None:
    """The room's debrief over the finished games: profiles, lessons, what set the best apart."""
    finished = [p for p in room.players.values() if p.finished]
    if not finished:
        return None
    gathered = debrief_room(room.scenario, [Participant(p.label, f"participant {p.number}",
                                                        p.session.result()) for p in finished])
    data = room_json(gathered)
    lessons: list[dict[str, Any]] = list(data["lessons"])  # type: ignore[call-overload]
    data["lessons"] = sorted(lessons, key=lambda lesson: -int(lesson["held_for"]))
    data["separating"] = separating_decisions({p.id: p.records for p in finished},
                                              {p.id: p.session.result().score for p in finished})
    return data
