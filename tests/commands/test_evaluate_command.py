"""`evaluate`: a policy file scored over seeds, JSON or a table, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main


def write(tmp_path: Path, *lines: str) -> str:
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


STEADY = json.dumps({"name": "steady", "rounds": [[
    {"type": "SetVision", "vision": "craft"}, {"type": "Inspire", "action": "town_hall"},
    {"type": "AllocateBudget", "amounts": {"operations": 20, "innovation": 10, "wellbeing": 10}}]],
    "repeat": True})


def test_json_scores_every_policy_on_the_same_seeds(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, STEADY, "", '{"name": "hands-off"}')
    assert main(["evaluate", "first-voyage", "--policies", path, "--seeds", "20", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["seeds"] == 20 and [p["name"] for p in report["policies"]] == ["steady", "hands-off"]
    steady, idle = report["policies"]
    assert steady["score"]["mean"] > idle["score"]["mean"]
    assert len(steady["score_per_round"]) == 5


def test_the_table_names_each_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "first-voyage", "--policies", write(tmp_path, STEADY), "--seeds", "3"]) == 0
    out = capsys.readouterr().out
    assert "steady" in out and "seeds 0..2" in out


@pytest.mark.parametrize("content, message", [
    ('{"rounds": [[{"type": "Inspire", "action": "fly"}]]}', "round 1: Unknown leader action"),
    ("[1, 2]", "mine.jsonl:1 must be an object"),
    ("", "no policies"),
])
def test_a_bad_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str,
                                message: str) -> None:
    assert main(["evaluate", "first-voyage", "--policies", write(tmp_path, content)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "first-voyage", "--policies", str(tmp_path / "none.jsonl")]) == 1
    assert "no such file" in capsys.readouterr().err
