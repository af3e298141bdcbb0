"""What the window remembers between games: the solo player's name and whether they have
finished the tutorial. One small JSON file in the data directory; a missing or damaged
file simply means "nothing remembered"."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

FILE = "window.json"


@dataclass
class Prefs:
    player: str = ""
    tutorial_done: bool = False


def _path() -> Path:
    from game.persistence.history import data_dir

    return data_dir() / FILE


MAX_BYTES = 64 * 1024


def load() -> Prefs:
    from game.safeio import NotAFile, read_regular

    try:
        raw = read_regular(_path(), MAX_BYTES)   # never blocks on a FIFO, never reads a device
        data = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_BYTES else None
    except (OSError, ValueError, NotAFile):
        return Prefs()
    if not isinstance(data, dict):
        return Prefs()
    player = data.get("player")
    return Prefs(player=player[:40] if isinstance(player, str) else "",
                 tutorial_done=data.get("tutorial_done") is True)


def save(prefs: Prefs) -> None:
    """Remember; a file problem is not worth a player's attention, so it is ignored."""
    from game.persistence.files import SaveError, write_atomic

    try:
        _path().parent.mkdir(parents=True, exist_ok=True)
        write_atomic(_path(), json.dumps(asdict(prefs), ensure_ascii=False) + "\n")
    except (OSError, SaveError):
        pass
