"""Text drawing with a render cache, word wrapping and truncation (never silent clipping).

Whatever the text (a 200 000-character name, a NUL in a title), drawing it costs
O(n log n) at most: `fit` binary-searches the cut point on input capped to what a line
can show, `wrap` stops at the lines it is asked for, and control characters are drawn as
a visible replacement character instead of reaching the font renderer.
"""

from __future__ import annotations

import pygame

# Keyed by the font's id; the font is kept with its surface, so an id reused by a newer font
# (after a change of UI scale) can never hand back text of the old size.
_CACHE: dict[tuple[str, int, tuple[int, int, int, int]],
             tuple[pygame.font.Font, pygame.Surface]] = {}
_CACHE_LIMIT = 4000
MAX_LINE_CHARS = 1000      # more than any screen line shows
MAX_WRAP_CHARS = 20_000    # more than any screen shows


def printable(text: str) -> str:
    """One line of `text` the font renderer accepts: control characters become U+FFFD."""
    if len(text) > MAX_LINE_CHARS:
        text = text[:MAX_LINE_CHARS]
    if text.isprintable():
        return text
    return "".join(" " if c == "\t" else "\ufffd" if (c < " " or "\x7f" <= c <= "\x9f") else c
                   for c in text)


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
    surf = font.render(printable(text), True, colour)
    _CACHE[key] = (font, surf)
    return surf


def fit(text: str, font: pygame.font.Font, width: int) -> str:
    """`text`, shortened with an ellipsis if it is wider than `width`.

    The cut point is found by binary search, on at most as many characters as the width
    could hold (no glyph is narrower than a pixel): O(n log n) in the shown length.
    """
    text = printable(text[: max(width, 1) + 1])
    if font.size(text)[0] <= width:
        return text
    low, high = 0, len(text)          # text[:low] + "…" fits; text[:high] + "…" does not
    while high - low > 1:
        middle = (low + high) // 2
        if font.size(text[:middle] + "…")[0] <= width:
            low = middle
        else:
            high = middle
    return text[:low].rstrip() + "…"


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


def wrap(text: str, font: pygame.font.Font, width: int, max_lines: int | None = None) -> list[str]:
    """`text` in lines no wider than `width`; with `max_lines`, stops after that many."""
    lines: list[str] = []
    most = max_lines if max_lines is not None else MAX_WRAP_CHARS
    for para in text[:MAX_WRAP_CHARS].split("\n"):
        line = ""
        for word in para.split():
            word = word[: max(width, 1) + 1]   # a word wider than the line is cut by fit
            trial = f"{line} {word}".strip()
            if font.size(printable(trial))[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
                if len(lines) >= most:
                    break
        lines.append(line)
        if len(lines) >= most:
            break
    return [fit(line, font, width) for line in lines[:most]]


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
    step = font.get_linesize()
    room = max(1, rect.height // step)
    if max_lines is not None:
        room = min(room, max_lines)
    lines = wrap(text, font, rect.width, max_lines=room + 1)
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
