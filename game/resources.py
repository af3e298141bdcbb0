"""Where the shipped data folders are: `scenarios/` and `assets/`.

In an installed wheel they are package data inside `game` (found through
`importlib.resources`); in a source checkout (or an editable install) they are the
repository's top-level folders beside `game/`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import game

DATA_FOLDERS = ("scenarios", "assets")


def data_folder(name: str) -> Path:
    """The folder `name` ("scenarios" or "assets"): in the package if installed, else the checkout's."""
    if name not in DATA_FOLDERS:
        raise ValueError(f"unknown data folder {name!r} (one of: {', '.join(DATA_FOLDERS)})")
    packaged = resources.files("game").joinpath(name)
    if packaged.is_dir():
        return Path(str(packaged))  # a wheel installs as plain files: a real folder
    return Path(game.__file__).resolve().parent.parent / name
