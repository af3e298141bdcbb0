"""The reference-mode charts: drawn headless from real games, one PNG per mode."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.commands.reference_plot import HEIGHT, WIDTH, main
from game.reference.modes import boom_bust


def test_the_reference_modes_are_drawn_for_a_scenario(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path), "scaling-new-markets"]) == 0
    written = capsys.readouterr().out.split()
    assert [Path(p).name for p in written] == ["scaling-new-markets-boom-bust.png",
                                                "scaling-new-markets-brooks.png"]
    for path in written:
        image = pygame.image.load(path)
        assert image.get_size() == (WIDTH, HEIGHT)
        # both paths are drawn: the sustainable path's blue and the other's vermilion
        colours = {tuple(image.get_at((x, y)))[:3] for x in range(90, 650, 3) for y in range(110, 520, 3)}
        assert (0, 114, 178) in colours and (213, 94, 0) in colours


def test_the_boom_bust_chart_shows_a_boom_then_a_bust() -> None:
    paths = boom_bust("scaling-new-markets")
    steady, pushed = paths["100% load"], paths["130% load"]
    assert pushed["work"][0] > steady["work"][0]            # more done at first
    assert pushed["delivery"][-1] < steady["delivery"][-1] - 5   # far below by the end


def test_no_folder_is_a_one_line_usage(capsys) -> None:
    assert main([]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_help_prints_the_usage_and_draws_nothing(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0 and "FOLDER" in capsys.readouterr().out.upper()
    assert list(tmp_path.iterdir()) == []   # no folder called --help
