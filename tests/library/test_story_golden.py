"""`story --json` pinned for every shipped scenario (3 runs per scripted player).

When the model or a scenario changes on purpose, regenerate the files and review the diff:

    SAILKEEL_REGOLD=1 python3 -m pytest tests/library/test_story_golden.py

(the same switch regenerates tests/data/golden/scaling-new-markets-seed7.json).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.scenario import list_scenarios

REPO = Path(__file__).resolve().parent.parent.parent
GOLDEN = REPO / "tests" / "data" / "golden" / "story"
SHIPPED = list_scenarios()
RUNS = 3


def story_json(scenario: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "game", "story", scenario, "--runs", str(RUNS),
                           "--json"], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    data: dict[str, object] = json.loads(done.stdout)
    return data


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_story_json_is_pinned(path: Path) -> None:
    actual = story_json(path.stem)
    golden = GOLDEN / f"{path.stem}.json"
    if os.environ.get("SAILKEEL_REGOLD"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(actual, indent=1) + "\n", encoding="utf-8")
    assert golden.is_file(), f"no golden file; run SAILKEEL_REGOLD=1 pytest {__file__}"
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_every_shipped_scenario_has_a_golden_file() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == sorted(p.stem for p in SHIPPED)
