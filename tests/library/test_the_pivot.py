"""The pivot teaches when to change course: the world moves on from the starting vision,
and a leader who changes with it does clearly better than one who holds on."""

import numpy as np
import pytest

from game.analysis.strategies import Balanced, play
from game.rules.session import GameSession
from game.scenario import load_scenario

SEEDS = range(20)


@pytest.fixture(scope="module")
def games():
    scenario = load_scenario("the-pivot")
    return {name: [play(GameSession(scenario, seed), player).result() for seed in SEEDS]
            for name, player in (("balanced", Balanced()),
                                 ("stubborn", Balanced(adapt=False, name="stubborn")))}


def mean(results, key) -> float:
    return float(np.mean([key(r) for r in results]))


def test_the_world_turns_mid_game() -> None:
    scenario = load_scenario("the-pivot")
    session = GameSession(scenario)
    start = scenario.organization.vision
    assert start is not None and session.vision_fits(start)
    assert not session.vision_fits(start, scenario.rounds)
    assert any(session.vision_fits(v.id, scenario.rounds) and not session.vision_fits(v.id, 1)
               for v in scenario.visions)


def test_balanced_changes_course_once_and_the_stubborn_player_never_does(games) -> None:
    start = load_scenario("the-pivot").organization.vision
    for result in games["balanced"]:
        visions = [r.vision for r in result.history]
        changes = sum(a != b for a, b in zip(visions, visions[1:], strict=False))
        assert visions[0] == start and visions[-1] != start and changes == 1
    assert all({r.vision for r in result.history} == {start} for result in games["stubborn"])


def test_holding_on_too_long_does_clearly_worse(games) -> None:
    balanced, stubborn = games["balanced"], games["stubborn"]
    assert mean(balanced, lambda r: r.score) >= 1.04 * mean(stubborn, lambda r: r.score)
    assert mean(stubborn, lambda r: r.final["morale"]) < mean(balanced, lambda r: r.final["morale"]) - 10
    assert mean(stubborn, lambda r: r.history[-1].gauges["clarity"]) < 30
    assert all(any("held on too long" in lesson for lesson in r.lessons) for r in stubborn)
    assert not any(any("held on too long" in lesson for lesson in r.lessons) for r in balanced)


def test_the_stale_vision_is_on_the_round_report_and_the_coach_names_it(games) -> None:
    late = games["stubborn"][0].history[-1]
    assert dict(late.drivers["morale"])["Vision out of step with the world"] < -1.0
    assert dict(games["balanced"][0].history[-1].drivers["morale"])[
        "Vision out of step with the world"] == 0.0
    assert any("lost most to vision out of step with the world" in r.coach
               and "change to a vision that fits the world now" in r.coach
               for r in games["stubborn"][0].history)
