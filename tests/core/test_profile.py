"""The leader/manager profile is measured in proportion, recorded once, and read the same
everywhere it is shown: a careful plan reads as managing, doing nothing reads as hands-off."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from game.analysis.strategies import Balanced, budget_split, focused_schedule, play
from game.cli import main
from game.persistence import save_game
from game.room import protocol
from game.room.db import Store
from game.room.export import rounds_csv
from game.room.room import Room
from game.rules.decisions import AllocateBudget, Continue, Decision, EndPhase, Inspire, Schedule
from game.rules.records import Phase
from game.rules.session import GameSession
from game.scenario import load_scenario, resolve_scenario
from tests.library.debrief_truth import HandsOff

SCENARIOS = ("scaling-new-markets", "first-voyage", "the-ward-merger")
# A careful manager's own split: a fifth of the money moved away from the split a game starts
# from (rules/plans.starting_budget: 50/20/5/5/10/10) towards running the work and skill.
CAREFUL = {"operations": 60, "innovation": 25, "training": 10, "hiring": 0, "wellbeing": 5,
           "reserve": 0}


class CarefulManager:
    """Manages only, and carefully: a budget split for the work and a schedule paced to the
    projects' dates with a little slack; no overtime, no reviews, no energy spent."""

    name = "careful-manager"

    def decide(self, session: GameSession) -> list[Decision]:
        if session.phase is Phase.MANAGER:
            return [AllocateBudget(budget_split(session, CAREFUL)),
                    Schedule(focused_schedule(session, 0.92, 0.2)), EndPhase()]
        return HandsOff().decide(session)


class FourCells:
    """Leads with all its energy and a vision, and as manager moves `cells` schedule cells of
    the offered plan (nothing else)."""

    def __init__(self, cells: int) -> None:
        self.cells = cells
        self.name = f"{cells} cells"

    def decide(self, session: GameSession) -> list[Decision]:
        if session.phase is Phase.LEADER:
            return [*Balanced()._lead(session), EndPhase()]
        if session.phase is Phase.MANAGER:
            plan = {t: dict(row) for t, row in session.manager.schedule.items()}
            cells = [(t, p) for t, row in plan.items() for p in row][:self.cells]
            for t, p in cells:
                plan[t][p] = 0.0 if plan[t][p] > 0.1 else 0.3
            return [Schedule(plan), EndPhase()]
        return HandsOff().decide(session)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_careful_manager_only_plan_reads_as_managing(scenario_id: str) -> None:
    result = play(GameSession(load_scenario(scenario_id), 3), CarefulManager()).result()
    # every round is clearly managed (a round whose careful plan happens to sit close to the
    # plan the game offers reads a little lower), and the game as a whole reads >= 80%
    assert all(r.manage >= 0.6 and r.lead == 0.0 for r in result.history)
    assert result.profile == "manager-heavy" and 1 - result.leader_share >= 0.8
    assert result.manage >= 0.8


def test_management_grows_with_the_plan_changed() -> None:
    scenario = load_scenario("scaling-new-markets")
    manage = [play(GameSession(scenario, 1), FourCells(n)).result().manage for n in (0, 2, 4, 8)]
    assert manage[0] == 0.0
    assert manage[0] < manage[1] < manage[2] < manage[3]


def test_a_leader_who_also_plans_the_budget_and_schedule_reads_balanced() -> None:
    class Both(CarefulManager):
        def decide(self, session: GameSession) -> list[Decision]:
            if session.phase is Phase.LEADER:
                return FourCells(0).decide(session)
            return super().decide(session)

    result = play(GameSession(load_scenario("scaling-new-markets"), 2), Both()).result()
    assert result.profile == "balanced"
    assert 0.35 <= result.leader_share <= 0.65


def hands_off_save(tmp_path: Path, scenario_id: str) -> tuple[GameSession, Path]:
    session = play(GameSession(load_scenario(scenario_id), 5), HandsOff())
    path = tmp_path / f"{scenario_id}.json"
    save_game(path, session, player="Ana")
    return session, path


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_hands_off_game_reads_hands_off_in_its_records_and_result(scenario_id: str) -> None:
    result = play(GameSession(load_scenario(scenario_id), 5), HandsOff()).result()
    assert result.profile == "hands-off" and result.lead == 0.0 and result.manage == 0.0
    assert all(r.lead == 0.0 and r.manage == 0.0 for r in result.history)
    assert "hands-off" in result.history[0].coach or "as it was" in result.history[0].coach


def test_a_hands_off_game_reads_hands_off_in_the_debrief_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, path = hands_off_save(tmp_path, "first-voyage")
    assert main(["debrief", str(path)]) == 0
    out = capsys.readouterr().out
    assert "hands-off (led 0%, managed 0%)" in out and "leadership" not in out.split("profiles:")[0]
    assert main(["debrief", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    player = data["participants"][0]
    assert player["profile"] == "hands-off" and player["leader_share"] is None
    assert player["lead"] == 0.0 and player["manage"] == 0.0
    assert data["profiles"]["hands-off"]["count"] == 1


def test_a_hands_off_game_reads_hands_off_on_the_room_dashboard(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "room.sqlite"))
    try:
        room = Room.create(store, resolve_scenario("first-voyage").read_text(encoding="utf-8"),
                           "first-voyage", 4)
        room.control({"action": "start"})
        player, _ = room.join(protocol.Join(room.row.code, ("Ana",)))
        game = GameSession(room.scenario, room.row.seed)
        for number in range(1, room.scenario.rounds + 1):
            if game.history:
                game.apply(Continue())
            start = len(game.log)
            while len(game.history) < number:
                game.apply_all(HandsOff().decide(game))
            room.submit(player, protocol.RoundSubmission(number, tuple(game.log[start:]),
                                                         game.history[-1].score))
            shown = room.snapshot()["participants"][0]
            assert shown["profile"] == "hands-off" and shown["leader_share"] is None
        assert all(r["lead"] == 0.0 and r["manage"] == 0.0 for r in player.records)
        rows = list(csv.DictReader(io.StringIO(rounds_csv(room))))
        assert len(rows) == room.scenario.rounds
        assert all(r["leader_share"] == "" and r["lead"] == r["manage"] == "0.0" for r in rows)
    finally:
        store.close()


def test_leading_counts_energy_spent_on_a_need() -> None:
    """Coaching a team that has not arrived meets no need; a town hall held two rounds
    running meets half of one (people get used to it)."""
    scenario = load_scenario("the-ward-merger")
    late = next(t for t in scenario.organization.teams if t.arrives > 1)
    here = next(t for t in scenario.organization.teams if t.arrives == 1)

    def lead_of(first: list[Inspire], second: list[Inspire]) -> float:
        session = GameSession(scenario, 0)
        for actions in (first, second):
            session.apply_all([*actions, EndPhase(), EndPhase()])
            while session.phase is not Phase.REPORT:
                session.apply_all(HandsOff().decide(session))
            session.apply(Continue())
        return session.history[1].lead

    assert lead_of([], [Inspire("coaching", here.id)]) == pytest.approx(0.6 * 2 / 5)
    assert lead_of([], [Inspire("coaching", late.id)]) == 0.0
    assert lead_of([Inspire("town_hall")], [Inspire("town_hall")]) == pytest.approx(0.6 * 1 / 5)
    assert lead_of([Inspire("recognition")], [Inspire("town_hall")]) == pytest.approx(0.6 * 2 / 5)
