"""Text drawing with a render cache, word wrapping and truncation (never silent clipping)."""

from __future__ import annotations

import pygame

# Keyed by the font's id; the font is kept with its surface, so an id reused by a newer font
# (after a change of UI scale) can never hand back text of the old size.
_CACHE: dict[tuple[str, int, tuple[int, int, int, int]],
             tuple[pygame.font.Font, pygame.Surface]] = {}
_CACHE_LIMIT = 4000
# Text cut short this frame: (where it was drawn, the whole text). The window shows the whole
# text when the pointer rests on it, so nothing cut is lost. The app empties it each frame.
CUT: list[tuple[pygame.Rect, str]] = []
# When a list, every text box drawn is added as (rect, text, cut): the layout audit reads it.
RECORD: list[tuple[pygame.Rect, str, bool]] | None = None


def _drawn(rect: pygame.Rect, shown: str, whole: str, cut: bool) -> None:
    if cut:
        CUT.append((rect, whole))
    if RECORD is not None:
        RECORD.append((rect, shown, cut))


def render(text: str, font: pygame.font.Font, colour: pygame.Color) -> pygame.Surface:
    key = (text, id(font), tuple(colour))
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is font:
        return hit[1]
    if len(_CACHE) > _CACHE_LIMIT:
        _CACHE.clear()
    surf = font.render(text, True, colour)
    _CACHE[key] = (font, surf)
    return surf


def fit(text: str, font: pygame.font.Font, width: int) -> str:
    """`text`, shortened with an ellipsis if it is wider than `width`."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw(
    surface: pygame.Surface,
    text: str,
    font: pygame.font.Font,
    colour: pygame.Color,
    pos: tuple[int, int],
    anchor: str = "topleft",
    width: int | None = None,
) -> pygame.Rect:
    whole = text
    if width is not None:
        text = fit(text, font, width)
    surf = render(text, font, colour)
    rect = surf.get_rect(**{anchor: pos})
    surface.blit(surf, rect)
    _drawn(rect, text, whole, text != whole)
    return rect


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            trial = f"{line} {word}".strip()
            if font.size(trial)[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return [fit(line, font, width) for line in lines]


def paragraph(
    surface: pygame.Surface,
    text: str,
    font: pygame.font.Font,
    colour: pygame.Color,
    rect: pygame.Rect,
    max_lines: int | None = None,
) -> int:
    """Draw wrapped text inside `rect`; returns the height used. Lines that do not fit are
    cut with an ellipsis on the last visible line."""
    lines = wrap(text, font, rect.width)
    step = font.get_linesize()
    room = max(1, rect.height // step)
    if max_lines is not None:
        room = min(room, max_lines)
    cut = len(lines) > room or any(line.endswith("…") for line in lines)
    if len(lines) > room:
        lines = lines[:room]
        lines[-1] = fit(lines[-1] + " …", font, rect.width)
    y = rect.top
    widest = 0
    for line in lines:
        surf = render(line, font, colour)
        surface.blit(surf, (rect.left, y))
        widest = max(widest, surf.get_width())
        y += step
    _drawn(pygame.Rect(rect.left, rect.top, widest, y - rect.top), "\n".join(lines), text, cut)
    return y - rect.top


def longest_word(text: str, font: pygame.font.Font) -> int:
    """The width of the widest word: wider than a column, the text cannot wrap whole."""
    return max((font.size(word)[0] for word in text.split()), default=0)


def height_of(text: str, font: pygame.font.Font, width: int) -> int:
    return len(wrap(text, font, width)) * font.get_linesize()
