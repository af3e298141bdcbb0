"""The facilitator's moderation: remove a participant, rename one, lock the room; and the
numbering of a name the room has already ("Ana (2)")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from game.room.protocol import MAX_NAME

if TYPE_CHECKING:
    from game.room.room import Room

ACTIONS = ("kick", "rename", "lock")
REMOVED = "the facilitator removed you from the room"


def _label(names: Iterable[str]) -> str:
    return " & ".join(names).casefold()


def numbered(names: tuple[str, ...], taken: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """`names`, or with its last name numbered ("Ana (2)") if the room has that name already
    (letter case aside), so that no two participants look alike on the dashboard."""
    labels = {_label(t) for t in taken}
    if _label(names) not in labels:
        return names
    n = 2
    while True:
        suffix = f" ({n})"
        last = names[-1][:MAX_NAME - len(suffix)].rstrip() + suffix
        candidate = (*names[:-1], last)
        if _label(candidate) not in labels:
            return candidate
        n += 1


def apply(room: Room, command: dict[str, Any]) -> tuple[list[int] | None, dict[str, Any]]:
    """Apply kick, rename or lock; returns who to tell (participant ids) and what."""
    action = command["action"]
    if action == "lock":
        room.store.set_state(room.row.id, locked=command["locked"])
        room.row = replace(room.row, locked=command["locked"])
        room.version += 1
        return [], {"type": "locked", "locked": command["locked"]}
    player = room.by_number(command["participant"])
    if action == "kick":
        room.store.change_participant(player.id, removed=True)
        del room.players[player.id]
        room.removed.add(player.id)
        room.version += 1
        return [player.id], {"type": "removed", "reason": REMOVED}
    others = [p.names for p in room.players.values() if p is not player]
    names = numbered(command["names"], others)
    room.store.change_participant(player.id, names=names)
    player.names = names
    room.version += 1
    return [player.id], {"type": "renamed", "names": list(names)}
