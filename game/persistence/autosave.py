"""The unfinished game, kept after every move so that a closed window loses nothing.

One file, `autosave.json` in the data folder, written atomically (the old file or the new,
never half of one). It wraps an ordinary save (seed + decision log, see saves.py) with what
the window needs to resume it: the scenario file it was played from and who played.

    write_autosave(session, scenario_file, players=("Ana", "Ben"), hotseat=True)
    unfinished = read_autosave()          # None if there is none; SaveError if damaged
    session = resume(unfinished, load_scenario)   # the same game, same round and phase
    clear_autosave()                      # the game finished (it is kept as a save)
    set_aside()                           # a damaged file is moved aside, never overwritten

No pygame here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.persistence import codec
from game.persistence.codec import BadValue
from game.persistence.datadir import data_dir
from game.persistence.files import SaveError, parse_json, read_text, write_atomic
from game.persistence.saves import SavedGame, replay_save, save_text, saved_game, scenario_sha256
from game.rules.session import GameSession
from game.scenario.types import Scenario

FILE = "autosave.json"
FORMAT = "sail-and-keel-autosave"
VERSION = 1
KEYS = ("format", "version", "scenario_file", "hotseat", "players", "save")
MAX_NAME = 60


@dataclass(frozen=True)
class Unfinished:
    """An unfinished game as the autosave keeps it."""

    saved: SavedGame
    scenario_file: Path
    hotseat: bool
    players: tuple[str, str]


def autosave_path(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / FILE


def autosave_text(session: GameSession, scenario_file: str | Path, players: tuple[str, str],
                  hotseat: bool, scenario_sha: str | None = None) -> str:
    player = " & ".join(players) if hotseat else players[0]
    sha = scenario_sha or scenario_sha256(session.scenario)
    save = json.loads(save_text(session, sha, player))
    wrapper = {"format": FORMAT, "version": VERSION,
               "scenario_file": str(Path(scenario_file).resolve()), "hotseat": hotseat,
               "players": list(players), "save": save}
    return json.dumps(wrapper, ensure_ascii=False, allow_nan=False, indent=1) + "\n"


def write_autosave(session: GameSession, scenario_file: str | Path,
                   players: tuple[str, str] = ("Player 1", "Player 2"), hotseat: bool = False,
                   folder: Path | None = None, scenario_sha: str | None = None) -> Path:
    """Keep the unfinished game; SaveError (one line) if it cannot be written.

    `scenario_sha`: the SHA-256 of the scenario file as it was when the game was loaded
    (default: as it is now), so that a file edited since is refused on Continue."""
    path = autosave_path(folder)
    try:
        text = autosave_text(session, scenario_file, players, hotseat, scenario_sha)
    except (TypeError, ValueError) as exc:
        raise SaveError(f"{path}: cannot keep this game: {exc}") from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(f"{path.parent}: cannot make the folder: {exc.strerror or exc}") from None
    write_atomic(path, text, within=path.parent)
    return path


def read_autosave(folder: Path | None = None) -> Unfinished | None:
    """The kept unfinished game, None if there is none; SaveError (one line) if damaged."""
    path = autosave_path(folder)
    if not os.path.lexists(path):
        return None
    data = parse_json(read_text(path, "game in progress"), str(path))
    try:
        return _unfinished(data, str(path))
    except BadValue as exc:
        raise SaveError(f"{path}: {exc}") from None


def _unfinished(data: object, source: str) -> Unfinished:
    wrapper = codec.obj(data, "the file")
    if wrapper.get("format") != FORMAT:
        raise BadValue(f"not a game in progress (\"format\" is "
                       f"{codec.describe(wrapper.get('format'))}, expected {FORMAT!r})")
    if codec.whole(wrapper.get("version"), "version") != VERSION:
        raise BadValue(f"version {wrapper.get('version')} is not supported; this game reads "
                       f"version {VERSION}")
    if sorted(wrapper) != sorted(KEYS):
        odd = sorted(set(wrapper) ^ set(KEYS))[0]
        raise BadValue(f"the key {odd!r} is {'unknown' if odd in wrapper else 'missing'}")
    scenario_file = codec.text(wrapper["scenario_file"], "scenario_file")
    hotseat = codec.flag(wrapper["hotseat"], "hotseat")
    players = wrapper["players"]
    if not (isinstance(players, list) and len(players) == 2):
        raise BadValue("players must be a list of two names")
    names = tuple(codec.text(name, f"players[{i}]") for i, name in enumerate(players))
    if any(len(name) > MAX_NAME or not name.isprintable() for name in names):
        raise BadValue(f"a player's name is at most {MAX_NAME} printable characters")
    saved = saved_game(wrapper["save"], source)
    if saved.summary is not None:
        raise BadValue("the game in it is finished (it belongs in saves/)")
    return Unfinished(saved, Path(scenario_file), hotseat, (names[0], names[1]))


def resume(unfinished: Unfinished, load_scenario: Callable[[Path], Scenario]) -> GameSession:
    """Replay the unfinished game on its scenario file: the same game, bit for bit, at the
    same round and phase, its "what if" branch kept. SaveError (one line) if the scenario
    file is gone or changed, or a decision is refused."""
    source, path = unfinished.saved.source, unfinished.scenario_file
    if not path.is_file():
        raise SaveError(f"{source}: its scenario file {path} is not there any more")
    session = replay_save(unfinished.saved, load_scenario(path))
    if session.over:
        raise SaveError(f"{source}: the game in it is finished (it belongs in saves/)")
    return session


def clear_autosave(folder: Path | None = None) -> None:
    try:
        autosave_path(folder).unlink(missing_ok=True)
    except OSError:
        pass   # a file that cannot be removed is offered again; nothing is lost


def set_aside(folder: Path | None = None, now: dt.datetime | None = None) -> Path | None:
    """Move a damaged autosave aside, never overwriting it: the new name, or None if it
    could not be moved (the window then keeps no game over it)."""
    path = autosave_path(folder)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    for n in range(1, 100):
        target = path.with_name(f"autosave-damaged-{stamp}{'' if n == 1 else f'-{n}'}.json")
        if os.path.lexists(target):
            continue
        try:
            os.rename(path, target)
        except OSError:
            return None
        return target
    return None
