"""Keeping a finished game for a self-learner: a save in `<home>/saves/` and a history row.

    kept = keep_game(session, player="Alice")     # never raises for file trouble
    kept.save                                     # the save written, or None
    kept.previous                                 # earlier plays of this scenario
    kept.notes                                    # short notes on what went wrong, if anything

This reuses the save format and the play history; it only names the file and reads the
history before adding the new game, so the debrief can compare with earlier plays.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from game.persistence.datadir import SAVES_FOLDER, data_dir, tidy
from game.persistence.files import SaveError
from game.persistence.history import HistoryEntry, history, record_play
from game.persistence.historydb import HistoryLocked
from game.persistence.saves import save_game
from game.rules.session import GameSession


@dataclass(frozen=True)
class KeptGame:
    save: Path | None                       # the save file written, None if it failed
    previous: list[HistoryEntry]            # earlier plays of the same scenario, oldest first
    problems: list[str] = field(default_factory=list)   # damaged history lines, "file:line: why"
    notes: list[str] = field(default_factory=list)      # short, for the player


@dataclass(frozen=True)
class Progress:
    """The player's own record on a scenario, this game included."""

    plays: int
    previous_best: float | None
    scores: list[float]                     # oldest first; the last is this game
    par: float | None

    @property
    def new_best(self) -> bool:
        return self.previous_best is not None and self.scores[-1] > self.previous_best

    @classmethod
    def of(cls, kept: KeptGame, score: float, par: float | None, last: int = 20) -> Progress:
        before = [e.score for e in kept.previous]
        best = max(before) if before else None
        return cls(len(before) + 1, best, [*before, score][-last:], par)


def save_name(scenario_id: str, when: dt.datetime, seed: int) -> str:
    return f"{scenario_id}-{when:%Y%m%d-%H%M%S}-seed{seed}.json"


def _free_path(folder: Path, name: str) -> Path:
    path = folder / name
    stem, n = path.stem, 2
    while path.exists():
        path = folder / f"{stem}-{n}.json"
        n += 1
    return path


def keep_game(session: GameSession, player: str, *, home: str | Path | None = None,
              when: dt.datetime | None = None) -> KeptGame:
    """Save a finished game and add it to the play history; file trouble becomes notes."""
    folder = Path(home) if home is not None else data_dir()
    when = when or dt.datetime.now().replace(microsecond=0)
    result = session.result()
    notes: list[str] = []
    problems: list[str] = []
    tidy(folder)
    notices: list[str] = []
    locked = False
    try:
        read = history(result.scenario_id, folder)
        previous, problems = read.entries, list(read.problems)
        notices += read.notices
    except HistoryLocked as exc:
        previous, locked = [], True
        notices.append(str(exc))
        notes.append("Your play history is in use by another program (another game window?), "
                     "so this game was not added to it.")
    except SaveError as exc:
        previous = []
        notices.append(str(exc))
        notes.append(f"Your play history could not be read ({_short(exc)}).")
    if problems:
        lines = "line" if len(problems) == 1 else "lines"
        notes.append(f"{len(problems)} damaged {lines} of your play history skipped.")
    save: Path | None = None
    try:
        saves = folder / SAVES_FOLDER
        saves.mkdir(parents=True, exist_ok=True)
        save = _free_path(saves, save_name(result.scenario_id, when, result.seed))
        save_game(save, session, player=player, within=folder)
    except (SaveError, OSError) as exc:
        save = None
        notes.append(f"The game could not be saved ({_short(exc)}).")
    if not locked:   # a lock already cost its wait once; the game is not held up twice
        try:
            record_play(result, date=when, player=player, home=folder, notices=notices)
        except SaveError as exc:
            notices.append(str(exc))
            notes.append(f"The game could not be added to your history ({_short(exc)}).")
    for notice in dict.fromkeys(notices):
        if "was damaged" in notice:
            kept = notice.rsplit("it is kept as ", 1)[-1].split(" ", 1)[0]
            notes.insert(0, f"Your play history was damaged: it is kept as {kept} and a new one "
                         "was started.")
        print(f"sail-keel: {notice}", file=sys.stderr)   # the whole story, for the terminal
    return KeptGame(save, previous, problems, notes)


def _short(exc: Exception) -> str:
    """The reason without the folder: `history.sqlite3: no such file`, not a long path."""
    if isinstance(exc, OSError) and exc.filename:
        return f"{Path(str(exc.filename)).name}: {exc.strerror or exc}"
    message = str(exc)
    head, sep, rest = message.partition(": ")
    return f"{Path(head).name}: {rest}" if sep and ("/" in head or "\\" in head) else message
