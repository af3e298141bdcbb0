"""`simulate --trace` shows the hidden gauges each round's events judge, per team and for the
organisation, with the budget by category and the cash: enough to set a threshold exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main

MINIMAL = (Path(__file__).resolve().parent.parent / "data" / "good" / "minimal.yaml").read_text()


def simulate(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["simulate", *args, "--seed", "5", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_trace_changes_nothing_and_covers_every_round(capsys: pytest.CaptureFixture[str]) -> None:
    plain = simulate(capsys, "first-voyage")
    traced = simulate(capsys, "first-voyage", "--trace")
    trace = traced.pop("trace")
    assert traced == plain and [t["round"] for t in trace] == [1, 2, 3, 4, 5]
    first = trace[0]
    assert set(first["teams"]) == {"studio", "build"}
    assert {"fatigue", "morale", "skill", "headcount"} <= set(first["teams"]["studio"])
    assert first["budget"]["available"] == 50 and sum(
        v for k, v in first["budget"].items() if k != "available") <= 50
    assert isinstance(first["cash"], float) and "fatigue" in first["gauges"]


@pytest.mark.parametrize("gauge", ["fatigue", "skill"])
def test_a_threshold_set_from_the_trace_fires_exactly_there(
        gauge: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "minimal.yaml"
    base.write_text(MINIMAL, encoding="utf-8")
    seen = simulate(capsys, str(base), "--trace")["trace"][0]["teams"]["core"][gauge]
    fired = []
    for threshold in (seen - 0.01, seen + 0.01):
        base.write_text(MINIMAL + f"""events:
  - id: watch
    when: {{team: core, metric: {gauge}, above: {threshold:.4f}}}
    text: The core team's {gauge} is past the line.
    choices: [{{label: Noted, effects: {{trust: 1}}}}]
""", encoding="utf-8")
        rounds = simulate(capsys, str(base))["rounds"]
        fired.append(any(e["event"] == "watch" for e in rounds[0]["events"]))
    assert fired == [True, False]


def test_the_text_trace_names_each_team_and_the_money(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "first-voyage", "--trace"]) == 0
    out = capsys.readouterr().out
    assert "Month 1: cash " in out and "budget 50.0 (operations" in out
    assert "  studio  fatigue " in out and "  build   fatigue " in out and "headcount" in out
