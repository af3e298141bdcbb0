"""The scenario room is headless: no pygame anywhere in game/scenario."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import game.scenario

SCENARIO_DIR = Path(game.scenario.__file__).parent
REPO = SCENARIO_DIR.parent.parent


def test_no_module_imports_pygame() -> None:
    for path in sorted(SCENARIO_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] in ("pygame", "pygame_gui") for n in names), path


def test_loading_a_scenario_loads_no_pygame() -> None:
    code = ("import sys, game.scenario as s, game.commands.validate; "
            "s.load_scenario('tests/data/good/minimal.yaml'); "
            "print(sorted(m for m in sys.modules if m.startswith('pygame')))")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
