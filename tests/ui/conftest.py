"""Fixtures: a window on the stand-in core (see fakes.py), torn down properly."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pygame_gui
import pytest

from game.ui.app import App
from game.ui.core import Core, default_core
from game.ui.settings import Settings
from tests.ui import fakes


class BrokenScenario(ValueError):
    pass


def fake_core(broken: set[str] | None = None) -> Core:
    def load(path: Path) -> object:
        if broken and Path(path).name in broken:
            raise BrokenScenario(f"{path}:3:5: unknown key 'vison'")
        return fakes.make_scenario(source=str(path))

    return Core(load_scenario=load, new_session=lambda sc, seed: fakes.FakeSession(sc, seed),
                make_strategy=lambda name, seed: fakes.FakeStrategy(seed),
                scenario_error=BrokenScenario, default_dir=None, keep_game=fakes.FakeKeeper())


@pytest.fixture
def scenario_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "harbour.yaml").write_text("id: harbour\n")
    return folder


def windows(new_app: Callable[[Settings], App], **base: object) -> Iterator[Callable[..., App]]:
    """A fixture body: yields `build(**settings)`, which opens a window on `base` settings
    changed by the keywords, and closes every window it opened at teardown."""
    apps: list[App] = []

    def build(**kw: object) -> App:
        settings = Settings(**base)  # type: ignore[arg-type]
        for k, v in kw.items():
            setattr(settings, k, v)
        app = new_app(settings)
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.close()
    pygame_gui.core.utility.set_default_manager(None)


@pytest.fixture
def make_app(scenario_dir: Path) -> Iterator:
    yield from windows(lambda settings: App(fake_core({"broken.yaml"}), settings,
                                            scenario_path=scenario_dir / "harbour.yaml"),
                       scenario_dirs=[str(scenario_dir)], seed=3)


def real_window(settings: Settings) -> App:
    """A window on the real session, opened on the default scenario."""
    core = default_core()
    return App(core, settings, scenario_path=core.default_dir / f"{core.default_scenario}.yaml")


@pytest.fixture
def make_real() -> Iterator:
    yield from windows(real_window, seed=3, save_results=False)
