"""`evaluate` streams its policy file: chunk by chunk, the same scores, progress on a terminal.

Before: 100 000 policies were all read, checked and held before the first was scored (1.4 GB,
no sign of life for a quarter of an hour), and a FIFO, a folder or /dev/zero given as the
policy file was refused as "no such file".
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from game.cli import main
from game.commands import evaluate as command

STEADY = {"name": "steady", "rounds": [[
    {"type": "SetVision", "vision": "craft"}, {"type": "Inspire", "action": "town_hall"},
    {"type": "AllocateBudget", "amounts": {"operations": 20, "innovation": 10, "wellbeing": 10}}]],
    "repeat": True}


def policy_file(tmp_path: Path, count: int, bad_at: int | None = None) -> Path:
    lines = []
    for n in range(count):
        policy = dict(STEADY, name=f"p{n}")
        budget = {"operations": 5 + n % 30, "innovation": n % 11, "wellbeing": n % 7}
        policy["rounds"] = [[*STEADY["rounds"][0][:2], {"type": "AllocateBudget", "amounts": budget}]]
        lines.append(json.dumps(policy) if n != bad_at else '{"name": "broken", "colour": 1}')
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def scored(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str]:
    code = main(["evaluate", "first-voyage", *args, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def test_chunks_score_exactly_as_one_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(policy_file(tmp_path, 12))
    _, whole, _ = scored(["--policies", path, "--seeds", "3"], capsys)
    monkeypatch.setattr(command, "ROWS_PER_CHUNK", 7)    # two policies of three seeds a chunk
    _, chunked, _ = scored(["--policies", path, "--seeds", "3"], capsys)
    assert chunked == whole and whole["policies_scored"] == 12
    assert [p["name"] for p in whole["policies"]] == [f"p{n}" for n in range(12)]
    assert len({p["score"]["mean"] for p in whole["policies"]}) > 6   # they really differ


def test_a_bad_line_late_in_the_file_stops_with_valid_json_and_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(command, "ROWS_PER_CHUNK", 4)
    path = policy_file(tmp_path, 10, bad_at=8)
    code, report, err = scored(["--policies", str(path), "--seeds", "1"], capsys)
    assert code == 1 and err.count("\n") == 1 and f"{path}:9: unknown field 'colour'" in err
    assert report["policies_scored"] == 8 and len(report["policies"]) == 8
    assert "unknown field 'colour'" in report["stopped"]


def test_a_bad_line_in_the_first_chunk_prints_nothing_but_the_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = policy_file(tmp_path, 5, bad_at=3)
    assert main(["evaluate", "first-voyage", "--policies", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1


def test_progress_shows_on_a_terminal_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(command, "ROWS_PER_CHUNK", 3)
    path = str(policy_file(tmp_path, 6))
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert command.run(command_args(path)) == 0
    shown = terminal.getvalue()
    assert "evaluate: 3 of 6 policies scored" in shown and "evaluate: 6 of 6 policies" in shown
    assert "about" in shown and shown.endswith("\r\x1b[K")   # cleared at the end
    monkeypatch.undo()
    assert main(["evaluate", "first-voyage", "--policies", path]) == 0
    assert capsys.readouterr().err == ""   # not a terminal: nothing on stderr


def command_args(path: str) -> object:
    import argparse
    return argparse.Namespace(scenario="first-voyage", policies=path, seeds=1, seed=0, json=False)


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_special_file_is_named_for_what_it_is(kind: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "policies.jsonl"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path = Path("/dev/zero")
    words = {"fifo": "is a named pipe (FIFO)", "folder": "is a directory, not a file",
             "device": "is a device"}[kind]
    assert main(["evaluate", "first-voyage", "--policies", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and "no such file" not in err


def test_a_line_of_two_megabytes_is_refused_without_reading_it_whole(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps(STEADY) + "\n" + '{"name": "' + "x" * 2_000_000 + '"}\n')
    assert main(["evaluate", "first-voyage", "--policies", str(path)]) == 1
    assert f"{path}:2: the line is over 1 MB" in capsys.readouterr().err
