"""A room with 60 browser seats and 20 game windows on this machine: is every round counted
once, how long a round takes to submit, and how much memory the server needs.

Starts `python -m game room serve` (SQLite). Each browser seat makes the traffic its page
makes: it loads /play and its static files, opens /play/ws, joins with the code and a name,
and sends one decision at a time, reading each view the server answers (a scripted
player decides on its own copy of the game, as a person decides on the page). The
windows are the real headless client (`play_in_room`). A dashboard listens as the
projector does. Everyone plays the whole game at once.

Measured: "submit" is the decision that finishes a round (the manager's commit, or the
last event answered) from sending it to the page's answer, which comes after the room has
recorded the round. Prints p50/p95/max of that and of every decision, whether each
participant's rounds are in the room once (the CSV export), and the server's peak
resident memory (VmHWM). Targets: submit p95 < 500 ms, memory < 250 MiB.
Run: python bench/seat_load.py [--seats 60] [--windows 20] [--think 0]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from room_latency import control, peak_memory_mib, start_room  # noqa: E402

from game.analysis.strategies import make_strategy  # noqa: E402
from game.persistence.codec import encode_decision  # noqa: E402
from game.room.client import RoomClient, play_in_room  # noqa: E402
from game.room.export import COLUMNS, columns  # noqa: E402
from game.rules.session import GameSession  # noqa: E402
from game.scenario import load_scenario_text  # noqa: E402

FORECAST_AFTER = 0.15     # seconds the page waits for the plan to rest before asking its forecast
PAGE_FILES = ("/play", "/play/static/play.css", "/play/static/play.js", "/play/static/dom.js",
              "/play/static/net.js", "/play/static/leader.js", "/play/static/manager.js",
              "/play/static/outcome.js", "/api/info")


class Seat:
    """One browser page's traffic, played by a scripted player."""

    def __init__(self, address: str, code: str, name: str, strategy: str, seed: int,
                 think: float, click: float) -> None:
        self.address, self.code, self.name = address, code, name
        self.strategy = make_strategy(strategy, seed)
        self.think, self.click = think, click
        self.submits: list[float] = []
        self.decisions: list[float] = []
        self.forecasts: list[float] = []
        self.illegal: list[str] = []
        self.rounds = 0

    def play(self) -> None:
        for path in PAGE_FILES:
            urllib.request.urlopen(f"http://{self.address}{path}", timeout=30).read()
        with connect(f"ws://{self.address}/play/ws", max_size=2**22, proxy=None, open_timeout=30) as ws:
            seq = 0

            def ask(message: dict[str, Any], answer: str = "view") -> dict[str, Any]:
                nonlocal seq
                seq += 1
                ws.send(json.dumps({**message, "seq": seq}))
                while True:
                    data = json.loads(ws.recv(timeout=120))
                    if data.get("type") == answer:
                        return dict(data)
                    if data.get("type") == "refused":
                        raise RuntimeError(data["reason"])

            view = ask({"type": "join", "code": self.code, "name": self.name})["view"]
            game = GameSession(SCENARIO, SEED)
            seen_plan, looked = -1, 0
            rng = random.Random(self.name)
            while not game.over:
                for decision in self.strategy.decide(game):
                    pause = rng.uniform(0, self.click) if self.click else 0.0
                    manager = view["phase"] == "manager"
                    if manager and (view["manager"]["plan"] != seen_plan and pause > FORECAST_AFTER
                                    if self.click else view["round"] != looked):
                        # the page asks the model's forecast once the plan rests (a person always
                        # looks at the board once: as fast as they can, on entering the phase)
                        seen_plan, looked = view["manager"]["plan"], view["round"]
                        started = time.monotonic()
                        ask({"type": "forecast"}, "forecast")
                        self.forecasts.append(time.monotonic() - started)
                    time.sleep(pause)                              # a person finds the next control
                    game.apply(decision)
                    started = time.monotonic()
                    answer = ask({"type": "act", "decision": encode_decision(decision)})
                    took = time.monotonic() - started
                    view = answer["view"]
                    self.decisions.append(took)
                    if "illegal" in answer:
                        self.illegal.append(answer["illegal"])
                    if view["room"]["recorded"] > self.rounds:
                        self.rounds = view["room"]["recorded"]
                        self.submits.append(took)
                if self.think and game.phase.name == "REPORT":
                    time.sleep(rng.uniform(0, self.think))


