"""`simulate --save` then `replay`: the same table and JSON; bad input is one line, exit 1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import scenarios_dir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, err: str) -> str:
    assert code == 1
    assert err.count("\n") == 1, err
    return err


def test_replay_prints_what_simulate_printed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    save = str(tmp_path / "g.json")
    code, simulated, said = run(capsys, "simulate", "--strategy", "random", "--seed", "9", "--save", save)
    assert code == 0 and said == f"simulate: saved the game to {save}\n"
    code, replayed, err = run(capsys, "replay", save)
    assert code == 0 and err == ""
    assert replayed.splitlines()[1:] == simulated.splitlines()[1:]  # the title line names the player

    _, simulated_json, _ = run(capsys, "simulate", "--strategy", "random", "--seed", "9", "--json")
    _, replayed_json, _ = run(capsys, "replay", save, "--json")
    assert json.loads(replayed_json) == json.loads(simulated_json)


def test_a_changed_scenario_is_refused_unless_forced(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    scenario = tmp_path / "scaling-new-markets.yaml"
    shutil.copy(scenarios_dir() / "scaling-new-markets.yaml", scenario)
    save = str(tmp_path / "g.json")
    assert run(capsys, "simulate", str(scenario), "--seed", "2", "--save", save)[0] == 0
    code, _, err = run(capsys, "replay", save, "--scenario", str(scenario))
    assert code == 0, err

    scenario.write_text(scenario.read_text(encoding="utf-8") + "# a facilitator's note\n", encoding="utf-8")
    code, _, err = run(capsys, "replay", save, "--scenario", str(scenario))
    assert "has changed since this game was saved; use --force" in one_line_error(code, err)
    code, out, err = run(capsys, "replay", save, "--scenario", str(scenario), "--force", "--json")
    assert code == 0 and json.loads(out)["seed"] == 2


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda d: d.update(scenario="no-such-scenario"), "cannot load its scenario"),
    (lambda d: d.pop("scenario"), "the key 'scenario' is missing"),
    (lambda d: d["decisions"].insert(0, {"type": "Teleport"}), "unknown decision type 'Teleport'"),
    (lambda d: d.update(version=9), "save version 9 is not supported"),
    (lambda d: d["decisions"].__setitem__(0, {"type": "SetOvertime", "level": "max"}),
     "decisions[0].level must be a number"),
    (lambda d: d["decisions"].insert(0, {"type": "Continue"}), "is refused on replay"),
    (lambda d: d.update(decisions=d["decisions"][:10]), "the game was saved unfinished"),
])
def test_bad_saves_are_one_line(edit, expected: str, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
                                tmp_path: Path) -> None:
    save = tmp_path / "g.json"
    run(capsys, "simulate", "--seed", "1", "--save", str(save))
    data = json.loads(save.read_text(encoding="utf-8"))
    edit(data)
    save.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "replay", str(save))
    assert out == ""
    message = one_line_error(code, err)
    assert message.startswith(f"replay: {save}") and expected in message


def test_bad_json_names_line_and_column(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    save = tmp_path / "g.json"
    save.write_text('{\n  "format": "sail-and-keel-save",\n  "seed": 1,,\n}\n', encoding="utf-8")
    code, _, err = run(capsys, "replay", str(save))
    assert f"{save}:3:13: not valid JSON" in one_line_error(code, err)


def test_a_save_that_cannot_be_written_is_one_line(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    code, _, err = run(capsys, "simulate", "--save", str(tmp_path / "missing" / "g.json"))
    assert "cannot write here" in one_line_error(code, err)
