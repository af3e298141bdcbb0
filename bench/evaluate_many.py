"""`sailkeel evaluate` on a big policy file: wall time and peak memory of the whole command.

Writes N policy lines (default 100 000) for a scenario — the scripted players' games on 200
seeds written as policies, each line under its own name, so no two neighbouring lines are
the same game — then runs `python -m game evaluate SCENARIO --policies FILE --seeds 1
--json` in a child process and prints its wall time, its peak resident memory (the
child's ru_maxrss), its CPU time (on a busy machine the wall time is mostly waiting for
a core) and the number of policies the output scored. The target (issue 17):
100 000 policies in under 2 minutes and under 500 MB.

Run from the checkout: PYTHONPATH=. python bench/evaluate_many.py [--policies N] [--scenario ID] [--seeds S]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from game.analysis.searched import recorded
from game.scenario import load_scenario
from game.search.policy import from_sequence

KINDS = ("random", "balanced", "leader-only", "manager-only")
DISTINCT = 200


def write_policies(scenario_id: str, count: int, path: Path) -> None:
    scenario = load_scenario(scenario_id)
    lines = [json.dumps(from_sequence(scenario, recorded(scenario, KINDS[n % len(KINDS)], n), "x"),
                        separators=(",", ":")) for n in range(DISTINCT)]
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(lines[n % DISTINCT].replace('"name":"x"', f'"name":"p{n}"', 1) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", type=int, default=100_000)
    parser.add_argument("--scenario", default="first-voyage")
    parser.add_argument("--seeds", type=int, default=1)
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="sail-keel-bench-") as folder:
        path = Path(folder) / "policies.jsonl"
        write_policies(args.scenario, args.policies, path)
        size = path.stat().st_size / 1e6
        began = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "game", "evaluate", args.scenario,
                               "--policies", str(path), "--seeds", str(args.seeds), "--json"],
                              capture_output=True, text=True, cwd=root,
                              env={**os.environ, "PYTHONPATH": str(root)})
        seconds = time.perf_counter() - began
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb, cpu = child.ru_maxrss / 1024, child.ru_utime + child.ru_stime
    if done.returncode != 0:
        print(done.stderr.strip()[-2000:])
        raise SystemExit(1)
    scored = len(json.loads(done.stdout)["policies"])
    print(f"{args.scenario}: {args.policies} policies ({size:.1f} MB) x {args.seeds} seed(s)")
    print(f"  wall time   {seconds:8.1f} s   ({seconds / args.policies * 1e3:.2f} ms a policy)")
    print(f"  CPU time    {cpu:8.1f} s   (the wall time on a machine nobody else is using)")
    print(f"  peak memory {peak_mb:8.0f} MB")
    print(f"  scored      {scored:8d} policies")


if __name__ == "__main__":
    main()
