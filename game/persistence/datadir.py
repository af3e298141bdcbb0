"""Where the game keeps a player's own files: saves, the play history.

`$SAIL_KEEL_HOME` if set; otherwise the per-user data folder of the platform
(platformdirs: `~/.local/share/sail-and-keel` on Linux, `~/Library/Application Support/
sail-and-keel` on macOS, `%LOCALAPPDATA%\\sail-and-keel` on Windows). The folder older
versions used, `~/.sail-and-keel/`, is moved there the first time it is needed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import platformdirs

from game.safeio import clean_stale_temporaries

HOME_VARIABLE = "SAIL_KEEL_HOME"
APP_NAME = "sail-and-keel"
SAVES_FOLDER = "saves"
ROOM_OUTBOX_FOLDER = "room-outbox"   # a workshop room's rounds not yet sent (game.room.client)


def legacy_dir() -> Path:
    """The data folder of versions before 0.2."""
    return Path.home() / ".sail-and-keel"


def data_dir() -> Path:
    """`$SAIL_KEEL_HOME`, else the platform's per-user data folder (moving an old one there)."""
    home = os.environ.get(HOME_VARIABLE, "").strip()
    if home:
        return Path(home).expanduser()
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    _move_legacy(folder)
    return folder


def _move_legacy(folder: Path) -> None:
    """Move `~/.sail-and-keel/` to `folder` once; on any trouble the old folder stays usable."""
    old = legacy_dir()
    try:
        if folder.exists() or old.is_symlink() or not old.is_dir():
            return
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(old, folder)
        except OSError:  # another file system: copy, then leave the old folder in place
            _copy_whole(old, folder)
    except OSError:
        pass


def _copy_whole(old: Path, folder: Path) -> None:
    """Copy `old` to `folder` whole or not at all: a copy cut short (a full disk) must not
    become the data folder, or the next start would take it for the moved one."""
    partial = folder.with_name(f".{folder.name}.moving-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        shutil.copytree(old, partial, symlinks=True)
        os.rename(partial, folder)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def tidy(folder: Path) -> None:
    """Remove temporary files left by an interrupted write (a crash, a `kill -9`)."""
    clean_stale_temporaries(folder)
    clean_stale_temporaries(folder / SAVES_FOLDER)
    clean_stale_temporaries(folder / ROOM_OUTBOX_FOLDER)
