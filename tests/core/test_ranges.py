"""Every model coefficient has a range, and within the ranges the model stays finite.

A coefficient added to DEFAULT_PARAMS without a row in game/model/ranges.py fails here.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.analysis.strategies import make_strategy, play
from game.model.params import DEFAULT_PARAMS
from game.model.ranges import PARAM_RANGES, out_of_range
from game.rules.session import GameSession
from game.scenario import load_scenario
from game.scenario.types import Scenario


def test_every_coefficient_has_a_range_with_a_meaning() -> None:
    assert set(PARAM_RANGES) == set(DEFAULT_PARAMS)
    for name, allowed in PARAM_RANGES.items():
        assert allowed.meaning.strip() and allowed.low < allowed.high, name
        assert allowed.holds(DEFAULT_PARAMS[name]), f"{name}'s default is outside its range"


def test_out_of_range_names_the_range() -> None:
    assert out_of_range("idea_rate", 0.9) is None
    message = out_of_range("idea_rate", -1e6)
    assert message is not None and "0 to 10" in message


def with_params(scenario: Scenario, params: dict[str, float]) -> Scenario:
    import dataclasses

    return dataclasses.replace(scenario, params=tuple({**dict(scenario.params), **params}.items()))


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario("first-voyage")


def ends(draw: st.DrawFn) -> dict[str, float]:
    """Each coefficient at its low end, its high end or its default."""
    return {name: draw(st.sampled_from([r.low, r.high, DEFAULT_PARAMS[name]]))
            for name, r in PARAM_RANGES.items()}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.composite(ends)(), strategy=st.sampled_from(["balanced", "random", "leader-only"]),
       seed=st.integers(0, 2**63 - 1))
def test_params_at_their_range_limits_give_finite_results(scenario: Scenario, params: dict[str, float],
                                                           strategy: str, seed: int) -> None:
    session = play(GameSession(with_params(scenario, params), seed), make_strategy(strategy, seed))
    result = session.result()
    values = [result.score, result.leader_share, *result.final.values()]
    values += [v for r in result.history for v in (r.score, *r.metrics.values())]
    assert all(math.isfinite(v) for v in values), params
    assert all(0 <= v <= 100 for v in result.final.values())


@pytest.mark.parametrize("end", ["low", "high"])
def test_all_coefficients_at_one_end_give_finite_results(scenario: Scenario, end: str) -> None:
    params = {name: getattr(r, end) for name, r in PARAM_RANGES.items()}
    for strategy in ("balanced", "manager-only", "random"):
        result = play(GameSession(with_params(scenario, params), 3), make_strategy(strategy, 3)).result()
        assert math.isfinite(result.score) and all(math.isfinite(v) for v in result.final.values())
