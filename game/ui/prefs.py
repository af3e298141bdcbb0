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


def load() -> Prefs:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Prefs()
    if not isinstance(data, dict):
        return Prefs()
    player = data.get("player")
    return Prefs(player=player[:40] if isinstance(player, str) else "",
                 tutorial_done=data.get("tutorial_done") is True)


def save(prefs: Prefs) -> None:
    """Remember; a file problem is not worth a player's attention, so it is ignored."""
    from game.persistence.files import write_atomic

    try:
        _path().parent.mkdir(parents=True, exist_ok=True)
        write_atomic(_path(), json.dumps(asdict(prefs), ensure_ascii=False) + "\n")
    except OSError:
        pass
