"""A room with 40 clients on this machine: how soon a round reaches the dashboard, and the
server's memory.

Starts `python -m game room serve` (SQLite), joins N headless clients (the real client
code), listens on the dashboard's WebSocket like the browser does, and has every client
play the whole game. For each round it measures the time from the client handing the
round over (`RoomClient.submit`) to the first dashboard update that shows it. Two modes:
`paced` (each client thinks 0-2 s per round, as people do) and `burst` (every client
plays as fast as it can, all at once: the worst case). Prints p50/p95/max latency and the
server's peak resident memory (VmHWM).
Run: python bench/room_latency.py [--clients 40] [--mode paced|burst]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

from game.analysis.strategies import make_strategy
from game.room.client import RoomClient, play_in_room
from game.rules.session import GameSession

ROOT = Path(__file__).resolve().parents[1]


class TimedClient(RoomClient):
    """Notes when each round is handed over."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.handed: dict[int, float] = {}

    def submit(self, number: int, decisions: list[dict[str, Any]], score: float) -> None:
        self.handed[number] = time.monotonic()
        super().submit(number, decisions, score)


def start_room(folder: Path) -> tuple[subprocess.Popen[str], str, str, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    process = subprocess.Popen([sys.executable, "-m", "game", "room", "serve", "scaling-new-markets",
                                "--host", "127.0.0.1", "--port", str(port), "--db",
                                str(folder / "room.sqlite"), "--seed", "11"],
                               stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert process.stdout is not None
    banner = "".join(process.stdout.readline() for _ in range(5))
    code = re.search(r"Join code: (\w+)", banner).group(1)  # type: ignore[union-attr]
    secret = re.search(r"#secret=(\S+)", banner).group(1)  # type: ignore[union-attr]
    return process, f"127.0.0.1:{port}", code, secret


def peak_memory_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def control(address: str, secret: str, **body: Any) -> None:
    request = urllib.request.Request(f"http://{address}/api/control", data=json.dumps(body).encode(),
                                     headers={"X-Facilitator-Secret": secret,
                                              "Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).read()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=40)
    parser.add_argument("--mode", choices=("paced", "burst"), default="paced")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("SAIL_KEEL_HOME", folder)
        process, address, code, secret = start_room(Path(folder))
        try:
            return run(args, process, address, code, secret)
        finally:
            process.terminate()
            process.wait(timeout=10)


def run(args: argparse.Namespace, process: subprocess.Popen[str], address: str, code: str,
        secret: str) -> int:
    seen: dict[tuple[int, int], float] = {}        # (participant, round) -> first shown
    stop = threading.Event()

    def dashboard() -> None:
        try:
            watch()
        except Exception as exc:   # shown: a bench that measured nothing must say why
            print(f"the dashboard connection failed: {exc!r}", file=sys.stderr)

    def watch() -> None:
        with connect(f"ws://{address}/ws/dashboard", max_size=2**24, proxy=None) as ws:
            ws.send(json.dumps({"secret": secret}))
            while not stop.is_set():
                try:
                    data = json.loads(ws.recv(timeout=0.2))
                except TimeoutError:
                    continue
                now = time.monotonic()
                for p in data.get("participants", []):
                    for n in range(1, p["round"] + 1):
                        seen.setdefault((p["id"], n), now)

    watcher = threading.Thread(target=dashboard, daemon=True)
    watcher.start()
    clients = [TimedClient(address, code, [f"Player {i:02d}"]) for i in range(args.clients)]
    for c in clients:
        c.join()
    scenario, _ = clients[0].scenario()
    seed = clients[0].welcome.seed  # type: ignore[union-attr]
    control(address, secret, action="start")
    rng = random.Random(1)
    thinking = {i: [rng.uniform(0, 2) for _ in range(scenario.rounds)] for i in range(args.clients)}

    def play(i: int) -> None:
        def think(session: GameSession) -> None:
            if args.mode == "paced" and session.phase.name == "REPORT":
                time.sleep(thinking[i][len(session.history) - 1])   # reads the report, then on

        strategy = make_strategy(("balanced", "manager-only", "leader-only", "random")[i % 4], i)
        play_in_room(clients[i], strategy, scenario, seed, between=think, patience=300)
        clients[i].wait_sent(60)

    started = time.monotonic()
    threads = [threading.Thread(target=play, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    time.sleep(1.0)
    stop.set()
    watcher.join(timeout=5)
    latencies = []
    for c in clients:
        assert c.welcome is not None
        for n, handed in c.handed.items():
            shown = seen.get((c.welcome.participant, n))
            latencies.append(float("inf") if shown is None else shown - handed)
    trouble = [(c.welcome.participant if c.welcome else None, c.pending, c.refusals) for c in clients
               if c.pending or c.refusals]
    if trouble:
        print(f"clients with rounds not taken: {trouble[:5]}")
    missing = sum(1 for x in latencies if x == float("inf"))
    if missing:
        print(f"{missing} round(s) never shown on the dashboard")
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    took = time.monotonic() - started
    print(f"{args.clients} clients, {args.mode}: {len(latencies)} rounds in {took:.1f} s")
    print(f"submission -> dashboard: p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms (target p95 < 1000 ms)")
    print(f"server peak memory: {peak_memory_mib(process.pid):.0f} MiB (target < 200 MiB)")
    for c in clients:
        c.close()
    return 0 if p95 < 1.0 and peak_memory_mib(process.pid) < 200 else 1


if __name__ == "__main__":
    sys.exit(main())
