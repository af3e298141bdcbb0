"""The article's thesis, played: leadership and management together beat either alone."""

import numpy as np
import pytest

from game.analysis.strategies import make_strategy, play
from game.rules.session import GameSession
from game.scenario import load_scenario

SEEDS = range(50)


@pytest.fixture(scope="module")
def outcomes():
    scenario = load_scenario("scaling-new-markets")
    results = {}
    for name in ("balanced", "manager-only", "leader-only"):
        results[name] = [play(GameSession(scenario, seed), make_strategy(name, seed)).result()
                         for seed in SEEDS]
    return results


def mean(results, key) -> float:
    return float(np.mean([key(r) for r in results]))


def test_balanced_beats_each_extreme_by_ten_percent(outcomes) -> None:
    balanced = mean(outcomes["balanced"], lambda r: r.score)
    for extreme in ("manager-only", "leader-only"):
        assert balanced >= 1.10 * mean(outcomes[extreme], lambda r: r.score), extreme


def test_management_alone_starves_innovation(outcomes) -> None:
    innovation = {n: mean(rs, lambda r: r.final["innovation"]) for n, rs in outcomes.items()}
    creativity = {n: mean(rs, lambda r: r.history[-1].gauges["creativity"]) for n, rs in outcomes.items()}
    assert innovation["manager-only"] < innovation["balanced"] - 15
    assert creativity["manager-only"] < creativity["balanced"] - 10


def test_leadership_alone_misses_deadlines_and_tires_people(outcomes) -> None:
    delivery = {n: mean(rs, lambda r: r.final["delivery"]) for n, rs in outcomes.items()}
    fatigue = {n: mean(rs, lambda r: r.history[-1].gauges["fatigue"]) for n, rs in outcomes.items()}
    missed = {n: mean(rs, lambda r: sum(p.state != "shipped" for p in r.history[-1].projects))
              for n, rs in outcomes.items()}
    assert delivery["leader-only"] < delivery["balanced"] - 20
    # the plan a game starts from brings the nearest date in, so a leader who never plans
    # misses one project more than the balanced player, not two
    assert missed["leader-only"] >= missed["balanced"] + 1
    assert fatigue["leader-only"] > fatigue["balanced"] + 5
