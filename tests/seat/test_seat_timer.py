"""The facilitator's phase timer for browser seats is the server's: it commits a phase whose
time ran out as a window's timer does (`timed_out`), with or without the page open; a
reloaded page is told the time left; the clock stands still while the room is paused; and
a restarted server goes on with the time that was left."""

from __future__ import annotations

import json
import time
from pathlib import Path

from seat_helpers import SeatPlayer, served_room

from game.rules.decisions import EndPhase, Inspire
from game.rules.records import Phase


def wait_for(check: object, timeout: float = 10.0) -> None:
    give_up = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < give_up, "timed out waiting"
        time.sleep(0.05)


def test_the_server_commits_a_seats_phase_when_time_is_up_with_no_page_open(tmp_path: Path) -> None:
    with served_room(tmp_path, "first-voyage", 3) as served:
        room = served.room
        room.control({"action": "start"})
        room.control({"action": "timer", "seconds": 2})
        page = SeatPlayer(served.url)
        view = page.join(room.row.code, "Ana")["view"]
        assert view["phase"] == "leader" and 1.5 < view["time_left"] <= 2 and view["time_running"]
        page.act(Inspire("listening"))
        token = page.token
        page.close()                                   # the tab is closed; the clock runs on
        (player,) = room.players.values()
        seat = served.seats.seats[player.id]
        wait_for(lambda: seat.game.phase not in (Phase.LEADER, Phase.MANAGER), timeout=8)
        ends = [d for d in seat.game.log if isinstance(d, EndPhase)]
        assert ends == [EndPhase(timed_out=True), EndPhase(timed_out=True)]
        assert seat.game.history[0].timed_out          # what the timer left unspent, recorded
        again = SeatPlayer(served.url)
        view = again.resume(token)["view"]
        assert view["round"] == 1 and view["phase"] in ("event", "report")
        assert "Time is up: the phase was committed with the choices made so far." in view["news"]
        assert "time_left" not in view                 # events and reports have no timer
        while view["phase"] == "event":
            view = again.ask({"type": "act", "decision": {"type": "ChooseOption", "index": 0}})["view"]
        assert view["phase"] == "report"               # the round is the room's, as a window's is
        assert json.dumps(player.decisions[0]).count('"timed_out": true') == 2
        again.close()


def test_an_open_page_is_sent_the_committed_phase_and_a_reload_the_time_left(tmp_path: Path) -> None:
    with served_room(tmp_path, "first-voyage", 3) as served:
        room = served.room
        room.control({"action": "start"})
        room.control({"action": "timer", "seconds": 30})
        page = SeatPlayer(served.url)
        page.join(room.row.code, "Bo")
        time.sleep(1.5)
        token = page.token
        page.close()
        reloaded = SeatPlayer(served.url)              # a reload: the server's time, not 30 again
        left = reloaded.resume(token)["view"]["time_left"]
        assert 27.5 <= left <= 28.6
        room.control({"action": "pause"})              # the clock stands still while the room waits
        time.sleep(1.5)
        view = reloaded.ask({"type": "view"})["view"]
        assert not view["time_running"] and view["time_left"] <= left
        held = view["time_left"]
        time.sleep(1.0)
        assert reloaded.ask({"type": "view"})["view"]["time_left"] == held
        room.control({"action": "timer", "seconds": 1})   # the next phase's; this one keeps its time
        room.control({"action": "start"})
        time.sleep(0.7)
        view = reloaded.ask({"type": "view"})["view"]
        assert view["time_running"] and held - 1.5 < view["time_left"] < held
        reloaded.act(EndPhase())                       # the manager phase gets 1 s: the server commits it
        pushed = json.loads(reloaded.ws.recv(timeout=5))
        assert pushed["type"] == "view" and pushed["view"]["phase"] in ("event", "report")
        assert "Time is up: the phase was committed with the choices made so far." in pushed["view"]["news"]
        reloaded.close()


def test_a_restarted_server_goes_on_with_the_time_left_and_commits_with_no_page(tmp_path: Path) -> None:
    db = tmp_path / "room.sqlite"
    with served_room(tmp_path, "first-voyage", 3, db) as served:
        served.room.control({"action": "start"})
        served.room.control({"action": "timer", "seconds": 3})
        first = SeatPlayer(served.url)
        first.join(served.room.row.code, "Cy")          # Cy's leader phase: 3 s
        served.room.control({"action": "timer", "seconds": 20})
        second = SeatPlayer(served.url)
        second.join(served.room.row.code, "Di")         # Di's: 20 s
        token = second.token
        first.close()
        second.close()
    time.sleep(3.0)                                    # the server is down; Cy's time runs out
    with served_room(tmp_path, "first-voyage", 3, db) as served:
        cy = next(p for p in served.room.players.values() if p.names == ("Cy",))
        seats = served.seats.seats                     # committed by the server, no page open
        wait_for(lambda: cy.id in seats and seats[cy.id].game.phase is Phase.MANAGER, timeout=5)
        assert served.seats.seats[cy.id].game.log[-1] == EndPhase(timed_out=True)
        page = SeatPlayer(served.url)
        view = page.resume(token)["view"]
        assert view["phase"] == "leader" and 15 <= view["time_left"] <= 17.5
        page.close()
