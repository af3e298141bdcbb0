"""A game played through the browser seat is the window's game: same seed, same decisions,
the same records bit for bit, on every shipped scenario; and the room counts its rounds as
it counts a window client's."""

from __future__ import annotations

from pathlib import Path

import pytest
from seat_helpers import SeatPlayer, served_room

from game.analysis.strategies import make_strategy
from game.room.rounds import record_json
from game.rules.session import GameSession
from game.scenario import list_scenarios, load_scenario

SCENARIOS = sorted(p.stem for p in list_scenarios())


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_browser_game_is_the_window_game_bit_for_bit(tmp_path: Path, scenario_id: str) -> None:
    seed = 11
    scenario = load_scenario(scenario_id)
    window = GameSession(scenario, seed)      # the game a window plays with the same decisions
    strategy = make_strategy("balanced")
    with served_room(tmp_path, scenario_id, seed) as served:
        served.room.control({"action": "start"})
        page = SeatPlayer(served.url)
        welcome = page.join(served.room.row.code, "Ana")
        assert welcome["view"]["phase"] == "leader" and welcome["view"]["round"] == 1
        while not window.over:
            for decision in strategy.decide(window):
                window.apply(decision)
                answer = page.act(decision)
                assert "illegal" not in answer, answer
                assert answer["view"]["phase"] == window.phase.value
        page.close()
        (player,) = served.room.players.values()
        seat = served.seats.seats[player.id]
        assert seat.game.history == window.history          # every record, every float, equal
        assert seat.game.log == window.log
        assert player.records == [record_json(r) for r in window.history]
        assert player.finished and player.session.result().score == window.result().score
        debrief = answer["view"]["debrief"]
        assert debrief["score"] == window.result().score
        assert debrief["lessons"] == window.result().lessons
        shown = served.room.snapshot()["participants"][0]
        assert shown["round"] == scenario.rounds and shown["finished"]


def test_the_room_records_a_browser_game_as_it_records_a_window_game(tmp_path: Path) -> None:
    from game.room import view
    from game.room.client import RoomClient, play_in_room
    from game.room.export import rounds_csv

    with served_room(tmp_path, "the-pivot", 21) as served:
        room = served.room
        room.control({"action": "start"})
        window = RoomClient(f"127.0.0.1:{served.port}", room.row.code, ["Window"])
        window.join()
        scenario, _ = window.scenario(tmp_path)
        play_in_room(window, make_strategy("balanced"), scenario, 21)
        assert window.wait_sent(30)
        window.close()
        page = SeatPlayer(served.url)
        page.join(room.row.code, "Browser")
        game = GameSession(scenario, 21)
        strategy = make_strategy("balanced")
        while not game.over:
            for decision in strategy.decide(game):
                game.apply(decision)
                page.act(decision)
        page.close()
        by_window, by_page = room.players.values()
        assert by_page.records == by_window.records and len(by_page.records) == scenario.rounds
        assert by_page.decisions == by_window.decisions          # the same save-format rounds
        rows = rounds_csv(room).splitlines()[1:]
        # room, scenario, participant, names: then the rounds, equal
        assert [r.split(",", 4)[4] for r in rows[:scenario.rounds]] == \
            [r.split(",", 4)[4] for r in rows[scenario.rounds:]]
        shown = {p["names"][0]: p for p in room.snapshot()["participants"]}
        assert shown["Browser"]["score"] == shown["Window"]["score"]
        assert shown["Browser"]["profile"] == shown["Window"]["profile"]
        gathered = view.debrief(room)
        assert gathered is not None and gathered["profiles"]
