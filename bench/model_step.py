"""How fast the organisation model steps: one playthrough at a time versus a batch.

Prints the time per playthrough-round for batch sizes 1..1024 and each one's speed-up over
stepping playthroughs one by one (the reference, measured in the same process), then the
B = 1 step's best and median time (the target: under 300 us on the default scenario; on a
shared machine the best is the steadier figure).
Run: python bench/model_step.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from game.model import RoundPlan, new_game, params_for, step
from game.scenario import load_scenario


def plan_for(world, batch: int, rng: np.random.Generator) -> RoundPlan:
    return RoundPlan(
        vision=rng.integers(-1, world.ambition.size, batch),
        actions=(rng.random((batch, 6)) < 0.4).astype(float),
        coached=(rng.random((batch, world.teams)) < 0.3).astype(float),
        budget=rng.dirichlet(np.ones(len(world.categories)), size=batch),
        schedule=rng.random((batch, world.teams, world.projects)) / world.projects,
        overtime=rng.random(batch) * 0.5,
        reviews=(rng.random(batch) < 0.5).astype(float),
    )


def per_round_seconds(batch: int, repeats: int = 7) -> tuple[float, float, float]:
    """Median wall, median CPU (process) and best wall seconds per round."""
    scenario = load_scenario("scaling-new-markets")
    params = params_for(scenario)
    world, start = new_game(scenario, batch)
    rng = np.random.default_rng(0)
    plans = [plan_for(world, batch, rng) for _ in range(scenario.rounds)]
    wall, cpu = [], []
    for _ in range(repeats):
        state = start
        began, began_cpu = time.perf_counter(), time.process_time()
        for plan in plans:
            state, _ = step(state, plan, world, params, rng)
        wall.append((time.perf_counter() - began) / scenario.rounds)
        cpu.append((time.process_time() - began_cpu) / scenario.rounds)
    return statistics.median(wall), statistics.median(cpu), min(wall)


def main() -> None:
    reference, reference_cpu, best = per_round_seconds(1, repeats=31)
    print(f"{'batch':>6} {'per round':>12} {'per playthrough-round':>22} {'cpu':>10} {'speed-up':>9}")
    for batch in (1, 16, 64, 256, 1024):
        seconds, cpu, _ = (reference, reference_cpu, best) if batch == 1 else per_round_seconds(batch)
        per, per_cpu = seconds / batch, cpu / batch
        print(
            f"{batch:>6} {seconds * 1e3:10.3f}ms {per * 1e6:20.1f}us {per_cpu * 1e6:8.1f}us"
            f" {reference / per:8.1f}x"
        )
    print(f"B = 1 step: best {best * 1e6:.1f}us, median {reference * 1e6:.1f}us (target: under 300us)")


if __name__ == "__main__":
    main()
