"""The search players' evaluator plays a scenario with a story through the session's rules."""

from __future__ import annotations

from pathlib import Path

from game.analysis.strategies import make_strategy
from game.rules.decisions import ChooseOption, EndPhase
from game.rules.records import Phase
from game.rules.session import GameSession
from game.scenario import load_scenario
from game.search.batch import DecisionSequence, evaluate
from game.search.story import tells_a_story

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "story" / "ward-merge.yaml"


def test_a_story_scenario_is_evaluated_exactly_as_the_session_plays_it() -> None:
    scenario = load_scenario(FIXTURE)
    assert tells_a_story(scenario) and not tells_a_story(load_scenario("first-voyage"))
    games = []
    for name, seed in (("balanced", 1), ("random", 2), ("random", 7)):
        session, strategy = GameSession(scenario, seed), make_strategy(name, seed)
        ids = [e.id for e in scenario.events]
        rounds, answers = [], [[0] * len(ids) for _ in range(scenario.rounds)]
        while not session.over:
            for decision in strategy.decide(session):
                if session.phase is Phase.MANAGER and isinstance(decision, EndPhase):
                    rounds.append((session.leader, session.manager))
                if isinstance(decision, ChooseOption):
                    assert session.pending_event is not None
                    answers[session.round - 1][ids.index(session.pending_event.event_id)] = \
                        decision.index
                session.apply(decision)
        games.append((session, DecisionSequence(tuple(rounds), tuple(map(tuple, answers)))))
    batch = evaluate(scenario, [seq for _, seq in games], [s.seed for s, _ in games])
    for i, (session, _) in enumerate(games):
        result = session.result()
        assert batch.score[i, i] == result.score
        assert list(batch.per_round[i, i]) == [r.score for r in result.history]
