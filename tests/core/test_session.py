"""Playing the default scenario through the session, as a player would."""

import math

import pytest

from game.analysis.strategies import make_strategy, play
from game.rules.decisions import (
    AllocateBudget,
    CancelInspire,
    ChooseOption,
    Continue,
    EndPhase,
    IllegalDecision,
    Inspire,
    Schedule,
    SetOvertime,
    SetVision,
)
from game.rules.records import METRIC_NAMES, Phase
from game.rules.session import GameSession, replay
from game.scenario import load_scenario


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("scaling-new-markets")


def snapshot(s: GameSession):
    return (s.phase, s.round, s.leader, s.manager, len(s.log), s.metrics)


def test_a_round_moves_through_the_phases(scenario) -> None:
    s = GameSession(scenario, seed=1)
    assert s.phase is Phase.LEADER and s.round == 1
    s.apply(SetVision("europe-first"))
    s.apply(Inspire("coaching", "growth"))
    assert s.leader.energy_left == scenario.organization.leader_energy - 2
    s.apply(CancelInspire("coaching", "growth"))
    assert s.leader.energy_left == scenario.organization.leader_energy
    s.apply(EndPhase())
    assert s.phase is Phase.MANAGER
    s.apply(AllocateBudget({"operations": 60, "wellbeing": 20, "reserve": 20}))
    assert s.manager.budget_left == pytest.approx(0)
    s.apply(EndPhase())
    assert s.phase is Phase.REPORT
    record = s.history[-1]
    for metric in METRIC_NAMES:
        assert 0 <= record.metrics[metric] <= 100
        assert sum(v for _, v in record.drivers[metric]) == pytest.approx(record.deltas[metric], abs=1e-9)
    assert record.coach
    s.apply(Continue())
    assert s.phase is Phase.LEADER and s.round == 2
    assert s.leader.vision == "europe-first"  # the vision is kept unless changed


@pytest.mark.parametrize(
    ("setup", "decision", "reason"),
    [
        ([], AllocateBudget({"operations": 10}), "manager phase"),
        ([], Inspire("coaching"), "needs a team"),
        ([], Inspire("coaching", "nobody"), "no team"),
        ([], Inspire("telepathy"), "Unknown leader action"),
        ([Inspire("town_hall"), Inspire("challenge")], Inspire("coaching", "growth"), "energy"),
        ([], SetVision("mars"), "no vision"),
        ([], ChooseOption(0), "event phase"),
        ([EndPhase()], AllocateBudget({"operations": 101}), "over the budget"),
        ([EndPhase()], AllocateBudget({"operations": -5}), "negative"),
        ([EndPhase()], AllocateBudget({"operations": math.nan}), "finite"),
        ([EndPhase()], AllocateBudget({"yachts": 5}), "no budget category"),
        ([EndPhase()], Schedule({"growth": {"atlantis": 0.5}}), "no project"),
        ([EndPhase()], Schedule({"growth": {"emea": 1.0, "apac": 1.0}}), "capacity"),
        ([EndPhase()], SetOvertime(math.inf), "finite"),
        ([EndPhase()], SetOvertime(2), "between 0 and 1"),
        ([EndPhase()], Continue(), "report phase"),
    ],
)
def test_illegal_decisions_are_refused_and_change_nothing(scenario, setup, decision, reason) -> None:
    s = GameSession(scenario, seed=1)
    s.apply_all(setup)
    before = snapshot(s)
    with pytest.raises(IllegalDecision, match=reason) as info:
        s.apply(decision)
    assert "\n" not in str(info.value)
    assert snapshot(s) == before


def test_a_whole_game_replays_bit_for_bit(scenario) -> None:
    first = play(GameSession(scenario, seed=5), make_strategy("random", 5))
    again = replay(scenario, 5, first.log)
    assert again.over
    assert again.result().history == first.result().history
    assert again.result().score == first.result().score


def test_same_seed_same_game_other_seed_other_game(scenario) -> None:
    a = play(GameSession(scenario, 11), make_strategy("balanced")).result()
    b = play(GameSession(scenario, 11), make_strategy("balanced")).result()
    c = play(GameSession(scenario, 12), make_strategy("balanced")).result()
    assert [r.metrics for r in a.history] == [r.metrics for r in b.history]
    assert [r.metrics for r in a.history] != [r.metrics for r in c.history]


def test_the_end_result_holds_what_a_debrief_needs(scenario) -> None:
    result = play(GameSession(scenario, 3), make_strategy("balanced")).result()
    assert len(result.history) == scenario.rounds
    assert set(result.final) == set(METRIC_NAMES)
    assert 0 <= result.score <= 100
    assert result.profile == "balanced"
    assert result.lessons, "the balanced profile lesson should hold"
    assert any("balanced" in lesson for lesson in result.lessons)


def test_events_fire_and_their_choices_show_in_the_drivers(scenario) -> None:
    s = GameSession(scenario, seed=2)
    strategy = make_strategy("balanced")
    while s.round < 3 or s.phase is not Phase.EVENT:
        assert not s.over, "the round-3 event never fired"
        s.apply_all(strategy.decide(s))
    assert s.pending_event.event_id == "key-client-churn"
    s.apply(ChooseOption(2))  # let them go: delivery -6
    while s.phase is Phase.EVENT:
        s.apply(ChooseOption(0))
    record = s.history[-1]
    assert record.events[0].choice == "Let them go"
    labels = [label for label, _ in record.drivers["delivery"]]
    assert "Event: A key client wavers" in labels
