"""JSON from outside — policy lines, saves, room messages — nests and counts digits within limits.

Before: a policy line of 100 000 `[` gave a RecursionError traceback, a 5 000-digit integer a
ValueError traceback ("Exceeds the limit (4300 digits)").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.room.protocol import Refused, parse
from game.safeio import JsonRefused, loads_limited

HOSTILE = {
    "a policy nested 100 000 deep": ("[" * 100_000, "1:65: nested more than 64 levels deep"),
    "objects nested 70 deep": ('{"a": ' * 70 + "1" + "}" * 70, "1:385: nested more than 64"),
    "a 5 000-digit integer": ('{"name": ' + "9" * 5000 + "}", "1:10: a number of more than 100 digits"),
    "a 5 000-digit fraction": ('{"name": 0.' + "1" * 5000 + "}", "1:10: a number of more than 100"),
}


def one_line_error(code: int, err: str) -> str:
    assert code != 0 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("text, words", HOSTILE.values(), ids=list(HOSTILE))
def test_evaluate_refuses_a_hostile_policy_line_in_one_line(
        text: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policies = tmp_path / "policies.jsonl"
    policies.write_text('{"name": "fine"}\n' + text + "\n", encoding="utf-8")
    code = main(["evaluate", "first-voyage", "--policies", str(policies), "--seeds", "2"])
    line = one_line_error(code, capsys.readouterr().err)
    assert f"{policies}:2:{words.split(':', 1)[1]}" in line


@pytest.mark.parametrize("text, words", HOSTILE.values(), ids=list(HOSTILE))
def test_replay_refuses_a_hostile_save_in_one_line(
        text: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save = tmp_path / "game.json"
    save.write_text(text, encoding="utf-8")
    code = main(["replay", str(save)])
    assert f"{save}:{words}" in one_line_error(code, capsys.readouterr().err)


@pytest.mark.parametrize("text", [t for t, _ in HOSTILE.values()], ids=list(HOSTILE))
def test_a_room_message_within_the_size_limit_is_refused_not_raised(text: str) -> None:
    message = '{"type": "hello", "x": ' + text[:4000] + "}"
    with pytest.raises(Refused):
        parse(message)


def test_depth_and_digits_at_the_limits_still_read() -> None:
    assert loads_limited("[" * 64 + "]" * 64) is not None
    assert loads_limited("9" * 100) == int("9" * 100)
    assert loads_limited('{"text": "' + "[" * 500 + "9" * 500 + '"}')["text"].startswith("[[")


def test_the_place_of_a_deep_bracket_is_counted_past_strings_and_lines() -> None:
    text = '{"s": "]]]\\"[[",\n "x": ' + "[" * 65 + "]" * 65 + "}"
    with pytest.raises(JsonRefused) as caught:
        loads_limited(text)
    # the outer { is level 1, so the 64th [ opens level 65
    assert (caught.value.line, caught.value.column) == (2, 6 + 64)


def test_a_real_save_still_loads_after_the_limits(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    save = tmp_path / "game.json"
    assert main(["simulate", "first-voyage", "--seed", "3", "--save", str(save)]) == 0
    capsys.readouterr()
    assert json.loads(save.read_text(encoding="utf-8"))["seed"] == 3
    assert main(["replay", str(save)]) == 0
