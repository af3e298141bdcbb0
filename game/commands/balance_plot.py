"""Draw a balance report as a PNG with pygame, headless (no window, no new dependency).

Left: each player's mean final morale, innovation and delivery and mean score, with a
whisker for one standard deviation. Right: each player's mean score round by round, with
par as a dashed line. Colours are the Okabe-Ito palette, safe for colour-blind readers.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # draw off screen, never open a window
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402  (only `balance --plot` imports this module)

from game.analysis.balance import MEASURES, BalanceReport  # noqa: E402
from game.safeio import WriteRefused, write_atomic  # noqa: E402

WIDTH, HEIGHT = 1400, 760
INK, GRID, PAPER = (30, 30, 30), (220, 220, 220), (255, 255, 255)
COLOURS = {  # Okabe-Ito
    "balanced": (0, 114, 178), "manager-only": (230, 159, 0), "leader-only": (204, 121, 167),
    "random": (128, 128, 128), "greedy": (0, 158, 115),
    "best-free": (0, 158, 115), "best-fixed": (86, 180, 233), "best-manager-only": (213, 94, 0),
    "best-leader-only": (240, 228, 66), "hands-off": (0, 0, 0),
}
Rect = tuple[int, int, int, int]
Fonts = dict[int, pygame.font.Font]


def draw_report(report: BalanceReport, path: Path) -> None:
    pygame.font.init()
    try:
        surface = pygame.Surface((WIDTH, HEIGHT))
        surface.fill(PAPER)
        fonts = {size: pygame.font.Font(None, size) for size in (22, 26, 34)}
        verdict = "claims hold" if report.ok else "a claim FAILS"
        if not report.claims:
            verdict = "no claims"
        title = f"{report.title}: {len(report.seeds)} runs per player, {verdict}"
        surface.blit(fonts[34].render(title, True, INK), (40, 20))
        lines = [c.describe() for c in report.claims]
        if report.searched is not None:
            lines.append(", ".join(f"best-free / best-{x}: {report.best_ratio(x):.2f}x"
                                   for x in ("manager-only", "leader-only")))
        if report.par is not None:
            source = "the best free game's" if report.searched is not None else "greedy's"
            lines.append(f"par ({source} mean score): {report.par:.1f}")
        for i, line in enumerate(lines):
            surface.blit(fonts[22].render(line, True, INK), (40, 58 + 20 * i))
        top = 100 + 20 * max(len(lines), 1)
        _bars(surface, fonts, report, (70, top, 720, HEIGHT - top - 120))
        _lines(surface, fonts, report, (880, top, 480, HEIGHT - top - 120))
        _legend(surface, fonts, report, HEIGHT - 76)
        save_png(surface, path)
    finally:
        pygame.font.quit()


def save_png(surface: pygame.Surface, path: Path) -> None:
    """Write a chart: drawn in memory, then written atomically (an old chart is never left
    half-written); any trouble is an OSError with one line, like every other file's."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        image = io.BytesIO()
        pygame.image.save(surface, image, path.name if path.suffix else f"{path.name}.png")
        write_atomic(path, image.getvalue())
    except pygame.error as exc:
        raise OSError(f"cannot write the chart {path}: {exc}") from None
    except WriteRefused as exc:
        raise OSError(f"cannot write the chart: {exc}") from None


def axis(surface: pygame.Surface, fonts: Fonts, area: Rect, label: str,
         low: int = 0, high: int = 100, step: int | None = None) -> None:
    """A chart's value axis with its grid and its label above; `step` between grid lines
    (20 over a range above 50, else 10, unless given)."""
    x, y, w, h = area
    for value in range(low, high + 1, step or (20 if high - low > 50 else 10)):
        gy = y + h - int(h * (value - low) / (high - low))
        pygame.draw.line(surface, GRID, (x, gy), (x + w, gy))
        text = fonts[22].render(str(value), True, INK)
        surface.blit(text, (x - 8 - text.get_width(), gy - 8))
    pygame.draw.line(surface, INK, (x, y), (x, y + h), 2)
    pygame.draw.line(surface, INK, (x, y + h), (x + w, y + h), 2)
    surface.blit(fonts[26].render(label, True, INK), (x, y - 26))


def _bars(surface: pygame.Surface, fonts: Fonts, report: BalanceReport, area: Rect) -> None:
    x, y, w, h = area
    axis(surface, fonts, area, "Mean final metrics and score (whisker: 1 std)")
    names = list(report.stats)
    group = w / len(MEASURES)
    bar = max(int(group * 0.8 / max(len(names), 1)), 4)
    for g, measure in enumerate(MEASURES):
        left = x + int(g * group + group * 0.1)
        for i, name in enumerate(names):
            spread = report.stats[name].measures[measure]
            height = int(h * max(min(spread.mean, 100.0), 0.0) / 100)
            rect = (left + i * bar, y + h - height, bar - 3, height)
            pygame.draw.rect(surface, COLOURS.get(name, INK), rect)
            cx = left + i * bar + (bar - 3) // 2
            lo = y + h - int(h * max(spread.mean - spread.std, 0.0) / 100)
            hi = y + h - int(h * min(spread.mean + spread.std, 100.0) / 100)
            pygame.draw.line(surface, INK, (cx, lo), (cx, hi), 2)
        text = fonts[26].render(measure, True, INK)
        surface.blit(text, (left + (bar * len(names) - text.get_width()) // 2, y + h + 8))


def _lines(surface: pygame.Surface, fonts: Fonts, report: BalanceReport, area: Rect) -> None:
    x, y, w, h = area
    values = [v for s in report.stats.values() for v in s.per_round] + \
        ([report.par] if report.par is not None else [])
    low = max(int(min(values, default=0) // 10 * 10) - 10, 0)
    high = min(int(-(-max(values, default=100) // 10) * 10) + 10, 100)

    def at(value: float) -> int:
        return y + h - int(h * (value - low) / max(high - low, 1))

    axis(surface, fonts, area, "Mean score, round by round", low, high)
    rounds = max((len(s.per_round) for s in report.stats.values()), default=1)
    step = w / max(rounds - 1, 1)
    for r in range(rounds):
        text = fonts[22].render(str(r + 1), True, INK)
        surface.blit(text, (x + int(r * step) - text.get_width() // 2, y + h + 8))
    if report.par is not None:
        py = at(report.par)
        for dx in range(0, w, 16):
            pygame.draw.line(surface, COLOURS["greedy"], (x + dx, py), (x + min(dx + 8, w), py), 2)
        surface.blit(fonts[22].render("par", True, COLOURS["greedy"]), (x + w + 6, py - 8))
    for name, stats in report.stats.items():
        points = [(x + int(r * step), at(v)) for r, v in enumerate(stats.per_round)]
        if len(points) > 1:
            pygame.draw.lines(surface, COLOURS.get(name, INK), False, points, 4)
        for point in points:
            pygame.draw.circle(surface, COLOURS.get(name, INK), point, 5)


def _legend(surface: pygame.Surface, fonts: Fonts, report: BalanceReport, top: int) -> None:
    x = 70
    for name, stats in report.stats.items():
        width = 30 + fonts[26].size(f"{name} (score 00.0, 000 runs)")[0] + 36
        if x + width > WIDTH:
            x, top = 70, top + 32
        pygame.draw.rect(surface, COLOURS.get(name, INK), (x, top, 22, 22))
        label = f"{name} (score {stats.measures['score'].mean:.1f}, {stats.runs} runs)"
        text = fonts[26].render(label, True, INK)
        surface.blit(text, (x + 30, top + 2))
        x += 30 + text.get_width() + 36
