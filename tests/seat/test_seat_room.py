"""The browser seat as a room participant: its state survives a server restart, the
facilitator's events and pause reach it, the rules' refusals reach the page, and junk is
refused without touching anyone's game."""

from __future__ import annotations

from pathlib import Path

from seat_helpers import SeatPlayer, served_room

from game.analysis.strategies import make_strategy
from game.room.limits import Bucket
from game.rules.decisions import Continue, EndPhase, Inspire, SetOvertime, SetVision
from game.rules.forecast import forecast
from game.rules.records import Phase
from game.rules.session import GameSession
from game.scenario import load_scenario


def play_rounds(page: SeatPlayer, game: GameSession, rounds: int) -> None:
    strategy = make_strategy("balanced")
    while len(game.history) < rounds:
        for decision in strategy.decide(game):
            game.apply(decision)
            answer = page.act(decision)
            assert "illegal" not in answer, answer


def test_a_restarted_server_resumes_the_seat_mid_phase(tmp_path: Path) -> None:
    db = tmp_path / "room.sqlite"
    game = GameSession(load_scenario("first-voyage"), 4)
    with served_room(tmp_path, "first-voyage", 4, db) as served:
        served.room.control({"action": "start"})
        page = SeatPlayer(served.url)
        page.join(served.room.row.code, "Ana")
        play_rounds(page, game, 2)
        if game.phase is Phase.REPORT:                                # on to round 3
            game.apply(Continue())
            page.act(Continue())
        vision = game.scenario.visions[-1].id
        for decision in (SetVision(vision), Inspire("listening")):    # half-way through a phase
            game.apply(decision)
            page.act(decision)
        token = page.token
        page.close()
    with served_room(tmp_path, "first-voyage", 4, db) as served:     # the server killed and back
        again = SeatPlayer(served.url)
        view = again.resume(token)["view"]
        assert (view["phase"], view["round"], view["room"]["recorded"]) == ("leader", 3, 2)
        assert view["leader"]["vision"] == vision
        assert [p["action"] for p in view["leader"]["planned"]] == ["listening"]
        game.apply(EndPhase())
        again.act(EndPhase())
        play_rounds(again, game, 3)
        (player,) = served.room.players.values()
        assert served.seats.seats[player.id].game.history == game.history
        assert len(player.records) == 3
        again.close()


def test_an_injected_event_and_a_pause_reach_the_seat(tmp_path: Path) -> None:
    with served_room(tmp_path, "scaling-new-markets", 9) as served:
        room = served.room
        page = SeatPlayer(served.url)
        view = page.join(room.row.code, "Bo")["view"]
        assert view["room"]["waiting"]                           # not started: the page says so
        event = room.scenario.events[-1]
        page.act(EndPhase())
        room.control({"action": "inject", "event": event.id, "to": None})
        view = page.ask({"type": "view"})["view"]
        assert any(event.title in line for line in view["news"])
        answer = page.act(EndPhase())                                # the round plays
        assert answer["view"]["phase"] == "event"
        assert answer["view"]["event"]["title"] == event.title
        while page.view["phase"] == "event":
            page.ask({"type": "act", "decision": {"type": "ChooseOption", "index": 0}})
        assert page.view["phase"] == "report" and page.view["room"]["held"]   # waits: not started
        assert room.players[next(iter(room.players))].records == []
        room.control({"action": "start"})
        view = page.ask({"type": "view"})["view"]
        assert view["room"]["recorded"] == 1 and not view["room"]["held"]
        (player,) = room.players.values()
        assert player.records[0]["events"][-1].startswith(event.title)
        page.close()


def test_the_rules_refusal_is_shown_and_changes_nothing(tmp_path: Path) -> None:
    with served_room(tmp_path, "first-voyage", 2) as served:
        served.room.control({"action": "start"})
        page = SeatPlayer(served.url)
        page.join(served.room.row.code, "Cy")
        for action in ("town_hall", "challenge"):
            page.act(Inspire(action))
        answer = page.act(Inspire("coaching", "studio"))
        assert answer["illegal"] == "Coach a team needs 2 energy; you have 1 left."
        assert [p["action"] for p in answer["view"]["leader"]["planned"]] == ["town_hall", "challenge"]
        injected = page.ask({"type": "act", "decision": {"type": "InjectEvent", "event": "x"}})
        assert injected["illegal"] == "Only the facilitator brings in events."
        junk = page.ask({"type": "act", "decision": {"type": "SetVision"}})
        assert "vision" in junk["illegal"]
        page.close()


