"""The search players' evaluator plays a scenario with a story through the session's rules."""

from __future__ import annotations

from pathlib import Path

from game.analysis.searched import played
from game.scenario import load_scenario
from game.search.batch import evaluate
from game.search.story import tells_a_story

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "story" / "ward-merge.yaml"


def test_a_story_scenario_is_evaluated_exactly_as_the_session_plays_it() -> None:
    scenario = load_scenario(FIXTURE)
    assert tells_a_story(scenario) and not tells_a_story(load_scenario("first-voyage"))
    games = []
    for name, seed in (("balanced", 1), ("random", 2), ("random", 7)):
        games.append(played(scenario, name, seed))
    batch = evaluate(scenario, [seq for _, seq in games], [s.seed for s, _ in games])
    for i, (session, _) in enumerate(games):
        result = session.result()
        assert batch.score[i, i] == result.score
        assert list(batch.per_round[i, i]) == [r.score for r in result.history]
