"""The batched evaluator plays exactly the games `GameSession` plays, many at once."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.analysis.searched import played
from game.rules.conditions import Situation, holds
from game.rules.decisions import ChooseOption, Continue, EndPhase
from game.rules.events import mentions
from game.rules.records import Phase
from game.rules.session import GameSession
from game.scenario import load_scenario
from game.scenario.types import After, FlagIs, TeamGauge
from game.search.batch import evaluate
from game.search.conditions import BatchSituation, holds_batch
from game.search.policy import PolicyError, from_sequence, read_policies, sequences_of
from game.search.streams import RowStreams

SHIPPED = ["first-voyage", "scaling-new-markets", "the-pivot", "hard-deadline", "turnaround",
           "comfortable-giant", "rocket-in-a-garage"]


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_row_is_bit_identical_to_the_session(scenario_id: str) -> None:
    scenario = load_scenario(scenario_id)
    games = [played(scenario, name, seed) for name in ("balanced", "random", "manager-only")
             for seed in (3, 11)]
    seeds = [s.seed for s, _ in games]
    batch = evaluate(scenario, [seq for _, seq in games], seeds)
    for i, (session, _) in enumerate(games):
        result = session.result()
        assert batch.score[i, i] == result.score
        assert [batch.final[m][i, i] for m in result.final] == list(result.final.values())
        assert list(batch.per_round[i, i]) == [r.score for r in result.history]


def test_rows_do_not_depend_on_their_neighbours() -> None:
    scenario = load_scenario("scaling-new-markets")
    _, seq = played(scenario, "random", 5)
    alone = evaluate(scenario, [seq], [5, 6])
    crowd = evaluate(scenario, [seq] * 3, list(range(40)))
    assert alone.raw_score[0, 0] == crowd.raw_score[2, 5] and alone.raw_score[0, 1] == crowd.raw_score[0, 6]


def test_row_streams_serve_what_each_generator_would() -> None:
    streams = RowStreams([4, 9])
    first, second = streams.random((2, 3)), streams.uniform(0.6, 1.4, 2)
    for row, seed in enumerate((4, 9)):
        g = np.random.default_rng(seed)
        assert list(first[row]) == list(g.random((1, 3))[0])
        assert second[row] == g.uniform(0.6, 1.4, 1)[0]
    with pytest.raises(ValueError):
        streams.random(3)
    with pytest.raises(AttributeError):
        streams.normal(size=2)  # type: ignore[attr-defined]


def test_batched_conditions_agree_with_the_session_rules() -> None:
    rng = np.random.default_rng(0)
    for scenario_id in SHIPPED:
        scenario = load_scenario(scenario_id)
        conditions = [e.when for e in scenario.events] + [lesson.when for lesson in scenario.debrief]
        # Memory and team conditions are only judged by the session (game/search/story.py).
        conditions = [c for c in conditions if not mentions(c, (FlagIs, After, TeamGauge))]
        n = 64
        gauges = {g: rng.uniform(0, 100, n) for g in ("morale", "innovation", "delivery", "score", "fatigue",
                                                        "trust", "clarity", "alignment", "creativity",
                                                        "skill", "ideas", "risk", "process", "headcount")}
        vision = rng.integers(-1, len(scenario.visions), n)
        status = {p.id: rng.integers(0, 4, n) for p in scenario.projects}
        share = np.where(rng.random(n) < 0.2, np.nan, rng.random(n))
        ids = tuple(v.id for v in scenario.visions)
        for r in range(1, scenario.rounds + 1):
            batch = BatchSituation(r, n, gauges, vision, ids, status, lambda share=share: share)
            for condition in conditions:
                got = holds_batch(condition, batch)
                names = ("open", "shipped", "missed", "shipped late")
                want = [holds(condition, Situation(
                    r, {g: float(v[b]) for g, v in gauges.items()},
                    ids[vision[b]] if vision[b] >= 0 else None,
                    {p: names[int(s[b])] for p, s in status.items()},
                    None if np.isnan(share[b]) else float(share[b]))) for b in range(n)]
                assert list(got) == want


def test_a_policy_file_plays_as_the_session_plays_it() -> None:
    scenario = load_scenario("first-voyage")
    lines = [
        json.dumps({"name": "steady", "rounds": [[
            {"type": "SetVision", "vision": "craft"}, {"type": "Inspire", "action": "town_hall"},
            {"type": "AllocateBudget", "amounts": {"operations": 20, "innovation": 10, "wellbeing": 10}},
            {"type": "Schedule", "assignments": {"studio": {"website": 0.5, "toolkit": 0.4}}},
            {"type": "SetReviews", "on": True}]], "repeat": True,
            "answers": {"first-feedback": 1, "tired-team": [0, 1, 1, 0, 0]}}),
        "# a comment line",
        json.dumps({"name": "hands-off"}),
    ]
    policies = read_policies(scenario, lines)
    sequences = sequences_of(scenario, policies)
    batch = evaluate(scenario, sequences, [0, 1])
    for p, sequence in enumerate(sequences):
        # the exported policy replays the same drafts
        line = json.dumps(from_sequence(scenario, sequence, "x"))
        again = sequences_of(scenario, read_policies(scenario, [line]))
        assert evaluate(scenario, again, [0, 1]).raw_score.tolist() == batch.raw_score[p:p + 1].tolist()
    hands_off = GameSession(scenario, 1)
    while not hands_off.over:
        hands_off.apply(ChooseOption(0) if hands_off.phase is Phase.EVENT else
                        EndPhase() if hands_off.phase in (Phase.LEADER, Phase.MANAGER) else Continue())
    assert batch.score[1, 1] == hands_off.result().score


@pytest.mark.parametrize("line, reason", [
    ('{"rounds": [[{"type": "EndPhase"}]]}', "no place in a policy"),
    ('{"answers": {"nope": 1}}', "no event 'nope'"),
    ('{"answers": {"first-feedback": 5}}', "choice index is 0..1"),
    ('{"colour": 1}', "unknown field 'colour'"),
    ('not json', "not JSON"),
])
def test_a_bad_policy_line_says_where_and_why(line: str, reason: str) -> None:
    with pytest.raises(PolicyError, match=reason):
        read_policies(load_scenario("first-voyage"), [line], "mine.jsonl")


def test_an_illegal_decision_names_the_policy_and_round() -> None:
    scenario = load_scenario("first-voyage")
    spend = {"type": "AllocateBudget", "amounts": {"operations": 999}}
    line = json.dumps({"name": "greedy", "rounds": [[], [spend]]})
    with pytest.raises(PolicyError, match="greedy: round 2: .*over the budget"):
        sequences_of(scenario, read_policies(scenario, [line]))