def test_a_wrong_code_or_token_is_refused(tmp_path: Path) -> None:
    with served_room(tmp_path, "first-voyage", 2) as served:
        page = SeatPlayer(served.url)
        answer = page.join("ZZZZZZ", "Dee")
        assert answer == {"type": "refused", "reason": "unknown join code", "seq": 1}
        other = SeatPlayer(served.url)
        assert other.resume("x" * 32)["reason"] == "unknown participant token"
        third = SeatPlayer(served.url)
        assert third.ask({"type": "act", "decision": {"type": "EndPhase"}})["reason"] == "join the room first"
        assert served.room.players == {}
        for p in (page, other, third):
            p.close()


def test_a_class_behind_one_address_joins_even_after_wrong_codes_and_a_busy_room(tmp_path: Path) -> None:
    with served_room(tmp_path, "first-voyage", 2) as served:
        room = served.room
        room.joins = Bucket(2, 3600)                   # the room takes two joins, then is busy
        pages = [SeatPlayer(served.url) for _ in range(14)]
        answers = [page.join(room.row.code, f"P{i}") for i, page in enumerate(pages)]
        busy = [a for a in answers if a["type"] == "refused"]
        assert len(busy) == 12 and all("many joins at once" in a["reason"] for a in busy)
        room.joins = Bucket(40, 0.5)
        for _ in range(10):                            # someone guesses codes from the same address
            assert SeatPlayer(served.url).join("ZZZZZZ", "X")["reason"] == "unknown join code"
        late = SeatPlayer(served.url).join(room.row.code, "Late")   # the right code: straight in
        assert late["type"] == "view" and late["view"]["names"] == ["Late"]
        assert len(room.players) == 3
        for page in pages:
            page.close()


def test_the_board_forecast_is_the_models_forecast_of_the_plan(tmp_path: Path) -> None:
    game = GameSession(load_scenario("scaling-new-markets"), 6)
    with served_room(tmp_path, "scaling-new-markets", 6) as served:
        served.room.control({"action": "start"})
        page = SeatPlayer(served.url)
        page.join(served.room.row.code, "Eve")
        for decision in (EndPhase(), SetOvertime(0.3)):
            game.apply(decision)
            page.act(decision)
        seen = page.ask({"type": "forecast"})["forecast"]
        expected = forecast(game)               # what the window's manager board shows
        assert seen["plan"] == page.view["manager"]["plan"] == len(game.log)
        assert seen["projects"] == {p.id: {"chance": p.chance, "verdict": p.verdict, "progress": p.progress,
                                           "needs": p.needs, "gets": p.gets}
                                    for p in expected.projects.values()}
        assert {t: v["fatigue_change"] for t, v in seen["teams"].items()} == \
            {t.id: t.fatigue_change for t in expected.teams.values()}
        page.act(EndPhase())
        assert page.ask({"type": "forecast"})["forecast"] is None      # no plan once it has played
        page.close()


def test_a_pair_at_one_device_joins_as_one_participant(tmp_path: Path) -> None:
    with served_room(tmp_path, "first-voyage", 2) as served:
        page = SeatPlayer(served.url)
        view = page.ask({"type": "join", "code": served.room.row.code, "names": ["Ana", "Ben"]})["view"]
        assert view["names"] == ["Ana", "Ben"]
        assert served.room.snapshot()["participants"][0]["names"] == ["Ana", "Ben"]
        three = SeatPlayer(served.url)
        answer = three.ask({"type": "join", "code": served.room.row.code, "names": ["A", "B", "C"]})
        assert answer["reason"] == "names must be a list of one name, or two for a hot-seat pair"
        for p in (page, three):
            p.close()
