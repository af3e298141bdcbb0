"""Every shipped scenario played to the end by every scripted player (greedy aside: it is
slow and plays through balanced's knobs): metrics stay in range and are always explained."""

from pathlib import Path

import pytest

from game.analysis.strategies import make_strategy, play
from game.rules.records import METRIC_NAMES
from game.rules.session import GameSession, replay
from game.scenario import list_scenarios, load_scenario

SHIPPED = list_scenarios()


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
@pytest.mark.parametrize("strategy", ["balanced", "manager-only", "leader-only", "random"])
def test_scenario_plays_to_the_end(path: Path, strategy: str) -> None:
    scenario = load_scenario(path)
    for seed in (0, 1):
        session = play(GameSession(scenario, seed), make_strategy(strategy, seed))
        result = session.result()
        assert len(result.history) == scenario.rounds
        for record in result.history:
            for metric in METRIC_NAMES:
                assert 0.0 <= record.metrics[metric] <= 100.0
                explained = sum(value for _, value in record.drivers[metric])
                assert explained == pytest.approx(record.deltas[metric], abs=1e-9)
        assert replay(scenario, seed, session.log).result().score == result.score
