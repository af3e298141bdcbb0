"""Running a real room server (`python -m game room serve`) in a subprocess, for tests and benches."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class RoomProcess:
    db: Path
    port: int
    extra: list[str] = field(default_factory=list)
    process: subprocess.Popen[str] | None = None
    code: str = ""
    secret: str = ""
    banner: str = ""
    host: str = "127.0.0.1"           # where it listens ("0.0.0.0": every interface)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *args: str) -> RoomProcess:
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "game", "room", "serve", *args, "--host", self.host,
             "--port", str(self.port), "--db", str(self.db)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        assert self.process.stdout is not None
        lines = []
        for _ in range(5):
            line = self.process.stdout.readline()
            if not line:
                raise AssertionError(f"the room did not start: {self.process.stderr.read()}")  # type: ignore[union-attr]
            lines.append(line)
        self.banner = "".join(lines)
        self.code = re.search(r"Join code: (\w+)", self.banner).group(1)  # type: ignore[union-attr]
        secret = re.search(r"#secret=(\S+)", self.banner)       # shown once, when the room is made
        if secret is not None:
            self.secret = secret.group(1)
        return self

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def request(self, path: str, body: Any = None, secret: str | None = "", raw: bytes | None = None
                ) -> tuple[int, bytes]:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Facilitator-Secret"] = secret or self.secret
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        request = urllib.request.Request(self.url + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def control(self, **body: Any) -> dict[str, Any]:
        status, data = self.request("/api/control", body)
        assert status == 200, data
        return dict(json.loads(data))

    def state(self) -> dict[str, Any]:
        status, data = self.request("/api/state")
        assert status == 200, data
        return dict(json.loads(data))


def play_to(link: Any, rounds: int) -> None:
    """The balanced persona plays a room game on (a `RoomLink`) until `rounds` rounds are
    reported, syncing with the room after every decision."""
    from game.analysis.strategies import make_strategy
    from game.rules.records import Phase

    strategy = make_strategy("balanced")
    session = link.session
    while len(session.history) < rounds or session.phase is not Phase.REPORT:
        for decision in strategy.decide(session):
            session.apply(decision)
            link.sync()
    link.sync()


def joined(room: RoomProcess, name: str) -> tuple[Any, Any, Path]:
    """A participant who joined the room: (client, link on a new game, scenario file)."""
    from game.room.client import RoomClient, RoomLink

    client = RoomClient(room.address, room.code, [name])
    client.join()
    scenario, path = client.scenario()
    return client, RoomLink(client, client.session(scenario)), path


def window_in_room(room: RoomProcess, name: str, path: Path) -> tuple[Any, Any]:
    """A window started again by `name` with the room's driver: (app, client)."""
    from game.room.client import RoomClient
    from game.ui.app import App
    from game.ui.core import default_core
    from game.ui.room_hook import RoomDriver
    from game.ui.settings import Settings

    client = RoomClient(room.address, room.code, [name])
    client.join()
    app = App(default_core(), Settings(seed=client.welcome.seed, save_results=False),
              scenario_path=path, driver=RoomDriver(client))
    return app, client
