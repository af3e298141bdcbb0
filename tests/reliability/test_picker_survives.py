"""One odd file in a scenario folder (a NUL in a title, a FIFO, a folder, junk, a huge title)
is one entry the picker marks as broken; every other scenario still plays."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pygame_gui
import pytest

from game.scenario import scenarios_dir
from game.ui.app import App
from game.ui.core import default_core
from game.ui.screens.picker import PickerScreen
from game.ui.settings import Settings

SHIPPED = (scenarios_dir() / "first-voyage.yaml").read_text(encoding="utf-8")


def titled(title: str) -> str:
    return SHIPPED.replace("\ntitle:", f"\ntitle: {title}\nx_old_title:", 1).replace(
        "\nx_old_title:", "\n#", 1)


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "room"
    folder.mkdir()
    (folder / "good.yaml").write_text(SHIPPED.replace("id: first-voyage", "id: good-one", 1))
    (folder / "nul-title.yaml").write_text(titled('"Harbour\\0"'))
    (folder / "escape-title.yaml").write_text(titled('"\\e]0;owned\\a\\e[2J"'))
    (folder / "huge-title.yaml").write_text(titled("T" * 20_000))
    (folder / "junk.yaml").write_bytes(b"\xff\xfe\x00junk")
    (folder / "folder.yaml").mkdir()
    os.mkfifo(folder / "pipe.yaml")
    return folder


@pytest.fixture
def app(odd_folder: Path) -> Iterator[App]:
    window = App(default_core(), Settings(scenario_dirs=[str(odd_folder)], save_results=False))
    yield window
    window.close()
    pygame_gui.core.utility.set_default_manager(None)


def test_the_picker_lists_odd_files_as_broken_and_plays_the_others(app: App, odd_folder: Path) -> None:
    started = time.perf_counter()
    picker = PickerScreen(app)
    app.push(picker)
    by_name = {e.path.name: e for e in picker.entries}
    assert by_name["good.yaml"].scenario is not None
    for name in ("nul-title.yaml", "escape-title.yaml", "huge-title.yaml", "junk.yaml",
                 "folder.yaml", "pipe.yaml"):
        assert by_name[name].scenario is None and by_name[name].problem, name
    for index in range(len(picker.entries)):     # look at each entry, good or broken
        picker.selected, picker.page = index, index // 7
        app.frame(1 / 60)
        assert app.top is picker, f"entry {index}: {getattr(app.top, 'title', '')}"
    assert time.perf_counter() - started < 10
    picker.selected = picker.entries.index(by_name["good.yaml"])
    picker.on_commit()
    assert app.scenario is not None and app.scenario.id == "good-one"
