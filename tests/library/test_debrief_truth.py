"""Every debrief sentence is true to the game played: each scripted player (and a hands-off
one) on every shipped scenario, the shown lessons checked against the round records (no
lesson about a lever never used, no vision lesson without a vision, no success claimed for
a missed project), the profile against the decisions, and each objective's met/missed
against the final records."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.analysis.strategies import make_strategy, play
from game.rules.session import GameSession
from game.scenario import list_scenarios, load_scenario
from tests.library.debrief_truth import HandsOff, claims_of, contradictions, objective_errors

SHIPPED = list_scenarios()
PLAYERS = ("balanced", "manager-only", "leader-only", "random", "hands-off")


def debrief_errors(path: Path, seeds: range) -> list[str]:
    scenario = load_scenario(path)
    errors = []
    for name in PLAYERS:
        for seed in seeds:
            player = HandsOff() if name == "hands-off" else make_strategy(name, seed)
            result = play(GameSession(scenario, seed), player).result()
            errors += [f"{name} seed {seed}: {e}" for e in
                       contradictions(scenario.id, result) + objective_errors(scenario, result)]
    return errors


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_lesson_has_its_claims_listed(path: Path) -> None:
    scenario = load_scenario(path)
    assert [lesson.text for lesson in scenario.debrief
            if claims_of(scenario.id, lesson.text) is None] == []


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_the_debrief_says_only_what_happened(path: Path) -> None:
    assert debrief_errors(path, range(3)) == []


@pytest.mark.slow
@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_the_debrief_says_only_what_happened_on_twenty_seeds(path: Path) -> None:
    assert debrief_errors(path, range(20)) == []


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_objectives_are_scored_where_they_can_be_measured(path: Path) -> None:
    scenario = load_scenario(path)
    scored = [o for o in scenario.objectives if o.scored]
    assert len(scored) >= 2
    result = play(GameSession(scenario, 0), make_strategy("balanced", 0)).result()
    assert [s.text for s in result.objectives] == [o.text for o in scenario.objectives]
    assert all(s.status in ("met", "missed") and s.how for s in result.objectives if s.scored)
