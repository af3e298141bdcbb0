"""The search players keep to their mode's rules and never trail where they started."""

from __future__ import annotations

import numpy as np
import pytest

from game.analysis.searched import hands_off, recorded
from game.scenario import load_scenario
from game.search.batch import evaluate
from game.search.climb import Climb, climb
from game.search.genome import LEVERS, Mode, Space, encode
from game.search.players import SEARCH_SEEDS, Budget, search

TINY = Budget(generations=3, population=24, seeds=2, finalists=3, final_seeds=8)


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("first-voyage")


def test_manager_only_never_leads_and_leader_only_never_manages(scenario) -> None:
    space = Space.of(scenario)
    manager = search(scenario, "manager-only", TINY).sequence
    assert all(lead == space.starting_leader() for lead, _ in manager.rounds)
    leader = search(scenario, "leader-only", TINY).sequence
    assert all(manage == space.starting_manager() for _, manage in leader.rounds)
    assert any(lead.actions for lead, _ in leader.rounds)


def test_a_fixed_policy_plays_the_same_round_every_round(scenario) -> None:
    fixed = search(scenario, "fixed", TINY).sequence
    assert len(set(map(id, fixed.rounds))) == 1
    assert len({row for row in fixed.answers}) == 1


def test_a_search_keeps_its_opening_when_it_finds_nothing_better(scenario) -> None:
    opening = recorded(scenario, "balanced", SEARCH_SEEDS - 1)
    found = search(scenario, "free", TINY, openings=[opening])
    seeds = list(range(SEARCH_SEEDS + 5_000_000, SEARCH_SEEDS + 5_000_040))
    scores = evaluate(scenario, [found.sequence, opening, hands_off(scenario)], seeds).mean_score()
    assert scores[0] >= scores[1] - 1.0 and scores[0] > scores[2] + 10


def test_a_forbidden_lever_is_never_used(scenario) -> None:
    banned = frozenset({"action:town_hall", "budget:operations", "overtime", "answers"})
    found = search(scenario, "free", TINY, forbidden=banned).sequence
    for lead, manage in found.rounds:
        assert all(a.action != "town_hall" for a in lead.actions)
        assert manage.budget["operations"] == 0.0 and manage.overtime == 0.0
    assert not np.any(np.array(found.answers))
    with pytest.raises(ValueError, match="unknown lever"):
        Mode.named("free", frozenset({"teleport"}))
    assert "vision" in LEVERS and "reviews" in LEVERS


def test_genes_round_trip_a_persona_s_leader_choices(scenario) -> None:
    space = Space.of(scenario)
    game = recorded(scenario, "balanced", 3)
    genes = encode(space, game)
    for r, (lead, _) in enumerate(game.rounds):
        chosen = space.actions[int(genes["actions"][0, r])]
        assert {(a.action, a.team) for a in chosen} == {(a.action, a.team) for a in lead.actions}


def test_the_climb_improves_a_searched_game_on_unseen_seeds_and_keeps_its_rules(scenario) -> None:
    found = search(scenario, "free", TINY)
    climbed = climb(scenario, found, Climb(steps=12, neighbours=24, seeds=4, check_seeds=24))
    unseen = list(range(200, 300))
    scores = evaluate(scenario, [found.sequence, climbed.sequence], unseen).mean_score()
    assert scores[1] > scores[0] + 0.5, scores
    banned = frozenset({"overtime", "action:listening"})
    kept = climb(scenario, search(scenario, "free", TINY, forbidden=banned),
                 Climb(steps=4, neighbours=16, seeds=2, check_seeds=8), forbidden=banned).sequence
    assert all(m.overtime == 0.0 and all(a.action != "listening" for a in lead.actions)
               for lead, m in kept.rounds)
    fixed = climb(scenario, search(scenario, "fixed", TINY), Climb(steps=4, neighbours=16, seeds=2,
                                                                   check_seeds=8)).sequence
    assert len(set(map(id, fixed.rounds))) == 1


def test_a_searched_game_spends_a_budget_that_grows(tmp_path) -> None:
    """A startup that raises money in round 4: the free search's games spend it there, as a
    player would, instead of saving everything above round 1's money to cash."""
    import yaml

    from game.scenario.loader import resolve_scenario

    data = yaml.safe_load(resolve_scenario("rocket-in-a-garage").read_text(encoding="utf-8"))
    data["budget"]["per_round"] = [60, 60, 60, 110, 110, 110, 110, 110]
    data["budget"].pop("default", None)
    path = tmp_path / "raised.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    raised = load_scenario(path)
    found = search(raised, "free", TINY).sequence
    spent = [sum(manage.budget.values()) for _, manage in found.rounds]
    assert max(spent[:3]) <= 60.0 + 1e-6
    assert min(spent[3:]) > 60.0   # the raised money is there to be spent, and it is
    played = evaluate(raised, [found], [0, 1])
    assert played.available is not None and np.all(played.available[0, :, 3:] >= 110.0 - 1e-6)
