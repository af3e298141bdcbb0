import pygame

from game.ui import theme
from game.ui.widgets import stepper


def test_pygame_is_ce() -> None:
    assert getattr(pygame, "IS_CE", False)


def test_theme_sizes_are_scaled_strings() -> None:
    built = theme.build_theme(1.5, theme.STANDARD)
    assert built["button"]["font"]["size"] == str(round(theme.TYPE_SCALE["body"] * 1.5))
    assert built["defaults"]["colours"]["normal_bg"] == theme.STANDARD.surface


def test_effective_scale_fits_window() -> None:
    assert theme.effective_scale(2.0, (2560, 1440)) == 2.0
    assert theme.effective_scale(1.5, (1920, 1080)) == 1.5
    assert theme.effective_scale(2.0, (1280, 720)) == 1.0


def test_typed_numbers_round_trip_exactly() -> None:
    for v in (0.07, 1 / 3, 0.123456789, 0.0, 1.0, 0.3 * 3):
        assert stepper.parse(stepper.typed(v, True), True) == v
    for v in (16.666666666666668, 33.3, 0.1 + 0.2, 100.0):
        assert stepper.parse(stepper.typed(v, False), False) == v
    assert stepper.parse("abc", False) is None