SCENARIO: Any = None
SEED = 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seats", type=int, default=60)
    parser.add_argument("--windows", type=int, default=20)
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds (at most) a player reads each report")
    parser.add_argument("--click", type=float, default=0.0,
                        help="seconds (at most) between a player's decisions (0: as fast as it can)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("SAIL_KEEL_HOME", folder)
        process, address, code, secret = start_room(Path(folder))
        try:
            return run(args, process.pid, address, code, secret)
        finally:
            process.terminate()
            process.wait(timeout=10)


def run(args: argparse.Namespace, pid: int, address: str, code: str, secret: str) -> int:
    global SCENARIO, SEED
    stop = threading.Event()

    def dashboard() -> None:
        with connect(f"ws://{address}/ws/dashboard", max_size=2**24, proxy=None) as ws:
            ws.send(json.dumps({"secret": secret}))
            while not stop.is_set():
                try:
                    ws.recv(timeout=0.2)
                except TimeoutError:
                    continue

    threading.Thread(target=dashboard, daemon=True).start()
    windows = [RoomClient(address, code, [f"Window {i:02d}"]) for i in range(args.windows)]
    for w in windows:
        w.join()
    if not windows:
        raise SystemExit("give at least one window (it fetches the room's scenario)")
    SCENARIO = load_scenario_text(windows[0].welcome.scenario_yaml, "room.yaml")  # type: ignore[union-attr]
    SEED = windows[0].welcome.seed  # type: ignore[union-attr]
    control(address, secret, action="start")
    kinds = ("balanced", "manager-only", "leader-only", "random")
    seats = [Seat(address, code, f"Seat {i:02d}", kinds[i % 4], i, args.think,
                  args.click) for i in range(args.seats)]
    errors: list[str] = []

    def play_seat(seat: Seat) -> None:
        try:
            seat.play()
        except Exception as exc:
            errors.append(f"{seat.name}: {exc!r}")

    def play_window(i: int) -> None:
        play_in_room(windows[i], make_strategy(kinds[i % 4], 100 + i), SCENARIO, SEED, patience=600)
        windows[i].wait_sent(120)

    started = time.monotonic()
    threads = [threading.Thread(target=play_seat, args=(s,)) for s in seats]
    threads += [threading.Thread(target=play_window, args=(i,)) for i in range(args.windows)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - started
    stop.set()
    peak = peak_memory_mib(pid)
    request = urllib.request.Request(f"http://{address}/api/export.csv",
                                     headers={"X-Facilitator-Secret": secret})
    rows = list(csv.DictReader(io.StringIO(urllib.request.urlopen(request, timeout=30).read().decode())))
    counted: dict[str, list[int]] = {}
    round_column = columns(SCENARIO.round_label)[COLUMNS.index("round")]   # e.g. "quarter"
    for row in rows:
        counted.setdefault(row["participant"], []).append(int(row[round_column]))
    rounds = SCENARIO.rounds
    once = sum(1 for v in counted.values() if sorted(v) == list(range(1, rounds + 1)))
    submits = sorted(x for s in seats for x in s.submits)
    every = sorted(x for s in seats for x in s.decisions)

    def line(name: str, xs: list[float]) -> str:
        if not xs:
            return f"{name}: none"
        p95 = xs[int(0.95 * (len(xs) - 1))]
        return (f"{name}: n={len(xs)} p50 {statistics.median(xs) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
                f"max {xs[-1] * 1000:.0f} ms")

    pace = f"think <= {args.think:g} s per report, <= {args.click:g} s per decision" \
        if args.think or args.click else "as fast as they can"
    print(f"{args.seats} browser seats + {args.windows} windows, {rounds} rounds each, {pace}: "
          f"{took:.1f} s")
    print(line("round submit (seat)", submits) + " (target p95 < 500 ms)")
    print(line("any decision (seat)", every))
    print(line("forecast (seat)", sorted(x for s in seats for x in s.forecasts)))
    print(f"participants with every round counted exactly once: {once} of {len(counted)} "
          f"(expected {args.seats + args.windows}); CSV rows {len(rows)} (expected "
          f"{(args.seats + args.windows) * rounds})")
    print(f"illegal decisions: {sum(len(s.illegal) for s in seats)}; errors: {errors[:3]}")
    print(f"server peak memory: {peak:.0f} MiB (target < 250 MiB)")
    p95 = submits[int(0.95 * (len(submits) - 1))] if submits else float("inf")
    good = once == args.seats + args.windows == len(counted) and len(rows) == once * rounds
    return 0 if good and p95 < 0.5 and peak < 250 and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
