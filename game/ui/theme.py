"""The look of Sail & Keel: palettes, type scale, spacing, and the pygame_gui theme dict.

Looks live in `assets/theme.json`; this module fills in the palette colours and scales the
font sizes and paddings for the UI scale (pygame_gui has no global font scale).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.resources import data_folder

ASSETS = data_folder("assets")
FONT_DIR = Path(pygame_gui.__file__).resolve().parent / "data"
FONT_FILES = {"regular": "NotoSans-Regular.ttf", "bold": "NotoSans-Bold.ttf"}

# Type scale at 100% (pixels). Everything else is laid out from these and SPACE.
TYPE_SCALE: dict[str, int] = {"display": 46, "h1": 30, "h2": 22, "h3": 18, "body": 16, "small": 13}
SPACE = 8  # the base spacing unit at 100%
RADIUS = 6
TIP_WIDTH = 240  # a hover tooltip's width at 100%
BASE_SIZE = (1280, 720)  # the layout is designed for this many logical pixels

METRIC_NAMES = ("morale", "innovation", "delivery")
METRIC_LABELS = {"morale": "Morale", "innovation": "Innovation", "delivery": "Delivery"}


@dataclass(frozen=True)
class Palette:
    name: str
    paper: str      # window background
    panel: str      # cards
    surface: str    # buttons
    surface_hi: str
    line: str
    ink: str
    ink_soft: str
    ink_faint: str
    accent: str
    accent_hi: str
    on_accent: str
    leader: str     # warm sail colour
    leader_hi: str
    manager: str    # deep keel blue
    manager_hi: str
    morale: str
    innovation: str
    delivery: str
    good: str
    bad: str
    warn: str

    def rgb(self, key: str) -> pygame.Color:
        return pygame.Color(getattr(self, key))


STANDARD = Palette(
    name="standard", paper="#F3EEE4", panel="#FBF8F2", surface="#E6DFD2", surface_hi="#F0E6D3",
    line="#B9AE9C", ink="#1C2733", ink_soft="#4A5561", ink_faint="#7D8690",
    accent="#1F4E79", accent_hi="#2C679C", on_accent="#FFFFFF",
    leader="#B85C1E", leader_hi="#CF6E2C", manager="#1F4E79", manager_hi="#2C679C",
    morale="#C0394B", innovation="#7A4DB8", delivery="#23805E",
    good="#23805E", bad="#B3362F", warn="#A86A00",
)
# Okabe-Ito colours: told apart with the common colour-vision deficiencies.
COLOUR_BLIND = Palette(
    name="colour-blind safe", paper="#F3F1EC", panel="#FCFBF8", surface="#E3E0D8",
    surface_hi="#EDE9DF", line="#A9A49A", ink="#111820", ink_soft="#3D4650", ink_faint="#737B84",
    accent="#0B5C91", accent_hi="#0072B2", on_accent="#FFFFFF",
    leader="#B06A00", leader_hi="#C97A00", manager="#0B5C91", manager_hi="#0072B2",
    morale="#C24E00", innovation="#A8508A", delivery="#0072B2",
    good="#0072B2", bad="#C24E00", warn="#8C6A00",
)
PALETTES = {"standard": STANDARD, "colour-blind": COLOUR_BLIND}


def effective_scale(ui_scale: float, size: tuple[int, int]) -> float:
    """The scale actually used: the chosen UI scale, capped so the 1280x720 layout fits."""
    fit = min(size[0] / BASE_SIZE[0], size[1] / BASE_SIZE[1])
    return max(0.6, min(ui_scale, fit))


def _fill(node: Any, palette: Palette, scale: float) -> Any:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "_comment":
                continue
            if key == "size" and value in TYPE_SCALE:
                value = str(round(TYPE_SCALE[value] * scale))  # sizes must be strings
            elif key == "shape_corner_radius" and value == "radius":
                value = str(max(2, round(RADIUS * scale)))
            elif key == "text_horiz_alignment_padding" and value == "pad":
                value = str(round(SPACE * scale))
            elif key == "rect_width" and value == "tip_width":   # tooltips grow with the type
                value = str(round(TIP_WIDTH * scale))
            out[key] = _fill(value, palette, scale)
        return out
    if isinstance(node, str) and node.startswith("$"):
        return getattr(palette, node[1:])
    return node


@cache
def _base_theme() -> dict[str, Any]:
    with open(ASSETS / "theme.json", encoding="utf-8") as fh:
        return dict(json.load(fh))


def build_theme(scale: float, palette: Palette) -> dict[str, Any]:
    """The pygame_gui theme dict for this scale and palette."""
    return dict(_fill(_base_theme(), palette, scale))


def font_sizes(scale: float) -> list[int]:
    return sorted({round(v * scale) for v in TYPE_SCALE.values()})


def preload_list(scale: float) -> list[dict[str, Any]]:
    return [
        {"name": "noto_sans", "point_size": size, "style": style}
        for size in font_sizes(scale)
        for style in ("regular", "bold")
    ]


class Fonts:
    """Noto Sans (shipped inside pygame_gui) at the type-scale sizes, for custom drawing."""

    def __init__(self, scale: float) -> None:
        self.scale = scale
        self._cache: dict[tuple[str, bool], pygame.font.Font] = {}

    def get(self, role: str, bold: bool = False) -> pygame.font.Font:
        key = (role, bold)
        if key not in self._cache:
            size = max(8, round(TYPE_SCALE[role] * self.scale))
            path = FONT_DIR / FONT_FILES["bold" if bold else "regular"]
            self._cache[key] = pygame.font.Font(str(path), size)
        return self._cache[key]
