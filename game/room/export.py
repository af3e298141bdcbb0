"""The room's CSV: one row per round per participant, every recorded number and decision."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from game.rules.profile import HANDS_OFF_ACTIVITY
from game.rules.records import METRIC_NAMES

if TYPE_CHECKING:
    from game.room.room import Room

COLUMNS = ("participant", "names", "round", *METRIC_NAMES, "score", "leader_share", "lead", "manage",
           "vision",
           "actions", "budget", "overtime", "reviews", "events", "left", "hired")


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
    writer.writerow(COLUMNS)
    for player in room.players.values():
        for record in player.records:
            row: list[object] = [player.id, " & ".join(player.names), record["round"],
                                 *(record[m] for m in METRIC_NAMES), record["score"],
                                 *_profile(record), record["vision"] or "",
                                 " ".join(record["actions"]), record["budget"], record["overtime"],
                                 int(record["reviews"]), "; ".join(record["events"]),
                                 record["left"], record["hired"]]
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()
