"""Saves are seed + decision log, replayed bit for bit; bad saves give one-line errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.analysis.strategies import STRATEGIES, make_strategy, play
from game.persistence import SaveError, load_save, replay_save, save_game, scenario_sha256
from game.persistence.codec import DECISION_TYPES, decode_decision, encode_decision
from game.persistence.saves import FORMAT, ScenarioChanged, summary_matches
from game.rules.decisions import Decision, EndPhase, SetVision
from game.rules.session import GameSession
from game.scenario.types import Scenario


def test_every_decision_type_has_a_codec() -> None:
    assert set(DECISION_TYPES) == {t.__name__ for t in Decision.__args__}  # type: ignore[attr-defined]


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_save_then_replay_is_the_same_game(strategy: str, scenario: Scenario, tmp_path: Path) -> None:
    original = play(GameSession(scenario, seed=5), make_strategy(strategy, 5))
    save_game(tmp_path / "game.json", original, player=strategy)
    saved = load_save(tmp_path / "game.json")
    assert (saved.seed, saved.player, saved.scenario_id) == (5, strategy, scenario.id)
    assert saved.decisions == original.log
    replayed = replay_save(saved, scenario)
    assert replayed.result().history == original.result().history  # every float, bit for bit
    assert replayed.result().score == original.result().score
    assert summary_matches(saved.summary, replayed)


def test_an_unfinished_game_saves_and_resumes(scenario: Scenario, tmp_path: Path) -> None:
    session = GameSession(scenario, seed=2)
    session.apply_all([SetVision("home"), EndPhase()])
    save_game(tmp_path / "half.json", session)
    saved = load_save(tmp_path / "half.json")
    assert saved.summary is None
    resumed = replay_save(saved, scenario)
    assert resumed.phase is session.phase and resumed.log == session.log


def test_the_file_is_readable_json_with_the_documented_header(played: GameSession, tmp_path: Path) -> None:
    save_game(tmp_path / "g.json", played, player="Ana")
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["version"] == 1
    assert data["scenario_sha256"] == scenario_sha256(played.scenario)
    assert data["decisions"][0]["type"] in DECISION_TYPES
    assert data["result"]["score"] == played.result().score


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(STRATEGIES)), st.integers(min_value=0, max_value=2**63 - 1))
def test_decisions_round_trip_through_json(strategy: str, seed: int) -> None:
    from game.scenario import load_scenario

    scenario = load_scenario("scaling-new-markets")
    session = GameSession(scenario, seed)
    strategy_ = make_strategy(strategy, seed % 1000)
    for _ in range(6):  # a round and a half is enough to see every kind of decision
        for decision in strategy_.decide(session):
            session.apply(decision)
    for i, decision in enumerate(session.log):
        text = json.dumps(encode_decision(decision))
        assert decode_decision(json.loads(text), f"decisions[{i}]") == decision


# --- broken saves: one line, naming the file --------------------------------------------

def _write_save(tmp_path: Path, played: GameSession, edit: object) -> Path:
    """A good save, then `edit` applied to its parsed JSON (or its text if a str)."""
    path = tmp_path / "edited.json"
    save_game(path, played)
    if isinstance(edit, str):
        path.write_text(edit, encoding="utf-8")
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
        edit(data)  # type: ignore[operator]
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def _decision(index: int, **fields: object):
    """Replace decision `index` with one made of `fields` (keeping its type if none given)."""
    def edit(data: dict) -> None:
        old = data["decisions"][index]
        data["decisions"][index] = {"type": old["type"], **fields} if "type" not in fields else dict(fields)
    return edit


BROKEN = {
    "bad json": ('{\n  "format": "sail-and-keel-save",\n  "version": 1,\n  "seed" 7\n}',
                 r":4:10: not valid JSON"),
    "not an object": ("[1, 2]", "expected a JSON object"),
    "trailing garbage": ('{"format": "sail-and-keel-save"} x', r":1:34: not valid JSON"),
    "NaN": ('{"format": "sail-and-keel-save", "seed": NaN}', "NaN is not a number JSON allows"),
    "duplicate key": ('{"seed": 1, "seed": 2}', "'seed' appears twice"),
    "other format": (lambda d: d.update(format="something-else"), "not a Sail & Keel save"),
    "newer version": (lambda d: d.update(version=2), "save version 2 is not supported (written by a newer"),
    "version as text": (lambda d: d.update(version="1"), "version must be a whole number"),
    "missing scenario": (lambda d: d.pop("scenario"), "the key 'scenario' is missing"),
    "empty scenario": (lambda d: d.update(scenario=""), "scenario must be a scenario id"),
    "scenario as a path": (lambda d: d.update(scenario="../../elsewhere/notes"),
                           "scenario must be a scenario id (lowercase letters, digits and '-'), not the "
                           "string '../../elsewhere/notes'"),
    "overtime too large for a float": (lambda d: d["decisions"].__setitem__(
        0, {"type": "SetOvertime", "level": 10**400}), ":11:16: a number of more than 100 digits"),
    "a seed too long to show": (lambda d: d.update(seed=10**400),
                                ":6:11: a number of more than 100 digits"),  # refused as read, at its place
    "unknown key": (lambda d: d.update(cheat=True), "unknown key 'cheat'"),
    "bad sha": (lambda d: d.update(scenario_sha256="abc"), "scenario_sha256 must be 64"),
    "seed as float": (lambda d: d.update(seed=7.5), "seed must be a whole number, not the number 7.5"),
    "seed as bool": (lambda d: d.update(seed=True), "seed must be a whole number, not the boolean true"),
    "negative seed": (lambda d: d.update(seed=-1), "seed must be between 0"),
    "decisions not a list": (lambda d: d.update(decisions={}), "decisions must be a list"),
    "unknown decision type": (_decision(0, type="Bribe"), "decisions[0].type: unknown decision type 'Bribe'"),
    "decision without type": (lambda d: d["decisions"][0].pop("type"), "decisions[0] has no \"type\""),
    "wrong field type": (_decision(0, type="SetVision", vision=3),
                         "decisions[0].vision must be a string, not the number 3"),
    "unknown field": (_decision(0, type="EndPhase", team="x"), "unknown field 'team' for EndPhase"),
    "missing field": (lambda d: d["decisions"].__setitem__(0, {"type": "SetOvertime"}),
                      "SetOvertime needs the field 'level'"),
    "budget amount as text": (lambda d: d["decisions"].__setitem__(0, {"type": "AllocateBudget",
                                                                      "amounts": {"operations": "lots"}}),
                              "decisions[0].amounts.operations must be a number"),
    "reviews as number": (lambda d: d["decisions"].__setitem__(0, {"type": "SetReviews", "on": 1}),
                          "decisions[0].on must be true or false"),
    "bad summary": (lambda d: d["result"].update(profile="heroic"), "result.profile must be one of"),
    "summary metric as text": (lambda d: d["result"]["final"].update(morale="high"),
                               "result.final.morale must be a number"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_save_is_one_line_naming_the_file(name: str, played: GameSession, tmp_path: Path) -> None:
    edit, expected = BROKEN[name]
    path = _write_save(tmp_path, played, edit)
    with pytest.raises(SaveError) as caught:
        load_save(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path) + ":")
    assert expected in message


@pytest.mark.parametrize("content", [b"\xff\xfe\x00binary", None, "dir"])
def test_unreadable_files_are_one_line(content: bytes | str | None, tmp_path: Path) -> None:
    path = tmp_path / "save.json"
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(SaveError) as caught:
        load_save(path)
    assert str(caught.value).startswith(f"{path}:") and "\n" not in str(caught.value)


def test_a_decision_the_rules_refuse_is_named(played: GameSession, scenario: Scenario,
                                              tmp_path: Path) -> None:
    path = _write_save(tmp_path, played, _decision(0, type="SetVision", vision="mars"))
    refused = r"decisions\[0\] \(SetVision\) is refused on replay: There is no vision"
    with pytest.raises(SaveError, match=refused):
        replay_save(load_save(path), scenario)


def test_a_changed_scenario_is_refused_unless_forced(played: GameSession, scenario: Scenario,
                                                     tmp_path: Path) -> None:
    path = _write_save(tmp_path, played, lambda d: d.update(scenario_sha256="0" * 64))
    saved = load_save(path)
    with pytest.raises(ScenarioChanged, match="has changed since this game was saved"):
        replay_save(saved, scenario)
    assert replay_save(saved, scenario, force=True).result().score == played.result().score


# --- atomic writes ----------------------------------------------------------------------

def test_a_failed_serialisation_leaves_the_old_save(played: GameSession, tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    save_game(path, played)
    before = path.read_bytes()
    broken = GameSession(played.scenario, seed=1)
    broken.apply(SetVision("home"))
    broken._log.append(SetVision(object()))  # type: ignore[arg-type]  # not JSON
    with pytest.raises(SaveError, match="cannot save this game"):
        save_game(path, broken)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]


def test_a_failed_write_leaves_the_old_save(played: GameSession, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "game.json"
    save_game(path, played)
    before = path.read_bytes()

    def refuse(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SaveError, match="No space left on device"):
        save_game(path, GameSession(played.scenario, seed=3))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.json"]  # no temp file left


def test_saving_into_a_missing_folder_is_one_line(played: GameSession, tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="cannot write here"):
        save_game(tmp_path / "nope" / "game.json", played)
