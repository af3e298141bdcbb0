"""The game in progress, kept after every move: replayed to the same round and phase, and
refused in one line (never half-resumed) when damaged or when its scenario changed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from game.analysis.strategies import make_strategy
from game.persistence import SaveError, autosave
from game.rules.branching import rewind
from game.rules.decisions import Inspire
from game.rules.session import GameSession
from game.scenario import load_scenario
from game.scenario.types import Scenario


def partway(scenario: Scenario, rounds: int) -> GameSession:
    session = GameSession(scenario, seed=4)
    strategy = make_strategy("balanced", 4)
    while session.round <= rounds:
        session.apply_all(strategy.decide(session))
    return session


def test_an_unfinished_game_resumes_at_its_round_and_phase_with_its_branch(
        scenario: Scenario, tmp_path: Path) -> None:
    session = rewind(partway(scenario, 2), 2)
    session.apply(Inspire("town_hall"))
    autosave.write_autosave(session, scenario.source, ("Ana", "Ben"), True, folder=tmp_path)
    kept = autosave.read_autosave(tmp_path)
    assert kept is not None and kept.hotseat and kept.players == ("Ana", "Ben")
    again = autosave.resume(kept, load_scenario)
    assert (again.log, again.round, again.phase, again.branch, again.history, again.metrics) == (
        session.log, session.round, session.phase, session.branch, session.history,
        session.metrics)


def test_no_file_is_no_game_and_clearing_twice_is_fine(tmp_path: Path) -> None:
    assert autosave.read_autosave(tmp_path) is None
    autosave.clear_autosave(tmp_path)
    autosave.clear_autosave(tmp_path)


def test_a_changed_scenario_or_a_finished_game_is_refused_in_one_line(
        scenario: Scenario, played: GameSession, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    shutil.copy(scenario.source, mine)
    session = partway(load_scenario(mine), 1)
    autosave.write_autosave(session, mine, folder=tmp_path)
    mine.write_text(mine.read_text() + "\n# edited\n")
    kept = autosave.read_autosave(tmp_path)
    with pytest.raises(SaveError, match="has changed") as err:
        autosave.resume(kept, load_scenario)
    assert "\n" not in str(err.value)
    text = autosave.autosave_text(played, scenario.source, ("Ana", "Player 2"), False)
    autosave.autosave_path(tmp_path).write_text(text)
    with pytest.raises(SaveError, match="finished"):
        autosave.read_autosave(tmp_path)


def test_a_damaged_file_is_moved_aside_not_overwritten(tmp_path: Path) -> None:
    path = autosave.autosave_path(tmp_path)
    path.write_text("{not json")
    with pytest.raises(SaveError, match=r"autosave.json:1:2: not valid JSON"):
        autosave.read_autosave(tmp_path)
    when = dt.datetime(2026, 3, 4, 5, 6, 7)
    first = autosave.set_aside(tmp_path, when)
    path.write_text("{again")
    second = autosave.set_aside(tmp_path, when)
    assert first is not None and first.name == "autosave-damaged-20260304-050607.json"
    assert second is not None and second.name == "autosave-damaged-20260304-050607-2.json"
    assert first.read_text() == "{not json" and second.read_text() == "{again"
    assert not path.exists()
