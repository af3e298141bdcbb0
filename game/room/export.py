"""The room's CSV: one row per round per participant, every recorded number and decision.

Each row names the room (its join code) and the scenario, so that exports from several rooms
can be put together; the round column is named as the scenario names its rounds ("quarter").
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from game.rules.profile import HANDS_OFF_ACTIVITY
from game.rules.records import METRIC_NAMES

if TYPE_CHECKING:
    from game.room.room import Room

COLUMNS = ("room", "scenario", "participant", "names", "round", *METRIC_NAMES, "score", "leader_share",
           "lead", "manage", "vision", "actions", "budget", "overtime", "reviews", "events", "left", "hired")


def columns(round_label: str) -> list[str]:
    """The header: "round" named by the scenario's own word for it."""
    label = "_".join(round_label.lower().split()) or "round"
    return [label if c == "round" else c for c in COLUMNS]


def _cell(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    # A spreadsheet runs a cell that starts with = + - @ as a formula: quote it as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _number(text) else text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _profile(record: dict[str, object]) -> tuple[object, object, object]:
    """The round's leader share, lead and manage; a hands-off round has no share (blank)."""
    lead, manage = record.get("lead"), record.get("manage")
    if not isinstance(lead, float | int) or not isinstance(manage, float | int):
        return record["leader_share"], "", ""   # a round recorded before lead and manage
    idle = max(lead, manage) < HANDS_OFF_ACTIVITY
    return ("" if idle else record["leader_share"]), lead, manage


def rounds_csv(room: Room) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns(room.scenario.round_label))
    for player in room.players.values():
        for record in player.records:
            row: list[object] = [room.row.code, room.scenario.id, player.number, " & ".join(player.names),
                                 record["round"],
                                 *(record[m] for m in METRIC_NAMES), record["score"],
                                 *_profile(record), record["vision"] or "",
                                 " ".join(record["actions"]), record["budget"], record["overtime"],
                                 int(record["reviews"]), "; ".join(record["events"]),
                                 record["left"], record["hired"]]
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()
