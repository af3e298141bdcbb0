"""A whole-number field written as 7.0 is refused at its place, before any cross-check.

Before: `rounds: 7.0` with a budget list of four gave a ValueError traceback in validate,
simulate, story and the window; `rounds: 2.0` switched the due-date checks off, and a project
due in round 4 of a 2-round game was accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.scenario import ScenarioError, load_scenario_text

MINIMAL = (Path(__file__).resolve().parent.parent / "data" / "good" / "minimal.yaml").read_text()
LISTED = MINIMAL.replace("per_round: 100", "per_round: [100, 100, 100, 100]")


@pytest.mark.parametrize("command", ["validate", "simulate", "story"])
def test_rounds_7_0_with_a_budget_list_is_one_line_in_every_command(
        command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "minimal.yaml"
    path.write_text(LISTED.replace("rounds: 4", "rounds: 7.0"), encoding="utf-8")
    code = main([command, str(path)])
    captured = capsys.readouterr()
    assert code != 0 and "Traceback" not in captured.err
    output = (captured.out + captured.err).strip().splitlines()
    assert any(f"{path}:5:9: rounds: expected a whole number, found number 7.0 (write 7" in line
               for line in output), output


def test_rounds_2_0_does_not_switch_the_due_date_checks_off() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(MINIMAL.replace("rounds: 4", "rounds: 2.0"), "mine.yaml")
    messages = [str(p) for p in caught.value.problems]
    assert "mine.yaml:5:9: rounds: expected a whole number, found number 2.0 (write 2, without " \
           "the '.0')" in messages


@pytest.mark.parametrize("field, text", [
    ("size", "size: 5.0}"), ("due", "due: 4.0,"), ("leader_energy", None)])
def test_any_whole_number_field_refuses_a_float(field: str, text: str | None) -> None:
    source = MINIMAL.replace("size: 5}", text) if field == "size" else \
        MINIMAL.replace("due: 4,", text) if field == "due" else \
        MINIMAL.replace("  teams:", "  leader_energy: 3.0\n  teams:")
    with pytest.raises(ScenarioError, match=f"{field}: expected a whole number, found number"):
        load_scenario_text(source, "mine.yaml")


def test_a_whole_number_still_loads_and_a_fraction_is_still_a_number() -> None:
    scenario = load_scenario_text(LISTED.replace("scope: 12", "scope: 12.0"), "mine.yaml")
    assert scenario.rounds == 4 and scenario.projects[0].scope == 12.0
