"""The wheel carries scenarios/ and assets/, and the game finds them where they are."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from game.resources import data_folder
from game.scenario import list_scenarios, scenarios_dir

ROOT = Path(__file__).resolve().parents[2]


def test_a_source_checkout_reads_the_top_level_folders() -> None:
    assert data_folder("scenarios") == ROOT / "scenarios"
    assert data_folder("assets") == ROOT / "assets"
    assert scenarios_dir() == ROOT / "scenarios"
    assert {p.name for p in list_scenarios()} == {p.name for p in (ROOT / "scenarios").glob("*.yaml")}


def test_an_unknown_data_folder_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown data folder"):
        data_folder("../etc")


def test_the_wheel_holds_every_scenario_and_asset(tmp_path: Path) -> None:
    source = tmp_path / "source"        # a copy: building leaves build/ and egg-info behind
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for folder in ("game", "scenarios", "assets"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check",
         "-w", str(tmp_path), str(source)], capture_output=True, text=True, timeout=300)
    if built.returncode != 0 and "No matching distribution" in built.stderr:
        pytest.skip("no package index to fetch the build backend from")
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("scenarios", "assets"):
        shipped = [p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*") if p.is_file()]
        assert shipped, folder
        missing = [f for f in shipped if f"game/{f}" not in names]
        assert not missing, f"not in the wheel: {missing}"
    assert not any(n.startswith(("scenarios/", "assets/")) for n in names), "data outside the package"
    pages = [p.relative_to(ROOT).as_posix() for folder in ("game/room/static", "game/seat/static")
             for p in (ROOT / folder).iterdir() if p.is_file()]
    assert {"game/seat/static/play.html", "game/seat/static/play.js"} <= set(pages)
    assert not [p for p in pages if p not in names], "a room page is missing from the wheel"
