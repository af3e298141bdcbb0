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
