"""`balance` with bad input: one line, a non-zero exit, and no games played for nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

import game.commands.balance as balance_command
from game.cli import main


@pytest.fixture
def no_games(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("balance played games before checking its arguments")

    monkeypatch.setattr(balance_command, "balance", refuse)


@pytest.mark.parametrize("where", ["folder", "under-a-file"])
def test_an_unwritable_plot_is_refused_before_playing(tmp_path: Path, no_games: None, where: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("")
    plot = tmp_path if where == "folder" else tmp_path / "notes.txt" / "chart.png"
    assert main(["balance", "first-voyage", "--plot", str(plot)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("balance: --plot ") and err.count("\n") == 1


def test_a_chart_that_cannot_be_saved_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import pygame

    def broken_save(*args: object) -> None:
        raise pygame.error("Couldn't open chart.png")

    monkeypatch.setattr(pygame.image, "save", broken_save)
    code = main(["balance", "first-voyage", "--runs", "1", "--greedy-runs", "1", "--jobs", "1",
                 "--plot", str(tmp_path / "chart.png")])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("balance: cannot write the chart") and err.count("\n") == 1


@pytest.mark.parametrize("runs", ["0", "-5", "abc", "100000"])
def test_runs_out_of_range_is_one_line(runs: str, no_games: None,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["balance", "first-voyage", "--runs", runs])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "argument --runs" in err and err.count("\n") == 1


KNOWN = Path(__file__).resolve().parents[1] / "data" / "policies" / "first-voyage-found.jsonl"


def test_a_known_better_game_lifts_par_to_at_least_its_score(capsys: pytest.CaptureFixture[str]) -> None:
    """A short search alone finds less than a game another search found; given that game with
    --known, the best free game (par) scores at least as well as it on the same seeds."""
    import json

    from game.scenario import load_scenario
    from game.search.batch import evaluate
    from game.search.policy import read_policies, sequences_of

    scenario = load_scenario("first-voyage")
    known = sequences_of(scenario, read_policies(scenario, KNOWN.read_text().splitlines()))
    its_score = float(evaluate(scenario, known, list(range(20))).mean_score()[0])
    args = ["balance", "first-voyage", "--runs", "20", "--jobs", "1", "--search-effort", "0.1", "--json"]
    assert main(args) == 0
    alone = json.loads(capsys.readouterr().out)["par"]
    assert main(args + ["--known", str(KNOWN)]) == 0
    helped = json.loads(capsys.readouterr().out)["par"]
    assert alone < its_score - 0.2 and helped >= its_score - 0.1, (alone, its_score, helped)


NOWHERE = '{"name": "x", "rounds": [[{"type": "SetVision", "vision": "nowhere"}]]}\n'


@pytest.mark.parametrize("content", ["", "{not json\n", NOWHERE])
def test_a_bad_known_file_is_one_line_before_playing(tmp_path: Path, no_games: None, content: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "games.jsonl"
    bad.write_text(content)
    assert main(["balance", "first-voyage", "--known", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("balance: --known ") and str(bad) in err and err.count("\n") == 1, err
    assert main(["balance", "first-voyage", "--known", str(tmp_path)]) == 1   # a folder
    err = capsys.readouterr().err
    assert err.startswith("balance: --known ") and err.count("\n") == 1, err
