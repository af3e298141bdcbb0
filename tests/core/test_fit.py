"""A vision that no longer fits the world: clarity fades, morale, alignment and creativity
slip, and a scenario without `fits:` plays exactly as before."""

from dataclasses import replace

import numpy as np
import pytest

from game.model import RoundPlan, metrics_of, new_game, params_for, step
from game.model.step import MISFIT
from game.scenario import load_scenario
from game.scenario.types import Scenario

BASE = load_scenario("scaling-new-markets")


def with_fits(until: int | None) -> Scenario:
    """The default scenario, its first vision fitting until `until`; the last vision
    always starts fitting only in round 2, so both variants report the fit driver."""
    visions = list(BASE.visions)
    visions[0] = replace(visions[0], fits_until=until)
    visions[-1] = replace(visions[-1], fits_from=2)
    return replace(BASE, visions=tuple(visions))


def plan_keeping_first_vision(world) -> RoundPlan:
    t, p = world.teams, world.projects
    budget = np.full((1, len(world.categories)), 1.0 / len(world.categories))
    return RoundPlan(vision=np.array([0]), actions=np.zeros((1, 6)), coached=np.zeros((1, t)),
                     budget=budget, schedule=np.full((1, t, p), 0.8 / p),
                     overtime=np.zeros(1), reviews=np.zeros(1))


def play(scenario: Scenario, rounds: int = 4, seed: int = 5):
    world, state = new_game(scenario)
    params, rng = params_for(scenario), np.random.default_rng(seed)
    reports = []
    for _ in range(rounds):
        state, report = step(state, plan_keeping_first_vision(world), world, params, rng)
        reports.append(report)
    return world, state, reports


def test_the_world_knows_which_vision_fits_which_round() -> None:
    world, _ = new_game(with_fits(2))
    assert world.fits.shape == (len(BASE.visions), BASE.rounds + 1)
    assert world.fits[0, 1:].tolist() == [True, True] + [False] * (BASE.rounds - 2)
    assert world.fits[-1, 1:].tolist() == [False] + [True] * (BASE.rounds - 1)
    assert world.changes and not new_game(BASE)[0].changes


def test_a_misfitting_vision_costs_clarity_morale_alignment_and_creativity() -> None:
    _, fitting, fit_reports = play(with_fits(None))
    _, stale, stale_reports = play(with_fits(1))
    # Round 1: both visions fit, so it is the same game so far.
    assert all(np.array_equal(fit_reports[0].gauges[g], stale_reports[0].gauges[g])
               for g in fit_reports[0].gauges)
    for gauge in ("clarity", "alignment", "creativity"):
        assert stale_reports[-1].gauges[gauge][0] < fit_reports[-1].gauges[gauge][0] - 1, gauge
    assert metrics_of(stale)["morale"][0] < metrics_of(fitting)["morale"][0] - 3
    # Clarity fades while the stale vision is held, where it grows for the fitting one.
    stale_clarity = [r.gauges["clarity"][0] for r in stale_reports]
    assert all(b < a for a, b in zip(stale_clarity[1:], stale_clarity[2:], strict=False))
    assert stale_clarity[1] < stale_clarity[0]


def test_the_misfit_is_a_named_morale_driver() -> None:
    _, _, fit_reports = play(with_fits(None))
    _, _, stale_reports = play(with_fits(1))

    def misfit(report) -> float:
        return dict(report.drivers["morale"])[MISFIT][0]
    assert misfit(fit_reports[1]) == 0.0 and misfit(stale_reports[0]) == 0.0
    assert all(misfit(r) < -1.0 for r in stale_reports[1:])
    for report, before in zip(stale_reports[1:], stale_reports, strict=False):
        change = report.metrics["morale"] - before.metrics["morale"]
        np.testing.assert_allclose(sum(v for _, v in report.drivers["morale"]), change, atol=1e-9)


def test_without_fits_there_is_no_fit_driver() -> None:
    _, _, reports = play(BASE)
    assert all(MISFIT not in dict(r.drivers["morale"]) for r in reports)


def test_the_session_says_whether_a_vision_fits_now() -> None:
    from game.rules.decisions import IllegalDecision
    from game.rules.session import GameSession

    scenario = with_fits(2)
    session = GameSession(scenario, seed=0)
    first, last = scenario.visions[0].id, scenario.visions[-1].id
    assert session.round == 1 and session.vision_fits(first) and not session.vision_fits(last)
    assert not session.vision_fits(first, 3) and session.vision_fits(last, 3)
    assert all(GameSession(BASE).vision_fits(v.id, r) for v in BASE.visions for r in (1, 8))
    with pytest.raises(IllegalDecision):
        session.vision_fits("no-such-vision")


def test_the_coach_explains_the_misfit() -> None:
    from game.rules.reasons import BY_KEY

    assert BY_KEY[MISFIT].why.startswith("The world has moved on from this vision")
    assert BY_KEY[MISFIT].lever == "Leader: change the vision"


def test_balanced_changes_a_vision_the_world_has_left_and_keeps_one_that_fits() -> None:
    from game.analysis.strategies import Balanced, play
    from game.rules.session import GameSession

    scenario = replace(with_fits(3), organization=replace(BASE.organization,
                                                          vision=BASE.visions[0].id))
    visions = [r.vision for r in play(GameSession(scenario, 1), Balanced()).history]
    assert visions[:3] == [BASE.visions[0].id] * 3
    assert visions[3] != BASE.visions[0].id and len(set(visions[3:])) == 1
    stubborn = [r.vision for r in play(GameSession(scenario, 1), Balanced(adapt=False)).history]
    assert set(stubborn) == {BASE.visions[0].id}


def test_without_fits_the_balanced_player_plays_as_before() -> None:
    from game.analysis.strategies import Balanced, play
    from game.rules.session import GameSession

    adapting = play(GameSession(BASE, 3), Balanced()).result()
    stubborn = play(GameSession(BASE, 3), Balanced(adapt=False)).result()
    assert adapting.decisions == stubborn.decisions and adapting.score == stubborn.score
