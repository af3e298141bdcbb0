"""The room's load target, with a crash: 60 browser seats and 10 game windows in one room on
this machine, the server killed (SIGKILL) in the middle of a round and started again with
the same command.

Each browser seat makes the traffic its page makes (seat_load.Seat: /play and its static
files, /play/ws, one decision at a time at a person's pace); when the connection drops it
reconnects as the page does, resumes with its token, and checks the server's view: the
same round and phase, and every decision the server answered still there (`moves`); a
decision sent but never answered is sent again if the server does not have it. The
windows are the real headless client, which reconnects and sends what it played offline.
A dashboard listens as the facilitator's browser does, and reconnects after the restart.

Measured: "submit" is a seat's round-finishing decision, from sending it to the answer;
"dashboard" is from a round leaving a seat or a window to the first dashboard update that
shows it (rounds handed over while the server was down are counted apart); the server's
peak resident memory (VmHWM) before and after the crash. Checked at the end, from the CSV
export: every participant's rounds are in the room exactly once.
Targets: submit p95 < 500 ms, dashboard p95 < 1 s, memory < 250 MiB, nothing lost.
Run: python bench/seat_crash.py [--seats 60] [--windows 10] [--click 1] [--think 3]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from websockets.sync.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parent))
from room_latency import ROOT, TimedClient, control, peak_memory_mib  # noqa: E402
from seat_crash_seat import Outage, ResumingSeat, p95, percentiles  # noqa: E402

from game.analysis.strategies import make_strategy  # noqa: E402
from game.room.client import play_in_room  # noqa: E402
from game.room.export import COLUMNS, columns  # noqa: E402
from game.rules.session import GameSession  # noqa: E402
from game.scenario import load_scenario_text  # noqa: E402

KINDS = ("balanced", "manager-only", "leader-only", "random")


def command(folder: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "game", "room", "serve", "scaling-new-markets", "--host", "127.0.0.1",
            "--port", str(port), "--db", str(folder / "room.sqlite"), "--seed", "11"]


def serve(argv: list[str]) -> tuple[subprocess.Popen[str], str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert process.stdout is not None
    return process, "".join(process.stdout.readline() for _ in range(5))


class Dashboard(threading.Thread):
    """The facilitator's dashboard socket: when each participant's round first shows."""

    def __init__(self, address: str, secret: str) -> None:
        super().__init__(daemon=True)
        self.address, self.secret = address, secret
        self.seen: dict[tuple[str, int], float] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                with connect(f"ws://{self.address}/ws/dashboard", max_size=2**24, proxy=None,
                             open_timeout=5) as ws:
                    ws.send(json.dumps({"secret": self.secret}))
                    while not self.stop.is_set():
                        try:
                            data = json.loads(ws.recv(timeout=0.2))
                        except TimeoutError:
                            continue
                        now = time.monotonic()
                        for p in data.get("participants", []):
                            for n in range(1, p["round"] + 1):
                                self.seen.setdefault((" & ".join(p["names"]), n), now)
            except Exception:
                time.sleep(0.25)          # the server is down: try again, as the page does


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seats", type=int, default=60)
    parser.add_argument("--windows", type=int, default=10)
    parser.add_argument("--click", type=float, default=1.0,
                        help="seconds (at most) between a seat's decisions")
    parser.add_argument("--think", type=float, default=3.0, help="seconds (at most) a seat reads a report")
    parser.add_argument("--window-think", type=float, default=12.0,
                        help="seconds (at most) a window spends on a round")
    parser.add_argument("--kill-at", type=float, default=0.35,
                        help="kill the server once this share of all rounds is recorded")
    parser.add_argument("--down", type=float, default=2.0, help="seconds the server stays down")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("SAIL_KEEL_HOME", folder)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        argv = command(Path(folder), port)
        process, banner = serve(argv)
        code = re.search(r"Join code: (\w+)", banner).group(1)  # type: ignore[union-attr]
        secret = re.search(r"#secret=(\S+)", banner).group(1)  # type: ignore[union-attr]
        processes = [process]
        try:
            return run(args, argv, processes, f"127.0.0.1:{port}", code, secret)
        finally:
            for p in processes:
                if p.poll() is None:
                    p.terminate()
                    p.wait(timeout=10)


def run(args: argparse.Namespace, argv: list[str], processes: list[subprocess.Popen[str]], address: str,
        code: str, secret: str) -> int:
    dashboard = Dashboard(address, secret)
    dashboard.start()
    windows = [TimedClient(address, code, [f"Window {i:02d}"]) for i in range(args.windows)]
    for w in windows:
        w.join()
    scenario = load_scenario_text(windows[0].welcome.scenario_yaml, "room.yaml")  # type: ignore[union-attr]
    seed = windows[0].welcome.seed  # type: ignore[union-attr]
    outage = Outage()
    seats = [ResumingSeat(address, code, f"Seat {i:02d}", KINDS[i % 4], i, args.think, args.click,
                          scenario, seed, outage) for i in range(args.seats)]
    errors: list[str] = []

    def enter(seat: ResumingSeat) -> None:
        try:
            seat.enter()
        except Exception as exc:
            errors.append(f"{seat.name} could not join: {exc!r}")

    entering = [threading.Thread(target=enter, args=(s,)) for s in seats]   # all at once, in the lobby
    for t in entering:
        t.start()
    for t in entering:
        t.join()
    joined = sum(1 for s in seats if s.token)
    seats = [s for s in seats if s.token]
    control(address, secret, action="start")

    def play_seat(seat: ResumingSeat) -> None:
        try:
            seat.play()
        except Exception as exc:
            errors.append(f"{seat.name}: {exc!r}")

    def play_window(i: int) -> None:
        rng = random.Random(i)

        def think(session: GameSession) -> None:
            if session.phase.name == "REPORT":
                time.sleep(rng.uniform(0, args.window_think))

        play_in_room(windows[i], make_strategy(KINDS[i % 4], 100 + i), scenario, seed, between=think,
                     patience=900)
        if not windows[i].wait_sent(120):
            errors.append(f"Window {i:02d}: rounds not sent: {windows[i].pending}")

    started = time.monotonic()
    threads = [threading.Thread(target=play_seat, args=(s,)) for s in seats]
    threads += [threading.Thread(target=play_window, args=(i,)) for i in range(args.windows)]
    for t in threads:
        t.start()
    total = (args.seats + args.windows) * scenario.rounds
    while sum(1 for key in dashboard.seen) < args.kill_at * total:
        time.sleep(0.05)
    first_peak = peak_memory_mib(processes[0].pid)
    mid_round = sum(1 for s in seats if s.in_phase())
    outage.begin()
    processes[0].kill()                                   # SIGKILL, mid-round for most seats
    processes[0].wait(timeout=10)
    time.sleep(args.down)
    process, _ = serve(argv)                              # the same command
    processes.append(process)
    outage.end()
    recorded_at_kill = len(dashboard.seen)
    for t in threads:
        t.join()
    took = time.monotonic() - started
    time.sleep(1.0)
    dashboard.stop.set()
    second_peak = peak_memory_mib(process.pid)
    request = urllib.request.Request(f"http://{address}/api/export.csv",
                                     headers={"X-Facilitator-Secret": secret})
    rows = list(csv.DictReader(io.StringIO(urllib.request.urlopen(request, timeout=30).read().decode())))
    counted: dict[str, list[int]] = {}
    round_column = columns(scenario.round_label)[COLUMNS.index("round")]   # e.g. "quarter"
    for row in rows:
        counted.setdefault(row["participant"], []).append(int(row[round_column]))
    once = sum(1 for v in counted.values() if sorted(v) == list(range(1, scenario.rounds + 1)))

    handed: list[tuple[str, int, float]] = [(s.name, n, t) for s in seats for n, t in s.handed.items()]
    handed += [(w.names[0], n, t) for w in windows for n, t in w.handed.items()]
    normal, across = [], []
    for name, n, at in handed:
        shown = dashboard.seen.get((name, n), float("inf"))
        (across if outage.spans(at, shown) else normal).append(shown - at)
    submits = [x for s in seats for x in s.submits]
    resumed = [s for s in seats if s.resumes]
    print(f"{args.seats} browser seats + {args.windows} windows, {scenario.rounds} rounds each, "
          f"seats <= {args.click:g} s per decision and <= {args.think:g} s per report: {took:.1f} s")
    print(f"killed (SIGKILL) after {recorded_at_kill} of {total} rounds, {mid_round} seats mid-phase; "
          f"down {outage.length():.1f} s; started again with the same command")
    print(percentiles("round submit (seat)", submits) + " (target p95 < 500 ms)")
    print(percentiles("any decision (seat)", [x for s in seats for x in s.decisions]))
    print(percentiles("submit -> dashboard", normal) + " (target p95 < 1000 ms)")
    print(percentiles("submit -> dashboard, across the crash", across))
    print(f"seats that reconnected and resumed: {len(resumed)} of {args.seats}; in the same round and "
          f"phase: {sum(1 for s in resumed if s.same_place)}; answered decisions lost: "
          f"{sum(s.lost for s in seats)}; unanswered decisions sent again: {sum(s.resent for s in seats)}")
    print(f"joins asked to wait a moment (40 at once, then 2 a second): "
          f"{sum(s.join_waits for s in seats)}; seats joined: {joined} of {args.seats}")
    print(f"windows that reconnected: {sum(1 for w in windows if w.reconnects)} of {args.windows}")
    print(f"participants with every round counted exactly once: {once} of {len(counted)} (expected "
          f"{args.seats + args.windows}); CSV rows {len(rows)} (expected {total})")
    agree = sum(1 for s in seats if s.score_agrees)
    print(f"seats whose debrief score is their own copy's: {agree} of {args.seats}")
    print(f"illegal decisions: {sum(len(s.illegal) for s in seats)}; errors: {errors[:3]}")
    print(f"server peak memory: {first_peak:.0f} MiB before the crash, {second_peak:.0f} MiB after "
          f"(target < 250 MiB)")
    good = (joined == args.seats and once == args.seats + args.windows == len(counted)
            and len(rows) == total and not errors
            and len(resumed) == args.seats and all(s.same_place for s in resumed)
            and not sum(s.lost for s in seats) and all(s.score_agrees for s in seats))
    fast = p95(submits) < 0.5 and p95(normal) < 1.0
    return 0 if good and fast and max(first_peak, second_peak) < 250 else 1


if __name__ == "__main__":
    sys.exit(main())
