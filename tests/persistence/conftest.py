"""Games to save: the default scenario played by scripted players."""

from __future__ import annotations

import pytest

from game.analysis.strategies import make_strategy, play
from game.rules.session import GameSession
from game.scenario import load_scenario
from game.scenario.types import Scenario


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return load_scenario("scaling-new-markets")


@pytest.fixture(scope="session")
def played(scenario: Scenario) -> GameSession:
    return play(GameSession(scenario, seed=11), make_strategy("random", 11))
