"""A real room server for the room's tests: `python -m game room serve` in a subprocess."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the room needs the 'room' extra")
pytest.importorskip("uvicorn", reason="the room needs the 'room' extra")
pytest.importorskip("sqlalchemy", reason="the room needs the 'room' extra")

from room_helpers import RoomProcess, free_port  # noqa: E402


@pytest.fixture
def room_process(tmp_path: Path) -> Iterator[RoomProcess]:
    room = RoomProcess(tmp_path / "room.sqlite", free_port())
    yield room
    room.stop()


@pytest.fixture
def room(room_process: RoomProcess) -> RoomProcess:
    return room_process.start("scaling-new-markets", "--new", "--seed", "7")
