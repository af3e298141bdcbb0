"""Cash is a real runway: a debt cuts the coming rounds' budgets, a reserve is saving."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.model import available_budget, new_game, params_for, step
from game.model.state import build_world
from game.rules.decisions import AllocateBudget, ChooseOption, EndPhase, IllegalDecision
from game.rules.plans import plan_from_drafts
from game.rules.session import GameSession
from game.scenario import load_scenario

SCENARIO = load_scenario("scaling-new-markets")
PARAMS = params_for(SCENARIO)


def test_a_debt_takes_its_repayment_from_the_round_budget() -> None:
    world, state = new_game(SCENARIO)
    per_round = SCENARIO.budget.per_round
    available, repay = available_budget(state.evolve(cash=np.array([-30.0])), world, PARAMS)
    assert repay[0] == 30.0 and available[0] == per_round - 30.0
    available, repay = available_budget(state.evolve(cash=np.array([-1000.0])), world, PARAMS)
    assert repay[0] == PARAMS.runway_repay_share * per_round
    available, repay = available_budget(state.evolve(budget_shift=np.array([12.0])), world, PARAMS)
    assert repay[0] == 0.0 and available[0] == per_round + 12.0


def test_a_cut_round_buys_less_and_repays_the_debt() -> None:
    session = GameSession(SCENARIO, 1)
    world, state = new_game(SCENARIO)
    plan = plan_from_drafts(SCENARIO, world, session.leader, session.manager)
    rich, rich_report = step(state, plan, world, PARAMS, np.random.default_rng(0))
    poor, poor_report = step(state.evolve(cash=np.array([-40.0])), plan, world, PARAMS,
                             np.random.default_rng(0))
    assert poor_report.capacity.sum() < rich_report.capacity.sum()
    assert poor_report.repaid[0] == 40.0 and poor_report.available[0] == SCENARIO.budget.per_round - 40
    assert poor.cash[0] < rich.cash[0]
    assert poor.budget_shift[0] == 0.0


def test_reserve_and_unallocated_money_are_saved_when_no_shock_uses_them() -> None:
    world, state = new_game(SCENARIO, batch=64)
    session = GameSession(SCENARIO, 1)
    plan = plan_from_drafts(SCENARIO, world, session.leader, session.manager)
    plan = replace(plan, budget=np.repeat(plan.budget * 0.9, 64, axis=0),
                   **{f: np.repeat(getattr(plan, f), 64, axis=0) for f in
                      ("vision", "actions", "coached", "schedule", "overtime", "reviews")})
    new, report = step(state, plan, world, PARAMS, np.random.default_rng(5))
    per_round = SCENARIO.budget.per_round
    reserve = plan.share(world, "reserve")[0] * per_round
    calm = ~report.risk_hit
    assert calm.any() and report.risk_hit.any()
    np.testing.assert_allclose(new.cash[calm] - state.cash[calm], reserve + 0.1 * per_round)
    assert np.all(new.cash[~calm] < state.cash[~calm] + reserve + 0.1 * per_round)


def test_the_session_offers_only_the_money_the_round_has() -> None:
    scenario = replace(SCENARIO, organization=replace(SCENARIO.organization, cash=-30.0))
    session = GameSession(scenario, 2)
    assert session.available_budget == SCENARIO.budget.per_round - 30.0
    assert sum(session.manager.budget.values()) == pytest.approx(session.available_budget)
    session.apply(EndPhase())
    with pytest.raises(IllegalDecision, match="over the budget"):
        session.apply(AllocateBudget({"operations": SCENARIO.budget.per_round}))
    session.apply(AllocateBudget({"operations": session.available_budget}))
    session.apply(EndPhase())
    while not session.history:  # answer any event the round raised
        session.apply(ChooseOption(0))
    record = session.history[-1]
    assert record.repaid == 30.0 and "Debt took 30" in record.coach


def test_a_budget_can_change_round_by_round() -> None:
    rounds = SCENARIO.rounds
    schedule = tuple(100.0 + 10 * r for r in range(rounds))
    world = build_world(replace(SCENARIO, budget=replace(SCENARIO.budget, per_round=schedule)))
    assert world.budget[1:].tolist() == list(schedule)
    assert world.reference_budget == pytest.approx(np.mean(schedule))
    with pytest.raises(ValueError, match="lists 2 rounds"):
        build_world(replace(SCENARIO, budget=replace(SCENARIO.budget, per_round=(1.0, 2.0))))
