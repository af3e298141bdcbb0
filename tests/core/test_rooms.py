"""The model, the rules, scenario loading, analysis and persistence never import pygame."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parents[2] / "game"
HEADLESS = ["model", "rules", "scenario", "analysis", "persistence", "story"]


@pytest.mark.parametrize("room", HEADLESS)
def test_room_source_never_imports_pygame(room: str) -> None:
    for path in (GAME / room).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] in ("pygame", "pygame_gui", "game.ui") or
                           n.startswith("game.ui") for n in names), f"{path} imports {names}"


def test_playing_a_game_headless_loads_no_pygame() -> None:
    code = (
        "import sys\n"
        "from game.scenario import load_scenario\n"
        "from game.rules.session import GameSession\n"
        "from game.analysis.strategies import make_strategy, play\n"
        "play(GameSession(load_scenario('scaling-new-markets'), 1), make_strategy('balanced'))\n"
        "assert not any(m.startswith('pygame') for m in sys.modules), 'pygame imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=GAME.parent)
