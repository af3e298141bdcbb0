"""Draw management's reference modes as PNGs with pygame, headless, in the style of
`balance --plot`: `python -m game.commands.reference_plot FOLDER [SCENARIO ...]`.

For each scenario two charts: the overload boom and bust (every team at 130 % load against
100 %: the delivery metric and the work done so far, round by round) and Brooks's law
(hiring in the two rounds before the late project's date against no hiring: the delivery
metric and that project's progress). The numbers come from game/reference/modes.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # draw off screen, never open a window
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402
import pygame  # noqa: E402  (only this command imports pygame here)

from game.commands.balance_plot import axis, save_png  # noqa: E402
from game.reference.modes import LATE_PROJECT, boom_bust, brooks  # noqa: E402
from game.scenario import load_scenario  # noqa: E402

WIDTH, HEIGHT = 1400, 640
INK, PAPER = (30, 30, 30), (255, 255, 255)
PATHS = [(0, 114, 178), (213, 94, 0)]   # Okabe-Ito blue (the sustainable path), vermilion
Series = dict[str, np.ndarray]
Rect = tuple[int, int, int, int]


def draw_chart(surface: pygame.Surface, fonts: dict[int, pygame.font.Font], area: Rect,
               title: str, lines: dict[str, np.ndarray]) -> None:
    """Lines over rounds 1..n on one axis, its range rounded to tens around the data."""
    x, y, w, h = area
    values = np.concatenate(list(lines.values()))
    low = int(min(values.min(), 0.0) // 10 * 10)
    high = int(-(-values.max() // 10) * 10)
    step_v = max((high - low) // 5 // 10 * 10, 10)
    axis(surface, fonts, area, title, low, high, step_v)
    rounds = max(len(v) for v in lines.values())
    step_x = w / max(rounds - 1, 1)
    for r in range(rounds):
        text = fonts[22].render(str(r + 1), True, INK)
        surface.blit(text, (x + int(r * step_x) - text.get_width() // 2, y + h + 8))
    for colour, series in zip(PATHS, lines.values(), strict=False):
        points = [(x + int(r * step_x), y + h - int(h * (v - low) / max(high - low, 1)))
                  for r, v in enumerate(series)]
        pygame.draw.lines(surface, colour, False, points, 4)
        for point in points:
            pygame.draw.circle(surface, colour, point, 5)


def draw_mode(title: str, left: tuple[str, dict[str, np.ndarray]],
              right: tuple[str, dict[str, np.ndarray]], path: Path) -> None:
    pygame.font.init()
    try:
        surface = pygame.Surface((WIDTH, HEIGHT))
        surface.fill(PAPER)
        fonts = {size: pygame.font.Font(None, size) for size in (22, 26, 34)}
        surface.blit(fonts[34].render(title, True, INK), (40, 20))
        draw_chart(surface, fonts, (90, 110, 560, HEIGHT - 230), *left)
        draw_chart(surface, fonts, (790, 110, 560, HEIGHT - 230), *right)
        lx = 90
        for colour, name in zip(PATHS, left[1], strict=False):
            pygame.draw.rect(surface, colour, (lx, HEIGHT - 70, 22, 22))
            text = fonts[26].render(name, True, INK)
            surface.blit(text, (lx + 30, HEIGHT - 68))
            lx += 30 + text.get_width() + 40
        surface.blit(fonts[22].render("round", True, INK), (WIDTH // 2 - 20, HEIGHT - 100))
        save_png(surface, path)
    finally:
        pygame.font.quit()


def draw_scenario(scenario_id: str, folder: Path) -> list[Path]:
    """The two reference-mode charts of one scenario, as `<id>-boom-bust.png` and
    `<id>-brooks.png` in `folder`."""
    title = load_scenario(scenario_id).title
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{scenario_id}-boom-bust.png", folder / f"{scenario_id}-brooks.png"]
    paced: dict[str, Series] = boom_bust(scenario_id)
    draw_mode(f"{title}: overload boom and bust (10 seeds' mean)",
              ("Delivery metric", {k: v["delivery"] for k, v in paced.items()}),
              ("Work done so far (points)", {k: v["work"] for k, v in paced.items()}), paths[0])
    project = LATE_PROJECT[scenario_id]
    scenario = load_scenario(scenario_id)
    index = [p.id for p in scenario.projects].index(project)
    hired: dict[str, Series] = brooks(scenario_id, project)
    draw_mode(f"{title}: Brooks's law, hiring before {scenario.project(project).title}'s date "
              f"(round {scenario.project(project).due})",
              ("Delivery metric", {k: v["delivery"] for k, v in hired.items()}),
              (f"{scenario.project(project).title}: progress (%)",
               {k: v["progress"][:, index] * 100 for k, v in hired.items()}), paths[1])
    return paths


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.commands.reference_plot",
        description="Draw the model's reference modes (overload boom and bust, Brooks's law) "
                    "as PNG charts, two per scenario.")
    parser.add_argument("folder", type=Path, nargs="?", help="where the PNGs go (made if missing)")
    parser.add_argument("scenarios", nargs="*", metavar="SCENARIO",
                        help=f"scenario ids (default: {' '.join(LATE_PROJECT)})")
    args = parser.parse_args(argv)   # -h prints this
    if args.folder is None:
        print("usage: python -m game.commands.reference_plot FOLDER [SCENARIO ...]", file=sys.stderr)
        return 2
    for scenario_id in args.scenarios or list(LATE_PROJECT):
        if scenario_id not in LATE_PROJECT:
            print(f"reference_plot: no reference modes for {scenario_id!r} (they are drawn for "
                  f"{', '.join(LATE_PROJECT)})", file=sys.stderr)
            return 2
        try:
            paths = draw_scenario(scenario_id, args.folder)
        except OSError as exc:
            print(f"reference_plot: cannot write the charts in {args.folder}: "
                  f"{exc.strerror or exc}", file=sys.stderr)
            return 1
        for path in paths:
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
