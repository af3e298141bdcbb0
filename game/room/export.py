"""The room's CSV: one row per round per participant, every recorded number and decision."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from game.rules.records import METRIC_NAMES

if TYPE_CHECKING:
    from game.room.room import Room

COLUMNS = ("participant", "names", "round", *METRIC_NAMES, "score", "leader_share", "vision",
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


def rounds_csv(room: Room) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for player in room.players.values():
        for record in player.records:
            row: list[object] = [player.id, " & ".join(player.names), record["round"],
                                 *(record[m] for m in METRIC_NAMES), record["score"],
                                 record["leader_share"], record["vision"] or "",
                                 " ".join(record["actions"]), record["budget"], record["overtime"],
                                 int(record["reviews"]), "; ".join(record["events"]),
                                 record["left"], record["hired"]]
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()
