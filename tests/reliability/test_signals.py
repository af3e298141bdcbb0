"""SIGTERM and SIGINT end the window cleanly at any time: idle, or frozen in the middle of a load."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# A window whose scenario load never ends (a busy loop in Python, like a huge file once was).
FROZEN_LOAD = """
import sys
from pathlib import Path
from game.ui.app import App
from game.ui.core import default_core
from game.ui.settings import Settings
import dataclasses

def forever(path):
    while True:
        pass

core = dataclasses.replace(default_core(), load_scenario=forever)
app = App(core, Settings(save_results=False))
try:
    print("loading", flush=True)
    app.start_game(Path("any.yaml"))
finally:
    app.close()
    print("closed", flush=True)
"""


def start(code: str | None, args: list[str] | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SDL_VIDEODRIVER": "dummy",
           "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "game", *(args or [])]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT)


def stop(process: subprocess.Popen[str], signum: int) -> tuple[int, str, str]:
    process.send_signal(signum)
    try:
        out, err = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"signal {signum} did not end the window within 10 s")
    return process.returncode, out, err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_a_window_frozen_mid_load(signum: int) -> None:
    process = start(FROZEN_LOAD)
    assert process.stdout is not None
    assert process.stdout.readline() == "loading\n"
    time.sleep(0.3)
    code, out, err = stop(process, signum)
    assert code == 128 + signum and "closed" in out
    assert "Traceback" not in err


def test_sigterm_ends_an_idle_window(tmp_path: Path) -> None:
    process = start(None, ["play", "--no-save"])
    time.sleep(3)                        # the title screen is up and idle
    assert process.poll() is None
    code, _, err = stop(process, signal.SIGTERM)
    assert code == 128 + signal.SIGTERM and "Traceback" not in err
