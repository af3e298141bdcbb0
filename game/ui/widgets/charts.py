"""Charts read from the session's record: trend lines, driver bars, the balance profile.

Every series is marked with its metric's glyph as well as its colour, and every bar carries
its signed value as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from game.ui.theme import METRIC_NAMES
from game.ui.widgets import icons, text

if TYPE_CHECKING:
    from game.ui.screens.base import Screen


def signed(value: float) -> str:
    return f"+{value:.1f}" if value >= 0.05 else ("0.0" if value > -0.05 else f"−{-value:.1f}")


def trend(sc: Screen, surface: pygame.Surface, rect: pygame.Rect,
          series: dict[str, Sequence[float]], start: dict[str, float] | None = None,
          slots: int | None = None) -> None:
    """Lines over rounds (0..100). `start` adds the values before round 1. With `slots` (the
    game's rounds) the axis spans the whole game, so early rounds read as the start of a
    line, and the latest values are written beside the last points."""
    fs = sc.font("small")
    pad_l = fs.size("100")[0] + sc.s(8)
    plot = pygame.Rect(rect.left + pad_l, rect.top + sc.s(6), rect.width - pad_l - sc.s(10),
                       rect.height - sc.s(6) - fs.get_height() * 3 // 2)
    for v in (0, 50, 100):
        y = plot.bottom - int(plot.height * v / 100)
        pygame.draw.line(surface, sc.col("line"), (plot.left, y), (plot.right, y), 1)
        text.draw(surface, str(v), fs, sc.col("ink_faint"), (plot.left - sc.s(6), y), "midright")
    n = max((len(s) for s in series.values()), default=0) + (1 if start else 0)
    if n == 0:
        return
    used = n
    if slots is not None:
        n = max(n, slots + (1 if start else 0))
    xs = [plot.left + (plot.width * i // max(1, n - 1)) if n > 1 else plot.centerx
          for i in range(n)]
    step = max(1, n // 10)
    for i, x in enumerate(xs):
        if i % step == 0 or i == n - 1:
            label = "start" if start and i == 0 else str(i if start else i + 1)
            below = plot.bottom + fs.get_height() // 2   # clear of the axis' "0"
            text.draw(surface, label, fs, sc.col("ink_faint"),
                      (x, below), "topleft" if i == 0 else "midtop")
    for name in METRIC_NAMES:
        values = list(series.get(name, ()))
        if start:
            values = [start[name], *values]
        pts = [(xs[i], plot.bottom - int(plot.height * max(0, min(100, v)) / 100))
               for i, v in enumerate(values)]
        colour = sc.col(name)
        if len(pts) > 1:
            pygame.draw.lines(surface, colour, False, pts, max(2, sc.s(3)))
        if len(pts) <= 12:   # markers while they have room; a long game is lines only
            for p in pts:
                pygame.draw.circle(surface, sc.col("panel"), p, sc.s(6))
                icons.metric(surface, name, p, sc.s(5), colour)
    if used < n:
        ends = []
        for name in METRIC_NAMES:
            values = list(series.get(name, ()))
            if values:
                y = plot.bottom - int(plot.height * max(0, min(100, values[-1])) / 100)
                ends.append([y, name, values[-1]])
        ends.sort()
        gap = fs.get_linesize()
        for i in range(1, len(ends)):     # keep the labels a line apart
            ends[i][0] = max(ends[i][0], ends[i - 1][0] + gap)
        overflow = ends[-1][0] + gap // 2 - plot.bottom if ends else 0
        x = xs[used - 1] + sc.s(14)
        for y, name, value in ends:
            y -= max(0, overflow)
            label = f"{value:.0f}"
            w = sc.s(14) + sc.font("small", True).size(label)[0] + sc.s(4)
            pygame.draw.rect(surface, sc.col("panel"), (x - sc.s(7), y - gap // 2, w, gap))
            icons.metric(surface, name, (x, y), sc.s(5), sc.col(name))
            text.draw(surface, label, sc.font("small", True), sc.col("ink"),
                      (x + sc.s(9), y), "midleft")


def ghost(sc: Screen, surface: pygame.Surface, rect: pygame.Rect,
          series: dict[str, Sequence[float]], start: dict[str, float], slots: int) -> None:
    """Another line of the same game (the one a "what if" left), thin and dashed, on the
    axes `trend` drew in `rect` with `start` and `slots`."""
    fs = sc.font("small")
    pad_l = fs.size("100")[0] + sc.s(8)
    plot = pygame.Rect(rect.left + pad_l, rect.top + sc.s(6), rect.width - pad_l - sc.s(10),
                       rect.height - sc.s(6) - fs.get_height() * 3 // 2)
    n = slots + 1
    for name in METRIC_NAMES:
        values = [start[name], *series.get(name, ())]
        pts = [(plot.left + plot.width * i // max(1, n - 1),
                plot.bottom - int(plot.height * max(0, min(100, v)) / 100))
               for i, v in enumerate(values)]
        for a, b in zip(pts, pts[1:], strict=False):
            steps = max(1, int(((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5 // sc.s(6)))
            for k in range(0, steps, 2):
                p0 = (a[0] + (b[0] - a[0]) * k // steps, a[1] + (b[1] - a[1]) * k // steps)
                p1 = (a[0] + (b[0] - a[0]) * (k + 1) // steps,
                      a[1] + (b[1] - a[1]) * (k + 1) // steps)
                pygame.draw.line(surface, sc.col(name), p0, p1, max(1, sc.s(2)))


def balance(sc: Screen, surface: pygame.Surface, rect: pygame.Rect, leader_share: float) -> None:
    """One bar split leader | manager, labelled with both percentages."""
    share = max(0.0, min(1.0, leader_share))
    split = rect.left + int(rect.width * share)
    pygame.draw.rect(surface, sc.col("leader"), (rect.left, rect.top, split - rect.left,
                                                  rect.height))
    pygame.draw.rect(surface, sc.col("manager"), (split, rect.top, rect.right - split,
                                                   rect.height))
    pygame.draw.line(surface, sc.col("ink"), (rect.centerx, rect.top - sc.s(6)),
                     (rect.centerx, rect.bottom + sc.s(6)), max(1, sc.s(2)))
    white, fb = sc.col("on_accent"), sc.font("small", True)
    text.draw(surface, f"Leader {share * 100:.0f}%", fb, white,
              (rect.left + sc.s(8), rect.centery), "midleft")
    text.draw(surface, f"Manager {(1 - share) * 100:.0f}%", fb, white,
              (rect.right - sc.s(8), rect.centery), "midright")


def dashed(surface: pygame.Surface, colour: pygame.Color, a: tuple[int, int], b: tuple[int, int],
           dash: int, width: int = 1) -> None:
    """A horizontal dashed line from a to b (same y)."""
    x, y = a
    while x < b[0]:
        pygame.draw.line(surface, colour, (x, y), (min(x + dash, b[0]), y), width)
        x += 2 * dash


def sparkline(sc: Screen, surface: pygame.Surface, rect: pygame.Rect, values: Sequence[float],
              par: float | None = None) -> None:
    """Scores oldest first; the last (this game) is a ringed dot labelled with its value.
    A par is a dashed line labelled `par`."""
    if not values:
        return
    fs = sc.font("small")
    ends = [*values, *([par] if par is not None else [])]
    lo, hi = min(ends), max(ends)
    if hi - lo < 4:
        lo, hi = lo - 2, hi + 2
    label_w = fs.size("par 100.0")[0] + sc.s(14)
    plot = pygame.Rect(rect.left + sc.s(6), rect.top + fs.get_linesize(),
                       rect.width - label_w - sc.s(6), rect.height - fs.get_linesize() - sc.s(6))

    def y_of(v: float) -> int:
        return plot.bottom - int(plot.height * (v - lo) / (hi - lo))

    n = len(values)
    xs = [plot.left + plot.width * i // (n - 1) if n > 1 else plot.right for i in range(n)]
    pygame.draw.line(surface, sc.col("line"), plot.bottomleft, plot.bottomright, 1)
    if par is not None:
        py = y_of(par)
        dashed(surface, sc.col("ink_soft"), (plot.left, py), (plot.right, py), sc.s(5),
               max(1, sc.s(1)))
        text.draw(surface, f"par {par:.1f}", fs, sc.col("ink_soft"), (plot.right + sc.s(12), py),
                  "midleft")
    pts = [(x, y_of(v)) for x, v in zip(xs, values, strict=True)]
    if len(pts) > 1:
        pygame.draw.lines(surface, sc.col("accent"), False, pts, max(2, sc.s(2)))
    for p in pts[:-1]:
        pygame.draw.circle(surface, sc.col("accent"), p, max(2, sc.s(3)))
    last = pts[-1]
    pygame.draw.circle(surface, sc.col("panel"), last, sc.s(7))
    pygame.draw.circle(surface, sc.col("accent"), last, sc.s(7), max(2, sc.s(2)))
    pygame.draw.circle(surface, sc.col("accent"), last, sc.s(3))
    fb = sc.font("small", True)
    label = f"{values[-1]:.1f}"
    box = fb.size(label)
    spot = pygame.Rect(0, 0, *box)
    if n == 1:
        spot.midbottom = (last[0], last[1] - sc.s(9))
    else:
        spot.bottomright = (last[0] - sc.s(9), last[1] - sc.s(4))
    if par is not None:   # the par label sits right of the plot: stay clear of it
        par_box = pygame.Rect(plot.right + sc.s(12), y_of(par) - fs.get_linesize() // 2,
                              fs.size(f"par {par:.1f}")[0], fs.get_linesize())
        if spot.colliderect(par_box):
            spot.right = min(spot.right, par_box.left - sc.s(4))
    spot.top = max(rect.top, spot.top)
    text.draw(surface, label, fb, sc.col("ink"), spot.topleft)


def share_strip(sc: Screen, surface: pygame.Surface, rect: pygame.Rect, shares: Sequence[float],
                label: str) -> None:
    """A bar per round: the leader share from the bottom (leader colour) and the manager share
    above it, the leader percentage written over each bar, the round number under it."""
    if not shares:
        return
    fs, fb = sc.font("small"), sc.font("small", True)
    line = fs.get_linesize()
    bars = pygame.Rect(rect.left, rect.top + line, rect.width, rect.height - 2 * line)
    n = len(shares)
    pitch = bars.width / n
    bar_w = max(sc.s(6), min(sc.s(44), int(pitch * 0.7)))
    show_pct = fb.size("100%")[0] <= pitch - sc.s(2)
    step = 1 if fs.size(f"{label} {n}")[0] < pitch - sc.s(4) else max(1, n // 8)
    for i, share in enumerate(shares):
        share = max(0.0, min(1.0, share))
        cx = int(bars.left + pitch * (i + 0.5))
        box = pygame.Rect(cx - bar_w // 2, bars.top, bar_w, bars.height)
        lead = int(box.height * share)
        pygame.draw.rect(surface, sc.col("manager"), (box.left, box.top, box.width,
                                                      box.height - lead))
        pygame.draw.rect(surface, sc.col("leader"), (box.left, box.bottom - lead, box.width, lead))
        if show_pct:
            text.draw(surface, f"{share * 100:.0f}%", fb, sc.col("ink"), (cx, box.top - sc.s(1)),
                      "midbottom")
        if i % step == 0 or i == n - 1:
            name = f"{label} {i + 1}" if fs.size(f"{label} {n}")[0] < pitch - sc.s(4) else str(i + 1)
            text.draw(surface, name, fs, sc.col("ink_faint"), (cx, box.bottom + sc.s(2)), "midtop")
    mid = bars.top + bars.height // 2
    dashed(surface, sc.col("ink"), (bars.left, mid), (bars.right, mid), sc.s(4), max(1, sc.s(1)))
