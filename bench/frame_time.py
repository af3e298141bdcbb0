"""Median frame time (update + draw) of the busiest screen, the manager phase, at 1280x720.

    python bench/frame_time.py [--frames N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.rules.decisions import EndPhase  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.core import default_core  # noqa: E402
from game.ui.settings import Settings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=600)
    args = parser.parse_args()
    core = default_core()
    app = App(core, Settings(size=(1280, 720), seed=1))
    app.start_game(core.default_dir / f"{core.default_scenario}.yaml")
    app.apply(EndPhase())            # to the manager phase: the most widgets and drawing
    app.advance()
    times = []
    for _ in range(args.frames):
        t0 = time.perf_counter()
        app.update(1 / 60)
        app.draw()
        times.append((time.perf_counter() - t0) * 1000)
    print(f"screen: {app.top.kind}  frames: {args.frames}  "
          f"median frame time: {statistics.median(times):.2f} ms")
    app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
