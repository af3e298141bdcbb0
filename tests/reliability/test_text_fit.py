"""Text fitting costs O(n log n) at most, and no text (a NUL, a 200 000-character name) breaks it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pygame
import pytest

from game.ui.widgets import text


@pytest.fixture(scope="module")
def font() -> Iterator[pygame.font.Font]:
    pygame.font.init()
    yield pygame.font.Font(None, 24)


def test_a_200_000_character_name_fits_at_once(font: pygame.font.Font) -> None:
    name = "Zoë" * 70_000
    started = time.process_time()
    shown = text.fit(name, font, 300)
    assert time.process_time() - started < 0.5
    assert shown.endswith("…") and font.size(shown)[0] <= 300
    assert font.size(shown[:-1] + shown[-2] + "…")[0] > 300 or len(shown) < 3   # the longest that fits


def test_fit_finds_the_longest_prefix_that_fits(font: pygame.font.Font) -> None:
    for width in (1, 20, 57, 140, 333):
        sentence = "Ship the roadmap before the quarter ends, and keep people with you."
        shown = text.fit(sentence, font, width)
        if shown == sentence:
            continue
        cut = len(shown) - 1
        assert font.size(sentence[:cut] + "…")[0] <= width or cut == 0
        assert cut == len(sentence) or font.size(sentence[:cut + 1] + "…")[0] > width \
            or sentence[cut] == " "


def test_wrap_and_paragraph_of_a_huge_text_are_quick(font: pygame.font.Font) -> None:
    surface = pygame.Surface((400, 300))
    huge = ("word " * 40_000) + "x" * 100_000
    started = time.process_time()
    height = text.paragraph(surface, huge, font, pygame.Color("black"), pygame.Rect(0, 0, 400, 300))
    text.height_of(huge, font, 400)
    assert time.process_time() - started < 1.0 and 0 < height <= 300


@pytest.mark.parametrize("title", ["Harbour\0", "\x1b]0;owned\x07\x1b[2J", "tab\there", "\x7f\x85"])
def test_control_characters_are_drawn_not_refused(font: pygame.font.Font, title: str) -> None:
    surface = pygame.Surface((400, 60))
    text.draw(surface, title, font, pygame.Color("black"), (0, 0), width=380)
    assert text.render(title, font, pygame.Color("black")).get_width() > 0
