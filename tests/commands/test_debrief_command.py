"""`debrief SAVE...`: a room of saves gathered into one debrief."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from game.cli import main
from game.scenario import load_scenario

ROOM = [("ana", "balanced", 1), ("ben", "balanced", 2), ("cy", "manager-only", 3),
        ("dee", "leader-only", 4), ("eve", "leader-only", 5), ("fay", "random", 6)]


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Each participant's save file and what `simulate --json` said about their game."""
    folder = tmp_path_factory.mktemp("room")
    games = {}
    for name, strategy, seed in ROOM:
        save = folder / f"{name}.json"
        argv = ["simulate", "--strategy", strategy, "--seed", str(seed), "--json", "--save", str(save)]
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            assert main(argv) == 0
        games[name] = {"save": save, "result": json.loads(printed.getvalue())}
    return games


def debrief(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["debrief", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_profiles_are_counted_with_their_mean_scores(room: dict[str, dict],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = debrief(capsys, *(str(g["save"]) for g in room.values()), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    profiles = {name: g["result"]["profile"] for name, g in room.items()}
    assert profiles["cy"] == "manager-heavy"
    assert profiles["dee"] == profiles["eve"] == "leader-heavy"
    assert profiles["ana"] == profiles["ben"] == "balanced"
    for profile, group in data["profiles"].items():
        members = [g["result"]["final"]["score"] for n, g in room.items() if profiles[n] == profile]
        assert group["count"] == len(members)
        if members:
            assert group["mean_score"] == pytest.approx(sum(members) / len(members), abs=1e-3)
    assert sum(g["count"] for g in data["profiles"].values()) == len(ROOM)


def test_participants_and_the_room(room: dict[str, dict], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = debrief(capsys, *(str(g["save"]) for g in room.values()), "--json")
    data = json.loads(out)
    by_name = {Path(p["file"]).stem: p for p in data["participants"]}
    assert sorted(by_name) == sorted(room)
    # named by the player in the save (here the scripted strategy), made unique by file
    assert by_name["cy"]["name"] == "manager-only"
    assert by_name["ana"]["name"] == "balanced (ana.json)"
    for name, game in room.items():
        final = game["result"]["final"]
        assert by_name[name]["score"] == pytest.approx(final["score"], abs=1e-4)
        assert by_name[name]["delivery"] == pytest.approx(final["delivery"], abs=1e-4)
    scores = [g["result"]["final"]["score"] for g in room.values()]
    assert data["room"]["score"]["mean"] == pytest.approx(sum(scores) / len(scores), abs=1e-3)
    assert data["room"]["score"]["min"] == pytest.approx(min(scores), abs=1e-4)
    assert data["room"]["score"]["sd"] > 0


def test_lessons_count_the_games_they_held_for(room: dict[str, dict],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = debrief(capsys, *(str(g["save"]) for g in room.values()), "--json")
    data = json.loads(out)
    scenario = load_scenario("scaling-new-markets")
    assert [lesson["text"] for lesson in data["lessons"]] == [d.text for d in scenario.debrief]
    for lesson in data["lessons"]:
        held = sum(lesson["text"] in g["result"]["lessons"] for g in room.values())
        assert lesson["held_for"] == held


def test_unreadable_saves_are_skipped_with_one_line_each(room: dict[str, dict], tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    missing = tmp_path / "missing.json"
    code, out, err = debrief(capsys, str(room["ana"]["save"]), str(broken), str(missing),
                             str(room["cy"]["save"]))
    assert code == 0
    assert err.splitlines() == [
        f"debrief: skipped {broken}:1:2: not valid JSON: Expecting property name enclosed in double quotes",
        f"debrief: skipped {missing}: no such file",
    ]
    assert "debrief of 2 games" in out
    assert "manager-heavy    1" in out


def test_no_readable_save_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("[]", encoding="utf-8")
    code, out, err = debrief(capsys, str(broken))
    assert code == 1 and out == ""
    assert err.splitlines()[-1].startswith("debrief: none of the saves could be read (games "
                                           "played in the window are saved in ")


def test_the_table_lists_everyone(room: dict[str, dict], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = debrief(capsys, *(str(g["save"]) for g in room.values()))
    assert code == 0
    rows = [line for line in out.splitlines() if ", managed " in line and line.endswith("%)")]
    assert len(rows) == len(ROOM)
    assert any(line.startswith("manager-only ") for line in rows)
    assert "profiles:" in out and "lessons:" in out


def test_a_copied_save_counts_once(room: dict[str, dict], tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "ana-again.json"
    copy.write_bytes(room["ana"]["save"].read_bytes())
    code, out, err = debrief(capsys, str(room["ana"]["save"]), str(copy), str(room["ben"]["save"]),
                             "--json")
    assert code == 0
    assert len(json.loads(out)["participants"]) == 2
    assert err.count("\n") == 1 and "the same game as" in err
