"""The scenario picker opens on the file given on the command line."""

from __future__ import annotations

from pathlib import Path

from game.ui.screens.picker import PAGE, PickerScreen


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
