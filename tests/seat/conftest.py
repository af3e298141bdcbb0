"""The browser seat's tests: a room served in this process (its seats reachable), or a real
`room serve` subprocess and headless chromium (the room tests' helpers)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the room needs the 'room' extra")
pytest.importorskip("uvicorn", reason="the room needs the 'room' extra")
pytest.importorskip("sqlalchemy", reason="the room needs the 'room' extra")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "room"))

from room_helpers import RoomProcess, free_port  # noqa: E402


@pytest.fixture
def room_process(tmp_path: Path) -> Iterator[RoomProcess]:
    room = RoomProcess(tmp_path / "room.sqlite", free_port())
    yield room
    room.stop()
