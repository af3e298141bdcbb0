"""`--db postgresql+psycopg://...`: the same room on PostgreSQL, resumed after a SIGKILL.

Runs where a PostgreSQL server can be started in a temporary folder (initdb and pg_ctl on
the PATH, psycopg installed); skipped elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from room_helpers import ROOT, RoomProcess, free_port

from game.analysis.strategies import make_strategy
from game.room.client import RoomClient, play_in_room


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(command)]   # initdb refuses root


@pytest.fixture
def postgres_url() -> Iterator[str]:
    if shutil.which("initdb") is None or shutil.which("pg_ctl") is None:
        pytest.skip("no PostgreSQL server programs (initdb, pg_ctl) here")
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    folder = Path(tempfile.mkdtemp(prefix="sailkeel-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    port = free_port()
    data = folder / "data"
    subprocess.run(_as_postgres(["initdb", "-D", str(data), "-A", "trust", "-U", "sailkeel"]),
                   check=True, capture_output=True, timeout=120)
    subprocess.run(_as_postgres(["pg_ctl", "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
                                 f"'-k {folder} -p {port} -h 127.0.0.1'", "start"]),
                   check=True, capture_output=True, timeout=120)
    try:
        yield f"postgresql+psycopg://sailkeel@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres(["pg_ctl", "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_room_on_postgresql_plays_and_resumes(postgres_url: str) -> None:
    room = RoomProcess(Path(postgres_url), free_port())
    room.db = postgres_url  # type: ignore[assignment]
    try:
        room.start("first-voyage", "--new", "--seed", "2")
        assert "postgresql+psycopg://sailkeel@127.0.0.1" in room.banner
        client = RoomClient(room.address, room.code, ["Ana"])
        client.join()
        scenario, _ = client.scenario()
        room.control(action="start")
        play_in_room(client, make_strategy("balanced"), scenario, client.welcome.seed, patience=60)  # type: ignore[union-attr]
        assert client.wait_sent(20) and not client.refusals
        client.close()
        room.kill()
        code = room.code
        refused = subprocess.run([sys.executable, "-m", "game", "room", "serve", "first-voyage",
                                  "--db", postgres_url, "--port", "0"], capture_output=True, text=True,
                                 timeout=60, env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT)
        assert refused.returncode == 2 and "--code CODE (its join code) to resume" in refused.stderr
        room.start("first-voyage", "--code", code.lower())   # never another facilitator's room
        assert "Resumed room" in room.banner and room.code == code
        (player,) = room.state()["participants"]
        assert player["round"] == scenario.rounds and player["finished"]
        status, body = room.request("/api/export.csv")
        assert status == 200 and len(body.decode().splitlines()) == 1 + scenario.rounds
    finally:
        room.stop()
