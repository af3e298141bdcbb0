"""Helpers for the reliability tests: run the command line in a child process with a time limit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, timeout: float = 30, home: Path | None = None,
            stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m game ARGS` in a child process; a hang fails the test instead of freezing it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SDL_VIDEODRIVER": "dummy",
           "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    if home is not None:
        env["SAIL_KEEL_HOME"] = str(home)
    try:
        return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                              timeout=timeout, env=env, cwd=ROOT, input=stdin)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`game {' '.join(args)[:80]}` hung for {timeout} s")
