"""`sailkeel play --room ...`: the real window (dummy SDL driver) joins, plays and reports."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time

from room_helpers import ROOT, RoomProcess, joined, play_to, window_in_room


def test_the_window_joins_as_a_hot_seat_pair_and_sends_every_round(room_process: RoomProcess) -> None:
    room = room_process.start("first-voyage", "--new", "--seed", "4")
    event = room.state()["scenario"]["events"][0]
    room.control(action="inject", event=event["id"])
    room.control(action="timer", seconds=60)
    room.control(action="start")
    env = dict(os.environ, PYTHONPATH=str(ROOT), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", "--room", room.address, "--code", room.code,
         "--hotseat", "--players", "Ana,Ben", "--autoplay", "balanced", "--no-save"],
        capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "Joined the room as Ana & Ben" in done.stdout
    (player,) = room.state()["participants"]
    assert player["names"] == ["Ana", "Ben"] and player["finished"]
    db = sqlite3.connect(room.db)
    first = json.loads(db.execute("SELECT decisions FROM rounds WHERE round = 1").fetchone()[0])
    db.close()
    assert {"type": "InjectEvent", "event": event["id"]} in first


def test_play_refuses_a_room_without_a_code_or_a_name(room: RoomProcess) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    for args, reason in [(["--room", room.address], "needs --room HOST:PORT and --code"),
                         (["--room", room.address, "--code", room.code], "give your name"),
                         (["--room", room.address, "--code", "WRONG1", "--name", "Ana"], "unknown join code"),
                         (["--room", "nowhere", "--code", room.code, "--name", "Ana"], "HOST:PORT")]:
        done = subprocess.run([sys.executable, "-m", "game", "play", *args], capture_output=True,
                              text=True, timeout=60, env=env, cwd=ROOT)
        assert done.returncode == 2 and reason in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr


def test_the_window_waits_for_the_start_and_shows_the_facilitators_news(room: RoomProcess) -> None:
    import time

    from game.room.client import RoomClient
    from game.ui.app import App
    from game.ui.core import default_core
    from game.ui.room_hook import RoomDriver
    from game.ui.settings import Settings

    client = RoomClient(room.address, room.code, ["Ana"])
    client.join()
    _, path = client.scenario()
    app = App(default_core(), Settings(seed=client.welcome.seed, save_results=False),  # type: ignore[union-attr]
              scenario_path=path, driver=RoomDriver(client))
    try:
        assert app.start_game(path)
        app.frame(1 / 60)
        assert type(app.top).__name__ == "PauseScreen" and "Waiting for the facilitator" in app.toast
        room.control(action="timer", seconds=45)
        room.control(action="start")
        room.control(action="announce", text="Welcome, all!")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "Welcome" not in app.toast:
            app.frame(1 / 60)
            time.sleep(0.01)
        assert app.toast == "Facilitator: Welcome, all!"
        assert type(app.top).__name__ == "BriefingScreen"       # the room's pause closed itself
        assert app.settings.timer == 45
    finally:
        app.close()
        client.close()


def test_a_restarted_window_goes_on_from_the_rounds_the_room_has(room: RoomProcess) -> None:
    room.control(action="start")
    first, link, path = joined(room, "Ana")
    play_to(link, 2)
    assert first.wait_sent(10)
    first.close()

    app, client = window_in_room(room, "Ana", path)
    try:
        assert app.start_game(path)
        app.frame(1 / 60)
        assert len(app.session.history) == 2 and app.session.history == link.session.history
        assert "Welcome back" in app.toast and type(app.top).__name__ == "ReportScreen"
    finally:
        app.close()
        client.close()


def test_sigterm_ends_a_room_window_cleanly(room: RoomProcess) -> None:
    import signal

    env = dict(os.environ, PYTHONPATH=str(ROOT), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    window = subprocess.Popen([sys.executable, "-m", "game", "play", "--room", room.address, "--code",
                               room.code, "--name", "Ana"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert window.stdout is not None
    assert window.stdout.readline().startswith("Joined the room as Ana")
    time.sleep(2)                                     # the window is up, waiting for the start
    window.send_signal(signal.SIGTERM)
    try:
        _, err = window.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        window.kill()
        raise AssertionError("SIGTERM did not end the room's window within 10 s") from None
    assert window.returncode == 128 + signal.SIGTERM and "Traceback" not in err, err


def test_quitting_a_room_window_by_hand_ends_cleanly(room: RoomProcess, monkeypatch: object,
                                                     capsys: object) -> None:
    import pytest

    from game.cli import main
    from game.ui.app import App

    assert isinstance(monkeypatch, pytest.MonkeyPatch) and isinstance(capsys, pytest.CaptureFixture)
    monkeypatch.setattr(App, "run", lambda self, fps=60, fixed_dt=None: 0)   # the player quits
    code = main(["play", "--room", room.address, "--code", room.code, "--name", "Ana", "--no-save"])
    out, err = capsys.readouterr()
    assert code == 0 and "Joined the room as Ana" in out and err == "", err
