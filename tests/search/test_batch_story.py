"""Every scenario, story or not, is played by the batched evaluator itself, bit for bit as the
session plays it: personas, random search candidates, and games that take every answer."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import numpy as np
import pytest

import game.search.story as story_module
from game.analysis.searched import played
from game.model import RoundPlan, new_game
from game.model.scope import leave
from game.model.state import build_world
from game.rules import session as session_module
from game.rules.plans import plans_from_drafts
from game.scenario import list_scenarios, load_scenario
from game.scenario.types import Scenario
from game.search.batch import DecisionSequence, evaluate
from game.search.drafts import sequence_plans
from game.search.genome import Mode, Space
from game.search.players import _Distribution
from game.search.rows import leave_rows, rows_of, team_gauge
from game.search.story import evaluate_by_session, tells_a_story
from game.search.streams import RowStreams

STORY_FIXTURES = sorted((Path(__file__).resolve().parent.parent / "data" / "story").glob("*.yaml"))
SCENARIOS = [pytest.param(p.stem, id=p.stem) for p in list_scenarios()] + [
    pytest.param(str(p), id=f"fixture-{p.stem}") for p in STORY_FIXTURES]
SEEDS = [2, 7, 19]


def every_answer(scenario: Scenario, base: DecisionSequence) -> list[DecisionSequence]:
    """The base game once per choice number c, answering choice c (or the last one) always."""
    widest = max((len(e.choices) for e in scenario.events), default=1)
    games = [DecisionSequence(base.rounds, tuple(tuple(min(c, len(e.choices) - 1) for e in scenario.events)
                                                 for _ in range(scenario.rounds)))
             for c in range(widest)]
    # and one that wants a choice no event has: it takes the first open one, as the session
    return games + [DecisionSequence(base.rounds, ((widest,) * len(scenario.events),) * scenario.rounds)]


def mixed_answers(scenario: Scenario, base: DecisionSequence, n: int, seed: int) -> list[DecisionSequence]:
    """The base game with answers drawn at random, event by event and round by round."""
    rng = np.random.default_rng(seed)
    return [DecisionSequence(base.rounds, tuple(
        tuple(int(rng.integers(len(e.choices))) for e in scenario.events) for _ in range(scenario.rounds)))
            for _ in range(n)]


def candidates(scenario: Scenario, n: int, seed: int) -> list[DecisionSequence]:
    """Random whole games as the free search samples them (budgets, loads, answers, ...)."""
    space = Space.of(scenario)
    distribution = _Distribution(space, Mode.named("free"), scenario.rounds, np.random.default_rng(seed))
    return distribution.decode(distribution.sample(n))


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_scenario_is_batched_bit_for_bit(scenario_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = load_scenario(scenario_id)
    personas = [played(scenario, name, seed)[1] for name, seed in
                (("balanced", 1), ("random", 4), ("manager-only", 5))]
    sequences = (personas + every_answer(scenario, personas[1]) + mixed_answers(scenario, personas[0], 6, 3)
                 + candidates(scenario, 4, 11))
    with monkeypatch.context() as patch:
        def refuse(*_: object, **__: object) -> None:
            raise AssertionError(f"{scenario.id} fell back to the session")
        patch.setattr(story_module, "evaluate_by_session", refuse)
        patch.setattr(story_module, "play_sequence", refuse)
        patch.setattr(session_module.GameSession, "__init__", refuse)
        batch = evaluate(scenario, sequences, SEEDS)
    reference = evaluate_by_session(scenario, sequences, SEEDS)  # each game through the session
    for p in range(len(sequences)):
        for s, seed in enumerate(SEEDS):
            assert batch.per_round[p, s].tolist() == reference.per_round[p, s].tolist(), (p, seed)
    assert batch.score.tolist() == reference.score.tolist()
    assert all(batch.final[m].tolist() == reference.final[m].tolist() for m in reference.final)


def test_story_rows_diverge_on_their_answers_and_ignore_their_neighbours() -> None:
    scenario = load_scenario("the-ward-merger")
    # A game in which every answer, the third too, changes the game (in the balanced game
    # the third answers no longer come up).
    base = played(scenario, "manager-only", 1)[1]
    paths = every_answer(scenario, base)[:-1]  # (the last one plays as the first)
    alone = [evaluate(scenario, [seq], [3]).raw_score[0, 0] for seq in paths]
    crowd = evaluate(scenario, paths * 2, [5, 3])
    assert list(crowd.raw_score[:len(paths), 1]) == alone == list(crowd.raw_score[len(paths):, 1])
    assert len(set(alone)) == len(alone)  # different answers, different games


def test_the_shipped_stories_are_among_those_checked() -> None:
    stories = [p.id for p in SCENARIOS if tells_a_story(load_scenario(p.values[0]))]
    assert {"scaling-new-markets", "the-ward-merger", "fixture-follow-ups",
            "fixture-ward-merge", "fixture-branches"} <= set(stories)


@pytest.mark.parametrize("scenario_id", ["the-ward-merger", "first-voyage"])
def test_drafts_become_the_plans_the_session_makes(scenario_id: str) -> None:
    scenario = load_scenario(scenario_id)
    world = build_world(scenario)
    sequences = candidates(scenario, 5, 2) + [played(scenario, "balanced", 1)[1]]
    lead, manage = sequences[0].rounds[0]
    team, project = scenario.organization.teams[0].id, scenario.projects[-1].id
    gappy = replace(manage, budget={"operations": 30},  # a team, a project, categories left out
                    schedule={t: {p: s for p, s in row.items() if p != project}
                              for t, row in manage.schedule.items() if t != team})
    sequences.append(DecisionSequence(((lead, gappy),) + sequences[0].rounds[1:], sequences[0].answers))
    plans = sequence_plans(scenario, world.categories, sequences)
    rows = np.arange(len(sequences))
    for r in range(scenario.rounds):
        want = plans_from_drafts(scenario, world, [seq.rounds[r] for seq in sequences])
        got = plans.round(r, rows, want.budget)
        for f in fields(RoundPlan):
            assert np.array_equal(getattr(got, f.name), getattr(want, f.name)), f.name
        assert plans.spent[:, r].tolist() == [sum(seq.rounds[r][1].budget.values()) for seq in sequences]


def test_groups_of_rows_draw_what_each_row_would_then_move_on_together() -> None:
    streams = RowStreams([4, 9, 5], ahead=2)
    groups = streams.split([np.array([0, 2]), np.array([1])])
    first, second = groups[0].random((2, 3)), groups[1].random((1, 3))
    streams.join(groups)
    after = streams.random(3)
    for row, got in ((0, first[0]), (2, first[1]), (1, second[0])):
        g = np.random.default_rng([4, 9, 5][row])
        assert list(got) == list(g.random(3)) and after[row] == g.random()
    uneven = streams.split([np.array([0]), np.array([1, 2])])
    uneven[0].random(1)
    with pytest.raises(ValueError, match="different counts"):
        streams.join(uneven)


def test_team_rules_on_many_rows_match_the_model_row_by_row() -> None:
    scenario = load_scenario("the-ward-merger")
    world, state = new_game(scenario, 40)
    rng = np.random.default_rng(0)
    state = state.evolve(active=rng.random(state.active.shape) < 0.7, morale=rng.random(state.morale.shape))
    mask = rng.random(40) < 0.5
    for team in range(len(scenario.organization.teams)):
        left = leave_rows(state, world, team, 2, mask)
        for b in range(40):
            alone = rows_of(state, np.array([b]))
            want = leave(alone, world, team, 2) if mask[b] else alone
            assert left.active[b].tolist() == want.active[0].tolist()
            members = alone.active[0] & (world.slot_team == team)
            mean = 100.0 * float(alone.morale[0][members].mean()) if members.any() else 0.0
            assert team_gauge(state, world, team, "morale")[b] == mean
