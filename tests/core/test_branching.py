"""Undo within a phase and "what if" rewinds, headless: replays of the decision log."""

from __future__ import annotations

import pytest

from game.analysis.strategies import make_strategy, play
from game.persistence import load_save, save_game
from game.rules.branching import can_undo, original_line, rewind, round_start, undo
from game.rules.decisions import EndPhase, IllegalDecision, Inspire, SetVision
from game.rules.records import Phase
from game.rules.session import GameSession
from game.scenario import load_scenario, resolve_scenario


@pytest.fixture(scope="module")
def scenario():  # type: ignore[no-untyped-def]
    return load_scenario(resolve_scenario("scaling-new-markets"))


def test_undo_takes_back_the_last_decision_of_the_phase_only(scenario) -> None:  # type: ignore[no-untyped-def]
    s = GameSession(scenario, 3)
    assert not can_undo(s)
    s.apply(SetVision("global"))
    s.apply(Inspire("town_hall"))
    s = undo(s)
    assert s.leader.actions == () and s.leader.vision == "global" and s.leader.energy_left == 5
    s = undo(s)
    assert s.leader.vision is None and s.log == ()
    with pytest.raises(IllegalDecision):
        undo(s)
    s.apply(EndPhase())
    assert s.phase is Phase.MANAGER and not can_undo(s)   # the leader phase is committed


def test_rewind_branches_and_replays_the_same_dice(scenario) -> None:  # type: ignore[no-untyped-def]
    played = play(GameSession(scenario, 5), make_strategy("balanced", 5))
    branch = rewind(played, 3)
    assert branch.round == 3 and branch.phase is Phase.LEADER
    assert branch.history == played.history[:2]
    assert branch.branch is not None and branch.branch.from_round == 3
    assert branch.log == played.log[:round_start(played.log, 3)]
    # the same choices again give the same game: the dice are the same
    again = play(branch, make_strategy("balanced", 5))
    assert again.history == played.history
    assert original_line(again) == played.history
    # rewinding a branch keeps the line the player really played first
    twice = rewind(again, 2)
    assert twice.branch is not None and twice.branch.original == played.log
    with pytest.raises(IllegalDecision):
        rewind(played, 99)


def test_the_save_records_the_branch(scenario, tmp_path) -> None:  # type: ignore[no-untyped-def]
    played = play(GameSession(scenario, 2), make_strategy("random", 2))
    branch = play(rewind(played, 4), make_strategy("balanced", 2))
    save_game(tmp_path / "b.json", branch, "Ana")
    saved = load_save(tmp_path / "b.json")
    assert saved.branch == branch.branch and saved.decisions == branch.log
    from game.persistence.saves import replay_save

    replayed = replay_save(saved, scenario)
    assert replayed.history == branch.history
    assert original_line(replayed) == played.history
    save_game(tmp_path / "plain.json", played)
    assert load_save(tmp_path / "plain.json").branch is None
    assert '"branch"' not in (tmp_path / "plain.json").read_text()
