"""The scenario picker opens on the file given on the command line."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.ui.app import App
from game.ui.screens.picker import PAGE, PickerScreen
from tests.ui.keyboard import Player, launch


def test_picker_selects_the_scenario_given_on_the_command_line(make_app, scenario_dir: Path) -> None:
    for i in range(PAGE + 2):
        (scenario_dir / f"extra-{i}.yaml").write_text(f"id: extra-{i}\n")
    mine = scenario_dir / f"extra-{PAGE + 1}.yaml"
    app = make_app()
    app.scenario_path = mine
    picker = PickerScreen(app)
    app.push(picker)
    assert picker.entries[picker.selected].path == mine
    assert picker.page == picker.selected // PAGE == 1
    picker.on_commit()
    assert app.scenario_path == mine


def test_more_scenarios_shows_the_details_of_an_entry_on_the_new_page(make_app, scenario_dir) -> None:
    for i in range(PAGE + 2):
        (scenario_dir / f"extra-{i}.yaml").write_text(f"id: extra-{i}\n")
    app = make_app()
    app.scenario_path = None
    picker = PickerScreen(app)
    app.push(picker)
    assert picker.page == 0
    picker.on_char("m")
    assert picker.page == 1 and picker.selected // PAGE == 1


@pytest.mark.parametrize("argv", [(), ("play",), ("--size", "1920x1080", "--ui-scale", "1.5")])
def test_the_tutorial_is_chosen_on_a_first_run_however_the_game_is_launched(monkeypatch, argv) -> None:  # type: ignore[no-untyped-def]
    chosen: list[str] = []

    def script(app: App) -> None:
        p = Player(app)
        p.press(pygame.K_h)                      # hot-seat: straight to the picker
        chosen.append(app.top.entries[app.top.selected].scenario.id)
        p.press(pygame.K_RETURN)
        chosen.append(app.scenario.id)
        app.running = False

    assert launch(monkeypatch, script, *argv) == 0
    assert chosen == ["first-voyage", "first-voyage"]


def test_a_scenario_named_on_the_command_line_is_chosen_and_after_the_tutorial_the_default(  # type: ignore[no-untyped-def]
        monkeypatch) -> None:
    from game.ui import prefs

    chosen: list[str] = []

    def script(app: App) -> None:
        Player(app).press(pygame.K_h)
        chosen.append(app.top.entries[app.top.selected].scenario.id)
        app.running = False

    assert launch(monkeypatch, script, "rocket-in-a-garage") == 0
    prefs.save(prefs.Prefs(player="Ana", tutorial_done=True))
    assert launch(monkeypatch, script) == 0
    assert chosen == ["rocket-in-a-garage", "scaling-new-markets"]
