"""Only regular files are read: a FIFO, a device or a folder gets one line, never a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.persistence import SaveError, load_save
from game.scenario import ScenarioError, load_scenario
from game.ui.core import scenario_files
from tests.reliability.conftest import run_cli


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["validate", "simulate", "replay", "debrief", "balance"])
def test_a_fifo_is_refused_in_one_line(command: str, fifo: Path) -> None:
    done = run_cli(command, str(fifo), timeout=20)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines() or done.stdout.strip().splitlines()
    if command == "debrief":      # one line per skipped save, then the verdict
        assert len(lines) == 2 and lines[1].startswith("debrief: none of the saves could be read")
        lines = lines[:1]
    assert len(lines) == 1 and "named pipe" in lines[0] and str(fifo) in lines[0]


def test_a_device_is_refused_before_it_is_read() -> None:
    with pytest.raises(ScenarioError, match="is a device"):
        load_scenario("/dev/zero")
    with pytest.raises(SaveError, match="is a device"):
        load_save("/dev/zero")


def test_a_fifo_in_a_scenario_folder_is_one_bad_entry(tmp_path: Path, fifo: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_bytes((Path(__file__).resolve().parents[1] / "data" / "good" / "minimal.yaml").read_bytes())
    files = scenario_files([tmp_path])
    assert set(files) == {fifo, good}
    with pytest.raises(ScenarioError, match="named pipe"):   # F5 and the picker load this way
        load_scenario(fifo)
    assert load_scenario(good).id


def test_play_names_a_fifo_for_what_it_is(fifo: Path) -> None:
    done = run_cli("play", str(fifo), "--autoplay", "balanced", "--no-save", timeout=20)
    assert done.returncode == 2
    assert done.stderr.strip() == (f"play: {fifo}: is a named pipe (FIFO), not a regular file; "
                                   "refusing to read it")
