"""The batched evaluator plays exactly the games `GameSession` plays, many at once."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from game.analysis.searched import played
from game.rules.conditions import Situation, holds
from game.rules.decisions import ChooseOption, Continue, EndPhase
from game.rules.records import Phase
from game.rules.session import GameSession
from game.scenario import load_scenario
from game.scenario.types import Used, mentions
from game.search.batch import evaluate
from game.search.conditions import BatchSituation, holds_batch
from game.search.policy import PolicyError, from_sequence, read_policies, sequences_of
from game.search.story import play_sequence
from game.search.streams import RowStreams

STORY_FIXTURES = sorted((Path(__file__).resolve().parent.parent / "data" / "story").glob("*.yaml"))
SHIPPED = ["first-voyage", "scaling-new-markets", "the-pivot", "hard-deadline", "turnaround",
           "comfortable-giant", "rocket-in-a-garage", "the-ward-merger"]


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
    for scenario_id in [*SHIPPED, "the-ward-merger", *map(str, STORY_FIXTURES)]:
        scenario = load_scenario(scenario_id)
        # `used:` reads the whole game and is for debrief lessons only (validate refuses it
        # elsewhere): the batch, which plays events, never meets it.
        conditions = [e.when for e in scenario.events] + [
            lesson.when for lesson in scenario.debrief if not mentions(lesson.when, (Used,))] + [
            c.require for e in scenario.events for c in e.choices if c.require is not None]
        assert not any(mentions(c, (Used,)) for c in conditions)
        n = 64
        gauges = {g: rng.uniform(0, 100, n) for g in ("morale", "innovation", "delivery", "score", "fatigue",
                                                        "trust", "clarity", "alignment", "creativity",
                                                        "skill", "ideas", "risk", "process", "headcount")}
        vision = rng.integers(-1, len(scenario.visions), n)
        status = {p.id: rng.integers(0, 4, n) for p in scenario.projects}
        share = np.where(rng.random(n) < 0.2, np.nan, rng.random(n))
        ids = tuple(v.id for v in scenario.visions)
        names = [flag for e in scenario.events for c in e.choices for flag, _ in (*c.sets, *c.adds)]
        flags = {f: np.where(rng.random(n) < 0.4, 0.0, rng.integers(-1, 4, n).astype(float)) for f in names}
        answered = np.where(rng.random((n, len(scenario.events), scenario.rounds + 2)) < 0.3,
                            rng.integers(0, 3, (n, len(scenario.events), scenario.rounds + 2)), -1)
        for e, event in enumerate(scenario.events):
            answered[:, e] = np.minimum(answered[:, e], len(event.choices) - 1)
        events = {e.id: (i, tuple(c.id for c in e.choices)) for i, e in enumerate(scenario.events)}
        teams = {(t.id, g): rng.uniform(0, 100, n) for t in scenario.organization.teams
                 for g in ("morale", "fatigue", "skill", "creativity", "alignment", "headcount")}
        for r in range(1, scenario.rounds + 1):
            batch = BatchSituation(r, n, gauges, vision, ids, status, lambda share=share: share, flags,
                                   answered, events, lambda team, g, teams=teams: teams[team, g])
            for condition in conditions:
                got = holds_batch(condition, batch)
                states = ("open", "shipped", "missed", "shipped late")
                want = [holds(condition, Situation(
                    r, {g: float(v[b]) for g, v in gauges.items()},
                    ids[vision[b]] if vision[b] >= 0 else None,
                    {p: states[int(s[b])] for p, s in status.items()},
                    None if np.isnan(share[b]) else float(share[b]),
                    {f: float(v[b]) for f, v in flags.items()},
                    {t.id: {g: float(teams[t.id, g][b]) for g in ("morale", "fatigue", "skill", "creativity",
                                                                  "alignment", "headcount")}
                     for t in scenario.organization.teams},
                    {event.id: tuple((event.choices[c].id, when) for when, c in enumerate(answered[b, e])
                                     if c >= 0)
                     for e, event in enumerate(scenario.events)})) for b in range(n)]
                assert list(got) == want, (scenario_id, condition)


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
    # A policy's drafts are recorded on seed 0: there the hands-off policy is the hands-off
    # player's own game; on any seed the batch plays the money the drafts allocate.
    hands_off = GameSession(scenario, 0)
    while not hands_off.over:
        hands_off.apply(ChooseOption(0) if hands_off.phase is Phase.EVENT else
                        EndPhase() if hands_off.phase in (Phase.LEADER, Phase.MANAGER) else Continue())
    assert batch.score[1, 0] == hands_off.result().score
    assert [[play_sequence(scenario, seq, seed).result().score for seed in (0, 1)]
            for seq in sequences] == batch.score.tolist()


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


def test_a_searched_game_written_as_a_policy_passes_its_own_check() -> None:
    """The ward merger's money shrinks after round 1: a game that spends round 1's money every
    round is written with each round's amounts as the game spent them, and reads back."""
    from game.analysis.searched import recorded
    from game.search.batch import DecisionSequence

    scenario = load_scenario("the-ward-merger")
    first = recorded(scenario, "balanced", 0)
    spends_all = DecisionSequence((first.rounds[0],) * scenario.rounds, first.answers)
    line = json.dumps(from_sequence(scenario, spends_all, "searched"))
    again = sequences_of(scenario, read_policies(scenario, [line]))[0]
    assert evaluate(scenario, [again], [0]).score[0, 0] == evaluate(scenario, [spends_all], [0]).score[0, 0]
