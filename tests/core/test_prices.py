"""Every lever has a visible price and a payoff: the model-level checks of issue 7's levers."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from game.model import new_game, params_for, step
from game.model.state import LEADER_ACTION_ORDER
from game.model.step import PRESSURE
from game.rules.plans import plan_from_drafts
from game.rules.session import GameSession
from game.scenario import load_scenario

SCENARIO = load_scenario("scaling-new-markets")
PARAMS = params_for(SCENARIO)
WORLD, START = new_game(SCENARIO)


def plan(**changes):
    session = GameSession(SCENARIO, 0)
    return replace(plan_from_drafts(SCENARIO, WORLD, session.leader, session.manager), **changes)


def play(a_plan, state=START, seed=0):
    return step(state, a_plan, WORLD, PARAMS, np.random.default_rng(seed))


def driver(report, metric, label):
    return float(dict(report.drivers[metric])[label][0])


def test_over_allocation_is_pressure_at_a_dearer_price_than_overtime() -> None:
    calm = plan()
    overloaded = plan(schedule=calm.schedule * 1.3)
    extra = 0.3 * PARAMS.overload_efficiency / PARAMS.overtime_capacity  # the same extra work
    same_work = plan(overtime=np.array([extra]))
    same_strain = plan(overtime=np.array([extra * PARAMS.overload_strain]))
    _, calm_report = play(calm)
    over_state, over_report = play(overloaded)
    _, work_report = play(same_work)
    strain_state, strain_report = play(same_strain)
    assert PARAMS.overload_strain > 1.0
    assert driver(calm_report, "morale", PRESSURE) == 0.0
    assert driver(over_report, "morale", PRESSURE) < driver(work_report, "morale", PRESSURE) < -0.5
    np.testing.assert_allclose(driver(over_report, "morale", PRESSURE),
                               driver(strain_report, "morale", PRESSURE), rtol=1e-9)
    np.testing.assert_allclose(over_state.fatigue, strain_state.fatigue, rtol=1e-9)


def test_hires_join_at_the_mood_of_the_people_they_join() -> None:
    budget = np.zeros_like(plan().budget)
    budget[0, WORLD.categories.index("hiring")] = 0.5
    new, report = play(plan(budget=budget))
    assert report.hired[0] >= 5
    assert abs(driver(report, "morale", "People joining")) < 1e-9


def test_a_repeated_action_does_less() -> None:
    actions = np.zeros((1, len(LEADER_ACTION_ORDER)))
    actions[0, LEADER_ACTION_ORDER.index("recognition")] = 1.0
    first_state, first = play(plan(actions=actions))
    _, second = play(plan(actions=actions), state=first_state)
    assert 0 < driver(second, "morale", "Recognition") < 0.9 * driver(first, "morale", "Recognition")


def test_coaching_wears_off_when_repeated_too() -> None:
    actions = np.zeros((1, len(LEADER_ACTION_ORDER)))
    actions[0, LEADER_ACTION_ORDER.index("coaching")] = 1.0
    coached = np.zeros_like(plan().coached)
    coached[0, 0] = 1.0
    first_state, first = play(plan(actions=actions, coached=coached))
    _, second = play(plan(actions=actions, coached=coached), state=first_state)
    assert 0 < driver(second, "morale", "Coaching") < 0.9 * driver(first, "morale", "Coaching")


def test_a_listening_tour_catches_risk_before_it_strikes() -> None:
    actions = np.zeros((1, len(LEADER_ACTION_ORDER)))
    actions[0, LEADER_ACTION_ORDER.index("listening")] = 1.0
    bold = int(np.argmax(WORLD.ambition))
    quiet, _ = play(plan(vision=np.array([bold])))
    heard, _ = play(plan(vision=np.array([bold]), actions=actions))
    assert quiet.risk[0] > 0.1
    assert heard.risk[0] < quiet.risk[0] - 0.1
    assert heard.trust[0] > quiet.trust[0]


def test_a_celebration_marks_last_round_s_win() -> None:
    actions = np.zeros((1, len(LEADER_ACTION_ORDER)))
    actions[0, LEADER_ACTION_ORDER.index("celebrate")] = 1.0
    _, nothing_shipped = play(plan(actions=actions))
    won = START.evolve(shipped_value=np.array([float(WORLD.mean_value)]))
    _, after_a_win = play(plan(actions=actions), state=won)
    assert driver(nothing_shipped, "morale", "Celebration") == 0.0
    assert driver(after_a_win, "morale", "Celebration") > 1.0


def test_ambition_needs_a_record_of_shipping() -> None:
    bold = plan(vision=np.array([int(np.argmax(WORLD.ambition))]))
    _, trusted = play(bold, state=START.evolve(record=np.array([1.0])))
    _, doubted = play(bold, state=START.evolve(record=np.array([0.0])))
    assert driver(doubted, "morale", "Vision") < 0.6 * driver(trusted, "morale", "Vision")
    assert (driver(doubted, "morale", "Cynicism (ambition beyond capacity)")
            <= driver(trusted, "morale", "Cynicism (ambition beyond capacity)"))


def test_a_misfit_vision_pulls_nobody() -> None:
    scenario = load_scenario("the-pivot")
    world, start = new_game(scenario)
    session = GameSession(scenario, 0)
    base = plan_from_drafts(scenario, world, session.leader, session.manager)
    misfit = [i for i in range(world.ambition.size) if world.misfit_of[i + 1, scenario.rounds]][0]
    late = start.evolve(round=scenario.rounds - 1)
    _, report = step(late, replace(base, vision=np.array([misfit])), world, params_for(scenario),
                     np.random.default_rng(0))
    assert driver(report, "morale", "Vision") == 0.0
