"""What the window remembers (the player's name, the tutorial) never costs a player the game:
a data folder that cannot be written or a strange file where the preferences live is
passed over, not a crash or a hang."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from game.persistence.history import data_dir
from game.ui import prefs


def test_names_are_remembered() -> None:
    prefs.save(prefs.Prefs(player="Ana", tutorial_done=True))
    assert prefs.load() == prefs.Prefs(player="Ana", tutorial_done=True)


def test_a_folder_where_the_file_goes_is_passed_over() -> None:
    (data_dir() / prefs.FILE).mkdir(parents=True)
    prefs.save(prefs.Prefs(player="Ana"))           # no exception reaches the window
    assert prefs.load() == prefs.Prefs()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_where_the_file_goes_does_not_hang_the_start() -> None:
    path = data_dir() / prefs.FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    result: list[prefs.Prefs] = []
    reader = threading.Thread(target=lambda: result.append(prefs.load()), daemon=True)
    reader.start()
    reader.join(5)
    assert result == [prefs.Prefs()]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_data_folder_is_passed_over(tmp_path: Path) -> None:
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o500)
    try:
        prefs.save(prefs.Prefs(player="Ana"))
    finally:
        folder.chmod(0o700)
    assert prefs.load() == prefs.Prefs()
