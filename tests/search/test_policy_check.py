"""The batched policy check gives exactly what a `GameSession` per policy gives: the same
drafts, bit for bit, and the same first refusal, on every shipped scenario it checks."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from game.analysis.searched import recorded
from game.scenario import list_scenarios, load_scenario
from game.scenario.types import Scenario
from game.search.policy import Policy, PolicyError, from_sequence, read_policies, sequences_of, to_sequence
from game.search.policycheck import check_all

STORY = sorted((Path(__file__).resolve().parent.parent / "data" / "story").glob("*.yaml"))
SCENARIOS = [p.stem for p in list_scenarios()] + [str(p) for p in STORY]
PLAYERS = ("random", "balanced", "leader-only", "manager-only")


def policy_lines(scenario_id: str, count: int) -> list[str]:
    """Played games as policies, some with budgets pushed over the money (refused), some cut
    short or repeated, some that never set a budget (the split carried and rescaled)."""
    scenario, rng = load_scenario(scenario_id), random.Random(7)
    lines = []
    for n in range(count):
        policy = from_sequence(scenario, recorded(scenario, PLAYERS[n % 4], n), f"p{n}")
        if n % 3 == 0:
            for decisions in policy["rounds"]:
                for d in decisions:
                    if d["type"] == "AllocateBudget":
                        d["amounts"] = {k: v * rng.choice([0.5, 1.0, 1.2])
                                        for k, v in d["amounts"].items()}
        if n % 5 == 1:
            policy["rounds"], policy["repeat"] = policy["rounds"][:2], n % 2 == 1
        if n % 7 == 2:
            policy["rounds"] = [[d for d in r if d["type"] != "AllocateBudget"] for r in policy["rounds"]]
        lines.append(json.dumps(policy))
    return lines


@pytest.mark.parametrize("scenario_id", SCENARIOS, ids=[Path(s).stem for s in SCENARIOS])
def test_the_batched_check_agrees_with_a_session_per_policy(scenario_id: str) -> None:
    scenario = load_scenario(scenario_id)
    policies = read_policies(scenario, policy_lines(scenario_id, 16))
    refused = 0
    for policy, checked in zip(policies, check_all(scenario, [(p.rounds, p.answers) for p in policies]),
                               strict=True):
        try:
            expected, error = to_sequence(scenario, policy), None
        except PolicyError as exc:
            expected, error = None, str(exc)
        if error is not None:
            refused += 1
            assert checked.refusal is not None
            assert f"{policy.named()}: round {checked.refusal[0] + 1}: {checked.refusal[1]}" == error
        else:
            assert checked.refusal is None and checked.sequence == expected
    assert 0 < refused < len(policies)      # both kinds were tried


def test_a_refusal_names_the_first_refused_policy() -> None:
    scenario = load_scenario("first-voyage")
    policies = read_policies(scenario, policy_lines("first-voyage", 16), "games.jsonl")
    with pytest.raises(PolicyError) as caught:
        sequences_of(scenario, policies)
    first = next(str(e) for e in (_refusal(scenario, policy) for policy in policies) if e)
    assert str(caught.value) == first
    assert first.startswith("games.jsonl:")   # the file and line it was read from


def _refusal(scenario: Scenario, policy: Policy) -> str | None:
    try:
        to_sequence(scenario, policy)
    except PolicyError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("answers", [{"night-nurse": 1, "hiring-freeze": 1},
                                     {"night-nurse": [2, 2, 2, 2, 2, 2, 2, 2], "hiring-freeze": 1}])
def test_an_answer_a_condition_closes_takes_the_first_open_choice(answers: dict) -> None:
    """Before: the checking game raised IllegalDecision out of `evaluate` as a traceback."""
    scenario = load_scenario("the-ward-merger")
    answers = {k: v[:scenario.rounds] if isinstance(v, list) else v for k, v in answers.items()}
    policies = read_policies(scenario, [json.dumps({"name": "closed", "answers": answers}),
                                        policy_lines("the-ward-merger", 3)[2]])
    checked = check_all(scenario, [(p.rounds, p.answers) for p in policies])
    assert [c.sequence for c in checked] == [to_sequence(scenario, p) for p in policies]
    assert all(c.refusal is None for c in checked)
