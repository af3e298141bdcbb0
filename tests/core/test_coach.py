"""The coach names true causes, and the profile is honest about doing nothing."""

from __future__ import annotations

import numpy as np
import pytest

from game.analysis.strategies import RandomPlayer, make_strategy, play
from game.model.metrics import CATCH_UP, LIMITS
from game.rules.decisions import ChooseOption, Continue, EndPhase
from game.rules.reasons import HIDDEN, reason_of
from game.rules.records import Phase, RoundRecord
from game.rules.remarks import verdict
from game.rules.session import GameSession
from game.scenario import load_scenario

SCENARIOS = ("scaling-new-markets", "hard-deadline", "the-pivot", "comfortable-giant")
# A component driver moves with the gauge that reads the same quantity.
GAUGE_OF = {"Creativity": "creativity", "Idea pipeline": "ideas"}


def random_rounds(count: int) -> list[tuple[RoundRecord, RoundRecord | None]]:
    rounds: list[tuple[RoundRecord, RoundRecord | None]] = []
    seed = 0
    while len(rounds) < count:
        scenario = load_scenario(SCENARIOS[seed % len(SCENARIOS)])
        history = play(GameSession(scenario, seed), RandomPlayer(seed)).history
        rounds += [(r, history[i - 1] if i else None) for i, r in enumerate(history)]
        seed += 1
    return rounds[:count]


@pytest.fixture(scope="module")
def thousand_rounds() -> list[tuple[RoundRecord, RoundRecord | None]]:
    return random_rounds(1000)


def test_the_coach_blames_only_what_fell_and_praises_only_what_rose(thousand_rounds) -> None:
    blamed = 0
    for record, previous in thousand_rounds:
        best, worst = verdict(record)
        for named, sign in ((worst, -1.0), (best, 1.0)):
            if named is None:
                continue
            metric, label, value = named
            assert reason_of(label).key not in (CATCH_UP, LIMITS)
            assert np.sign(value) == sign, (record.round, named)
            assert (label, value) in record.drivers[metric]
            gauge = GAUGE_OF.get(reason_of(label).key)
            quiet = not record.events and (previous is None or not previous.events)
            if gauge and previous is not None and quiet:
                moved = record.gauges[gauge] - previous.gauges[gauge]
                assert moved * sign >= -1e-9, (record.round, named, moved)
        if worst is not None:
            blamed += 1
            assert f"lost most to {worst[1].lower()}" in record.coach
    assert blamed > 100  # the check had something to check


def test_component_drivers_move_with_their_gauges(thousand_rounds) -> None:
    for record, previous in thousand_rounds:
        if previous is None or record.events or previous.events:
            continue
        drivers = {reason_of(label).key: value for label, value in record.drivers["innovation"]}
        for key, gauge in GAUGE_OF.items():
            moved = record.gauges[gauge] - previous.gauges[gauge]
            assert drivers[key] * moved >= -1e-9, (key, drivers[key], moved)


def test_fatigue_is_marked_hidden_unless_the_leader_listens(thousand_rounds) -> None:
    for record, _ in thousand_rounds:
        labels = [label for label, _ in record.drivers["morale"]]
        assert ("Fatigue" in labels) == record.revealed
        assert ("Fatigue" + HIDDEN in labels) == (not record.revealed)


class HandsOff:
    name = "hands-off"

    def decide(self, session: GameSession) -> list:
        if session.phase in (Phase.LEADER, Phase.MANAGER):
            return [EndPhase()]
        if session.phase is Phase.EVENT:
            return [ChooseOption(0)]
        return [Continue()]


@pytest.mark.parametrize("scenario_id", ["scaling-new-markets", "the-pivot"])
def test_doing_nothing_is_hands_off_and_never_praised(scenario_id: str) -> None:
    scenario = load_scenario(scenario_id)
    result = play(GameSession(scenario, 3), HandsOff()).result()
    assert result.profile == "hands-off"
    profile_lessons = {lesson.text for lesson in scenario.debrief if "leader_share" in repr(lesson.when)}
    assert not profile_lessons & set(result.lessons)
    for record in result.history:
        assert "gained most" not in record.coach and "balanced" not in record.coach.lower()
        assert record.coach.startswith("You left everything as it was")


def test_an_inherited_vision_is_not_leadership() -> None:
    scenario = load_scenario("the-pivot")  # starts with a vision
    assert scenario.organization.vision is not None
    session = play(GameSession(scenario, 1), HandsOff())
    assert all(r.activity == 0.0 for r in session.history)


def test_a_balanced_player_is_profiled_balanced() -> None:
    result = play(GameSession(load_scenario("scaling-new-markets"), 2),
                  make_strategy("balanced")).result()
    assert result.profile == "balanced"
